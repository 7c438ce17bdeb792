package solver

import "time"

// Large-neighbourhood search on the fairness deviation by rows, each
// neighbourhood on an encoding of its own (held.go, mend_rows.go): where
// the whole encoding does not fit in the memory budget, the rota the
// mending by rows returns keeps the deviation of the warm start, often
// one above the flow's bound (2,000 staff at 6 weeks' spacing: D = 1, 77
// people outside their share, bound 0). To lower D by one, the people
// outside the lower deviation must all be free, with others who could
// take their duties or give them one; everyone else is held. The group
// grows as mendRows' does, while its encoding stays within half the
// budget. Valid while fairness is the first level: a rota is returned
// only when it keeps every rule instance, at the lower deviation.

// rowsFairerCall bounds one search of a group: a group that cannot reach
// the lower deviation is a pigeonhole a search refutes late, and the
// next, larger group is the better use of the time.
const rowsFairerCall = 3 * time.Second

// fairerByRows lowers the deviation of on (which keeps every rule, at
// deviation dev) towards lb, one step at a time, each search of a group
// bounded by limit (rowsFairerCall); report is told of each fairer rota. It returns the fairest rota found and its deviation, on
// and dev when none is, and stops when a step fails or ctx ends.
func (r *search) fairerByRows(on [][]bool, dev, lb int, limit time.Duration, report func([][]bool)) ([][]bool, int) {
	S := len(r.in.p.Staff)
	for dev > lb && r.ctx.Err() == nil {
		order, must := r.fairerOrder(on, dev-1)
		var fairer [][]bool
		for n := must + rowsFirst; fairer == nil; n *= rowsGrowth {
			n = min(n, S)
			free := make([]bool, S)
			for _, s := range order[:n] {
				free[s] = true
			}
			if rowsEstimate(r.in, on, free) > r.cfg.budget/2 || r.ctx.Err() != nil {
				return on, dev
			}
			fairer = r.searchRows(on, free, dev-1, limit)
			if n == S {
				break
			}
		}
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
// them), then those who could even them out, on the dates the people
// above most are on duty (or could be, within the spacing, for those
// below their share): people free and off duty there with room for one
// more duty within most, those with no duty within the spacing first, or
// on duty there with one to spare; then everyone else, spread over the
// office.
func (r *search) fairerOrder(on [][]bool, most int) (order []int, must int) {
	in := r.in
	S, F := len(in.p.Staff), len(in.dates)
	t := tallyOf(in, on)
	picked := make([]bool, S)
	pick := func(s int) {
		if !picked[s] {
			picked[s] = true
			order = append(order, s)
		}
	}
	give, take := make([]bool, F), make([]bool, F) // dates that want one duty fewer, one more
	for s := range S {
		n := t.count[s]
		if in.deviation(s, n) <= most {
			continue
		}
		pick(s)
		above := in.hist[s]+n > in.hi[s]
		for f := range F {
			switch {
			case above && t.on[s][f]:
				give[f] = true
			case !above && !t.on[s][f] && in.free(s, f) && r.spacedFrom(t.on[s], f):
				take[f] = true
			}
		}
	}
	must = len(order)
	// Those who can take a duty without moving another (no duty within
	// the spacing) first, as in rowOrder.
	for _, roomy := range []bool{true, false} {
		for f := range F {
			for s := range S {
				n := t.count[s]
				switch {
				case give[f] && !t.on[s][f] && in.free(s, f) && n < in.cap[s] && in.deviation(s, n+1) <= most &&
					(!roomy || r.spacedFrom(t.on[s], f)):
					pick(s)
				case take[f] && t.on[s][f] && in.pin[s][f] <= 0 && in.deviation(s, n-1) <= most:
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
