package solver

// repair improves a schedule by local search, so that the warm start
// becomes a schedule the first solve can assume, with few unmet requests.
// It keeps coverage exact and moves people between dates: replace a on
// date f by someone not on f, or swap a on f with b on g. A move is taken
// when it lowers how far the rule instances are broken (their breach),
// then the duties outside [lo-d, hi+d], or keeps both and lowers the
// request cost; the search is greedy, first improvement, in a fixed order,
// so it is deterministic, and it stops after a fixed amount of work. With
// d = noDeviation fairness plays no part.
type repairer struct {
	tally
	d     int
	fair  bool
	dated [][]int // per date, the instances a move can break: all but coverage
	scope dateScope
}

// repairBudget bounds the moves tried, as a multiple of the person-dates.
const repairBudget = 30

func repair(in *instance, rota [][]bool, d int) {
	S, F := len(rota), len(in.dates)
	r := &repairer{tally: newTally(in), d: d, fair: d != noDeviation, dated: make([][]int, F)}
	// Every move keeps each date's count, so the coverage instances of a
	// date never change their breach: leaving them out of the date's cost
	// made the repair a third faster on a 120-staff office.
	for f, rs := range in.rules.byDate {
		for _, i := range rs {
			switch in.rules.all[i].(type) {
			case *coverageAtLeast, *coverageAtMost:
			default:
				r.dated[f] = append(r.dated[f], i)
			}
		}
	}
	r.scope = newDateScope(in, r.dated)
	for s, row := range rota {
		for f, v := range row {
			r.set(s, f, v)
		}
	}
	on := r.on
	defer func() {
		for s := range rota {
			copy(rota[s], on[s])
		}
	}()
	budget := repairBudget * S * F
	for improved := true; improved && budget > 0; {
		improved = false
		for f := 0; f < F && budget > 0; f++ {
			for b := 0; b < S && budget > 0 && !in.halt.now(); b++ {
				if !on[b][f] && in.free(b, f) && in.costFalse[b][f] > in.costTrue[b][f] && r.tryGrant(b, f, &budget) {
					improved = true
				}
			}
		}
		for f := 0; f < F && budget > 0; f++ {
			dateKept := r.dateCost(f).zero() // until a move on f
			for a := 0; a < S && budget > 0 && !in.halt.now(); a++ {
				if !on[a][f] || r.personCost(a).zero() && dateKept && in.costTrue[a][f] == 0 {
					continue
				}
				if r.tryReplace(a, f, &budget) || r.trySwap(a, f, &budget) {
					improved = true
					dateKept = r.dateCost(f).zero()
				}
			}
		}
	}
}

// cost is what the repair minimises, in order: how far rule instances are
// broken, then duties beyond the deviation bound, then (compared apart)
// the request cost. Keeping them apart stops the search from trading a
// broken rule for fairness.
type cost struct{ hard, excess int }

func (c cost) plus(o cost) cost { return cost{c.hard + o.hard, c.excess + o.excess} }

func (c cost) less(o cost) bool {
	return c.hard < o.hard || c.hard == o.hard && c.excess < o.excess
}

func (c cost) zero() bool { return c == cost{} }

// personCost is the cost person s carries alone: the breach of their own
// rule instances, and duties outside [lo-d, hi+d].
func (r *repairer) personCost(s int) cost {
	c := cost{hard: r.in.rules.personBreach(&r.tally, s)}
	if r.fair {
		c.excess = max(0, r.in.deviation(s, r.count[s])-r.d)
	}
	return c
}

// dateCost is the breach of the rule instances on date f that a move can
// change: all hard. A move's comparison needs only moveCost's part of it.
func (r *repairer) dateCost(f int) cost {
	n := 0
	for _, i := range r.dated[f] {
		n += r.in.rules.all[i].breach(&r.tally)
	}
	return cost{hard: n}
}

// set puts s on or off duty on f and keeps the tallies.
func (r *repairer) set(s, f int, v bool) { r.put(s, f, v) }

// tryReplace takes a off date f and puts in the first b that lowers the
// broken-rule count.
func (r *repairer) tryReplace(a, f int, budget *int) bool {
	in := r.in
	for b := range r.on {
		if r.on[b][f] || !in.free(b, f) {
			continue
		}
		if in.halt.now() {
			return false
		}
		*budget--
		before := r.personCost(a).plus(r.personCost(b)).plus(r.moveCost(f, a, b))
		requests := in.costFalse[a][f] + in.costTrue[b][f] - in.costTrue[a][f] - in.costFalse[b][f]
		r.set(a, f, false)
		r.set(b, f, true)
		if after := r.personCost(a).plus(r.personCost(b)).plus(r.moveCost(f, a, b)); after.less(before) || after == before && requests < 0 {
			return true
		}
		r.set(b, f, false)
		r.set(a, f, true)
	}
	return false
}

// tryGrant gives b the date f that b asked for, by a swap that keeps both
// people's counts: someone a on f takes one of b's dates g instead. It
// takes the first swap that keeps the rules as they are and lowers the
// request cost.
func (r *repairer) tryGrant(b, f int, budget *int) bool {
	tries := grantTries
	for g, on := range r.on[b] {
		if !on || g == f {
			continue
		}
		for a := range r.on {
			if tries == 0 {
				return false
			}
			if a != b && r.on[a][f] && !r.on[a][g] && r.in.free(a, g) {
				tries--
				if r.swapIfBetter(a, f, b, g, budget) {
					return true
				}
			}
		}
	}
	return false
}

// grantTries caps the swaps tried for one request: on large offices most
// requests that cannot be granted would otherwise cost a scan of
// everyone on duty for each of the person's dates.
const grantTries = 256

// swapIfBetter moves a from f to g and b from g to f, and keeps the move
// if it lowers the cost, or keeps it and lowers the request cost.
func (r *repairer) swapIfBetter(a, f, b, g int, budget *int) bool {
	in := r.in
	if in.halt.now() {
		return false
	}
	*budget--
	requests := in.costFalse[a][f] + in.costTrue[a][g] + in.costFalse[b][g] + in.costTrue[b][f] -
		in.costTrue[a][f] - in.costFalse[a][g] - in.costTrue[b][g] - in.costFalse[b][f]
	before := r.personCost(a).plus(r.personCost(b)).plus(r.moveCost(f, a, b)).plus(r.moveCost(g, a, b))
	r.set(a, f, false)
	r.set(b, g, false)
	r.set(a, g, true)
	r.set(b, f, true)
	after := r.personCost(a).plus(r.personCost(b)).plus(r.moveCost(f, a, b)).plus(r.moveCost(g, a, b))
	if after.less(before) || after == before && requests < 0 {
		return true
	}
	r.set(a, g, false)
	r.set(b, f, false)
	r.set(a, f, true)
	r.set(b, g, true)
	return false
}

// trySwap exchanges a on f with some b on another date g, which keeps both
// people's counts.
func (r *repairer) trySwap(a, f int, budget *int) bool {
	in := r.in
	for g := range in.dates {
		if g == f || r.on[a][g] || !in.free(a, g) {
			continue
		}
		for b := range r.on {
			if b != a && r.on[b][g] && !r.on[b][f] && in.free(b, f) && r.swapIfBetter(a, f, b, g, budget) {
				return true
			}
		}
	}
	return false
}
