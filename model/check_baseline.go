package model

import (
	"fmt"
	"strings"
)

// The checks of a re-planned schedule against its baseline. They read
// Problem.Baseline from the definitions, as the rest of Check does, and
// share nothing with Facts or Baseline's methods.

// published returns, for each duty date of the baseline (the first
// roster of a date listed twice), the positions of its people, and
// whether it is frozen.
func (v *verifier) published() (rosters map[int]map[int]bool, frozen map[int]bool) {
	b := v.p.Baseline
	rosters, frozen = map[int]map[int]bool{}, map[int]bool{}
	if b == nil {
		return rosters, frozen
	}
	for _, r := range b.Dates {
		k, ok := v.dateIndex[r.Date]
		if _, dup := rosters[k]; !ok || dup {
			continue
		}
		on := map[int]bool{}
		for _, id := range r.Staff {
			if i, ok := v.staffIndex[id]; ok {
				on[i] = true
			}
		}
		rosters[k] = on
		frozen[k] = !b.FrozenUntil.IsZero() && r.Date.Compare(b.FrozenUntil) <= 0
	}
	return rosters, frozen
}

// frozenDates checks that every frozen duty date has its published
// roster exactly, and returns the weighted changes on the others.
func (v *verifier) frozenDates() int {
	rosters, frozen := v.published()
	changes := 0
	for k, d := range v.dates {
		want, ok := rosters[k]
		if !ok {
			continue
		}
		var added, dropped []string
		for _, i := range v.onDate[k] {
			if !want[i] {
				added = append(added, v.p.Staff[i].ID)
			}
		}
		for i := range v.p.Staff {
			if want[i] && !v.on[i][k] {
				dropped = append(dropped, v.p.Staff[i].ID)
			}
		}
		n := len(added) + len(dropped)
		if !frozen[k] {
			changes += n * v.changeWeight(d)
			continue
		}
		if n > 0 {
			v.fail(RuleFrozen, "", d, "%s is frozen, but the schedule %s", d, addedDropped(added, dropped))
			v.breaks(Rule{Kind: RuleFrozen, Date: d})
		}
	}
	return changes
}

// changeWeight is what a change on duty date d costs, from Baseline.Near.
func (v *verifier) changeWeight(d Date) int {
	b := v.p.Baseline
	from := b.FrozenUntil
	if from.IsZero() {
		from = v.p.Period.Start.AddDays(-1)
	}
	days := from.DaysUntil(d)
	for _, n := range b.Near {
		if days <= n.Days {
			return n.Weight
		}
	}
	return 1
}

func addedDropped(added, dropped []string) string {
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "adds "+strings.Join(added, ", "))
	}
	if len(dropped) > 0 {
		parts = append(parts, "drops "+strings.Join(dropped, ", ")+" of its published roster")
	}
	return strings.Join(parts, " and ")
}

// baselineLimits says which size of the baseline is beyond Validate's
// limits, or "".
func baselineLimits(b *Baseline) string {
	switch {
	case b == nil:
	case len(b.Dates) > MaxDutyDates:
		return fmt.Sprintf("%d published rosters, the limit is %d", len(b.Dates), MaxDutyDates)
	case len(b.Near) > MaxNear:
		return fmt.Sprintf("%d near weights, the limit is %d", len(b.Near), MaxNear)
	}
	return ""
}
