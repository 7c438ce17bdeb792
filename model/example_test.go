package model_test

import (
	"errors"
	"fmt"
	"strings"

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

// A YAML problem, such as the command line reads, is decoded as strictly
// as JSON: a misspelt field is an error naming the field and where it is.
func ExampleDecodeProblemYAML() {
	const scenario = `
period: {start: 2024-03-01, end: 2024-04-05}
staff:
  - id: anna
  - id: bo
    unti: mottagning
`
	_, err := model.DecodeProblemYAML(strings.NewReader(scenario))
	var fe *model.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.Field)
	}
	fmt.Println(err)

	p, err := model.DecodeProblemYAML(strings.NewReader(strings.Replace(scenario, "unti", "unit", 1)))
	fmt.Println(p.Period.Start, p.Staff[1].Unit, err)
	// Output:
	// staff[1].unti
	// staff[1].unti = "unti": unknown field (line 6, column 5)
	// 2024-03-01 mottagning <nil>
}
