package solver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// rhythmOrders are the level orders rhythmProblem draws from: nil is the
// default order of p.Levels().
var rhythmOrders = [][]model.LevelKind{
	nil,
	nil,
	nil,
	{model.LevelRhythm, model.LevelFairness, model.LevelRequests},
	{model.LevelClasses},
	{model.LevelRequests, model.LevelRhythm},
	{model.LevelRhythm},
	{model.LevelClasses, model.LevelRhythm, model.LevelRequests},
	{model.LevelRhythm, model.LevelClasses},
	{model.LevelFairness, model.LevelRhythm, model.LevelClasses, model.LevelRequests},
	{model.LevelRequests, model.LevelClasses, model.LevelFairness, model.LevelRhythm},
	{model.LevelClasses, model.LevelFairness},
	{model.LevelRequests, model.LevelClasses},
	{model.LevelRequests, model.LevelRhythm, model.LevelClasses},
	{model.LevelRhythm, model.LevelRequests, model.LevelClasses},
}

// rhythmProblem is a tiny random problem for the classes and rhythm
// levels: 2 to 4 people, 3 to 6 Fridays, 1 or 2 on duty, with absences,
// percents, history, requests and sometimes spacing, a window, a gap or
// pins; half of them with 1 or 2 date classes (and sometimes one person
// asking for every date of a class, or pinned to two), half with Rhythm.On, and most with
// an explicit level order naming classes and rhythm.
func rhythmProblem(seed uint64) *model.Problem {
	rng := rand.New(rand.NewPCG(seed, 0x7e7))
	start := model.MustDate("2024-01-05") // a Friday
	nDates := 3 + rng.IntN(4)
	nStaff := 2 + rng.IntN(3)
	p := &model.Problem{
		Name:   fmt.Sprintf("rhythm-%d", seed),
		Period: model.Period{Start: start, End: start.AddDays(7*(nDates-1) + 2)},
	}
	for i := range nStaff {
		st := model.Staff{ID: fmt.Sprintf("p%d", i)}
		if rng.IntN(4) == 0 {
			st.Percent = 40 + 10*rng.IntN(7)
		}
		if rng.IntN(4) == 0 {
			st.History = model.History{Duties: rng.IntN(4), Dates: rng.IntN(7)}
		}
		if rng.IntN(10) == 0 {
			st.Start = start.AddDays(7 * rng.IntN(nDates))
		}
		p.Staff = append(p.Staff, st)
	}
	dates := p.Period.DutyDates()
	p.Rules.Coverage.PerDate = 1 + rng.IntN(min(2, nStaff-1))
	if rng.IntN(4) == 0 {
		p.Rules.Coverage.Dates = []model.DateCount{{Date: dates[rng.IntN(len(dates))], Count: rng.IntN(p.Rules.Coverage.PerDate + 1)}}
	}
	for range rng.IntN(nStaff + 1) {
		first := dates[rng.IntN(len(dates))]
		p.Absences = append(p.Absences, model.Absence{Staff: p.Staff[rng.IntN(nStaff)].ID, First: first, Last: first.AddDays(7 * rng.IntN(2))})
	}
	if rng.IntN(3) == 0 {
		p.Rules.Spacing.Weeks = 1 + rng.IntN(2)
	}
	if rng.IntN(6) == 0 {
		p.Rules.Windows = []model.Window{{Weeks: 2 + rng.IntN(2), Max: 1 + rng.IntN(2)}}
	}
	if rng.IntN(6) == 0 {
		p.Rules.MaxGap.Weeks = 2 + rng.IntN(3)
	}
	for range rng.IntN(2 * nStaff) {
		q := model.Request{Staff: p.Staff[rng.IntN(nStaff)].ID, Date: dates[rng.IntN(len(dates))], Kind: model.Avoid, Weight: rng.IntN(4)}
		if rng.IntN(2) == 0 {
			q.Kind = model.Prefer
		}
		p.Requests = append(p.Requests, q)
	}
	classes := 0
	if rng.IntN(2) == 0 {
		classes = 1 + rng.IntN(2)
	}
	p.Rules.Rhythm.On = rng.IntN(2) == 0
	p.Rules.Objective = rhythmOrders[rng.IntN(len(rhythmOrders))]
	if slices.Contains(p.Rules.Objective, model.LevelClasses) {
		classes = max(classes, 1)
	}
	if !slices.Contains(p.Rules.Objective, model.LevelFairness) && rng.IntN(6) == 0 {
		p.Rules.Fairness.Off = true
	}
	for k := range classes {
		c := model.DateClass{ID: fmt.Sprintf("k%d", k)}
		for _, d := range dates {
			if rng.IntN(2) == 0 {
				c.Dates = append(c.Dates, d)
			}
		}
		if len(c.Dates) == 0 {
			c.Dates = []model.Date{dates[rng.IntN(len(dates))]}
		}
		p.Period.Classes = append(p.Period.Classes, c)
		// Sometimes one person asks for every date of the class, which
		// crowds the class when requests come first, or is pinned to
		// two of its dates, which crowds it always.
		switch rng.IntN(4) {
		case 0, 1:
			who := p.Staff[rng.IntN(nStaff)].ID
			for _, d := range c.Dates {
				p.Requests = append(p.Requests, model.Request{Staff: who, Date: d, Kind: model.Prefer, Weight: 1 + rng.IntN(3)})
			}
		case 2:
			who := p.Staff[rng.IntN(nStaff)].ID
			for _, d := range c.Dates[:min(2, len(c.Dates))] {
				p.Pins = append(p.Pins, model.Pin{Staff: who, Date: d, Work: true})
				if p.Validate() != nil {
					p.Pins = p.Pins[:len(p.Pins)-1]
				}
			}
		}
	}
	for range rng.IntN(3) {
		p.Pins = append(p.Pins, model.Pin{Staff: p.Staff[rng.IntN(nStaff)].ID, Date: dates[rng.IntN(len(dates))], Work: rng.IntN(2) == 0})
		if p.Validate() != nil {
			p.Pins = p.Pins[:len(p.Pins)-1]
		}
	}
	return p
}

// rhythmFailure is one disagreement of the solver with the brute force.
type rhythmFailure struct {
	seed uint64
	p    *model.Problem
	msg  string
}

// size orders failures, smallest problem first: person-dates, then the
// length of its JSON.
func (f rhythmFailure) size() []int {
	b, _ := json.Marshal(f.p)
	return []int{len(f.p.Staff) * len(f.p.Period.DutyDates()), len(b)}
}

// checkRhythmAnswer solves p and compares the answer with the brute
// force's: the same feasibility, an Optimal status, the brute force's
// best value (and a matching bound) on every level, and a rota the
// checker accepts. It returns what is wrong, or "".
func checkRhythmAnswer(p *model.Problem, feasible bool, best []int) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := solver.Solve(ctx, p)
	if !feasible {
		if s == nil || s.Status != model.Infeasible || err == nil {
			return fmt.Sprintf("brute force: infeasible; solver: %s", describeAnswer(s, err))
		}
		return ""
	}
	if err != nil || s == nil || s.Status != model.Optimal {
		return fmt.Sprintf("brute force: %v = %v; solver: %s", p.Levels(), best, describeAnswer(s, err))
	}
	var got, bounds []int
	for _, l := range s.Objective.Levels {
		got, bounds = append(got, l.Value), append(bounds, l.Bound)
	}
	switch {
	case !slices.Equal(got, best):
		return fmt.Sprintf("levels %v: brute force %v, solver %v (bounds %v)", p.Levels(), best, got, bounds)
	case !slices.Equal(bounds, best):
		return fmt.Sprintf("levels %v: values %v right but bounds %v", p.Levels(), got, bounds)
	}
	if vs := model.Check(p, s); len(vs) > 0 {
		return fmt.Sprintf("the checker rejects the rota: %v", vs)
	}
	return ""
}

func describeAnswer(s *model.Schedule, err error) string {
	if s == nil {
		return fmt.Sprintf("no schedule, error %v", err)
	}
	var vals []string
	for _, l := range s.Objective.Levels {
		vals = append(vals, fmt.Sprintf("%s=%d (bound %d)", l.Kind, l.Value, l.Bound))
	}
	return fmt.Sprintf("status %s, levels %v, error %v", s.Status, vals, err)
}

// TestRhythmBruteForce solves seeded random tiny problems with date
// classes and the rhythm level and confirms every answer by enumeration.
// It goes on past a failure (up to a few), and logs the smallest failing
// problem as JSON to debug from.
func TestRhythmBruteForce(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 300
	}
	var fails []rhythmFailure
	infeasible, withClasses, withRhythm, ordered := 0, 0, 0, 0
	// Optima above 0 on each new level: an optimum of 0 everywhere would
	// test little.
	positive := map[model.LevelKind]int{}
	for seed := range uint64(n) {
		p := rhythmProblem(seed)
		require.NoError(t, p.Validate(), "seed %d", seed)
		levels := p.Levels()
		if slices.Contains(levels, model.LevelClasses) {
			withClasses++
		}
		if slices.Contains(levels, model.LevelRhythm) {
			withRhythm++
		}
		if len(p.Rules.Objective) > 0 {
			ordered++
		}
		feasible, best := bruteForce(p)
		if !feasible {
			infeasible++
		}
		for i, k := range levels {
			if feasible && best[i] > 0 {
				positive[k]++
			}
		}
		if msg := checkRhythmAnswer(p, feasible, best); msg != "" {
			t.Errorf("seed %d: %s", seed, msg)
			fails = append(fails, rhythmFailure{seed, p, msg})
			if len(fails) >= 20 {
				t.Log("stopping after 20 failures")
				break
			}
		}
	}
	t.Logf("%d problems, %d infeasible, %d with a classes level (%d optima above 0), %d with a rhythm level (%d above 0), %d in an order of their own",
		n, infeasible, withClasses, positive[model.LevelClasses], withRhythm, positive[model.LevelRhythm], ordered)
	if len(fails) > 0 {
		small := slices.MinFunc(fails, func(a, b rhythmFailure) int {
			return slices.Compare(a.size(), b.size())
		})
		b, _ := json.Marshal(small.p)
		t.Logf("smallest failure, seed %d: %s\n%s", small.seed, small.msg, b)
		return
	}
	require.Greater(t, withClasses, n/4)
	require.Greater(t, withRhythm, n/4)
	require.Greater(t, ordered, n/4)
	require.Greater(t, positive[model.LevelClasses], withClasses/20)
	require.Greater(t, positive[model.LevelRhythm], withRhythm/10)
	require.Greater(t, infeasible, 0)
	require.Less(t, infeasible, n/3)
}

// TestRhythmBruteForceByHand checks the brute force itself, and the
// solver with it, on problems whose optimum is worked out by hand.
func TestRhythmBruteForceByHand(t *testing.T) {
	start := model.MustDate("2024-01-05")
	fridays := func(n int) model.Period {
		return model.Period{Start: start, End: start.AddDays(7 * (n - 1))}
	}
	friday := func(i int) model.Date { return start.AddDays(7 * i) }
	noneOn := func(is ...int) []model.DateCount {
		var out []model.DateCount
		for _, i := range is {
			out = append(out, model.DateCount{Date: friday(i), Count: 0})
		}
		return out
	}
	staff := func(n int) []model.Staff {
		var out []model.Staff
		for i := range n {
			out = append(out, model.Staff{ID: fmt.Sprintf("p%d", i)})
		}
		return out
	}
	prefer := func(s string, is ...int) []model.Request {
		var out []model.Request
		for _, i := range is {
			out = append(out, model.Request{Staff: s, Date: friday(i), Kind: model.Prefer, Weight: 5})
		}
		return out
	}
	tests := []struct {
		name string
		p    *model.Problem
		want []int // in the order of p.Levels()
	}{
		{
			// One person, 6 Fridays, nobody on Fridays 1 and 2: N = 4 =
			// t*, I = 6/4, lo 1, hi 2. Duties at 0, 3, 4, 5: gaps 1, 3,
			// 1, 1, 1; the inner 3 is one over hi.
			name: "forced, one gap too long",
			p: &model.Problem{Period: fridays(6), Staff: staff(1), Rules: model.Rules{
				Coverage: model.Coverage{PerDate: 1, Dates: noneOn(1, 2)},
				Rhythm:   model.Rhythm{On: true},
			}},
			want: []int{0, 1, 0}, // fairness, rhythm, requests
		},
		{
			// Duties at 0 and 5 of 6: t* = 2, I = 3 = lo = hi; gaps 1, 5,
			// 1: the inner 5 is 2 over.
			name: "forced, the ends only",
			p: &model.Problem{Period: fridays(6), Staff: staff(1), Rules: model.Rules{
				Coverage:  model.Coverage{PerDate: 1, Dates: noneOn(1, 2, 3, 4)},
				Objective: []model.LevelKind{model.LevelRhythm},
			}},
			want: []int{2},
		},
		{
			// Duties at 2 and 3 of 6: I = 3; gaps 3, 1, 3: the inner 1
			// is 2 under lo, the ends within hi.
			name: "forced, a gap too short",
			p: &model.Problem{Period: fridays(6), Staff: staff(1), Rules: model.Rules{
				Coverage:  model.Coverage{PerDate: 1, Dates: noneOn(0, 1, 4, 5)},
				Objective: []model.LevelKind{model.LevelRhythm},
			}},
			want: []int{2},
		},
		{
			// History 3 duties of N = 9, both with 6 dates: shares 4.5,
			// t* 1.5 and 4.5, intervals 4 and 4/3. p0 once at 2 or 3
			// (gaps within 4), p1 the rest (gaps 1 and one 2): rhythm 0.
			name: "history stretches the interval",
			p: &model.Problem{Period: fridays(6), Staff: []model.Staff{{ID: "p0", History: model.History{Duties: 3}}, {ID: "p1"}}, Rules: model.Rules{
				Coverage:  model.Coverage{PerDate: 1},
				Objective: []model.LevelKind{model.LevelRhythm},
			}},
			want: []int{0},
		},
		{
			// Two people, 6 Fridays, one each: t* = 3, I = 2. Their
			// requests (p0 the first three, p1 the last three) are met
			// in full only as blocks: p0's inner gaps 1, 1 cost 2 and its
			// tail 4 costs 2, p1 the mirror: rhythm 8.
			name: "requests before rhythm",
			p: &model.Problem{Period: fridays(6), Staff: staff(2), Rules: model.Rules{
				Coverage:  model.Coverage{PerDate: 1},
				Objective: []model.LevelKind{model.LevelRequests, model.LevelRhythm},
			}, Requests: slices.Concat(prefer("p0", 0, 1, 2), prefer("p1", 3, 4, 5))},
			want: []int{0, 8},
		},
		{
			// The same, rhythm first: only 0,2,4 / 1,3,5 have rhythm 0,
			// and either way two requests of 5 fail.
			name: "rhythm before requests",
			p: &model.Problem{Period: fridays(6), Staff: staff(2), Rules: model.Rules{
				Coverage:  model.Coverage{PerDate: 1},
				Objective: []model.LevelKind{model.LevelRhythm, model.LevelRequests},
			}, Requests: slices.Concat(prefer("p0", 0, 1, 2), prefer("p1", 3, 4, 5))},
			want: []int{0, 10},
		},
		{
			// A class of Fridays 0 and 1, one share each: p0, who
			// prefers both, gets one of them; fairness (2 each of 4) is
			// met too.
			name: "classes before requests",
			p: &model.Problem{Period: model.Period{Start: start, End: start.AddDays(21), Classes: []model.DateClass{{ID: "x", Dates: []model.Date{friday(0), friday(1)}}}},
				Staff: staff(2), Rules: model.Rules{Coverage: model.Coverage{PerDate: 1}},
				Requests: []model.Request{{Staff: "p0", Date: friday(0), Kind: model.Prefer}, {Staff: "p0", Date: friday(1), Kind: model.Prefer}}},
			want: []int{0, 0, 1}, // fairness, classes, requests
		},
		{
			// Requests first: p0 takes both class dates, one over a
			// High of 1.
			name: "requests before classes",
			p: &model.Problem{Period: model.Period{Start: start, End: start.AddDays(21), Classes: []model.DateClass{{ID: "x", Dates: []model.Date{friday(0), friday(1)}}}},
				Staff: staff(2), Rules: model.Rules{Coverage: model.Coverage{PerDate: 1}, Objective: []model.LevelKind{model.LevelRequests, model.LevelClasses}},
				Requests: []model.Request{{Staff: "p0", Date: friday(0), Kind: model.Prefer}, {Staff: "p0", Date: friday(1), Kind: model.Prefer}}},
			want: []int{0, 1},
		},
		{
			// p1 is away on the class's one date and has no share of
			// it (a(k, p1) = 0): p0's share is the whole class, 1, its
			// 5 earlier duties aside, and p0 works it: deviation 0.
			name: "classes ignore history",
			p: &model.Problem{Period: model.Period{Start: start, End: start.AddDays(21), Classes: []model.DateClass{{ID: "x", Dates: []model.Date{friday(0)}}}},
				Staff:    []model.Staff{{ID: "p0", History: model.History{Duties: 5}}, {ID: "p1"}},
				Absences: []model.Absence{{Staff: "p1", First: friday(0), Last: friday(0)}},
				Rules:    model.Rules{Coverage: model.Coverage{PerDate: 1}, Objective: []model.LevelKind{model.LevelClasses}}},
			want: []int{0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.p.Validate())
			feasible, best := bruteForce(tc.p)
			require.True(t, feasible)
			require.Equal(t, tc.want, best, "the brute force, levels %v", tc.p.Levels())
			if msg := checkRhythmAnswer(tc.p, feasible, best); msg != "" {
				b, _ := json.Marshal(tc.p)
				t.Errorf("%s\n%s", msg, b)
			}
		})
	}
}
