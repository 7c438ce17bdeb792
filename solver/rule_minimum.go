package solver

import (
	"fmt"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Unit and role minimums: at least m people of a unit, or holding a role,
// on every date, as m graded instances "at least k" per date (k = 1..m).
// Several minimums naming one unit or role make one, the largest.

// unitAtLeast: at least k people of unit u on duty on date f.
type unitAtLeast struct{ f, u, k int }

// roleAtLeast: at least k holders of role r on duty on date f.
type roleAtLeast struct{ f, r, k int }

func minimumRules(in *instance) []rule {
	var units []unitAtLeast
	for f := range in.dates {
		for u, m := range in.unitMin {
			for k := 1; k <= m; k++ {
				units = append(units, unitAtLeast{f, u, k})
			}
		}
	}
	var roles []roleAtLeast
	for f := range in.dates {
		for r, m := range in.roleMin {
			for k := 1; k <= m; k++ {
				roles = append(roles, roleAtLeast{f, r, k})
			}
		}
	}
	return append(boxed(units), boxed(roles)...)
}

func (r unitAtLeast) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleUnitMinimum, Date: in.dates[r.f], Unit: in.p.Units[r.u].ID, Count: r.k}
}

func (r unitAtLeast) encode(e *encoding, hard card.Sink) {
	e.atLeast(hard, e.unitCount[r.f][r.u], r.k)
}

func (r unitAtLeast) breach(t *tally) int { return max(0, r.k-t.units[r.f][r.u]) }

func (r unitAtLeast) scope() (int, int) { return r.f, -1 }

func (r unitAtLeast) restrict(in *instance) {
	in.unitNeed[r.f][r.u] = max(in.unitNeed[r.f][r.u], r.k)
}

func (r unitAtLeast) reason(in *instance) Reason {
	who := in.freeOn(r.f, func(s int) bool { return in.unitOf[s] == r.u })
	return Reason{Rule: r.id(in), Needed: r.k, Available: in.ids(who),
		Text: fmt.Sprintf("%s needs %s of unit %s on duty; %s", in.dates[r.f], atLeastOf(r.k, in.unitMin[r.u]), in.p.Units[r.u].ID, canWork(in, who, "of them"))}
}

func (r roleAtLeast) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleRoleMinimum, Date: in.dates[r.f], Role: in.p.Roles[r.r].ID, Count: r.k}
}

// encode states "at least k holders" with a clause when the role needs
// one holder (the usual case), else on a counter of the holders, built
// once per date and role as a definition.
func (r roleAtLeast) encode(e *encoding, hard card.Sink) {
	if e.in.roleMin[r.r] == 1 {
		var ms []z.Lit
		for _, s := range e.in.roleHold[r.r] {
			if m := e.x[s][r.f]; m != z.LitNull {
				ms = append(ms, m)
			}
		}
		card.Clause(hard, ms...)
		return
	}
	e.atLeast(hard, e.roleCount(r.f, r.r), r.k)
}

func (r roleAtLeast) breach(t *tally) int { return max(0, r.k-t.roles[r.f][r.r]) }

func (r roleAtLeast) scope() (int, int) { return r.f, -1 }

func (r roleAtLeast) restrict(in *instance) {
	in.roleNeed[r.f][r.r] = max(in.roleNeed[r.f][r.r], r.k)
}

func (r roleAtLeast) reason(in *instance) Reason {
	who := in.freeOn(r.f, func(s int) bool { return holds(in, s, r.r) })
	return Reason{Rule: r.id(in), Needed: r.k, Available: in.ids(who),
		Text: fmt.Sprintf("%s needs %s %s of role %s on duty; %s", in.dates[r.f], atLeastOf(r.k, in.roleMin[r.r]), holders(in.roleMin[r.r]), in.p.Roles[r.r].ID, canWork(in, who, "of them"))}
}

// holders writes "holder" or "holders" for a count.
func holders(n int) string {
	if n == 1 {
		return "holder"
	}
	return "holders"
}

// atLeastOf says "2", or "at least 2 of the 3" for a lower grade.
func atLeastOf(k, m int) string {
	if k == m {
		return fmt.Sprint(m)
	}
	return fmt.Sprintf("at least %d of the %d", k, m)
}

// holds reports whether person s holds role r.
func holds(in *instance, s, r int) bool {
	for _, q := range in.roleOf[s] {
		if q == r {
			return true
		}
	}
	return false
}
