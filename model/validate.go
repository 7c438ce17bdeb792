package model

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
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

// Validate reports the problems with p at once, joined with errors.Join;
// each is a *FieldError. It returns nil for a problem the solver accepts.
// It reports at most MaxErrors problems one by one and counts the rest in
// a last *FieldError on the field "problem". Validate never panics,
// whatever p holds (a nil p is one error), and its time grows about
// linearly with the size of p.
func (p *Problem) Validate() error {
	return p.ValidateContext(context.Background())
}

// ValidateContext is Validate that stops when ctx ends and then returns
// ctx's error, for a caller with a deadline: at the limits, validation
// takes a fraction of a second.
func (p *Problem) ValidateContext(ctx context.Context) error {
	if p == nil {
		return &FieldError{Field: "problem", Value: "nil", Msg: "there is no problem"}
	}
	v := validator{p: p, ctx: ctx}
	return v.run(v.period, v.classes, v.units, v.roles, v.staff, v.absences, v.rules, v.requests, v.baseline, v.pins)
}

// run takes the steps in order, each after a look at ctx, and joins what
// they found, counting the problems past MaxErrors in one last error.
func (v *validator) run(steps ...func()) error {
	for _, step := range steps {
		if err := v.ctx.Err(); err != nil {
			return err
		}
		step()
	}
	if err := v.ctx.Err(); err != nil {
		return err
	}
	if v.more > 0 {
		v.errs = append(v.errs, &FieldError{Field: "problem", Value: v.more,
			Msg: fmt.Sprintf("%d more problems are not listed (at most %d are)", v.more, MaxErrors)})
	}
	return errors.Join(v.errs...)
}

type validator struct {
	ctx     context.Context
	p       *Problem
	errs    []error
	dates   map[Date]bool
	staffID map[string]int
	unitIDs map[string]int
	roleIDs map[string]int
	more    int // problems found beyond MaxErrors

	unitSize, roleSize map[string]int // staff per unit and per role
	absent             map[string][]span
	frozen             map[Date]map[string]bool // the published rosters of frozen dates
}

// span is an absence's first and last day, as day numbers, and its kind;
// reach and by are the latest last day of it and the spans sorted before
// it, and that absence's kind (see reach).
type span struct {
	first, last, reach int64
	kind, by           AbsenceKind
}

// fail records one problem; past MaxErrors it only counts it, so that a
// million bad entries cost no more memory than a hundred.
func (v *validator) fail(field string, value any, format string, args ...any) {
	if len(v.errs) >= MaxErrors {
		v.more++
		return
	}
	v.errs = append(v.errs, &FieldError{Field: field, Value: value, Msg: fmt.Sprintf(format, args...)})
}

// halted reports, every 1024th entry of a list, whether ctx has ended:
// the list is then left, and ValidateContext returns ctx's error.
func (v *validator) halted(i int) bool {
	return i&1023 == 1023 && v.ctx.Err() != nil
}

// tooMany reports, once, a list longer than its limit; the list is then
// not checked entry by entry.
func (v *validator) tooMany(field string, n, limit int) bool {
	if n <= limit {
		return false
	}
	v.fail(field, n, "%d entries, more than the limit %d", n, limit)
	return true
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
	if v.tooMany("period.weekdays", len(p.Weekdays), 7) ||
		v.tooMany("period.include", len(p.Include), MaxPeriodDays) ||
		v.tooMany("period.exclude", len(p.Exclude), MaxPeriodDays) {
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

// classes checks Period.Classes: at most MaxClasses, unique IDs, and
// dates that are duty dates, each once in a class.
func (v *validator) classes() {
	cs := v.p.Period.Classes
	if v.tooMany("period.classes", len(cs), MaxClasses) {
		return
	}
	v.ids("period.classes", len(cs), func(i int) string { return cs[i].ID })
	for k, c := range cs {
		if v.tooMany(fmt.Sprintf("period.classes[%d].dates", k), len(c.Dates), MaxDutyDates) {
			continue
		}
		if len(c.Dates) == 0 {
			v.fail(fmt.Sprintf("period.classes[%d].dates", k), 0, "a class needs at least one duty date")
		}
		seen := make(map[Date]int, len(c.Dates))
		for i, d := range c.Dates {
			field := fmt.Sprintf("period.classes[%d].dates[%d]", k, i)
			j, dup := seen[d]
			switch {
			case len(v.dates) > 0 && !v.dates[d]:
				v.fail(field, d, "is not a duty date of the period")
			case dup:
				v.fail(field, d, "repeats period.classes[%d].dates[%d]", k, j)
			default:
				seen[d] = i
			}
		}
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
		if len(s) > MaxIDLength {
			v.fail(field, s[:MaxIDLength]+"...", "%d bytes, longer than the limit %d", len(s), MaxIDLength)
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
	if v.tooMany("units", len(v.p.Units), MaxUnits) {
		v.unitIDs = map[string]int{}
		return
	}
	v.unitIDs = v.ids("units", len(v.p.Units), func(i int) string { return v.p.Units[i].ID })
}

func (v *validator) roles() {
	if v.tooMany("roles", len(v.p.Roles), MaxRoles) {
		v.roleIDs = map[string]int{}
		return
	}
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
	v.unitSize, v.roleSize = map[string]int{}, map[string]int{}
	for i, s := range st {
		if v.halted(i) {
			return
		}
		f := func(name string) string { return fmt.Sprintf("staff[%d].%s", i, name) }
		if _, ok := v.unitIDs[s.Unit]; s.Unit != "" && !ok {
			v.fail(f("unit"), s.Unit, "unknown unit")
		}
		v.unitSize[s.Unit]++
		if v.tooMany(f("roles"), len(s.Roles), MaxRolesPerPerson) ||
			v.tooMany(f("offWeekdays"), len(s.OffWeekdays), 7) {
			continue
		}
		for j, r := range s.Roles {
			if _, ok := v.roleIDs[r]; !ok {
				v.fail(fmt.Sprintf("staff[%d].roles[%d]", i, j), r, "unknown role")
			} else if slices.Contains(s.Roles[:j], r) {
				v.fail(fmt.Sprintf("staff[%d].roles[%d]", i, j), r, "role listed twice")
			} else {
				v.roleSize[r]++
			}
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
	v.absent = map[string][]span{}
	if v.tooMany("absences", len(v.p.Absences), MaxAbsences) {
		return
	}
	per := v.p.Period
	for i, a := range v.p.Absences {
		if v.halted(i) {
			return
		}
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
		} else {
			v.absent[a.Staff] = append(v.absent[a.Staff], span{first: a.First.dayNumber(), last: a.Last.dayNumber(), kind: a.Kind})
		}
		if !a.Last.Before(a.First) && !per.Start.IsZero() && !per.End.IsZero() && (a.Last.Before(per.Start) || a.First.After(per.End)) {
			v.fail(f("first"), a.First, "the absence to %s lies outside the period %s to %s", a.Last, per.Start, per.End)
		}
		if a.Kind != "" && !validKind(a.Kind) {
			v.fail(f("kind"), string(a.Kind), "want one of %v", AbsenceKinds())
		}
	}
	for _, spans := range v.absent {
		reach(spans)
	}
}

// reach sorts a person's absences by first day and sets each one's reach
// to the latest last day among it and those before it, so that whether a
// day lies in any absence is one binary search.
func reach(spans []span) {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.first, b.first) })
	for i := range spans {
		spans[i].reach, spans[i].by = spans[i].last, spans[i].kind
		if i > 0 && spans[i-1].reach > spans[i].reach {
			spans[i].reach, spans[i].by = spans[i-1].reach, spans[i-1].by
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
	if v.tooMany("rules.coverage.dates", len(r.Coverage.Dates), MaxDutyDates) {
		r.Coverage.Dates = nil
	}
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
	if v.tooMany("rules.unitMinimums", len(r.UnitMinimums), MaxUnits) {
		r.UnitMinimums = nil
	}
	for i, m := range r.UnitMinimums {
		f := func(name string) string { return fmt.Sprintf("rules.unitMinimums[%d].%s", i, name) }
		if _, ok := v.unitIDs[m.Unit]; !ok {
			v.fail(f("unit"), m.Unit, "unknown unit")
		} else if n := v.unitSize[m.Unit]; m.Min > n {
			v.fail(f("min"), m.Min, "unit %q has only %d staff", m.Unit, n)
		}
		if m.Min < 0 {
			v.fail(f("min"), m.Min, "want 0 or more")
		}
	}
	if v.tooMany("rules.roleMinimums", len(r.RoleMinimums), MaxRoles) {
		r.RoleMinimums = nil
	}
	for i, m := range r.RoleMinimums {
		f := func(name string) string { return fmt.Sprintf("rules.roleMinimums[%d].%s", i, name) }
		if _, ok := v.roleIDs[m.Role]; !ok {
			v.fail(f("role"), m.Role, "unknown role")
		} else if n := v.roleSize[m.Role]; m.Min > n {
			v.fail(f("min"), m.Min, "only %d staff hold role %q", n, m.Role)
		}
		if m.Min < 0 {
			v.fail(f("min"), m.Min, "want 0 or more")
		}
	}
	if v.tooMany("rules.unitMaximums", len(r.UnitMaximums), MaxUnits) {
		r.UnitMaximums = nil
	}
	for i, m := range r.UnitMaximums {
		f := func(name string) string { return fmt.Sprintf("rules.unitMaximums[%d].%s", i, name) }
		if _, ok := v.unitIDs[m.Unit]; !ok {
			v.fail(f("unit"), m.Unit, "unknown unit")
		}
		if m.Max < 0 {
			v.fail(f("max"), m.Max, "want 0 or more")
		}
	}
	if w := r.Spacing.Weeks; w < 0 || w > MaxWeeks {
		v.fail("rules.spacing.weeks", w, "want 0 (off) to %d", MaxWeeks)
	}
	if w := r.MaxGap.Weeks; w < 0 || w > MaxWeeks {
		v.fail("rules.maxGap.weeks", w, "want 0 (off) to %d", MaxWeeks)
	}
	if v.tooMany("rules.windows", len(r.Windows), MaxWindows) {
		r.Windows = nil
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
		case k == LevelChanges && v.p.Baseline == nil:
			v.fail(field, string(k), "there is no baseline to count changes from (baseline)")
		case k == LevelClasses && len(v.p.Period.Classes) == 0:
			v.fail(field, string(k), "there are no date classes to share fairly (period.classes)")
		}
		if !dup {
			seen[k] = i
		}
	}
}

func (v *validator) requests() {
	if v.tooMany("requests", len(v.p.Requests), MaxRequests) {
		return
	}
	for i, q := range v.p.Requests {
		if v.halted(i) {
			return
		}
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
	if v.tooMany("pins", len(v.p.Pins), MaxPins) {
		return
	}
	type key struct {
		staff string
		date  Date
	}
	seen := map[key]int{}
	for i, pin := range v.p.Pins {
		if v.halted(i) {
			return
		}
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
		v.frozenPin(f("work"), pin)
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
	spans, day := v.absent[st.ID], d.dayNumber()
	// The spans starting on or before day; the last of them reaches
	// furthest of all.
	if n := sort.Search(len(spans), func(i int) bool { return spans[i].first > day }); n > 0 && spans[n-1].reach >= day {
		return "absent (" + string(spans[n-1].by) + ")"
	}
	return ""
}
