package solver_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// tinyProblems returns seeded random problems small enough for the brute
// force over rule instances (at most 16 available person-dates).
func tinyProblems(n int) []*model.Problem {
	var out []*model.Problem
	for seed := uint64(0); len(out) < n; seed++ {
		p := randomProblem(20000+seed, 4, 4)
		if newGrids(p).cells() <= 16 {
			out = append(out, p)
		}
	}
	return out
}

// TestExplanationsAreMinimal solves tiny random problems and checks every
// explanation of infeasibility against the brute force: the reasons
// cannot all hold, and without any one of them the rest can. Every
// relaxation breaks the least number of instances any rota breaks, keeps
// every other instance, and is lexicographically optimal among the rotas
// that drop no more.
func TestExplanationsAreMinimal(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 80
	}
	infeasible := 0
	for i, p := range tinyProblems(n) {
		g := newGrids(p)
		for _, tun := range []solver.Tuning{{}, {NoFlowBound: true, NoRequestBound: true}} {
			_, err := solver.Solve(context.Background(), p, solver.WithTuning(tun))
			var ie *solver.InfeasibleError
			if !errors.As(err, &ie) {
				require.NoError(t, err, "problem %d", i)
				continue
			}
			infeasible++
			require.True(t, ie.Minimal, "problem %d", i)
			var reasons []model.Rule
			for _, r := range ie.Reasons {
				reasons = append(reasons, r.Rule)
			}
			require.NotEmpty(t, reasons, "problem %d", i)
			require.False(t, g.keepsAll(reasons), "problem %d: the reasons %v can all hold", i, reasons)
			for drop := range reasons {
				rest := append(append([]model.Rule(nil), reasons[:drop]...), reasons[drop+1:]...)
				require.True(t, g.keepsAll(rest), "problem %d: without %v the reasons %v still clash", i, reasons[drop], rest)
			}
		}
		rel, err := solver.Relax(context.Background(), p)
		require.NoError(t, err, "problem %d", i)
		least, _ := g.leastDrop(nil)
		require.Equal(t, least, rel.Weight, "problem %d: relaxation weight", i)
		require.Len(t, rel.Dropped, least, "problem %d", i)
		require.Equal(t, model.Optimal, rel.Schedule.Status, "problem %d", i)
		require.Empty(t, model.CheckRelaxed(p, rel.Schedule, rel.Rules()), "problem %d", i)
		_, best := g.leastDrop(rel.Rules())
		for j, l := range rel.Schedule.Objective.Levels {
			require.Equal(t, best[j], l.Value, "problem %d: level %s of the relaxation", i, l.Kind)
		}
	}
	t.Logf("%d problems, %d explanations checked", n, infeasible)
	require.Greater(t, infeasible, n/10)
}
