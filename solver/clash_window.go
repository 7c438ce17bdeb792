package solver

import (
	"cmp"
	"slices"
)

// A window's span that clashes by counting: on the dates within one
// window's weeks, the coverage instances ask for more duties than the
// people available there can give, each at most as many as their window
// and spacing instances let them work there (the earliest dates first,
// which packs the most) and at most once a date. The flow bound cuts
// the dates into blocks of the window at one alignment and misses a span
// that straddles two blocks: on the bench's M and L offices (seed 5) at
// 3 and 5 weeks' spacing under a 20-week window of 3, dates 28-47 ask for
// 1-16 duties more than the people can give, which CBC proves in 1-18 s
// and the SAT search did not in 30 s.

// windowExplainInstances bounds the window clashes that SAT shrinks
// further, to a minimal set: a clash of counting is a pigeonhole, whose
// refutations grow fast with its size.
const windowExplainInstances = 64

// windowClash returns the instances of the window span that clashes
// most: its coverage instances and the window and spacing instances of
// the people they hold below their available dates there; nil when no
// span of any window clashes. It is a proof by counting, and so is
// shrinkWindowClash's subset of it.
func windowClash(in *instance) ([]int, int) {
	if len(in.windows) == 0 {
		return nil, -1
	}
	rs := &in.rules
	S, F := len(in.p.Staff), len(in.dates)
	need := make([]int, F) // per date: its coverage instances
	for f := range F {
		for _, i := range rs.byDate[f] {
			if _, ok := rs.all[i].(*coverageAtLeast); ok {
				need[f]++
			}
		}
	}
	availBefore := grid[int](S, F+1)
	for s := range S {
		for f := range F {
			availBefore[s][f+1] = availBefore[s][f]
			if in.avail[s][f] {
				availBefore[s][f+1]++
			}
		}
	}
	bestW, bestF0, bestEnd, bestOver := -1, -1, -1, 0
	for w, win := range in.windows {
		for f0 := range F {
			if in.halt.now() {
				return nil, -1
			}
			end, asked := f0, 0
			for ; end < F && in.gap(f0, end) < 7*win.Weeks; end++ {
				asked += need[end]
			}
			if asked <= bestOver {
				continue
			}
			can := 0
			for s := range S {
				can += packed(in, s, w, f0, end)
			}
			if over := asked - can; over > bestOver {
				bestW, bestF0, bestEnd, bestOver = w, f0, end, over
			}
		}
	}
	if bestW < 0 {
		return nil, -1
	}
	var out []int
	for f := bestF0; f < bestEnd; f++ {
		for _, i := range rs.byDate[f] {
			if _, ok := rs.all[i].(*coverageAtLeast); ok {
				out = append(out, i)
			}
		}
	}
	for s := range S {
		if packed(in, s, bestW, bestF0, bestEnd) == availBefore[s][bestEnd]-availBefore[s][bestF0] {
			continue // neither rule holds s back there
		}
		for _, i := range rs.byPerson[s] {
			switch r := rs.all[i].(type) {
			case *window:
				if r.w == bestW {
					out = append(out, i)
				}
			case *spacing:
				out = append(out, i)
			}
		}
	}
	return out, bestW
}

// packed is the most duties person s can work on their available dates
// among f0..end-1 under window w and the spacing (those of them that are
// instances of s): the earliest date that fits each time, which is
// optimal for limits of the form "at most k within any so many days".
func packed(in *instance, s, w, f0, end int) int {
	return packedOn(in, s, w, in.windowed[s][w], in.spaced[s], func(f int) bool { return f >= f0 && f < end })
}

// packedOn is packed on the dates on reports, under the window and the
// spacing as asked.
func packedOn(in *instance, s, w int, windowed, spaced bool, on func(int) bool) int {
	var taken []int
	days, most := 7*in.windows[w].Weeks, in.windows[w].Max
	for f := range in.dates {
		if !on(f) || !in.avail[s][f] {
			continue
		}
		if n := len(taken); spaced && n > 0 && in.gap(taken[n-1], f) < in.spacingDays {
			continue
		}
		if n := len(taken); windowed && (most == 0 || n >= most && in.gap(taken[n-most], f) < days) {
			continue
		}
		taken = append(taken, f)
	}
	return len(taken)
}

// shrinkWindowClash shrinks the instances rs of a window span's clash
// (windowClash, window w) by deletion: each instance in turn is left out
// and stays out while the rest still clash by the same counting (the
// dates' highest grades ask for more than the people's packing on those
// dates gives). The result still proves the clash, but it is minimal
// only for the counting: a subset may clash in other ways, which SAT
// would have to rule out one pigeonhole at a time.
func shrinkWindowClash(in *instance, rs []int, w int) []int {
	cand := slices.Clone(rs)
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(dropFirst(in.rules.all[a]), dropFirst(in.rules.all[b])) })
	clashes := func(set []int) bool {
		need := map[int]int{}
		windowed, spaced := map[int]bool{}, map[int]bool{}
		for _, i := range set {
			switch r := in.rules.all[i].(type) {
			case *coverageAtLeast:
				need[r.f] = max(need[r.f], r.k)
			case *window:
				windowed[r.s] = true
			case *spacing:
				spaced[r.s] = true
			}
		}
		asked := 0
		for _, k := range need {
			asked += k
		}
		on := func(f int) bool { return need[f] > 0 }
		for s := range in.p.Staff {
			asked -= packedOn(in, s, w, windowed[s], spaced[s], on)
			if asked < 0 {
				return false
			}
		}
		return asked > 0
	}
	var kept []int
	for i, c := range cand {
		if in.halt.now() {
			return append(kept, cand[i:]...)
		}
		if !clashes(append(slices.Clone(kept), cand[i+1:]...)) {
			kept = append(kept, c) // without c the rest do not clash by counting
		}
	}
	return kept
}
