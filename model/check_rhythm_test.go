package model_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

// The ten Fridays of the rhythm cases, positions 0 to 9: 2024-09-06 to
// 2024-11-08, holidays kept.
var fridays = model.Period{Start: model.MustDate("2024-09-06"), End: model.MustDate("2024-11-08"), KeepHolidays: true}

func friday(k int) model.Date { return fridays.Start.AddDays(7 * k) }

// annAndBob is one person on duty each Friday: ann at percent pa, bob at
// percent pb, both available on all ten, so that W = 10*(pa+pb), N = 10
// and their shares are 10*pa/(pa+pb) and 10*pb/(pa+pb).
func annAndBob(pa, pb int) *model.Problem {
	return &model.Problem{
		Period: fridays,
		Staff:  []model.Staff{{ID: "ann", Percent: pa}, {ID: "bob", Percent: pb}},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1}},
	}
}

// rota gives ann the Fridays at the positions listed and bob every other.
func rota(ann ...int) [][]string {
	out := make([][]string, 10)
	for k := range out {
		out[k] = []string{"bob"}
	}
	for _, k := range ann {
		out[k] = []string{"ann"}
	}
	return out
}

// absenceProblem is annAndBob(20, 80) with ann away on Fridays 3 and 4
// and carl, who never works Fridays.
func absenceProblem() *model.Problem {
	p := annAndBob(20, 80)
	p.Staff = append(p.Staff, model.Staff{ID: "carl", OffWeekdays: []model.Weekday{model.Weekday(time.Friday)}})
	p.Absences = []model.Absence{{Staff: "ann", First: friday(3), Last: friday(4), Kind: model.Vacation}}
	return p
}

// figures are one person's hand-worked figures.
type figures struct {
	share     float64
	low, high int
	interval  float64
	rhythm    int
	classes   []model.ClassDuties
}

// rhythmCase is a problem, a rota worked out by hand, and every figure
// the schedule must report for it.
type rhythmCase struct {
	name      string
	problem   func() *model.Problem
	rota      [][]string // the people on duty on each duty date, in order
	staff     []figures  // in staff order
	deviation int
	classes   int // ClassDeviation
	rhythm    int
}

var rhythmCases = []rhythmCase{
	{
		// ann's share is 2: I = 10/2 = 5, lo = hi = 5. Gaps 1, 5 and
		// 10-5 = 5 cost nothing. bob's 8: I = 1.25, lo 1, hi 2; his gaps
		// are 2, 1, 1, 1, 2, 1, 1, 1 and 1.
		name:    "whole interval, even",
		problem: func() *model.Problem { return annAndBob(20, 80) },
		rota:    rota(0, 5),
		staff:   []figures{{share: 2, low: 2, high: 2, interval: 5}, {share: 8, low: 8, high: 8, interval: 1.25}},
	},
	{
		// ann's inner gap of 2 costs 5-2 = 3, her tail of 8 costs 8-5 =
		// 3. bob's gaps: 2, 2, then 1s.
		name:    "whole interval, duties too close",
		problem: func() *model.Problem { return annAndBob(20, 80) },
		rota:    rota(0, 2),
		staff:   []figures{{share: 2, low: 2, high: 2, interval: 5, rhythm: 6}, {share: 8, low: 8, high: 8, interval: 1.25}},
		rhythm:  6,
	},
	{
		// ann has no duty: one gap of a+1 = 11, costing 11-5 = 6, and
		// 2 below her share; bob is 2 above his.
		name:      "no duties",
		problem:   func() *model.Problem { return annAndBob(20, 80) },
		rota:      rota(),
		staff:     []figures{{share: 2, low: 2, high: 2, interval: 5, rhythm: 6}, {share: 8, low: 8, high: 8, interval: 1.25}},
		deviation: 2,
		rhythm:    6,
	},
	{
		// ann's share is 3: I = 10/3, lo 3, hi 4; gaps 2, 3, 4 and 2 lie
		// within it. bob's 7: I = 10/7, lo 1, hi 2; gaps 1, 2, 1, 2, 1,
		// 1, 2, 1.
		name: "fractional interval, even",
		problem: func() *model.Problem {
			p := annAndBob(30, 70)
			p.Rules.Rhythm.On = true
			return p
		},
		rota:  rota(1, 4, 8),
		staff: []figures{{share: 3, low: 3, high: 3, interval: 10.0 / 3}, {share: 7, low: 7, high: 7, interval: 10.0 / 7}},
	},
	{
		// ann: gaps 1, 1 (3-1 = 2 short), 8 (8-4 = 4 long) and 1: 6.
		// bob: lead-in 3 (1 long), then 1s and a tail of 2: 1.
		name: "fractional interval, uneven",
		problem: func() *model.Problem {
			p := annAndBob(30, 70)
			p.Rules.Rhythm.On = true
			return p
		},
		rota:   rota(0, 1, 9),
		staff:  []figures{{share: 3, low: 3, high: 3, interval: 10.0 / 3, rhythm: 6}, {share: 7, low: 7, high: 7, interval: 10.0 / 7, rhythm: 1}},
		rhythm: 7,
	},
	{
		// ann's share is 0.5: I = 20, beyond her 10 Fridays, so lo =
		// min(20, 10) = 10 and hi = min(20, 11) = 11. Her inner gap of 9
		// costs 10-9 = 1 (20-9 = 11 uncapped). She is 1 over her
		// ceiling, bob (9.5, I = 20/19) 1 under his floor.
		name:      "interval beyond the dates",
		problem:   func() *model.Problem { return annAndBob(5, 95) },
		rota:      rota(0, 9),
		staff:     []figures{{share: 0.5, low: 0, high: 1, interval: 20, rhythm: 1}, {share: 9.5, low: 9, high: 10, interval: 20.0 / 19}},
		deviation: 1,
		rhythm:    1,
	},
	{
		// ann is away on Fridays 3 and 4: a = 8, W = 20*8 + 80*10 = 960,
		// her share 1600/960 = 5/3 and I = 8/(5/3) = 4.8, lo 4, hi 5.
		// Her duties on Fridays 0 and 9 are at positions 0 and 7 of her
		// available Fridays: the inner gap of 7 costs 2 (9 Fridays apart
		// by the calendar would cost 4). bob: 8000/960, I = 1.2, gaps
		// 2, 1s and 2. carl never works Fridays: a = 0, share 0, no
		// interval.
		name:    "absence and a zero share",
		problem: absenceProblem,
		rota:    [][]string{{"ann"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"ann"}},
		staff: []figures{
			{share: 5.0 / 3, low: 1, high: 2, interval: 4.8, rhythm: 2},
			{share: 25.0 / 3, low: 8, high: 9, interval: 1.2},
			{},
		},
		rhythm: 2,
	},
	{
		// dora has worked 20 duties in 10 earlier dates: N = 30, W =
		// 200 + 800 + 100*20 = 3000, her share 20 and t* = 20-20 = 0, so
		// no interval and no rhythm for her empty 10 Fridays. ann and bob
		// keep 2 and 8, I = 5 and 1.25.
		name: "history covers the share",
		problem: func() *model.Problem {
			p := annAndBob(20, 80)
			p.Staff = append(p.Staff, model.Staff{ID: "dora", History: model.History{Duties: 20, Dates: 10}})
			return p
		},
		rota:  rota(0, 5),
		staff: []figures{{share: 2, low: 2, high: 2, interval: 5}, {share: 8, low: 8, high: 8, interval: 1.25}, {share: 20, low: 20, high: 20}},
	},
	{
		// bridge = Fridays 0, 2, 5: N = 3, w = 60 and 240, ann's share
		// 0.6 (0 to 1) against her 2 duties, 1 over the ceiling; bob's
		// 2.4 (2 to 3) against 1, 1 under the floor. autumn = Fridays 6
		// to 9: 0.8 and 3.2, met by 0 and 4. The rhythm is as in "whole
		// interval, duties too close".
		name: "classes, over the ceiling",
		problem: func() *model.Problem {
			p := annAndBob(20, 80)
			p.Rules.Rhythm.On = true
			p.Period.Classes = []model.DateClass{
				{ID: "bridge", Dates: []model.Date{friday(0), friday(2), friday(5)}},
				{ID: "autumn", Dates: []model.Date{friday(6), friday(7), friday(8), friday(9)}},
			}
			return p
		},
		rota: rota(0, 2),
		staff: []figures{
			{share: 2, low: 2, high: 2, interval: 5, rhythm: 6, classes: []model.ClassDuties{
				{Class: "bridge", Count: 2, Share: 0.6, Low: 0, High: 1},
				{Class: "autumn", Count: 0, Share: 0.8, Low: 0, High: 1},
			}},
			{share: 8, low: 8, high: 8, interval: 1.25, classes: []model.ClassDuties{
				{Class: "bridge", Count: 1, Share: 2.4, Low: 2, High: 3},
				{Class: "autumn", Count: 4, Share: 3.2, Low: 3, High: 4},
			}},
		},
		classes: 1,
		rhythm:  6,
	},
	{
		// The absence case with classes. late = Fridays 3 to 6, two of
		// them ann's absence: a(k) = 2, 4, 0, w = 40, 320, 0, W = 360,
		// N = 4; shares 4/9 and 32/9, met. odd lists Friday 0 twice and
		// a Saturday, which Validate refuses: only duty dates count,
		// each once, so it is Fridays 0 and 9: shares 0.4 and 1.6, ann's
		// 2 duties 1 over and bob's 0 1 under.
		name: "classes with an absence, repeats and a date that is no duty date",
		problem: func() *model.Problem {
			p := absenceProblem()
			p.Period.Classes = []model.DateClass{
				{ID: "late", Dates: []model.Date{friday(6), friday(5), friday(4), friday(3)}},
				{ID: "odd", Dates: []model.Date{friday(0), friday(9), friday(0), friday(0).AddDays(1)}},
			}
			return p
		},
		rota: [][]string{{"ann"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"bob"}, {"ann"}},
		staff: []figures{
			{share: 5.0 / 3, low: 1, high: 2, interval: 4.8, rhythm: 2, classes: []model.ClassDuties{
				{Class: "late", Count: 0, Share: 4.0 / 9, Low: 0, High: 1},
				{Class: "odd", Count: 2, Share: 0.4, Low: 0, High: 1},
			}},
			{share: 25.0 / 3, low: 8, high: 9, interval: 1.2, classes: []model.ClassDuties{
				{Class: "late", Count: 4, Share: 32.0 / 9, Low: 3, High: 4},
				{Class: "odd", Count: 0, Share: 1.6, Low: 1, High: 2},
			}},
			{classes: []model.ClassDuties{{Class: "late"}, {Class: "odd"}}},
		},
		classes: 1,
		rhythm:  2,
	},
}

// build writes the case's rota and its hand-worked figures as a Feasible
// schedule: the rosters by hand, the figures from the table, the levels
// of the problem with the values of the table and bound 0.
func (c rhythmCase) build() (*model.Problem, *model.Schedule) {
	p := c.problem()
	dates := p.Period.DutyDates()
	s := &model.Schedule{Status: model.Feasible}
	for k, ids := range c.rota {
		s.Dates = append(s.Dates, model.DutyRoster{Date: dates[k], Staff: ids})
	}
	for i, st := range p.Staff {
		f := c.staff[i]
		e := model.StaffDuties{ID: st.ID, Total: st.History.Duties, Share: f.share, Low: f.low, High: f.high,
			Interval: f.interval, Rhythm: f.rhythm, Classes: f.classes}
		for _, r := range s.Dates {
			for _, id := range r.Staff {
				if id == st.ID {
					e.Dates = append(e.Dates, r.Date)
					e.Total++
				}
			}
		}
		s.Staff = append(s.Staff, e)
	}
	s.Objective = model.Objective{Deviation: c.deviation, ClassDeviation: c.classes, Rhythm: c.rhythm}
	value := map[model.LevelKind]int{model.LevelFairness: c.deviation, model.LevelClasses: c.classes, model.LevelRhythm: c.rhythm}
	for _, k := range p.Levels() {
		s.Objective.Levels = append(s.Objective.Levels, model.Level{Kind: k, Value: value[k]})
	}
	return p, s
}

func TestCheckRhythmAndClassesSound(t *testing.T) {
	for _, c := range rhythmCases {
		t.Run(c.name, func(t *testing.T) {
			p, s := c.build()
			require.Len(t, s.Dates, 10)
			assert.Nil(t, runCheck(t, p, s))

			// Optimal with every bound at its value is as sound.
			s.Status = model.Optimal
			for n := range s.Objective.Levels {
				s.Objective.Levels[n].Bound = s.Objective.Levels[n].Value
			}
			assert.Nil(t, runCheck(t, p, s))
		})
	}
}

// TestLevelsOfClassesAndRhythm: the default order puts classes and rhythm
// between fairness and requests.
func TestLevelsOfClassesAndRhythm(t *testing.T) {
	p := rhythmCases[8].problem()
	p.Baseline = &model.Baseline{}
	assert.Equal(t, model.LevelKinds(), p.Levels())
	_, s := rhythmCases[8].build()
	kinds := []model.LevelKind{}
	for _, l := range s.Objective.Levels {
		kinds = append(kinds, l.Kind)
	}
	assert.Equal(t, []model.LevelKind{model.LevelFairness, model.LevelClasses, model.LevelRhythm, model.LevelRequests}, kinds)
}

// perturbation misreports one figure of a sound schedule; want is the one
// violation Check must report, and words what its message must name.
type perturbation struct {
	name  string
	edit  func(s *model.Schedule)
	want  violationKey
	words []string
}

// perturbations lists every single misreport of the new figures that can
// be made of s.
func perturbations(p *model.Problem, s *model.Schedule) []perturbation {
	var out []perturbation
	for n, e := range s.Staff {
		id := e.ID
		who := violationKey{model.RuleStructure, id, model.Date{}}
		out = append(out,
			perturbation{"Interval of " + id, func(s *model.Schedule) { s.Staff[n].Interval += 0.5 }, who, []string{`"` + id + `"`, "Interval"}},
			perturbation{"Interval of " + id + " off by more than the tolerance", func(s *model.Schedule) { s.Staff[n].Interval = s.Staff[n].Interval*(1+1e-6) + 1e-300 }, who, []string{"Interval"}},
			perturbation{"Rhythm of " + id, func(s *model.Schedule) { s.Staff[n].Rhythm++ }, who, []string{`"` + id + `"`, "Rhythm"}},
		)
		if len(p.Period.Classes) == 0 {
			out = append(out, perturbation{"a class entry without classes for " + id, func(s *model.Schedule) {
				s.Staff[n].Classes = []model.ClassDuties{{Class: "bridge"}}
			}, who, []string{`"` + id + `"`, "class entries"}})
			continue
		}
		out = append(out,
			perturbation{"no class entries for " + id, func(s *model.Schedule) { s.Staff[n].Classes = nil }, who, []string{`"` + id + `"`, "class entries"}},
			perturbation{"a class entry too many for " + id, func(s *model.Schedule) {
				s.Staff[n].Classes = append(append([]model.ClassDuties(nil), s.Staff[n].Classes...), s.Staff[n].Classes[0])
			}, who, []string{`"` + id + `"`}},
		)
		for j, cd := range e.Classes {
			in := fmt.Sprintf(" in class %q of %s", cd.Class, id)
			words := []string{`"` + id + `"`, `"` + cd.Class + `"`}
			// Each edit copies the entries first: the table's slices are
			// shared by every build of the case.
			edit := func(f func(*model.ClassDuties)) func(*model.Schedule) {
				return func(s *model.Schedule) {
					s.Staff[n].Classes = append([]model.ClassDuties(nil), s.Staff[n].Classes...)
					f(&s.Staff[n].Classes[j])
				}
			}
			out = append(out,
				perturbation{"Count" + in, edit(func(c *model.ClassDuties) { c.Count++ }), who, append(words, "Count")},
				perturbation{"Low" + in, edit(func(c *model.ClassDuties) { c.Low-- }), who, append(words, "Low")},
				perturbation{"High" + in, edit(func(c *model.ClassDuties) { c.High++ }), who, append(words, "High")},
				perturbation{"Share" + in, edit(func(c *model.ClassDuties) { c.Share += 0.25 }), who, append(words, "Share")},
				perturbation{"Class ID" + in, edit(func(c *model.ClassDuties) { c.Class = "nope" }), who, append(words, `"nope"`)},
			)
		}
		if len(e.Classes) > 1 {
			out = append(out, perturbation{"class entries out of order for " + id, func(s *model.Schedule) {
				cs := append([]model.ClassDuties(nil), s.Staff[n].Classes...)
				cs[0], cs[1] = cs[1], cs[0]
				s.Staff[n].Classes = cs
			}, who, []string{`"` + id + `"`}})
		}
	}
	objective := violationKey{model.RuleObjective, "", model.Date{}}
	out = append(out,
		perturbation{"Objective.Rhythm", func(s *model.Schedule) { s.Objective.Rhythm++ }, objective, []string{"Rhythm"}},
		perturbation{"Objective.ClassDeviation", func(s *model.Schedule) { s.Objective.ClassDeviation++ }, objective, []string{"ClassDeviation"}},
	)
	for n, l := range s.Objective.Levels {
		if l.Kind != model.LevelClasses && l.Kind != model.LevelRhythm {
			continue
		}
		kind := string(l.Kind)
		out = append(out,
			perturbation{"value of level " + kind, func(s *model.Schedule) { s.Objective.Levels[n].Value++ }, objective, []string{kind}},
			perturbation{"bound of level " + kind + " above its value", func(s *model.Schedule) { s.Objective.Levels[n].Bound = s.Objective.Levels[n].Value + 1 }, objective, []string{kind, "bound"}},
			perturbation{"level " + kind + " left out", func(s *model.Schedule) {
				s.Objective.Levels = append(append([]model.Level(nil), s.Objective.Levels[:n]...), s.Objective.Levels[n+1:]...)
			}, objective, []string{"levels"}},
		)
		if l.Value > 0 {
			out = append(out, perturbation{"optimal with level " + kind + " bound below its value", func(s *model.Schedule) {
				s.Status = model.Optimal
				for m := range s.Objective.Levels {
					s.Objective.Levels[m].Bound = s.Objective.Levels[m].Value
				}
				s.Objective.Levels[n].Bound--
			}, objective, []string{kind, "optimal"}})
		}
	}
	return out
}

func TestCheckRhythmAndClassesMisreported(t *testing.T) {
	for _, c := range rhythmCases {
		p, s := c.build()
		for _, pt := range perturbations(p, s) {
			t.Run(c.name+"/"+pt.name, func(t *testing.T) {
				p, s := c.build()
				pt.edit(s)
				got := runCheck(t, p, s)
				require.Equal(t, []violationKey{pt.want}, violationKeys(got))
				for _, w := range pt.words {
					assert.Contains(t, got[0].Msg, w)
				}
			})
		}
	}
}

// TestCheckRhythmMessages: the messages name the person, the class and
// the figures.
func TestCheckRhythmMessages(t *testing.T) {
	p, s := rhythmCases[1].build()
	s.Staff[0].Rhythm, s.Objective.Rhythm = 0, 0
	got := runCheck(t, p, s)
	require.Len(t, got, 2)
	assert.Equal(t, `"ann" has Rhythm 0, but the gaps between their duties, against an interval of 5 to 5 available duty dates, cost 6`, got[0].Msg)
	assert.Equal(t, "Rhythm is reported as 0, but the gaps between everyone's duties cost 6", got[1].Msg)

	p, s = rhythmCases[8].build()
	s.Objective.ClassDeviation = 0
	got = runCheck(t, p, s)
	require.Len(t, got, 1)
	assert.Equal(t, `ClassDeviation is reported as 0, but the largest deviation from a class share is 1 ("ann" in class "bridge")`, got[0].Msg)
}

func TestCheckClassLimits(t *testing.T) {
	p, s := rhythmCases[8].build()
	for n := len(p.Period.Classes); n <= model.MaxClasses; n++ {
		p.Period.Classes = append(p.Period.Classes, model.DateClass{ID: fmt.Sprint("c", n), Dates: []model.Date{friday(0)}})
	}
	vs := model.Check(p, s)
	require.Len(t, vs, 1)
	assert.Equal(t, model.RuleStructure, vs[0].Rule)
	assert.Contains(t, vs[0].Msg, "beyond the limits")
	assert.Contains(t, vs[0].Msg, fmt.Sprintf("%d date classes, the limit is %d", model.MaxClasses+1, model.MaxClasses))

	p, s = rhythmCases[8].build()
	long := make([]model.Date, model.MaxDutyDates+1)
	for n := range long {
		long[n] = friday(n % 10)
	}
	p.Period.Classes[1].Dates = long
	vs = model.Check(p, s)
	require.Len(t, vs, 1)
	assert.Contains(t, vs[0].Msg, `date class 2 ("autumn") has 1001 dates, the limit is 1000`)

	// At the limits, a class of repeats is one date.
	p.Period.Classes[1].Dates = long[:model.MaxDutyDates]
	for n := range s.Staff {
		s.Staff[n].Classes = append([]model.ClassDuties(nil), s.Staff[n].Classes...)
	}
	s.Staff[0].Classes[1] = model.ClassDuties{Class: "autumn", Count: 2, Share: 2, Low: 2, High: 2}
	s.Staff[1].Classes[1] = model.ClassDuties{Class: "autumn", Count: 8, Share: 8, Low: 8, High: 8}
	assert.Nil(t, runCheck(t, p, s))
}

// TestCheckAgreesWithFactsOnRhythmAndClasses writes random rotas of
// random problems with date classes and the rhythm level through
// Facts.Schedule, the solver side's figures, and lets the checker judge
// them: a rota may break rules, but the two implementations of the
// definitions must agree on every figure.
func TestCheckAgreesWithFactsOnRhythmAndClasses(t *testing.T) {
	var rhythmic, notDue, overClass int // how often the cases that matter came up
	for seed := range uint64(400) {
		p := randomFactsProblem(seed)
		rng := rand.New(rand.NewPCG(seed, 99))
		dates := p.Period.DutyDates()
		p.Rules.Rhythm.On = rng.IntN(2) == 0
		for k := range rng.IntN(4) {
			c := model.DateClass{ID: fmt.Sprint("k", k)}
			for _, d := range dates {
				if rng.IntN(3) == 0 {
					c.Dates = append(c.Dates, d)
				}
			}
			if len(c.Dates) == 0 {
				c.Dates = dates[:1]
			}
			rng.Shuffle(len(c.Dates), func(i, j int) { c.Dates[i], c.Dates[j] = c.Dates[j], c.Dates[i] })
			p.Period.Classes = append(p.Period.Classes, c)
		}
		require.NoError(t, p.Validate(), "seed %d", seed)
		facts := p.Facts()
		on := make([][]bool, len(p.Staff))
		density := 2 + rng.IntN(5)
		for s := range on {
			on[s] = make([]bool, len(facts.Dates))
			for f := range on[s] {
				on[s][f] = facts.Available[s][f] && rng.IntN(density) == 0
			}
		}
		s := facts.Schedule(p, model.Feasible, on)
		s.SetLevels(p.Levels(), nil)
		for _, v := range model.Check(p, s) {
			switch v.Rule {
			case model.RuleStructure, model.RuleObjective, model.RuleAvailability:
				t.Fatalf("seed %d: %v", seed, v)
			}
		}
		for i, e := range s.Staff {
			available := 0
			for _, ok := range facts.Available[i] {
				if ok {
					available++
				}
			}
			switch {
			case e.Rhythm > 0:
				rhythmic++
			case e.Interval == 0 && available > 0:
				notDue++ // history covers the share
			}
		}
		if s.Objective.ClassDeviation > 0 {
			overClass++
		}
	}
	assert.Positive(t, rhythmic)
	assert.Positive(t, notDue)
	assert.Positive(t, overClass)
	t.Logf("people with a rhythm %d, without duties due %d, schedules off a class share %d", rhythmic, notDue, overClass)
}

// TestCheckRhythmAtScale: the rhythm and the classes keep Check about
// linear in staff times dates.
func TestCheckRhythmAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 4000 staff and 500 duty dates")
	}
	const staff, perDate = 4000, 8
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2025-05-14"), KeepHolidays: true,
			Weekdays: []model.Weekday{1, 2, 3, 4, 5, 6, 0}},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: perDate}, Rhythm: model.Rhythm{On: true}},
	}
	dates := p.Period.DutyDates()
	require.Len(t, dates, 500)
	for i := range staff {
		p.Staff = append(p.Staff, model.Staff{ID: fmt.Sprint("s", i)})
	}
	for k := range model.MaxClasses {
		c := model.DateClass{ID: fmt.Sprint("k", k)}
		for n := k; n < len(dates); n += 2 {
			c.Dates = append(c.Dates, dates[n])
		}
		p.Period.Classes = append(p.Period.Classes, c)
	}
	facts := p.Facts()
	on := make([][]bool, staff)
	for s := range on {
		on[s] = make([]bool, len(dates))
	}
	for f := range dates {
		for j := range perDate {
			on[(f*perDate+j)%staff][f] = true
		}
	}
	s := facts.Schedule(p, model.Feasible, on)
	s.SetLevels(p.Levels(), nil)
	start := time.Now()
	vs := model.Check(p, s)
	elapsed := time.Since(start)
	var msgs []string
	for _, v := range vs {
		msgs = append(msgs, v.String())
	}
	require.Empty(t, vs, strings.Join(msgs, "\n"))
	t.Logf("Check of %d staff x %d dates with %d classes: %v", staff, len(dates), len(p.Period.Classes), elapsed)
}

// TestCheckUnknownLevelKind: a level of a kind no rota has (a caseload
// kind, say) named in Rules.Objective is reported, not a panic.
func TestCheckUnknownLevelKind(t *testing.T) {
	p, s := rhythmCases[0].build()
	p.Rules.Objective = []model.LevelKind{"moves"}
	s.Objective.Levels = []model.Level{{Kind: "moves"}}
	var vs []model.Violation
	require.NotPanics(t, func() { vs = model.Check(p, s) })
	require.Equal(t, []violationKey{{model.RuleObjective, "", model.Date{}}}, violationKeys(vs))
	assert.Contains(t, vs[0].Msg, `"moves", which is not a kind of level`)
}
