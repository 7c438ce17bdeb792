package solver

import (
	"cmp"
	"context"
	"slices"
)

// A span's clash is a matter of matching: its instances are the minimum
// grades of one group (everyone's coverage, or one unit's or role's
// minimum) on dates less than a spacing apart and the spacing instances
// of people, each of whom then works at most once among those dates. A set
// of such instances can all hold exactly when a flow from the people (one
// duty each if spaced, else one a date) to the dates (as many as their
// highest grade asks) meets every date's grade: Hall's condition, which
// a SAT call finds late (a pigeonhole). So the span's explanation is
// shrunk by flows alone, one small flow a candidate, with no encoding.

// spanKeeps reports whether some rota keeps the instances of set: the
// minimum instances of one group (everyone's coverage, one unit's or one
// role's minimum) on dates within one spacing, and spacing instances; g
// is the scratch flow. Only the group's members count toward its
// minimums, and nobody else is needed.
func spanKeeps(in *instance, set []int, g *maxflow) bool {
	S := len(in.p.Staff)
	need := map[int]int{}
	spaced := make(map[int]bool)
	member := func(int) bool { return true }
	for _, i := range set {
		switch r := in.rules.all[i].(type) {
		case *coverageAtLeast:
			need[r.f] = max(need[r.f], r.k)
		case *unitAtLeast:
			need[r.f] = max(need[r.f], r.k)
			member = func(s int) bool { return in.unitOf[s] == r.u }
		case *roleAtLeast:
			need[r.f] = max(need[r.f], r.k)
			member = func(s int) bool { return holds(in, s, r.r) }
		case *spacing:
			spaced[r.s] = true
		}
	}
	dates := make([]int, 0, len(need))
	for f := range need {
		dates = append(dates, f)
	}
	slices.Sort(dates)
	const source, sink = 0, 1
	g.reset(2+S+len(dates), S*(len(dates)+1)+len(dates))
	asked := 0
	for j, f := range dates {
		g.edge(2+S+j, sink, need[f])
		asked += need[f]
	}
	for s := range S {
		if !member(s) {
			continue
		}
		n := 0
		for j, f := range dates {
			if in.avail[s][f] {
				g.edge(2+s, 2+S+j, 1)
				n++
			}
		}
		if spaced[s] {
			n = min(n, 1)
		}
		if n > 0 {
			g.edge(source, 2+s, n)
		}
	}
	return g.run(source, sink) == asked
}

// explainSpan shrinks the instances rs of a span that clashes by
// counting (spanClash) to a subset-minimal set, by deletion: each
// candidate in turn is left out, and stays out when the rest still
// clash. Every test is a flow (spanKeeps), so the result is proven
// minimal unless ctx ends first.
func explainSpan(ctx context.Context, in *instance, rs []int) *InfeasibleError {
	g := newMaxflow(0, 0)
	g.halt = in.halt
	cand := slices.Clone(rs)
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(dropFirst(in.rules.all[a]), dropFirst(in.rules.all[b])) })
	var need []int
	for i, c := range cand {
		if ctx.Err() != nil || in.halt.stopped() {
			return infeasibleOf(in, append(need, cand[i:]...), false)
		}
		if spanKeeps(in, append(slices.Clone(need), cand[i+1:]...), g) {
			need = append(need, c) // without c the rest hold: c is needed
		}
	}
	if in.halt.stopped() {
		return infeasibleOf(in, rs, false)
	}
	return infeasibleOf(in, need, true)
}
