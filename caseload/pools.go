package caseload

import (
	"context"
	"slices"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// The search by pools (engine.Sum.Improve for the balance level): each
// unit's cases are planned again on an encoding of their own, the other
// units' cases held where the best plan has them (their loads come off
// the workers' limits), under the levels moves then balance; a pool
// whose balance falls is written back, and the plan of all pools is then
// one call on the whole encoding, which keeps it only if it is better.
// The plans are valid for any problem (the whole encoding checks them);
// the bound only where the pools are independent (independentPools). It
// pays where the units are many and the whole problem is large: on
// 300 x 5,000 in 25 teams no call on the whole encoding finds a better
// balance in 2 s, while a team's encoding (12 workers, 200 cases) is
// solved in a fraction of a second.
const (
	// poolsFrom is the fewest pairs of a case and a candidate at which
	// the search by pools runs: below it, calls on the whole encoding
	// are fast (30 x 400: 3,000 pairs, each call 10-250 ms).
	poolsFrom = 20000
	// poolCall bounds the search of one pool, and poolRetry its second
	// search when the first ran out of time (on 300 x 5,000 in 25 teams,
	// one team of 12 was not proven in 2 s).
	poolCall, poolRetry = 2 * time.Second, 10 * time.Second
)

// improveByPools returns the literals of the best plan with each pool
// replanned where that lowers its balance (nil when no pool improves),
// and, where the pools are independent (see independentPools) and every
// pool's search was proven, the sum of their optima as a bound.
func (r *run) improveByPools(ctx context.Context, settled []int) ([]z.Lit, int) {
	from := poolsFrom
	if r.cfg.poolsFrom > 0 {
		from = r.cfg.poolsFrom
	}
	if r.best == nil || len(r.f.Pools) < 2 || r.e.pairs < from {
		return nil, 0
	}
	best := slices.Clone(r.best)
	improved, proven := false, r.independentPools(len(settled))
	values := make([]int, len(r.f.Pools)) // each pool's balance, proven or not
	var again []int                       // the pools whose search ran out of time
	for k := range r.f.Pools {
		if ctx.Err() != nil {
			return nil, 0
		}
		better, optimal, value := r.replanPool(ctx, k, best, poolCall)
		improved, values[k] = improved || better, value
		if !optimal {
			again = append(again, k)
		}
	}
	// Those get a longer search once: the others are settled, and where
	// the pools are independent their optima are the bound.
	for _, k := range again {
		if ctx.Err() != nil {
			return nil, 0
		}
		better, optimal, value := r.replanPool(ctx, k, best, poolRetry)
		improved, values[k] = improved || better, value
		proven = proven && optimal
	}
	bound := 0
	if proven {
		for _, v := range values {
			bound += v
		}
	}
	if !improved {
		return nil, bound
	}
	var out []z.Lit
	for c, s := range best {
		if k := index(r.f.Candidates[c], s); k >= 0 {
			out = append(out, r.e.x[c][k])
		}
	}
	// The chains' softs where the plan has them, so that the model's
	// value is the plan's (a soft only implies its deviation, and a model
	// may leave it false where the deviation holds).
	for k, dev := range poolDeviations(r.p, r.f, best) {
		for m, d := range dev {
			if c := 3*k + m; c < len(r.e.chains) && d < len(r.e.chains[c]) {
				out = append(out, r.e.chains[c][d])
			}
		}
	}
	return out, bound
}

// independentPools says whether the balance, at level position at, is
// the sum of the pools' optima each under the levels moves then balance:
// when moves is the only level before it, no case is of the whole office
// (so each worker is in one pool and holds only its cases), and no group
// spans two units. Then the fewest moves of the office is the sum of each
// pool's fewest, an optimum moves each pool's fewest, and each pool's
// balance given its own moves is independent of the others'.
func (r *run) independentPools(at int) bool {
	kinds := r.p.Levels()
	if at != 1 || kinds[0] != model.LevelMoves {
		return false
	}
	for _, pool := range r.f.Pools {
		if pool.Unit == "" {
			return false
		}
	}
	unitOf := map[string]string{}
	for _, cs := range r.p.Cases {
		if cs.Group == "" {
			continue
		}
		if u, ok := unitOf[cs.Group]; ok && u != cs.Unit {
			return false
		}
		unitOf[cs.Group] = cs.Unit
	}
	return true
}

// poolDeviations are the D(u, m) of a plan, per pool and measure.
func poolDeviations(p *model.CaseProblem, f *model.CaseFacts, assign []int) [][3]int {
	plan := f.Plan(p, model.Feasible, assign)
	out := make([][3]int, len(f.Pools))
	for k, pool := range f.Pools {
		for _, s := range pool.Staff {
			for _, sh := range plan.Staff[s].Shares {
				if sh.Unit != pool.Unit {
					continue
				}
				for m, rg := range []model.ShareRange{sh.Investigations, sh.FollowUps, sh.Weight} {
					out[k][m] = max(out[k][m], rg.Low-rg.Load, rg.Load-rg.High)
				}
			}
		}
	}
	return out
}

// replanPool plans pool k's cases again with every other case held at
// its worker in best, and writes the plan into best when its balance is
// lower at no more moves. It reports whether it did, whether its search
// was proven optimal, and the pool's balance in its best plan then.
func (r *run) replanPool(ctx context.Context, k int, best []int, limit time.Duration) (better, optimal bool, value int) {
	unit := r.f.Pools[k].Unit
	sub := *r.p
	sub.Cases = nil
	sub.Objective = []model.LevelKind{model.LevelMoves, model.LevelBalance}
	var cases []int // the pool's cases, by position in r.p.Cases
	groups := map[string]bool{}
	for c, cs := range r.p.Cases {
		if cs.Unit == unit {
			cases = append(cases, c)
			sub.Cases = append(sub.Cases, cs)
			if cs.Group != "" {
				groups[cs.Group] = true
			}
		}
	}
	for _, cs := range r.p.Cases {
		if cs.Unit != unit && groups[cs.Group] {
			return false, false, 0 // a group across units: it would tie the pools
		}
	}
	f := model.CaseFactsOf(&sub)
	// The other units' cases stay: what they load comes off the limits.
	other := make([][3]int, len(r.p.Staff))
	for c, s := range best {
		if s >= 0 && r.p.Cases[c].Unit != unit {
			for m := range 3 {
				other[s][m] += r.f.Amount[c][m]
			}
		}
	}
	full := make([][3]bool, len(r.p.Staff)) // no room left in a measure
	for _, s := range r.f.Pools[k].Staff {
		for m := range 3 {
			if other[s][m] > 0 && f.Limits[s][m] > 0 {
				left := f.Limits[s][m] - other[s][m]
				if left < 0 {
					return false, false, 0 // best breaks a limit: nothing to build on
				}
				if left == 0 {
					full[s][m] = true // a limit of 0 would mean none
					continue
				}
				f.Limits[s][m] = left
			}
		}
	}
	for c := range sub.Cases {
		keep := func(s int) bool {
			for m := range 3 {
				if full[s][m] && f.Amount[c][m] > 0 {
					return false
				}
			}
			return true
		}
		var cands, costs []int
		for j, s := range f.Candidates[c] {
			if keep(s) || f.Kept[c] {
				cands, costs = append(cands, s), append(costs, f.Costs[c][j])
			}
		}
		f.Candidates[c], f.Costs[c] = cands, costs
	}
	warm := make([]int, len(cases))
	for i, c := range cases {
		warm[i] = best[c]
	}
	now := f.Plan(&sub, model.Feasible, warm).Objective
	call, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	e := encode(call, &sub, f, warm)
	if call.Err() != nil {
		return false, false, 0
	}
	read := func() model.CaseObjective { return f.Plan(&sub, model.Feasible, e.assignment()).Objective }
	var warmLits []z.Lit
	for i, s := range warm {
		if j := index(f.Candidates[i], s); j >= 0 {
			warmLits = append(warmLits, e.x[i][j])
		}
	}
	var found []int
	o := &engine.Optimizer{S: e.s, Levels: e.levels(read, true, nil), Base: e.guards, Warm: warmLits}
	o.Better = func([]int) { found = e.assignment() }
	err := o.Run(call) // nil: both levels proven; else the best plan in time
	if found == nil {
		return false, false, 0
	}
	got := f.Plan(&sub, model.Feasible, found).Objective
	optimal, value = err == nil, got.Balance
	if got.Moves > now.Moves || got.Balance >= now.Balance {
		return false, optimal, value
	}
	for i, c := range cases {
		best[c] = found[i]
	}
	return true, optimal, value
}
