package solver

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/gen"
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// child runs the test named in a subprocess of the test binary with the
// given mode, and returns its output and exit error. The GINI.md #1 defect
// calls log.Fatalf, which no recover catches: only another process can
// watch it happen.
func child(t *testing.T, test, mode string) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ROSTERSAT_CHILD="+mode)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestGiniDefectIsReal shows, in a subprocess, that the defect the session
// guards against still ends a process: a second Solve of a formula that is
// unsatisfiable without assumptions. If gini is ever fixed this test says
// so, and the guard can be reconsidered.
func TestGiniDefectIsReal(t *testing.T) {
	if os.Getenv("ROSTERSAT_CHILD") == "raw" {
		g := gini.New()
		gen.Php(g, 5, 4)
		g.Solve()
		g.Solve()
		os.Stdout.WriteString("raw gini survived\n")
		return
	}
	out, err := child(t, "TestGiniDefectIsReal", "raw")
	require.Error(t, err, "gini v1.0.1 no longer exits on a second UNSAT solve: %s", out)
	require.NotContains(t, out, "raw gini survived")
}

// TestGuardsHoldInSubprocess runs, in a subprocess, every sequence of calls
// that would reach the defect without the session's guard, and counts the
// process exits: none allowed.
func TestGuardsHoldInSubprocess(t *testing.T) {
	if os.Getenv("ROSTERSAT_CHILD") == "guards" {
		guardSequences(t)
		os.Stdout.WriteString("guards held\n")
		return
	}
	out, err := child(t, "TestGuardsHoldInSubprocess", "guards")
	require.NoError(t, err, out)
	require.Contains(t, out, "guards held")
}

func guardSequences(t *testing.T) {
	ctx := context.Background()
	// The session refuses a second solve of an UNSAT formula.
	s := newSession()
	gen.Php(s, 5, 4)
	out, err := s.solve(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, unsat, out)
	require.True(t, s.dead)
	for range 3 {
		_, err = s.solve(ctx, nil)
		require.ErrorIs(t, err, errUnsafe)
	}

	// UNSAT under an assumption before any SAT: suspect, refused too.
	s = newSession()
	gen.Php(s, 5, 4)
	m := s.Lit()
	out, err = s.solve(ctx, []z.Lit{m})
	require.NoError(t, err)
	require.Equal(t, unsat, out)
	_, err = s.solve(ctx, nil)
	require.ErrorIs(t, err, errUnsafe)

	// Infeasible problems, solved again and again, with and without the
	// flow bound (without it the SAT search must find the contradiction).
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-02")},
		Staff:  []model.Staff{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 2}, Spacing: model.Spacing{Weeks: 3}},
	}
	for _, opts := range [][]Option{nil, {WithFlowBound(false)}, {WithFlowBound(false), WithCountingClauses(false)}} {
		for range 3 {
			sch, err := Solve(ctx, p, opts...)
			require.ErrorIs(t, err, ErrInfeasible)
			require.Equal(t, model.Infeasible, sch.Status)
		}
	}

	// A deviation bound that fails before any SAT answer, without the flow
	// bound: the rules' guard keeps the formula satisfiable, so the run
	// may go on solving the same session.
	q := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-09")},
		Units:  []model.Unit{{ID: "u"}},
		Staff:  []model.Staff{{ID: "a", Unit: "u"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 2}, UnitMinimums: []model.UnitMinimum{{Unit: "u", Min: 1}}},
	}
	sch, err := Solve(ctx, q, WithFlowBound(false))
	require.NoError(t, err)
	require.Equal(t, model.Optimal, sch.Status)
	require.Equal(t, 3, sch.Objective.Deviation)
}

// TestStopLeavesSessionUsable cancels a hard solve and then asks the same
// session an easy question: unlike Try (GINI.md #2), the cancellation must
// leave nothing behind.
func TestStopLeavesSessionUsable(t *testing.T) {
	s := newSession()
	gen.Php(s, 11, 10) // far too hard to finish before the deadline
	guard := s.Lit()
	ctx, cancel := context.WithTimeout(context.Background(), 50_000_000)
	out, err := s.solve(ctx, nil)
	cancel()
	require.True(t, errors.Is(err, context.DeadlineExceeded), "got %v %v", out, err)
	require.Equal(t, unknown, out)
	require.False(t, s.dead)
	// The session has never answered SAT and has not failed: still safe.
	out, err = s.solve(context.Background(), []z.Lit{guard, guard.Not()})
	require.NoError(t, err)
	require.Equal(t, unsat, out)
}
