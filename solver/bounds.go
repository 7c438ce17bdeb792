package solver

import (
	"slices"
	"time"
)

// The deviation bound is a flow relaxation of the rota: people send duties
// to dates, each person between lo-d and hi+d duties (less history, within
// the cap), each date receives exactly its demand, and each date's duties
// come through one node per group, a group with a minimum receiving at
// least that many. Any schedule of deviation at most d is such a flow, so
// a d with no flow is a proven lower bound. It is the counting argument a
// MIP's LP relaxation makes at its root, done once before the search.

// flowRelaxations returns the flow networks' groupings: by unit, and one
// per role with a minimum.
func flowRelaxations(in *instance) []relaxation {
	relaxations := []relaxation{{func(s int) int { return in.unitOf[s] }, len(in.unitMin),
		func(f, g int) int { return in.unitNeed[f][g] }, func(f, g int) int { return in.unitMost[f][g] }}}
	for r := range in.roleMin {
		asked := false
		for f := range in.dates {
			asked = asked || in.roleNeed[f][r] > 0
		}
		if !asked {
			continue
		}
		holds := make([]bool, len(in.p.Staff))
		for _, s := range in.roleHold[r] {
			holds[s] = true
		}
		relaxations = append(relaxations, relaxation{func(s int) int {
			if holds[s] {
				return 0
			}
			return -1
		}, 1, func(f, _ int) int { return in.roleNeed[f][r] }, func(int, int) int { return -1 }})
	}
	return relaxations
}

// flowTop is a deviation so large that it leaves every person free
// between 0 and their cap.
func flowTop(in *instance) int {
	top := 1
	for s := range in.p.Staff {
		top = max(top, in.lo[s]+1, in.hist[s]+in.cap[s]-in.hi[s]+1)
	}
	return top
}

// relaxation is one flow network's grouping: group puts people into
// groups (-1: in none), of which there are n, need(f, g) is the minimum
// of group g on date f and most(f, g) its maximum (-1: none).
type relaxation struct {
	group func(s int) int
	n     int
	need  func(f, g int) int
	most  func(f, g int) int
}

// flowBound returns the least d for which every relaxation has a flow, and
// whether any d does: false proves the problem infeasible. With the bound
// it returns how many period duties each person carries in the unit
// relaxation's flow: counts that meet the demand, the unit minimums and
// the bound, and so good targets for the warm start.
func flowBound(in *instance) (int, bool, []int) {
	relaxations := flowRelaxations(in)
	top := flowTop(in)
	best := 0
	// The unit relaxation's counts at the bound, kept from the search when
	// no later relaxation raises the bound (a max-flow saved: a third of
	// the bound's time on the 2,000-person office).
	var counts []int
	countsAt := -1
	buf := &boundedFlow{g: &maxflow{}} // one network's memory for every flow of the bound
	for i, r := range relaxations {
		feasible := func(d int) bool {
			ok, c := flowFeasible(in, r, d, buf)
			if ok && i == 0 {
				counts, countsAt = c, d
			}
			return ok
		}
		if feasible(best) {
			continue // the usual case: one flow settles this relaxation
		}
		if !feasible(top) {
			return 0, false, nil
		}
		lo, hi := best+1, top // the least feasible d lies in [lo, hi]
		for lo < hi {
			mid := (lo + hi) / 2
			if feasible(mid) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		best = lo
	}
	if countsAt != best {
		_, counts = flowFeasible(in, relaxations[0], best, buf)
	}
	return best, true, counts
}

// flowFeasible builds the network for deviation d and tests it, returning
// each person's duties in the flow when there is one. Nodes: source, sink,
// people, one node per (date, group), one per date.
func flowFeasible(in *instance, r relaxation, d int, buf *boundedFlow) (bool, []int) {
	ok, counts, _ := flowFeasibleAt(in, r, d, flowShape{blocks: in.spacingBinds(d), windows: true, windowShift: firstWindowShift(in), buf: buf})
	return ok, counts
}

// flowShape says how to build a flow network: with the spacing's blocks
// or not, the blocks shifted by shift days (see spacingBlocks), with the
// tightest window's blocks or not, shifted by windowShift days (see
// windowBlocks), and whether to read the rota the flow carries.
type flowShape struct {
	blocks      bool
	shift       int
	windows     bool
	windowShift int
	rota        bool
	// buf, when set, lends the network its memory (boundedFlow.reuse).
	buf *boundedFlow
}

// flowEdgeFloor is the least time a flow takes per edge, to build and to
// solve: measured at 65 ns at the largest size (1.3 s for 21 million
// edges), a sixth of that so that only a flow that surely cannot end
// before the deadline is not begun.
const flowEdgeFloor = 10 * time.Nanosecond

// flowFeasibleAt is flowFeasible in the given shape; with shape.rota it
// also returns the rota the flow carries, person-date by person-date.
func flowFeasibleAt(in *instance, r relaxation, d int, shape flowShape) (bool, []int, [][]bool) {
	if in.halt.check() {
		return false, nil, nil
	}
	S, F, G := len(in.p.Staff), len(in.dates), r.n+1
	spaced, _ := spacingBlocks(in, shape.shift)
	if !shape.blocks {
		spaced = nil
	}
	w, wblock := -1, []int(nil)
	if shape.windows {
		w, wblock = windowBlocks(in, shape.windowShift)
	}
	// The blocks of the network: runs of dates in one spacing block and
	// one window block, so that they nest in the window's blocks.
	block, B, parent, W := nestedBlocks(F, spaced, wblock)
	wantRota := shape.rota
	// When no person must work a duty, a date that asks nobody can go
	// without and need not be in the network: on the small sets of rules
	// an explanation tests, that leaves a few dates of many.
	asks := make([]bool, F)
	anyLower := false
	for s := range in.p.Staff {
		anyLower = anyLower || in.lo[s]-d-in.hist[s] > 0
	}
	for f := range asks {
		asks[f] = anyLower || in.lower[f] > 0
		for g := 0; g < r.n && !asks[f]; g++ {
			asks[f] = r.need(f, g) > 0
		}
		asks[f] = asks[f] || in.pinnedOn[f] > 0
	}
	source, sink := 0, 1
	person := func(s int) int { return 2 + s }
	personBlock := func(s, b int) int { return 2 + S + s*B + b }
	personWindow := func(s, b int) int { return 2 + S + S*B + s*W + b }
	dateGroup := func(f, g int) int { return 2 + S + S*B + S*W + f*G + g }
	date := func(f int) int { return 2 + S + S*B + S*W + F*G + f }
	cells := 0
	for s := range in.p.Staff {
		if in.halt.now() {
			return false, nil, nil
		}
		for f := range in.dates {
			if asks[f] && in.free(s, f) {
				cells++
			}
		}
	}
	nodes, edges := 2+S+S*B+S*W+F*G+F, 1+S+S*B+S*W+cells+F*G+F
	if in.halt.outlasts(time.Duration(edges) * flowEdgeFloor) {
		return false, nil, nil
	}
	bf := shape.buf.reuse(nodes, edges)
	bf.g.halt = in.halt
	people := make([]flowEdge, S)
	type flowCell struct {
		s, f int
		e    flowEdge
	}
	var onDuty []flowCell
	bf.edge(sink, source, 0, 1<<29)
	for s := range in.p.Staff {
		lo := max(0, in.lo[s]-d-in.hist[s])
		hi := min(in.cap[s], in.hi[s]+d-in.hist[s])
		if hi < lo || in.halt.check() {
			return false, nil, nil
		}
		people[s] = bf.edge(source, person(s), lo, hi)
		g := r.group(s)
		if g < 0 {
			g = G - 1
		}
		// Under the window a person works at most its Max dates of a
		// window block, and under spacing at most one date of a block.
		windowed := W > 0 && in.windowed[s][w]
		spacedHere := in.spaced[s] && spaced != nil
		if windowed {
			for b := range W {
				bf.edge(person(s), personWindow(s, b), 0, in.windows[w].Max)
			}
		}
		if spacedHere || windowed {
			for b := range B {
				from, hi := person(s), 1<<29
				if windowed {
					from = personWindow(s, parent[b])
				}
				if spacedHere {
					hi = 1
				}
				bf.edge(from, personBlock(s, b), 0, hi)
			}
		}
		for f := range in.dates {
			if in.free(s, f) && asks[f] {
				pinned := 0
				if in.pin[s][f] > 0 {
					pinned = 1
				}
				from := person(s)
				if spacedHere || windowed {
					from = personBlock(s, block[f])
				}
				e := bf.edge(from, dateGroup(f, g), pinned, 1)
				if wantRota {
					onDuty = append(onDuty, flowCell{s, f, e})
				}
			}
		}
	}
	for f := range in.dates {
		if !asks[f] {
			continue
		}
		for g := range G {
			need, most := 0, 1<<29
			if g < r.n {
				need = r.need(f, g)
				if m := r.most(f, g); m >= 0 {
					most = m
				}
			}
			if most < need {
				return false, nil, nil
			}
			bf.edge(dateGroup(f, g), date(f), need, most)
		}
		bf.edge(date(f), sink, in.lower[f], in.upper[f])
	}
	if !bf.feasible() {
		return false, nil, nil
	}
	counts := make([]int, S)
	for s, e := range people {
		counts[s] = bf.flow(e)
	}
	var rota [][]bool
	if wantRota {
		rota = grid[bool](S, F)
		for _, c := range onDuty {
			rota[c.s][c.f] = bf.flow(c.e) > 0
		}
	}
	return true, counts, rota
}

// spacingBlocks cuts the dates into blocks of the spacing's length in
// days, the first starting shift days before the first date: two duties
// of one person under spacing never share a block, which the flow states
// as one unit of capacity per person and block. It returns each date's
// block and the number of blocks (0 without spacing).
func spacingBlocks(in *instance, shift int) ([]int, int) {
	if in.spacingDays <= 0 {
		return nil, 0
	}
	block := make([]int, len(in.dates))
	for f := range in.dates {
		block[f] = (in.day[f] + shift) / in.spacingDays
	}
	return block, block[len(block)-1] + 1
}

// windowBlocks cuts the dates into blocks of the tightest window's span,
// the first starting shift days before the first date: a person under the
// window works at most its Max dates of a block. It returns the window's
// index and each date's block, or -1 and nil without windows. The
// tightest window is the one with the fewest duties a week.
func windowBlocks(in *instance, shift int) (int, []int) {
	w := tightestWindow(in)
	if w < 0 {
		return -1, nil
	}
	span := 7 * in.windows[w].Weeks
	block := make([]int, len(in.dates))
	for f := range in.dates {
		block[f] = (in.day[f] + shift) / span
	}
	return w, block
}

// tightestWindow is the index of the window with the fewest duties a
// week, -1 for none.
func tightestWindow(in *instance) int {
	best := -1
	for w, win := range in.windows {
		if win.Weeks <= 0 {
			continue
		}
		if best < 0 || win.Max*in.windows[best].Weeks < in.windows[best].Max*win.Weeks {
			best = w
		}
	}
	return best
}

// firstWindowShift is the shift that starts a window block at the first
// date that asks for anyone, as firstShift is for the spacing.
func firstWindowShift(in *instance) int {
	w := tightestWindow(in)
	if w < 0 {
		return 0
	}
	span := 7 * in.windows[w].Weeks
	for f := range in.dates {
		if in.lower[f] > 0 {
			return (span - in.day[f]%span) % span
		}
	}
	return 0
}

// nestedBlocks numbers the runs of dates that share a spacing block and a
// window block (either may be nil), and returns each date's run, the
// number of runs, each run's window block, and the number of window
// blocks. Without either it returns no runs.
func nestedBlocks(F int, spaced, windowed []int) (block []int, B int, parent []int, W int) {
	if spaced == nil && windowed == nil {
		return nil, 0, nil, 0
	}
	block = make([]int, F)
	for f := range F {
		same := f > 0 && (spaced == nil || spaced[f] == spaced[f-1]) && (windowed == nil || windowed[f] == windowed[f-1])
		if f > 0 && !same {
			B++
		}
		block[f] = B
		if f == 0 || !same {
			wb := 0
			if windowed != nil {
				wb = windowed[f]
			}
			parent = append(parent, wb)
		}
	}
	B++
	if windowed != nil {
		W = windowed[F-1] + 1
	}
	return block, B, parent, W
}

// spacingBinds reports whether the flow bound should build the spacing's
// blocks at deviation d: whether the people's room, each within their cap
// and High+d, comes within a quarter duty per date of what the dates
// need, or the dates' demand is a range (a relaxation). With more room
// than that (the bench's offices under four weeks' spacing) the blocks
// decided nothing in measured runs and made the flow a third larger.
func (in *instance) spacingBinds(d int) bool {
	if in.spacingDays <= 0 {
		return false
	}
	room, need := 0, 0
	for s := range in.p.Staff {
		room += max(0, min(in.cap[s], in.hi[s]+d-in.hist[s]))
	}
	for f := range in.dates {
		need += in.lower[f]
		if !in.exact(f) {
			return true // a relaxation: measure nothing, keep the blocks
		}
	}
	return room-need <= len(in.dates)/4
}

// flowRefutesShifted reports whether some relaxation of the flow has no
// flow at any deviation for one of the shifts of the spacing's blocks:
// each shift is a relaxation of its own, and a span of dates shorter than
// the spacing lies in one block of some shift.
func flowRefutesShifted(in *instance) bool {
	for _, r := range flowRelaxations(in) {
		for _, shift := range shifts(in) {
			if ok, _, _ := flowFeasibleAt(in, r, flowTop(in), flowShape{blocks: true, shift: shift, windows: true, windowShift: firstWindowShift(in)}); !ok && !in.halt.stopped() {
				return true
			}
		}
		// The window's blocks shifted too, with the spacing's first.
		for _, ws := range windowShifts(in) {
			if ok, _, _ := flowFeasibleAt(in, r, flowTop(in), flowShape{blocks: true, shift: firstShift(in), windows: true, windowShift: ws}); !ok && !in.halt.stopped() {
				return true
			}
		}
	}
	return false
}

// shifts returns the shifts of the spacing's blocks to try: first the one
// that starts a block at the first date that asks for anyone, where most
// clashes an explanation meets lie, then every other that starts a block
// at a date (the others give no new blocks); just 0 without spacing.
func shifts(in *instance) []int { return blockShifts(in, max(1, in.spacingDays), firstShift(in)) }

// blockShifts returns first, then every other shift below span that
// starts a block of span days at a date.
func blockShifts(in *instance, span, first int) []int {
	out := []int{first}
	for shift := 0; shift < span; shift++ {
		if shift == first {
			continue
		}
		for _, d := range in.day {
			if (d+shift)%span == 0 { // a block starts at a date
				out = append(out, shift)
				break
			}
		}
	}
	return out
}

// firstShift returns the shift that starts a block at the first date that
// asks for anyone: with every such date within one spacing, the flow at
// that shift is exact.
func firstShift(in *instance) int {
	if in.spacingDays <= 0 {
		return 0
	}
	for f := range in.dates {
		if in.lower[f] > 0 || slices.ContainsFunc(in.unitNeed[f], func(n int) bool { return n > 0 }) {
			return (in.spacingDays - in.day[f]%in.spacingDays) % in.spacingDays
		}
	}
	return 0
}

// windowShifts returns the shifts of the tightest window's blocks to try:
// the one that starts a block at the first date that asks for anyone,
// then every other that starts a block at a date; nil without windows.
func windowShifts(in *instance) []int {
	w := tightestWindow(in)
	if w < 0 {
		return nil
	}
	return blockShifts(in, 7*in.windows[w].Weeks, firstWindowShift(in))
}

// shiftedFlowRota is flowRota for windows that bind: the flow's rota keeps
// the window within its blocks but may break it across them, and which
// blocks those are depends on the shift. It tries every shift of the
// tightest window's blocks, each rota repaired, and returns the first
// that keeps every rule instance, or nil. Measured on the Värmdö office
// under a 20-week window of 3 duties: one shift in twenty gave a rota
// that keeps every rule, where the greedy warm start and the SAT search
// over it found none in 20 s.
func shiftedFlowRota(in *instance) [][]bool {
	for _, ws := range windowShifts(in) {
		if in.halt.check() {
			return nil
		}
		r := flowRelaxations(in)[0]
		ok, _, rota := flowFeasibleAt(in, r, flowTop(in), flowShape{blocks: true, shift: firstShift(in), windows: true, windowShift: ws, rota: true})
		if !ok {
			continue
		}
		repair(in, rota, noDeviation)
		if !in.halt.stopped() && in.rules.keeps(in, rota) {
			return rota
		}
	}
	return nil
}

// flowRota returns a rota that keeps every rule instance of in, found as
// a flow of one of the relaxations, or nil: where the rules are coverage,
// the minimums of one grouping (units, or one role) and spacing within
// spans no longer than the spacing, the flow is exact, and its rota shows
// the rules satisfiable without a SAT call.
//
// It tries one shift of the spacing's blocks: the one that starts a block
// at the first date that asks for anyone, which makes the flow exact when
// every such date lies within one spacing.
func flowRota(in *instance) [][]bool {
	for _, r := range flowRelaxations(in) {
		ok, _, rota := flowFeasibleAt(in, r, flowTop(in), flowShape{blocks: true, shift: firstShift(in), windows: true, windowShift: firstWindowShift(in), rota: true})
		if !ok {
			return nil
		}
		if in.rules.keeps(in, rota) {
			return rota
		}
		// Across blocks the flow may put two duties closer than the
		// spacing; a repair often moves them apart.
		repair(in, rota, noDeviation)
		if in.rules.keeps(in, rota) {
			return rota
		}
	}
	return nil
}
