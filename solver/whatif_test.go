package solver_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// replanWith is the problem a what-if question stands for, built from the
// definitions: p with the absence, the rota of s as its baseline, and
// changes as the first level.
func replanWith(p *model.Problem, s *model.Schedule, absence model.Absence) *model.Problem {
	q := *p
	q.Absences = append(slices.Clip(p.Absences), absence)
	q.Baseline = s.Baseline(model.Date{})
	if len(p.Rules.Objective) > 0 {
		q.Rules.Objective = []model.LevelKind{model.LevelChanges}
		for _, k := range p.Rules.Objective {
			if k != model.LevelChanges {
				q.Rules.Objective = append(q.Rules.Objective, k)
			}
		}
	}
	return &q
}

// TestLeaveAgreesWithSolve asks random leave questions of random plans and
// solves each changed problem from scratch: the same yes or no, the same
// level values, and a schedule the checker accepts.
func TestLeaveAgreesWithSolve(t *testing.T) {
	n := 60
	if testing.Short() {
		n = 20
	}
	ctx := context.Background()
	yes, no := 0, 0
	for seed := range uint64(n) {
		p := randomProblem(7000+seed, 10, 8)
		s, err := solver.Solve(ctx, p)
		if err != nil {
			continue
		}
		plan, err := solver.NewPlan(ctx, p, s)
		require.NoError(t, err, "seed %d", seed)
		rng := rand.New(rand.NewPCG(seed, 3))
		dates := p.Period.DutyDates()
		for range 4 {
			first := dates[rng.IntN(len(dates))]
			absence := model.Absence{Staff: p.Staff[rng.IntN(len(p.Staff))].ID, First: first, Last: first.AddDays(7 * rng.IntN(3)), Kind: model.Vacation}
			if absence.Last.After(p.Period.End) {
				absence.Last = p.Period.End
			}
			q := replanWith(p, s, absence)
			if q.Validate() != nil {
				continue // a work pin on the leave, say
			}
			ans, err := plan.Leave(ctx, absence)
			require.NoError(t, err, "seed %d %+v", seed, absence)
			want, werr := solver.Solve(ctx, q)
			if errors.Is(werr, solver.ErrInfeasible) {
				require.False(t, ans.Yes, "seed %d %+v: the plan grants a leave no rota allows", seed, absence)
				require.NotEmpty(t, ans.Reasons, "seed %d", seed)
				no++
				continue
			}
			require.NoError(t, werr)
			require.True(t, ans.Yes, "seed %d %+v: refused %v", seed, absence, ans.Reasons)
			require.Empty(t, model.Check(q, ans.Schedule), "seed %d", seed)
			require.Equal(t, want.Objective.Levels, ans.Schedule.Objective.Levels, "seed %d %+v", seed, absence)
			require.Equal(t, ans.Schedule.Objective.Changes, ans.Diff.Changes())
			yes++
		}
	}
	t.Logf("%d leaves granted, %d refused", yes, no)
	require.Positive(t, yes)
}

// handSwap returns the rosters of s with a and b swapping x and y, as a
// schedule the checker can read for the hard rules.
func handSwap(p *model.Problem, s *model.Schedule, a string, x model.Date, b string, y model.Date) *model.Schedule {
	out := &model.Schedule{Status: model.Feasible}
	for _, r := range s.Dates {
		ids := slices.Clone(r.Staff)
		switch r.Date {
		case x:
			ids[slices.Index(ids, a)] = b
		case y:
			ids[slices.Index(ids, b)] = a
		}
		order := map[string]int{}
		for i, st := range p.Staff {
			order[st.ID] = i
		}
		sort.Slice(ids, func(i, j int) bool { return order[ids[i]] < order[ids[j]] })
		out.Dates = append(out.Dates, model.DutyRoster{Date: r.Date, Staff: ids})
	}
	return out
}

// hardViolations keeps the violations of hard rules and availability.
func hardViolations(vs []model.Violation) []model.Violation {
	var out []model.Violation
	for _, v := range vs {
		if v.Rule != model.RuleStructure && v.Rule != model.RuleObjective {
			out = append(out, v)
		}
	}
	return out
}

// TestSwapAgreesWithCheck asks every swap of the Värmdö rota on a few
// Fridays and checks each answer against the checker on the swapped rota.
func TestSwapAgreesWithCheck(t *testing.T) {
	ctx := context.Background()
	p, s, plan := varmdoPlan(t)
	yes, no := 0, 0
	for i, rx := range s.Dates[:8] {
		for _, ry := range s.Dates[i+1 : 12] {
			for _, a := range rx.Staff {
				for _, b := range ry.Staff {
					if slices.Contains(ry.Staff, a) || slices.Contains(rx.Staff, b) {
						continue
					}
					ans, err := plan.Swap(ctx, a, rx.Date, b, ry.Date)
					require.NoError(t, err)
					broken := hardViolations(model.Check(p, handSwap(p, s, a, rx.Date, b, ry.Date)))
					require.Equal(t, len(broken) == 0, ans.Yes, "%s %s <-> %s %s: %v / %v %v", a, rx.Date, b, ry.Date, broken, ans.Reasons, ans.Unavailable)
					if ans.Yes {
						yes++
						require.Equal(t, 4, ans.Diff.Changes())
						require.Equal(t, 4, ans.Schedule.Objective.Changes)
					} else {
						no++
						require.NotEmpty(t, append(reasonTexts(ans.Reasons), ans.Unavailable...))
					}
				}
			}
		}
	}
	t.Logf("%d swaps possible, %d not", yes, no)
	require.Positive(t, yes)
	require.Positive(t, no)
}

func reasonTexts(rs []solver.Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Text)
	}
	return out
}

// TestReplacementsAgreeWithCheck asks who can replace each person on a
// few Värmdö Fridays, and checks by hand that exactly those can: every
// hard rule holds and the deviation does not rise.
func TestReplacementsAgreeWithCheck(t *testing.T) {
	ctx := context.Background()
	p, s, plan := varmdoPlan(t)
	for _, r := range s.Dates[5:9] {
		for _, a := range r.Staff {
			got, err := plan.Replacements(ctx, a, r.Date)
			require.NoError(t, err)
			var can []string
			for _, st := range p.Staff {
				if slices.Contains(r.Staff, st.ID) {
					continue
				}
				one := handSwap(p, s, a, r.Date, st.ID, model.Date{})
				filled, err := solver.Solve(ctx, pinned(p, one))
				if err != nil || len(hardViolations(model.Check(p, one))) > 0 || filled.Objective.Deviation > s.Objective.Deviation {
					continue
				}
				can = append(can, st.ID)
			}
			var ids []string
			for _, g := range got {
				ids = append(ids, g.Staff)
			}
			slices.Sort(ids)
			slices.Sort(can)
			assert.Equal(t, can, ids, "%s on %s", a, r.Date)
			for i := 1; i < len(got); i++ {
				assert.LessOrEqual(t, got[i-1].Cost, got[i].Cost, "ranked by cost")
			}
		}
	}
}

// pinned is p with every person-date of the schedule's rota pinned, so
// that Solve measures that rota.
func pinned(p *model.Problem, s *model.Schedule) *model.Problem {
	q := *p
	q.Pins = nil
	for _, r := range s.Dates {
		for _, st := range p.Staff {
			if slices.Contains(r.Staff, st.ID) || p.Unavailable(st.ID, r.Date) == "" {
				q.Pins = append(q.Pins, model.Pin{Staff: st.ID, Date: r.Date, Work: slices.Contains(r.Staff, st.ID)})
			}
		}
	}
	return &q
}

// TestQuestionErrors asks questions that do not fit the plan.
func TestQuestionErrors(t *testing.T) {
	ctx := context.Background()
	p, s, plan := varmdoPlan(t)
	x := s.Dates[0]
	var qe *solver.QuestionError
	_, err := plan.Swap(ctx, "nobody", x.Date, x.Staff[0], s.Dates[1].Date)
	require.ErrorAs(t, err, &qe)
	assert.Equal(t, "a", qe.Question)
	_, err = plan.Replacements(ctx, x.Staff[0], model.MustDate("2023-11-18"))
	require.ErrorAs(t, err, &qe)
	assert.Contains(t, err.Error(), "x = 2023-11-18: not a duty date")
	_, err = plan.Leave(ctx, model.Absence{Staff: "nobody", First: x.Date, Last: x.Date})
	require.ErrorAs(t, err, &qe)
	_, err = solver.NewPlan(ctx, p, &model.Schedule{Status: model.Unknown})
	require.ErrorAs(t, err, &qe)
	broken := *s
	broken.Dates = slices.Clone(s.Dates)
	broken.Dates[0] = model.DutyRoster{Date: x.Date, Staff: x.Staff[:2]}
	_, err = solver.NewPlan(ctx, p, &broken)
	require.ErrorAs(t, err, &qe)
	assert.Contains(t, err.Error(), "breaks the problem's rules")
}

// benchmarkWhatIf asks a fixed mix of questions of a solved office: leave
// for a week, a swap and the replacements of a person, and reports the
// median time a question takes.
func benchmarkWhatIf(b *testing.B, p *model.Problem) {
	ctx := context.Background()
	s, err := solver.Solve(ctx, p)
	require.NoError(b, err)
	plan, err := solver.NewPlan(ctx, p, s)
	require.NoError(b, err)
	var leave, swap, replace []time.Duration
	k := 0
	for b.Loop() {
		x, y := s.Dates[k%len(s.Dates)], s.Dates[(k+3)%len(s.Dates)]
		a, c := x.Staff[k%len(x.Staff)], y.Staff[(k+1)%len(y.Staff)]
		start := time.Now()
		if _, err := plan.Leave(ctx, model.Absence{Staff: a, First: x.Date, Last: x.Date.AddDays(6), Kind: model.SickLeave}); err != nil {
			b.Fatal(err)
		}
		leave = append(leave, time.Since(start))
		if !slices.Contains(y.Staff, a) && !slices.Contains(x.Staff, c) {
			start = time.Now()
			if _, err := plan.Swap(ctx, a, x.Date, c, y.Date); err != nil {
				b.Fatal(err)
			}
			swap = append(swap, time.Since(start))
		}
		start = time.Now()
		if _, err := plan.Replacements(ctx, a, x.Date); err != nil {
			b.Fatal(err)
		}
		replace = append(replace, time.Since(start))
		k++
	}
	quantile := func(ds []time.Duration, q float64) float64 {
		if len(ds) == 0 {
			return 0
		}
		slices.Sort(ds)
		return float64(ds[int(q*float64(len(ds)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(quantile(leave, 0.5), "leave-p50-ms")
	b.ReportMetric(quantile(leave, 0.9), "leave-p90-ms")
	b.ReportMetric(quantile(swap, 0.5), "swap-p50-ms")
	b.ReportMetric(quantile(replace, 0.5), "replace-p50-ms")
}

func BenchmarkWhatIfVarmdo(b *testing.B) { benchmarkWhatIf(b, scenario.Problem()) }

func BenchmarkWhatIfOffice120(b *testing.B) { benchmarkWhatIf(b, scaledOffice(120, 1, false)) }

// TestPlanConcurrent asks questions of one plan from several goroutines:
// they take turns, and each answer is the one asked alone (run with
// -race).
func TestPlanConcurrent(t *testing.T) {
	ctx := context.Background()
	_, s, plan := varmdoPlan(t)
	leave := func(k int) model.Absence {
		x := s.Dates[k%len(s.Dates)]
		return model.Absence{Staff: x.Staff[0], First: x.Date, Last: x.Date, Kind: model.SickLeave}
	}
	want := make([]int, 8)
	for k := range want {
		ans, err := plan.Leave(ctx, leave(k))
		require.NoError(t, err)
		want[k] = ans.Diff.Changes()
	}
	done := make(chan error, len(want))
	for k := range want {
		go func() {
			ans, err := plan.Leave(ctx, leave(k))
			if err == nil && ans.Diff.Changes() != want[k] {
				err = errors.New("a different answer when asked alongside others")
			}
			if err == nil {
				_, err = plan.Replacements(ctx, s.Dates[k].Staff[0], s.Dates[k].Date)
			}
			done <- err
		}()
	}
	for range want {
		require.NoError(t, <-done)
	}
}

// TestLeaveHonoursContext asks a leave with a context that is over.
func TestLeaveHonoursContext(t *testing.T) {
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	require.NoError(t, err)
	plan, err := solver.NewPlan(context.Background(), p, s)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	x := s.Dates[3]
	_, err = plan.Leave(ctx, model.Absence{Staff: x.Staff[0], First: x.Date, Last: x.Date})
	require.ErrorIs(t, err, context.Canceled)
	// The plan still answers afterwards.
	ans, err := plan.Leave(context.Background(), model.Absence{Staff: x.Staff[0], First: x.Date, Last: x.Date})
	require.NoError(t, err)
	require.True(t, ans.Yes)
}

// FuzzPlanQuestions asks questions made of fuzzed names and dates: the
// plan answers or returns an error, and never panics.
func FuzzPlanQuestions(f *testing.F) {
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	require.NoError(f, err)
	plan, err := solver.NewPlan(context.Background(), p, s)
	require.NoError(f, err)
	f.Add("ahmed", "sara", 20, 40, 3)
	f.Add("anna", "", -5, 10000, 0)
	f.Fuzz(func(t *testing.T, a, b string, dx, dy, span int) {
		x, y := p.Period.Start.AddDays(dx%400), p.Period.Start.AddDays(dy%400)
		ctx := context.Background()
		if ans, err := plan.Swap(ctx, a, x, b, y); err == nil && ans.Yes {
			require.Empty(t, hardViolations(model.Check(p, ans.Schedule)))
		}
		if _, err := plan.Replacements(ctx, a, x); err != nil {
			var qe *solver.QuestionError
			require.ErrorAs(t, err, &qe)
		}
		ans, err := plan.Leave(ctx, model.Absence{Staff: a, First: x, Last: x.AddDays(span % 60)})
		if err == nil && ans.Yes {
			require.NotNil(t, ans.Schedule)
		}
	})
}

// varmdoPlan solves the Värmdö office and keeps its rota in a plan.
func varmdoPlan(t testing.TB) (*model.Problem, *model.Schedule, *solver.Plan) {
	t.Helper()
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	require.NoError(t, err)
	plan, err := solver.NewPlan(context.Background(), p, s)
	require.NoError(t, err)
	return p, s, plan
}
