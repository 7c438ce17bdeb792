package peer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
)

func needCBC(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed")
	}
}

// smallOffice is a generated office of 8 workers and 40 cases, half of
// them new.
func smallOffice(t *testing.T, seed int64) *model.CaseProblem {
	t.Helper()
	p, err := gen.CaseOffice(gen.CaseSpec{Workers: 8, Cases: 40, New: 20}, seed)
	require.NoError(t, err)
	return p
}

func levelValues(plan *model.CasePlan) []int {
	var out []int
	for _, l := range plan.Objective.Levels {
		out = append(out, l.Value)
	}
	return out
}

// sameLevels solves p with both CaseCBC and caseload.Assign and requires
// two optimal plans that pass CheckCases and agree on every level, or
// two infeasible ones; it returns the status.
func sameLevels(t *testing.T, p *model.CaseProblem) model.Status {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	want, err := caseload.Assign(ctx, p)
	if errors.Is(err, caseload.ErrInfeasible) {
		got, err := (&CaseCBC{}).Assign(ctx, p)
		require.NoError(t, err)
		require.Equal(t, model.Infeasible, got.Status)
		require.Empty(t, model.CheckCases(p, got))
		return model.Infeasible
	}
	require.NoError(t, err)
	require.Equal(t, model.Optimal, want.Status)
	got, err := (&CaseCBC{}).Assign(ctx, p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, got.Status)
	require.Empty(t, model.CheckCases(p, got))
	require.Equal(t, levelValues(want), levelValues(got), "levels %v", p.Levels())
	for _, l := range got.Objective.Levels {
		require.Equal(t, l.Value, l.Bound)
	}
	require.Equal(t, len(p.Levels()), got.Stats.Solves, "one cbc run per level")
	return model.Optimal
}

// TestCaseCBCMatchesCaseload: seeds 1 to 5 (seed 4 has a unit whose
// only worker is on long leave, so it is infeasible).
func TestCaseCBCMatchesCaseload(t *testing.T) {
	needCBC(t)
	statuses := map[model.Status]int{}
	for seed := int64(1); seed <= 5; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			statuses[sameLevels(t, smallOffice(t, seed))]++
		})
	}
	require.Positive(t, statuses[model.Optimal])
}

// TestCaseCBCOtherOrders: the levels fixed before the one minimised may
// be any, in any order.
func TestCaseCBCOtherOrders(t *testing.T) {
	needCBC(t)
	for i, order := range [][]model.LevelKind{
		{model.LevelAffinity, model.LevelDeadlines, model.LevelBalance, model.LevelMoves},
		{model.LevelDeadlines, model.LevelMoves},
		{model.LevelBalance},
		{model.LevelMoves, model.LevelBalance, model.LevelSpread},
	} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			p := smallOffice(t, []int64{1, 2, 3, 5}[i]) // seed 4 has no plan
			p.Objective = order
			require.Equal(t, model.Optimal, sameLevels(t, p))
		})
	}
}

func TestCaseCBCInfeasible(t *testing.T) {
	needCBC(t)
	tight := smallOffice(t, 1)
	tight.Capacity = model.Capacity{Investigations: 1, FollowUps: 1}
	tight.Capacities = nil
	role := &model.CaseProblem{Date: model.MustDate("2025-03-03"), Roles: []model.Role{{ID: "ensamkommande"}},
		Staff: []model.Staff{{ID: "a"}, {ID: "b"}},
		Cases: []model.Case{{ID: "c1", Kind: model.Investigation}, {ID: "c2", Kind: model.FollowUp, Roles: []string{"ensamkommande"}}}}
	for name, p := range map[string]*model.CaseProblem{"capacity": tight, "role": role} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, err := caseload.Assign(ctx, p)
			require.ErrorIs(t, err, caseload.ErrInfeasible)
			plan, err := (&CaseCBC{}).Assign(ctx, p)
			require.NoError(t, err)
			require.Equal(t, model.Infeasible, plan.Status)
			require.Empty(t, model.CheckCases(p, plan))
			require.Equal(t, 1, plan.Stats.Solves, "infeasible at the first level")
		})
	}
}

// TestCaseCBCDeadline: a deadline already passed gives no plan and the
// context's error, never a wrong answer.
func TestCaseCBCDeadline(t *testing.T) {
	needCBC(t)
	p := smallOffice(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	plan, err := (&CaseCBC{}).Assign(ctx, p)
	require.True(t, errors.Is(err, context.Canceled), "err %v", err)
	require.Equal(t, model.Unknown, plan.Status)
	require.Empty(t, model.CheckCases(p, plan))
}

func TestCaseCBCSkipsWithoutCBC(t *testing.T) {
	_, err := (&CaseCBC{Path: "/nonexistent/cbc"}).Assign(context.Background(), smallOffice(t, 1))
	require.True(t, IsSkip(err), "err %v", err)
}

func TestWriteCaseLP(t *testing.T) {
	p := &model.CaseProblem{Date: model.MustDate("2025-03-03"),
		Staff:    []model.Staff{{ID: "a"}, {ID: "b"}},
		Capacity: model.Capacity{Investigations: 1},
		Cases: []model.Case{
			{ID: "c1", Kind: model.Investigation, Worker: "a", Group: "g", Affinity: []model.Affinity{{Staff: "b", Cost: 2}}},
			{ID: "c2", Kind: model.FollowUp, Group: "g"},
			{ID: "c3", Kind: model.Investigation, Deadline: model.MustDate("2025-03-10")},
		}}
	var b bytes.Buffer
	require.NoError(t, WriteCaseLP(&b, p, model.LevelDeadlines, map[model.LevelKind]int{model.LevelMoves: 0, model.LevelBalance: 1}))
	lp := b.String()
	for _, want := range []string{
		"obj: N", "one_0: x_0_0 + x_0_1 = 1", "grp_0_1_0: x_0_0 - x_1_0 = 0", "cap_0_0: x_0_0 + x_2_0 <= 1",
		"near_1: x_2_1 - N <= 0", "fix_moves: x_0_0 >= 1", "fix_balance: D_0_0 + D_0_1 + D_0_2 <= 1", "D_0_2 >= 0", "N >= 0", "Binaries",
	} {
		require.Contains(t, lp, want)
	}
	b.Reset()
	require.NoError(t, WriteCaseLP(&b, p, model.LevelAffinity, nil))
	require.Contains(t, b.String(), "obj: 2 x_0_1")
	require.NotContains(t, b.String(), "D_0_0")

	bad := *p
	bad.Cases = append([]model.Case(nil), p.Cases...)
	bad.Cases[0].Worker = "nobody"
	b.Reset()
	require.Error(t, WriteCaseLP(&b, &bad, model.LevelMoves, nil))
	require.Zero(t, b.Len())
	require.Error(t, WriteCaseLP(&b, p, "speed", nil))
	require.False(t, strings.Contains(b.String(), "Minimize"))
}
