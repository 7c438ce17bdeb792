package solver

// The deviation bound is a flow relaxation of the rota: people send duties
// to dates, each person between lo-d and hi+d duties (less history, within
// the cap), each date receives exactly its demand, and each date's duties
// come through one node per group, a group with a minimum receiving at
// least that many. Any schedule of deviation at most d is such a flow, so
// a d with no flow is a proven lower bound. It is the counting argument a
// MIP's LP relaxation makes at its root, done once before the search.

// groupOf puts people into the groups of one flow network; -1 is the group
// of people in no group.
type groupOf func(s int) int

// flowBound returns the least d for which every relaxation has a flow, and
// whether any d does: false proves the problem infeasible. With the bound
// it returns how many period duties each person carries in the unit
// relaxation's flow: counts that meet the demand, the unit minimums and
// the bound, and so good targets for the warm start.
func flowBound(in *instance) (int, bool, []int) {
	relaxations := []struct {
		group groupOf
		min   []int
	}{{func(s int) int { return in.unitOf[s] }, in.unitMin}}
	for r, need := range in.roleMin {
		if need == 0 {
			continue
		}
		holds := make([]bool, len(in.p.Staff))
		for _, s := range in.roleHold[r] {
			holds[s] = true
		}
		relaxations = append(relaxations, struct {
			group groupOf
			min   []int
		}{func(s int) int {
			if holds[s] {
				return 0
			}
			return -1
		}, []int{need}})
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
			ok, c := flowFeasible(in, r.group, r.min, d)
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
		_, counts = flowFeasible(in, relaxations[0].group, relaxations[0].min, best)
	}
	return best, true, counts
}

// flowFeasible builds the network for deviation d and tests it, returning
// each person's duties in the flow when there is one. Nodes: source, sink,
// people, one node per (date, group), one per date.
func flowFeasible(in *instance, group groupOf, groupMin []int, d int) (bool, []int) {
	S, F, G := len(in.p.Staff), len(in.dates), len(groupMin)+1
	source, sink := 0, 1
	person := func(s int) int { return 2 + s }
	dateGroup := func(f, g int) int { return 2 + S + f*G + g }
	date := func(f int) int { return 2 + S + F*G + f }
	b := newBoundedFlow(2 + S + F*G + F)
	people := make([]flowEdge, S)
	b.edge(sink, source, 0, 1<<29)
	for s := range in.p.Staff {
		lo := max(0, in.lo[s]-d-in.hist[s])
		hi := min(in.cap[s], in.hi[s]+d-in.hist[s])
		if hi < lo {
			return false, nil
		}
		people[s] = b.edge(source, person(s), lo, hi)
		g := group(s)
		if g < 0 {
			g = G - 1
		}
		for f := range in.dates {
			if in.free(s, f) {
				pinned := 0
				if in.pin[s][f] > 0 {
					pinned = 1
				}
				b.edge(person(s), dateGroup(f, g), pinned, 1)
			}
		}
	}
	for f, c := range in.demand {
		for g := range G {
			need := 0
			if g < len(groupMin) {
				need = groupMin[g]
			}
			b.edge(dateGroup(f, g), date(f), need, 1<<29)
		}
		b.edge(date(f), sink, c, c)
	}
	if !b.feasible() {
		return false, nil
	}
	counts := make([]int, S)
	for s, e := range people {
		counts[s] = b.flow(e)
	}
	return true, counts
}
