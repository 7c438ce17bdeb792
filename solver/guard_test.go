package solver_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// TestGuardsHoldInSubprocess solves, in a subprocess, the problems whose
// search would reach gini's fatal re-solve defect (gini defect #1, internal/engine) without the
// guards: infeasible problems solved, explained and relaxed again and
// again, with and without the bounds, and a deviation bound that fails
// before any SAT answer. The defect calls log.Fatalf, which no recover
// catches: only another process can count the exits, and none is allowed.
func TestGuardsHoldInSubprocess(t *testing.T) {
	if os.Getenv("ROSTERSAT_CHILD") == "guards" {
		guardSequences(t)
		os.Stdout.WriteString("guards held\n")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGuardsHoldInSubprocess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ROSTERSAT_CHILD=guards")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	require.Contains(t, string(out), "guards held")
}

func guardSequences(t *testing.T) {
	ctx := context.Background()
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-02")},
		Staff:  []model.Staff{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 2}, Spacing: model.Spacing{Weeks: 3}},
	}
	for _, tun := range []solver.Tuning{{}, {NoFlowBound: true}, {NoFlowBound: true, NoCountingCuts: true, NoRequestBound: true}} {
		for range 3 {
			sch, err := solver.Solve(ctx, p, solver.WithTuning(tun))
			require.ErrorIs(t, err, solver.ErrInfeasible)
			require.Equal(t, model.Infeasible, sch.Status)
			rel, err := solver.Relax(ctx, p, solver.WithTuning(tun))
			require.NoError(t, err)
			require.Positive(t, rel.Weight)
		}
	}

	// A deviation bound that fails before any SAT answer, without the flow
	// bound: the rules' guard keeps the formula satisfiable, so the search
	// may go on solving the same session.
	q := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-09")},
		Units:  []model.Unit{{ID: "u"}},
		Staff:  []model.Staff{{ID: "a", Unit: "u"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 2}, UnitMinimums: []model.UnitMinimum{{Unit: "u", Min: 1}}},
	}
	sch, err := solver.Solve(ctx, q, solver.WithTuning(solver.Tuning{NoFlowBound: true}))
	require.NoError(t, err)
	require.Equal(t, model.Optimal, sch.Status)
	require.Equal(t, 3, sch.Objective.Deviation)
}
