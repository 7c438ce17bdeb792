package engine

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/gen"
	"github.com/irifrance/gini/z"
	"github.com/stretchr/testify/require"
)

// child runs the named test in a subprocess of the test binary with the
// given mode, and returns its output and exit error. Defect #1 (doc.go)
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

// TestSessionRefusesInSubprocess runs, in a subprocess, the call sequences
// that reach the defect with gini alone, and counts the process exits:
// none allowed.
func TestSessionRefusesInSubprocess(t *testing.T) {
	if os.Getenv("ROSTERSAT_CHILD") == "session" {
		refusals(t)
		os.Stdout.WriteString("session held\n")
		return
	}
	out, err := child(t, "TestSessionRefusesInSubprocess", "session")
	require.NoError(t, err, out)
	require.Contains(t, out, "session held")
}

func refusals(t *testing.T) {
	ctx := context.Background()
	// A second solve of an UNSAT formula is refused.
	s := New(0, 0)
	gen.Php(s, 5, 4)
	out, err := s.Solve(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, Unsat, out)
	require.True(t, s.Dead())
	for range 3 {
		_, err = s.Solve(ctx, nil)
		require.ErrorIs(t, err, ErrUnsafe)
	}

	// UNSAT under an assumption before any SAT, on a formula not declared
	// satisfiable: suspect, refused too.
	s = New(0, 0)
	gen.Php(s, 5, 4)
	m := s.Lit()
	out, err = s.Solve(ctx, []z.Lit{m})
	require.NoError(t, err)
	require.Equal(t, Unsat, out)
	_, err = s.Solve(ctx, nil)
	require.ErrorIs(t, err, ErrUnsafe)

	// The same pigeonhole behind a guard: refuted under the guard, again
	// and again, and satisfiable without it.
	s = New(0, 0)
	s.Satisfiable()
	guard := s.Lit()
	gen.Php(Guarded(s, guard), 5, 4)
	for range 3 {
		out, err = s.Solve(ctx, []z.Lit{guard})
		require.NoError(t, err)
		require.Equal(t, Unsat, out)
		require.Equal(t, []z.Lit{guard}, s.Failed())
	}
	out, err = s.Solve(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, Sat, out)
}

// TestStopLeavesSessionUsable cancels a hard solve and then asks the same
// session an easy question: unlike Try (defect #2 in doc.go), the cancellation must
// leave nothing behind.
func TestStopLeavesSessionUsable(t *testing.T) {
	s := New(0, 0)
	gen.Php(s, 11, 10) // far too hard to finish before the deadline
	guard := s.Lit()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	out, err := s.Solve(ctx, nil)
	cancel()
	require.True(t, errors.Is(err, context.DeadlineExceeded), "got %v %v", out, err)
	require.Equal(t, Unknown, out)
	require.False(t, s.Dead())
	// The session has never answered SAT and has not failed: still safe.
	out, err = s.Solve(context.Background(), []z.Lit{guard, guard.Not()})
	require.NoError(t, err)
	require.Equal(t, Unsat, out)
}

// TestReserveHandsOutInOrder checks that reserved variables come out in
// creation order, before any fresh one, also across two reserves.
func TestReserveHandsOutInOrder(t *testing.T) {
	s := New(0, 0)
	first := s.Lit()
	s.Reserve(3)
	s.Reserve(2)
	var got []z.Var
	for range 6 {
		got = append(got, s.Lit().Var())
	}
	want := []z.Var{first.Var() + 1, first.Var() + 2, first.Var() + 3, first.Var() + 4, first.Var() + 5, first.Var() + 6}
	require.Equal(t, want, got)
	require.Equal(t, 7, s.Stats().Variables)
}

// TestEmptyClauseIsFalse checks that an empty clause, which gini must
// never see, is written as a contradiction over a fresh variable.
func TestEmptyClauseIsFalse(t *testing.T) {
	s := New(0, 0)
	s.Satisfiable()
	guard := s.Lit()
	Guarded(s, guard).Add(z.LitNull) // the clause (¬guard)
	out, err := s.Solve(context.Background(), []z.Lit{guard})
	require.NoError(t, err)
	require.Equal(t, Unsat, out)
	plain := New(0, 0)
	plain.Add(z.LitNull)
	out, err = plain.Solve(context.Background(), nil)
	require.NoError(t, err)
	require.Equal(t, Unsat, out)
}
