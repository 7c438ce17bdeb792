package model_test

import (
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestViolationBreaks checks which rule instances each violation names,
// and that CheckRelaxed excuses a violation exactly when every instance
// it breaks is dropped.
func TestViolationBreaks(t *testing.T) {
	p, s := rotaProblem(), rotaSchedule()
	// apr12 with bo alone: one short of coverage, no senior missing (bo is
	// one); dan pinned off on mar08 but on duty there.
	reroster(p, s, apr12, "bo")
	p.Pins = append(p.Pins, model.Pin{Staff: "dan", Date: mar08, Work: false})
	vs := model.Check(p, s)
	var rules []model.Rule
	for _, v := range vs {
		rules = append(rules, v.Breaks...)
	}
	cover := model.Rule{Kind: model.RuleCoverage, Date: apr12, Count: 2}
	pin := model.Rule{Kind: model.RulePin, Staff: "dan", Date: mar08}
	assert.Contains(t, rules, cover)
	assert.Contains(t, rules, pin)

	rest := model.CheckRelaxed(p, s, []model.Rule{cover})
	for _, v := range rest {
		assert.NotContains(t, v.Breaks, cover, "an excused violation stays: %v", v)
	}
	all := model.CheckRelaxed(p, s, rules)
	for _, v := range all {
		assert.Empty(t, v.Breaks, "only violations that break no instance are left: %v", v)
	}
	assert.Less(t, len(all), len(vs))

	// Too many on a date breaks the "at most" grades from the demand up.
	p, s = rotaProblem(), rotaSchedule()
	reroster(p, s, mar22, "anna", "eva", "finn", "dan")
	var over []model.Rule
	for _, v := range model.Check(p, s) {
		if v.Rule == model.RuleCoverage {
			over = v.Breaks
		}
	}
	require.Equal(t, []model.Rule{
		{Kind: model.RuleCoverageMax, Date: mar22, Count: 2},
		{Kind: model.RuleCoverageMax, Date: mar22, Count: 3},
	}, over)
}

func TestRuleString(t *testing.T) {
	cases := []struct {
		r    model.Rule
		want string
	}{
		{model.Rule{Kind: model.RuleCoverage, Date: mar08, Count: 2}, "at least 2 people on duty on 2024-03-08"},
		{model.Rule{Kind: model.RuleCoverageMax, Date: mar08, Count: 1}, "at most 1 person on duty on 2024-03-08"},
		{model.Rule{Kind: model.RuleUnitMinimum, Date: mar08, Unit: "north", Count: 1}, `at least 1 of unit "north" on duty on 2024-03-08`},
		{model.Rule{Kind: model.RuleRoleMinimum, Date: mar08, Role: "senior", Count: 2}, `at least 2 holding role "senior" on duty on 2024-03-08`},
		{model.Rule{Kind: model.RuleSpacing, Staff: "anna"}, `the spacing of "anna"`},
		{model.Rule{Kind: model.RuleWindow, Staff: "anna", Window: 1}, `window 2 (rules.windows[1]) for "anna"`},
		{model.Rule{Kind: model.RulePin, Staff: "anna", Date: mar08, Work: true}, `"anna" is pinned to work on 2024-03-08`},
		{model.Rule{Kind: model.RulePin, Staff: "anna", Date: mar08}, `"anna" is pinned off on 2024-03-08`},
		{model.Rule{Kind: "made-up"}, `rule "made-up"`},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.r.String())
	}
}

func TestValidateObjective(t *testing.T) {
	cases := []struct {
		name  string
		order []model.LevelKind
		off   bool
		want  string // a field the error names, "" for none
	}{
		{"default", nil, false, ""},
		{"requests first", []model.LevelKind{model.LevelRequests, model.LevelFairness}, false, ""},
		{"requests alone", []model.LevelKind{model.LevelRequests}, true, ""},
		{"unknown level", []model.LevelKind{"beauty"}, false, "rules.objective[0]"},
		{"twice", []model.LevelKind{model.LevelRequests, model.LevelRequests}, false, "rules.objective[1]"},
		{"fairness while off", []model.LevelKind{model.LevelFairness}, true, "rules.objective[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := rotaProblem()
			p.Rules.Objective, p.Rules.Fairness.Off = c.order, c.off
			err := p.Validate()
			if c.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, c.want)
		})
	}
	p := rotaProblem()
	assert.Equal(t, []model.LevelKind{model.LevelFairness, model.LevelRequests}, p.Levels())
	p.Rules.Fairness.Off = true
	assert.Equal(t, []model.LevelKind{model.LevelRequests}, p.Levels())
}
