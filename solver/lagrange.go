package solver

import (
	"math"
)

// The Lagrangian bound prices the rules that tie people together (the
// demand of each date, the unit and role minimums) instead of enforcing
// them. What remains falls apart into one small problem per person: the
// cheapest set of dates with a count within the fairness bounds, two
// duties at least the spacing apart, a duty in every run of the longest
// gap, the pins and the windows kept. A dynamic program over (dates,
// count) solves each exactly but for the windows; a set of it that breaks
// a window is replaced by a minimum-cost flow's, exact with them
// (own_least.go). For any prices the sum is a
// lower bound on the request cost of every schedule within the deviation,
// and subgradient steps raise it. The per-person rules form an interval
// matrix, so the best prices give the LP relaxation's bound, which on the
// bench offices is the optimum itself: the counting the SAT search cannot
// find on its own, made outside it.

// lagrangian holds the relaxation of one instance at one deviation. It
// keeps a few numbers per person and nothing per person-date but the
// last choice: each person's subproblem is loaded into one scratch
// program when it is solved, so the memory grows with the people plus
// the dates, not with their product (at the largest valid size the
// per-person programs held 1.4 GB).
type lagrangian struct {
	in     *instance
	lo, hi []int     // per person: the count bounds of their subproblem
	free   []int     // per person: the free dates
	least  []float64 // per person: the cheapest cost at the last evaluation
	prev   []int     // prev[f]: dates 0..prev[f]-1 lie at least the spacing before f
	base   float64

	// prices: per date (any sign), per (date, unit) and (date, role) (>= 0)
	date  []float64
	unit  [][]float64
	role  [][]float64
	take  [][]bool // the subproblems' choice at the last evaluation
	value float64  // the bound at the last evaluation

	unspaced []int    // prev without spacing: every earlier date
	dp       personDP // scratch: the subproblem of one person at a time
}

// personDP is one person's subproblem.
type personDP struct {
	lo, hi int
	dates  []int // free dates, in order
	pinned []bool
	cost   []float64 // per free date, at the current prices
	best   [][]float64
	pred   [][]int // pred[k][i]: the duty before, in best[k][i]
	run    []float64
	at     []int

	// pinBefore[i]: the latest pinned index below i, -1 if none (n+1
	// entries); hiPred[i]: the free dates a duty before the i-th may use
	// are those below this index, by the spacing.
	pinBefore []int
	hiPred    []int

	bestCells []float64 // best's backing array, kept between loads
	predCells []int

	// The longest gap (when gapped): loPred[i] is the least index the
	// duty before the i-th may take, firstMost the last index a first
	// duty may take, lastLeast the least a last duty may take; with a gap
	// the person works at least once. queue is the window minimum's
	// scratch.
	gapped               bool
	loPred               []int
	firstMost, lastLeast int
	queue                []int
}

// noDeviation, as the deviation of a Lagrangian, prices schedules of any
// deviation: for the requests level when fairness does not come before
// it.
const noDeviation = -1

// newLagrangian sets up the relaxation among schedules of deviation at
// most d (any deviation for noDeviation); false when no person can meet
// the deviation on their own.
func newLagrangian(in *instance, d int) (*lagrangian, bool) {
	S, F := len(in.p.Staff), len(in.dates)
	l := &lagrangian{in: in, lo: make([]int, S), hi: make([]int, S), free: make([]int, S), least: make([]float64, S),
		prev: make([]int, F), unspaced: make([]int, F),
		date: make([]float64, F), unit: grid[float64](F, len(in.unitMin)), role: grid[float64](F, len(in.roleMin)),
		take: grid[bool](S, F)}
	l.base = float64(in.fixedCost)
	for f := range F {
		for l.prev[f] < f && in.gap(l.prev[f], f) >= in.spacingDays {
			l.prev[f]++
		}
		l.unspaced[f] = f
	}
	for s := range S {
		lo, hi := 0, in.cap[s]
		if d != noDeviation {
			lo = max(0, in.lo[s]-d-in.hist[s])
			hi = min(in.cap[s], in.hi[s]+d-in.hist[s])
		}
		if hi < lo || in.halt.check() {
			return nil, false // no bound: the rules clash, or ctx ended
		}
		l.lo[s], l.hi[s] = lo, hi
		for f := range F {
			if in.free(s, f) {
				l.free[s]++
				l.base += float64(in.costFalse[s][f])
			}
		}
	}
	return l, true
}

// cost is the priced cost of s on duty on free date f: the request cost
// of the duty less the prices of what it covers.
func (l *lagrangian) cost(s, f int) float64 {
	in := l.in
	c := float64(in.costTrue[s][f]-in.costFalse[s][f]) - l.date[f]
	if u := in.unitOf[s]; u >= 0 {
		c -= l.unit[f][u]
	}
	for _, r := range in.roleOf[s] {
		c -= l.role[f][r]
	}
	return c
}

// load puts person s's subproblem at the current prices into the scratch
// program and returns it; it stays valid until the next load.
func (l *lagrangian) load(s int) *personDP {
	in, p := l.in, &l.dp
	p.dates, p.pinned, p.cost = p.dates[:0], p.pinned[:0], p.cost[:0]
	for f := range in.dates {
		if in.free(s, f) {
			p.dates = append(p.dates, f)
			p.pinned = append(p.pinned, in.pin[s][f] > 0)
			p.cost = append(p.cost, l.cost(s, f))
		}
	}
	prev := l.prev
	if !in.spaced[s] {
		prev = l.unspaced
	}
	p.prepare(l.lo[s], l.hi[s], prev)
	if in.gapped[s] {
		p.setGap(gapRuns(in, s))
	}
	return p
}

// setGap asks the program to keep the longest gap: each run [a, b] of
// date indices holds a duty. Two duties in a row (or the period's ends
// and a duty) may not enclose a run, so the duty before the i-th lies on
// or after the latest start of a run that ends before it.
func (p *personDP) setGap(runs [][2]int) {
	n := len(p.dates)
	p.gapped = true
	p.loPred = resize(p.loPred, n)
	p.firstMost, p.lastLeast = n-1, 0
	if len(runs) == 0 {
		p.gapped = false
		return
	}
	// gapRuns gives the runs in the order of their starts, which is the
	// order of their ends too.
	r, latest := 0, -1
	j := 0
	for i, f := range p.dates {
		for r < len(runs) && runs[r][1] < f {
			latest = runs[r][0]
			r++
		}
		for j < n && p.dates[j] < latest {
			j++
		}
		p.loPred[i] = j
	}
	for p.firstMost >= 0 && p.dates[p.firstMost] > runs[0][1] {
		p.firstMost--
	}
	last := runs[len(runs)-1][0]
	for p.lastLeast < n && p.dates[p.lastLeast] < last {
		p.lastLeast++
	}
}

// newPersonDP sets up the subproblem of a person with the given free
// dates (increasing date indices), pins among them and count bounds;
// prev[f] counts the dates far enough before f for the spacing.
func newPersonDP(dates []int, pinned []bool, lo, hi int, prev []int) personDP {
	p := personDP{dates: dates, pinned: pinned, cost: make([]float64, len(dates))}
	p.prepare(lo, hi, prev)
	return p
}

// prepare sizes the program for its dates and count bounds and works out
// where pins and the spacing cut the choice of the duty before.
func (p *personDP) prepare(lo, hi int, prev []int) {
	n := len(p.dates)
	p.lo, p.hi = lo, hi
	p.gapped = false
	p.run, p.at = resize(p.run, n), resize(p.at, n)
	p.pinBefore, p.hiPred = resize(p.pinBefore, n+1), resize(p.hiPred, n)
	p.bestCells, p.predCells = resize(p.bestCells, (hi+1)*n), resize(p.predCells, (hi+1)*n)
	p.best, p.pred = resize(p.best, hi+1), resize(p.pred, hi+1)
	for k := range hi + 1 {
		p.best[k], p.pred[k] = p.bestCells[k*n:(k+1)*n:(k+1)*n], p.predCells[k*n:(k+1)*n:(k+1)*n]
	}
	p.pinBefore[0] = -1
	for i := range n {
		p.pinBefore[i+1] = p.pinBefore[i]
		if p.pinned[i] {
			p.pinBefore[i+1] = i
		}
	}
	j := 0
	for i, f := range p.dates {
		for j < i && p.dates[j] < prev[f] {
			j++
		}
		p.hiPred[i] = j
	}
}

// evaluate solves every subproblem at the current prices and returns the
// bound; the choices are left in take.
func (l *lagrangian) evaluate() float64 {
	in := l.in
	v := l.base
	for f := range in.dates {
		v += l.date[f] * float64(in.lower[f])
		for u, need := range in.unitNeed[f] {
			v += l.unit[f][u] * float64(need)
		}
		for r, need := range in.roleNeed[f] {
			v += l.role[f][r] * float64(need)
		}
	}
	for s := range l.lo {
		if in.halt.now() {
			return math.Inf(-1) // no bound: ctx ended
		}
		m, ok := l.solve(s)
		if !ok {
			return math.Inf(-1) // no set keeps the person's own rules: no bound
		}
		l.least[s] = m
		v += m
	}
	l.value = v
	return v
}

// solve finds person s's cheapest set at the current prices into take[s]
// and returns its priced cost: by the person program, or where a window
// binds the person by windowedSet's flow, which keeps it too (on offices
// within exactWindowCells).
func (l *lagrangian) solve(s int) (float64, bool) {
	p := l.load(s)
	if !bindsWindow(l.in, s) || !exactWindows(l.in) {
		return p.solve(l.take[s]) // past the flows' size, a relaxation of the windows
	}
	ok, _ := windowedSet(l.in, s, p, l.take[s], 0)
	m := 0.0
	for i, f := range p.dates {
		if l.take[s][f] {
			m += p.cost[i]
		}
	}
	return m, ok
}

// solve finds the cheapest feasible set of dates and marks it in take
// (indexed by date). best[k][i] is the least cost of k duties, the last on
// the person's i-th free date; the duty before it may lie on any free date
// j with j < hiPred[i] (the spacing) and j >= pinBefore[i] (no pin
// skipped), a range in which no pin lies after pinBefore[i], so a running
// minimum restarted at each pin answers it in one step.
func (p *personDP) solve(take []bool) (float64, bool) {
	n := len(p.dates)
	inf := math.Inf(1)
	for _, f := range p.dates {
		take[f] = false
	}
	if p.gapped {
		return p.solveGapped(take)
	}
	run, at := p.run, p.at
	for k := 1; k <= p.hi; k++ {
		row, pred := p.best[k], p.pred[k]
		for i := range n {
			row[i] = inf
			switch {
			case k == 1:
				if p.pinBefore[i] < 0 {
					row[i] = p.cost[i]
				}
			case p.hiPred[i] > max(0, p.pinBefore[i]):
				if m := run[p.hiPred[i]-1]; m < inf {
					row[i] = m + p.cost[i]
					pred[i] = at[p.hiPred[i]-1]
				}
			}
		}
		for i := range n {
			run[i], at[i] = row[i], i
			if i > 0 && !p.pinned[i] && run[i-1] <= run[i] {
				run[i], at[i] = run[i-1], at[i-1]
			}
		}
	}
	lastPin := p.pinBefore[n]
	bestK, bestI, bestV := -1, -1, inf
	if p.lo == 0 && lastPin < 0 {
		bestK, bestV = 0, 0
	}
	for k := max(1, p.lo); k <= p.hi; k++ {
		for i := max(0, lastPin); i < n; i++ {
			if p.best[k][i] < bestV {
				bestK, bestI, bestV = k, i, p.best[k][i]
			}
		}
	}
	if bestK < 0 {
		return 0, false
	}
	for k, i := bestK, bestI; k >= 1; k-- {
		take[p.dates[i]] = true
		i = p.pred[k][i]
	}
	return bestV, true
}

// solveGapped is solve under the longest gap as well. The duty before
// the i-th lies in [max(pinBefore[i], loPred[i]), hiPred[i]), a window
// whose ends never move back as i grows, so a queue of the indices in it
// by increasing cost (the earliest first on ties, as solve) answers each
// in constant time on average.
func (p *personDP) solveGapped(take []bool) (float64, bool) {
	n := len(p.dates)
	inf := math.Inf(1)
	for k := 1; k <= p.hi; k++ {
		row, pred := p.best[k], p.pred[k]
		var before []float64
		if k > 1 {
			before = p.best[k-1]
		}
		q, head, next := p.queue[:0], 0, 0
		for i := range n {
			row[i] = inf
			if k == 1 {
				if p.pinBefore[i] < 0 && i <= p.firstMost {
					row[i] = p.cost[i]
				}
				continue
			}
			for ; next < p.hiPred[i]; next++ {
				if before[next] == inf {
					continue
				}
				for len(q) > head && before[q[len(q)-1]] > before[next] {
					q = q[:len(q)-1]
				}
				q = append(q, next)
			}
			for head < len(q) && q[head] < max(p.pinBefore[i], p.loPred[i]) {
				head++
			}
			if head < len(q) {
				row[i] = before[q[head]] + p.cost[i]
				pred[i] = q[head]
			}
		}
		p.queue = q
	}
	lastPin := p.pinBefore[n]
	bestK, bestI, bestV := -1, -1, inf
	for k := max(1, p.lo); k <= p.hi; k++ {
		for i := max(0, lastPin, p.lastLeast); i < n; i++ {
			if p.best[k][i] < bestV {
				bestK, bestI, bestV = k, i, p.best[k][i]
			}
		}
	}
	if bestK < 0 {
		return 0, false
	}
	for k, i := bestK, bestI; k >= 1; k-- {
		take[p.dates[i]] = true
		i = p.pred[k][i]
	}
	return bestV, true
}

// subgradient raises the bound by subgradient steps (Polyak's step toward
// target, halved when the bound stalls) and returns the best bound found
// as an integer, stopping once it reaches target or the steps grow too
// small to matter.
func (l *lagrangian) subgradient(target int, maxSteps int) int {
	in := l.in
	F := len(in.dates)
	best := math.Inf(-1)
	theta, stall := 2.0, 0
	gDate := make([]float64, F)
	gUnit, gRole := grid[float64](F, len(in.unitMin)), grid[float64](F, len(in.roleMin))
	keep := l.prices()
	defer func() { l.setPrices(keep) }()
	for step := 0; step < maxSteps && !in.halt.stopped(); step++ {
		v := l.evaluate()
		if v > best+1e-9 {
			best, stall, keep = v, 0, l.prices()
		} else if stall++; stall >= 20 {
			theta, stall = theta/2, 0
		}
		if ceilBound(best) >= target || theta < 1e-3 {
			break
		}
		norm := 0.0
		for f, c := range in.lower {
			n := 0
			units, roles := gUnit[f], gRole[f]
			for u, need := range in.unitNeed[f] {
				units[u] = float64(need)
			}
			for r, need := range in.roleNeed[f] {
				roles[r] = float64(need)
			}
			for s := range l.take {
				if !l.take[s][f] {
					continue
				}
				n++
				if u := in.unitOf[s]; u >= 0 {
					units[u]--
				}
				for _, r := range in.roleOf[s] {
					roles[r]--
				}
			}
			// A date's demand is priced only while it is exact: a range
			// (left by a relaxation) stays out of the relaxation, which
			// is a weaker bound but a valid one.
			if in.exact(f) {
				gDate[f] = float64(c - n)
			}
			norm += gDate[f] * gDate[f]
			for u := range units {
				if l.unit[f][u] <= 0 && units[u] < 0 {
					units[u] = 0
				}
				norm += units[u] * units[u]
			}
			for r := range roles {
				if l.role[f][r] <= 0 && roles[r] < 0 {
					roles[r] = 0
				}
				norm += roles[r] * roles[r]
			}
		}
		if norm == 0 {
			break // the relaxation's choice is a schedule: the bound is its cost
		}
		t := theta * (float64(target) - v) / norm
		for f := range F {
			l.date[f] += t * gDate[f]
			for u := range gUnit[f] {
				l.unit[f][u] = max(0, l.unit[f][u]+t*gUnit[f][u])
			}
			for r := range gRole[f] {
				l.role[f][r] = max(0, l.role[f][r]+t*gRole[f][r])
			}
		}
	}
	return ceilBound(best)
}

// ceilBound rounds a bound up to the integer it proves, with room for the
// rounding of a sum of a few hundred thousand floating-point terms.
func ceilBound(v float64) int {
	if math.IsInf(v, -1) {
		return math.MinInt32
	}
	return int(math.Ceil(v - 1e-6))
}

// prices returns a copy of the current prices.
func (l *lagrangian) prices() [][]float64 {
	all := [][]float64{append([]float64(nil), l.date...)}
	for f := range l.unit {
		all = append(all, append([]float64(nil), l.unit[f]...), append([]float64(nil), l.role[f]...))
	}
	return all
}

// setPrices restores prices saved by prices.
func (l *lagrangian) setPrices(all [][]float64) {
	copy(l.date, all[0])
	for f := range l.unit {
		copy(l.unit[f], all[1+2*f])
		copy(l.role[f], all[2+2*f])
	}
}
