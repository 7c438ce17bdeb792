package caseload

import (
	"context"
	"testing"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// hardTeam is the team of the 300 x 5,000 office (seed 1) whose balance
// SAT alone took 20 s to prove: its cases alone, with the whole staff.
func hardTeam(t *testing.T) *model.CaseProblem {
	t.Helper()
	p, err := gen.CaseOffice(gen.CasesL, 1)
	require.NoError(t, err)
	sub := *p
	sub.Cases = nil
	for _, cs := range p.Cases {
		if cs.Unit == "mottagning-2" {
			sub.Cases = append(sub.Cases, cs)
		}
	}
	sub.Objective = []model.LevelKind{model.LevelMoves, model.LevelBalance}
	require.NoError(t, sub.Validate())
	return &sub
}

// TestRelaxationCountsBothMeasures: the flows bound each measure on its
// own (5 in all); the relaxation counts a case in its kind and its
// points at once, and its bound is the optimum, 10 (CBC agrees).
func TestRelaxationCountsBothMeasures(t *testing.T) {
	p := hardTeam(t)
	f := model.CaseFactsOf(p)
	fixed, moves := movesBound(p, f)
	require.Equal(t, 14, moves, "the moves bound is the optimum here")
	ctx := context.Background()
	flows := balanceCut(ctx, p, f, moves-fixed, func(b int) [][3]int { return dCuts(ctx, p, f, b) })
	rx, ok := solveRelaxation(ctx, p, f, model.LevelBalance, []model.LevelKind{model.LevelMoves}, []int{moves})
	require.True(t, ok)
	require.Less(t, flows, 10)
	require.Equal(t, 10, rx.bound)
	// Its rounding is a deviation per measure that adds up to the bound.
	d := roundTo(rx.dev, rx.bound)
	require.Equal(t, 10, d[0][0]+d[0][1]+d[0][2])

	plan, err := Assign(ctx, p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, plan.Status)
	require.Equal(t, 10, plan.Objective.Balance)
	require.Empty(t, model.CheckCases(p, plan))
}

// TestRelaxationRefusesWhatItCannotBound: a problem past relaxationRows
// is not built.
func TestRelaxationRefusesWhatItCannotBound(t *testing.T) {
	big, err := gen.CaseOffice(gen.CasesL, 1)
	require.NoError(t, err)
	_, ok := newRelaxation(big, model.CaseFactsOf(big), model.LevelBalance, nil, nil)
	require.False(t, ok)
}

func TestRoundTo(t *testing.T) {
	tests := []struct {
		dev   [][3]float64
		total int
		want  [][3]int
	}{
		{[][3]float64{{2, 1, 6.67}}, 10, [][3]int{{2, 1, 7}}},
		{[][3]float64{{0.5, 0.25, 0.75}}, 2, [][3]int{{1, 0, 1}}},
		{[][3]float64{{1.9999999, 3, 0}}, 5, [][3]int{{2, 3, 0}}},
		{[][3]float64{{1, 1, 1}, {0.5, 0, 0}}, 5, [][3]int{{1, 1, 1}, {1, 0, 0}}},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, roundTo(tc.dev, tc.total), "%v to %d", tc.dev, tc.total)
	}
}

// TestRelaxationCountsKeptCasesOnce: a worker on long leave keeps a
// group of two cases, each costing 5 with them; the affinity is 10 in
// every plan, and the relaxation's bound must not count the kept cases
// twice (once as a group's variable, once as kept).
func TestRelaxationCountsKeptCasesOnce(t *testing.T) {
	p := &model.CaseProblem{
		Date:     model.MustDate("2024-03-04"),
		Units:    []model.Unit{{ID: "vuxen"}},
		Staff:    []model.Staff{{ID: "a", Unit: "vuxen"}, {ID: "b", Unit: "vuxen"}, {ID: "c", Unit: "vuxen"}},
		Absences: []model.Absence{{Staff: "a", First: model.MustDate("2024-02-01"), Last: model.MustDate("2024-05-01")}},
		Cases: []model.Case{
			{ID: "1", Kind: model.FollowUp, Unit: "vuxen", Group: "g", Worker: "a", Affinity: []model.Affinity{{Staff: "a", Cost: 5}}},
			{ID: "2", Kind: model.FollowUp, Unit: "vuxen", Group: "g", Worker: "a", Affinity: []model.Affinity{{Staff: "a", Cost: 5}}},
			{ID: "3", Kind: model.Investigation, Unit: "vuxen", Affinity: []model.Affinity{{Staff: "b", Cost: 1}}},
			{ID: "4", Kind: model.Investigation, Unit: "vuxen", Worker: "b"},
		},
		Objective: []model.LevelKind{model.LevelAffinity},
	}
	require.NoError(t, p.Validate())
	f := model.CaseFactsOf(p)
	require.True(t, f.Kept[0] && f.Kept[1])
	rx, ok := solveRelaxation(context.Background(), p, f, model.LevelAffinity, nil, nil)
	require.True(t, ok)
	require.Equal(t, 10, rx.bound)
	plan, err := Assign(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, plan.Status)
	require.Equal(t, 10, plan.Objective.Affinity)
}
