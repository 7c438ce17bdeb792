package report_test

import (
	"os"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
)

// The rhythm and class sections of a rota, written by the model's own
// figures. Eight Fridays (Good Friday is a holiday) and two people make
// an ideal interval of 2: anna works the first three in a row (two short
// gaps, 1 each, and a tail of 6, 4 too long), bo the last five (a lead-in
// of 4, 2 too long, and four short gaps), and anna takes both unpopular
// Fridays.
func ExampleMeasures() {
	d := model.MustDate
	p := &model.Problem{
		Period: model.Period{Start: d("2024-03-01"), End: d("2024-04-26"),
			Classes: []model.DateClass{{ID: "unpopular", Name: "Unpopular Fridays", Dates: []model.Date{d("2024-03-01"), d("2024-03-08")}}}},
		Staff: []model.Staff{{ID: "anna", Name: "Anna Lindqvist"}, {ID: "bo", Name: "Bo Ek"}},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: 1}, Rhythm: model.Rhythm{On: true}},
	}
	f := p.Facts()
	on := [][]bool{make([]bool, len(f.Dates)), make([]bool, len(f.Dates))}
	for i := range f.Dates {
		on[0][i] = i < 3
		on[1][i] = i >= 3
	}
	s := f.Schedule(p, model.Feasible, on)
	report.Measures(os.Stdout, p, s, report.Labels{})
	// Output:
	//
	// Class Unpopular Fridays: 2024-03-01 2024-03-08
	//   name            unit  share  range  duties
	//   Anna Lindqvist        1.00   1-1    2
	//   Bo Ek                 1.00   1-1    0
	//
	// Rhythm 12 (the interval counts the dates a person is available on)
	//   name            unit  interval  gaps in weeks  rhythm
	//   Anna Lindqvist        2.0       1 1            6
	//   Bo Ek                 2.0       2 1 1 1        6
	//   6 gaps; 0 of 2 people go 10 weeks or more without a duty.
}
