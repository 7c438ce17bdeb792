package model_test

import (
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// A plan that leaves a case without a worker and overloads a worker
// passes CheckCasesRelaxed only with both instances dropped.
func TestCheckCasesRelaxed(t *testing.T) {
	p := &model.CaseProblem{
		Date:     model.MustDate("2024-03-04"),
		Units:    []model.Unit{{ID: "vuxen"}},
		Staff:    []model.Staff{{ID: "a", Unit: "vuxen"}},
		Capacity: model.Capacity{Investigations: 1},
		Cases: []model.Case{
			{ID: "u1", Kind: model.Investigation, Unit: "vuxen", Group: "g"},
			{ID: "u2", Kind: model.Investigation, Unit: "vuxen", Group: "g"},
			{ID: "u3", Kind: model.Investigation, Unit: "vuxen"},
		},
	}
	require.NoError(t, p.Validate())
	plan := model.CaseFactsOf(p).Plan(p, model.Feasible, []int{0, 0, -1})
	worker := model.CaseRule{Kind: model.RuleCaseWorker, Case: "u3"}
	capacity := model.CaseRule{Kind: model.RuleCapacity, Staff: "a", Measure: model.MeasureInvestigations, Count: 1}
	other := model.CaseRule{Kind: model.RuleCaseWorker, Case: "u1"}
	kinds := func(vs []model.CaseViolation) []model.RuleKind {
		var out []model.RuleKind
		for _, v := range vs {
			out = append(out, v.Rule)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		dropped []model.CaseRule
		want    []model.RuleKind
	}{
		{"none", nil, []model.RuleKind{model.RuleCaseWorker, model.RuleCapacity}},
		{"the case", []model.CaseRule{worker}, []model.RuleKind{model.RuleCapacity}},
		{"the limit", []model.CaseRule{capacity}, []model.RuleKind{model.RuleCaseWorker}},
		{"both", []model.CaseRule{worker, capacity}, nil},
		{"another case", []model.CaseRule{other, capacity}, []model.RuleKind{model.RuleCaseWorker}},
		{"another limit", []model.CaseRule{worker, {Kind: model.RuleCapacity, Staff: "a", Measure: model.MeasureInvestigations, Count: 2}}, []model.RuleKind{model.RuleCapacity}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, kinds(model.CheckCasesRelaxed(p, plan, tc.dropped)))
		})
	}
	require.Equal(t, model.CheckCases(p, plan), model.CheckCasesRelaxed(p, plan, nil))

	// A split group passes only with the group dropped.
	p.Staff = append(p.Staff, model.Staff{ID: "b", Unit: "vuxen"})
	p.Capacity = model.Capacity{}
	split := model.CaseFactsOf(p).Plan(p, model.Feasible, []int{0, 1, 1})
	require.Equal(t, []model.RuleKind{model.RuleCaseGroup}, kinds(model.CheckCases(p, split)))
	require.Equal(t, []model.RuleKind{model.RuleCaseGroup}, kinds(model.CheckCasesRelaxed(p, split, []model.CaseRule{{Kind: model.RuleCaseGroup, Group: "h"}})))
	require.Empty(t, model.CheckCasesRelaxed(p, split, []model.CaseRule{{Kind: model.RuleCaseGroup, Group: "g"}}))
}
