package report_test

import (
	"os"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
)

func Example() {
	d := model.MustDate
	p := &model.Problem{
		Period: model.Period{Start: d("2024-03-01"), End: d("2024-03-15")},
		Staff:  []model.Staff{{ID: "anna", Name: "Anna Lindqvist", Unit: "mot"}, {ID: "bo", Name: "Bo Ek", Unit: "bou", Roles: []string{"senior"}}},
	}
	s := &model.Schedule{Status: model.Optimal, Dates: []model.DutyRoster{
		{Date: d("2024-03-01"), Staff: []string{"anna"}},
		{Date: d("2024-03-08"), Staff: []string{"bo"}},
		{Date: d("2024-03-15"), Staff: []string{"anna"}},
	}}
	report.Rota(os.Stdout, p, s, report.Labels{Units: map[string]string{"bou": "BoU"}, Marks: map[string]string{"senior": "*"}})
	// Output:
	//   2024-03-01  v.09   mot Anna L.
	//   2024-03-08  v.10   BoU Bo E.*
	//   2024-03-15  v.11   mot Anna L.
}
