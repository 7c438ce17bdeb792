package solver

import (
	"slices"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
)

// litMapping is the one place where the domain meets literals, in both
// directions (as deppy's lit_mapping.go): person-dates to the variables
// x[s][f] ("s is on duty on f"), and rule instances to their guards (the
// instance holds while its guard is true). Everything else in the solver
// speaks of people, dates and rule instances.
//
// Invariant: a guard only ever switches clauses on. Setting a guard
// false (with the master guard and the cuts' own switches that imply it)
// never makes a satisfiable formula unsatisfiable, so an explanation may
// hold the guards of dropped instances false instead of leaving them free.
type litMapping struct {
	x      [][]z.Lit     // z.LitNull where the person is not available
	top    z.Lit         // true: a held row's duty, and its negation a held row's day off; z.LitNull when no row is held
	guard  []z.Lit       // guard[i] is the literal of rule instance i
	ruleOf map[z.Lit]int // guard literal to rule instance
}

// newLitMapping makes a variable for every available person-date,
// preferring its value in hint (nil for none), and a guard for every rule
// instance. The person-dates of the people held (nil for none) are
// constants at their values in hint: top where on duty, its negation
// where not.
func newLitMapping(in *instance, ses *engine.Session, hint [][]bool, held []bool) litMapping {
	m := litMapping{x: grid[z.Lit](len(in.p.Staff), len(in.dates)), top: z.LitNull, ruleOf: map[z.Lit]int{}}
	if held != nil {
		m.top = ses.HintedLit(true)
	}
	for f := range in.dates {
		if in.halt.check() {
			break // partial: the encoding stops too, and its caller checks ctx
		}
		for s := range in.p.Staff {
			switch {
			case !in.avail[s][f]:
			case held != nil && held[s] && hint[s][f]:
				m.x[s][f] = m.top
			case held != nil && held[s]:
				m.x[s][f] = m.top.Not()
			default:
				m.x[s][f] = ses.HintedLit(hint != nil && hint[s][f])
			}
		}
	}
	m.guard = make([]z.Lit, len(in.rules.all))
	for i := range in.rules.all {
		m.guard[i] = ses.Lit()
		m.ruleOf[m.guard[i]] = i
	}
	return m
}

// rulesOf returns the rule instances whose guards are among lits, in
// instance order; other literals are passed over.
func (m *litMapping) rulesOf(lits []z.Lit) []int {
	var out []int
	for _, l := range lits {
		if i, ok := m.ruleOf[l]; ok {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// guards returns the guards of the rule instances, in the order given.
func (m *litMapping) guards(rules []int) []z.Lit {
	out := make([]z.Lit, len(rules))
	for i, r := range rules {
		out[i] = m.guard[r]
	}
	return out
}

// literals returns the literals that set every person-date to its value
// in on.
func (m *litMapping) literals(on [][]bool) []z.Lit {
	var ms []z.Lit
	for s, row := range m.x {
		for f, l := range row {
			switch {
			case l == z.LitNull:
			case on[s][f]:
				ms = append(ms, l)
			default:
				ms = append(ms, l.Not())
			}
		}
	}
	return ms
}

// rota reads the person-date values of the last model.
func (m *litMapping) rota(ses *engine.Session) [][]bool {
	on := make([][]bool, len(m.x))
	for s, row := range m.x {
		on[s] = make([]bool, len(row))
		for f, l := range row {
			on[s][f] = l != z.LitNull && ses.Value(l)
		}
	}
	return on
}
