package model_test

import (
	"context"
	"errors"
	"strconv"
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
		{"date classes", func(p *model.Problem) {
			d := model.MustDate("2024-01-05")
			p.Period.Classes = []model.DateClass{
				{ID: "unpopular", Dates: []model.Date{d, model.MustDate("2024-01-06"), d}},
				{ID: "unpopular"},
			}
		}, []string{
			`period.classes[0].dates[1] = "2024-01-06": is not a duty date`,
			`period.classes[0].dates[2] = "2024-01-05": repeats period.classes[0].dates[0]`,
			`period.classes[1].id = "unpopular": duplicates period.classes[0].id`,
			`period.classes[1].dates = 0: a class needs at least one duty date`,
		}},
		{"classes level without classes", func(p *model.Problem) {
			p.Rules.Objective = []model.LevelKind{model.LevelClasses, model.LevelRhythm}
		}, []string{`rules.objective[0] = "classes": there are no date classes`}},
		{"too many classes", func(p *model.Problem) {
			for i := range model.MaxClasses + 1 {
				p.Period.Classes = append(p.Period.Classes, model.DateClass{ID: strconv.Itoa(i), Dates: []model.Date{model.MustDate("2024-01-05")}})
			}
		}, []string{"period.classes = 17: 17 entries, more than the limit 16"}},
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
		{"pin on a later absence", func(p *model.Problem) {
			// The person's absences out of order, the one that covers
			// the pin neither first nor last, inside a longer one.
			p.Pins[0].Staff = "bo"
			p.Absences = []model.Absence{
				{Staff: "bo", First: model.MustDate("2024-02-20"), Last: model.MustDate("2024-02-21")},
				{Staff: "bo", First: model.MustDate("2024-01-02"), Last: model.MustDate("2024-01-20"), Kind: model.SickLeave},
				{Staff: "bo", First: model.MustDate("2024-01-03"), Last: model.MustDate("2024-01-04")},
			}
		}, []string{"pins[0].work", "absent (sick-leave)"}},
		{"too many windows", func(p *model.Problem) {
			p.Rules.Windows = make([]model.Window, model.MaxWindows+1)
		}, []string{"rules.windows = 17: 17 entries, more than the limit 16"}},
		{"too many unit minimums", func(p *model.Problem) {
			p.Rules.UnitMinimums = make([]model.UnitMinimum, model.MaxUnits+1)
		}, []string{"rules.unitMinimums = 1001"}},
		{"too many roles of a person", func(p *model.Problem) {
			p.Staff[0].Roles = make([]string, model.MaxRolesPerPerson+1)
		}, []string{"staff[0].roles = 101"}},
		{"too many coverage dates", func(p *model.Problem) {
			p.Rules.Coverage.Dates = make([]model.DateCount, model.MaxDutyDates+1)
		}, []string{"rules.coverage.dates = 1001"}},
		{"too many includes", func(p *model.Problem) {
			p.Period.Include = make([]model.Date, model.MaxPeriodDays+1)
		}, []string{"period.include = 3701"}},
		{"too long an ID", func(p *model.Problem) { p.Units[0].ID = strings.Repeat("u", 300) }, []string{"units[0].id", "300 bytes, longer than the limit 256"}},
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

// TestValidateCapsItsErrors: a million bad requests give MaxErrors errors
// and one that counts the rest, not a million.
func TestValidateCapsItsErrors(t *testing.T) {
	p := small()
	p.Requests = make([]model.Request, 100000)
	err := p.Validate()
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	require.Len(t, errs, model.MaxErrors+1)
	var last *model.FieldError
	require.ErrorAs(t, errs[model.MaxErrors], &last)
	require.Equal(t, "problem", last.Field)
	// Each request has 4 problems: unknown staff, date, kind and weight
	// (weight 0 is allowed, so 3).
	require.Equal(t, 3*100000-model.MaxErrors, last.Value)
	require.Less(t, len(err.Error()), 20000)
}

func TestValidateNil(t *testing.T) {
	var p *model.Problem
	var fe *model.FieldError
	require.ErrorAs(t, p.Validate(), &fe)
	require.Equal(t, "problem", fe.Field)
}

// TestValidateIsNearLinear validates the inputs that were quadratic: many
// pins against many absences, and many unit minimums against many staff.
// It asserts no time; BenchmarkValidateAtLimits measures it.
func TestValidateIsNearLinear(t *testing.T) {
	p := atLimits()
	require.NoError(t, p.Validate())
}

// atLimits is a valid problem with 20,000 staff, 10^5 work pins and
// 2*10^5 absences over 1,000 duty dates, and 1,000 unit minimums.
func atLimits() *model.Problem {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2027-10-31"),
			Weekdays: []model.Weekday{1, 2, 3, 4, 5}, KeepHolidays: true},
		Units: []model.Unit{{ID: "u"}},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: 100}},
	}
	dates := p.Period.DutyDates()[:model.MaxDutyDates]
	p.Period.End = dates[len(dates)-1]
	for i := range model.MaxStaff {
		p.Staff = append(p.Staff, model.Staff{ID: "s" + strconv.Itoa(i), Unit: "u"})
	}
	for i := range 100000 {
		s := p.Staff[i%model.MaxStaff].ID
		d := dates[(i/model.MaxStaff)*100+i%50]
		p.Pins = append(p.Pins, model.Pin{Staff: s, Date: d, Work: true})
	}
	for i := range model.MaxAbsences {
		s := p.Staff[i%model.MaxStaff].ID
		d := dates[600+(i/model.MaxStaff)*30]
		p.Absences = append(p.Absences, model.Absence{Staff: s, First: d, Last: d.AddDays(3)})
	}
	for range model.MaxUnits {
		p.Rules.UnitMinimums = append(p.Rules.UnitMinimums, model.UnitMinimum{Unit: "u", Min: 1})
	}
	return p
}

func BenchmarkValidateAtLimits(b *testing.B) {
	p := atLimits()
	b.ResetTimer()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLimits(t *testing.T) {
	p := small()
	p.Period.End = model.MustDate("2040-01-01")
	err := p.Validate()
	require.ErrorContains(t, err, "more than the limit")
}

func TestValidateContextStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, atLimits().ValidateContext(ctx), context.Canceled)
	require.NoError(t, small().ValidateContext(context.Background()))
}
