package solver

import (
	"fmt"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Pins: a person must, or must not, be on duty on a date; one instance
// per pin. A work pin on a date the person is away is refused by
// Validate; an off pin there holds by itself and has no instance.

// pin is the pin of person s on date f.
type pin struct {
	s, f int
	work bool
}

func pinRules(in *instance) []rule {
	var out []pin
	for s, row := range in.pin {
		for f, p := range row {
			if p != 0 && in.avail[s][f] {
				out = append(out, pin{s, f, p > 0})
			}
		}
	}
	return boxed(out)
}

func (r pin) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RulePin, Staff: in.p.Staff[r.s].ID, Date: in.dates[r.f], Work: r.work}
}

func (r pin) encode(e *encoding, hard card.Sink) {
	m := e.x[r.s][r.f]
	if m == z.LitNull {
		return
	}
	if !r.work {
		m = m.Not()
	}
	card.Clause(hard, m)
}

func (r pin) breach(t *tally) int {
	if t.on[r.s][r.f] != r.work {
		return 1
	}
	return 0
}

func (r pin) scope() (int, int) { return r.f, -1 }

func (r pin) restrict(in *instance) {
	if r.work {
		in.setPin(r.s, r.f, 1)
	} else {
		in.setPin(r.s, r.f, -1)
	}
}

func (r pin) reason(in *instance) Reason {
	text := fmt.Sprintf("%s is pinned off on %s", in.p.Staff[r.s].ID, in.dates[r.f])
	if r.work {
		text = fmt.Sprintf("%s is pinned to work on %s", in.p.Staff[r.s].ID, in.dates[r.f])
	}
	return Reason{Rule: r.id(in), Needed: 1, Text: text}
}
