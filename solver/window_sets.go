package solver

import "math"

// The person's program keeps the count, the spacing, the longest gap and
// the pins, but not the windows ("at most 4 duties in any 26 weeks"): an
// exact program would carry the last Max duties in its state. Where the
// relaxation and the heuristics need a set that keeps the person's
// windows too, a set of the program's that breaks one is replaced by the
// flow's of ownLeast (own_least.go), at the program's costs, exact up to
// their rounding to integers. The program's set, when it keeps the
// windows, is cheapest with them too; only the others pay for a flow.

// windowedSet solves p, the program of person s, into take (indexed by
// date), keeping s's windows as well; it reports whether s has such a
// set, and its work in program cells (a flow counts a cell per date and
// arc).
func windowedSet(in *instance, s int, p *personDP, take []bool) (bool, int) {
	n := len(p.dates)
	_, ok := p.solve(take)
	work := n * (p.hi + 1)
	if !ok || !bindsWindow(in, s) || keepsWindows(in, s, p, take) {
		return ok, work // no set at all: the program relaxes the flow's
	}
	fs, _, rules := ownIntervals(in, s, p.lo, p.hi)
	// The program's costs, scaled to integers as finely as the flow's
	// sums allow (their magnitudes summed stay below 2^60).
	most := 0.0
	for _, c := range p.cost {
		most = max(most, math.Abs(c))
	}
	scale := 1.0
	if most > 0 {
		scale = math.Ldexp(1, 60) / (2*float64(n+1)*most + 1)
	}
	cost := make([]int64, n)
	for i, c := range p.cost {
		cost[i] = int64(math.Round(c * scale))
	}
	for _, f := range p.dates {
		take[f] = false
	}
	sel, _, ok := cheapestWithin(len(fs), cost, rules)
	work += n * (3*n + len(rules))
	if !ok {
		return false, work
	}
	for i, v := range sel {
		take[fs[i]] = v
	}
	return true, work
}

// bindsWindow reports whether a window rule binds person s.
func bindsWindow(in *instance, s int) bool {
	for w := range in.windows {
		if in.windowed[s][w] {
			return true
		}
	}
	return false
}

// keepsWindows reports whether the set in take (indexed by date) of
// person s, among p's dates, keeps s's windows: no Max+1 duties within
// one window's weeks.
func keepsWindows(in *instance, s int, p *personDP, take []bool) bool {
	var taken []int
	for _, f := range p.dates {
		if take[f] {
			taken = append(taken, f)
		}
	}
	for w, win := range in.windows {
		if !in.windowed[s][w] {
			continue
		}
		for t := win.Max; t < len(taken); t++ {
			if in.gap(taken[t-win.Max], taken[t]) < 7*win.Weeks {
				return false
			}
		}
	}
	return true
}
