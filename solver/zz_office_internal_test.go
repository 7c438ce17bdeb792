package solver

import (
	"fmt"
	"math/rand/v2"

	"github.com/rostersat/rostersat/model"
)

// scaledOffice makes a seeded office of n staff over a year of Fridays, in
// the shape of the benchmark instances: units of about 15, a quarter
// seniors, one seventh on duty each Friday, four weeks' spacing, a senior
// and a member of the first unit every Friday, a vacation block each,
// some long leaves, part-timers, and requests on about a tenth of
// person-Fridays. With smallUnit the first unit is too small for perfect
// fairness.
func scaledOfficeInternal(n int, seed uint64, smallUnit bool) *model.Problem {
	rng := rand.New(rand.NewPCG(seed, 0x0ff1ce))
	p := &model.Problem{
		Name:   fmt.Sprintf("office-%d-%d", n, seed),
		Period: model.Period{Start: model.MustDate("2025-01-03"), End: model.MustDate("2025-12-26"), KeepHolidays: true},
		Roles:  []model.Role{{ID: "senior"}},
	}
	units := max(2, n/15)
	for u := range units {
		p.Units = append(p.Units, model.Unit{ID: fmt.Sprintf("u%02d", u)})
	}
	for i := range n {
		u := i % units
		if smallUnit && u == 0 && i >= 5*units {
			u = 1 + i%(units-1)
		}
		st := model.Staff{ID: fmt.Sprintf("s%04d", i), Unit: p.Units[u].ID}
		if i%4 == 1 {
			st.Roles = []string{"senior"}
		}
		switch rng.IntN(20) {
		case 0:
			st.Percent = 80
		case 1:
			st.OffWeekdays = []model.Weekday{5}
		}
		p.Staff = append(p.Staff, st)
	}
	dates := p.Period.DutyDates()
	p.Rules = model.Rules{
		Coverage:     model.Coverage{PerDate: max(1, n/7)},
		UnitMinimums: []model.UnitMinimum{{Unit: "u00", Min: 1}},
		RoleMinimums: []model.RoleMinimum{{Role: "senior", Min: max(1, n/40)}},
		Spacing:      model.Spacing{Weeks: 4},
	}
	for i, st := range p.Staff {
		w := rng.IntN(len(dates) - 3)
		p.Absences = append(p.Absences, model.Absence{Staff: st.ID, First: dates[w], Last: dates[w+2], Kind: model.Vacation})
		if i%25 == 7 {
			l := rng.IntN(len(dates) - 12)
			p.Absences = append(p.Absences, model.Absence{Staff: st.ID, First: dates[l], Last: dates[l+11], Kind: model.ParentalLeave})
		}
		for f, d := range dates {
			if rng.IntN(10) == 0 && !(f >= w && f <= w+2) {
				q := model.Request{Staff: st.ID, Date: d, Kind: model.Avoid, Weight: 1 + rng.IntN(5)}
				if rng.IntN(3) == 0 {
					q.Kind = model.Prefer
				}
				p.Requests = append(p.Requests, q)
			}
		}
	}
	return p
}
