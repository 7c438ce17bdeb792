package sweep_test

import (
	"fmt"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/sweep"
)

// Two knobs, two values each: four variants of the Värmdö problem.
func ExampleCombinations() {
	var f sweep.Flag
	_ = f.Set("rules.spacing.weeks=4,6")
	_ = f.Set("rules.coverage.perDate=3,4")
	for _, c := range sweep.Combinations(f) {
		p := scenario.Problem()
		if err := sweep.Apply(p, c); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(sweep.Label(c), "->", p.Rules.Spacing.Weeks, p.Rules.Coverage.PerDate)
	}
	// Output:
	// rules.spacing.weeks=4 rules.coverage.perDate=3 -> 4 3
	// rules.spacing.weeks=4 rules.coverage.perDate=4 -> 4 4
	// rules.spacing.weeks=6 rules.coverage.perDate=3 -> 6 3
	// rules.spacing.weeks=6 rules.coverage.perDate=4 -> 6 4
}
