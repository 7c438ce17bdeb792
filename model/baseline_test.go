package model_test

import (
	"strings"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// published is small()'s rota as an office might have published it: two
// a Friday, bo away in the week of 2024-01-08.
func published() *model.Baseline {
	d := model.MustDate
	return &model.Baseline{Dates: []model.DutyRoster{
		{Date: d("2024-01-05"), Staff: []string{"anna", "bo"}},
		{Date: d("2024-01-12"), Staff: []string{"cilla", "dan"}},
		{Date: d("2024-01-19"), Staff: []string{"anna", "bo"}},
	}}
}

func TestValidateBaseline(t *testing.T) {
	d := model.MustDate
	p := small()
	p.Baseline = published()
	p.Baseline.FrozenUntil = d("2024-01-12")
	require.NoError(t, p.Validate())
	tests := []struct {
		name   string
		change func(b *model.Baseline, p *model.Problem)
		want   []string
	}{
		{"not a duty date", func(b *model.Baseline, _ *model.Problem) { b.Dates[2].Date = d("2024-01-20") },
			[]string{`baseline.dates[2].date = "2024-01-20": is not a duty date`}},
		{"date twice", func(b *model.Baseline, _ *model.Problem) { b.Dates[2].Date = d("2024-01-05") },
			[]string{`baseline.dates[2].date = "2024-01-05": baseline.dates[0] already has this date`}},
		{"unknown staff", func(b *model.Baseline, _ *model.Problem) { b.Dates[2].Staff[1] = "olle" },
			[]string{`baseline.dates[2].staff[1] = "olle": unknown staff`}},
		{"listed twice", func(b *model.Baseline, _ *model.Problem) { b.Dates[2].Staff[1] = "anna" },
			[]string{`baseline.dates[2].staff[1] = "anna": listed twice on 2024-01-19`}},
		{"frozen roster with someone away", func(b *model.Baseline, _ *model.Problem) { b.Dates[1].Staff[0] = "bo" },
			[]string{`baseline.dates[1].staff[0] = "bo": "bo" is on the frozen roster of 2024-01-12 but cannot work it: absent (vacation)`}},
		{"frozen date without a roster", func(b *model.Baseline, _ *model.Problem) { b.Dates = b.Dates[1:] },
			[]string{`baseline.frozenUntil = "2024-01-12": duty date 2024-01-05 is frozen but has no published roster`}},
		{"bad near weights", func(b *model.Baseline, _ *model.Problem) { b.Near = []model.NearWeight{{Days: -1, Weight: 0}} },
			[]string{"baseline.near[0].days = -1", "baseline.near[0].weight = 0"}},
		{"pin against a frozen roster", func(_ *model.Baseline, p *model.Problem) {
			p.Pins = []model.Pin{{Staff: "anna", Date: d("2024-01-12"), Work: true}, {Staff: "bo", Date: d("2024-01-05")}}
		}, []string{`pins[0].work = true: "anna" is pinned to work on 2024-01-12, a frozen date`, `pins[1].work = false: "bo" is pinned off on 2024-01-05, a frozen date`}},
		{"changes without a baseline", func(_ *model.Baseline, p *model.Problem) {
			p.Baseline = nil
			p.Rules.Objective = []model.LevelKind{model.LevelChanges}
		}, []string{`rules.objective[0] = "changes": there is no baseline`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := small()
			p.Baseline = published()
			p.Baseline.FrozenUntil = d("2024-01-12")
			tc.change(p.Baseline, p)
			err := p.Validate()
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestLevelsWithBaseline(t *testing.T) {
	p := small()
	assert.Equal(t, []model.LevelKind{model.LevelFairness, model.LevelRequests}, p.Levels())
	p.Baseline = published()
	assert.Equal(t, []model.LevelKind{model.LevelChanges, model.LevelFairness, model.LevelRequests}, p.Levels())
	p.Rules.Fairness.Off = true
	assert.Equal(t, []model.LevelKind{model.LevelChanges, model.LevelRequests}, p.Levels())
	p.Rules.Fairness.Off = false
	p.Rules.Rhythm.On = true
	p.Period.Classes = []model.DateClass{{ID: "unpopular", Dates: []model.Date{model.MustDate("2024-01-05")}}}
	assert.Equal(t, []model.LevelKind{model.LevelChanges, model.LevelFairness, model.LevelClasses, model.LevelRhythm, model.LevelRequests}, p.Levels(),
		"classes and rhythm come after fairness, before requests")
}

func TestChangeWeight(t *testing.T) {
	d := model.MustDate
	b := &model.Baseline{FrozenUntil: d("2024-01-07"), Near: []model.NearWeight{{Days: 7, Weight: 5}, {Days: 14, Weight: 2}}}
	start := d("2024-01-01")
	for _, c := range []struct {
		date model.Date
		want int
	}{{d("2024-01-05"), 0}, {d("2024-01-07"), 0}, {d("2024-01-12"), 5}, {d("2024-01-14"), 5}, {d("2024-01-19"), 2}, {d("2024-01-26"), 1}} {
		assert.Equal(t, c.want, b.ChangeWeight(c.date, start), "%s", c.date)
	}
	b.FrozenUntil = model.Date{}
	assert.Equal(t, 5, b.ChangeWeight(d("2024-01-05"), start), "counted from the day before the period")
	assert.Equal(t, 2, b.ChangeWeight(d("2024-01-12"), start))
}

// replanned is rotaProblem re-planned: its rota published and frozen up
// to 2024-03-15, with the levels of a re-plan.
func replanned() (*model.Problem, *model.Schedule) {
	p, s := rotaProblem(), rotaSchedule()
	p.Baseline = s.Baseline(mar15)
	s.Objective.Levels = append([]model.Level{{Kind: model.LevelChanges}}, s.Objective.Levels...)
	return p, s
}

func TestCheckBaseline(t *testing.T) {
	p, s := replanned()
	require.Empty(t, runCheck(t, p, s))

	// A frozen date changed.
	p, s = replanned()
	reroster(p, s, mar08, "anna", "eva")
	s.Objective.RequestCost, s.Objective.Levels[2] = 1, model.Level{Kind: model.LevelRequests, Value: 1, Bound: 1}
	vs := runCheck(t, p, s)
	require.Len(t, vs, 1)
	assert.Equal(t, model.RuleFrozen, vs[0].Rule)
	assert.Equal(t, []model.Rule{{Kind: model.RuleFrozen, Date: mar08}}, vs[0].Breaks)
	assert.Contains(t, vs[0].Msg, "adds eva and drops dan of its published roster")

	// A later date changed: two changes, misreported and then reported.
	p, s = replanned()
	reroster(p, s, apr12, "anna", "bo")
	s.Status = model.Feasible
	s.Staff[0].Total, s.Staff[3].Total = 3, 1
	s.Objective.Deviation, s.Objective.Levels[1] = 1, model.Level{Kind: model.LevelFairness, Value: 1}
	vs = runCheck(t, p, s)
	require.Len(t, vs, 2)
	assert.Contains(t, vs[0].Msg, "Changes is reported as 0, but the changes from the published rota cost 2")
	assert.Contains(t, vs[1].Msg, `level "changes" has value 0, but the schedule's is 2`)
	s.Objective.Changes, s.Objective.Levels[0] = 2, model.Level{Kind: model.LevelChanges, Value: 2, Bound: 2}
	assert.Empty(t, runCheck(t, p, s))

	// Near the freeze a change costs more.
	p.Baseline.Near = []model.NearWeight{{Days: 30, Weight: 4}}
	vs = runCheck(t, p, s)
	require.NotEmpty(t, vs)
	assert.Contains(t, vs[0].Msg, "cost 8")
}

func TestCompare(t *testing.T) {
	p := small()
	p.Staff[0].Name, p.Staff[3].Name = "Anna A.", "Dan D."
	p.Absences = append(p.Absences, model.Absence{Staff: "anna", First: model.MustDate("2024-01-19"), Last: model.MustDate("2024-01-19"), Kind: model.SickLeave})
	s := &model.Schedule{Status: model.Optimal, Dates: []model.DutyRoster{
		{Date: model.MustDate("2024-01-05"), Staff: []string{"anna", "bo"}},
		{Date: model.MustDate("2024-01-12"), Staff: []string{"eva", "cilla"}},
		{Date: model.MustDate("2024-01-19"), Staff: []string{"dan", "eva"}},
	}}
	diff := model.Compare(p, published().Dates, s)
	assert.Equal(t, 6, diff.Changes())
	assert.Equal(t, strings.Join([]string{
		"2024-01-12: Dan D. is off, eva takes the duty",
		"2024-01-19: Anna A. (sick) and bo are off, Dan D. and eva take the duty",
	}, "\n"), diff.String())
	require.Len(t, diff.Dates, 2)
	assert.Equal(t, model.Move{Staff: "anna", Name: "Anna A.", Why: "sick"}, diff.Dates[1].Off[0])
	assert.Equal(t, "no changes", model.Compare(p, s.Dates, s).String())
	one := model.Compare(p, published().Dates[2:], &model.Schedule{Dates: []model.DutyRoster{{Date: model.MustDate("2024-01-19"), Staff: []string{"dan", "bo"}}}})
	assert.Equal(t, "2024-01-19: Anna A. is off (sick), Dan D. takes the duty", one.String())
}

func TestCarryHistory(t *testing.T) {
	p, s := rotaProblem(), rotaSchedule()
	p.Staff[3].History = model.History{Duties: 1, Dates: 10}
	next, err := model.CarryHistory(p, s)
	require.NoError(t, err)
	require.Len(t, next, len(p.Staff))
	// anna: 2 duties on 5 available dates; dan adds to his history; gus
	// is never available on a Friday.
	assert.Equal(t, model.History{Duties: 2, Dates: 5}, next[0].History)
	assert.Equal(t, model.History{Duties: 3, Dates: 15}, next[3].History)
	assert.Equal(t, model.History{Duties: 1, Dates: 4}, next[4].History)
	assert.Equal(t, model.History{}, next[6].History)
	assert.Equal(t, model.History{Duties: 1, Dates: 10}, p.Staff[3].History, "p is left alone")
	next[0].Roles[0] = "changed"
	assert.Equal(t, "senior", p.Staff[0].Roles[0], "the copies share no slices with p")

	_, err = model.CarryHistory(p, &model.Schedule{Status: model.Infeasible})
	assert.ErrorContains(t, err, "has no rota")
	s.Dates[0].Staff = []string{"olle"}
	_, err = model.CarryHistory(p, s)
	assert.ErrorContains(t, err, `"olle" is on duty but not among the problem's staff`)
}
