package caseload

import (
	"context"
	"slices"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// The search by pools (the Improve of every level): each
// unit's cases are planned again on an encoding of their own, the other
// units' cases held where the best plan has them (their loads come off
// the workers' limits), under the levels up to this one (deadlines, once
// settled, a cap instead); a pool whose plan comes first on those levels
// is written back, and the plan of all pools is then one call on the
// whole encoding, which keeps it only if it is better. The plans are
// valid for any problem (the whole encoding checks them); the bound only
// where the pools are independent (independentPools). It pays most where
// the units are many and the whole problem is large: on 300 x 5,000 in
// 25 teams no call on the whole encoding finds a better balance in 2 s,
// while a team's encoding (12 workers, 200 cases) is solved in a
// fraction of a second.
const (
	// poolsFrom is the fewest pairs of a case and a candidate at which
	// the search by pools runs: below it the whole search takes
	// milliseconds. On the 30 x 400 offices (about 3,200 pairs, four
	// units) it took seeds 1-5 from 0.44/1.86/0.15/0.26/0.61 s to
	// 0.61/0.94/0.31/0.34/0.53 s: slower by up to 0.17 s where the whole
	// search was fast, twice as fast where its last cores were hard.
	poolsFrom = 1000
	// poolCall bounds the search of one pool, and poolRetry its second
	// search when the first ran out of time (on 300 x 5,000 in 25 teams,
	// one team of 12 was not proven in 2 s).
	poolCall, poolRetry = 2 * time.Second, 10 * time.Second
)

// poolSearch is the search by pools for the level at position at of
// the problem's levels (an engine Improve).
func (r *run) poolSearch(at int) func(context.Context, []int) ([]z.Lit, int) {
	return func(ctx context.Context, settled []int) ([]z.Lit, int) {
		return r.improveByPools(ctx, at, settled)
	}
}

// improveByPools returns the literals of the best plan with each pool
// replanned where that lowers the level at position at (nil when no pool
// improves), and, where the pools are independent (see
// independentPools) and every pool's search was proven, the sum of
// their optima (their largest, for deadlines) as a bound. Each pool's
// levels are the earlier ones and this one, but deadlines: settled
// before, it is a cap on every worker instead (a pool that could do
// better there gains nothing, and must not trade the slack away).
func (r *run) improveByPools(ctx context.Context, at int, settled []int) ([]z.Lit, int) {
	from := poolsFrom
	if r.cfg.poolsFrom > 0 {
		from = r.cfg.poolsFrom
	}
	kinds := r.p.Levels()
	if r.best == nil || len(r.f.Pools) < 2 || r.e.pairs < from || at >= len(kinds) || len(settled) != at {
		return nil, 0
	}
	var levels []model.LevelKind
	capNear := -1
	for j, kind := range kinds[:at] {
		if kind == model.LevelDeadlines {
			capNear = settled[j]
			continue
		}
		levels = append(levels, kind)
	}
	levels = append(levels, kinds[at])
	best := slices.Clone(r.best)
	spanning := spanningGroups(r.p)
	improved, independent := false, r.independentPools(spanning)
	largest := kinds[at] == model.LevelDeadlines // the level is the pools' largest, not their sum
	values := make([]int, len(r.f.Pools))        // each pool's value, proven or not
	proved := make([]bool, len(r.f.Pools))
	for k := range r.f.Pools {
		if ctx.Err() != nil {
			return nil, 0
		}
		better, optimal, value := r.replanPool(ctx, k, best, poolCall, levels, capNear, true, spanning)
		improved, values[k], proved[k] = improved || better, value, optimal
	}
	// The pools whose search ran out of time get a longer one, once: the
	// others are settled, and where the pools are independent their
	// optima make the bound. Of a largest, any proven pool's optimum is a
	// bound, and a pool below it cannot change the level.
	floor := 0
	for k, ok := range proved {
		if ok {
			floor = max(floor, values[k])
		}
	}
	for k, ok := range proved {
		if ok || (largest && values[k] <= floor) {
			continue
		}
		if ctx.Err() != nil {
			return nil, 0
		}
		if largest && floor > 0 && capNear < 0 {
			// A pool at or below the proven floor leaves the level at
			// the floor: ask for that first, under a cap, which is far
			// easier than its own optimum (300 x 5,000, seed 1: a team
			// at 6 whose own optimum, 4, took more than the retry, where
			// the level's bound was 5).
			better, _, value := r.replanPool(ctx, k, best, poolCall, levels, floor, false, spanning)
			if better && value <= floor {
				improved, values[k] = true, value
				continue
			}
		}
		better, optimal, value := r.replanPool(ctx, k, best, poolRetry, levels, capNear, true, spanning)
		improved, values[k], proved[k] = improved || better, value, optimal
	}
	bound := 0
	switch {
	case !independent:
	case largest:
		for k, v := range values {
			if proved[k] {
				bound = max(bound, v)
			}
		}
	case !slices.Contains(proved, false):
		for _, v := range values {
			bound += v
		}
	}
	if !improved {
		return nil, bound
	}
	return r.e.planLits(r.p, r.f, best), bound
}

// planLits are the literals of a plan (a worker per case) on the
// encoding, with the balance chains' softs where the plan has them, so
// that a model under them scores what the plan scores (a soft only
// implies its deviation, and a model may leave it false where the
// deviation holds).
func (e *encoding) planLits(p *model.CaseProblem, f *model.CaseFacts, plan []int) []z.Lit {
	var out []z.Lit
	for c, s := range plan {
		if k := index(f.Candidates[c], s); k >= 0 {
			out = append(out, e.x[c][k])
		}
	}
	for k, dev := range poolDeviations(p, f, plan) {
		for m, d := range dev {
			if c := 3*k + m; c < len(e.chains) && d < len(e.chains[c]) {
				out = append(out, e.chains[c][d])
			}
		}
	}
	return out
}

// independentPools says whether each level of the office is made of
// the pools' own: when no case is of the whole office (so each worker is
// in one pool and holds only its cases) and no group spans two units.
// Then the moves, the balance, the spread and the affinity of a plan are
// the sums of its pools', its deadlines the largest of theirs, and a
// pool's plan changes nothing of another's: the lexicographic optimum of
// the office is its pools' optima put together, level by level.
func (r *run) independentPools(spanning map[string]bool) bool {
	for _, pool := range r.f.Pools {
		if pool.Unit == "" {
			return false
		}
	}
	return len(spanning) == 0
}

// spanningGroups are the groups whose cases are of two units or more.
func spanningGroups(p *model.CaseProblem) map[string]bool {
	unitOf := map[string]string{}
	out := map[string]bool{}
	for _, cs := range p.Cases {
		if cs.Group == "" {
			continue
		}
		if u, ok := unitOf[cs.Group]; ok && u != cs.Unit {
			out[cs.Group] = true
		}
		unitOf[cs.Group] = cs.Unit
	}
	return out
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
// its worker in best (not when one of its groups is in spanning, the
// groups across units), under levels (and nobody holding more than capNear
// near deadlines, when at least 0), and writes the plan into best when
// it is lexicographically better. It reports whether it did, whether its
// search was proven optimal, and the last level's value in the pool's
// best plan then. It keeps the pool's proven optima as bounds for its
// later searches only when remember is set: a search under a cap that
// the later ones need not keep proves optima only under that cap.
func (r *run) replanPool(ctx context.Context, k int, best []int, limit time.Duration, levels []model.LevelKind, capNear int, remember bool, spanning map[string]bool) (better, optimal bool, value int) {
	unit := r.f.Pools[k].Unit
	sub := *r.p
	sub.Cases = nil
	sub.Objective = levels
	var cases []int // the pool's cases, by position in r.p.Cases
	for c, cs := range r.p.Cases {
		if cs.Unit != unit {
			continue
		}
		if spanning[cs.Group] {
			return false, false, 0 // a group across units: it would tie the pools
		}
		cases = append(cases, c)
		sub.Cases = append(sub.Cases, cs)
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
	base := e.guards
	if capNear >= 0 {
		base = append(slices.Clone(base), e.nearAtMost(capNear))
	}
	lv := e.levels(read, true, nil)
	for j, kind := range levels[:len(levels)-1] {
		if v, ok := r.poolOptima[poolLevel{k, kind}]; ok {
			lv[j] = atLeast(lv[j], v)
		}
	}
	warmLits := e.planLits(&sub, f, warm)
	var found []int
	o := &engine.Optimizer{S: e.s, Levels: lv, Base: base, Warm: warmLits}
	o.Better = func([]int) { found = e.assignment() }
	err := o.Run(call) // nil: both levels proven; else the best plan in time
	if found == nil {
		return false, false, 0
	}
	got := f.Plan(&sub, model.Feasible, found).Objective
	optimal, value = err == nil, got.Measure(levels[len(levels)-1])
	if optimal && remember {
		if r.poolOptima == nil {
			r.poolOptima = map[poolLevel]int{}
		}
		for _, kind := range levels {
			r.poolOptima[poolLevel{k, kind}] = got.Measure(kind)
		}
	}
	if !lexBelow(got, now, levels) {
		return false, optimal, value
	}
	for i, c := range cases {
		best[c] = found[i]
	}
	return true, optimal, value
}

// lexBelow says whether a comes before b on the levels.
func lexBelow(a, b model.CaseObjective, levels []model.LevelKind) bool {
	for _, kind := range levels {
		if x, y := a.Measure(kind), b.Measure(kind); x != y {
			return x < y
		}
	}
	return false
}

// poolLevel names a pool's optimum of a level kind, proven on the pool's
// own encoding with the levels before it at their optima (and, after
// deadlines, under its cap, which only raises the later optima): a
// bound on the kind in any later search of the pool, so that search
// settles the kind at once when its first plan, the best, meets it.
type poolLevel struct {
	pool int
	kind model.LevelKind
}

// atLeast returns level l with v as a bound at its position.
func atLeast(l engine.Level, v int) engine.Level {
	raised := func(bound func([]int) int) func([]int) int {
		return func(settled []int) int {
			if bound != nil {
				return max(v, bound(settled))
			}
			return v
		}
	}
	switch l := l.(type) {
	case engine.Sum:
		l.Lower = raised(l.Lower)
		return l
	case engine.Max:
		l.Cut = raised(l.Cut)
		return l
	}
	return l
}
