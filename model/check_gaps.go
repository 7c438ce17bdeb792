package model

// The checks of the unit maximums and the longest gap, from their
// definitions in the package documentation.

// unitMaximums checks that no duty date has more people of a unit than
// its smallest maximum.
func (v *verifier) unitMaximums() {
	if len(v.p.Rules.UnitMaximums) == 0 {
		return
	}
	least := map[string]int{}
	var units []string
	for _, m := range v.p.Rules.UnitMaximums {
		if most, seen := least[m.Unit]; !seen || m.Max < most {
			if !seen {
				units = append(units, m.Unit)
			}
			least[m.Unit] = m.Max
		}
	}
	count := v.countBy(func(st Staff) []string { return []string{st.Unit} })
	for _, u := range units {
		for k, d := range v.dates {
			if n := count[k][u]; n > least[u] {
				v.fail(RuleUnitMaximum, "", d, "%s has %s of unit %q on duty, want at most %d", d, headCount(n), u, least[u])
				v.breaks(Rule{Kind: RuleUnitMaximum, Date: d, Unit: u, Count: least[u]})
			}
		}
	}
}

// maxGap checks that every run of consecutive duty dates a person is
// available on, covering Rules.MaxGap weeks or more, holds a duty of
// theirs; each person's first such run without one is reported.
func (v *verifier) maxGap() {
	weeks := v.p.Rules.MaxGap.Weeks
	if weeks <= 0 {
		return
	}
	span := weeksInDays(weeks) - 7 // from the run's first date to its last
	for i, st := range v.p.Staff {
		start := -1 // first date of the current run without a duty
		for k := range v.dates {
			switch {
			case !v.available[i][k] || v.on[i][k]:
				start = -1
				continue
			case start < 0:
				start = k
			}
			if v.dates[start].DaysUntil(v.dates[k]) >= span {
				v.fail(RuleMaxGap, st.ID, v.dates[start], "%q is available on every duty date from %s to %s but on duty on none, %d weeks; rules.maxGap asks for a duty within %d",
					st.ID, v.dates[start], v.dates[k], (v.dates[start].DaysUntil(v.dates[k])+7)/7, weeks)
				v.breaks(Rule{Kind: RuleMaxGap, Staff: st.ID})
				break
			}
		}
	}
}
