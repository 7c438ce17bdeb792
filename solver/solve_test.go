package solver_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// office is a small hand-made problem: 8 people in two units, 6 Fridays.
func office() *model.Problem {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-02-09")},
		Units:  []model.Unit{{ID: "bou"}, {ID: "vuxen"}},
		Roles:  []model.Role{{ID: "senior"}},
		Rules: model.Rules{
			Coverage:     model.Coverage{PerDate: 2},
			UnitMinimums: []model.UnitMinimum{{Unit: "bou", Min: 1}},
			RoleMinimums: []model.RoleMinimum{{Role: "senior", Min: 1}},
			Spacing:      model.Spacing{Weeks: 2},
		},
	}
	for i := range 8 {
		st := model.Staff{ID: fmt.Sprintf("s%d", i), Unit: []string{"bou", "vuxen"}[i%2]}
		if i < 3 {
			st.Roles = []string{"senior"}
		}
		p.Staff = append(p.Staff, st)
	}
	return p
}

func TestSolveTable(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *model.Problem)
		status model.Status
		d, w   int
	}{
		{"fair office", func(*model.Problem) {}, model.Optimal, 0, 0},
		{"requests met where fairness allows", func(p *model.Problem) {
			p.Requests = []model.Request{{Staff: "s0", Date: model.MustDate("2024-01-05"), Kind: model.Avoid, Weight: 3}, {Staff: "s1", Date: model.MustDate("2024-01-05"), Kind: model.Prefer}}
		}, model.Optimal, 0, 0},
		{"a unit too small for fairness", func(p *model.Problem) {
			// Only s0 is in bou: one bou person on each of 6 dates, with
			// spacing off, makes s0 work 6 against a share of 1.5.
			for i := 1; i < 8; i++ {
				p.Staff[i].Unit = "vuxen"
			}
			p.Rules.Spacing.Weeks = 0
		}, model.Optimal, 4, 0},
		{"history shifts the share", func(p *model.Problem) {
			p.Staff[7].History = model.History{Duties: 4, Dates: 6}
		}, model.Optimal, 0, 0},
		{"infeasible coverage", func(p *model.Problem) {
			p.Absences = []model.Absence{}
			for i := range 7 {
				p.Absences = append(p.Absences, model.Absence{Staff: fmt.Sprintf("s%d", i), First: model.MustDate("2024-01-12"), Last: model.MustDate("2024-01-12")})
			}
		}, model.Infeasible, 0, 0},
		{"infeasible by spacing", func(p *model.Problem) {
			p.Rules.Spacing.Weeks = 8
		}, model.Infeasible, 0, 0},
		{"pins are kept", func(p *model.Problem) {
			p.Pins = []model.Pin{{Staff: "s7", Date: model.MustDate("2024-01-05"), Work: true}, {Staff: "s0", Date: model.MustDate("2024-01-12"), Work: false}}
		}, model.Optimal, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := office()
			tc.change(p)
			s, err := solver.Solve(context.Background(), p)
			require.NotNil(t, s)
			assert.Equal(t, tc.status, s.Status)
			if tc.status == model.Infeasible {
				require.ErrorIs(t, err, solver.ErrInfeasible)
				var ie *solver.InfeasibleError
				require.ErrorAs(t, err, &ie)
				return
			}
			require.NoError(t, err)
			assert.Empty(t, model.Check(p, s))
			assert.Equal(t, tc.d, s.Objective.Deviation)
			assert.Equal(t, tc.w, s.Objective.RequestCost)
		})
	}
}

// TestBruteForce solves seeded random tiny problems and confirms every
// answer by enumerating all assignments: the same feasibility, the same
// optimal D and W, and a schedule the independent checker accepts.
func TestBruteForce(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 60
	}
	infeasible, searchless, ordered := 0, 0, 0
	for seed := range uint64(n) {
		p := randomProblem(seed, 5, 5)
		require.NoError(t, p.Validate(), "seed %d", seed)
		feasible, best := bruteForce(p)
		if !feasible {
			infeasible++
		}
		// With the request bound most answers need no SAT search; without
		// it every answer comes from the search.
		for _, opts := range [][]solver.Option{nil, {solver.WithTuning(solver.Tuning{NoRequestBound: true})}} {
			s, err := solver.Solve(context.Background(), p, opts...)
			if !feasible {
				require.ErrorIs(t, err, solver.ErrInfeasible, "seed %d", seed)
				require.Equal(t, model.Infeasible, s.Status, "seed %d", seed)
				continue
			}
			require.NoError(t, err, "seed %d", seed)
			require.Equal(t, model.Optimal, s.Status, "seed %d", seed)
			require.Empty(t, model.Check(p, s), "seed %d", seed)
			require.Len(t, s.Objective.Levels, len(best), "seed %d", seed)
			for i, l := range s.Objective.Levels {
				require.Equal(t, best[i], l.Value, "seed %d: level %s of %v", seed, l.Kind, p.Levels())
				require.Equal(t, best[i], l.Bound, "seed %d: bound of level %s", seed, l.Kind)
			}
			if opts == nil && s.Stats.Solves == 0 {
				searchless++
			}
			if len(p.Rules.Objective) > 0 {
				ordered++
			}
		}
	}
	t.Logf("%d problems, %d infeasible, %d proven by the bounds alone, %d solves in another level order", n, infeasible, searchless, ordered)
	require.Positive(t, ordered, "no problem set its own level order")
	require.Greater(t, searchless, 0, "the bounds alone never proved an optimum")
	// A generator that makes only infeasible (or only feasible) problems
	// would test half the solver.
	require.Greater(t, infeasible, 0)
	require.Less(t, infeasible, n/2)
}

// TestRandomChecked solves larger random problems, beyond brute force, and
// passes every answer through the independent checker.
func TestRandomChecked(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 50
	}
	for seed := range uint64(n) {
		p := randomProblem(1000+seed, 12, 10)
		s, err := solver.Solve(context.Background(), p)
		if errors.Is(err, solver.ErrInfeasible) {
			continue
		}
		require.NoError(t, err, "seed %d", seed)
		require.Equal(t, model.Optimal, s.Status)
		require.Empty(t, model.Check(p, s), "seed %d", seed)
		for _, l := range s.Objective.Levels {
			require.Equal(t, l.Value, l.Bound, "seed %d: level %s", seed, l.Kind)
		}
	}
}

// TestOptionsAgree checks that every option combination reaches the same
// optimum: the options change how, never what.
func TestOptionsAgree(t *testing.T) {
	for seed := range uint64(40) {
		p := randomProblem(5000+seed, 10, 8)
		want, werr := solver.Solve(context.Background(), p)
		for _, opts := range [][]solver.Option{
			{solver.WithTuning(solver.Tuning{NoFlowBound: true})},
			{solver.WithTuning(solver.Tuning{NoRequestBound: true})},
			{solver.WithTuning(solver.Tuning{NoCountingCuts: true})},
			{solver.WithTuning(solver.Tuning{Stratify: true})},
			{solver.WithTuning(solver.Tuning{NoNeighbourhoodSearch: true})},
			{solver.WithTuning(solver.Tuning{NoFlowBound: true, NoCountingCuts: true, NoRequestBound: true, Stratify: true, NoNeighbourhoodSearch: true})},
		} {
			got, err := solver.Solve(context.Background(), p, opts...)
			require.Equal(t, errors.Is(werr, solver.ErrInfeasible), errors.Is(err, solver.ErrInfeasible), "seed %d", seed)
			if werr == nil {
				// The levels agree; a measure that is no level may differ.
				require.NoError(t, err)
				require.Equal(t, want.Objective.Levels, got.Objective.Levels, "seed %d", seed)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	p := randomProblem(79, 12, 10)
	require.NotEmpty(t, p.Requests)
	// The same with rhythm and a class as levels: their searches have no
	// time limit at this size.
	q := *p
	q.Rules.Rhythm.On = true
	dates := q.Period.DutyDates()
	q.Period.Classes = []model.DateClass{{ID: "unpopular", Dates: dates[:min(2, len(dates))]}}
	for _, c := range []struct {
		p    *model.Problem
		opts []solver.Option
	}{{p, nil}, {p, []solver.Option{solver.WithTuning(solver.Tuning{NoRequestBound: true})}}, {&q, nil}} {
		p, opts := c.p, c.opts
		var out [][]byte
		for range 3 {
			s, err := solver.Solve(context.Background(), p, opts...)
			require.NoError(t, err)
			s.Stats.Encode, s.Stats.Solve, s.Stats.Total = 0, 0, 0
			b, err := json.Marshal(s)
			require.NoError(t, err)
			out = append(out, b)
		}
		require.Equal(t, string(out[0]), string(out[1]))
		require.Equal(t, string(out[0]), string(out[2]))
	}
}

func TestInvalidProblem(t *testing.T) {
	p := office()
	p.Staff[1].Unit = "nowhere"
	p.Rules.Coverage.PerDate = 99
	s, err := solver.Solve(context.Background(), p)
	require.Nil(t, s)
	var fe *model.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Contains(t, err.Error(), "staff[1].unit")
	assert.Contains(t, err.Error(), "rules.coverage.perDate")

	_, err = solver.Solve(context.Background(), nil)
	require.Error(t, err)
}

// TestCancelled hands Solve a context that is already over, and one that
// ends during the search; both return promptly with ctx's error, and the
// next Solve is unaffected.
func TestCancelled(t *testing.T) {
	p := office()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := solver.Solve(ctx, p)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, model.Unknown, s.Status)

	ctx, cancel = context.WithTimeout(context.Background(), time.Microsecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	_, err = solver.Solve(ctx, p)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	s, err = solver.Solve(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, s.Status)
}

func TestProgress(t *testing.T) {
	p := office()
	p.Requests = []model.Request{{Staff: "s0", Date: model.MustDate("2024-01-05"), Kind: model.Prefer, Weight: 2}}
	var steps []solver.Progress
	s, err := solver.Solve(context.Background(), p, solver.WithProgress(func(pr solver.Progress) { steps = append(steps, pr) }))
	require.NoError(t, err)
	require.NotEmpty(t, steps)
	last := steps[len(steps)-1]
	assert.Equal(t, s.Objective.Levels, last.Levels)
	for i := 1; i < len(steps); i++ {
		assert.Equal(t, solver.PhaseLevel, steps[i].Phase)
		assert.GreaterOrEqual(t, steps[i].Levels[0].Bound, steps[i-1].Levels[0].Bound, "the first level's bound only rises")
	}
}

// TestConcurrentSolves runs Solve from several goroutines at once; under
// -race this proves no gini instance is shared (gini defect #4, internal/engine).
func TestConcurrentSolves(t *testing.T) {
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := randomProblem(uint64(300+i%4), 10, 8)
			s, err := solver.Solve(context.Background(), p)
			if err == nil && len(model.Check(p, s)) > 0 {
				err = fmt.Errorf("problem %d: check failed", i)
			}
			if errors.Is(err, solver.ErrInfeasible) {
				err = nil
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
}

func TestDoesNotChangeProblem(t *testing.T) {
	p := randomProblem(9, 10, 8)
	before, err := json.Marshal(p)
	require.NoError(t, err)
	_, _ = solver.Solve(context.Background(), p)
	after, err := json.Marshal(p)
	require.NoError(t, err)
	require.Equal(t, string(before), string(after))
}

// TestDeadlineMidSearch stops a solve of a 120-person office part way:
// whatever it returns is consistent, and a schedule it returns keeps the
// rules and carries bounds no higher than its values.
func TestDeadlineMidSearch(t *testing.T) {
	p := scaledOffice(120, 2, false)
	for _, d := range []time.Duration{time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		s, err := solver.Solve(ctx, p)
		cancel()
		require.NotNil(t, s)
		switch s.Status {
		case model.Optimal:
			require.NoError(t, err)
		case model.Feasible:
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.Empty(t, model.Check(p, s))
			for _, l := range s.Objective.Levels {
				require.LessOrEqual(t, l.Bound, l.Value, "level %s", l.Kind)
			}
		case model.Unknown:
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.Empty(t, s.Dates)
		default:
			t.Fatalf("deadline %v: status %v", d, s.Status)
		}
	}
}

// TestBoundsAloneProveFairOffices pins down what the request bound is
// for: on fair offices of the bench's shape the flow bound on D and the
// Lagrangian bound on W meet a balanced rota, so the optimum is proven
// with no SAT call; and the SAT search alone finds the same optimum.
func TestBoundsAloneProveFairOffices(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		p := scaledOffice(120, seed, false)
		s, err := solver.Solve(context.Background(), p)
		require.NoError(t, err, "seed %d", seed)
		require.Equal(t, model.Optimal, s.Status, "seed %d", seed)
		assert.Zero(t, s.Stats.Solves, "seed %d: the bounds did not meet", seed)
		searched, err := solver.Solve(context.Background(), p, solver.WithTuning(solver.Tuning{NoRequestBound: true}))
		require.NoError(t, err, "seed %d", seed)
		assert.Positive(t, searched.Stats.Solves, "seed %d", seed)
		// The levels agree; the measures that are no level (rhythm) may
		// differ between two optima.
		assert.Equal(t, s.Objective.Levels, searched.Objective.Levels, "seed %d", seed)
		assert.Equal(t, s.Objective.Deviation, searched.Objective.Deviation, "seed %d", seed)
		assert.Equal(t, s.Objective.RequestCost, searched.Objective.RequestCost, "seed %d", seed)
	}
}
