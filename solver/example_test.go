package solver_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// Six people, two a Friday, a senior every Friday and two weeks between a
// person's Fridays: the solver finds a rota in which everyone works their
// fair share, and proves that no rota meets more requests.
func Example() {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-09")},
		Roles:  []model.Role{{ID: "senior"}},
		Staff: []model.Staff{
			{ID: "anna", Roles: []string{"senior"}}, {ID: "bo"}, {ID: "cia", Roles: []string{"senior"}},
			{ID: "dan"}, {ID: "eva", Roles: []string{"senior"}}, {ID: "finn"},
		},
		Rules: model.Rules{
			Coverage:     model.Coverage{PerDate: 2},
			RoleMinimums: []model.RoleMinimum{{Role: "senior", Min: 1}},
			Spacing:      model.Spacing{Weeks: 2},
		},
		Requests: []model.Request{{Staff: "bo", Date: model.MustDate("2024-01-05"), Kind: model.Prefer}},
	}
	s, err := solver.Solve(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range s.Dates {
		fmt.Println(d.Date, d.Staff)
	}
	fmt.Printf("%s: deviation %d, request cost %d\n", s.Status, s.Objective.Deviation, s.Objective.RequestCost)
	// Output:
	// 2024-01-05 [anna bo]
	// 2024-01-12 [cia dan]
	// 2024-01-19 [anna finn]
	// 2024-01-26 [bo eva]
	// 2024-02-02 [cia finn]
	// 2024-02-09 [dan eva]
	// optimal: deviation 0, request cost 0
}

// Infeasibility is a typed error that names the clash in domain words.
func Example_infeasible() {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-01-12")},
		Staff:  []model.Staff{{ID: "anna"}, {ID: "bo"}},
		Absences: []model.Absence{
			{Staff: "bo", First: model.MustDate("2024-01-08"), Last: model.MustDate("2024-01-14"), Kind: model.SickLeave},
		},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: 2}},
	}
	_, err := solver.Solve(context.Background(), p)
	fmt.Println(err)
	// Output:
	// solver: no schedule satisfies the hard rules: 1 rule cannot hold; 2024-01-12 needs 2 people on duty; 1 person can work: anna
}

// A relaxation says the least a problem must give up: here anna is
// pinned to work two Fridays a week apart, against two weeks' spacing;
// dropping one pin is enough, and the rest of the rota stays fair.
func ExampleRelax() {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-01-26")},
		Staff:  []model.Staff{{ID: "anna"}, {ID: "bo"}, {ID: "cia"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1}, Spacing: model.Spacing{Weeks: 2}},
		Pins: []model.Pin{
			{Staff: "anna", Date: model.MustDate("2024-01-05"), Work: true},
			{Staff: "anna", Date: model.MustDate("2024-01-12"), Work: true},
		},
	}
	_, err := solver.Solve(context.Background(), p)
	var ie *solver.InfeasibleError
	if errors.As(err, &ie) {
		fmt.Print(ie.Explain())
	}
	rel, err := solver.Relax(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rel.Weight, rel.Least, rel.Changes)
	for _, d := range rel.Schedule.Dates {
		fmt.Println(d.Date, d.Staff)
	}
	// Output:
	// solver: no schedule satisfies the hard rules:
	//   anna is pinned to work on 2024-01-05 and 2024-01-12, 7 days apart; the spacing asks for 14
	//   the rules that clash:
	//   - anna keeps 2 weeks between two duties (spacing)
	//   - anna is pinned to work on 2024-01-05
	//   - anna is pinned to work on 2024-01-12
	// 1 true [drop the pin that anna works on 2024-01-12]
	// 2024-01-05 [anna]
	// 2024-01-12 [cia]
	// 2024-01-19 [anna]
	// 2024-01-26 [bo]
}

// A published rota is re-planned when someone falls ill: the dates already
// lived stay as they were, and the rest changes as little as it must.
func Example_replan() {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-09")},
		Staff:  []model.Staff{{ID: "anna"}, {ID: "bo"}, {ID: "cia"}, {ID: "dan"}, {ID: "eva"}, {ID: "finn"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 2}, Spacing: model.Spacing{Weeks: 2}},
	}
	ctx := context.Background()
	published, err := solver.Solve(ctx, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := *p
	friday := published.Dates[3]
	q.Absences = []model.Absence{{Staff: friday.Staff[0], First: friday.Date, Last: friday.Date, Kind: model.SickLeave}}
	q.Baseline = published.Baseline(model.MustDate("2024-01-21"))
	s, err := solver.Solve(ctx, &q)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(model.Compare(&q, published.Dates, s))
	fmt.Printf("%s: %d changes\n", s.Status, s.Objective.Changes)
	// Output:
	// 2024-01-26: bo is off (sick), dan takes the duty
	// optimal: 2 changes
}

// A Plan answers the questions of the day on the rota it keeps ready.
func ExamplePlan() {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-09")},
		Staff:  []model.Staff{{ID: "anna"}, {ID: "bo"}, {ID: "cia"}, {ID: "dan"}, {ID: "eva"}, {ID: "finn"}, {ID: "gus"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 2}, Spacing: model.Spacing{Weeks: 2}},
	}
	ctx := context.Background()
	s, err := solver.Solve(ctx, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := solver.NewPlan(ctx, p, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	first, second := s.Dates[0], s.Dates[1]
	fmt.Println(first.Date, first.Staff, second.Date, second.Staff)
	who, _ := plan.Replacements(ctx, first.Staff[0], first.Date)
	for _, r := range who {
		fmt.Printf("%s can stand in for %s: then %d duties, share %.2f\n", r.Staff, first.Staff[0], r.Duties, r.Share)
	}
	swap, _ := plan.Swap(ctx, first.Staff[0], first.Date, second.Staff[0], second.Date)
	fmt.Println("swap:", swap.Yes, reasonTexts(swap.Reasons))
	ans, err := plan.Leave(ctx, model.Absence{Staff: first.Staff[0], First: first.Date, Last: first.Date.AddDays(13), Kind: model.Vacation})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("leave:", ans.Yes)
	fmt.Println(ans.Diff)
	// Output:
	// 2024-01-05 [anna dan] 2024-01-12 [bo eva]
	// cia can stand in for anna: then 2 duties, share 1.71
	// gus can stand in for anna: then 2 duties, share 1.71
	// swap: false [anna keeps 2 weeks between two duties (spacing)]
	// leave: true
	// 2024-01-05: anna is off (vacation), cia takes the duty
}
