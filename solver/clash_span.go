package solver

// A clash of counting named without SAT. When the flow has proven the
// rules infeasible and the encoding an explanation needs would not fit in
// the memory budget (the bench's 2,000-person office at 6 weeks and n/5:
// about 3.9 GB of clauses), or the explanation's search reached the
// budget or the deadline, the span of dates shorter than the spacing
// that asks for the most beyond what its people can give is the
// explanation: its coverage instances need more duties than there are
// people available on those dates, each of whom works at most once there
// under their spacing instance. That is a proof, not a search; the set is
// not proven minimal (a subset of the dates may clash too).

// spanClash returns the instances of the span that clashes most, by
// counting alone, or nil when no span clashes (the flow's proof then lies
// elsewhere: units, roles, windows).
func spanClash(in *instance) []int {
	everyone := spanGroup{member: func(int) bool { return true },
		asks: func(r rule) bool { _, ok := r.(*coverageAtLeast); return ok }}
	return mostOverSpan(in, []spanGroup{everyone})
}

// groupSpanClash is spanClash for the minimums of one unit or role: the
// span of dates shorter than the spacing on which the group's minimum
// instances ask for more of its members than can come, each once under
// their spacing. It returns those instances and the members' spacing
// instances, or nil; a group's clash names fewer instances than the
// dates' (on the bench's S office at 8 weeks and n/5: the 7 seniors on 8
// dates, 15 instances).
func groupSpanClash(in *instance) []int {
	var groups []spanGroup
	for u := range in.unitMin {
		groups = append(groups, spanGroup{member: func(s int) bool { return in.unitOf[s] == u },
			asks: func(r rule) bool { m, ok := r.(*unitAtLeast); return ok && m.u == u }})
	}
	for q := range in.roleMin {
		groups = append(groups, spanGroup{member: func(s int) bool { return holds(in, s, q) },
			asks: func(r rule) bool { m, ok := r.(*roleAtLeast); return ok && m.r == q }})
	}
	return mostOverSpan(in, groups)
}

// spanGroup is the people a span's minimums ask for (everyone, or a
// unit's or role's members) and which minimum instances ask for them.
type spanGroup struct {
	member func(s int) bool
	asks   func(r rule) bool
}

// mostOverSpan returns, of every group and every span of dates shorter
// than the spacing, the one whose minimum instances ask for the most
// beyond what the group's members can give there (each once under their
// spacing instance, else once a date they are available): its minimum
// instances and the spacing instances of its members available on more
// than one of its dates; nil when no span asks too much.
func mostOverSpan(in *instance, groups []spanGroup) []int {
	if in.spacingDays <= 0 || len(groups) == 0 {
		return nil
	}
	rs := &in.rules
	spacingOf := spacingInstances(in)
	// availBefore[s][f]: the dates before f on which s is available, so
	// that each span costs one step a person: the search runs after a
	// budget or a deadline too, with no way to stop it.
	availBefore := grid[int](len(in.p.Staff), len(in.dates)+1)
	for s := range availBefore {
		for f := range in.dates {
			availBefore[s][f+1] = availBefore[s][f]
			if in.avail[s][f] {
				availBefore[s][f+1]++
			}
		}
	}
	free := func(s, f0, end int) int { return availBefore[s][end] - availBefore[s][f0] }
	need := make([]int, len(in.dates)) // per date: the group's minimum instances
	best, bestF0, bestEnd, bestOver := -1, -1, -1, 0
	for gi, g := range groups {
		for f := range in.dates {
			need[f] = 0
			for _, i := range rs.byDate[f] {
				if g.asks(rs.all[i]) {
					need[f]++
				}
			}
		}
		for f0 := range in.dates {
			end, asked := f0, 0
			for ; end < len(in.dates) && in.gap(f0, end) < in.spacingDays; end++ {
				asked += need[end]
			}
			if asked <= bestOver {
				continue // cannot ask more beyond what is given than the best
			}
			can := 0
			for s := range in.p.Staff {
				switch n := free(s, f0, end); {
				case !g.member(s):
				case n > 1 && spacingOf[s] < 0:
					can += n // unspaced: no bound from the spacing
				case n > 0:
					can++
				}
			}
			if over := asked - can; over > bestOver {
				best, bestF0, bestEnd, bestOver = gi, f0, end, over
			}
		}
	}
	if best < 0 {
		return nil
	}
	g := groups[best]
	var out []int
	for f := bestF0; f < bestEnd; f++ {
		for _, i := range rs.byDate[f] {
			if g.asks(rs.all[i]) {
				out = append(out, i)
			}
		}
	}
	for s := range in.p.Staff {
		if g.member(s) && free(s, bestF0, bestEnd) > 1 && spacingOf[s] >= 0 {
			out = append(out, spacingOf[s])
		}
	}
	return out
}

// spacingInstances returns each person's spacing instance, -1 for none.
func spacingInstances(in *instance) []int {
	rs := &in.rules
	out := make([]int, len(in.p.Staff))
	for s := range out {
		out[s] = -1
		for _, i := range rs.byPerson[s] {
			if _, ok := rs.all[i].(*spacing); ok {
				out[s] = i
			}
		}
	}
	return out
}

// spacingClashCells bounds the offices, in person-dates, on which
// spacingClash runs before the search: its availability counts are a
// number a person-date, and a group's search a step a person and date.
const spacingClashCells = 4 << 20

// spacingClash returns a span that clashes by counting (countedSpanClash)
// for the search to explain before it starts: the flow bound's blocks of
// the spacing can straddle it. Nil when none clashes or the office is
// too large to look; the groups' spans only while their search stays
// within 16 steps a person-date of the largest office looked at.
func spacingClash(in *instance) []int {
	cells := len(in.p.Staff) * len(in.dates)
	if cells > spacingClashCells {
		return nil
	}
	return countedSpanClash(in, (len(in.unitMin)+len(in.roleMin))*cells <= 16*spacingClashCells)
}

// countedSpanClash returns a span that clashes by counting: of a unit's
// or role's minimums, when groups is set and the units do not overfill
// a date (a one-date clash the SAT core names in a few instances), else
// of everyone's coverage; nil when none does.
func countedSpanClash(in *instance, groups bool) []int {
	if groups && !unitsOverfill(in) {
		if rs := groupSpanClash(in); rs != nil {
			return rs
		}
	}
	return spanClash(in)
}
