package caseload_test

import (
	"context"
	"fmt"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
)

// Three caseworkers of the adult unit, one of them at half time; Ahmed
// holds five investigations and may carry four. The plan moves one, the
// fewest there are, then balances the loads by employment, unit by unit
// and measure by measure: Ahmed keeps four investigations, 2 above his
// share of them (2 of 5); the follow-ups are shared exactly (2, 2 and 1
// of 5), which leaves Ahmed's points 2 above his share of 4 of 10: no
// plan has a smaller sum of the three deviations (2 + 0 + 2, or, as
// well, 2 + 1 + 1).
func Example() {
	p := &model.CaseProblem{
		Date:     model.MustDate("2024-03-04"),
		Units:    []model.Unit{{ID: "vuxen"}},
		Staff:    []model.Staff{{ID: "ahmed", Unit: "vuxen"}, {ID: "sara", Unit: "vuxen"}, {ID: "ida", Unit: "vuxen", Percent: 50}},
		Capacity: model.Capacity{Investigations: 4, FollowUps: 6},
	}
	for i := range 5 {
		p.Cases = append(p.Cases, model.Case{ID: fmt.Sprintf("u%d", i+1), Kind: model.Investigation, Unit: "vuxen", Worker: "ahmed"})
	}
	for i := range 5 {
		p.Cases = append(p.Cases, model.Case{ID: fmt.Sprintf("f%d", i+1), Kind: model.FollowUp, Unit: "vuxen"})
	}
	plan, err := caseload.Assign(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.Status, "moves", plan.Objective.Moves, "balance", plan.Objective.Balance, "deviation", plan.Objective.Deviation)
	for _, l := range plan.Staff {
		fmt.Printf("%-5s %d investigations, %d follow-ups, %d points\n", l.Staff, l.Investigations, l.FollowUps, l.Weight)
	}
	// Output:
	// optimal moves 1 balance 4 deviation 2
	// ahmed 4 investigations, 0 follow-ups, 4 points
	// sara  1 investigations, 3 follow-ups, 4 points
	// ida   0 investigations, 2 follow-ups, 2 points
}
