package peer_test

import (
	"fmt"
	"os"

	"github.com/rostersat/rostersat/bench/peer"
	"github.com/rostersat/rostersat/model"
)

// Two people, two Fridays, one person a Friday; Anna would rather not work
// the first. Stage 2 fixes D at 0 and minimises the request cost.
func ExampleWriteLP() {
	p := &model.Problem{
		Name: "tiny",
		Period: model.Period{
			Start: model.MustDate("2024-02-01"),
			End:   model.MustDate("2024-02-09"),
		},
		Staff: []model.Staff{{ID: "anna"}, {ID: "bo"}},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: 1}},
		Requests: []model.Request{
			{Staff: "anna", Date: model.MustDate("2024-02-02"), Kind: model.Avoid, Weight: 3},
		},
	}
	if err := peer.WriteLP(os.Stdout, p, peer.RequestStage(0)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// \ rostersat "tiny", stage request-cost(D=0)
	// \ 2 staff, 2 duty dates, 4 variables x_<staff>_<date> (0-based, problem order)
	// Minimize
	//  obj: 3 x_0_0
	// Subject To
	//  cov_0: x_0_0 + x_1_0 = 1
	//  cov_1: x_0_1 + x_1_1 = 1
	//  lo_0: x_0_0 + x_0_1 + D >= 1
	//  hi_0: x_0_0 + x_0_1 - D <= 1
	//  lo_1: x_1_0 + x_1_1 + D >= 1
	//  hi_1: x_1_0 + x_1_1 - D <= 1
	// Bounds
	//  D = 0
	// Generals
	//  D
	// Binaries
	//  x_0_0
	//  x_0_1
	//  x_1_0
	//  x_1_1
	// End
}
