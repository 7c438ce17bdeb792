package solver_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/rostersat/rostersat/model"
)

// randomProblem makes a small seeded problem that exercises every rule.
// It may be infeasible; Validate accepts it.
func randomProblem(seed uint64, maxStaff, maxDates int) *model.Problem {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	start := model.MustDate("2024-01-05")
	nDates := 2 + rng.IntN(maxDates-1)
	p := &model.Problem{
		Name:   fmt.Sprintf("random-%d", seed),
		Period: model.Period{Start: start, End: start.AddDays(7*(nDates-1) + 2)},
		Units:  []model.Unit{{ID: "a"}, {ID: "b"}},
		Roles:  []model.Role{{ID: "senior"}},
	}
	nStaff := 3 + rng.IntN(maxStaff-2)
	for i := range nStaff {
		st := model.Staff{ID: fmt.Sprintf("p%d", i), Unit: []string{"a", "b", ""}[rng.IntN(3)]}
		if rng.IntN(3) == 0 {
			st.Roles = []string{"senior"}
		}
		if rng.IntN(6) == 0 {
			st.Percent = 50 + 10*rng.IntN(5)
		}
		if rng.IntN(5) == 0 {
			st.History = model.History{Duties: rng.IntN(3), Dates: rng.IntN(6)}
		}
		if rng.IntN(8) == 0 {
			st.Start = start.AddDays(7 * rng.IntN(nDates))
		}
		p.Staff = append(p.Staff, st)
	}
	dates := p.Period.DutyDates()
	p.Rules.Coverage.PerDate = 1 + rng.IntN(min(2, nStaff-2))
	if rng.IntN(4) == 0 {
		p.Rules.Coverage.Dates = []model.DateCount{{Date: dates[rng.IntN(len(dates))], Count: rng.IntN(p.Rules.Coverage.PerDate + 1)}}
	}
	for i := range nStaff / 2 {
		first := dates[rng.IntN(len(dates))]
		p.Absences = append(p.Absences, model.Absence{Staff: p.Staff[(i*3)%nStaff].ID, First: first, Last: first.AddDays(7 * rng.IntN(2)), Kind: model.Vacation})
	}
	if rng.IntN(3) == 0 {
		p.Rules.UnitMinimums = []model.UnitMinimum{{Unit: "a", Min: 1}}
	}
	if rng.IntN(3) == 0 {
		p.Rules.RoleMinimums = []model.RoleMinimum{{Role: "senior", Min: 1}}
	}
	if rng.IntN(2) == 0 {
		p.Rules.Spacing.Weeks = 1 + rng.IntN(2)
	}
	if rng.IntN(4) == 0 {
		p.Rules.Windows = []model.Window{{Weeks: 2 + rng.IntN(3), Max: 1 + rng.IntN(2)}}
	}
	switch rng.IntN(8) {
	case 0:
		p.Rules.Fairness.Off = true
	case 1:
		p.Rules.Objective = []model.LevelKind{model.LevelRequests, model.LevelFairness}
	case 2:
		p.Rules.Objective = []model.LevelKind{model.LevelFairness}
	}
	for range rng.IntN(2 * nStaff) {
		q := model.Request{Staff: p.Staff[rng.IntN(nStaff)].ID, Date: dates[rng.IntN(len(dates))], Kind: model.Avoid, Weight: rng.IntN(4)}
		if rng.IntN(2) == 0 {
			q.Kind = model.Prefer
		}
		p.Requests = append(p.Requests, q)
	}
	// The later rules draw from a stream of their own, so that adding one
	// leaves the problems of the earlier ones as they were.
	more := rand.New(rand.NewPCG(seed, 0x9a9))
	if more.IntN(5) == 0 {
		p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: []string{"a", "b"}[more.IntN(2)], Max: 1 + more.IntN(2)}}
	}
	if more.IntN(5) == 0 {
		p.Rules.MaxGap.Weeks = 3 + more.IntN(3)
	}
	if p.Validate() != nil {
		// A shape the generator did not foresee (a unit left empty, say):
		// drop the group rules rather than hand the tests invalid input.
		p.Rules.UnitMinimums, p.Rules.RoleMinimums, p.Rules.UnitMaximums = nil, nil, nil
	}
	// Pins last, each kept only if the problem stays valid (no second
	// pin on a person-date, no work pin on a date the person is away).
	for range rng.IntN(3) {
		pin := model.Pin{Staff: p.Staff[rng.IntN(nStaff)].ID, Date: dates[rng.IntN(len(dates))], Work: rng.IntN(2) == 0}
		p.Pins = append(p.Pins, pin)
		if p.Validate() != nil {
			p.Pins = p.Pins[:len(p.Pins)-1]
		}
	}
	return p
}
