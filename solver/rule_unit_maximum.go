package solver

import (
	"fmt"

	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Unit maximums: at most m people of a unit on duty on a date, one
// instance per unit and date (of several maximums naming a unit, the
// smallest). The date's counter of the unit counts one past m
// (encode.go), so the instance is one clause.

// unitAtMost is the maximum of unit u on date f.
type unitAtMost struct{ f, u, m int }

func unitMaximumRules(in *instance) []rule {
	var out []unitAtMost
	for f := range in.dates {
		for u, m := range in.unitMax {
			if m >= 0 {
				out = append(out, unitAtMost{f, u, m})
			}
		}
	}
	return boxed(out)
}

func (r unitAtMost) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleUnitMaximum, Date: in.dates[r.f], Unit: in.p.Units[r.u].ID, Count: r.m}
}

func (r unitAtMost) encode(e *encoding, hard card.Sink) {
	if o := e.unitCount[r.f][r.u]; r.m < len(o) {
		card.Clause(hard, o[r.m].Not())
	}
}

func (r unitAtMost) breach(t *tally) int { return max(0, t.units[r.f][r.u]-r.m) }

func (r unitAtMost) scope() (int, int) { return r.f, -1 }

func (r unitAtMost) restrict(in *instance) {
	if in.unitMost[r.f][r.u] < 0 || r.m < in.unitMost[r.f][r.u] {
		in.unitMost[r.f][r.u] = r.m
	}
}

func (r unitAtMost) reason(in *instance) Reason {
	return Reason{Rule: r.id(in), Needed: r.m,
		Text: fmt.Sprintf("%s takes at most %d of unit %s on duty", in.dates[r.f], r.m, in.p.Units[r.u].ID)}
}
