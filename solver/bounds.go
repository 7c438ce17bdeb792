package solver

// The deviation bound is a flow relaxation of the rota: people send duties
// to dates, each person between lo-d and hi+d duties (less history, within
// the cap), each date receives exactly its demand, and each date's duties
// come through one node per group, a group with a minimum receiving at
// least that many. Any schedule of deviation at most d is such a flow, so
// a d with no flow is a proven lower bound. It is the counting argument a
// MIP's LP relaxation makes at its root, done once before the search.

// relaxation is one flow network's grouping: group puts people into
// groups (-1: in none), of which there are n, and need(f, g) is the
// minimum of group g on date f.
type relaxation struct {
	group func(s int) int
	n     int
	need  func(f, g int) int
}

// flowBound returns the least d for which every relaxation has a flow, and
// whether any d does: false proves the problem infeasible. With the bound
// it returns how many period duties each person carries in the unit
// relaxation's flow: counts that meet the demand, the unit minimums and
// the bound, and so good targets for the warm start.
func flowBound(in *instance) (int, bool, []int) {
	relaxations := []relaxation{{func(s int) int { return in.unitOf[s] }, len(in.unitMin), func(f, g int) int { return in.unitNeed[f][g] }}}
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
		}, 1, func(f, _ int) int { return in.roleNeed[f][r] }})
	}
	// A deviation this large leaves every person free between 0 and cap.
	top := 1
	for s := range in.p.Staff {
		top = max(top, in.lo[s]+1, in.hist[s]+in.cap[s]-in.hi[s]+1)
	}
	best := 0
	// The unit relaxation's counts at the bound, kept from the search when
	// no later relaxation raises the bound (a max-flow saved: a third of
	// the bound's time on the 2,000-person office).
	var counts []int
	countsAt := -1
	for i, r := range relaxations {
		feasible := func(d int) bool {
			ok, c := flowFeasible(in, r, d)
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
		_, counts = flowFeasible(in, relaxations[0], best)
	}
	return best, true, counts
}

// flowFeasible builds the network for deviation d and tests it, returning
// each person's duties in the flow when there is one. Nodes: source, sink,
// people, one node per (date, group), one per date.
func flowFeasible(in *instance, r relaxation, d int) (bool, []int) {
	S, F, G := len(in.p.Staff), len(in.dates), r.n+1
	block, B := spacingBlocks(in)
	source, sink := 0, 1
	person := func(s int) int { return 2 + s }
	personBlock := func(s, b int) int { return 2 + S + s*B + b }
	dateGroup := func(f, g int) int { return 2 + S + S*B + f*G + g }
	date := func(f int) int { return 2 + S + S*B + F*G + f }
	bf := newBoundedFlow(2 + S + S*B + F*G + F)
	people := make([]flowEdge, S)
	bf.edge(sink, source, 0, 1<<29)
	for s := range in.p.Staff {
		lo := max(0, in.lo[s]-d-in.hist[s])
		hi := min(in.cap[s], in.hi[s]+d-in.hist[s])
		if hi < lo {
			return false, nil
		}
		people[s] = bf.edge(source, person(s), lo, hi)
		g := r.group(s)
		if g < 0 {
			g = G - 1
		}
		// Under spacing a person works at most one date of a block.
		if in.spaced[s] {
			for b := range B {
				bf.edge(person(s), personBlock(s, b), 0, 1)
			}
		}
		for f := range in.dates {
			if in.free(s, f) {
				pinned := 0
				if in.pin[s][f] > 0 {
					pinned = 1
				}
				from := person(s)
				if in.spaced[s] {
					from = personBlock(s, block[f])
				}
				bf.edge(from, dateGroup(f, g), pinned, 1)
			}
		}
	}
	for f := range in.dates {
		for g := range G {
			need := 0
			if g < r.n {
				need = r.need(f, g)
			}
			bf.edge(dateGroup(f, g), date(f), need, 1<<29)
		}
		bf.edge(date(f), sink, in.lower[f], in.upper[f])
	}
	if !bf.feasible() {
		return false, nil
	}
	counts := make([]int, S)
	for s, e := range people {
		counts[s] = bf.flow(e)
	}
	return true, counts
}

// spacingBlocks cuts the dates into blocks, each spanning less than the
// spacing: from its first date, every date less than the spacing later.
// Two duties of one person under spacing never share a block, which the
// flow states as one unit of capacity per person and block. It returns
// each date's block and the number of blocks (0 without spacing).
func spacingBlocks(in *instance) ([]int, int) {
	if in.spacingDays <= 0 {
		return nil, 0
	}
	block := make([]int, len(in.dates))
	b, first := 0, 0
	for f := range in.dates {
		if in.gap(first, f) >= in.spacingDays {
			b++
			first = f
		}
		block[f] = b
	}
	return block, b + 1
}
