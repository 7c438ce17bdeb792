package baseline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/bench/baseline"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// fast is a LocalSearch with a budget small enough for the tests and no
// time limit, so that its result does not depend on the machine.
var fast = baseline.LocalSearch{Seed: 1, Moves: 5_000, TimeLimit: -1}

func runners() []bench.Runner { return []bench.Runner{baseline.Rotation{}, baseline.Greedy{}, fast} }

// fridays returns a problem over the n Fridays from 2024-01-05 (no
// holidays among them) with staff IDs ids and the given people per date.
func fridays(n int, perDate int, ids ...string) *model.Problem {
	p := &model.Problem{
		Name:   "tiny",
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-01-05").AddDays(7 * (n - 1))},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: perDate}},
	}
	for _, id := range ids {
		p.Staff = append(p.Staff, model.Staff{ID: id})
	}
	return p
}

func friday(i int) model.Date { return model.MustDate("2024-01-05").AddDays(7 * i) }

// rosters returns the IDs on duty per date.
func rosters(s *model.Schedule) [][]string {
	out := make([][]string, len(s.Dates))
	for i, r := range s.Dates {
		out[i] = r.Staff
	}
	return out
}

// sound requires a Feasible schedule that model.Check accepts.
func sound(t *testing.T, p *model.Problem, s *model.Schedule, err error) {
	t.Helper()
	require.NoError(t, err)
	require.NotNil(t, s)
	require.Equal(t, model.Feasible, s.Status)
	require.Empty(t, model.Check(p, s))
	require.NotEmpty(t, s.Objective.Levels)
	for _, l := range s.Objective.Levels {
		assert.Zero(t, l.Bound, "level %s", l.Kind)
	}
	assert.Positive(t, s.Stats.Total)
}

func TestNames(t *testing.T) {
	var names []string
	for _, r := range baseline.All() {
		names = append(names, r.Name())
	}
	assert.Equal(t, []string{"rotation", "greedy", "local-search"}, names)
}

func TestRotationCycle(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*model.Problem)
		want [][]string
	}{
		{
			name: "plain cycle of three groups",
			want: [][]string{{"a", "d"}, {"b", "e"}, {"c", "f"}, {"a", "d"}, {"b", "e"}, {"c", "f"}},
		},
		{
			name: "an absence is filled first come in staff order",
			edit: func(p *model.Problem) {
				p.Absences = []model.Absence{{Staff: "a", First: friday(3), Last: friday(3)}}
			},
			want: [][]string{{"a", "d"}, {"b", "e"}, {"c", "f"}, {"b", "d"}, {"b", "e"}, {"c", "f"}},
		},
		{
			name: "the filler keeps the spacing",
			edit: func(p *model.Problem) {
				p.Absences = []model.Absence{{Staff: "a", First: friday(3), Last: friday(3)}}
				p.Rules.Spacing.Weeks = 2
			},
			// b fills in on date 3, is then too close to its own turn
			// on date 4, where a fills in.
			want: [][]string{{"a", "d"}, {"b", "e"}, {"c", "f"}, {"b", "d"}, {"a", "e"}, {"c", "f"}},
		},
		{
			name: "a pin replaces the cycle",
			edit: func(p *model.Problem) {
				p.Pins = []model.Pin{{Staff: "f", Date: friday(0), Work: true}, {Staff: "e", Date: friday(1)}}
			},
			want: [][]string{{"a", "f"}, {"a", "b"}, {"c", "f"}, {"a", "d"}, {"b", "e"}, {"c", "f"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := fridays(6, 2, "a", "b", "c", "d", "e", "f")
			if tc.edit != nil {
				tc.edit(p)
			}
			s, err := baseline.Rotation{}.Run(context.Background(), p)
			sound(t, p, s, err)
			assert.Equal(t, tc.want, rosters(s))
		})
	}
}

func TestGreedyFollowsShare(t *testing.T) {
	// y is away for the first three Fridays, so its share is half the
	// others': x 2.4, y 1.2, z 2.4. Greedy compares each person's duties
	// with their share of the dates so far, and breaks ties by staff order.
	p := fridays(6, 1, "x", "y", "z")
	p.Absences = []model.Absence{{Staff: "y", First: friday(0), Last: friday(2)}}
	s, err := baseline.Greedy{}.Run(context.Background(), p)
	sound(t, p, s, err)
	assert.Equal(t, [][]string{{"x"}, {"z"}, {"x"}, {"z"}, {"y"}, {"x"}}, rosters(s))
	assert.Equal(t, 0, s.Objective.Deviation)
	for i, want := range []struct {
		share     float64
		low, high int
	}{{2.4, 2, 3}, {1.2, 1, 2}, {2.4, 2, 3}} {
		assert.InDelta(t, want.share, s.Staff[i].Share, 1e-9)
		assert.Equal(t, want.low, s.Staff[i].Low)
		assert.Equal(t, want.high, s.Staff[i].High)
	}
}

func TestHardRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    func() *model.Problem
	}{
		{"pins", func() *model.Problem {
			p := fridays(8, 2, "a", "b", "c", "d", "e", "f", "g")
			p.Pins = []model.Pin{
				{Staff: "g", Date: friday(0), Work: true}, {Staff: "g", Date: friday(4), Work: true},
				{Staff: "a", Date: friday(1)}, {Staff: "b", Date: friday(1)},
			}
			p.Requests = []model.Request{{Staff: "g", Date: friday(4), Kind: model.Avoid, Weight: 5}}
			return p
		}},
		{"window without spacing", func() *model.Problem {
			p := fridays(8, 1, "a", "b", "c", "d")
			p.Rules.Windows = []model.Window{{Weeks: 4, Max: 1}}
			return p
		}},
		{"coverage per date", func() *model.Problem {
			p := fridays(8, 2, "a", "b", "c", "d", "e", "f")
			p.Rules.Coverage.Dates = []model.DateCount{{Date: friday(2), Count: 0}, {Date: friday(5), Count: 4}}
			p.Rules.Spacing.Weeks = 2
			return p
		}},
		{"unit and role minimums", func() *model.Problem {
			p := fridays(10, 3, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j")
			p.Units = []model.Unit{{ID: "intake"}, {ID: "adults"}}
			p.Roles = []model.Role{{ID: "senior"}}
			for i := range p.Staff {
				p.Staff[i].Unit = "adults"
				if i < 4 {
					p.Staff[i].Unit = "intake"
				}
				if i%3 == 0 {
					p.Staff[i].Roles = []string{"senior"}
				}
			}
			p.Rules.UnitMinimums = []model.UnitMinimum{{Unit: "intake", Min: 1}}
			p.Rules.RoleMinimums = []model.RoleMinimum{{Role: "senior", Min: 1}}
			p.Rules.Spacing.Weeks = 2
			p.Absences = []model.Absence{{Staff: "a", First: friday(2), Last: friday(5), Kind: model.SickLeave}}
			return p
		}},
		{"history, part time and employment", func() *model.Problem {
			p := fridays(10, 2, "a", "b", "c", "d", "e", "f")
			p.Staff[0].History = model.History{Duties: 4, Dates: 10}
			p.Staff[1].Percent = 50
			p.Staff[2].Start = friday(3)
			p.Staff[3].End = friday(6)
			p.Staff[4].OffWeekdays = []model.Weekday{model.Weekday(time.Friday)}
			return p
		}},
		{"fairness off", func() *model.Problem {
			p := fridays(6, 1, "a", "b", "c")
			p.Rules.Fairness.Off = true
			p.Requests = []model.Request{
				{Staff: "a", Date: friday(0), Kind: model.Prefer, Weight: 2},
				{Staff: "a", Date: friday(1), Kind: model.Prefer, Weight: 2},
			}
			return p
		}},
	} {
		for _, r := range runners() {
			t.Run(tc.name+"/"+r.Name(), func(t *testing.T) {
				p := tc.p()
				require.NoError(t, p.Validate())
				s, err := r.Run(context.Background(), p)
				sound(t, p, s, err)
			})
		}
	}
}

func TestFairnessOffMinimisesRequestsOnly(t *testing.T) {
	p := fridays(6, 1, "a", "b", "c")
	p.Rules.Fairness.Off = true
	for i := range 6 {
		p.Requests = append(p.Requests, model.Request{Staff: "a", Date: friday(i), Kind: model.Prefer})
	}
	s, err := fast.Run(context.Background(), p)
	sound(t, p, s, err)
	assert.Equal(t, 0, s.Objective.RequestCost, "a works every Friday")
	assert.Equal(t, 4, s.Objective.Deviation, "a is 4 above the share of 2, and still reported")
}

func TestBrokenRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    func() *model.Problem
		rule model.RuleKind // the model.Check rule
		msg  string         // in the runner's error
	}{
		{"no senior on a date", func() *model.Problem {
			p := fridays(4, 1, "a", "b", "c")
			p.Roles = []model.Role{{ID: "senior"}}
			p.Staff[0].Roles = []string{"senior"}
			p.Rules.RoleMinimums = []model.RoleMinimum{{Role: "senior", Min: 1}}
			p.Absences = []model.Absence{{Staff: "a", First: friday(2), Last: friday(2)}}
			return p
		}, model.RuleRoleMinimum, "role senior 2024-01-19: 0 on duty, want at least 1"},
		{"spacing too wide for the staff", func() *model.Problem {
			p := fridays(3, 1, "a", "b")
			p.Rules.Spacing.Weeks = 3
			return p
		}, model.RuleSpacing, "spacing"},
		{"too few available", func() *model.Problem {
			p := fridays(3, 2, "a", "b", "c")
			p.Absences = []model.Absence{{Staff: "a", First: friday(1), Last: friday(1)},
				{Staff: "b", First: friday(1), Last: friday(1)}}
			return p
		}, model.RuleCoverage, "coverage 2024-01-12: 1 on duty, want 2"},
	} {
		for _, r := range runners() {
			t.Run(tc.name+"/"+r.Name(), func(t *testing.T) {
				p := tc.p()
				require.NoError(t, p.Validate())
				s, err := r.Run(context.Background(), p)
				require.ErrorIs(t, err, baseline.ErrBroken)
				assert.ErrorContains(t, err, tc.msg)
				require.NotNil(t, s)
				assert.Equal(t, model.Unknown, s.Status)
				require.Len(t, s.Dates, len(p.Period.DutyDates()))

				// model.Check, shown the rota as if it were feasible, finds
				// the same broken rule and nothing misreported.
				claim := *s
				claim.Status = model.Feasible
				rules := map[model.RuleKind]bool{}
				for _, v := range model.Check(p, &claim) {
					rules[v.Rule] = true
				}
				assert.Equal(t, map[model.RuleKind]bool{tc.rule: true}, rules)
			})
		}
	}
}

func TestInvalidInput(t *testing.T) {
	invalid := fridays(3, 1, "a", "a")
	for _, tc := range []struct {
		name string
		p    *model.Problem
		want string
	}{
		{"nil", nil, "problem is nil"},
		{"duplicate ID", invalid, `staff[1].id = "a"`},
	} {
		for _, r := range baseline.All() {
			t.Run(tc.name+"/"+r.Name(), func(t *testing.T) {
				s, err := r.Run(context.Background(), tc.p)
				assert.ErrorContains(t, err, tc.want)
				assert.ErrorContains(t, err, r.Name())
				require.NotNil(t, s)
				assert.Equal(t, model.Unknown, s.Status)
				assert.Empty(t, s.Dates)
			})
		}
	}
}

func TestCancelled(t *testing.T) {
	p, err := gen.Office(gen.S, 1)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range baseline.All() {
		t.Run(r.Name(), func(t *testing.T) {
			s, err := r.Run(ctx, p)
			assert.ErrorIs(t, err, context.Canceled)
			require.NotNil(t, s)
			assert.Equal(t, model.Unknown, s.Status)
			assert.Len(t, s.Dates, len(p.Period.DutyDates()))
		})
	}
}

// stopAfter is a context whose Err turns to Canceled after n calls, to
// stop a run at a known point.
type stopAfter struct {
	context.Context
	n int
}

func (c *stopAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

func TestLocalSearchStoppedKeepsItsRota(t *testing.T) {
	p, err := gen.Office(gen.S, 1)
	require.NoError(t, err)
	// Greedy asks once per date; the search once every 128 moves.
	ctx := &stopAfter{Context: context.Background(), n: len(p.Period.DutyDates()) + 3}
	s, err := fast.Run(ctx, p)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, model.Feasible, s.Status)
	assert.Empty(t, model.Check(p, s))

	full, err := fast.Run(context.Background(), p)
	require.NoError(t, err)
	assert.Greater(t, s.Objective.RequestCost, full.Objective.RequestCost, "stopped after 384 of 5,000 moves")
}

func TestRunLeavesProblemAlone(t *testing.T) {
	p, err := gen.Office(gen.ST, 2)
	require.NoError(t, err)
	before, err := json.Marshal(p)
	require.NoError(t, err)
	for _, r := range runners() {
		_, err := r.Run(context.Background(), p)
		require.NoError(t, err)
		after, err := json.Marshal(p)
		require.NoError(t, err)
		assert.JSONEq(t, string(before), string(after), r.Name())
	}
}

// TestOffices runs every baseline on generated offices and seeds and
// checks every rota with model.Check. Local search is never worse than
// the greedy rota it starts from, and on ST and MT it reaches the optimum
// deviation, the counting bound proved in package gen's tests.
func TestOffices(t *testing.T) {
	for _, tc := range []struct {
		size  gen.Size
		seeds int64
		best  int // the optimum D
	}{
		{gen.S, 3, 0}, {gen.ST, 3, 1}, {gen.M, 2, 0}, {gen.MT, 2, 3},
	} {
		for seed := int64(1); seed <= tc.seeds; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", tc.size, seed), func(t *testing.T) {
				p, err := gen.Office(tc.size, seed)
				require.NoError(t, err)
				var objectives []model.Objective
				for _, r := range runners() {
					s, err := r.Run(context.Background(), p)
					sound(t, p, s, err)
					require.Len(t, s.Staff, len(p.Staff))
					objectives = append(objectives, s.Objective)
				}
				greedy, local := objectives[1], objectives[2]
				assert.GreaterOrEqual(t, greedy.Deviation, local.Deviation)
				if greedy.Deviation == local.Deviation {
					assert.GreaterOrEqual(t, greedy.RequestCost, local.RequestCost)
				}
				assert.Equal(t, tc.best, local.Deviation)
				assert.Less(t, local.RequestCost, greedy.RequestCost, "local search improves W")
			})
		}
	}
}

func TestLocalSearchIsDeterministic(t *testing.T) {
	p, err := gen.Office(gen.S, 3)
	require.NoError(t, err)
	run := func(ls baseline.LocalSearch) *model.Schedule {
		s, err := ls.Run(context.Background(), p)
		sound(t, p, s, err)
		s.Stats = model.Stats{}
		return s
	}
	a, b := run(fast), run(fast)
	assert.Equal(t, a, b, "same seed and budget")

	other := fast
	other.Seed = 2
	run(other) // another seed: another rota, just as sound

	greedy, err := baseline.Greedy{}.Run(context.Background(), p)
	require.NoError(t, err)
	none := fast
	none.Moves = -1
	assert.Equal(t, rosters(greedy), rosters(run(none)), "no moves is the greedy rota")
}
