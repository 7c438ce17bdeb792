package solver

import (
	"fmt"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// The longest gap: every run of consecutive duty dates a person is
// available on, gapDays or more from its first date to its last, holds a
// duty of theirs; one instance per person who has such a run. Only the
// shortest run from each date matters (a longer one contains it), so the
// instance is a clause per date: the person works one of the dates up to
// the run's end.

// maxGap is the gap rule of person s.
type maxGap struct{ s int }

func maxGapRules(in *instance) []rule {
	if in.gapDays < 0 {
		return nil
	}
	var out []maxGap
	for s := range in.p.Staff {
		if len(gapRuns(in, s)) > 0 {
			out = append(out, maxGap{s})
		}
	}
	return boxed(out)
}

// gapRuns returns, for each duty date on which person s is available,
// the shortest run of consecutive available dates from it that the rule
// asks a duty in, as [first, last] date indices; dates with no such run
// (an absence or the period's end comes first) give none.
func gapRuns(in *instance, s int) [][2]int {
	if in.runs == nil {
		return nil
	}
	if in.runs[s] == nil {
		in.runs[s] = findGapRuns(in, s)
	}
	return in.runs[s]
}

// findGapRuns works out gapRuns; never nil, so that the cache tells a
// person without runs from one not yet asked about.
func findGapRuns(in *instance, s int) [][2]int {
	out := [][2]int{}
	end := 0
	for f := range in.dates {
		if !in.avail[s][f] {
			continue
		}
		end = max(end, f)
		for end < len(in.dates) && in.avail[s][end] && in.gap(f, end) < in.gapDays {
			end++
		}
		if end < len(in.dates) && in.avail[s][end] {
			out = append(out, [2]int{f, end})
		}
	}
	return out
}

func (r maxGap) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleMaxGap, Staff: in.p.Staff[r.s].ID}
}

func (r maxGap) encode(e *encoding, hard card.Sink) { r.encodeFor(e.in, e, hard) }

// encodeFor writes the instance as it is on in, whose availability may
// be less than the encoding's own (a what-if leave): a clause per run of
// in over the encoding's literals.
func (r maxGap) encodeFor(in *instance, e *encoding, hard card.Sink) {
	for _, run := range gapRuns(in, r.s) {
		var ms []z.Lit
		for f := run[0]; f <= run[1]; f++ {
			ms = append(ms, e.x[r.s][f])
		}
		card.Clause(hard, ms...)
	}
}

// breach counts the runs without a duty.
func (r maxGap) breach(t *tally) int {
	n := 0
	for _, run := range gapRuns(t.in, r.s) {
		worked := false
		for f := run[0]; f <= run[1] && !worked; f++ {
			worked = t.on[r.s][f]
		}
		if !worked {
			n++
		}
	}
	return n
}

func (r maxGap) scope() (int, int) { return -1, r.s }

func (r maxGap) restrict(in *instance) { in.gapped[r.s] = true }

func (r maxGap) reason(in *instance) Reason {
	w := in.p.Rules.MaxGap.Weeks
	return Reason{Rule: r.id(in), Needed: w,
		Text: fmt.Sprintf("%s works at least once in any %s they are available (rules.maxGap)", in.p.Staff[r.s].ID, weeks(w))}
}
