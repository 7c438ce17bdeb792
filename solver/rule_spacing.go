package solver

import (
	"fmt"

	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Spacing: two duties of one person lie at least the spacing apart, one
// instance per person who could break it (two available dates closer than
// the spacing).

// spacing is the spacing of person s.
type spacing struct{ s int }

func spacingRules(in *instance) []rule {
	if in.spacingDays <= 0 {
		return nil
	}
	var out []spacing
	for s := range in.p.Staff {
		last := -1
		for f, ok := range in.avail[s] {
			if !ok {
				continue
			}
			if last >= 0 && in.gap(last, f) < in.spacingDays {
				out = append(out, spacing{s})
				break
			}
			last = f
		}
	}
	return boxed(out)
}

// closePairs returns the pairs of person s's available dates closer than
// the spacing, in date order.
func closePairs(in *instance, s int) [][2]int {
	var fs []int
	for f, ok := range in.avail[s] {
		if ok {
			fs = append(fs, f)
		}
	}
	var out [][2]int
	for i := range fs {
		for j := i + 1; j < len(fs) && in.gap(fs[i], fs[j]) < in.spacingDays; j++ {
			out = append(out, [2]int{fs[i], fs[j]})
		}
	}
	return out
}

func (r spacing) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleSpacing, Staff: in.p.Staff[r.s].ID}
}

// encode writes one clause per pair of the person's dates closer than the
// spacing: with weekly dates and a spacing of a few weeks that is a few
// clauses per variable, and short clauses propagate fastest.
func (r spacing) encode(e *encoding, hard card.Sink) {
	for _, pair := range closePairs(e.in, r.s) {
		card.Clause(hard, e.x[r.s][pair[0]].Not(), e.x[r.s][pair[1]].Not())
	}
}

// breach counts the pairs of consecutive duties closer than the spacing.
func (r spacing) breach(t *tally) int {
	in, n, last := t.in, 0, -1
	for f, v := range t.on[r.s] {
		if v {
			if last >= 0 && in.gap(last, f) < in.spacingDays {
				n++
			}
			last = f
		}
	}
	return n
}

func (r spacing) scope() (int, int) { return -1, r.s }

func (r spacing) restrict(in *instance) { in.spaced[r.s] = true }

func (r spacing) reason(in *instance) Reason {
	return Reason{Rule: r.id(in), Needed: in.spacingDays,
		Text: fmt.Sprintf("%s keeps %s between two duties (spacing)", in.p.Staff[r.s].ID, weeks(in.spacingDays/7))}
}
