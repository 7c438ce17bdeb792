package solver

import (
	"fmt"
	"strings"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Frozen dates: a duty date on or before Baseline.FrozenUntil keeps its
// published roster exactly; one instance per frozen date. Validate
// refuses a frozen roster with someone who cannot work the date, so the
// instance asks only what the people can do.

// frozen is the freeze of date f.
type frozen struct{ f int }

func frozenRules(in *instance) []rule {
	var out []frozen
	for f, fr := range in.facts.Frozen {
		if fr {
			out = append(out, frozen{f})
		}
	}
	return boxed(out)
}

func (r frozen) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleFrozen, Date: in.dates[r.f]}
}

func (r frozen) encode(e *encoding, hard card.Sink) {
	pub := e.in.facts.Published
	for s, row := range e.x {
		switch m := row[r.f]; {
		case m == z.LitNull && pub[s][r.f]:
			card.False(hard)
		case m == z.LitNull:
		case pub[s][r.f]:
			card.Clause(hard, m)
		default:
			card.Clause(hard, m.Not())
		}
	}
}

func (r frozen) breach(t *tally) int {
	n := 0
	pub := t.in.facts.Published
	for s := range pub {
		if t.on[s][r.f] != pub[s][r.f] {
			n++
		}
	}
	return n
}

func (r frozen) scope() (int, int) { return r.f, -1 }

// restrict pins everyone on the date: the published people to work, the
// others off.
func (r frozen) restrict(in *instance) {
	for s, row := range in.facts.Published {
		if row[r.f] {
			in.setPin(s, r.f, 1)
		} else {
			in.setPin(s, r.f, -1)
		}
	}
}

func (r frozen) reason(in *instance) Reason {
	var who []string
	for s, row := range in.facts.Published {
		if row[r.f] {
			who = append(who, in.p.Staff[s].ID)
		}
	}
	text := fmt.Sprintf("%s is frozen with its published roster: %s", in.dates[r.f], strings.Join(who, ", "))
	if len(who) == 0 {
		text = fmt.Sprintf("%s is frozen with its published roster: nobody on duty", in.dates[r.f])
	}
	return Reason{Rule: r.id(in), Needed: len(who), Available: who, Text: text}
}
