package model

import (
	"fmt"
	"slices"
)

// MaxNear bounds Baseline.Near.
const MaxNear = 16

// baseline checks the published rota: its dates are duty dates, each
// once; its people are staff, each once a date; a frozen roster is one
// its people can work, and every frozen duty date has one.
func (v *validator) baseline() {
	b := v.p.Baseline
	if b == nil {
		return
	}
	v.frozen = map[Date]map[string]bool{}
	if v.tooMany("baseline.dates", len(b.Dates), MaxDutyDates) || v.tooMany("baseline.near", len(b.Near), MaxNear) {
		return
	}
	seen := map[Date]int{}
	for i, r := range b.Dates {
		if v.halted(i) {
			return
		}
		field := fmt.Sprintf("baseline.dates[%d]", i)
		if !v.dutyDate(func(name string) string { return field + "." + name }, r.Date) {
			continue
		}
		if j, dup := seen[r.Date]; dup {
			v.fail(field+".date", r.Date, "baseline.dates[%d] already has this date", j)
			continue
		}
		seen[r.Date] = i
		if v.tooMany(field+".staff", len(r.Staff), MaxStaff) {
			continue
		}
		frozen := b.Frozen(r.Date)
		var on map[string]bool
		if frozen {
			on = map[string]bool{}
			v.frozen[r.Date] = on
		}
		for j, id := range r.Staff {
			f := fmt.Sprintf("%s.staff[%d]", field, j)
			s, ok := v.staffID[id]
			switch {
			case !ok:
				v.fail(f, id, "unknown staff")
				continue
			case slices.Contains(r.Staff[:j], id):
				v.fail(f, id, "listed twice on %s", r.Date)
				continue
			}
			if !frozen {
				continue
			}
			on[id] = true
			if why := v.unavailable(s, r.Date); why != "" {
				v.fail(f, id, "%q is on the frozen roster of %s but cannot work it: %s; correct the published roster or freeze fewer dates (baseline.frozenUntil)", id, r.Date, why)
			}
		}
	}
	if !b.FrozenUntil.IsZero() {
		var missing []Date
		for d := range v.dates {
			if _, ok := seen[d]; !ok && b.Frozen(d) {
				missing = append(missing, d)
			}
		}
		slices.SortFunc(missing, Date.Compare)
		for _, d := range missing {
			v.fail("baseline.frozenUntil", b.FrozenUntil, "duty date %s is frozen but has no published roster in baseline.dates", d)
		}
	}
	for i, n := range b.Near {
		if n.Days < 0 || n.Days > MaxPeriodDays {
			v.fail(fmt.Sprintf("baseline.near[%d].days", i), n.Days, "want 0 to %d", MaxPeriodDays)
		}
		if n.Weight < 1 || n.Weight > MaxWeight {
			v.fail(fmt.Sprintf("baseline.near[%d].weight", i), n.Weight, "want 1 to %d", MaxWeight)
		}
	}
}

// frozenPin checks a pin on a frozen date against the published roster:
// a frozen date is decided already, and a pin there may only agree.
func (v *validator) frozenPin(field string, pin Pin) {
	on, frozen := v.frozen[pin.Date]
	switch {
	case !frozen:
	case pin.Work && !on[pin.Staff]:
		v.fail(field, pin.Work, "%q is pinned to work on %s, a frozen date whose published roster does not have them", pin.Staff, pin.Date)
	case !pin.Work && on[pin.Staff]:
		v.fail(field, pin.Work, "%q is pinned off on %s, a frozen date whose published roster has them", pin.Staff, pin.Date)
	}
}
