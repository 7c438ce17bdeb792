package model_test

import (
	"fmt"

	"github.com/rostersat/rostersat/model"
)

// A problem is plain data; Validate reports every mistake at once, each
// naming the field and the value.
func Example() {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-03-01"), End: model.MustDate("2024-04-05")},
		Units:  []model.Unit{{ID: "mottagning"}},
		Staff: []model.Staff{
			{ID: "anna", Unit: "mottagning"},
			{ID: "bo", Unit: "mottagningen"},
		},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: 1}},
	}
	fmt.Println(p.Period.DutyDates()) // Långfredagen, 29 March, is no duty date
	fmt.Println(p.Validate())
	// Output:
	// [2024-03-01 2024-03-08 2024-03-15 2024-03-22 2024-04-05]
	// staff[1].unit = "mottagningen": unknown unit
}
