package solver

import (
	"cmp"
	"slices"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// Cuts are clauses that the rules imply but propagation alone would not
// see, added to make the search faster without changing its answers.
// Each says when it holds:
//
//   - the cap cut: a person works at most their cap, the most duties
//     their own rules (spacing, windows, off pins) allow; it holds
//     whenever those instances do, and is guarded by their guards;
//   - the group cut: the people of a unit or role with a minimum work at
//     least minimum x dates duties together; it holds whenever every rule
//     holds (guarded by the master guard), and in its explaining form,
//     for any subset of the group's minimum instances that hold, with the
//     members' caps;
//   - the cover cut (cut_spans.go), in the search: within a span shorter
//     than the spacing each spaced person works at most once, so the
//     span's minimums need that many distinct people; it holds whenever
//     every rule holds (guarded by the master guard);
//   - the span cut, in explanations and relaxations: within a span of
//     dates shorter than the spacing (or a window's weeks) each person
//     works at most once (or the window's Max), so a group's minimums on
//     those dates cannot ask for more than its members can give there;
//     it holds for any subset of instances, with the members' spacing
//     (or window) instances among its guards;
//   - the most cut (encodeOptions.most): nobody works more than High plus
//     the warm start's deviation; it holds for the optimum, not for every
//     schedule, and only while fairness is the first level, so the
//     solver applies it only then.
//
// The bounds computed before the search (flow.go, lagrange.go) are cuts
// on the levels, not on the rules; levels.go says for which positions of
// the levels each holds.

// personGuards returns the guards of the instances that limit person s's
// duties on their own: their spacing, their windows and their off pins.
func (e *encoding) personGuards(s int) []z.Lit {
	rs := &e.in.rules
	var out []z.Lit
	for _, i := range rs.byPerson[s] {
		out = append(out, e.guard[i])
	}
	for f := range e.in.dates {
		for _, i := range rs.byDate[f] {
			if p, ok := rs.all[i].(*pin); ok && p.s == s && !p.work {
				out = append(out, e.guard[i])
			}
		}
	}
	return out
}

// capCuts states each person's cap, under the guards of the instances it
// follows from.
func (e *encoding) capCuts() {
	for s, o := range e.count {
		if e.in.halt.check() {
			return
		}
		if c := e.in.cap[s]; c < len(o) {
			card.Clause(engine.Guarded(e.ses, e.personGuards(s)...), o[c].Not())
		}
	}
}

// group is a set of people who must together work a number of duties:
// the members of a unit or role with a minimum, or everyone for coverage.
type group struct {
	members []int
	grades  []int // the rule instances whose guards count toward the need
}

// groups returns the groups of the minimums and, with coverage, the group
// of everyone and the coverage instances.
func (e *encoding) groups(coverage bool) []group {
	in := e.in
	var out []group
	units := make([]group, len(in.unitMin))
	roles := make([]group, len(in.roleMin))
	var all group
	for s := range in.p.Staff {
		if u := in.unitOf[s]; u >= 0 {
			units[u].members = append(units[u].members, s)
		}
		all.members = append(all.members, s)
	}
	for r := range in.roleMin {
		roles[r].members = in.roleHold[r]
	}
	for i, r := range in.rules.all {
		switch r := r.(type) {
		case *unitAtLeast:
			units[r.u].grades = append(units[r.u].grades, i)
		case *roleAtLeast:
			roles[r.r].grades = append(roles[r.r].grades, i)
		case *coverageAtLeast:
			all.grades = append(all.grades, i)
		}
	}
	for _, g := range append(units, roles...) {
		if len(g.grades) > 0 {
			out = append(out, g)
		}
	}
	if coverage && len(all.grades) > 0 {
		out = append(out, all)
	}
	return out
}

// sum returns the merge of the members' counters as a counter up to
// limit. Counters that stop at the cap are taken to their cap, so the sum
// is complete while the members' caps hold; exact counters make a sum
// that is complete whatever holds, and the caps then bound it through
// the cap cuts of the members whose rules hold.
func (e *encoding) sum(members []int, limit int) []z.Lit {
	counts := make([][]z.Lit, 0, len(members))
	for _, s := range members {
		o := e.count[s]
		if !e.exact {
			o = o[:min(len(o), e.in.cap[s])]
		}
		if len(o) > 0 {
			counts = append(counts, o)
		}
	}
	// A balanced tree of merges: merged one member at a time, the sum of
	// everyone in a 500-person office (to 5,200 duties) was over 1 GiB
	// of clauses, quadratic in the members.
	return card.Counters{}.MergeAll(e.ses, counts, limit)
}

// tight reports whether a group's need comes close to what its members
// can work, each at most most(s): within one duty per date. A group with
// more slack than that (the seniors of a large office, say) needs no
// counting argument, and its sum would be the largest circuit of the
// encoding.
func (e *encoding) tight(g group, most func(s int) int) bool {
	n := 0
	for _, s := range g.members {
		n += max(0, most(s))
	}
	return n-len(g.grades) <= len(e.in.dates)
}

// groupCuts gives the search the counting argument behind the minimums
// while every rule holds: the members' duties add up to the need. The sum
// is a merge of the members' counters, so a bound on each person (their
// cap, or the deviation's) propagates to the sum and contradicts it at
// once, instead of after a search that is a pigeonhole proof in disguise.
func (e *encoding) groupCuts(most func(s int) int) {
	if !e.complete() {
		return
	}
	for _, g := range e.groups(false) {
		if e.in.halt.check() {
			return
		}
		if !e.tight(g, most) {
			continue
		}
		need := len(g.grades)
		sum := e.sum(g.members, need)
		if len(sum) < need {
			card.Clause(e.ses, e.all.Not())
			continue
		}
		card.Clause(e.ses, e.all.Not(), sum[need-1])
	}
}

// explainCuts are the group cuts for explanations, which switch rule
// instances on and off one by one: for every group, everyone included,
// "at least j of the group's minimum instances hold" implies "the members
// work at least j duties" (each instance is one person on one date, and
// an instance "at least k" holds only with k people there), while the
// members' caps hold. A counter over the instances' guards says how many
// hold.
func (e *encoding) explainCuts() {
	if !e.complete() {
		return
	}
	e.spanCuts()
	for _, g := range e.groups(true) {
		if !e.tight(g, func(s int) int { return e.in.cap[s] }) {
			continue
		}
		// caps: every member's cap guards hold. It must imply them, or
		// the search could switch the cut on with a member above the cap.
		// With exact counters the sum needs no caps: it is true always.
		caps := e.ses.Lit()
		var guards []z.Lit
		if !e.exact {
			for _, s := range g.members {
				guards = append(guards, e.personGuards(s)...)
			}
		}
		card.Clause(engine.Guarded(e.ses, guards...), caps)
		for _, m := range guards {
			card.Clause(e.ses, caps.Not(), m)
		}
		active := card.Counters{DirectMax: 16 * 16}.Totalizer(e.ses, e.guards(g.grades), len(g.grades))
		sum := e.sum(g.members, len(g.grades))
		for j, a := range active {
			if j < len(sum) {
				card.Clause(e.ses, caps.Not(), a.Not(), sum[j])
			} else {
				card.Clause(e.ses, caps.Not(), a.Not())
			}
		}
	}
}

// spanCuts states, for every group and every span of dates shorter than
// the spacing (or than a window's weeks), that the group's minimum
// instances on those dates that hold ask for no more people than its
// members can give there: each at most once under the spacing (Max times
// under a window), and never more than the dates they are available. The cut
// is written only where the span's minimums ask for more than that, which
// is where it decides something: those instances clash, by counting,
// with the members' rules. Each is a small counter over the instances'
// guards, guarded by the members' rule instances that the capacity counts
// on.
func (e *encoding) spanCuts() {
	in := e.in
	type limit struct {
		days, most int
		rule       func(s int) (int, bool) // the person's instance of the rule
	}
	var limits []limit
	if in.spacingDays > 0 {
		limits = append(limits, limit{in.spacingDays, 1, e.personRule(func(r rule) bool { _, ok := r.(*spacing); return ok })})
	}
	for w, win := range in.windows {
		limits = append(limits, limit{7 * win.Weeks, win.Max, e.personRule(func(r rule) bool { x, ok := r.(*window); return ok && x.w == w })})
	}
	for _, g := range e.groups(true) {
		byDate := map[int][]int{} // date: the group's grade instances on it
		for _, i := range g.grades {
			f, _ := in.rules.all[i].scope()
			byDate[f] = append(byDate[f], i)
		}
		for _, lim := range limits {
			var cuts []spanCut
			for f0 := range in.dates {
				var span []int // the grade instances of dates in [f0, f0+days)
				for f := f0; f < len(in.dates) && in.gap(f0, f) < lim.days; f++ {
					span = append(span, byDate[f]...)
				}
				can := 0
				var guards []z.Lit
				for _, s := range g.members {
					free := 0 // available: a pin off may be dropped
					for f := f0; f < len(in.dates) && in.gap(f0, f) < lim.days; f++ {
						if in.avail[s][f] {
							free++
						}
					}
					can += min(free, lim.most)
					if free > lim.most {
						i, ok := lim.rule(s)
						if !ok {
							can = len(span) // the rule cannot bind this person: no cut
							break
						}
						guards = append(guards, e.guard[i])
					}
				}
				if len(span) > can {
					cuts = append(cuts, spanCut{span, guards, can})
				}
			}
			// The spans that ask for the most beyond what the members can
			// give, first: a clash needs one, and every span of a
			// 500-person office at 6 weeks and n/5 over its people wrote
			// 300 MiB of counters.
			slices.SortStableFunc(cuts, func(a, b spanCut) int { return cmp.Compare(len(b.span)-b.can, len(a.span)-a.can) })
			for _, c := range cuts[:min(len(cuts), maxSpanCuts)] {
				e.writeSpanCut(c)
			}
		}
	}
}

// spanCut is a span cut to write: at most can of the span's grade
// instances hold while the guards (the members' instances that the
// capacity counts on) do.
type spanCut struct {
	span   []int
	guards []z.Lit
	can    int
}

// maxSpanCuts bounds the span cuts of one group and limit.
const maxSpanCuts = 4

// writeSpanCut writes c, counted on the smaller side: "at most can hold"
// or "at least len(span)-can do not" (a counter of instances x spare
// ones, not instances x instances).
func (e *encoding) writeSpanCut(c spanCut) {
	hold := e.guards(c.span)
	if off := len(c.span) - c.can; off <= c.can+1 {
		idle := make([]z.Lit, len(hold))
		for i, m := range hold {
			idle[i] = m.Not()
		}
		dropped := card.Totalizer(e.ses, idle, off)
		card.Clause(engine.Guarded(e.ses, c.guards...), dropped[off-1])
		return
	}
	active := card.Totalizer(e.ses, hold, c.can+1)
	card.Clause(engine.Guarded(e.ses, c.guards...), active[c.can].Not())
}

// personRule returns a lookup of each person's instance of a kind of
// person rule, by its index in the instances.
func (e *encoding) personRule(is func(r rule) bool) func(s int) (int, bool) {
	return func(s int) (int, bool) {
		for _, i := range e.in.rules.byPerson[s] {
			if is(e.in.rules.all[i]) {
				return i, true
			}
		}
		return 0, false
	}
}

// complete reports whether the encoding was written to the end: an
// encoding that the call's end cut short has no counters for some people,
// and the cuts that read them are left out (the caller sees ctx's error
// before it uses the session).
func (e *encoding) complete() bool {
	return !e.in.halt.stopped() && len(e.count) == len(e.in.p.Staff)
}
