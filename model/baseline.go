package model

// Baseline is a published rota that a problem re-plans: after the rota
// is out, people plan their lives around it, so a new rota should change
// as little of it as it must. Duty dates up to FrozenUntil keep their
// published rosters exactly (a hard rule, one instance per date, kind
// RuleFrozen); on the later dates every person whose duty differs from
// the published roster is a change, and the number of changes is the
// objective level LevelChanges, first by default.
type Baseline struct {
	// Dates are the published rosters, one per duty date at most, as in
	// Schedule.Dates. A duty date without one has nothing to keep: any
	// roster there is free of changes.
	Dates []DutyRoster `json:"dates"`
	// FrozenUntil is the last day whose duty dates keep their published
	// rosters exactly; zero freezes nothing. Every duty date on or before
	// it needs a published roster.
	FrozenUntil Date `json:"frozenUntil,omitzero"`
	// Near makes a change close to the freeze cost more than one far from
	// it: a change on a duty date at most Near[i].Days days after
	// FrozenUntil (after the day before the period starts, when nothing
	// is frozen) costs Near[i].Weight, the first entry that reaches the
	// date deciding; every other change costs 1.
	Near []NearWeight `json:"near,omitempty"`
}

// NearWeight is the cost of a change on the duty dates up to Days days
// after the freeze.
type NearWeight struct {
	Days   int `json:"days"`
	Weight int `json:"weight"`
}

// ChangeWeight returns what one changed person-date on duty date d
// costs: 0 on a frozen date, where nothing may change, else the weight of
// the first Near entry that reaches d, else 1. periodStart is the first
// day of the period, from which the days count when nothing is frozen.
func (b *Baseline) ChangeWeight(d, periodStart Date) int {
	if b == nil {
		return 0
	}
	if b.Frozen(d) {
		return 0
	}
	from := b.FrozenUntil
	if from.IsZero() {
		from = periodStart.AddDays(-1)
	}
	days := from.DaysUntil(d)
	for _, n := range b.Near {
		if days <= n.Days {
			return n.Weight
		}
	}
	return 1
}

// Frozen reports whether duty date d keeps its published roster exactly.
func (b *Baseline) Frozen(d Date) bool {
	return b != nil && !b.FrozenUntil.IsZero() && !d.After(b.FrozenUntil)
}

// Baseline returns a baseline of the schedule's rota that freezes the
// duty dates up to frozenUntil (zero for none): the rota as published,
// for the problem that re-plans it.
func (s *Schedule) Baseline(frozenUntil Date) *Baseline {
	b := &Baseline{FrozenUntil: frozenUntil, Dates: make([]DutyRoster, len(s.Dates))}
	for i, r := range s.Dates {
		b.Dates[i] = DutyRoster{Date: r.Date, Staff: append([]string{}, r.Staff...)}
	}
	return b
}
