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
	// ahmed 4 investigations, 1 follow-ups, 5 points
	// sara  1 investigations, 2 follow-ups, 3 points
	// ida   0 investigations, 2 follow-ups, 2 points
}

// Ahmed and Sara share the adult unit's investigations; one of them needs
// the role ensamkommande, which neither holds. No plan keeps every rule:
// the least to drop is that case's need of a worker. The plan without it
// moves one of Ahmed's five, the fewest his limit of four allows (moves
// come before balance).
func ExampleRelax() {
	p := &model.CaseProblem{
		Date:     model.MustDate("2024-03-04"),
		Units:    []model.Unit{{ID: "vuxen"}},
		Roles:    []model.Role{{ID: "ensamkommande"}},
		Staff:    []model.Staff{{ID: "ahmed", Name: "Ahmed", Unit: "vuxen"}, {ID: "sara", Name: "Sara", Unit: "vuxen"}},
		Capacity: model.Capacity{Investigations: 4},
	}
	for i := range 5 {
		p.Cases = append(p.Cases, model.Case{ID: fmt.Sprintf("u%d", i+1), Kind: model.Investigation, Unit: "vuxen", Worker: "ahmed"})
	}
	p.Cases = append(p.Cases, model.Case{ID: "u6", Kind: model.Investigation, Unit: "vuxen", Roles: []string{"ensamkommande"}})
	rx, err := caseload.Relax(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rx.Explain())
	fmt.Println(rx.Plan.Status, "moves", rx.Plan.Objective.Moves)
	for _, l := range rx.Plan.Staff {
		fmt.Printf("%-5s %d investigations\n", l.Staff, l.Investigations)
	}
	// Output:
	// To have a plan, drop 1 rule(s) (the least there is):
	//   - case u6 needs a worker, and no one may hold it: of the 2 workers of unit vuxen at work, none holds every role of ensamkommande
	// optimal moves 1
	// ahmed 4 investigations
	// sara  1 investigations
}
