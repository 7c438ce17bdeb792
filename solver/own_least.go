package solver

import (
	"context"

	"github.com/rostersat/rostersat/internal/flow"
)

// A person's own rules (the spacing, the windows, the longest gap, their
// work pins and the bounds on their count) each ask that an interval of
// the person's free dates hold at least or at most so many duties. The
// person program (personDP) keeps all but the windows, whose state would
// be the last Max duties. With y_k the duties among the first k free
// dates, every such rule is a difference y_b - y_a within bounds, and
// the cheapest set is a linear program over differences: totally
// unimodular, so its optimum is a set of dates, and the dual of a
// minimum-cost flow, so a flow finds it exactly. On the rules grid's M
// office (seed 4, 4 weeks' spacing, at most 2 duties in 12 weeks) the
// sum of the people's cheapest sets with their windows is 41, the
// optimum CBC proves, where without the windows it is 38.

// interval asks that the free dates with indices a..b-1 hold between
// least and most duties (most < 0: no upper bound).
type interval struct{ a, b, least, most int }

// cheapestWithin returns the cheapest choice among n dates of the given
// integer costs that keeps every interval, and its cost; false when no
// choice keeps them. Arc u->v of weight w says y_v - y_u <= w; the flow
// sends each node's coefficient in the objective (c_v - c_(v+1)) along
// the arcs at their weights, and the shortest distances from node 0 in
// the flow's residual graph are an optimal y (complementary slackness).
func cheapestWithin(n int, cost []int64, rules []interval) ([]bool, int64, bool) {
	type arc struct {
		u, v int
		w    int64
	}
	var arcs []arc
	for k := 1; k <= n; k++ {
		arcs = append(arcs, arc{k - 1, k, 1}, arc{k, k - 1, 0})
	}
	for _, r := range rules {
		if r.most >= 0 {
			arcs = append(arcs, arc{r.a, r.b, int64(r.most)})
		}
		if r.least > 0 {
			arcs = append(arcs, arc{r.b, r.a, -int64(r.least)})
		}
	}
	// Feasible exactly when the arcs have no negative cycle.
	if _, ok := shortestFrom(n+1, -1, len(arcs), func(i int) (int, int, int64) { a := arcs[i]; return a.u, a.v, a.w }); !ok {
		return nil, 0, false
	}
	coef := func(v int) int64 { // of y_v: c_v - c_(v+1), with c_0 = c_(n+1) = 0
		c := int64(0)
		if v >= 1 {
			c += cost[v-1]
		}
		if v < n {
			c -= cost[v]
		}
		return c
	}
	supply := int64(0)
	for v := 0; v <= n; v++ {
		supply += max(0, coef(v))
	}
	source, sink := n+1, n+2
	g := flow.New(n+3, len(arcs)+n+1)
	ids := make([]int, len(arcs))
	for i, a := range arcs {
		ids[i] = g.Edge(a.u, a.v, supply, a.w)
	}
	for v := 0; v <= n; v++ {
		switch c := coef(v); {
		case c > 0:
			g.Edge(source, v, c, 0)
		case c < 0:
			g.Edge(v, sink, -c, 0)
		}
	}
	if sent, _, err := g.Run(context.Background(), source, sink); err != nil || sent != supply {
		return nil, 0, false // cannot happen: the arcs of each step join every node both ways
	}
	// The residual graph: every arc (none is full), and the reverse of
	// each arc that carries flow.
	res := make([]arc, 0, 2*len(arcs))
	for i, a := range arcs {
		res = append(res, a)
		if g.Flow(ids[i]) > 0 {
			res = append(res, arc{a.v, a.u, -a.w})
		}
	}
	y, ok := shortestFrom(n+1, 0, len(res), func(i int) (int, int, int64) { e := res[i]; return e.u, e.v, e.w })
	if !ok {
		return nil, 0, false // cannot happen at a minimum-cost flow
	}
	take, value := make([]bool, n), int64(0)
	for k := 1; k <= n; k++ {
		switch y[k] - y[k-1] {
		case 1:
			take[k-1] = true
			value += cost[k-1]
		case 0:
		default:
			return nil, 0, false // cannot happen: the step arcs bound it
		}
	}
	return take, value, true
}

// shortestFrom runs Bellman-Ford over m arcs on nodes 0..n-1 from node
// from (from < 0: from every node at distance 0, for a cycle test) and
// returns the distances; false on a negative cycle.
func shortestFrom(n, from, m int, arcAt func(int) (int, int, int64)) ([]int64, bool) {
	const unreached = int64(1) << 62
	d := make([]int64, n)
	for v := range d {
		if from >= 0 && v != from {
			d[v] = unreached
		}
	}
	for round := 0; round <= n; round++ {
		changed := false
		for i := range m {
			u, v, w := arcAt(i)
			if d[u] != unreached && d[u]+w < d[v] {
				d[v] = d[u] + w
				changed = true
			}
		}
		if !changed {
			return d, true
		}
	}
	return nil, false
}

// ownLeast is person s's cheapest set of dates (in request cost, that of
// a duty less that of none, so that zero is no duty at all) under their
// own rules with the windows, and a count between lo and hi; false when
// their rules leave no set.
func ownLeast(in *instance, s, lo, hi int) ([]bool, int64, bool) {
	fs, cost, rules := ownIntervals(in, s, lo, hi)
	take, value, ok := cheapestWithin(len(fs), cost, rules)
	if !ok {
		return nil, 0, false
	}
	on := make([]bool, len(in.dates))
	for i, v := range take {
		on[fs[i]] = v
	}
	return on, value, true
}

// ownIntervals returns person s's free dates, the request cost of a duty
// on each, and their own rules as intervals of those dates.
func ownIntervals(in *instance, s, lo, hi int) ([]int, []int64, []interval) {
	F := len(in.dates)
	pos := make([]int, F+1) // pos[f]: the free dates before f
	var fs []int
	for f := range F {
		pos[f+1] = pos[f]
		if in.free(s, f) {
			fs = append(fs, f)
			pos[f+1]++
		}
	}
	n := len(fs)
	cost := make([]int64, n)
	rules := []interval{{0, n, lo, hi}}
	for i, f := range fs {
		cost[i] = int64(in.costTrue[s][f] - in.costFalse[s][f])
		if in.pin[s][f] > 0 {
			rules = append(rules, interval{i, i + 1, 1, 1})
		}
	}
	if in.spaced[s] {
		j := 0
		for i, f := range fs {
			for j < i && in.gap(fs[j], f) >= in.spacingDays {
				j++
			}
			if j < i {
				rules = append(rules, interval{j, i + 1, 0, 1})
			}
		}
	}
	for w, win := range in.windows {
		if !in.windowed[s][w] {
			continue
		}
		for _, span := range windowSpans(in, s, w) {
			if a, b := pos[span[0]], pos[span[len(span)-1]+1]; b-a > win.Max {
				rules = append(rules, interval{a, b, 0, win.Max})
			}
		}
	}
	if in.gapped[s] {
		for _, run := range gapRuns(in, s) {
			rules = append(rules, interval{pos[run[0]], pos[run[1]+1], 1, -1})
		}
	}
	return fs, cost, rules
}
