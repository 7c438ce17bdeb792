package solver

import "math"

// The balanced rota is the primal side of the Lagrangian bound. Each
// person takes a cheapest set of dates at the bound's prices (one that
// keeps the person's own rules: count, spacing, pins, windows), the ties
// broken toward the dates, units and roles that still lack people. What
// the people chose alone rarely meets each date's demand exactly, so
// chains of moves then carry duties from dates with too many people to
// dates with too few: person a moves from f to g, person b from g to h,
// and so on, each move keeping that person's set cheapest. When the
// result keeps every rule, its request cost equals the bound and it is
// optimal with no search at all; otherwise it is a warm start.

// balancer holds a rota under construction.
type balancer struct {
	tally
	l      *lagrangian
	cost   []float64 // per person: the priced cost of the current set
	limit  []float64 // per person: the cheapest priced cost, plus rounding room
	work   int       // moves tried, against the budget
	budget int
}

// balanceBudget bounds the moves the chains may try, per person-date.
const balanceBudget = 40

// balancedRota builds the rota described above at the prices of the
// lagrangian's last evaluation (which left each person-date's priced cost
// in place); it may break rules when the chains run out. Each round
// that ends short raises a small tie-breaking price on the dates, units
// and roles that had too many people and lowers it where they lacked
// some, and builds again: a subgradient step too small to change anyone's
// cheapest cost, only which of their cheapest sets they take.
func balancedRota(in *instance, l *lagrangian) [][]bool {
	S, F := len(in.p.Staff), len(in.dates)
	tie := &ties{date: make([]float64, F), unit: grid[float64](F, len(in.unitMin)), role: grid[float64](F, len(in.roleMin))}
	var best [][]bool
	bestBad, work, bestRound := math.MaxInt, 0, 0
	for round := 0; round < balanceRounds && round-bestRound < balanceStall && !in.halt.check(); round++ {
		b := &balancer{tally: newTally(in), l: l, cost: make([]float64, S), limit: make([]float64, S),
			work: work, budget: balanceBudget * S * F}
		b.construct(tie)
		for range 4 * F {
			if b.work >= b.budget || in.halt.check() || !b.balanceCoverage() || !b.fillMinimums() {
				break
			}
		}
		work = b.work
		if bad := b.violations(tie); bad < bestBad {
			best, bestBad, bestRound = b.on, bad, round
		}
		if bestBad == 0 || work >= b.budget {
			break
		}
	}
	if bestBad > 0 && best != nil && !in.halt.check() {
		best = bestResponses(in, l, best)
	}
	return best
}

// balanceRounds bounds the rounds of balancedRota, and balanceStall the
// rounds it goes on without a better rota.
const (
	balanceRounds = 30
	balanceStall  = 10
)

// ties are the tie-breaking prices of balancedRota.
type ties struct {
	date       []float64
	unit, role [][]float64
}

// violations counts what the rota lacks (dates off their demand, unit and
// role shortfalls) and moves the tie-breaking prices against it.
func (b *balancer) violations(t *ties) int {
	in := b.in
	const step = 0.5
	bad := 0
	for f := range in.dates {
		off := b.offDemand(f)
		bad += abs(off)
		t.date[f] += step * float64(off)
		for u, need := range in.unitNeed[f] {
			if short := need - b.units[f][u]; short > 0 {
				bad += short
				t.unit[f][u] -= step * float64(short)
			}
		}
		for r, need := range in.roleNeed[f] {
			if short := need - b.roles[f][r]; short > 0 {
				bad += short
				t.role[f][r] -= step * float64(short)
			}
		}
	}
	return bad
}

// construct gives each person in turn a cheapest set, breaking ties by
// how much the dates still need and by the tie-breaking prices.
func (b *balancer) construct(tie *ties) {
	in, l := b.in, b.l
	S, F := len(in.p.Staff), len(in.dates)
	// What the people not yet placed are expected to bring to each date,
	// unit and role: their mid count spread over their free dates.
	rem := make([]float64, F)
	remUnit, remRole := grid[float64](F, len(in.unitMin)), grid[float64](F, len(in.roleMin))
	expect := func(s int, sign float64) {
		if l.free[s] == 0 {
			return
		}
		e := sign * float64(l.lo[s]+l.hi[s]) / 2 / float64(l.free[s])
		for f := range F {
			if !in.free(s, f) {
				continue
			}
			rem[f] += e
			if u := in.unitOf[s]; u >= 0 {
				remUnit[f][u] += e
			}
			for _, r := range in.roleOf[s] {
				remRole[f][r] += e
			}
		}
	}
	for s := range S {
		expect(s, 1)
	}
	pressure := func(need int, rem float64) float64 {
		return (rem - float64(need)) / (rem + math.Abs(float64(need)) + 1)
	}
	for s := range S {
		if in.halt.now() {
			return
		}
		expect(s, -1)
		p := l.load(s)
		eps := 1e-6 / float64(p.hi+1)
		for i, f := range p.dates {
			t := pressure(in.lower[f]-b.cov[f], rem[f]) + tie.date[f]
			if u := in.unitOf[s]; u >= 0 {
				t += tie.unit[f][u]
				if need := in.unitNeed[f][u] - b.units[f][u]; need > 0 {
					t += pressure(need, remUnit[f][u])
				}
			}
			for _, r := range in.roleOf[s] {
				t += tie.role[f][r]
				if need := in.roleNeed[f][r] - b.roles[f][r]; need > 0 {
					t += pressure(need, remRole[f][r])
				}
			}
			p.cost[i] += eps * t
		}
		windowedSet(in, s, p, b.on[s], eps)
		for _, f := range p.dates {
			if b.on[s][f] {
				b.on[s][f] = false
				b.set(s, f, true)
			}
		}
		b.limit[s] = b.cost[s] + 1e-6
	}
}

// set puts s on or off duty on f and keeps the tallies and s's cost.
func (b *balancer) set(s, f int, v bool) {
	if step := b.put(s, f, v); step != 0 {
		b.cost[s] += float64(step) * b.l.cost(s, f)
	}
}

// canLeave reports whether s may leave f without breaking a pin or a unit
// or role minimum on f.
func (b *balancer) canLeave(s, f int) bool {
	in := b.in
	if in.pin[s][f] > 0 {
		return false
	}
	if u := in.unitOf[s]; u >= 0 && b.units[f][u] <= in.unitNeed[f][u] {
		return false
	}
	for _, r := range in.roleOf[s] {
		if b.roles[f][r] <= in.roleNeed[f][r] {
			return false
		}
	}
	return true
}

// fits reports whether s, dropping date drop and adding date add (-1 for
// none), keeps a cheapest set: the count within bounds, the spacing, the
// longest gap, the windows, and the priced cost.
func (b *balancer) fits(s, add, drop int) bool {
	in, l := b.in, b.l
	b.work++
	n := b.count[s]
	c := b.cost[s]
	if add >= 0 {
		if b.on[s][add] || !in.free(s, add) {
			return false
		}
		n++
		c += l.cost(s, add)
	}
	if drop >= 0 {
		n--
		c -= l.cost(s, drop)
	}
	if n < l.lo[s] || n > l.hi[s] || c > b.limit[s] || !b.keepsGap(s, add, drop) {
		return false
	}
	if add < 0 {
		return len(in.windows) == 0 || b.keepsWindows(s, add, drop)
	}
	if in.spaced[s] {
		// Only the dates within the spacing of add can clash with it:
		// scanning the whole row made the chains of an office of 20,000
		// over 450 dates spend 20 s here.
		for g := add - 1; g >= 0 && in.gap(g, add) < in.spacingDays; g-- {
			if b.on[s][g] && g != drop {
				return false
			}
		}
		for g := add + 1; g < len(in.dates) && in.gap(add, g) < in.spacingDays; g++ {
			if b.on[s][g] && g != drop {
				return false
			}
		}
	}
	return len(in.windows) == 0 || b.keepsWindows(s, add, drop)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// keepsGap reports whether s's set after the change still holds a duty
// in every run of the longest gap: only the runs through drop can lose
// theirs.
func (b *balancer) keepsGap(s, add, drop int) bool {
	if drop < 0 || !b.in.gapped[s] {
		return true
	}
	for _, run := range gapRuns(b.in, s) {
		if drop < run[0] || drop > run[1] {
			continue
		}
		held := false
		for g := run[0]; g <= run[1] && !held; g++ {
			held = g != drop && (b.on[s][g] || g == add)
		}
		if !held {
			return false
		}
	}
	return true
}

// keepsWindows checks the window rules for s's set after the change.
func (b *balancer) keepsWindows(s, add, drop int) bool {
	in := b.in
	var days []int
	for g, v := range b.on[s] {
		if v && g != drop || g == add {
			days = append(days, in.day[g])
		}
	}
	for w, win := range in.windows {
		if !in.windowed[s][w] {
			continue
		}
		for i := range days {
			if i+win.Max < len(days) && days[i+win.Max]-days[i] < 7*win.Weeks {
				return false
			}
		}
	}
	return true
}

// move is one step of a chain: person s leaves date from (-1: takes an
// extra duty) for date to (-1: drops the duty).
type move struct{ s, from, to int }

// balanceCoverage runs chains until every date has its demand, and
// reports whether it got there.
func (b *balancer) balanceCoverage() bool {
	in := b.in
	for b.work < b.budget && !in.halt.check() {
		surplus, deficit := 0, 0
		for f := range in.dates {
			off := b.offDemand(f)
			surplus += max(0, off)
			deficit += max(0, -off)
		}
		if surplus == 0 && deficit == 0 {
			return true
		}
		path := b.chain(surplus > 0, deficit > 0)
		if path == nil {
			return false
		}
		for _, m := range path {
			if m.from >= 0 {
				b.set(m.s, m.from, false)
			}
			if m.to >= 0 {
				b.set(m.s, m.to, true)
			}
		}
	}
	return false
}

// chain finds, breadth first, a chain of moves from a date with too many
// people (or, when none has too many, from an extra duty) to a date with
// too few (or, when none has too few, to a dropped duty), each move by a
// different person.
func (b *balancer) chain(surplus, deficit bool) []move {
	in := b.in
	F := len(in.dates)
	const dst = -1 // a dropped duty
	type node struct {
		via  move
		prev int // index into nodes, -1 at a start
	}
	var nodes []node
	seen := make([]bool, F)
	var queue []int // indices into nodes; node's date is via.to
	used := func(i int, s int) bool {
		for ; i >= 0; i = nodes[i].prev {
			if nodes[i].via.s == s {
				return true
			}
		}
		return false
	}
	path := func(i int) []move {
		var p []move
		for ; i >= 0; i = nodes[i].prev {
			if nodes[i].via.s >= 0 {
				p = append(p, nodes[i].via)
			}
		}
		return p
	}
	isTarget := func(g int) bool { return deficit && g >= 0 && b.cov[g] < in.lower[g] }
	if surplus {
		for f := range F {
			if b.cov[f] > in.upper[f] {
				seen[f] = true
				nodes = append(nodes, node{via: move{s: -1, from: -1, to: f}, prev: -1})
				queue = append(queue, len(nodes)-1)
			}
		}
	} else {
		// Extra duties: anyone below their count bound may add a date.
		for s := range b.on {
			if in.halt.now() {
				return nil
			}
			for g := range F {
				if !seen[g] && b.fits(s, g, -1) {
					seen[g] = true
					nodes = append(nodes, node{via: move{s: s, from: -1, to: g}, prev: -1})
					if isTarget(g) {
						return path(len(nodes) - 1)
					}
					queue = append(queue, len(nodes)-1)
				}
			}
		}
	}
	for qi := 0; qi < len(queue) && b.work < b.budget; qi++ {
		i := queue[qi]
		f := nodes[i].via.to
		for s := range b.on {
			if in.halt.now() {
				return nil
			}
			if !b.on[s][f] || !b.canLeave(s, f) || used(i, s) {
				continue
			}
			if !deficit && b.fits(s, -1, f) {
				nodes = append(nodes, node{via: move{s: s, from: f, to: dst}, prev: i})
				return path(len(nodes) - 1)
			}
			for g := range F {
				if seen[g] || !b.fits(s, g, f) {
					continue
				}
				seen[g] = true
				nodes = append(nodes, node{via: move{s: s, from: f, to: g}, prev: i})
				if isTarget(g) {
					return path(len(nodes) - 1)
				}
				queue = append(queue, len(nodes)-1)
			}
		}
	}
	return nil
}

// fillMinimums brings someone of the unit or role onto each date where a
// minimum falls short, by an extra duty or a move from another date, and
// reports whether it found a shortfall; balanceCoverage then evens out
// the demand again without taking them off.
func (b *balancer) fillMinimums() bool {
	in := b.in
	short := false
	for f := range in.dates {
		for u, need := range in.unitNeed[f] {
			if b.units[f][u] < need {
				short = true
				b.bringIn(f, func(s int) bool { return in.unitOf[s] == u })
			}
		}
		for r, need := range in.roleNeed[f] {
			if b.roles[f][r] < need {
				short = true
				b.bringIn(f, func(s int) bool {
					for _, q := range in.roleOf[s] {
						if q == r {
							return true
						}
					}
					return false
				})
			}
		}
	}
	return short
}

// bringIn puts onto f the first person of the group who can come, by an
// extra duty or by leaving another date.
func (b *balancer) bringIn(f int, member func(s int) bool) bool {
	for s := range b.on {
		if b.in.halt.now() {
			return false
		}
		if !member(s) || b.on[s][f] || !b.in.free(s, f) {
			continue
		}
		if b.fits(s, f, -1) {
			b.set(s, f, true)
			return true
		}
		for g, v := range b.on[s] {
			if v && b.canLeave(s, g) && b.fits(s, f, g) {
				b.set(s, g, false)
				b.set(s, f, true)
				return true
			}
		}
	}
	return false
}
