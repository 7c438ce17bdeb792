package model

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// FieldError is one problem found by Validate: the field at fault, written
// as a path such as "staff[3].unit", the value found there, and what is
// wrong with it. Use errors.As to get at it.
type FieldError struct {
	Field string
	Value any
	Msg   string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s = %s: %s", e.Field, formatValue(e.Value), e.Msg)
}

func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case Date:
		return fmt.Sprintf("%q", v.String())
	default:
		return fmt.Sprint(v)
	}
}

// Validate reports every problem with p at once, joined with errors.Join;
// each is a *FieldError. It returns nil for a problem the solver accepts.
// Validate never panics, whatever p holds.
func (p *Problem) Validate() error {
	v := validator{p: p}
	v.period()
	v.units()
	v.roles()
	v.staff()
	v.absences()
	v.rules()
	v.requests()
	v.pins()
	return errors.Join(v.errs...)
}

type validator struct {
	p       *Problem
	errs    []error
	dates   map[Date]bool
	staffID map[string]int
	unitIDs map[string]int
	roleIDs map[string]int
}

func (v *validator) fail(field string, value any, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{Field: field, Value: value, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) period() {
	p := v.p.Period
	v.dates = map[Date]bool{}
	ok := true
	if p.Start.IsZero() {
		v.fail("period.start", p.Start, "is required")
		ok = false
	}
	if p.End.IsZero() {
		v.fail("period.end", p.End, "is required")
		ok = false
	}
	if !ok {
		return
	}
	if p.End.Before(p.Start) {
		v.fail("period.end", p.End, "is before period.start %s", p.Start)
		return
	}
	if n := p.Start.DaysUntil(p.End) + 1; n > MaxPeriodDays {
		v.fail("period.end", p.End, "the period has %d days, more than the limit %d", n, MaxPeriodDays)
		return
	}
	for i, w := range p.Weekdays {
		if w < 0 || w > 6 {
			v.fail(fmt.Sprintf("period.weekdays[%d]", i), int(w), "want 0 (Sunday) to 6 (Saturday)")
		}
	}
	for i, d := range p.Include {
		if d.Before(p.Start) || d.After(p.End) {
			v.fail(fmt.Sprintf("period.include[%d]", i), d, "is outside the period %s to %s", p.Start, p.End)
		}
	}
	for _, d := range p.DutyDates() {
		v.dates[d] = true
	}
	switch n := len(v.dates); {
	case n == 0:
		v.fail("period", p.Start, "has no duty dates up to %s", p.End)
	case n > MaxDutyDates:
		v.fail("period", p.Start, "has %d duty dates, more than the limit %d", n, MaxDutyDates)
	}
}

// ids checks that the IDs of a list are set and unique and returns their
// positions.
func (v *validator) ids(list string, n int, id func(int) string) map[string]int {
	seen := make(map[string]int, n)
	for i := 0; i < n; i++ {
		s := id(i)
		field := fmt.Sprintf("%s[%d].id", list, i)
		if s == "" {
			v.fail(field, s, "is required")
			continue
		}
		if j, dup := seen[s]; dup {
			v.fail(field, s, "duplicates %s[%d].id", list, j)
			continue
		}
		seen[s] = i
	}
	return seen
}

func (v *validator) units() {
	v.unitIDs = v.ids("units", len(v.p.Units), func(i int) string { return v.p.Units[i].ID })
}

func (v *validator) roles() {
	v.roleIDs = v.ids("roles", len(v.p.Roles), func(i int) string { return v.p.Roles[i].ID })
}

func (v *validator) staff() {
	st := v.p.Staff
	if len(st) == 0 {
		v.fail("staff", 0, "no staff: at least one person is needed")
	}
	if len(st) > MaxStaff {
		v.fail("staff", len(st), "more staff than the limit %d", MaxStaff)
		v.staffID = map[string]int{}
		return
	}
	v.staffID = v.ids("staff", len(st), func(i int) string { return st[i].ID })
	for i, s := range st {
		f := func(name string) string { return fmt.Sprintf("staff[%d].%s", i, name) }
		if _, ok := v.unitIDs[s.Unit]; s.Unit != "" && !ok {
			v.fail(f("unit"), s.Unit, "unknown unit")
		}
		seen := map[string]bool{}
		for j, r := range s.Roles {
			if _, ok := v.roleIDs[r]; !ok {
				v.fail(fmt.Sprintf("staff[%d].roles[%d]", i, j), r, "unknown role")
			} else if seen[r] {
				v.fail(fmt.Sprintf("staff[%d].roles[%d]", i, j), r, "role listed twice")
			}
			seen[r] = true
		}
		if !s.Start.IsZero() && !s.End.IsZero() && s.End.Before(s.Start) {
			v.fail(f("end"), s.End, "employment ends before it starts on %s", s.Start)
		}
		if s.Percent < 0 || s.Percent > 100 {
			v.fail(f("percent"), s.Percent, "want 1 to 100, or 0 for full time")
		}
		for j, w := range s.OffWeekdays {
			if w < 0 || w > 6 {
				v.fail(fmt.Sprintf("staff[%d].offWeekdays[%d]", i, j), int(w), "want 0 (Sunday) to 6 (Saturday)")
			}
		}
		h := s.History
		if h.Duties < 0 || h.Duties > MaxHistory {
			v.fail(f("history.duties"), h.Duties, "want 0 to %d", MaxHistory)
		}
		if h.Dates < 0 || h.Dates > MaxHistory {
			v.fail(f("history.dates"), h.Dates, "want 0 to %d", MaxHistory)
		}
	}
}

// person checks a reference to a staff ID and returns its position, or
// -1. The field is written only for a failure: over a million requests,
// formatting every field name was most of the time Validate took.
func (v *validator) person(field func(string) string, id string) int {
	i, ok := v.staffID[id]
	if !ok {
		v.fail(field("staff"), id, "unknown staff")
		return -1
	}
	return i
}

// dutyDate checks that d is one of the period's duty dates.
func (v *validator) dutyDate(field func(string) string, d Date) bool {
	if !v.dates[d] {
		v.fail(field("date"), d, "is not a duty date of the period")
		return false
	}
	return true
}

func (v *validator) absences() {
	if n := len(v.p.Absences); n > MaxAbsences {
		v.fail("absences", n, "more absences than the limit %d", MaxAbsences)
		return
	}
	per := v.p.Period
	for i, a := range v.p.Absences {
		f := func(name string) string { return fmt.Sprintf("absences[%d].%s", i, name) }
		v.person(f, a.Staff)
		if a.First.IsZero() {
			v.fail(f("first"), a.First, "is required")
		}
		if a.Last.IsZero() {
			v.fail(f("last"), a.Last, "is required")
		}
		if a.First.IsZero() || a.Last.IsZero() {
			continue
		}
		if a.Last.Before(a.First) {
			v.fail(f("last"), a.Last, "ends before the absence starts on %s", a.First)
		} else if !per.Start.IsZero() && !per.End.IsZero() && (a.Last.Before(per.Start) || a.First.After(per.End)) {
			v.fail(f("first"), a.First, "the absence to %s lies outside the period %s to %s", a.Last, per.Start, per.End)
		}
		if a.Kind != "" && !validKind(a.Kind) {
			v.fail(f("kind"), string(a.Kind), "want one of %v", AbsenceKinds())
		}
	}
}

func validKind(k AbsenceKind) bool {
	for _, a := range AbsenceKinds() {
		if k == a {
			return true
		}
	}
	return false
}

func (v *validator) rules() {
	r := v.p.Rules
	staff := len(v.p.Staff)
	if r.Coverage.PerDate < 0 {
		v.fail("rules.coverage.perDate", r.Coverage.PerDate, "want a count of 0 or more")
	}
	perDate := r.Coverage.PerDate
	if perDate == 0 {
		perDate = DefaultStaffPerDate
	}
	if perDate > staff && staff > 0 {
		v.fail("rules.coverage.perDate", perDate, "more people per duty date than the %d staff", staff)
	}
	seen := map[Date]int{}
	for i, dc := range r.Coverage.Dates {
		f := func(name string) string { return fmt.Sprintf("rules.coverage.dates[%d].%s", i, name) }
		if v.dutyDate(f, dc.Date) {
			if j, dup := seen[dc.Date]; dup {
				v.fail(f("date"), dc.Date, "duplicates rules.coverage.dates[%d]", j)
			}
			seen[dc.Date] = i
		}
		if dc.Count < 0 || dc.Count > staff {
			v.fail(f("count"), dc.Count, "want 0 to the %d staff", staff)
		}
	}
	for i, m := range r.UnitMinimums {
		f := func(name string) string { return fmt.Sprintf("rules.unitMinimums[%d].%s", i, name) }
		if _, ok := v.unitIDs[m.Unit]; !ok {
			v.fail(f("unit"), m.Unit, "unknown unit")
		} else if n := v.count(func(s Staff) bool { return s.Unit == m.Unit }); m.Min > n {
			v.fail(f("min"), m.Min, "unit %q has only %d staff", m.Unit, n)
		}
		if m.Min < 0 {
			v.fail(f("min"), m.Min, "want 0 or more")
		}
	}
	for i, m := range r.RoleMinimums {
		f := func(name string) string { return fmt.Sprintf("rules.roleMinimums[%d].%s", i, name) }
		if _, ok := v.roleIDs[m.Role]; !ok {
			v.fail(f("role"), m.Role, "unknown role")
		} else if n := v.count(func(s Staff) bool { return hasRole(s, m.Role) }); m.Min > n {
			v.fail(f("min"), m.Min, "only %d staff hold role %q", n, m.Role)
		}
		if m.Min < 0 {
			v.fail(f("min"), m.Min, "want 0 or more")
		}
	}
	if w := r.Spacing.Weeks; w < 0 || w > MaxWeeks {
		v.fail("rules.spacing.weeks", w, "want 0 (off) to %d", MaxWeeks)
	}
	for i, w := range r.Windows {
		if w.Weeks < 1 || w.Weeks > MaxWeeks {
			v.fail(fmt.Sprintf("rules.windows[%d].weeks", i), w.Weeks, "want 1 to %d", MaxWeeks)
		}
		if w.Max < 0 {
			v.fail(fmt.Sprintf("rules.windows[%d].max", i), w.Max, "want 0 or more")
		}
	}
	v.objective()
}

// objective checks the level order: known kinds, each once, and no
// fairness level when fairness is off.
func (v *validator) objective() {
	r := v.p.Rules
	seen := map[LevelKind]int{}
	for i, k := range r.Objective {
		field := fmt.Sprintf("rules.objective[%d]", i)
		j, dup := seen[k]
		switch {
		case !slices.Contains(LevelKinds(), k):
			v.fail(field, string(k), "want one of %v", LevelKinds())
		case dup:
			v.fail(field, string(k), "duplicates rules.objective[%d]", j)
		case k == LevelFairness && r.Fairness.Off:
			v.fail(field, string(k), "fairness is off (rules.fairness.off)")
		}
		if !dup {
			seen[k] = i
		}
	}
}

func (v *validator) count(pred func(Staff) bool) int {
	n := 0
	for _, s := range v.p.Staff {
		if pred(s) {
			n++
		}
	}
	return n
}

func hasRole(s Staff, role string) bool {
	for _, r := range s.Roles {
		if r == role {
			return true
		}
	}
	return false
}

func (v *validator) requests() {
	if n := len(v.p.Requests); n > MaxRequests {
		v.fail("requests", n, "more requests than the limit %d", MaxRequests)
		return
	}
	for i, q := range v.p.Requests {
		f := func(name string) string { return fmt.Sprintf("requests[%d].%s", i, name) }
		v.person(f, q.Staff)
		v.dutyDate(f, q.Date)
		if q.Kind != Avoid && q.Kind != Prefer {
			v.fail(f("kind"), string(q.Kind), "want %q or %q", Avoid, Prefer)
		}
		if q.Weight < 0 || q.Weight > MaxWeight {
			v.fail(f("weight"), q.Weight, "want 1 to %d, or 0 for 1", MaxWeight)
		}
	}
}

func (v *validator) pins() {
	if n := len(v.p.Pins); n > MaxPins {
		v.fail("pins", n, "more pins than the limit %d", MaxPins)
		return
	}
	type key struct {
		staff string
		date  Date
	}
	seen := map[key]int{}
	for i, pin := range v.p.Pins {
		f := func(name string) string { return fmt.Sprintf("pins[%d].%s", i, name) }
		s := v.person(f, pin.Staff)
		if !v.dutyDate(f, pin.Date) || s < 0 {
			continue
		}
		k := key{pin.Staff, pin.Date}
		if j, dup := seen[k]; dup {
			v.fail(f("date"), pin.Date, "pins[%d] already pins %q on this date", j, pin.Staff)
			continue
		}
		seen[k] = i
		if pin.Work {
			if why := v.unavailable(s, pin.Date); why != "" {
				v.fail(f("work"), pin.Work, "%q cannot work %s: %s", pin.Staff, pin.Date, why)
			}
		}
	}
}

// unavailable says why person s cannot be on duty on d, or "" if they can.
func (v *validator) unavailable(s int, d Date) string {
	st := v.p.Staff[s]
	if !st.Start.IsZero() && d.Before(st.Start) {
		return "before employment starts"
	}
	if !st.End.IsZero() && d.After(st.End) {
		return "after employment ends"
	}
	for _, w := range st.OffWeekdays {
		if time.Weekday(w) == d.Weekday() {
			return "a weekday the person never works"
		}
	}
	for _, a := range v.p.Absences {
		if a.Staff == st.ID && !d.Before(a.First) && !d.After(a.Last) {
			return "absent (" + string(a.Kind) + ")"
		}
	}
	return ""
}
