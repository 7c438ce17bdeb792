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
	bestW, bestF0, bestEnd, bestOver := -1, -1, -1, 0
	var span []int // the dates of the span under count
	for w, win := range in.windows {
		for f0 := range F {
			if in.halt.now() {
				return nil, -1
			}
			end, asked := f0, 0
			span = span[:0]
			for ; end < F && in.gap(f0, end) < 7*win.Weeks; end++ {
				asked += need[end]
				span = append(span, end)
			}
			if asked <= bestOver {
				continue
			}
			can := 0
			for s := range S {
				can += packedOn(in, s, w, in.windowed[s][w], in.spaced[s], span)
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
	span = span[:0]
	for f := bestF0; f < bestEnd; f++ {
		span = append(span, f)
		for _, i := range rs.byDate[f] {
			if _, ok := rs.all[i].(*coverageAtLeast); ok {
				out = append(out, i)
			}
		}
	}
	for s := range S {
		// Unless neither rule holds s back there: as many as available.
		if packedOn(in, s, bestW, in.windowed[s][bestW], in.spaced[s], span) == packedOn(in, s, bestW, false, false, span) {
			continue
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

// packedOn is the most duties person s can work on their available
// dates among dates (increasing) under window w and the spacing, as
// asked: the earliest date that fits each time, which is optimal for
// limits of the form "at most k within any so many days". Without
// either it is the available dates.
func packedOn(in *instance, s, w int, windowed, spaced bool, dates []int) int {
	var taken [8]int // the duties so far; more on the heap
	last := taken[:0]
	n := 0
	days, most := 7*in.windows[w].Weeks, in.windows[w].Max
	for _, f := range dates {
		if !in.avail[s][f] {
			continue
		}
		if k := len(last); spaced && k > 0 && in.gap(last[k-1], f) < in.spacingDays {
			continue
		}
		if k := len(last); windowed && (most == 0 || k >= most && in.gap(last[k-most], f) < days) {
			continue
		}
		last = append(last, f)
		n++
	}
	return n
}

// shrinkWindowClash shrinks the instances rs of a window span's clash
// (windowClash, window w) by deletion: each instance in turn is left out
// and stays out while the rest still clash by the same counting (the
// dates' highest grades ask for more than the people's packing on those
// dates gives). The result still proves the clash, but it is minimal
// only for the counting: a subset may clash in other ways, which SAT
// would have to rule out one pigeonhole at a time. A test recounts only
// what the instance left out changes: one person's packing, or, for a
// date's highest grade, everyone's on the other dates.
func shrinkWindowClash(in *instance, rs []int, w int) []int {
	cand := slices.Clone(rs)
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(dropFirst(in.rules.all[a]), dropFirst(in.rules.all[b])) })
	S := len(in.p.Staff)
	need := map[int]int{}
	windowed, spaced := make([]bool, S), make([]bool, S)
	for _, i := range cand {
		switch r := in.rules.all[i].(type) {
		case *coverageAtLeast:
			need[r.f] = max(need[r.f], r.k)
		case *window:
			windowed[r.s] = true
		case *spacing:
			spaced[r.s] = true
		}
	}
	datesOf := func() []int {
		var ds []int
		for f, k := range need {
			if k > 0 {
				ds = append(ds, f)
			}
		}
		slices.Sort(ds)
		return ds
	}
	dates, asked := datesOf(), 0
	for _, k := range need {
		asked += k
	}
	pack := make([]int, S)
	can := 0
	for s := range S {
		pack[s] = packedOn(in, s, w, windowed[s], spaced[s], dates)
		can += pack[s]
	}
	var kept []int
	for _, c := range cand {
		if in.halt.check() {
			return rs // unshrunk: still a proof
		}
		switch r := in.rules.all[c].(type) {
		case *coverageAtLeast:
			if r.k < need[r.f] {
				continue // a higher grade of the date asks for more
			}
			need[r.f] = 0
			less := datesOf()
			lessCan := 0
			for s := range S {
				lessCan += packedOn(in, s, w, windowed[s], spaced[s], less)
			}
			if asked-r.k > lessCan {
				asked, dates, can = asked-r.k, less, 0
				for s := range S {
					pack[s] = packedOn(in, s, w, windowed[s], spaced[s], dates)
					can += pack[s]
				}
				continue
			}
			need[r.f] = r.k
		case *window, *spacing:
			s := -1
			if rw, ok := r.(*window); ok {
				s = rw.s
				windowed[s] = false
			} else {
				s = r.(*spacing).s
				spaced[s] = false
			}
			more := packedOn(in, s, w, windowed[s], spaced[s], dates)
			if asked > can-pack[s]+more {
				can, pack[s] = can-pack[s]+more, more
				continue
			}
			if _, ok := r.(*window); ok {
				windowed[s] = true
			} else {
				spaced[s] = true
			}
		}
		kept = append(kept, c) // without c the rest do not clash by counting
	}
	return kept
}
