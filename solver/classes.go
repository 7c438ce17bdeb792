package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// The classes level (model.LevelClasses) is a bounded maximum, as
// fairness is: classAtMost(d) is true only when every person's duties on
// every class's dates lie within [Low-d, High+d] of their share of the
// class. Each person's class count is a totalizer over the class's
// dates, made with the first literal.

// classAtMost returns the literal "the class deviation of in is at most
// d", on e's person-dates, making it on first use in made; counts keeps
// the counters, per class and person.
func classAtMost(in *instance, e *encoding, made map[int]z.Lit, counts map[[2]int][]z.Lit, d int) z.Lit {
	if m, ok := made[d]; ok {
		return m
	}
	m := e.ses.Lit()
	made[d] = m
	for k, c := range in.facts.Classes {
		for s := range in.p.Staff {
			key := [2]int{k, s}
			o, ok := counts[key]
			if !ok {
				var ms []z.Lit
				for _, f := range c.Dates {
					if x := e.x[s][f]; in.avail[s][f] && x != z.LitNull {
						ms = append(ms, x)
					}
				}
				o = card.Totalizer(e.ses, ms, len(ms))
				counts[key] = o
			}
			sh := c.Shares[s]
			within(e.ses, m, o, sh.Low-d, sh.High+d)
		}
	}
	chain(e.ses, made, d, m)
	return m
}

// classDeviationOf returns the rota's class deviation, by the model's
// own measure.
func classDeviationOf(in *instance, on [][]bool) int {
	d := 0
	for k := range in.facts.Classes {
		for s := range in.p.Staff {
			d = max(d, in.facts.ClassDeviation(k, s, on[s]))
		}
	}
	return d
}
