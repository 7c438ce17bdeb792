package caseload

import (
	"context"
	"testing"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// TestImproveByPools: from a first plan of offices in teams, the
// search by pools returns a plan that the whole encoding accepts, that
// passes the independent checker, moves no more cases and is better
// balanced.
func TestImproveByPools(t *testing.T) {
	tested := 0
	for seed := int64(1); seed <= 6; seed++ {
		p, err := gen.CaseOffice(gen.CaseSpec{Workers: 40, Cases: 320, New: 20, Team: 8}, seed)
		require.NoError(t, err)
		if seed%2 == 0 {
			// Some cases of the whole office: their workers then hold
			// cases of two pools, and a pool's search must leave room
			// under the limits for the other pool's cases.
			for c := range p.Cases {
				if c%8 == 0 {
					p.Cases[c].Unit = ""
				}
			}
			p.Capacity.Weight = 30 // tight, so that the limits bind
			require.NoError(t, p.Validate())
		}
		ctx := context.Background()
		f := model.CaseFactsOf(p)
		warm := greedy(p, f)
		r := &run{ctx: ctx, cfg: config{poolsFrom: 1}, p: p, f: f}
		r.e = encode(ctx, p, f, warm)
		r.e.balanceLevel() // the chains whose softs the plan's literals include
		// A first model of the whole encoding (the greedy plan preferred)
		// is where the search by pools starts, as in Assign.
		out, err := r.e.s.Solve(ctx, r.e.guards)
		require.NoError(t, err)
		if out != engine.Sat {
			continue // no plan keeps the rules: nothing to improve
		}
		tested++
		r.best = r.e.assignment()
		before := f.Plan(p, model.Feasible, r.best).Objective

		lits, _ := r.improveByPools(ctx, 1, []int{0})
		require.NotNil(t, lits, "seed %d: no pool improved on the greedy plan (balance %d)", seed, before.Balance)
		out, err = r.e.s.Solve(ctx, append(append(r.e.guards[:0:0], r.e.guards...), lits...))
		require.NoError(t, err)
		require.Equal(t, engine.Sat, out, "seed %d: the whole encoding refuses the plan", seed)
		plan := f.Plan(p, model.Feasible, r.e.assignment())
		require.Empty(t, model.CheckCases(p, plan), "seed %d", seed)
		require.LessOrEqual(t, plan.Objective.Moves, before.Moves, "seed %d", seed)
		require.Less(t, plan.Objective.Balance, before.Balance, "seed %d", seed)
		t.Logf("seed %d: balance %d -> %d, moves %d -> %d", seed, before.Balance, plan.Objective.Balance, before.Moves, plan.Objective.Moves)
	}
	require.GreaterOrEqual(t, tested, 3, "offices with a plan")
}

// TestPoolsBound: where the pools are independent (teams, no case of the
// whole office, moves the only level before balance), the sum of the
// pools' proven optima is the office's optimum balance, as Assign proves
// it on the whole encoding; with a case of the whole office there is no
// such bound.
func TestPoolsBound(t *testing.T) {
	ctx := context.Background()
	tested := 0
	for seed := int64(1); seed <= 3; seed++ {
		p, err := gen.CaseOffice(gen.CaseSpec{Workers: 40, Cases: 320, New: 20, Team: 8}, seed)
		require.NoError(t, err)
		want, err := Assign(ctx, p)
		if err != nil {
			continue // no plan keeps the rules
		}
		require.Equal(t, model.Optimal, want.Status)
		f := model.CaseFactsOf(p)
		r := &run{ctx: ctx, cfg: config{poolsFrom: 1}, p: p, f: f}
		r.e = encode(ctx, p, f, greedy(p, f))
		r.e.balanceLevel()
		out, err := r.e.s.Solve(ctx, r.e.guards)
		require.NoError(t, err)
		require.Equal(t, engine.Sat, out)
		r.best = r.e.assignment()
		_, bound := r.improveByPools(ctx, 1, []int{want.Objective.Moves})
		require.Equal(t, want.Objective.Balance, bound, "seed %d", seed)
		tested++

		p.Cases[0].Unit = "" // now a worker may hold cases of two pools
		require.NoError(t, p.Validate())
		r.p, r.f = p, model.CaseFactsOf(p)
		r.e = encode(ctx, p, r.f, nil)
		r.e.balanceLevel()
		out, err = r.e.s.Solve(ctx, r.e.guards)
		require.NoError(t, err)
		require.Equal(t, engine.Sat, out)
		r.best = r.e.assignment()
		_, bound = r.improveByPools(ctx, 1, []int{want.Objective.Moves})
		require.Zero(t, bound, "seed %d: a bound across dependent pools", seed)
	}
	require.Positive(t, tested)
}
