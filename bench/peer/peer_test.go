package peer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os/exec"
	"strings"
	"testing"
	"time"

	gs "github.com/crillab/gophersat/solver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// The four Fridays of February 2024.
var (
	f1 = model.MustDate("2024-02-02")
	f2 = model.MustDate("2024-02-09")
	f3 = model.MustDate("2024-02-16")
	f4 = model.MustDate("2024-02-23")
)

func period(last model.Date) model.Period {
	return model.Period{Start: model.MustDate("2024-02-01"), End: last}
}

func staff(ids ...string) []model.Staff {
	out := make([]model.Staff, len(ids))
	for i, id := range ids {
		out[i] = model.Staff{ID: id}
	}
	return out
}

// requestsProblem: three people, three Fridays, one a Friday, shares of 1
// each. Chris and Anna both prefer the first Friday (weights 3 and 1), Bo
// avoids the second. Optimum: Chris, Anna, Bo; D = 0, W = 1.
func requestsProblem() *model.Problem {
	return &model.Problem{
		Name:   "requests",
		Period: period(f3),
		Staff:  staff("anna", "bo", "chris"),
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1}},
		Requests: []model.Request{
			{Staff: "chris", Date: f1, Kind: model.Prefer, Weight: 3},
			{Staff: "anna", Date: f1, Kind: model.Prefer},
			{Staff: "bo", Date: f2, Kind: model.Avoid},
		},
	}
}

// tightProblem: four people, three Fridays, two a Friday (shares 1.5, so
// Low 1 and High 2). Anna is the only member of unit u, which needs one
// person every Friday: she works 3 > High, so D = 1. Bo and Chris avoid
// every Friday and Dag the first: the second person of the first Friday
// costs 1. Optimum D = 1, W = 1.
func tightProblem() *model.Problem {
	p := &model.Problem{
		Name:   "tight",
		Period: period(f3),
		Units:  []model.Unit{{ID: "u"}, {ID: "v"}},
		Staff:  staff("anna", "bo", "chris", "dag"),
		Rules: model.Rules{
			Coverage:     model.Coverage{PerDate: 2},
			UnitMinimums: []model.UnitMinimum{{Unit: "u", Min: 1}},
		},
	}
	p.Staff[0].Unit = "u"
	for i := 1; i < 4; i++ {
		p.Staff[i].Unit = "v"
	}
	for _, who := range []string{"bo", "chris"} {
		for _, d := range []model.Date{f1, f2, f3} {
			p.Requests = append(p.Requests, model.Request{Staff: who, Date: d, Kind: model.Avoid})
		}
	}
	p.Requests = append(p.Requests, model.Request{Staff: "dag", Date: f1, Kind: model.Avoid})
	return p
}

// infeasibleProblem: three people, four Fridays, one a Friday, but a
// window allows one duty in four weeks: only three duties fit.
func infeasibleProblem() *model.Problem {
	return &model.Problem{
		Name:   "infeasible",
		Period: period(f4),
		Staff:  staff("anna", "bo", "chris"),
		Rules: model.Rules{
			Coverage: model.Coverage{PerDate: 1},
			Windows:  []model.Window{{Weeks: 4, Max: 1}},
		},
	}
}

// pinnedProblem: three people, four Fridays, one a Friday, two weeks'
// spacing. Bo is pinned to the first Friday, Chris is away on the second,
// Anna must not work the third. Shares 16/11, 16/11 and 12/11: Low 1,
// High 2. The second Friday must be Anna's (Bo worked the first, Chris is
// away), so Anna pays her Avoid of weight 5; Chris prefers the fourth
// (weight 2) and cannot also take the third, which goes to Bo. Optimum
// D = 0, W = 5: Bo, Anna, Bo, Chris.
func pinnedProblem() *model.Problem {
	return &model.Problem{
		Name:     "pinned",
		Period:   period(f4),
		Staff:    staff("anna", "bo", "chris"),
		Absences: []model.Absence{{Staff: "chris", First: f2, Last: f2, Kind: model.Vacation}},
		Rules: model.Rules{
			Coverage: model.Coverage{PerDate: 1},
			Spacing:  model.Spacing{Weeks: 2},
		},
		Pins: []model.Pin{{Staff: "bo", Date: f1, Work: true}, {Staff: "anna", Date: f3, Work: false}},
		Requests: []model.Request{
			{Staff: "chris", Date: f4, Kind: model.Prefer, Weight: 2},
			{Staff: "anna", Date: f2, Kind: model.Avoid, Weight: 5},
		},
	}
}

type want struct {
	status model.Status
	d, w   int
}

var handCases = []struct {
	name string
	p    func() *model.Problem
	want want
}{
	{"requests", requestsProblem, want{model.Optimal, 0, 1}},
	{"tight unit", tightProblem, want{model.Optimal, 1, 1}},
	{"infeasible window", infeasibleProblem, want{model.Infeasible, 0, 0}},
	{"pins spacing absence", pinnedProblem, want{model.Optimal, 0, 5}},
}

func runners(t *testing.T) []interface {
	Name() string
	Run(context.Context, *model.Problem) (*model.Schedule, error)
} {
	out := []interface {
		Name() string
		Run(context.Context, *model.Problem) (*model.Schedule, error)
	}{Gophersat{}}
	if _, err := exec.LookPath("cbc"); err == nil {
		out = append(out, &CBC{})
	} else {
		t.Log("cbc not on PATH: the CBC runner is not tested (apt-get install coinor-cbc)")
	}
	return out
}

// assertSound checks s with the model's independent checker.
func assertSound(t *testing.T, p *model.Problem, s *model.Schedule) {
	t.Helper()
	require.NotNil(t, s)
	assert.Empty(t, model.Check(p, s), "model.Check")
}

func TestRunnersHandMade(t *testing.T) {
	for _, r := range runners(t) {
		for _, tc := range handCases {
			t.Run(r.Name()+"/"+tc.name, func(t *testing.T) {
				p := tc.p()
				s, err := r.Run(context.Background(), p)
				require.NoError(t, err)
				assertSound(t, p, s)
				assert.Equal(t, tc.want.status, s.Status)
				if tc.want.status != model.Optimal {
					return
				}
				assert.Equal(t, tc.want.d, s.Objective.Deviation, "D")
				assert.Equal(t, tc.want.w, s.Objective.RequestCost, "W")
				for _, l := range s.Objective.Levels {
					assert.Equal(t, l.Value, l.Bound, "level %s", l.Kind)
				}
				assert.Positive(t, s.Stats.Solves)
				assert.Positive(t, s.Stats.Variables)
			})
		}
	}
}

func TestPinnedSchedule(t *testing.T) {
	for _, r := range runners(t) {
		t.Run(r.Name(), func(t *testing.T) {
			s, err := r.Run(context.Background(), pinnedProblem())
			require.NoError(t, err)
			var got []string
			for _, d := range s.Dates {
				got = append(got, strings.Join(d.Staff, "+"))
			}
			assert.Equal(t, []string{"bo", "anna", "bo", "chris"}, got)
			require.Len(t, s.Staff, 3)
			assert.Equal(t, "anna", s.Staff[0].ID)
			assert.Equal(t, []model.Date{f2}, s.Staff[0].Dates)
			assert.Equal(t, 1, s.Staff[0].Low)
			assert.Equal(t, 2, s.Staff[0].High)
			assert.InDelta(t, 16.0/11, s.Staff[0].Share, 1e-12) // 4 duties * 400 / 1100
		})
	}
}

// randomProblem draws a tiny valid problem: 3 to 5 staff, 3 or 4
// Fridays, with units, a role, absences, requests, pins, history and
// spacing or a window. It returns nil when the draw fails validation.
func randomProblem(rng *rand.Rand) *model.Problem {
	last := []model.Date{f3, f4}[rng.Intn(2)]
	dates := []model.Date{f1, f2, f3, f4}
	if last == f3 {
		dates = dates[:3]
	}
	n := 3 + rng.Intn(3)
	p := &model.Problem{
		Name:   "random",
		Period: period(last),
		Units:  []model.Unit{{ID: "u"}, {ID: "v"}},
		Roles:  []model.Role{{ID: "senior"}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1 + rng.Intn(2)}},
	}
	for i := 0; i < n; i++ {
		st := model.Staff{ID: fmt.Sprintf("s%d", i), Unit: []string{"u", "v"}[rng.Intn(2)]}
		if rng.Intn(3) == 0 {
			st.Roles = []string{"senior"}
		}
		if rng.Intn(4) == 0 {
			st.Percent = 50
		}
		if rng.Intn(4) == 0 {
			st.History = model.History{Duties: rng.Intn(4), Dates: 4 + rng.Intn(8)}
		}
		p.Staff = append(p.Staff, st)
	}
	if rng.Intn(2) == 0 {
		p.Rules.UnitMinimums = []model.UnitMinimum{{Unit: "u", Min: 1}}
	}
	if rng.Intn(3) == 0 {
		p.Rules.RoleMinimums = []model.RoleMinimum{{Role: "senior", Min: 1}}
	}
	switch rng.Intn(3) {
	case 0:
		p.Rules.Spacing.Weeks = 1 + rng.Intn(2)
	case 1:
		p.Rules.Windows = []model.Window{{Weeks: 2 + rng.Intn(2), Max: 1 + rng.Intn(2)}}
	}
	if rng.Intn(5) == 0 {
		p.Rules.Fairness.Off = true
	}
	if rng.Intn(4) == 0 {
		p.Rules.Coverage.Dates = []model.DateCount{{Date: dates[rng.Intn(len(dates))], Count: rng.Intn(3)}}
	}
	for i := rng.Intn(3); i > 0; i-- {
		d := dates[rng.Intn(len(dates))]
		p.Absences = append(p.Absences, model.Absence{Staff: p.Staff[rng.Intn(n)].ID, First: d, Last: d.AddDays(rng.Intn(10))})
	}
	for i := rng.Intn(7); i > 0; i-- {
		kind := []model.RequestKind{model.Avoid, model.Prefer}[rng.Intn(2)]
		p.Requests = append(p.Requests, model.Request{Staff: p.Staff[rng.Intn(n)].ID, Date: dates[rng.Intn(len(dates))], Kind: kind, Weight: rng.Intn(4)})
	}
	if rng.Intn(3) == 0 {
		p.Pins = []model.Pin{{Staff: p.Staff[rng.Intn(n)].ID, Date: dates[rng.Intn(len(dates))], Work: rng.Intn(2) == 0}}
	}
	if rng.Intn(4) == 0 {
		p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: "u", Max: 1}}
	}
	if rng.Intn(4) == 0 {
		p.Rules.MaxGap.Weeks = 2 + rng.Intn(2)
	}
	if p.Validate() != nil {
		return nil
	}
	return p
}

// bruteForce enumerates every rota with the right number of people per
// date, keeps those model.Check finds no hard-rule violation in, and
// returns the lexicographic optimum (D, W), or ok false when none is
// feasible.
func bruteForce(t *testing.T, p *model.Problem) (d, w int, ok bool) {
	t.Helper()
	in, err := newInstance(p)
	require.NoError(t, err)
	n := len(p.Staff)
	choice := make([]int, len(in.dates)) // a subset of staff per date, as a bit mask
	var masks [][]int
	for _, c := range in.demand {
		var ms []int
		for m := 0; m < 1<<n; m++ {
			if popcount(m) == c {
				ms = append(ms, m)
			}
		}
		masks = append(masks, ms)
	}
	hard := map[model.RuleKind]bool{model.RuleCoverage: true, model.RuleAvailability: true, model.RuleUnitMinimum: true,
		model.RuleRoleMinimum: true, model.RuleSpacing: true, model.RuleWindow: true, model.RulePin: true,
		model.RuleUnitMaximum: true, model.RuleMaxGap: true}
	var rec func(f int)
	rec = func(f int) {
		if f == len(in.dates) {
			s := &model.Schedule{Status: model.Feasible}
			on := make([]bool, len(in.vars))
			for g, dd := range in.dates {
				r := model.DutyRoster{Date: dd, Staff: []string{}}
				for i := 0; i < n; i++ {
					if masks[g][choice[g]]&(1<<i) != 0 {
						r.Staff = append(r.Staff, p.Staff[i].ID)
						if k := in.varOf[i][g]; k >= 0 {
							on[k] = true
						}
					}
				}
				s.Dates = append(s.Dates, r)
			}
			for _, v := range model.Check(p, s) {
				if hard[v.Rule] {
					return
				}
			}
			dd, ww := in.score(on)
			if p.Rules.Fairness.Off {
				dd = 0
			}
			if !ok || dd < d || (dd == d && ww < w) {
				d, w, ok = dd, ww, true
			}
			return
		}
		for i := range masks[f] {
			choice[f] = i
			rec(f + 1)
		}
	}
	rec(0)
	return d, w, ok
}

func popcount(m int) int {
	c := 0
	for ; m != 0; m &= m - 1 {
		c++
	}
	return c
}

func TestRunnersAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	rs := runners(t)
	tested := 0
	for seed := 0; tested < 25 && seed < 500; seed++ {
		p := randomProblem(rng)
		if p == nil {
			continue
		}
		tested++
		d, w, feasible := bruteForce(t, p)
		for _, r := range rs {
			t.Run(fmt.Sprintf("%s/seed%d", r.Name(), seed), func(t *testing.T) {
				s, err := r.Run(context.Background(), p)
				require.NoError(t, err)
				assertSound(t, p, s)
				if !feasible {
					assert.Equal(t, model.Infeasible, s.Status)
					return
				}
				require.Equal(t, model.Optimal, s.Status)
				if !p.Rules.Fairness.Off {
					assert.Equal(t, d, s.Objective.Deviation, "D")
				}
				assert.Equal(t, w, s.Objective.RequestCost, "W")
			})
		}
	}
	assert.Equal(t, 25, tested)
}

func TestWriteLP(t *testing.T) {
	tests := []struct {
		name  string
		p     *model.Problem
		stage Stage
		want  []string
	}{
		{"stage 1", requestsProblem(), DeviationStage(), []string{
			"Minimize\n obj: D\nSubject To\n",
			" cov_0: x_0_0 + x_1_0 + x_2_0 = 1\n",
			" lo_0: x_0_0 + x_0_1 + x_0_2 + D >= 1\n",
			" hi_2: x_2_0 + x_2_1 + x_2_2 - D <= 1\n",
			"Bounds\n D >= 0\nGenerals\n D\nBinaries\n x_0_0\n",
			"\nEnd\n",
		}},
		{"stage 2", requestsProblem(), RequestStage(0), []string{
			// Prefer is w(1-x): the constant 4 rides on the fixed one.
			" obj: - x_0_0 + x_1_1 - 3 x_2_0 + 4 one\n",
			" D = 0\n one = 1\n",
		}},
		{"unit minimum", tightProblem(), RequestStage(1), []string{
			" unit_0_2: x_0_2 >= 1\n",
			" D = 1\n",
		}},
		{"pins spacing absence", pinnedProblem(), DeviationStage(), []string{
			" space_0_0: x_0_0 + x_0_1 <= 1\n",
			" space_2_2: x_2_2 + x_2_3 <= 1\n",
			" x_1_0 = 1\n x_0_2 = 0\n",
		}},
		{"window", infeasibleProblem(), DeviationStage(), []string{
			" win_0_0_0: x_0_0 + x_0_1 + x_0_2 + x_0_3 <= 1\n",
		}},
		{"nobody available", &model.Problem{
			Period:   period(f3),
			Staff:    staff("a", "b"),
			Rules:    model.Rules{Coverage: model.Coverage{PerDate: 1}},
			Absences: []model.Absence{{Staff: "a", First: f2, Last: f2}, {Staff: "b", First: f2, Last: f2}},
		}, DeviationStage(), []string{" cov_1: zero = 1\n", " zero = 0\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteLP(&b, tc.p, tc.stage))
			for _, w := range tc.want {
				assert.Contains(t, b.String(), w)
			}
		})
	}
}

// TestWriteOPB parses each exported stage back with gophersat's own OPB
// reader and solves it: the optimum must be the known one.
func TestWriteOPB(t *testing.T) {
	for _, tc := range handCases {
		if tc.want.status != model.Optimal {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p()
			var b bytes.Buffer
			require.NoError(t, WriteOPB(&b, p, DeviationStage()))
			assert.True(t, strings.HasPrefix(b.String(), "* #variable= "))
			d := solveOPB(t, b.String())
			assert.Equal(t, tc.want.d, d, "D from the stage 1 OPB")

			b.Reset()
			require.NoError(t, WriteOPB(&b, p, RequestStage(d)))
			text := b.String()
			var c int
			_, err := fmt.Sscanf(text[strings.Index(text, "* W = objective + "):], "* W = objective + %d", &c)
			require.NoError(t, err)
			assert.Equal(t, tc.want.w, solveOPB(t, text)+c, "W from the stage 2 OPB")
		})
	}
	t.Run("golden", func(t *testing.T) {
		var b bytes.Buffer
		require.NoError(t, WriteOPB(&b, requestsProblem(), RequestStage(0)))
		for _, w := range []string{
			"* #variable= 9 #constraint= 9\n",
			// 4 for the two Prefer requests, less 1 + 3 moved to ~x1, ~x7.
			"* W = objective + 0\n",
			"* map x1 \"anna\" 2024-02-02\n",
			"min: +1 ~x1 +1 x5 +3 ~x7 ;\n",
			"* cov_0\n+1 x1 +1 x4 +1 x7 = 1 ;\n",
			"* hi_0\n-1 x1 -1 x2 -1 x3 >= -1 ;\n",
		} {
			assert.Contains(t, b.String(), w)
		}
		b.Reset()
		require.NoError(t, WriteOPB(&b, tightProblem(), DeviationStage()))
		// One unary digit of D (x13) suffices: nobody can deviate by more.
		assert.Contains(t, b.String(), "min: +1 x13 ;\n")
		assert.Contains(t, b.String(), "* hi_0\n-1 x1 -1 x2 -1 x3 -1 ~x13 >= -3 ;\n")
	})
}

// solveOPB solves an OPB text with gophersat and returns its optimum.
func solveOPB(t *testing.T, text string) int {
	t.Helper()
	pb, err := gs.ParseOPB(strings.NewReader(text))
	require.NoError(t, err)
	s := gs.New(pb)
	if !pb.Optim() {
		require.Equal(t, gs.Sat, s.Solve())
		return 0
	}
	cost := s.Minimize()
	require.GreaterOrEqual(t, cost, 0)
	return cost
}

func TestInvalidProblems(t *testing.T) {
	bad := &model.Problem{Period: period(f3), Staff: staff("a"), Pins: []model.Pin{{Staff: "nobody", Date: f1, Work: true}}}
	for _, p := range []*model.Problem{nil, {}, bad} {
		var b bytes.Buffer
		assert.Error(t, WriteLP(&b, p, DeviationStage()))
		assert.Error(t, WriteOPB(&b, p, DeviationStage()))
		_, err := Gophersat{}.Run(context.Background(), p)
		assert.Error(t, err)
		if _, lerr := exec.LookPath("cbc"); lerr == nil {
			_, err := (&CBC{}).Run(context.Background(), p)
			assert.Error(t, err)
			assert.False(t, IsSkip(err))
		}
	}
}

func TestCBCSkipsWithoutBinary(t *testing.T) {
	_, err := (&CBC{Path: "/nonexistent/cbc"}).Run(context.Background(), requestsProblem())
	require.Error(t, err)
	assert.True(t, IsSkip(err))
	assert.Equal(t, "skipped: cbc not found", err.Error())
	var se *SkipError
	require.True(t, errors.As(fmt.Errorf("wrapped: %w", err), &se))
	assert.Equal(t, "cbc", se.Runner)
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range runners(t) {
		t.Run(r.Name(), func(t *testing.T) {
			p := tightProblem()
			s, err := r.Run(ctx, p)
			if err != nil {
				assert.ErrorIs(t, err, context.Canceled)
			}
			assertSound(t, p, s)
		})
	}
}

func TestCBCTimeLimitedStage(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not on PATH (apt-get install coinor-cbc)")
	}
	// A deadline in the past: cbc never starts, the schedule is Unknown.
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	p := tightProblem()
	s, err := (&CBC{}).Run(ctx, p)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, s)
	assert.Equal(t, model.Unknown, s.Status)
	assertSound(t, p, s)
}

// TestCBCDeadlineMidSolve gives cbc a deadline it may not meet on the
// 120-staff office: whatever it has by then must be sound, and a stopped
// run must say so with ctx's error.
func TestCBCDeadlineMidSolve(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not on PATH (apt-get install coinor-cbc)")
	}
	if testing.Short() {
		t.Skip("generates a 120-staff office")
	}
	p, err := gen.Office(gen.M, 1)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	s, err := (&CBC{}).Run(ctx, p)
	require.NotNil(t, s)
	assertSound(t, p, s)
	t.Logf("status %s, objective %+v, err %v", s.Status, s.Objective, err)
	if s.Status != model.Optimal {
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		for _, l := range s.Objective.Levels {
			assert.LessOrEqual(t, l.Bound, l.Value, "level %s", l.Kind)
		}
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		line string
		want cbcStatus
		obj  float64
	}{
		{"Optimal - objective value 3.00000000", cbcOptimal, 3},
		{"Infeasible - objective value 2.00000000", cbcInfeasible, 2},
		{"Integer infeasible - objective value 1.50000000", cbcInfeasible, 1.5},
		{"Stopped on time - objective value 7.00000000", cbcStopped, 7},
		{"Stopped on iterations - objective value 7.00000000", cbcStopped, 7},
		{"Stopped on time (no integer solution - continuous used) - objective value 20.95718936", cbcNoSolution, 20.95718936},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			got, obj, err := parseStatus(tc.line)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.InDelta(t, tc.obj, obj, 1e-9)
		})
	}
	_, _, err := parseStatus("Unbounded - objective value 0")
	assert.Error(t, err)
}
