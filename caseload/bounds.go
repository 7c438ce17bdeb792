package caseload

import (
	"context"
	"slices"

	"github.com/rostersat/rostersat/model"
)

// The bounds below are counting arguments, valid over every plan that
// keeps the hard rules, computed before any search: they are the Lower
// of each level, so that a plan meeting them is proven without a SAT
// call, and a level whose optimum is above them still starts its search
// from there.

// movesBound: a case whose worker may no longer hold it moves (fixed),
// and a worker who holds more than a limit gives up at least the fewest
// cases that bring them under it.
func movesBound(p *model.CaseProblem, f *model.CaseFacts) (fixed, lower int) {
	held := make([][]int, len(p.Staff))
	for c, cur := range f.Current {
		switch {
		case cur < 0:
		case index(f.Candidates[c], cur) < 0:
			fixed++
		default:
			held[cur] = append(held[cur], c)
		}
	}
	// A group all of whose cases one worker holds moves as a whole, so
	// it is one item of that worker's knapsack; the cases of a group
	// split between workers are items of their own (a relaxation).
	whole := map[int]int{} // case to its group, for groups held by one worker
	for g, grp := range f.Groups {
		cur := f.Current[grp.Cases[0]]
		one := cur >= 0
		for _, c := range grp.Cases {
			one = one && f.Current[c] == cur && index(f.Candidates[c], cur) >= 0
		}
		if one {
			for _, c := range grp.Cases {
				whole[c] = g
			}
		}
	}
	for s, cases := range held {
		if f.OnLeave[s] {
			continue
		}
		var sum [3]int
		excess := make([]int, 3)
		var amounts [][]int
		var sizes []int
		item := map[int]int{} // group to its item
		for _, c := range cases {
			for m := range 3 {
				sum[m] += f.Amount[c][m]
			}
			g, grouped := whole[c]
			if i, ok := item[g]; grouped && ok {
				for m := range 3 {
					amounts[i][m] += f.Amount[c][m]
				}
				sizes[i]++
				continue
			}
			if grouped {
				item[g] = len(amounts)
			}
			amounts = append(amounts, append([]int(nil), f.Amount[c][:]...))
			sizes = append(sizes, 1)
		}
		most := 0
		for m := range 3 {
			if l := f.Limits[s][m]; l > 0 {
				excess[m] = max(0, sum[m]-l)
				// One measure alone, case by case, the heaviest first.
				sorted := make([]int, len(cases))
				for i, c := range cases {
					sorted[i] = f.Amount[c][m]
				}
				slices.SortFunc(sorted, func(a, b int) int { return b - a })
				most = max(most, shed(sorted, sum[m], l))
			}
		}
		if _, n, exact := fewestToShed(amounts, sizes, excess); exact {
			most = max(most, n)
		}
		lower += most
	}
	// A group whose cases have several workers now keeps at most those of
	// one of them.
	groupLower := 0
	for _, g := range f.Groups {
		per := map[int]int{}
		had := 0
		for _, c := range g.Cases {
			if cur := f.Current[c]; cur >= 0 && index(f.Candidates[c], cur) >= 0 {
				per[cur]++
				had++
			}
		}
		best := 0
		for _, n := range per {
			best = max(best, n)
		}
		groupLower += had - best
	}
	return fixed, fixed + max(lower, groupLower)
}

// reach is, per member of the pool and measure, the most of the unit's
// cases they could hold (all those they may) and the least (those only
// they may hold), before any limit.
func reach(p *model.CaseProblem, f *model.CaseFacts, pool model.CasePool) (most, forced [][3]int) {
	most, forced = make([][3]int, len(pool.Staff)), make([][3]int, len(pool.Staff))
	at := map[int]int{}
	for j, s := range pool.Staff {
		at[s] = j
	}
	for c, cands := range f.Candidates {
		if p.Cases[c].Unit != pool.Unit || f.Kept[c] {
			continue
		}
		for _, s := range cands {
			if j, ok := at[s]; ok {
				for m := range 3 {
					most[j][m] += f.Amount[c][m]
					if len(cands) == 1 {
						forced[j][m] += f.Amount[c][m]
					}
				}
			}
		}
	}
	return most, forced
}

// poolBounds bounds each unit's deviations D(u, m): a worker who cannot
// reach the floor of a share, or who must carry more than its ceiling,
// deviates; and a pool whose members can carry at most High+d each
// holds the pool's total only for d large enough. The lower bound of
// the unit's part of the Balance is then poolLower.
func poolBounds(p *model.CaseProblem, f *model.CaseFacts) [][3]int {
	out := make([][3]int, len(f.Pools))
	for k, pool := range f.Pools {
		most, forced := reach(p, f, pool)
		for m := range 3 {
			bound := 0
			for j, s := range pool.Staff {
				if l := f.Limits[s][m]; l > 0 {
					most[j][m] = min(most[j][m], l)
				}
				bound = max(bound, pool.Low[m][j]-most[j][m], forced[j][m]-pool.High[m][j])
			}
			// The least d at which the members can hold the total, by
			// bisection: their room grows with d.
			room := func(d int) bool {
				sum := 0
				for j := range pool.Staff {
					sum += min(most[j][m], pool.High[m][j]+d)
				}
				return sum >= pool.Total[m]
			}
			lo, hi := bound, bound+pool.Total[m]+1
			for lo < hi {
				if d := (lo + hi) / 2; room(d) {
					hi = d
				} else {
					lo = d + 1
				}
			}
			if lo <= bound+pool.Total[m] {
				bound = lo
			}
			out[k][m] = bound
		}
	}
	return out
}

// spreadBound: every worker who cannot reach the floor of a share, or
// must carry more than its ceiling, deviates by that much at least.
func spreadBound(p *model.CaseProblem, f *model.CaseFacts) int {
	n := 0
	for _, pool := range f.Pools {
		most, forced := reach(p, f, pool)
		for j, s := range pool.Staff {
			for m := range 3 {
				if l := f.Limits[s][m]; l > 0 {
					most[j][m] = min(most[j][m], l)
				}
				n += max(0, pool.Low[m][j]-most[j][m], forced[j][m]-pool.High[m][j])
			}
		}
	}
	return n
}

// poolLower bounds a unit's part of the Balance, the sum of its D(u, m),
// from bounds on each D(u, m) and one on their largest (top).
func poolLower(each [3]int, top int) int {
	return max(each[0]+each[1]+each[2], top)
}

// balanceBound is the sum of the units' bounds.
func balanceBound(ctx context.Context, p *model.CaseProblem, f *model.CaseFacts) int {
	return cutsBound(dCuts(ctx, p, f, -1))
}

// cutsBound is the sum of the units' bounds from their dCuts.
func cutsBound(cuts [][3]int) int {
	n := 0
	for _, each := range cuts {
		n += poolLower(each, 0)
	}
	return n
}

// deadlineBound: the near investigations of a unit go to its pool, so
// one of them holds at least their average; a worker on leave keeps
// theirs.
func deadlineBound(p *model.CaseProblem, f *model.CaseFacts) int {
	bound := 0
	perPool := map[string]int{}
	kept := make([]int, len(p.Staff))
	for c := range p.Cases {
		if !f.Near[c] {
			continue
		}
		if f.Kept[c] {
			kept[f.Current[c]]++
			bound = max(bound, kept[f.Current[c]])
			continue
		}
		perPool[p.Cases[c].Unit]++
	}
	for _, pool := range f.Pools {
		if n, size := perPool[pool.Unit], len(pool.Staff); size > 0 {
			bound = max(bound, (n+size-1)/size)
		}
	}
	return bound
}

// affinityBound: every case costs at least its cheapest candidate.
func affinityBound(f *model.CaseFacts) int {
	sum := 0
	for _, costs := range f.Costs {
		if len(costs) > 0 {
			sum += slices.Min(costs)
		}
	}
	return sum
}

// The cuts below hold only after the moves level: with at most budget
// cases moved (besides those that must move), every case beyond what a
// worker may keep has to be among them.

// heldNow lists, per worker, the cases they hold now and may keep.
func heldNow(f *model.CaseFacts) [][]int {
	held := make([][]int, len(f.OnLeave))
	for c, cur := range f.Current {
		if cur >= 0 && !f.Kept[c] && index(f.Candidates[c], cur) >= 0 {
			held[cur] = append(held[cur], c)
		}
	}
	return held
}

// shed is the fewest of the amounts (sorted heaviest first) to give up
// so that the rest add up to at most most.
func shed(sorted []int, sum, most int) int {
	n := 0
	for sum > most && n < len(sorted) {
		sum -= sorted[n]
		n++
	}
	return n
}

// balanceCut bounds the Balance given the moves the settled levels
// allow (budget): for each unit, the cases its workers must give up to
// keep within High+d of their shares and within their limits is one
// covering knapsack per worker over all measures at once (fewestToShed,
// since one case moved lowers every measure of it), falling with d; the
// units share the budget, so the least sum of the d(u) is a resource
// allocation, solved exactly by dynamic programming over the budget.
// Each d(u) is also at least its static bound and its floor-side and
// role cuts at the whole budget.
//
// cutsAt gives dCuts at a budget (-1: any number of moves), so that a
// caller who needs them too computes them once.
func balanceCut(ctx context.Context, p *model.CaseProblem, f *model.CaseFacts, budget int, cutsAt func(budget int) [][3]int) int {
	held := heldNow(f)
	pl := placesOf(p, f)
	cuts := cutsAt(budget)
	top := make([]int, len(f.Pools)) // a bound on each unit's largest D(u, m)
	for k := range top {
		top[k] = slices.Max(cuts[k][:])
	}
	const inf = 1 << 30
	// best[b]: the least sum over the units so far with b moves.
	best := make([]int, budget+1)
	for k, pool := range f.Pools {
		// cost[b]: the least sum of the unit's D(u, m) with b moves. The
		// moves the unit needs are at least those of its most demanding
		// measure alone (a relaxation, so a bound), so each measure takes
		// the least d whose own moves fit in b.
		cost := make([]int, budget+1)
		for m := range 3 {
			lo := cuts[k][m]
			hi := max(lo, pool.Total[m])
			pf := newPoolFlow(p, f, k, m)
			var need []int // need[i]: the moves of D(u, m) <= lo+i
			for d := lo; d <= hi; d++ {
				ds := [3]int{-1, -1, -1}
				ds[m] = d
				n := mustShed(p, f, pl, held, k, ds, -1, budget+1)
				if byFlow, ok := pf.moves(ctx, d); !ok {
					n = budget + 1
				} else {
					n = max(n, byFlow)
				}
				need = append(need, n)
				if n == 0 {
					break
				}
			}
			for b := range cost {
				i := 0
				for i < len(need)-1 && need[i] > b {
					i++
				}
				if need[i] > b {
					cost[b] = inf
				} else if cost[b] < inf {
					cost[b] += lo + i
				}
			}
		}
		next := make([]int, budget+1)
		for b := range next {
			next[b] = inf
			for c := 0; c <= b; c++ {
				if best[b-c] < inf && cost[c] < inf {
					next[b] = min(next[b], best[b-c]+max(cost[c], top[k]))
				}
			}
		}
		best = next
	}
	static0 := cutsBound(cutsAt(-1))
	if best[budget] >= inf {
		return static0
	}
	return max(best[budget], static0)
}

// mustShed counts the fewest cases the workers must give up to keep
// within their limits, within High+d[m] of their shares in measure m
// (for d[m] >= 0), and at
// most near near-deadline investigations each (near >= 0), stopping
// once it passes stop. With only >= 0 it counts the members of pool
// only whose cases are all of its unit, and d holds in that pool alone:
// so the count is of moves of that unit's cases, and the counts of two
// pools add up (a worker with cases of two units, one of them the whole
// office's, would otherwise be counted in both).
func mustShed(p *model.CaseProblem, f *model.CaseFacts, pl *places, held [][]int, only int, d [3]int, near, stop int) int {
	n := 0
	for s, cases := range held {
		if len(cases) == 0 || f.OnLeave[s] || (only >= 0 && pl.at(only, s) < 0) {
			continue
		}
		if only >= 0 && slices.ContainsFunc(cases, func(c int) bool { return p.Cases[c].Unit != f.Pools[only].Unit }) {
			continue
		}
		var total [3]int
		perPool := map[int]*[3]int{}
		amounts, sizes := make([][]int, len(cases)), make([]int, len(cases))
		nearHeld := 0
		for i, c := range cases {
			amounts[i], sizes[i] = append(f.Amount[c][:], 0), 1
			if f.Near[c] {
				amounts[i][3] = 1
				nearHeld++
			}
			k := pl.pool[p.Cases[c].Unit]
			if perPool[k] == nil {
				perPool[k] = &[3]int{}
			}
			for m := range 3 {
				total[m] += f.Amount[c][m]
				perPool[k][m] += f.Amount[c][m]
			}
		}
		excess := make([]int, 4)
		for m := range 3 {
			if l := f.Limits[s][m]; l > 0 {
				excess[m] = max(0, total[m]-l)
			}
			for k, sum := range perPool {
				if j := pl.at(k, s); j >= 0 && d[m] >= 0 && (only < 0 || k == only) {
					excess[m] = max(excess[m], sum[m]-f.Pools[k].High[m][j]-d[m])
				}
			}
		}
		if near >= 0 {
			excess[3] = max(0, nearHeld-near)
		}
		_, k, exact := fewestToShed(amounts, sizes, excess)
		if !exact {
			// One measure alone, heaviest first, is a bound still.
			k = 0
			for m := range 4 {
				sorted := make([]int, len(cases))
				sum := 0
				for i := range cases {
					sorted[i] = amounts[i][m]
					sum += sorted[i]
				}
				slices.SortFunc(sorted, func(a, b int) int { return b - a })
				k = max(k, shed(sorted, sum, sum-excess[m]))
			}
		}
		if n += k; n > stop {
			return n
		}
	}
	return n
}

// fillCut: a worker below Low-d must be given cases they do not hold
// now, and those are the new ones, the ones that must move, and at most
// budget of the others: the least d at which the pool's deficit fits in
// what can come in.
func fillCut(p *model.CaseProblem, f *model.CaseFacts, held [][]int, m, budget int) []int {
	out := make([]int, len(f.Pools))
	for k, pool := range f.Pools {
		cut := 0
		supply := 0
		var movable []int
		for c, cs := range p.Cases {
			if cs.Unit != pool.Unit || f.Kept[c] {
				continue
			}
			if cur := f.Current[c]; cur < 0 || index(f.Candidates[c], cur) < 0 {
				supply += f.Amount[c][m]
			} else {
				movable = append(movable, f.Amount[c][m])
			}
		}
		slices.SortFunc(movable, func(a, b int) int { return b - a })
		for _, a := range movable[:min(budget, len(movable))] {
			supply += a
		}
		have := make([]int, len(pool.Staff))
		for j, s := range pool.Staff {
			for _, c := range held[s] {
				if p.Cases[c].Unit == pool.Unit {
					have[j] += f.Amount[c][m]
				}
			}
		}
		deficit := func(d int) int {
			n := 0
			for j := range pool.Staff {
				n += max(0, pool.Low[m][j]-d-have[j])
			}
			return n
		}
		lo, hi := cut, cut
		for j := range pool.Staff {
			hi = max(hi, pool.Low[m][j])
		}
		for lo < hi {
			if d := (lo + hi) / 2; deficit(d) <= supply {
				hi = d
			} else {
				lo = d + 1
			}
		}
		out[k] = lo
	}
	return out
}

// deadlineCut: the least d at which the cases workers must give up, to
// hold at most d near deadlines each, within their limits and (when
// balance is settled at deviation dev >= 0) within dev of their shares,
// number at most budget.
func deadlineCut(p *model.CaseProblem, f *model.CaseFacts, budget, dev int) int {
	held := heldNow(f)
	pl := placesOf(p, f)
	lo, hi := 0, 0
	for _, cases := range held {
		hi = max(hi, len(cases))
	}
	for lo < hi {
		if d := (lo + hi) / 2; mustShed(p, f, pl, held, -1, [3]int{dev, dev, dev}, d, budget) <= budget {
			hi = d
		} else {
			lo = d + 1
		}
	}
	return lo
}

// hallCut: the cases whose candidates all lie in a set S of a pool's
// workers (those needing a role only some hold) go to S, on top of what
// S's members keep of their own cases (all of it, less at most budget
// moved away; budget < 0 counts none kept), so S's members together
// carry at least that, and each at most High+d (and their limit): the
// least d at which they can.
func hallCut(p *model.CaseProblem, f *model.CaseFacts, held [][]int, budget int) [][3]int {
	out := make([][3]int, len(f.Pools))
	for k, pool := range f.Pools {
		place := map[int]int{}
		for j, s := range pool.Staff {
			place[s] = j
		}
		// The distinct candidate sets smaller than the pool.
		var sets [][]int
		for c, cands := range f.Candidates {
			if p.Cases[c].Unit != pool.Unit || f.Kept[c] || len(cands) >= len(pool.Staff) || len(cands) == 0 {
				continue
			}
			if !slices.ContainsFunc(sets, func(s []int) bool { return slices.Equal(s, cands) }) {
				sets = append(sets, cands)
			}
			if len(sets) == 64 {
				break // enough for the bound; more only cost time
			}
		}
		for _, set := range sets {
			for m := range 3 {
				cut := out[k][m]
				need := 0
				for c, cands := range f.Candidates {
					if p.Cases[c].Unit == pool.Unit && !f.Kept[c] && subset(cands, set) {
						need += f.Amount[c][m]
					}
				}
				if budget >= 0 {
					var kept []int
					for _, s := range set {
						for _, c := range held[s] {
							if p.Cases[c].Unit == pool.Unit && !subset(f.Candidates[c], set) {
								kept = append(kept, f.Amount[c][m])
								need += f.Amount[c][m]
							}
						}
					}
					slices.SortFunc(kept, func(a, b int) int { return b - a })
					for _, a := range kept[:min(budget, len(kept))] {
						need -= a
					}
				}
				room := func(d int) bool {
					sum := 0
					for _, s := range set {
						j := place[s]
						most := pool.High[m][j] + d
						if l := f.Limits[s][m]; l > 0 {
							most = min(most, l)
						}
						sum += most
					}
					return sum >= need
				}
				lo, hi := cut, cut+need+1
				for lo < hi {
					if d := (lo + hi) / 2; room(d) {
						hi = d
					} else {
						lo = d + 1
					}
				}
				if lo <= cut+need {
					out[k][m] = lo
				}
			}
		}
	}
	return out
}

// subset reports whether every member of a (sorted) is in b (sorted).
func subset(a, b []int) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
	}
	return true
}
