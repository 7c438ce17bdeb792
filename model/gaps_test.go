package model_test

import (
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateUnitMaximumsAndGap(t *testing.T) {
	p := small()
	p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: "bou", Max: 1}}
	p.Rules.MaxGap = model.MaxGap{Weeks: 4}
	require.NoError(t, p.Validate())
	p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: "nowhere", Max: -1}}
	p.Rules.MaxGap = model.MaxGap{Weeks: -2}
	err := p.Validate()
	require.Error(t, err)
	for _, want := range []string{`rules.unitMaximums[0].unit = "nowhere": unknown unit`, "rules.unitMaximums[0].max = -1", "rules.maxGap.weeks = -2"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestCheckUnitMaximum(t *testing.T) {
	p, s := rotaProblem(), rotaSchedule()
	// mar15 has bo and cia: north and south, one each.
	p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: "north", Max: 1}, {Unit: "south", Max: 2}}
	require.Empty(t, runCheck(t, p, s))
	p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: "south", Max: 0}, {Unit: "south", Max: 3}}
	vs := runCheck(t, p, s)
	require.NotEmpty(t, vs)
	assert.Equal(t, model.RuleUnitMaximum, vs[0].Rule)
	assert.Equal(t, []model.Rule{{Kind: model.RuleUnitMaximum, Date: mar08, Unit: "south", Count: 0}}, vs[0].Breaks)
	assert.Contains(t, vs[0].Msg, `2024-03-08 has 1 person of unit "south" on duty, want at most 0`)
}

func TestCheckMaxGap(t *testing.T) {
	p, s := rotaProblem(), rotaSchedule()
	// Runs of available Fridays without a duty, in days from first to
	// last (Långfredagen, 2024-03-29, is no duty date but its week
	// counts): dan mar15 to apr05, 21 days; bo mar22 to apr05, 14 days;
	// cia, anna, eva and finn none longer than 7. gus is never available.
	for _, c := range []struct {
		weeks int
		who   []string
	}{{5, nil}, {4, []string{"dan"}}, {3, []string{"bo", "dan"}}} {
		p.Rules.MaxGap = model.MaxGap{Weeks: c.weeks}
		var who []string
		for _, v := range runCheck(t, p, s) {
			require.Equal(t, model.RuleMaxGap, v.Rule)
			require.Equal(t, []model.Rule{{Kind: model.RuleMaxGap, Staff: v.Staff}}, v.Breaks)
			who = append(who, v.Staff)
		}
		assert.Equal(t, c.who, who, "max gap %d weeks", c.weeks)
	}
}
