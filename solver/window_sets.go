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
//
// A flow over n dates takes about n^2 steps of Dijkstra's (0.5 ms at 52
// dates, 72 ms at 450, 1.1 s at 1,000), so on an office of more than
// exactWindowCells staff times dates squared the heuristics fall back on
// penalties instead: they solve the program again with a small penalty
// on the duties of the first window the set breaks, doubled a few times
// (a heuristic, false when no try kept the windows), and the bound keeps
// the program's sets, a relaxation of the windows and still a bound.

// exactWindowCells bounds the offices whose windows the flows keep, in
// staff times dates squared: 2,000 staff over 52 dates are 5.4 million.
const exactWindowCells = 8_000_000

// exactWindows reports whether the flows keep the windows of in.
func exactWindows(in *instance) bool {
	F := len(in.dates)
	return len(in.windows) > 0 && len(in.p.Staff)*F*F <= exactWindowCells
}

// windowTries bounds the solves of the penalties; the penalty doubles
// each try, so that the first tries move a duty only where it costs the
// caller's own ties little.
const windowTries = 16

// windowedSet solves p, the program of person s, into take (indexed by
// date), keeping s's windows as well; it reports whether s has such a
// set, and its work in program cells (a flow counts a cell per date and
// arc). With a penalty (the heuristics) it first adds it, doubled each
// try, to the duties of a broken window, and on an office past
// exactWindowCells only that, changing p's costs; with none (the bound)
// the set is the flow's, exact.
func windowedSet(in *instance, s int, p *personDP, take []bool, penalty float64) (bool, int) {
	n := len(p.dates)
	_, ok := p.solve(take)
	work := n * (p.hi + 1)
	if !ok || brokenWindow(in, s, p, take) == nil {
		return ok, work // no set at all: the program relaxes the flow's
	}
	if !exactWindows(in) {
		return penalizedSet(in, s, p, take, penalty, work)
	}
	if penalty > 0 {
		// The heuristics try the penalties first, which keep the windows
		// at a few programs' cost, and pay for the flow only when they
		// fail (the rules grid's L office at 4 weeks and 26:4: 0.19 s
		// against 1.03 s with a flow on every response; the bound's sets,
		// penalty 0, are always the flow's).
		saved := append([]float64(nil), p.cost...)
		ok, w := penalizedSet(in, s, p, take, penalty, work)
		copy(p.cost, saved)
		work = w
		if ok {
			return true, work
		}
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

// penalizedSet is windowedSet by penalties, from the program's set in
// take that breaks a window and the work done so far.
func penalizedSet(in *instance, s int, p *personDP, take []bool, penalty float64, work int) (bool, int) {
	for try := 0; ; try++ {
		broken := brokenWindow(in, s, p, take)
		if broken == nil {
			return true, work
		}
		if try == windowTries {
			return false, work
		}
		for _, i := range broken {
			p.cost[i] += penalty
		}
		penalty *= 2
		work += len(p.dates) * (p.hi + 1)
		if _, ok := p.solve(take); !ok {
			return false, work
		}
	}
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

// brokenWindow returns the indices into p.dates of the duties of the
// first window of s that the set in take breaks, nil when it keeps them
// all.
func brokenWindow(in *instance, s int, p *personDP, take []bool) []int {
	if len(in.windows) == 0 {
		return nil
	}
	var taken []int
	for i, f := range p.dates {
		if take[f] {
			taken = append(taken, i)
		}
	}
	for w, win := range in.windows {
		if !in.windowed[s][w] {
			continue
		}
		if win.Max == 0 && len(taken) > 0 {
			return taken
		}
		for t := win.Max; t < len(taken) && win.Max > 0; t++ {
			if in.gap(p.dates[taken[t-win.Max]], p.dates[taken[t]]) < 7*win.Weeks {
				return taken[t-win.Max : t+1]
			}
		}
	}
	return nil
}
