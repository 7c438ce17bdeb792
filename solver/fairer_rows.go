package solver

import "time"

// Large-neighbourhood search on the fairness deviation by rows, each
// neighbourhood on an encoding of its own (held.go, mend_rows.go): where
// the whole encoding does not fit in the memory budget, the rota the
// mending by rows returns keeps the deviation of the warm start, often
// one above the flow's bound (2,000 staff at 6 weeks' spacing: D = 1, 77
// people outside their share, bound 0). To lower D by one, the people
// outside the lower deviation must all be free, with others who could
// carry a chain of swaps to them (fairerOrder); everyone else is held.
// The group grows as mendRows' does (inGrowingGroups), while its encoding
// stays within half the budget. Valid while fairness is the first level: a rota is returned
// only when it keeps every rule instance, at the lower deviation.
//
// Measured (default budget, 6 weeks' spacing, n/7, 60 s): the bench's XL
// seed 1 went from D 1 to the proven 0 (CBC: 0, in 510 s), 5,000 staff
// from D 1 to 0 at 20 s; XL seed 2 stays at D 1: groups of 85 to 456
// rows at D 0 find nothing in 3 s, nor in 20.

// rowsFairerCall bounds one search of a group: a group that cannot reach
// the lower deviation is a pigeonhole a search refutes late, and the
// next, larger group is the better use of the time.
const rowsFairerCall = 3 * time.Second

// fairerByRows lowers the deviation of on (which keeps every rule, at
// deviation dev) towards lb, one step at a time, each search of a group
// bounded by limit (rowsFairerCall); report is told of each fairer rota.
// It returns the fairest rota found and its deviation, on and dev when
// none is, and stops when a step fails or ctx ends.
func (r *search) fairerByRows(on [][]bool, dev, lb int, limit time.Duration, report func([][]bool)) ([][]bool, int) {
	for dev > lb && r.ctx.Err() == nil {
		order, must := r.fairerOrder(on, dev-1)
		fairer := r.inGrowingGroups(on, order, must, func(free []bool) [][]bool {
			return r.searchRows(on, free, dev-1, limit)
		})
		if fairer == nil {
			return on, dev
		}
		on, dev = fairer, dev-1
		report(on)
	}
	return on, dev
}

// fairerOrder returns everyone in the order their rows are freed to bring
// the deviation of on down to most: first the people above it (must of
// them); then, breadth first from the dates where those people could
// give up a duty or take one, the people who could carry the change
// along a chain of swaps: on each date, those who could take it over
// (free, off duty, no duty within the spacing) or hand it on (on duty,
// not pinned), the ones with a duty to spare or room for one first; each
// of them brings in the dates where they in turn could give or take. At 6
// weeks' spacing a person one short of their share rarely finds a giver
// with a duty to spare on a date they can take, and the chain through
// people at their share is what mends it. Then everyone else, spread
// over the office.
func (r *search) fairerOrder(on [][]bool, most int) (order []int, must int) {
	in := r.in
	S, F := len(in.p.Staff), len(in.dates)
	t := tallyOf(in, on)
	picked := make([]bool, S)
	queued := make([]bool, F)
	var dates []int
	// enqueue brings in the dates where person s could give up a duty or
	// take one.
	enqueue := func(s int) {
		for f := range F {
			if !queued[f] && (t.on[s][f] && in.pin[s][f] <= 0 || !t.on[s][f] && in.free(s, f) && r.spacedFrom(t.on[s], f)) {
				queued[f] = true
				dates = append(dates, f)
			}
		}
	}
	pick := func(s int) {
		if !picked[s] {
			picked[s] = true
			order = append(order, s)
			enqueue(s)
		}
	}
	for s := range S {
		if in.deviation(s, t.count[s]) > most {
			pick(s)
		}
	}
	must = len(order)
	spare := func(s int) bool { return in.deviation(s, t.count[s]-1) <= most }
	room := func(s int) bool { return t.count[s] < in.cap[s] && in.deviation(s, t.count[s]+1) <= most }
	for i := 0; i < len(dates) && len(order) < S; i++ {
		f := dates[i]
		for _, slack := range []bool{true, false} {
			for s := range S {
				switch {
				case picked[s]:
				case t.on[s][f] && in.pin[s][f] <= 0 && (!slack || spare(s)):
					pick(s)
				case !t.on[s][f] && in.free(s, f) && r.spacedFrom(t.on[s], f) && (!slack || room(s)):
					pick(s)
				}
			}
		}
	}
	stride := spreadStride(S)
	for i, s := 0, 0; i < S; i, s = i+1, (s+stride)%S {
		pick(s)
	}
	return order, must
}
