package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// smallOffice is a valid caseload problem the table tests break one field
// at a time.
func smallOffice() *model.CaseProblem {
	return &model.CaseProblem{
		Date:     model.MustDate("2024-03-04"),
		Units:    []model.Unit{{ID: "vuxen"}, {ID: "barn"}},
		Roles:    []model.Role{{ID: "ensamkommande"}},
		Staff:    []model.Staff{{ID: "a", Unit: "vuxen"}, {ID: "b", Unit: "barn", Roles: []string{"ensamkommande"}}},
		Capacity: model.Capacity{Investigations: 10, Weight: 30, DutyReduction: 3},
		OnDuty:   []string{"a"},
		Cases: []model.Case{
			{ID: "1", Kind: model.Investigation, Unit: "vuxen", Opened: model.MustDate("2024-01-10"), Worker: "a"},
			{ID: "2", Kind: model.FollowUp, Unit: "barn", Roles: []string{"ensamkommande"}, Affinity: []model.Affinity{{Staff: "b", Cost: 2}}},
		},
	}
}

func TestCaseProblemValidate(t *testing.T) {
	require.NoError(t, smallOffice().Validate())
	for _, tc := range []struct {
		name, field string
		edit        func(p *model.CaseProblem)
	}{
		{"no date", "date", func(p *model.CaseProblem) { p.Date = model.Date{} }},
		{"unknown unit", "cases[0].unit", func(p *model.CaseProblem) { p.Cases[0].Unit = "vux" }},
		{"bad kind", "cases[0].kind", func(p *model.CaseProblem) { p.Cases[0].Kind = "utredning" }},
		{"duplicate case", "cases[1].id", func(p *model.CaseProblem) { p.Cases[1].ID = "1" }},
		{"heavy", "cases[0].weight", func(p *model.CaseProblem) { p.Cases[0].Weight = model.MaxCaseWeight + 1 }},
		{"deadline before opened", "cases[0].deadline", func(p *model.CaseProblem) { p.Cases[0].Deadline = model.MustDate("2024-01-01") }},
		{"deadline of a follow-up", "cases[1].deadline", func(p *model.CaseProblem) { p.Cases[1].Deadline = model.MustDate("2024-05-01") }},
		{"opened later", "cases[0].opened", func(p *model.CaseProblem) { p.Cases[0].Opened = model.MustDate("2024-04-01") }},
		{"unknown worker", "cases[0].worker", func(p *model.CaseProblem) { p.Cases[0].Worker = "z" }},
		{"unknown role", "cases[1].roles[0]", func(p *model.CaseProblem) { p.Cases[1].Roles = []string{"x"} }},
		{"affinity staff", "cases[1].affinity[0].staff", func(p *model.CaseProblem) { p.Cases[1].Affinity[0].Staff = "z" }},
		{"affinity cost", "cases[1].affinity[0].cost", func(p *model.CaseProblem) { p.Cases[1].Affinity[0].Cost = -1 }},
		{"negative capacity", "capacity.investigations", func(p *model.CaseProblem) { p.Capacity.Investigations = -1 }},
		{"reduction without weight", "capacity.dutyReduction", func(p *model.CaseProblem) { p.Capacity.Weight = 0 }},
		{"capacities staff", "capacities[0].staff", func(p *model.CaseProblem) {
			p.Capacities = []model.StaffCapacity{{Staff: "z"}}
		}},
		{"capacities twice", "capacities[1].staff", func(p *model.CaseProblem) {
			p.Capacities = []model.StaffCapacity{{Staff: "a"}, {Staff: "a"}}
		}},
		{"on duty unknown", "onDuty[0]", func(p *model.CaseProblem) { p.OnDuty = []string{"z"} }},
		{"objective", "objective[0]", func(p *model.CaseProblem) { p.Objective = []model.LevelKind{model.LevelFairness} }},
		{"objective twice", "objective[1]", func(p *model.CaseProblem) {
			p.Objective = []model.LevelKind{model.LevelMoves, model.LevelMoves}
		}},
		{"long leave", "longLeaveDays", func(p *model.CaseProblem) { p.LongLeaveDays = -2 }},
		{"staff unit", "staff[0].unit", func(p *model.CaseProblem) { p.Staff[0].Unit = "x" }},
		{"absence staff", "absences[0].staff", func(p *model.CaseProblem) {
			p.Absences = []model.Absence{{Staff: "z", First: p.Date, Last: p.Date}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := smallOffice()
			tc.edit(p)
			err := p.Validate()
			require.Error(t, err)
			var fe *model.FieldError
			require.True(t, errors.As(err, &fe))
			require.Contains(t, err.Error(), tc.field+" = ", "want the field named")
		})
	}
	var nilProblem *model.CaseProblem
	require.Error(t, nilProblem.Validate())
}

// TestCaseProblemLimits: a million bad cases give at most MaxErrors
// errors and one that counts the rest; a list past its limit is one
// error.
func TestCaseProblemLimits(t *testing.T) {
	p := smallOffice()
	p.Cases = make([]model.Case, model.MaxCases)
	for i := range p.Cases {
		p.Cases[i] = model.Case{ID: "c", Kind: "bad"}
	}
	err := p.Validate()
	require.Error(t, err)
	require.LessOrEqual(t, strings.Count(err.Error(), "\n")+1, model.MaxErrors+1)
	require.Contains(t, err.Error(), "more problems are not listed")
	p.Cases = make([]model.Case, model.MaxCases+1)
	require.ErrorContains(t, p.Validate(), "more than the limit")
}

func TestDecodeCaseProblemStrict(t *testing.T) {
	_, err := model.DecodeCaseProblem(strings.NewReader(`{"date":"2024-03-04","staff":[],"cases":[{"id":"1","kind":"investigation","wieght":2}]}`))
	require.ErrorContains(t, err, "wieght")
	p, err := model.DecodeCaseProblem(strings.NewReader(`{"date":"2024-03-04","staff":[{"id":"a"}],"cases":[{"id":"1","kind":"investigation"}]}`))
	require.NoError(t, err)
	require.NoError(t, p.Validate())
}

func FuzzDecodeCaseProblem(f *testing.F) {
	f.Add(`{"date":"2024-03-04","staff":[{"id":"a"}],"cases":[{"id":"1","kind":"investigation","worker":"a"}]}`)
	f.Add(`{"date":"2024-03-04","staff":[{"id":"a","percent":50}],"capacity":{"weight":3,"dutyReduction":1},"onDuty":["a"],"cases":[{"id":"1","kind":"other","weight":4}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := model.DecodeCaseProblem(strings.NewReader(s))
		if err != nil {
			return
		}
		if p.Validate() != nil {
			return
		}
		// A valid problem with an empty plan: the checker names what is
		// missing and never panics.
		plan := &model.CasePlan{Status: model.Feasible}
		_ = model.CheckCases(p, plan)
	})
}
