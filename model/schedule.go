package model

import (
	"fmt"
	"time"
)

// Status says how far a solve got.
type Status int

// The statuses a Schedule can have.
const (
	// Unknown: no schedule was found (for example the deadline passed first).
	Unknown Status = iota
	// Optimal: the schedule is proven lexicographically optimal.
	Optimal
	// Feasible: the schedule satisfies every hard rule; its optimality is
	// bounded by Objective's bounds but not proven.
	Feasible
	// Infeasible: it is proven that no schedule satisfies the hard rules.
	Infeasible
)

var statusNames = [...]string{"unknown", "optimal", "feasible", "infeasible"}

// String returns the lower-case name of s.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText writes the name of s.
func (s Status) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(statusNames) {
		return nil, fmt.Errorf("status %d: no such status", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a status name.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if n == string(b) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("status %q: want one of %v", string(b), statusNames)
}

// Schedule is a rota: who is on duty when, what it scores, and how it was
// found.
type Schedule struct {
	// Status says whether the schedule is optimal, only feasible, or absent.
	Status Status `json:"status"`
	// Dates lists every duty date of the problem in order, with the IDs of
	// the people on duty in problem order.
	Dates []DutyRoster `json:"dates"`
	// Staff lists every person in problem order with their duty dates.
	Staff []StaffDuties `json:"staff"`
	// Objective holds the scores and their proven bounds.
	Objective Objective `json:"objective"`
	// Stats describes the solve. Its durations are the only part of a
	// Schedule that differs between two solves of the same problem.
	Stats Stats `json:"stats"`
}

// DutyRoster is the set of people on duty on one date.
type DutyRoster struct {
	Date  Date     `json:"date"`
	Staff []string `json:"staff"`
}

// StaffDuties is one person's duties and their fair share.
type StaffDuties struct {
	ID string `json:"id"`
	// Dates are the person's duty dates in this period, in order.
	Dates []Date `json:"dates"`
	// Total is History.Duties plus the duties in this period.
	Total int `json:"total"`
	// Share is the person's proportional share of all duties, history
	// included; Low and High are its floor and ceiling.
	Share float64 `json:"share"`
	Low   int     `json:"low"`
	High  int     `json:"high"`
	// Interval is the person's ideal interval between duties, in the
	// dates they are available on, and Rhythm how far their gaps stray
	// from it (see the package documentation); both 0 for someone with
	// no duties due.
	Interval float64 `json:"interval,omitempty"`
	Rhythm   int     `json:"rhythm,omitempty"`
	// Classes are the person's duties on the dates of each DateClass,
	// in the order of Period.Classes, against their share of it.
	Classes []ClassDuties `json:"classes,omitempty"`
}

// ClassDuties is one person's duties on the dates of one DateClass and
// their share of that class's duties.
type ClassDuties struct {
	Class string  `json:"class"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
	Low   int     `json:"low"`
	High  int     `json:"high"`
}

// Objective holds the schedule's measures and, level by level, what the
// solver proved about them. Deviation, RequestCost, Changes, ClassDeviation
// and Rhythm are always reported,
// whether or not they are levels; Levels lists the problem's objective
// levels ([Problem.Levels]) in order.
type Objective struct {
	// Deviation is the largest distance of any person's Total from the range
	// [Low, High] of their share: 0 is perfectly fair.
	Deviation int `json:"deviation"`
	// RequestCost is the summed weight of unmet requests.
	RequestCost int `json:"requestCost"`
	// Changes is the weighted number of person-dates whose duty differs
	// from the published rota (see Baseline); 0 without a baseline.
	Changes int `json:"changes,omitempty"`
	// ClassDeviation is the largest distance of anyone's duties on a
	// DateClass from the range of their share of it; 0 without classes.
	ClassDeviation int `json:"classDeviation,omitempty"`
	// Rhythm is the summed distance of everyone's gaps between duties
	// from their ideal interval: 0 is a perfectly even rhythm.
	Rhythm int `json:"rhythm"`
	// Levels are the objective levels, most important first, each with
	// the schedule's value and a proven bound.
	Levels []Level `json:"levels"`
}

// Level is one objective level of a schedule.
type Level struct {
	Kind LevelKind `json:"kind"`
	// Value is the schedule's measure for the level.
	Value int `json:"value"`
	// Bound is a proven lower bound on Value among the schedules that
	// equal this one on every earlier level (for the first level, among
	// all schedules). When Status is Optimal, Bound equals Value on every
	// level.
	Bound int `json:"bound"`
}

// Level returns the level of the kind, and whether the objective has it.
func (o Objective) Level(kind LevelKind) (Level, bool) {
	for _, l := range o.Levels {
		if l.Kind == kind {
			return l, true
		}
	}
	return Level{}, false
}

// Stats describes the work a solve did.
type Stats struct {
	// Variables and Clauses count what was handed to the SAT solver.
	Variables int `json:"variables"`
	Clauses   int `json:"clauses"`
	// Solves counts calls to the SAT solver; zero when the bounds computed
	// before the search already proved a schedule optimal.
	Solves int `json:"solves"`
	// Encode is the time spent before and outside the SAT solver: bounds,
	// first schedules, clauses. Solve is the time spent in the SAT solver;
	// Total the whole call.
	Encode time.Duration `json:"encodeNs"`
	Solve  time.Duration `json:"solveNs"`
	Total  time.Duration `json:"totalNs"`
}

// Duties returns the IDs on duty on d, or nil when d is not a duty date of
// the schedule.
func (s *Schedule) Duties(d Date) []string {
	for _, r := range s.Dates {
		if r.Date == d {
			return r.Staff
		}
	}
	return nil
}
