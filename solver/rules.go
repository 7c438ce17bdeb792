package solver

import (
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// A rule is one instance of a hard rule as the solver sees it: the
// coverage of one date at one grade, a unit or role minimum on one date
// at one grade, one person's spacing, one person's window, one pin, one
// frozen date.
// Everything the solver knows of a kind of rule lives in its file
// (rule_*.go): which instances a problem has, their clauses, how far a
// rota breaks them, and what they say in the scheduler's words. The
// bounds (flow, Lagrangian) are relaxations that stay valid whatever rules
// are added; the heuristics ask the instances whether a rota keeps them.
type rule interface {
	// id names the instance in the problem's words.
	id(in *instance) model.Rule
	// encode writes the instance's clauses through hard, which guards
	// each clause with the instance's own literal.
	encode(e *encoding, hard card.Sink)
	// breach says how far the rota of t breaks the instance: 0 when it
	// keeps it, more the further it is from keeping it.
	breach(t *tally) int
	// scope returns the date the instance concerns (-1 for none) and,
	// when it concerns no date, the person (-1 for none): the heuristics
	// re-evaluate only the instances a move touches.
	scope() (f, s int)
	// restrict writes what the instance asks into the limits the bounds
	// and the heuristics read (limits.go).
	restrict(in *instance)
	// reason says what the instance asks, in the scheduler's words, with
	// the numbers of the problem (who could meet it).
	reason(in *instance) Reason
}

// rules are a problem's rule instances in a fixed order (kind by kind,
// then date or person order), with the indices the heuristics use.
type rules struct {
	all      []rule
	byDate   [][]int // instances scoped to each date
	byPerson [][]int // instances scoped to each person and no date
}

// ruleKinds lists, for each kind of rule, the function that makes a
// problem's instances of it. A new kind of rule is one more entry here and
// one more file.
var ruleKinds = []func(in *instance) []rule{
	coverageRules,
	minimumRules,
	unitMaximumRules,
	spacingRules,
	maxGapRules,
	windowRules,
	pinRules,
	frozenRules,
}

// boxed returns pointers to the instances of one kind, as rules: one
// allocation a kind, where an interface value of each would be one an
// instance (thousands on a large office).
func boxed[T any, P interface {
	*T
	rule
}](items []T) []rule {
	out := make([]rule, len(items))
	for i := range items {
		out[i] = P(&items[i])
	}
	return out
}

func newRules(in *instance) rules {
	var all []rule
	for _, kind := range ruleKinds {
		all = append(all, kind(in)...)
	}
	return indexRules(in, all)
}

// indexRules indexes the instances by date and person.
func indexRules(in *instance, all []rule) rules {
	rs := rules{all: all, byDate: make([][]int, len(in.dates)), byPerson: make([][]int, len(in.p.Staff))}
	for i, r := range all {
		switch f, s := r.scope(); {
		case f >= 0:
			rs.byDate[f] = append(rs.byDate[f], i)
		case s >= 0:
			rs.byPerson[s] = append(rs.byPerson[s], i)
		}
	}
	return rs
}

// keeping returns a copy of in that keeps only the rule instances keep
// (indices into in.rules.all), with its limits and caps but not its
// request costs: for the flows that test a set of instances.
func (in *instance) keeping(keep []int) *instance {
	out := *in
	out.rules = indexRules(&out, selectRules(in.rules.all, in.rules.others(keep)))
	out.restrictLimits()
	return &out
}

// others returns the instances not in set, in order.
func (rs *rules) others(set []int) []int {
	in := map[int]bool{}
	for _, i := range set {
		in[i] = true
	}
	var out []int
	for i := range rs.all {
		if !in[i] {
			out = append(out, i)
		}
	}
	return out
}

// selectRules returns the rules less those dropped.
func selectRules(all []rule, dropped []int) []rule {
	skip := map[int]bool{}
	for _, i := range dropped {
		skip[i] = true
	}
	var kept []rule
	for i, r := range all {
		if !skip[i] {
			kept = append(kept, r)
		}
	}
	return kept
}

// without returns a copy of in that keeps every rule instance but those
// dropped (indices into in.rules.all), with its limits, caps and costs
// derived from what it keeps.
func (in *instance) without(dropped []int) *instance {
	out := *in
	out.rules = indexRules(&out, selectRules(in.rules.all, dropped))
	out.restrict()
	return &out
}

// personBreach is the summed breach of the instances of person s that
// concern no date.
func (rs *rules) personBreach(t *tally, s int) int {
	n := 0
	for _, i := range rs.byPerson[s] {
		n += rs.all[i].breach(t)
	}
	return n
}

// breach returns how far the rota on breaks the rule instances, summed;
// a duty on a date its person is not available on counts one.
func (rs *rules) breach(in *instance, on [][]bool) int {
	t, n := tallyOf(in, on), 0
	for s, row := range on {
		for f, v := range row {
			if v && !in.avail[s][f] {
				n++
			}
		}
	}
	for _, r := range rs.all {
		n += r.breach(&t)
	}
	return n
}

// keeps reports whether the rota on keeps every rule instance.
func (rs *rules) keeps(in *instance, on [][]bool) bool {
	t := newTally(in)
	for s, row := range on {
		for f, v := range row {
			if v {
				if !in.avail[s][f] {
					return false // availability is a fact, not a rule
				}
				t.put(s, f, true)
			}
		}
	}
	for _, r := range rs.all {
		if r.breach(&t) > 0 {
			return false
		}
	}
	return true
}
