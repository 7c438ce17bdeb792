package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// small is a valid problem that each case below breaks in one way.
func small() *model.Problem {
	return &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2024-02-29")},
		Units:  []model.Unit{{ID: "mottagning"}, {ID: "bou"}},
		Roles:  []model.Role{{ID: "senior"}},
		Staff: []model.Staff{
			{ID: "anna", Unit: "mottagning", Roles: []string{"senior"}},
			{ID: "bo", Unit: "bou"},
			{ID: "cilla", Unit: "bou"},
			{ID: "dan", Unit: "mottagning"},
			{ID: "eva"},
		},
		Absences: []model.Absence{{Staff: "bo", First: model.MustDate("2024-01-08"), Last: model.MustDate("2024-01-14"), Kind: model.Vacation}},
		Rules: model.Rules{
			Coverage:     model.Coverage{PerDate: 2},
			UnitMinimums: []model.UnitMinimum{{Unit: "bou", Min: 1}},
			RoleMinimums: []model.RoleMinimum{{Role: "senior", Min: 1}},
			Spacing:      model.Spacing{Weeks: 2},
		},
		Requests: []model.Request{{Staff: "eva", Date: model.MustDate("2024-01-05"), Kind: model.Avoid, Weight: 2}},
		Pins:     []model.Pin{{Staff: "dan", Date: model.MustDate("2024-01-12"), Work: true}},
	}
}

func TestValidate(t *testing.T) {
	require.NoError(t, small().Validate())
	tests := []struct {
		name   string
		change func(p *model.Problem)
		want   []string // each a substring of one reported error
	}{
		{"no period", func(p *model.Problem) { p.Period = model.Period{} }, []string{"period.start", "period.end"}},
		{"end before start", func(p *model.Problem) { p.Period.End = model.MustDate("2023-12-01") }, []string{`period.end = "2023-12-01": is before period.start`}},
		{"no duty dates", func(p *model.Problem) {
			p.Period.End = model.MustDate("2024-01-02")
			p.Requests, p.Pins, p.Absences = nil, nil, nil
		}, []string{"has no duty dates"}},
		{"duplicate staff", func(p *model.Problem) { p.Staff[1].ID = "anna" }, []string{`staff[1].id = "anna": duplicates staff[0].id`}},
		{"unknown unit and role", func(p *model.Problem) {
			p.Staff[0].Unit = "nowhere"
			p.Staff[1].Roles = []string{"chief"}
		}, []string{`staff[0].unit = "nowhere": unknown unit`, `staff[1].roles[0] = "chief": unknown role`}},
		{"absence ends before it starts", func(p *model.Problem) { p.Absences[0].Last = model.MustDate("2024-01-01") }, []string{"absences[0].last", "ends before"}},
		{"absence outside the period", func(p *model.Problem) {
			p.Absences[0].First, p.Absences[0].Last = model.MustDate("2025-01-01"), model.MustDate("2025-01-05")
		}, []string{"absences[0].first", "outside the period"}},
		{"absence of unknown staff", func(p *model.Problem) { p.Absences[0].Staff = "zed" }, []string{`absences[0].staff = "zed": unknown staff`}},
		{"bad absence kind", func(p *model.Problem) { p.Absences[0].Kind = "holiday" }, []string{"absences[0].kind"}},
		{"negative coverage", func(p *model.Problem) { p.Rules.Coverage.PerDate = -1 }, []string{"rules.coverage.perDate = -1"}},
		{"more per date than staff", func(p *model.Problem) { p.Rules.Coverage.PerDate = 6 }, []string{"rules.coverage.perDate = 6: more people per duty date than the 5 staff"}},
		{"coverage on a non-duty date", func(p *model.Problem) {
			p.Rules.Coverage.Dates = []model.DateCount{{Date: model.MustDate("2024-01-03"), Count: 1}}
		}, []string{`rules.coverage.dates[0].date = "2024-01-03": is not a duty date`}},
		{"unit minimum larger than unit", func(p *model.Problem) { p.Rules.UnitMinimums[0].Min = 3 }, []string{`unit "bou" has only 2 staff`}},
		{"unknown unit in minimum", func(p *model.Problem) { p.Rules.UnitMinimums[0].Unit = "x" }, []string{`rules.unitMinimums[0].unit = "x": unknown unit`}},
		{"role minimum larger than holders", func(p *model.Problem) { p.Rules.RoleMinimums[0].Min = 2 }, []string{`only 1 staff hold role "senior"`}},
		{"negative spacing", func(p *model.Problem) { p.Rules.Spacing.Weeks = -2 }, []string{"rules.spacing.weeks = -2"}},
		{"empty window", func(p *model.Problem) { p.Rules.Windows = []model.Window{{Weeks: 0, Max: -1}} }, []string{"rules.windows[0].weeks = 0", "rules.windows[0].max = -1"}},
		{"percent out of range", func(p *model.Problem) { p.Staff[2].Percent = 120 }, []string{"staff[2].percent = 120"}},
		{"negative history", func(p *model.Problem) { p.Staff[2].History.Duties = -1 }, []string{"staff[2].history.duties = -1"}},
		{"employment ends before start", func(p *model.Problem) {
			p.Staff[3].Start, p.Staff[3].End = model.MustDate("2024-02-01"), model.MustDate("2024-01-01")
		}, []string{"staff[3].end", "ends before it starts"}},
		{"request on a non-duty date", func(p *model.Problem) { p.Requests[0].Date = model.MustDate("2024-01-04") }, []string{"requests[0].date"}},
		{"request kind and weight", func(p *model.Problem) {
			p.Requests[0].Kind = "maybe"
			p.Requests[0].Weight = -3
		}, []string{"requests[0].kind", "requests[0].weight = -3"}},
		{"pin on an absence", func(p *model.Problem) { p.Pins[0].Staff = "bo" }, []string{"pins[0].work", "absent"}},
		{"pin twice", func(p *model.Problem) { p.Pins = append(p.Pins, p.Pins[0]) }, []string{"pins[1].date", "already pins"}},
		{"no staff", func(p *model.Problem) {
			p.Staff = nil
			p.Absences, p.Requests, p.Pins = nil, nil, nil
			p.Rules = model.Rules{}
		}, []string{"no staff"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := small()
			tc.change(p)
			err := p.Validate()
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			// Every reported problem is a *FieldError naming a field.
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var fe *model.FieldError
				require.True(t, errors.As(e, &fe), "%v", e)
				require.NotEmpty(t, fe.Field)
			}
		})
	}
}

// TestValidateReportsEverything breaks many things at once: every one is
// reported, not only the first.
func TestValidateReportsEverything(t *testing.T) {
	p := small()
	p.Staff[0].Unit = "x"
	p.Staff[1].Percent = -1
	p.Rules.Spacing.Weeks = -1
	p.Requests[0].Staff = "nobody"
	err := p.Validate()
	require.Error(t, err)
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 4)
	require.Equal(t, 4, strings.Count(err.Error(), "\n")+1)
}

func TestLimits(t *testing.T) {
	p := small()
	p.Period.End = model.MustDate("2040-01-01")
	err := p.Validate()
	require.ErrorContains(t, err, "more than the limit")
}
