package model_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

// The duty dates of rotaProblem: the Fridays from 2024-03-08 to 2024-04-12
// less Långfredagen, 2024-03-29.
var (
	mar08 = model.MustDate("2024-03-08")
	mar15 = model.MustDate("2024-03-15")
	mar22 = model.MustDate("2024-03-22")
	mar29 = model.MustDate("2024-03-29")
	apr05 = model.MustDate("2024-04-05")
	apr12 = model.MustDate("2024-04-12")
)

// rotaProblem is small enough to solve by hand. Two people a Friday, one
// of them from north and one a senior, no two duties of a person on
// consecutive Fridays. Available duty dates: eva 4 (away 2024-03-15), finn
// 3 (starts 2024-03-20), gus none (never works Fridays), the others 5; so
// W = 2700, N = 10 and the shares are 5000/2700, 4000/2700, 3000/2700 and
// 0: fractional, with Low 1 and High 2 for all but gus.
func rotaProblem() *model.Problem {
	return &model.Problem{
		Name:   "check",
		Period: model.Period{Start: mar08, End: apr12},
		Units:  []model.Unit{{ID: "north"}, {ID: "south"}},
		Roles:  []model.Role{{ID: "senior"}},
		Staff: []model.Staff{
			{ID: "anna", Unit: "north", Roles: []string{"senior"}},
			{ID: "bo", Unit: "north", Roles: []string{"senior"}},
			{ID: "cia", Unit: "south", Roles: []string{"senior"}},
			{ID: "dan", Unit: "south"},
			{ID: "eva", Unit: "north"},
			{ID: "finn", Unit: "south", Start: model.MustDate("2024-03-20")},
			{ID: "gus", Unit: "south", OffWeekdays: []model.Weekday{model.Weekday(time.Friday)}},
		},
		Absences: []model.Absence{
			{Staff: "eva", First: model.MustDate("2024-03-14"), Last: model.MustDate("2024-03-16"), Kind: model.Vacation},
		},
		Rules: model.Rules{
			Coverage:     model.Coverage{PerDate: 2},
			UnitMinimums: []model.UnitMinimum{{Unit: "north", Min: 1}},
			RoleMinimums: []model.RoleMinimum{{Role: "senior", Min: 1}},
			Spacing:      model.Spacing{Weeks: 2},
			Windows:      []model.Window{{Weeks: 5, Max: 2}},
		},
		Requests: []model.Request{
			{Staff: "anna", Date: mar08, Kind: model.Prefer},            // met
			{Staff: "dan", Date: mar08, Kind: model.Avoid, Weight: 3},   // unmet: 3
			{Staff: "eva", Date: mar15, Kind: model.Prefer},             // unmet, eva is away: 1
			{Staff: "bo", Date: mar22, Kind: model.Avoid, Weight: 1000}, // met
		},
		Pins: []model.Pin{
			{Staff: "cia", Date: mar15, Work: true},
			{Staff: "finn", Date: apr05, Work: false},
		},
	}
}

// rotaSchedule is the optimal answer to rotaProblem, worked out by hand:
// everyone is within [Low, High], so the deviation is 0, and the requests
// cost 3 + 1. Everyone with duties due has the ideal interval a*W/(N*w) =
// 2.7 (lo 2, hi 3) in their available Fridays; only dan's gap of 4
// between his duties exceeds it, a rhythm of 1. gus has none due.
func rotaSchedule() *model.Schedule {
	return &model.Schedule{
		Status: model.Optimal,
		Dates: []model.DutyRoster{
			{Date: mar08, Staff: []string{"anna", "dan"}},
			{Date: mar15, Staff: []string{"bo", "cia"}},
			{Date: mar22, Staff: []string{"anna", "finn"}},
			{Date: apr05, Staff: []string{"cia", "eva"}},
			{Date: apr12, Staff: []string{"bo", "dan"}},
		},
		Staff: []model.StaffDuties{
			{ID: "anna", Dates: []model.Date{mar08, mar22}, Total: 2, Low: 1, High: 2, Share: 5000.0 / 2700, Interval: 2.7},
			{ID: "bo", Dates: []model.Date{mar15, apr12}, Total: 2, Low: 1, High: 2, Share: 5000.0 / 2700, Interval: 2.7},
			{ID: "cia", Dates: []model.Date{mar15, apr05}, Total: 2, Low: 1, High: 2, Share: 5000.0 / 2700, Interval: 2.7},
			{ID: "dan", Dates: []model.Date{mar08, apr12}, Total: 2, Low: 1, High: 2, Share: 5000.0 / 2700, Interval: 2.7, Rhythm: 1},
			{ID: "eva", Dates: []model.Date{apr05}, Total: 1, Low: 1, High: 2, Share: 4000.0 / 2700, Interval: 2.7},
			{ID: "finn", Dates: []model.Date{mar22}, Total: 1, Low: 1, High: 2, Share: 3000.0 / 2700, Interval: 2.7},
			{ID: "gus", Total: 0, Low: 0, High: 0, Share: 0},
		},
		Objective: withRhythm(objective(0, 0, 4, 4), 1),
	}
}

// withRhythm returns o with Rhythm r.
func withRhythm(o model.Objective, r int) model.Objective {
	o.Rhythm = r
	return o
}

// reroster replaces the roster of d and brings every Staff entry's Dates,
// Total and Rhythm, and the objective's Rhythm, in line with the rosters,
// so that a case breaks only what it means to break. The rhythms are the
// solver side's (Facts.Rhythm); the checker's own are tested against
// hand-worked figures in check_rhythm_test.go. Shares and intervals do
// not depend on the rota and stay as they are.
func reroster(p *model.Problem, s *model.Schedule, d model.Date, ids ...string) {
	for n := range s.Dates {
		if s.Dates[n].Date == d {
			s.Dates[n].Staff = ids
		}
	}
	for n := range s.Staff {
		e := &s.Staff[n]
		e.Dates = nil
		for _, r := range s.Dates {
			for _, id := range r.Staff {
				if id == e.ID {
					e.Dates = append(e.Dates, r.Date)
				}
			}
		}
		e.Total = len(e.Dates) + p.Staff[n].History.Duties
	}
	facts := p.Facts()
	s.Objective.Rhythm = 0
	for n := range s.Staff {
		on := make([]bool, len(facts.Dates))
		for f, d := range facts.Dates {
			on[f] = slices.Contains(s.Staff[n].Dates, d)
		}
		s.Staff[n].Rhythm = facts.Rhythm(n, on)
		s.Objective.Rhythm += s.Staff[n].Rhythm
	}
}

// withHistory gives dan 1 earlier duty out of 10 earlier duty dates:
// N = 11, W = 3700, and dan's share 16500/3700 asks for 4 or 5 duties where
// he has 1 + 2, a deviation of 1. The schedule stays the best one can do
// for the requests, but is no longer fair, so it is reported Feasible.
// The intervals become a*3700/(N*w - H*3700): 3.36 (lo 3, hi 4) for all
// but dan, whose 5*3700/(16500-3700) = 1.45 (lo 1, hi 2) makes his gap of
// 4 cost 2; anna's and cia's gaps of 2 now cost 1 each, a rhythm of 4.
func withHistory(p *model.Problem, s *model.Schedule) {
	p.Staff[3].History = model.History{Duties: 1, Dates: 10}
	s.Status = model.Feasible
	s.Staff[3].Total = 3
	s.Staff[3].Low, s.Staff[3].High = 4, 5
	for n, share := range []float64{5500, 5500, 5500, 16500, 4400, 3300, 0} {
		s.Staff[n].Share = share / 3700
	}
	s.Staff[5].Low, s.Staff[5].High = 0, 1
	for n, iv := range []float64{18500.0 / 5500, 18500.0 / 5500, 18500.0 / 5500, 18500.0 / 12800, 14800.0 / 4400, 11100.0 / 3300, 0} {
		s.Staff[n].Interval = iv
	}
	for n, r := range []int{1, 0, 1, 2, 0, 0, 0} {
		s.Staff[n].Rhythm = r
	}
	s.Objective = withRhythm(objective(1, 0, 4, 2), 4)
}

// objective returns an objective with the default levels: fairness with
// value d and bound dBound, then requests with value w and bound wBound.
func objective(d, dBound, w, wBound int) model.Objective {
	return model.Objective{Deviation: d, RequestCost: w, Levels: []model.Level{
		{Kind: model.LevelFairness, Value: d, Bound: dBound},
		{Kind: model.LevelRequests, Value: w, Bound: wBound},
	}}
}

// setDeviation reports deviation d with bound on a schedule with the
// default levels.
func setDeviation(s *model.Schedule, d, bound int) {
	s.Objective.Deviation = d
	s.Objective.Levels[0].Value, s.Objective.Levels[0].Bound = d, bound
}

// setCost reports request cost w with bound on a schedule with the
// default levels.
func setCost(s *model.Schedule, w, bound int) {
	s.Objective.RequestCost = w
	s.Objective.Levels[1].Value, s.Objective.Levels[1].Bound = w, bound
}

// violationKey is what the tests compare: the message is for people.
type violationKey struct {
	Rule  model.RuleKind
	Staff string
	Date  model.Date
}

func violationKeys(vs []model.Violation) []violationKey {
	var out []violationKey
	for _, v := range vs {
		out = append(out, violationKey{v.Rule, v.Staff, v.Date})
	}
	return out
}

func TestCheckSound(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *model.Problem, s *model.Schedule)
	}{
		{"fractional shares", func(*model.Problem, *model.Schedule) {}},
		{"feasible with bounds below the values", func(_ *model.Problem, s *model.Schedule) {
			s.Status = model.Feasible
			s.Objective.Levels[1].Bound = 0
		}},
		{"share within the float tolerance", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[0].Share *= 1 + 1e-12
		}},
		{"history", withHistory},
		{"history, optimal with fairness off", func(p *model.Problem, s *model.Schedule) {
			// Off leaves the deviation unminimised, so Optimal proves no
			// bound on it: any bound up to the value will do.
			withHistory(p, s)
			p.Rules.Fairness.Off = true
			s.Status = model.Optimal
			s.Objective.Levels = s.Objective.Levels[1:]
			s.Objective.Levels[0].Bound = 4
		}},
		{"percent", func(p *model.Problem, s *model.Schedule) {
			// finn at 50%: w = 50*3, W = 2550.
			// The intervals become 2.55 (lo 2, hi 3, as before) and finn's
			// 3*2550/1500 = 5.1, capped to lo 3, hi 4: no rhythm changes.
			p.Staff[5].Percent = 50
			for n, share := range []float64{5000, 5000, 5000, 5000, 4000, 1500, 0} {
				s.Staff[n].Share = share / 2550
			}
			for n, iv := range []float64{2.55, 2.55, 2.55, 2.55, 2.55, 5.1, 0} {
				s.Staff[n].Interval = iv
			}
			s.Staff[5].Low, s.Staff[5].High = 0, 1
		}},
		{"coverage override and a whole share", func(p *model.Problem, s *model.Schedule) {
			// One person on 2024-03-22: N = 9 and finn's share 2700/2700
			// is exactly 1, which his 0 duties miss by 1. Every interval is
			// now exactly 3: anna's and cia's gaps of 2 cost 1 each, dan's
			// gap of 4 costs 1 and finn's empty 3 Fridays (a gap of 4) cost
			// 1, a rhythm of 4.
			p.Rules.Coverage.Dates = []model.DateCount{{Date: mar22, Count: 1}}
			reroster(p, s, mar22, "anna")
			for n, share := range []float64{4500, 4500, 4500, 4500, 3600, 2700, 0} {
				s.Staff[n].Share = share / 2700
			}
			for n := range 6 {
				s.Staff[n].Interval = 3
			}
			for n, r := range []int{1, 0, 1, 1, 0, 1, 0} {
				s.Staff[n].Rhythm = r
			}
			s.Objective.Rhythm = 4
			s.Staff[5].Low, s.Staff[5].High = 1, 1
			s.Status = model.Feasible
			setDeviation(s, 1, 1)
		}},
		{"window that allows what spacing allows", func(p *model.Problem, _ *model.Schedule) {
			p.Rules.Windows = []model.Window{{Weeks: 2, Max: 1}, {Weeks: 8, Max: 2}}
		}},
		{"infeasible with empty rosters", func(_ *model.Problem, s *model.Schedule) {
			*s = model.Schedule{Status: model.Infeasible}
			for _, d := range []model.Date{mar08, mar15, mar22, apr05, apr12} {
				s.Dates = append(s.Dates, model.DutyRoster{Date: d})
			}
		}},
		{"unknown with nothing", func(_ *model.Problem, s *model.Schedule) {
			*s = model.Schedule{Status: model.Unknown}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, s := rotaProblem(), rotaSchedule()
			c.edit(p, s)
			assert.Nil(t, runCheck(t, p, s))
		})
	}
}

// runCheck runs model.Check and logs what it found, so that a failing case
// shows the messages and not only the keys.
func runCheck(t *testing.T, p *model.Problem, s *model.Schedule) []model.Violation {
	t.Helper()
	vs := model.Check(p, s)
	for _, v := range vs {
		t.Log(v)
	}
	return vs
}

func TestCheckBroken(t *testing.T) {
	none := model.Date{}
	cases := []struct {
		name string
		edit func(p *model.Problem, s *model.Schedule)
		want []violationKey
	}{
		// structure
		{"roster not in problem order", func(_ *model.Problem, s *model.Schedule) {
			s.Dates[0].Staff = []string{"dan", "anna"}
		}, []violationKey{{model.RuleStructure, "", mar08}}},
		{"unknown person in a roster", func(_ *model.Problem, s *model.Schedule) {
			s.Dates[0].Staff = []string{"anna", "dan", "zoe"}
		}, []violationKey{{model.RuleStructure, "zoe", mar08}}},
		{"person twice in a roster", func(_ *model.Problem, s *model.Schedule) {
			s.Dates[0].Staff = []string{"anna", "anna", "dan"}
		}, []violationKey{{model.RuleStructure, "anna", mar08}}},
		{"dates out of order", func(_ *model.Problem, s *model.Schedule) {
			s.Dates[0], s.Dates[1] = s.Dates[1], s.Dates[0]
		}, []violationKey{{model.RuleStructure, "", none}}},
		{"date that is not a duty date", func(_ *model.Problem, s *model.Schedule) {
			s.Dates = append(s.Dates, model.DutyRoster{Date: mar29})
		}, []violationKey{{model.RuleStructure, "", mar29}}},
		{"date twice", func(_ *model.Problem, s *model.Schedule) {
			s.Dates = append(s.Dates, model.DutyRoster{Date: mar08, Staff: []string{"gus"}})
		}, []violationKey{{model.RuleStructure, "", mar08}}},
		{"date missing means nobody on duty", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, apr12)
			s.Dates = s.Dates[:4]
		}, []violationKey{
			{model.RuleStructure, "", apr12},
			{model.RuleCoverage, "", apr12},
			{model.RuleUnitMinimum, "", apr12},
			{model.RuleRoleMinimum, "", apr12},
		}},
		{"staff out of order", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[0], s.Staff[1] = s.Staff[1], s.Staff[0]
		}, []violationKey{{model.RuleStructure, "", none}}},
		{"staff entry missing", func(_ *model.Problem, s *model.Schedule) {
			s.Staff = s.Staff[:6]
		}, []violationKey{{model.RuleStructure, "gus", none}}},
		{"staff entry for a stranger", func(_ *model.Problem, s *model.Schedule) {
			s.Staff = append(s.Staff, model.StaffDuties{ID: "zoe"})
		}, []violationKey{{model.RuleStructure, "zoe", none}}},
		{"staff entry twice", func(_ *model.Problem, s *model.Schedule) {
			s.Staff = append(s.Staff, s.Staff[6])
		}, []violationKey{{model.RuleStructure, "gus", none}}},
		{"staff dates disagree with the rosters", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[0].Dates = []model.Date{mar08, apr05}
		}, []violationKey{{model.RuleStructure, "anna", apr05}, {model.RuleStructure, "anna", mar22}}},
		{"staff dates out of order", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[0].Dates = []model.Date{mar22, mar08}
		}, []violationKey{{model.RuleStructure, "anna", none}}},
		{"total misreported", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[0].Total = 3
		}, []violationKey{{model.RuleStructure, "anna", none}}},
		{"low misreported", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[4].Low = 0
		}, []violationKey{{model.RuleStructure, "eva", none}}},
		{"high misreported as the floor", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[5].High = 1
		}, []violationKey{{model.RuleStructure, "finn", none}}},
		{"share misreported", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[3].Share = 1.85
		}, []violationKey{{model.RuleStructure, "dan", none}}},
		{"share is NaN", func(_ *model.Problem, s *model.Schedule) {
			s.Staff[6].Share = math.NaN()
		}, []violationKey{{model.RuleStructure, "gus", none}}},
		{"history ignored in the figures", func(p *model.Problem, _ *model.Schedule) {
			// Total, Low, High, Share and Interval of everyone are now
			// wrong, and so are the deviation of dan and the rhythms of
			// anna, cia and dan (see withHistory).
			p.Staff[3].History = model.History{Duties: 1, Dates: 10}
		}, []violationKey{
			{model.RuleStructure, "anna", none}, // Share
			{model.RuleStructure, "anna", none}, // Interval
			{model.RuleStructure, "anna", none}, // Rhythm
			{model.RuleStructure, "bo", none},   // Share
			{model.RuleStructure, "bo", none},   // Interval
			{model.RuleStructure, "cia", none},  // Share
			{model.RuleStructure, "cia", none},  // Interval
			{model.RuleStructure, "cia", none},  // Rhythm
			{model.RuleStructure, "dan", none},  // Total
			{model.RuleStructure, "dan", none},  // Low
			{model.RuleStructure, "dan", none},  // High
			{model.RuleStructure, "dan", none},  // Share
			{model.RuleStructure, "dan", none},  // Interval
			{model.RuleStructure, "dan", none},  // Rhythm
			{model.RuleStructure, "eva", none},  // Share
			{model.RuleStructure, "eva", none},  // Interval
			{model.RuleStructure, "finn", none}, // Low
			{model.RuleStructure, "finn", none}, // High
			{model.RuleStructure, "finn", none}, // Share
			{model.RuleStructure, "finn", none}, // Interval
			{model.RuleObjective, "", none},     // Deviation
			{model.RuleObjective, "", none},     // Rhythm
			{model.RuleObjective, "", none},     // DeviationBound of an optimum
		}},

		// coverage
		{"too few on a date", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, apr12, "bo")
		}, []violationKey{{model.RuleCoverage, "", apr12}}},
		{"too many on a date", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, mar22, "anna", "eva", "finn")
		}, []violationKey{{model.RuleCoverage, "", mar22}}},

		// availability
		{"on duty while absent", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, mar15, "cia", "eva")
			setCost(s, 3, 3) // eva's wish is met
		}, []violationKey{{model.RuleAvailability, "eva", mar15}}},
		{"on duty before employment", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, mar08, "anna", "finn")
			setCost(s, 1, 1) // dan's wish is met
		}, []violationKey{{model.RuleAvailability, "finn", mar08}}},
		{"on duty after employment", func(p *model.Problem, s *model.Schedule) {
			// gus is never available, so ending his employment changes no
			// share.
			p.Staff[6].OffWeekdays = nil
			p.Staff[6].End = mar08.AddDays(-1)
			reroster(p, s, apr12, "bo", "gus")
			setDeviation(s, 1, 1) // gus over his share of 0
		}, []violationKey{{model.RuleAvailability, "gus", apr12}}},
		{"on duty on an off weekday", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, apr12, "bo", "gus")
			setDeviation(s, 1, 1)
		}, []violationKey{{model.RuleAvailability, "gus", apr12}}},

		// unit-minimum and role-minimum
		{"unit minimum raised", func(p *model.Problem, _ *model.Schedule) {
			p.Rules.UnitMinimums[0].Min = 2
		}, []violationKey{
			{model.RuleUnitMinimum, "", mar08},
			{model.RuleUnitMinimum, "", mar15},
			{model.RuleUnitMinimum, "", mar22},
			{model.RuleUnitMinimum, "", apr05},
			{model.RuleUnitMinimum, "", apr12},
		}},
		{"no senior on a date", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, mar08, "dan", "eva")
			setCost(s, 5, 5) // anna's wish is unmet
		}, []violationKey{{model.RuleRoleMinimum, "", mar08}}},

		// spacing
		{"consecutive Fridays", func(p *model.Problem, s *model.Schedule) {
			reroster(p, s, apr12, "bo", "eva")
		}, []violationKey{{model.RuleSpacing, "eva", apr12}}},
		{"spacing raised to three weeks", func(p *model.Problem, _ *model.Schedule) {
			// Only anna's 14 days fall short of 21; cia's are exactly 21.
			p.Rules.Spacing.Weeks = 3
		}, []violationKey{{model.RuleSpacing, "anna", mar22}}},

		// window
		{"window of one duty in five weeks", func(p *model.Problem, _ *model.Schedule) {
			// dan's two duties are 35 days apart and pass.
			p.Rules.Windows[0].Max = 1
		}, []violationKey{
			{model.RuleWindow, "anna", mar22},
			{model.RuleWindow, "bo", apr12},
			{model.RuleWindow, "cia", apr05},
		}},
		{"window of no duties", func(p *model.Problem, _ *model.Schedule) {
			p.Rules.Windows = []model.Window{{Weeks: 1, Max: 0}}
		}, []violationKey{
			{model.RuleWindow, "anna", mar08}, {model.RuleWindow, "anna", mar22},
			{model.RuleWindow, "bo", mar15}, {model.RuleWindow, "bo", apr12},
			{model.RuleWindow, "cia", mar15}, {model.RuleWindow, "cia", apr05},
			{model.RuleWindow, "dan", mar08}, {model.RuleWindow, "dan", apr12},
			{model.RuleWindow, "eva", apr05},
			{model.RuleWindow, "finn", mar22},
		}},

		// pin
		{"work pin not honoured", func(p *model.Problem, _ *model.Schedule) {
			p.Pins = append(p.Pins, model.Pin{Staff: "dan", Date: mar15, Work: true})
		}, []violationKey{{model.RulePin, "dan", mar15}}},
		{"off pin not honoured", func(p *model.Problem, _ *model.Schedule) {
			p.Pins = append(p.Pins, model.Pin{Staff: "anna", Date: mar08, Work: false})
		}, []violationKey{{model.RulePin, "anna", mar08}}},

		// objective
		{"deviation misreported", func(_ *model.Problem, s *model.Schedule) {
			s.Objective.Deviation = 1
		}, []violationKey{{model.RuleObjective, "", none}}},
		{"request cost misreported", func(_ *model.Problem, s *model.Schedule) {
			s.Objective.RequestCost = 3
		}, []violationKey{{model.RuleObjective, "", none}}},
		{"deviation bound above the value", func(_ *model.Problem, s *model.Schedule) {
			s.Status = model.Feasible
			s.Objective.Levels[0].Bound = 1
		}, []violationKey{{model.RuleObjective, "", none}}},
		{"request cost bound above the value", func(_ *model.Problem, s *model.Schedule) {
			s.Status = model.Feasible
			s.Objective.Levels[1].Bound = 5
		}, []violationKey{{model.RuleObjective, "", none}}},
		{"optimal with a request cost bound below the value", func(_ *model.Problem, s *model.Schedule) {
			s.Objective.Levels[1].Bound = 3
		}, []violationKey{{model.RuleObjective, "", none}}},
		{"optimal with a deviation bound below the value", func(p *model.Problem, s *model.Schedule) {
			withHistory(p, s)
			s.Status = model.Optimal
			s.Objective.Levels[1].Bound = 4
		}, []violationKey{{model.RuleObjective, "", none}}},
		{"unweighted request counts 1", func(p *model.Problem, s *model.Schedule) {
			p.Requests = append(p.Requests, model.Request{Staff: "gus", Date: apr12, Kind: model.Prefer})
			setCost(s, 4, 4)
		}, []violationKey{{model.RuleObjective, "", none}, {model.RuleObjective, "", none}}}, // the cost, and the level's value

		// schedules without a rota
		{"infeasible with people on duty", func(_ *model.Problem, s *model.Schedule) {
			s.Status = model.Infeasible
		}, []violationKey{
			{model.RuleStructure, "", mar08},
			{model.RuleStructure, "", mar15},
			{model.RuleStructure, "", mar22},
			{model.RuleStructure, "", apr05},
			{model.RuleStructure, "", apr12},
		}},
		{"unknown status", func(_ *model.Problem, s *model.Schedule) {
			s.Status = 9
		}, []violationKey{{model.RuleStructure, "", none}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, s := rotaProblem(), rotaSchedule()
			c.edit(p, s)
			got := runCheck(t, p, s)
			require.Equal(t, c.want, violationKeys(got))
			for _, v := range got {
				assert.NotEmpty(t, v.Msg)
			}
		})
	}
}

func TestCheckNil(t *testing.T) {
	cases := []struct {
		name string
		p    *model.Problem
		s    *model.Schedule
	}{
		{"nil problem", nil, rotaSchedule()},
		{"nil schedule", rotaProblem(), nil},
		{"both nil", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := model.Check(c.p, c.s)
			require.Len(t, got, 1)
			assert.Equal(t, model.RuleStructure, got[0].Rule)
		})
	}
}

// TestCheckNoPanic feeds Check inputs no solver would return and Validate
// would reject; it must report, not panic, and report the same twice.
func TestCheckNoPanic(t *testing.T) {
	garbage := func() *model.Problem {
		p := rotaProblem()
		p.Staff = append(p.Staff,
			model.Staff{ID: "anna", Percent: -50, History: model.History{Duties: math.MaxInt, Dates: math.MinInt}},
			model.Staff{ID: "", Percent: math.MinInt, OffWeekdays: []model.Weekday{-3, 99}},
		)
		p.Absences = append(p.Absences,
			model.Absence{Staff: "nobody", First: mar08, Last: apr12},
			model.Absence{Staff: "bo", First: apr12, Last: mar08},
			model.Absence{Staff: "cia", First: model.Date{Year: 2024, Month: 13, Day: 40}},
		)
		p.Rules.Coverage = model.Coverage{PerDate: -1, Dates: []model.DateCount{{Date: mar29, Count: 7}, {Date: mar08, Count: -2}, {Date: mar08, Count: 5}}}
		p.Rules.UnitMinimums = append(p.Rules.UnitMinimums, model.UnitMinimum{Unit: "nowhere", Min: math.MaxInt})
		p.Rules.Spacing.Weeks = math.MaxInt
		p.Rules.Windows = []model.Window{{Weeks: -1, Max: -5}, {Weeks: math.MaxInt, Max: math.MaxInt}, {Weeks: math.MinInt, Max: 1}}
		p.Requests = append(p.Requests,
			model.Request{Staff: "nobody", Date: mar29, Kind: model.Prefer, Weight: -7},
			model.Request{Staff: "anna", Date: mar08, Kind: "maybe"},
		)
		p.Pins = append(p.Pins, model.Pin{Staff: "nobody", Date: model.Date{}, Work: true})
		return p
	}
	messy := func() *model.Schedule {
		s := rotaSchedule()
		s.Dates = append(s.Dates,
			model.DutyRoster{Date: model.MustDate("2030-01-04"), Staff: []string{"anna", "zoe"}},
			model.DutyRoster{Date: model.Date{}, Staff: nil},
			model.DutyRoster{Date: mar08, Staff: []string{"zoe", "zoe", "", "gus", "anna"}},
		)
		s.Dates[1].Staff = []string{"zoe", "bo", "bo", "cia", "cia"}
		s.Staff = append(s.Staff, model.StaffDuties{ID: "zoe", Dates: []model.Date{{}, mar29}, Share: math.Inf(1), Total: -1}, s.Staff[0])
		s.Staff[2].Dates = nil
		s.Objective = objective(-1, math.MaxInt, math.MinInt, 3)
		return s
	}
	cases := []struct {
		name string
		p    *model.Problem
		s    *model.Schedule
	}{
		{"zero problem and schedule", &model.Problem{}, &model.Schedule{}},
		{"zero problem, optimal schedule", &model.Problem{}, &model.Schedule{Status: model.Optimal}},
		{"zero problem, the rota", &model.Problem{}, rotaSchedule()},
		{"the problem, an empty optimal schedule", rotaProblem(), &model.Schedule{Status: model.Optimal}},
		{"the problem, a messy schedule", rotaProblem(), messy()},
		{"a garbage problem, the rota", garbage(), rotaSchedule()},
		{"a garbage problem, a messy schedule", garbage(), messy()},
		{"period ends before it starts", &model.Problem{Period: model.Period{Start: apr12, End: mar08}}, messy()},
		{"negative status", rotaProblem(), &model.Schedule{Status: -1}},
		{"unnormalised period and weekdays", &model.Problem{
			Period: model.Period{Start: model.Date{Year: -3}, End: model.Date{Year: 2, Month: 14, Day: 99}, Weekdays: []model.Weekday{-3, 9, model.Weekday(time.Friday)}},
			Staff:  []model.Staff{{ID: "anna"}},
		}, messy()},
		{"infeasible with nil rosters and stray dates", rotaProblem(), &model.Schedule{
			Status: model.Infeasible,
			Dates:  []model.DutyRoster{{Date: mar29}, {Date: model.Date{}, Staff: []string{"zoe"}}},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var first, second []model.Violation
			require.NotPanics(t, func() { first = model.Check(c.p, c.s) })
			require.NotPanics(t, func() { second = model.Check(c.p, c.s) })
			assert.Equal(t, first, second)
			for _, v := range first {
				assert.NotEmpty(t, v.Rule)
				assert.NotEmpty(t, v.Msg)
			}
		})
	}
}

func TestCheckLeavesInputsAlone(t *testing.T) {
	p, s := rotaProblem(), rotaSchedule()
	s.Dates[0].Staff = []string{"dan", "anna", "zoe"}
	model.Check(p, s)
	want := rotaSchedule()
	want.Dates[0].Staff = []string{"dan", "anna", "zoe"}
	assert.Equal(t, rotaProblem(), p)
	assert.Equal(t, want, s)
}

func TestCheckViolationText(t *testing.T) {
	v := model.Violation{Rule: model.RuleObjective, Msg: "RequestCost is reported as 3, but the unmet requests cost 4"}
	assert.Equal(t, "objective: RequestCost is reported as 3, but the unmet requests cost 4", v.String())

	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule":"objective","msg":"RequestCost is reported as 3, but the unmet requests cost 4"}`, string(b))

	b, err = json.Marshal(model.Violation{Rule: model.RulePin, Staff: "anna", Date: mar08, Msg: "m"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule":"pin","staff":"anna","date":"2024-03-08","msg":"m"}`, string(b))
}

// largeCase is a sound rota of the size the checker must handle quickly:
// 2000 staff, the 52 Fridays of 2024, 200,000 absences (the limit) and
// 200,000 requests. Staff 0 to 207 work one Friday each; the others are away on
// the first two Fridays, so their weight is 100*50 against 100*52.
func largeCase() (*model.Problem, *model.Schedule) {
	const staff, perDate, events = 2000, 4, model.MaxAbsences
	rng := rand.New(rand.NewSource(1))
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2024-12-31"), KeepHolidays: true},
		Rules:  model.Rules{Coverage: model.Coverage{PerDate: perDate}},
	}
	dates := p.Period.DutyDates()
	rostered := perDate * len(dates)
	for i := 0; i < staff; i++ {
		p.Staff = append(p.Staff, model.Staff{ID: "s" + strconv.Itoa(i)})
	}
	jan05 := model.MustDate("2024-01-05")
	for n := 0; n < events; n++ {
		i := rostered + n%(staff-rostered)
		p.Absences = append(p.Absences, model.Absence{
			Staff: p.Staff[i].ID,
			First: jan05.AddDays(-rng.Intn(5)),
			Last:  jan05.AddDays(7 + rng.Intn(7)),
		})
	}
	dutyDate := func(i int) int { // the duty date of person i, or -1
		if i < rostered {
			return i / perDate
		}
		return -1
	}
	s := &model.Schedule{Status: model.Optimal}
	for k, d := range dates {
		r := model.DutyRoster{Date: d}
		for j := 0; j < perDate; j++ {
			r.Staff = append(r.Staff, p.Staff[k*perDate+j].ID)
		}
		s.Dates = append(s.Dates, r)
	}
	cost := 0
	for n := 0; n < events; n++ {
		i, k := rng.Intn(staff), rng.Intn(len(dates))
		q := model.Request{Staff: p.Staff[i].ID, Date: dates[k], Kind: model.Avoid, Weight: rng.Intn(4)}
		if rng.Intn(2) == 0 {
			q.Kind = model.Prefer
		}
		p.Requests = append(p.Requests, q)
		if on := dutyDate(i) == k; on == (q.Kind == model.Avoid) {
			cost += max(q.Weight, 1)
		}
	}
	n := int64(rostered)
	w := func(i int) int64 {
		if i < rostered {
			return 100 * int64(len(dates))
		}
		return 100 * int64(len(dates)-2)
	}
	var sum int64
	for i := 0; i < staff; i++ {
		sum += w(i)
	}
	for i, st := range p.Staff {
		e := model.StaffDuties{ID: st.ID, Share: float64(n*w(i)) / float64(sum)}
		e.Low = int(n * w(i) / sum)
		e.High = e.Low
		if n*w(i)%sum != 0 {
			e.High++
		}
		// I = a*W/(N*w), some 483 Fridays: lo and hi are capped at a and
		// a+1, so no gap costs anything.
		a := int64(len(dates))
		if k := dutyDate(i); k >= 0 {
			e.Dates = []model.Date{dates[k]}
			e.Total = 1
		} else {
			a -= 2
		}
		e.Interval = float64(a*sum) / float64(n*w(i))
		s.Staff = append(s.Staff, e)
	}
	s.Objective = objective(0, 0, cost, cost)
	return p, s
}

func TestCheckLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 600,000 absences and requests")
	}
	p, s := largeCase()
	require.Len(t, s.Dates, 52)
	assert.Nil(t, runCheck(t, p, s))
}

func BenchmarkCheck(b *testing.B) {
	p, s := largeCase()
	if vs := model.Check(p, s); vs != nil {
		b.Fatalf("the large case is not sound: %v", vs[0])
	}
	b.ResetTimer()
	for b.Loop() {
		model.Check(p, s)
	}
}

// TestCheckIsBounded: Check on input no one validated stays small and
// quick: beyond the limits it says so at once; within them, it lists at
// most MaxViolations and counts the rest.
func TestCheckIsBounded(t *testing.T) {
	var staff []model.Staff
	for i := range 200 {
		staff = append(staff, model.Staff{ID: fmt.Sprint("s", i)})
	}
	all := []model.Weekday{0, 1, 2, 3, 4, 5, 6}
	huge := &model.Problem{Period: model.Period{Start: model.MustDate("0001-01-01"), End: model.MustDate("9999-12-31"), Weekdays: all}, Staff: staff}
	vs := model.Check(huge, &model.Schedule{Status: model.Feasible})
	require.Len(t, vs, 1)
	require.Contains(t, vs[0].Msg, "beyond the limits")

	wide := &model.Problem{Period: model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2026-09-26"), Weekdays: all}, Staff: staff}
	vs = model.Check(wide, &model.Schedule{Status: model.Feasible})
	require.Len(t, vs, model.MaxViolations+1)
	last := vs[len(vs)-1]
	require.Equal(t, model.RuleStructure, last.Rule)
	require.Contains(t, last.Msg, "more violations are not listed")
}
