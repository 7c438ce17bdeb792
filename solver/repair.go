package solver

// repair improves a schedule that breaks hard rules by local search, so
// that the warm start becomes a schedule the first solve can assume. It
// keeps coverage exact and moves people between dates: replace a on date
// f by someone not on f, or swap a on f with b on g. A move is taken when
// it lowers the number of broken rules (spacing pairs, duties outside
// [lo-d, hi+d], unit and role shortfalls, pins); the search is greedy,
// first improvement, in a fixed order, so it is deterministic, and it
// stops after a fixed amount of work.
type repairer struct {
	in    *instance
	on    [][]bool
	d     int
	count []int
	fair  bool
}

// repairBudget bounds the moves tried, as a multiple of the person-dates.
const repairBudget = 30

func repair(in *instance, on [][]bool, d int) {
	r := &repairer{in: in, on: on, d: d, count: make([]int, len(on)), fair: !in.p.Rules.Fairness.Off}
	for s, row := range on {
		for _, v := range row {
			if v {
				r.count[s]++
			}
		}
	}
	S, F := len(on), len(in.dates)
	budget := repairBudget * S * F
	for improved := true; improved && budget > 0; {
		improved = false
		for f := 0; f < F && budget > 0; f++ {
			for a := 0; a < S && budget > 0; a++ {
				if !on[a][f] || r.personCost(a) == 0 && r.dateCost(f) == 0 {
					continue
				}
				if r.tryReplace(a, f, &budget) || r.trySwap(a, f, &budget) {
					improved = true
				}
			}
		}
	}
}

// personCost counts the rules person s breaks on their own: spacing pairs,
// window overflows, and duties outside [lo-d, hi+d].
func (r *repairer) personCost(s int) int {
	in := r.in
	cost := 0
	last := -1
	for f, v := range r.on[s] {
		if !v {
			continue
		}
		if last >= 0 && in.dates[last].DaysUntil(in.dates[f]) < in.spacingDays {
			cost++
		}
		last = f
	}
	if r.fair {
		cost += max(0, in.deviation(s, r.count[s])-r.d)
	}
	return cost
}

// dateCost counts the shortfalls of unit and role minimums and broken pins
// on date f.
func (r *repairer) dateCost(f int) int {
	in := r.in
	cost := 0
	units := make([]int, len(in.unitMin))
	for s := range r.on {
		if r.on[s][f] {
			if u := in.unitOf[s]; u >= 0 {
				units[u]++
			}
		}
		if in.pin[s][f] > 0 && !r.on[s][f] {
			cost++
		}
	}
	for u, need := range in.unitMin {
		cost += max(0, need-units[u])
	}
	for ro, need := range in.roleMin {
		n := 0
		for _, s := range in.roleHold[ro] {
			if r.on[s][f] {
				n++
			}
		}
		cost += max(0, need-n)
	}
	return cost
}

func (r *repairer) set(s, f int, v bool) {
	if r.on[s][f] != v {
		r.on[s][f] = v
		if v {
			r.count[s]++
		} else {
			r.count[s]--
		}
	}
}

// tryReplace takes a off date f and puts in the first b that lowers the
// broken-rule count.
func (r *repairer) tryReplace(a, f int, budget *int) bool {
	in := r.in
	for b := range r.on {
		if r.on[b][f] || !in.free(b, f) {
			continue
		}
		*budget--
		before := r.personCost(a) + r.personCost(b) + r.dateCost(f)
		r.set(a, f, false)
		r.set(b, f, true)
		if r.personCost(a)+r.personCost(b)+r.dateCost(f) < before {
			return true
		}
		r.set(b, f, false)
		r.set(a, f, true)
	}
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
			if b == a || !r.on[b][g] || r.on[b][f] || !in.free(b, f) {
				continue
			}
			*budget--
			before := r.personCost(a) + r.personCost(b) + r.dateCost(f) + r.dateCost(g)
			r.set(a, f, false)
			r.set(b, g, false)
			r.set(a, g, true)
			r.set(b, f, true)
			if r.personCost(a)+r.personCost(b)+r.dateCost(f)+r.dateCost(g) < before {
				return true
			}
			r.set(a, g, false)
			r.set(b, f, false)
			r.set(a, f, true)
			r.set(b, g, true)
		}
	}
	return false
}
