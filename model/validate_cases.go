package model

import (
	"context"
	"fmt"
	"slices"
)

// Validate reports the problems with p at once, joined with errors.Join;
// each is a *FieldError naming the field as a path ("cases[3].unit"). It
// returns nil for a problem the caseload solver accepts, reports at most
// MaxErrors problems one by one, never panics (a nil p is one error), and
// its time grows about linearly with the size of p.
func (p *CaseProblem) Validate() error {
	return p.ValidateContext(context.Background())
}

// ValidateContext is Validate that stops when ctx ends and then returns
// ctx's error.
func (p *CaseProblem) ValidateContext(ctx context.Context) error {
	if p == nil {
		return &FieldError{Field: "problem", Value: "nil", Msg: "there is no problem"}
	}
	// The staff, units, roles and absences are checked as a rota's are,
	// under the same field names.
	v := validator{ctx: ctx, p: &Problem{Units: p.Units, Roles: p.Roles, Staff: p.Staff, Absences: p.Absences}}
	cv := caseValidator{validator: &v, cp: p}
	return v.run(cv.date, v.units, v.roles, v.staff, v.absences, cv.capacities, cv.onDuty, cv.cases, cv.settings)
}

type caseValidator struct {
	*validator
	cp *CaseProblem
}

func (v caseValidator) date() {
	if v.cp.Date.IsZero() {
		v.fail("date", v.cp.Date, "is required: the day the plan is made for")
	}
}

// capacity checks one capacity's limits.
func (v caseValidator) capacity(field string, c Capacity) {
	for _, l := range []struct {
		name  string
		value int
	}{{"investigations", c.Investigations}, {"followUps", c.FollowUps}, {"weight", c.Weight}, {"dutyReduction", c.DutyReduction}} {
		if l.value < 0 || l.value > MaxCapacity {
			v.fail(field+"."+l.name, l.value, "want 0 (no limit) to %d", MaxCapacity)
		}
	}
	if c.DutyReduction > 0 && c.Weight == 0 {
		v.fail(field+".dutyReduction", c.DutyReduction, "reduces a weight limit, and %s.weight sets none", field)
	}
}

func (v caseValidator) capacities() {
	v.capacity("capacity", v.cp.Capacity)
	if v.tooMany("capacities", len(v.cp.Capacities), MaxStaff) {
		return
	}
	seen := map[string]int{}
	for i, c := range v.cp.Capacities {
		f := func(name string) string { return fmt.Sprintf("capacities[%d].%s", i, name) }
		if v.person(f, c.Staff) >= 0 {
			if j, dup := seen[c.Staff]; dup {
				v.fail(f("staff"), c.Staff, "duplicates capacities[%d]", j)
			}
			seen[c.Staff] = i
		}
		v.capacity(fmt.Sprintf("capacities[%d].capacity", i), c.Capacity)
	}
}

func (v caseValidator) onDuty() {
	if v.tooMany("onDuty", len(v.cp.OnDuty), MaxStaff) {
		return
	}
	seen := map[string]int{}
	for i, id := range v.cp.OnDuty {
		field := fmt.Sprintf("onDuty[%d]", i)
		if _, ok := v.staffID[id]; !ok {
			v.fail(field, id, "unknown staff")
		} else if j, dup := seen[id]; dup {
			v.fail(field, id, "duplicates onDuty[%d]", j)
		}
		seen[id] = i
	}
}

func (v caseValidator) cases() {
	cs := v.cp.Cases
	if v.tooMany("cases", len(cs), MaxCases) {
		return
	}
	v.ids("cases", len(cs), func(i int) string { return cs[i].ID })
	affinities, pairs := 0, 0
	perUnit := map[string]int{}
	for _, s := range v.cp.Staff {
		perUnit[s.Unit]++
	}
	for i, c := range cs {
		if v.halted(i) {
			return
		}
		f := func(name string) string { return fmt.Sprintf("cases[%d].%s", i, name) }
		if !slices.Contains(CaseKinds(), c.Kind) {
			v.fail(f("kind"), string(c.Kind), "want one of %v", CaseKinds())
		}
		if _, ok := v.unitIDs[c.Unit]; c.Unit != "" && !ok {
			v.fail(f("unit"), c.Unit, "unknown unit")
		}
		if c.Unit == "" {
			pairs += len(v.cp.Staff)
		} else {
			pairs += perUnit[c.Unit]
		}
		if c.Weight < 0 || c.Weight > MaxCaseWeight {
			v.fail(f("weight"), c.Weight, "want 1 to %d points, or 0 for 1", MaxCaseWeight)
		}
		if !c.Deadline.IsZero() && c.Kind != Investigation {
			v.fail(f("deadline"), c.Deadline, "only an investigation has a deadline, and this case is a %s", c.Kind)
		}
		if !c.Deadline.IsZero() && !c.Opened.IsZero() && c.Deadline.Before(c.Opened) {
			v.fail(f("deadline"), c.Deadline, "falls before the case was opened on %s", c.Opened)
		}
		if !c.Opened.IsZero() && !v.cp.Date.IsZero() && c.Opened.After(v.cp.Date) {
			v.fail(f("opened"), c.Opened, "lies after the plan's date %s", v.cp.Date)
		}
		if c.Worker != "" {
			if _, ok := v.staffID[c.Worker]; !ok {
				v.fail(f("worker"), c.Worker, "unknown staff")
			}
		}
		if len(c.Group) > MaxIDLength {
			v.fail(f("group"), c.Group[:MaxIDLength]+"...", "%d bytes, longer than the limit %d", len(c.Group), MaxIDLength)
		}
		if !v.tooMany(f("roles"), len(c.Roles), MaxRolesPerPerson) {
			for j, r := range c.Roles {
				if _, ok := v.roleIDs[r]; !ok {
					v.fail(fmt.Sprintf("cases[%d].roles[%d]", i, j), r, "unknown role")
				} else if slices.Contains(c.Roles[:j], r) {
					v.fail(fmt.Sprintf("cases[%d].roles[%d]", i, j), r, "role listed twice")
				}
			}
		}
		affinities += len(c.Affinity)
		if affinities > MaxAffinities {
			v.fail(f("affinity"), len(c.Affinity), "the cases' affinity entries pass the limit %d", MaxAffinities)
			return
		}
		seen := map[string]int{}
		for j, a := range c.Affinity {
			af := func(name string) string { return fmt.Sprintf("cases[%d].affinity[%d].%s", i, j, name) }
			if v.person(af, a.Staff) >= 0 {
				if k, dup := seen[a.Staff]; dup {
					v.fail(af("staff"), a.Staff, "duplicates cases[%d].affinity[%d]", i, k)
				}
				seen[a.Staff] = j
			}
			if a.Cost < 0 || a.Cost > MaxWeight {
				v.fail(af("cost"), a.Cost, "want 0 to %d", MaxWeight)
			}
		}
	}
	if pairs > MaxCasePairs {
		v.fail("cases", len(cs), "%d pairs of a case and a worker of its unit, more than the limit %d", pairs, MaxCasePairs)
	}
}

func (v caseValidator) settings() {
	if d := v.cp.LongLeaveDays; d < 0 || d > MaxPeriodDays {
		v.fail("longLeaveDays", d, "want 1 to %d days, or 0 for %d", MaxPeriodDays, DefaultLongLeaveDays)
	}
	if d := v.cp.NearDeadlineDays; d < 0 || d > MaxPeriodDays {
		v.fail("nearDeadlineDays", d, "want 1 to %d days, or 0 for %d", MaxPeriodDays, DefaultNearDeadlineDays)
	}
	seen := map[LevelKind]int{}
	for i, k := range v.cp.Objective {
		field := fmt.Sprintf("objective[%d]", i)
		if j, dup := seen[k]; dup {
			v.fail(field, string(k), "duplicates objective[%d]", j)
			continue
		}
		if !slices.Contains(CaseLevelKinds(), k) {
			v.fail(field, string(k), "want one of %v", CaseLevelKinds())
		}
		seen[k] = i
	}
}
