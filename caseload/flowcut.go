package caseload

import (
	"context"

	"github.com/rostersat/rostersat/internal/flow"
	"github.com/rostersat/rostersat/model"
)

// poolFlow answers, for one pool and one measure, how few moved cases
// keep every member's load within d of their share: a minimum-cost flow
// of the pool's cases to its members, each member taking between the
// floor of their share less d and the ceiling plus d (and at most their
// limit), a case staying with its worker for nothing and going to
// another candidate for one move. It relaxes the rules in three ways,
// so its answer is a lower bound: the other measures and the groups are
// left out, a member's cases of other units do not count against their
// limit, and in the points measure a case may be split among workers,
// a fraction of it moving for that fraction of a move. In the two count
// measures every case is one unit of flow, so there the answer is exact
// for the measure alone. It counts what the per-unit counting cuts count
// (room, floors, Hall's condition on the candidate sets, the moves to
// shed a surplus) all at once.
type poolFlow struct {
	members int
	at      map[int]int // staff position to place in the pool
	low     []int       // floor of each member's share
	high    []int       // ceiling, at most the limit
	limit   []int       // 0 for none
	hubs    []hub       // per candidate set
	held    []heldGroup
	total   int64 // the pool's amount in the measure
	scale   int64 // the cost of one whole move
}

// hub gathers the cases that may go to the same candidates.
type hub struct {
	cands    []int // places in the pool
	newCases int64 // amount of the cases that are new or must move anyway
}

// heldGroup is amount of cases, each worth per in the measure, that
// worker (a place) holds now and may keep, with hub's candidates.
type heldGroup struct {
	worker, hub int
	amount, per int64
}

// maxScale caps the cost of a whole move in the points measure: with
// weights whose least common multiple passes it, a fraction of a case
// moves for a little less than its fraction of a move (still a bound).
const maxScale = 1000

// newPoolFlow gathers pool k's cases for measure m.
func newPoolFlow(p *model.CaseProblem, f *model.CaseFacts, k, m int) *poolFlow {
	pool := f.Pools[k]
	pf := &poolFlow{members: len(pool.Staff), at: make(map[int]int, len(pool.Staff)), scale: 1}
	for j, s := range pool.Staff {
		pf.at[s] = j
		pf.low = append(pf.low, pool.Low[m][j])
		pf.high = append(pf.high, pool.High[m][j])
		pf.limit = append(pf.limit, f.Limits[s][m])
	}
	hubOf := map[string]int{}
	type heldKey struct{ worker, hub, per int }
	heldAt := map[heldKey]int{}
	for c, cands := range f.Candidates {
		a := f.Amount[c][m]
		if p.Cases[c].Unit != pool.Unit || f.Kept[c] || a == 0 || len(cands) == 0 {
			continue
		}
		key := string(encodeInts(cands))
		h, ok := hubOf[key]
		if !ok {
			h = len(pf.hubs)
			hubOf[key] = h
			var places []int
			for _, s := range cands {
				places = append(places, pf.at[s])
			}
			pf.hubs = append(pf.hubs, hub{cands: places})
		}
		pf.total += int64(a)
		cur := f.Current[c]
		if cur < 0 || index(cands, cur) < 0 {
			pf.hubs[h].newCases += int64(a)
			continue
		}
		hk := heldKey{pf.at[cur], h, a}
		g, ok := heldAt[hk]
		if !ok {
			g = len(pf.held)
			heldAt[hk] = g
			pf.held = append(pf.held, heldGroup{worker: hk.worker, hub: h, per: int64(a)})
		}
		pf.held[g].amount += int64(a)
		if pf.scale <= maxScale {
			pf.scale = lcm(pf.scale, int64(a))
		}
	}
	pf.scale = min(pf.scale, maxScale)
	return pf
}

func encodeInts(xs []int) []byte {
	b := make([]byte, 0, 4*len(xs))
	for _, x := range xs {
		b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
	}
	return b
}

func lcm(a, b int64) int64 {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}

// moves returns the fewest moves (a lower bound, see poolFlow) that keep
// every member within d of their share, or ok false when no moves do.
func (pf *poolFlow) moves(ctx context.Context, d int) (n int, ok bool) {
	// Nodes: source, sink, hubs, members, held groups.
	src, sink := 0, 1
	hubAt, memberAt, heldAt := 2, 2+len(pf.hubs), 2+len(pf.hubs)+pf.members
	g := flow.New(heldAt+len(pf.held), 2*len(pf.held)+len(pf.hubs)+2*pf.members)
	for h, hb := range pf.hubs {
		if hb.newCases > 0 {
			g.Edge(src, hubAt+h, hb.newCases, 0)
		}
		for _, j := range hb.cands {
			g.Edge(hubAt+h, memberAt+j, pf.total, 0)
		}
	}
	for i, hg := range pf.held {
		g.Edge(src, heldAt+i, hg.amount, 0)
		g.Edge(heldAt+i, memberAt+hg.worker, hg.amount, 0)
		g.Edge(heldAt+i, hubAt+hg.hub, hg.amount, pf.scale/hg.per)
	}
	// The floors are edges whose cost outweighs every move: a flow of
	// the most value at the least cost fills them whenever a flow can.
	heavy := pf.total*pf.scale + 1
	type floor struct {
		edge int
		lo   int64
	}
	var floors []floor
	var floorSum int64
	for j := range pf.members {
		lo := int64(max(0, pf.low[j]-d))
		hi := int64(pf.high[j] + d)
		if pf.limit[j] > 0 {
			hi = min(hi, int64(pf.limit[j]))
		}
		if lo > hi {
			return 0, false
		}
		if lo > 0 {
			floors = append(floors, floor{g.Edge(memberAt+j, sink, lo, -heavy), lo})
			floorSum += lo
		}
		if hi > lo {
			g.Edge(memberAt+j, sink, hi-lo, 0)
		}
	}
	value, cost, err := g.Run(ctx, src, sink)
	if err != nil || value < pf.total {
		return 0, err != nil // ended early: no bound, but no proof of none either
	}
	for _, fl := range floors {
		if g.Flow(fl.edge) < fl.lo {
			return 0, false
		}
	}
	cost += heavy * floorSum
	return int((cost + pf.scale - 1) / pf.scale), true
}

// dCuts bounds each D(u, m) from below (per pool and measure), with at
// most budget moves beyond those that must be made (budget < 0: any
// number): the counting cuts of bounds.go and the pool's flow, whose
// moves are what the budget leaves after the workers outside the pool
// have shed what their limits make them shed (those are other units'
// cases, so the two add up).
func dCuts(ctx context.Context, p *model.CaseProblem, f *model.CaseFacts, budget int) [][3]int {
	out := poolBounds(p, f)
	var held [][]int
	if budget >= 0 {
		held = heldNow(f)
	}
	hall := hallCut(p, f, held, budget)
	pl := placesOf(p, f)
	var shedBy []int // per worker: the fewest cases their limits make them give up
	if budget >= 0 {
		shedBy = make([]int, len(held))
		one := make([][]int, len(held))
		for s := range held {
			one[s] = held[s]
			shedBy[s] = mustShed(p, f, pl, one, -1, [3]int{-1, -1, -1}, -1, len(held[s]))
			one[s] = nil
		}
	}
	for m := range 3 {
		var fill []int
		if budget >= 0 {
			fill = fillCut(p, f, held, m, budget)
		}
		for k := range f.Pools {
			out[k][m] = max(out[k][m], hall[k][m])
			if fill != nil {
				out[k][m] = max(out[k][m], fill[k])
			}
		}
	}
	// The flows of each pool and measure, and the fewest moves of each
	// pool's cases at any deviation (its members' limits alone).
	flows := make([][3]*poolFlow, len(f.Pools))
	tops := make([][3]int, len(f.Pools))
	base := make([]int, len(f.Pools))
	for k, pool := range f.Pools {
		for m := range 3 {
			pf := newPoolFlow(p, f, k, m)
			flows[k][m] = pf
			tops[k][m] = max(int(pf.total), out[k][m])
			for j := range pool.Staff {
				tops[k][m] = max(tops[k][m], pool.Low[m][j])
			}
			if budget >= 0 {
				if n, ok := pf.moves(ctx, tops[k][m]); ok {
					base[k] = max(base[k], n)
				}
			}
		}
	}
	baseSum := 0
	for _, n := range base {
		baseSum += n
	}
	for k := range f.Pools {
		// The moves left to pool k's cases: the budget less what the
		// others' cases need (by their flows, or by what the workers
		// outside the pool must shed).
		left := budget
		if budget >= 0 {
			outside := 0
			for s := range shedBy {
				if pl.at(k, s) < 0 {
					outside += shedBy[s]
				}
			}
			left = max(budget-max(outside, baseSum-base[k]), 0)
		}
		for m := range 3 {
			pf := flows[k][m]
			fits := func(d int) bool {
				n, ok := pf.moves(ctx, d)
				if !ok || budget < 0 {
					return ok
				}
				ds := [3]int{-1, -1, -1}
				ds[m] = d
				return n <= left && mustShed(p, f, pl, held, k, ds, -1, left) <= left
			}
			lo, hi := out[k][m], tops[k][m]
			for lo < hi {
				if d := (lo + hi) / 2; fits(d) {
					hi = d
				} else {
					lo = d + 1
				}
			}
			out[k][m] = lo
		}
	}
	return out
}
