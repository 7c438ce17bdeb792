package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// The cover cut, in the search: within a span of dates shorter than the
// spacing each spaced person works at most once, so the group's duties
// on the span's dates are as many as the group's people who work in the
// span. The span's minimums therefore need that many distinct people,
// and a counter over "s works in the span" says so: once too many people
// are used elsewhere, the remaining ones are forced into the span. This
// is the counting behind a tight summer (each spacing-long stretch needs
// nearly everyone available), which the per-date counters alone see only
// after a search that is a pigeonhole proof in disguise (measured: the
// bench's M office at 6 weeks and n/7, one call of the request search
// under the caps did not end in 10 s). It holds whenever every rule
// holds: under the master guard.

// maxCoverSlack and coverTightness say which spans are tight enough for
// the cut: the span may leave at most 48 people out, and at most a sixth
// of those it could use. Past either the counter (people x slack) costs
// more than it decides: measured, with every span of the bench's ST
// office cut (a third of its people spare in each), the proof took
// 0.72 s against 0.16 s without.
const (
	maxCoverSlack  = 48
	coverTightness = 6
)

// coverCuts writes the cover cut of every group (everyone for coverage,
// the units and roles with minimums) and every span of dates shorter than
// the spacing, where the span is tight.
func (e *encoding) coverCuts() {
	in := e.in
	if in.spacingDays <= 0 || !e.complete() {
		return
	}
	for _, g := range e.groups(true) {
		byDate := make([]int, len(in.dates)) // the group's grade instances per date
		for _, i := range g.grades {
			f, _ := in.rules.all[i].scope()
			byDate[f]++
		}
		for f0 := range in.dates {
			if in.halt.check() {
				return
			}
			need, end := 0, f0
			for ; end < len(in.dates) && in.gap(f0, end) < in.spacingDays; end++ {
				need += byDate[end]
			}
			if need == 0 || end-f0 < 2 {
				continue // one date: the date's own counter says it all
			}
			if !e.writeCover(g.members, f0, end, need) {
				return
			}
		}
	}
}

// writeCover writes the cover cut of members over dates [f0, end) with
// need duties there; false when the span cannot be met at all (the
// master guard is then false).
func (e *encoding) writeCover(members []int, f0, end, need int) bool {
	in := e.in
	// can: how many of the span's duties the members can give, each
	// spaced one at most once; counted first, so that a span that is not
	// tight costs nothing.
	can := 0
	for _, s := range members {
		n := 0
		for f := f0; f < end; f++ {
			if e.x[s][f] != z.LitNull {
				n++
			}
		}
		if n > 1 && in.spaced[s] {
			n = 1
		}
		can += n
	}
	slack := can - need
	if slack < 0 {
		card.Clause(e.ses, e.all.Not())
		return false
	}
	if slack > maxCoverSlack || slack*coverTightness > can {
		return true
	}
	var idle []z.Lit // per spaced member: does not work in the span; the others' cells off
	for _, s := range members {
		var cells []z.Lit
		for f := f0; f < end; f++ {
			if m := e.x[s][f]; m != z.LitNull {
				cells = append(cells, m)
			}
		}
		switch {
		case len(cells) == 0:
		case !in.spaced[s] || len(cells) == 1:
			for _, m := range cells {
				idle = append(idle, m.Not())
			}
		default:
			works := e.ses.Lit()
			card.Clause(e.ses, append([]z.Lit{works.Not()}, cells...)...)
			idle = append(idle, works.Not())
		}
	}
	out := card.Totalizer(e.ses, idle, slack+1)
	if len(out) > slack {
		card.Clause(e.ses, e.all.Not(), out[slack].Not())
	}
	return true
}
