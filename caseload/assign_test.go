package caseload_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unit is a unit of n full-time workers with the given capacity, and
// cases of it: inv investigations and fu follow-ups, none with a worker.
func unit(n, inv, fu int, c model.Capacity) *model.CaseProblem {
	p := &model.CaseProblem{Date: model.MustDate("2024-03-04"), Units: []model.Unit{{ID: "vuxen"}}, Capacity: c}
	for i := range n {
		p.Staff = append(p.Staff, model.Staff{ID: fmt.Sprintf("w%d", i+1), Unit: "vuxen"})
	}
	for i := range inv {
		p.Cases = append(p.Cases, model.Case{ID: fmt.Sprintf("u%d", i+1), Kind: model.Investigation, Unit: "vuxen"})
	}
	for i := range fu {
		p.Cases = append(p.Cases, model.Case{ID: fmt.Sprintf("f%d", i+1), Kind: model.FollowUp, Unit: "vuxen"})
	}
	return p
}

func TestInfeasibleNamesTheLimits(t *testing.T) {
	p := unit(6, 41, 0, model.Capacity{Investigations: 6})
	plan, err := caseload.Assign(context.Background(), p)
	require.ErrorIs(t, err, caseload.ErrInfeasible)
	require.Equal(t, model.Infeasible, plan.Status)
	var ie *caseload.InfeasibleError
	require.True(t, errors.As(err, &ie))
	require.True(t, ie.Minimal)
	require.Contains(t, ie.Explain(), "unit vuxen: 37 cases need 37 investigations, and the 6 workers who may hold them have room for 36")
	limits := 0
	for _, r := range ie.Reasons {
		if r.Rule.Kind == model.RuleCapacity {
			limits++
		}
	}
	require.Equal(t, 6, limits, "every worker's limit is in the clash")
	require.Empty(t, model.CheckCases(p, plan))
}

func TestInfeasibleNamesTheMissingRole(t *testing.T) {
	p := unit(2, 1, 0, model.Capacity{})
	p.Roles = []model.Role{{ID: "ensamkommande"}}
	p.Cases[0].Roles = []string{"ensamkommande"}
	_, err := caseload.Assign(context.Background(), p)
	var ie *caseload.InfeasibleError
	require.True(t, errors.As(err, &ie))
	require.Len(t, ie.Reasons, 1)
	require.Contains(t, ie.Reasons[0].Text, "none holds every role of ensamkommande")
}

func TestGroupsGoTogether(t *testing.T) {
	p := unit(3, 4, 2, model.Capacity{Investigations: 2})
	for i := range p.Cases {
		if i < 3 {
			p.Cases[i].Group = "familj"
		}
	}
	_, err := caseload.Assign(context.Background(), p)
	var ie *caseload.InfeasibleError
	require.True(t, errors.As(err, &ie), "three investigations of one family exceed every worker's 2")
	p.Capacity.Investigations = 3
	plan, err := caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, plan.Cases[0].Worker, plan.Cases[1].Worker)
	require.Equal(t, plan.Cases[0].Worker, plan.Cases[2].Worker)
}

// TestLongLeave: a worker on long leave keeps their cases by default and
// takes no new ones; with ReleaseOnLeave they hand them over.
func TestLongLeave(t *testing.T) {
	p := unit(3, 6, 0, model.Capacity{})
	p.Absences = []model.Absence{{Staff: "w1", First: model.MustDate("2024-02-01"), Last: model.MustDate("2024-08-31"), Kind: model.ParentalLeave}}
	p.Cases[0].Worker, p.Cases[1].Worker = "w1", "w1"
	plan, err := caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, "w1", plan.Cases[0].Worker)
	require.Equal(t, 2, plan.Staff[0].Investigations)
	require.True(t, plan.Staff[0].OnLeave)
	require.Equal(t, 0, plan.Objective.Moves)
	require.Equal(t, 0, plan.Objective.Deviation, "the other four are shared by the two at work")
	p.ReleaseOnLeave = true
	plan, err = caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, 0, plan.Staff[0].Investigations)
	require.Equal(t, 2, plan.Objective.Moves)
	require.Equal(t, 3, plan.Staff[1].Investigations)
}

// TestAffinityAlone is the classic cost-minimising assignment with
// capacities: one level, affinity.
func TestAffinityAlone(t *testing.T) {
	p := unit(3, 3, 0, model.Capacity{Investigations: 1})
	p.Objective = []model.LevelKind{model.LevelAffinity}
	cost := [][]int{{4, 2, 8}, {4, 3, 7}, {3, 1, 6}}
	for c := range p.Cases {
		for s, k := range cost[c] {
			p.Cases[c].Affinity = append(p.Cases[c].Affinity, model.Affinity{Staff: p.Staff[s].ID, Cost: k})
		}
	}
	plan, err := caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, 12, plan.Objective.Affinity, "the Hungarian optimum of this matrix")
	require.Len(t, plan.Objective.Levels, 1)
}

func TestHostile(t *testing.T) {
	ctx := context.Background()
	plan, err := caseload.Assign(ctx, nil)
	require.Error(t, err)
	require.Nil(t, plan)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = caseload.Assign(cancelled, unit(3, 10, 10, model.Capacity{}))
	require.ErrorIs(t, err, context.Canceled)
	bad := unit(1, 1, 0, model.Capacity{})
	bad.Cases[0].Unit = "nope"
	_, err = caseload.Assign(ctx, bad)
	var fe *model.FieldError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, "cases[0].unit", fe.Field)
}

func FuzzAssign(f *testing.F) {
	f.Add(`{"date":"2024-03-04","staff":[{"id":"a"},{"id":"b"}],"capacity":{"investigations":1},"cases":[{"id":"1","kind":"investigation","worker":"a"},{"id":"2","kind":"investigation","worker":"a"}]}`)
	f.Add(`{"date":"2024-03-04","staff":[{"id":"a","percent":50}],"cases":[{"id":"1","kind":"follow-up","group":"g"},{"id":"2","kind":"other","group":"g","weight":3}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := model.DecodeCaseProblem(stringsReader(s))
		if err != nil || p.Validate() != nil || len(p.Cases)*len(p.Staff) > 400 {
			return
		}
		plan, err := caseload.Assign(context.Background(), p)
		var ie *caseload.InfeasibleError
		var in *caseload.InternalError
		require.False(t, errors.As(err, &in), "internal error: %v", err)
		if errors.As(err, &ie) {
			return
		}
		require.NoError(t, err)
		require.Empty(t, model.CheckCases(p, plan))
	})
}

func TestReference(t *testing.T) {
	p := unit(4, 0, 0, model.Capacity{})
	p.Staff[3].Percent = 50
	// One of the four is away for half the year.
	p.Absences = []model.Absence{{Staff: "w1", First: p.Date, Last: p.Date.AddDays(181), Kind: model.ParentalLeave}}
	rows, err := caseload.Reference(p, []caseload.Flow{
		{Unit: "vuxen", Kind: model.Investigation, PerMonth: 10, Months: 3},
		{Unit: "vuxen", Kind: model.Investigation, PerMonth: 4, Months: 5},
	})
	require.NoError(t, err)
	require.InDelta(t, 30, rows[0].Open, 1e-9, "Little's law: 10 a month, 3 months each")
	require.InDelta(t, 3.0, rows[0].Staff, 0.01, "0.5 + 1 + 1 + 0.5 full-time equivalents")
	require.InDelta(t, 10, rows[0].PerWorker, 0.05)
	require.False(t, rows[0].TooSlow)
	require.True(t, rows[1].TooSlow, "five months is past the four-month limit")
	_, err = caseload.Reference(p, []caseload.Flow{{Unit: "nope", Kind: model.FollowUp}, {Unit: "vuxen", Kind: model.FollowUp, PerMonth: -1}})
	require.ErrorContains(t, err, "flows[0].unit")
	require.ErrorContains(t, err, "flows[1].perMonth")
}

// TestMemoryBudget: an office whose encoding would pass the budget is not
// encoded; the greedy plan comes back, checked, with a *BudgetError.
func TestMemoryBudget(t *testing.T) {
	p := unit(20, 60, 60, model.Capacity{Investigations: 5, FollowUps: 5})
	plan, err := caseload.Assign(context.Background(), p, caseload.WithMemoryBudget(1<<10))
	var be *caseload.BudgetError
	require.True(t, errors.As(err, &be), "%v", err)
	require.Greater(t, be.Estimate, be.Budget)
	require.Equal(t, model.Feasible, plan.Status)
	require.Empty(t, model.CheckCases(p, plan))
	require.Zero(t, plan.Stats.Clauses, "nothing was encoded")
	plan, err = caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, plan.Status)
}

// TestDeadlineDuringEncoding: a deadline that ends while the office is
// encoded ends the call soon after, with no plan and ctx's error.
func TestDeadlineDuringEncoding(t *testing.T) {
	p := unit(200, 2000, 2000, model.Capacity{Investigations: 12, FollowUps: 18, Weight: 40})
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	plan, err := caseload.Assign(ctx, p)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotEqual(t, model.Optimal, plan.Status)
	require.Empty(t, model.CheckCases(p, plan))
}

// TestConcurrentAssign solves offices from 8 goroutines at once, some
// cancelled early (run with -race): every plan is the same as alone, or
// ends with ctx's error.
func TestConcurrentAssign(t *testing.T) {
	p := unit(6, 20, 20, model.Capacity{Investigations: 5, FollowUps: 5})
	for i := range p.Cases {
		if i%3 == 0 {
			p.Cases[i].Worker = p.Staff[i%2].ID
		}
	}
	want, err := caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	done := make(chan error, 8)
	for g := range 8 {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(g%3)*time.Millisecond+time.Duration(g/3)*time.Second)
			defer cancel()
			got, err := caseload.Assign(ctx, p)
			switch {
			case err == nil && !assert.ObjectsAreEqual(want.Cases, got.Cases):
				done <- fmt.Errorf("goroutine %d: another plan", g)
			case err != nil && !errors.Is(err, context.DeadlineExceeded):
				done <- err
			default:
				done <- nil
			}
		}()
	}
	for range 8 {
		require.NoError(t, <-done)
	}
}
