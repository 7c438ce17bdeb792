package scenario_test

import (
	"fmt"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
)

// The scenario is an ordinary model.Problem: 28 social workers and the 30
// Fridays of the 2023-24 trial, Långfredagen excepted.
func Example() {
	p := scenario.Problem()
	dates := p.Period.DutyDates()
	fmt.Println(len(p.Staff), "staff,", len(dates), "Fridays from", dates[0], "to", dates[len(dates)-1])
	fmt.Println("valid:", p.Validate() == nil)
	// Output:
	// 28 staff, 30 Fridays from 2023-11-17 to 2024-06-14
	// valid: true
}
