package solver

import (
	"fmt"

	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Coverage: exactly c(f) people on duty on date f, as graded instances
// "at least k" (k = 1..c(f)) and "at most k" (k = c(f) upwards). Grades
// let an explanation say how far a date falls short, and a relaxation
// move a date's coverage by one person at a time. Upwards only the grades
// that can matter are made: up to the people the date's minimums and
// pins could ask for together, beyond which no relaxation needs to go
// (one that did could send someone home and drop one instance less).

// coverageTop returns the highest "at most" grade of date f.
func coverageTop(in *instance, f int) int {
	top := 0
	for _, m := range in.unitMin {
		top += m
	}
	for _, m := range in.roleMin {
		top += m
	}
	top += in.pinnedOn[f]
	return max(in.demand[f], min(top, len(in.p.Staff)))
}

// coverageAtLeast: at least k people on duty on date f.
type coverageAtLeast struct{ f, k int }

// coverageAtMost: at most c people on duty on date f (c at least f's
// demand).
type coverageAtMost struct{ f, c int }

func coverageRules(in *instance) []rule {
	var least []coverageAtLeast
	for f, c := range in.demand {
		for k := 1; k <= c; k++ {
			least = append(least, coverageAtLeast{f, k})
		}
	}
	var most []coverageAtMost
	for f, c := range in.demand {
		for k, top := c, coverageTop(in, f); k <= top; k++ {
			most = append(most, coverageAtMost{f, k})
		}
	}
	return append(boxed(least), boxed(most)...)
}

func (r coverageAtLeast) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleCoverage, Date: in.dates[r.f], Count: r.k}
}

func (r coverageAtLeast) encode(e *encoding, hard card.Sink) {
	e.atLeast(hard, e.dateCount[r.f], r.k)
}

func (r coverageAtLeast) breach(t *tally) int { return max(0, r.k-t.cov[r.f]) }

func (r coverageAtLeast) scope() (int, int) { return r.f, -1 }

func (r coverageAtLeast) restrict(in *instance) { in.lower[r.f] = max(in.lower[r.f], r.k) }

func (r coverageAtLeast) reason(in *instance) Reason {
	who := in.freeOn(r.f, func(int) bool { return true })
	need := headCount(r.k)
	if c := in.demand[r.f]; r.k < c {
		need = fmt.Sprintf("at least %d of its %d people", r.k, c)
	}
	return Reason{Rule: r.id(in), Needed: r.k, Available: in.ids(who),
		Text: fmt.Sprintf("%s needs %s on duty; %s", in.dates[r.f], need, canWork(in, who, ""))}
}

func (r coverageAtMost) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleCoverageMax, Date: in.dates[r.f], Count: r.c}
}

func (r coverageAtMost) encode(e *encoding, hard card.Sink) {
	if o := e.dateCount[r.f]; len(o) > r.c {
		card.Clause(hard, o[r.c].Not())
	}
}

func (r coverageAtMost) breach(t *tally) int { return max(0, t.cov[r.f]-r.c) }

func (r coverageAtMost) scope() (int, int) { return r.f, -1 }

func (r coverageAtMost) restrict(in *instance) { in.upper[r.f] = min(in.upper[r.f], r.c) }

func (r coverageAtMost) reason(in *instance) Reason {
	text := fmt.Sprintf("%s takes at most %s on duty", in.dates[r.f], headCount(r.c))
	if c := in.demand[r.f]; r.c > c {
		text = fmt.Sprintf("%s takes at most %s on duty (%d above its %d)", in.dates[r.f], headCount(r.c), r.c-c, c)
	}
	return Reason{Rule: r.id(in), Needed: r.c, Text: text}
}
