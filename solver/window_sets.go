package solver

// The person's program keeps the count, the spacing, the longest gap and
// the pins, but not the windows ("at most 4 duties in any 26 weeks"): an
// exact program would carry the last Max duties in its state. Where the
// heuristics need a set that keeps the person's windows too, they solve
// again with a small penalty on the duties of the first window the set
// breaks, a few times: the penalty starts at the scale of the caller's
// tie-breaking and stays far below the request costs, so the set stays
// among the person's cheapest while it can.
// It is a heuristic and says so: false when no try kept the windows.

// windowTries bounds the solves of windowedSet; the penalty doubles
// each try, so that the first tries move a duty only where it costs the
// caller's own ties little.
const windowTries = 16

// windowedSet solves p, the program of person s, into take (indexed by
// date) until the set keeps s's windows, adding penalty (doubled each
// try) to the duties of a broken window each time; it reports whether
// the last set keeps them, and the program's cells it filled (its work).
// p's costs are changed.
func windowedSet(in *instance, s int, p *personDP, take []bool, penalty float64) (bool, int) {
	work := 0
	for try := 0; ; try++ {
		work += len(p.dates) * (p.hi + 1)
		if _, ok := p.solve(take); !ok {
			return false, work
		}
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
	}
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
