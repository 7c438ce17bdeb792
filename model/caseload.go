package model

import "fmt"

// CaseProblem is everything a caseload plan is built from: the
// caseworkers, who is away, what each may carry at a time, and the open
// cases, some already with a worker. It is plain data, as [Problem] is:
// build it in Go or decode it from JSON (DecodeCaseProblem), then
// Validate it. The definitions the plan is measured by are in the package
// documentation, under "Caseloads".
type CaseProblem struct {
	// Name labels the problem in reports; it has no effect on the plan.
	Name string `json:"name,omitempty"`
	// Date is the day the plan is made for: employment and long leave are
	// read on it, and deadlines are near when they fall within
	// NearDeadlineDays of it.
	Date Date `json:"date"`
	// Units are the organisational units, such as the common intake
	// (mottagning); a case of a unit goes to a worker of that unit.
	Units []Unit `json:"units,omitempty"`
	// Roles are competences a case can require, such as the one for
	// unaccompanied minors.
	Roles []Role `json:"roles,omitempty"`
	// Staff are the caseworkers, in a fixed order: the plan lists them in
	// this order. Percent scales capacity and share; History, OffWeekdays
	// are rota facts and play no part.
	Staff []Staff `json:"staff"`
	// Absences are spans away. One that covers Date and lasts at least
	// LongLeaveDays puts the person on long leave (see Caseloads).
	Absences []Absence `json:"absences,omitempty"`
	// Capacity is what a full-time worker may carry at a time.
	Capacity Capacity `json:"capacity,omitzero"`
	// Capacities replace Capacity for single workers (still scaled by
	// their Percent).
	Capacities []StaffCapacity `json:"capacities,omitempty"`
	// OnDuty are the IDs of the workers with Friday duty in the week of
	// Date: their weight capacity is lower by Capacity.DutyReduction.
	OnDuty []string `json:"onDuty,omitempty"`
	// Cases are the open cases, in a fixed order: the plan lists them in
	// this order.
	Cases []Case `json:"cases"`
	// LongLeaveDays is the shortest absence that counts as long leave;
	// zero means DefaultLongLeaveDays.
	LongLeaveDays int `json:"longLeaveDays,omitempty"`
	// ReleaseOnLeave hands the cases of workers on long leave over to
	// others; by default they keep them (and take no new ones).
	ReleaseOnLeave bool `json:"releaseOnLeave,omitempty"`
	// NearDeadlineDays says how close to Date a deadline is near; zero
	// means DefaultNearDeadlineDays.
	NearDeadlineDays int `json:"nearDeadlineDays,omitempty"`
	// Objective lists the objective levels, most important first, each
	// kind once, from [CaseLevelKinds]. Empty means the default order
	// ([DefaultCaseLevels]): moves, balance, deadlines, affinity. A kind left out is still
	// reported but not minimised; affinity alone is the classic
	// cost-minimising assignment with capacities.
	Objective []LevelKind `json:"objective,omitempty"`
}

// The defaults of a CaseProblem.
const (
	// DefaultLongLeaveDays is the shortest long leave: two weeks.
	DefaultLongLeaveDays = 14
	// DefaultNearDeadlineDays is how close a near deadline is: four weeks.
	DefaultNearDeadlineDays = 28
	// ChildInvestigationMonths is how long an investigation concerning a
	// child may take (Socialtjänstlagen 11 kap. 2 §): its default
	// deadline is this many months after it was opened.
	ChildInvestigationMonths = 4
)

// CaseKind says what a case is; capacities and balance count the kinds
// apart.
type CaseKind string

// The kinds of case.
const (
	// Investigation is an utredning: it has a deadline.
	Investigation CaseKind = "investigation"
	// FollowUp is an uppföljningsärende.
	FollowUp CaseKind = "follow-up"
	// OtherCase is any other case; it counts by weight only.
	OtherCase CaseKind = "other"
)

// CaseKinds returns every valid CaseKind, in a new slice.
func CaseKinds() []CaseKind { return []CaseKind{Investigation, FollowUp, OtherCase} }

// Case is one open case.
type Case struct {
	// ID is unique among cases.
	ID string `json:"id"`
	// Kind is investigation, follow-up or other.
	Kind CaseKind `json:"kind"`
	// Unit is the ID of the unit that handles the case; empty means any
	// worker of the office.
	Unit string `json:"unit,omitempty"`
	// Weight is the case's complexity in points, 1 to MaxCaseWeight;
	// zero means 1.
	Weight int `json:"weight,omitempty"`
	// Opened is the day the case was opened.
	Opened Date `json:"opened,omitzero"`
	// Deadline is the last day of an investigation. Zero means, for an
	// investigation concerning a child, ChildInvestigationMonths after
	// Opened; for any other case, none.
	Deadline Date `json:"deadline,omitzero"`
	// Child says the case concerns a child.
	Child bool `json:"child,omitempty"`
	// Group joins cases that go to one worker, such as siblings or one
	// family; empty means none.
	Group string `json:"group,omitempty"`
	// Worker is the ID of the worker who has the case now; empty for a
	// new case.
	Worker string `json:"worker,omitempty"`
	// Roles are the IDs of the roles the worker must hold, all of them.
	Roles []string `json:"roles,omitempty"`
	// Affinity is what giving the case to a worker costs, for workers
	// where it is not zero: a language not shared, no earlier contact
	// with the family. Lower is better.
	Affinity []Affinity `json:"affinity,omitempty"`
}

// Affinity is the cost of giving a case to one worker.
type Affinity struct {
	Staff string `json:"staff"`
	Cost  int    `json:"cost"`
}

// Capacity is what a worker may carry at a time; each zero field means no
// limit. The limits are for a full-time worker and scale with Percent
// (rounded down).
type Capacity struct {
	// Investigations is the most investigations at a time.
	Investigations int `json:"investigations,omitempty"`
	// FollowUps is the most follow-up cases at a time.
	FollowUps int `json:"followUps,omitempty"`
	// Weight is the most complexity points of all cases together.
	Weight int `json:"weight,omitempty"`
	// DutyReduction lowers the Weight limit of a worker listed in
	// CaseProblem.OnDuty (after scaling); it needs a Weight limit.
	DutyReduction int `json:"dutyReduction,omitempty"`
}

// StaffCapacity is the capacity of one worker, in place of the default.
type StaffCapacity struct {
	Staff    string   `json:"staff"`
	Capacity Capacity `json:"capacity"`
}

// The kinds of level of a caseload plan.
const (
	// LevelMoves is the plan's Moves: the number of cases that had a
	// worker and now have another.
	LevelMoves LevelKind = "moves"
	// LevelBalance is the plan's Balance: over the units and measures,
	// the sum of the largest distance of a worker's load from the range
	// of their share (see Caseloads).
	LevelBalance LevelKind = "balance"
	// LevelSpread is the plan's Spread: the sum of every worker's
	// distance from the range of their share, per unit and measure, so
	// that below the largest (balance) the others are as even as they can
	// be too.
	LevelSpread LevelKind = "spread"
	// LevelDeadlines is the plan's NearDeadline: the most investigations
	// with a near deadline that one worker holds.
	LevelDeadlines LevelKind = "deadlines"
	// LevelAffinity is the plan's Affinity: the summed affinity cost of
	// the assignments.
	LevelAffinity LevelKind = "affinity"
)

// CaseLevelKinds returns every level kind of a caseload plan: the
// default order (DefaultCaseLevels) with spread after balance.
func CaseLevelKinds() []LevelKind {
	return []LevelKind{LevelMoves, LevelBalance, LevelSpread, LevelDeadlines, LevelAffinity}
}

// DefaultCaseLevels returns the levels of a problem without Objective:
// moves, balance, deadlines, affinity. Spread is left out: proving it
// is slow (one of three 30-worker offices of 400 cases in 60 s), so a
// problem asks for it by name.
func DefaultCaseLevels() []LevelKind {
	return []LevelKind{LevelMoves, LevelBalance, LevelDeadlines, LevelAffinity}
}

// Levels returns the problem's objective levels, most important first:
// Objective when it is set, else DefaultCaseLevels.
func (p *CaseProblem) Levels() []LevelKind {
	if len(p.Objective) > 0 {
		return append([]LevelKind(nil), p.Objective...)
	}
	return DefaultCaseLevels()
}

// Measure is one of the three things a caseload counts.
type Measure string

// The measures.
const (
	MeasureInvestigations Measure = "investigations"
	MeasureFollowUps      Measure = "follow-ups"
	MeasureWeight         Measure = "weight"
)

// Measures returns the three measures, in the order plans report them.
func Measures() []Measure {
	return []Measure{MeasureInvestigations, MeasureFollowUps, MeasureWeight}
}

// The kinds of rule of a caseload plan.
const (
	// RuleCaseWorker: a case has no worker, more than one, or one who may
	// not hold it. As a CaseRule: Case has a worker who may hold it.
	RuleCaseWorker RuleKind = "case-worker"
	// RuleCaseGroup: the cases of a group have different workers. As a
	// CaseRule: the cases of Group have one worker.
	RuleCaseGroup RuleKind = "case-group"
	// RuleCapacity: a worker carries more than a limit. As a CaseRule:
	// Staff holds at most Count of Measure.
	RuleCapacity RuleKind = "capacity"
)

// CaseRuleKinds returns every kind of rule of a caseload plan.
func CaseRuleKinds() []RuleKind { return []RuleKind{RuleCaseWorker, RuleCaseGroup, RuleCapacity} }

// CaseRule identifies one instance of a hard rule of a CaseProblem, which
// an explanation of infeasibility names. Only the fields of its kind are
// set, so CaseRules compare with ==.
type CaseRule struct {
	Kind    RuleKind `json:"kind"`
	Case    string   `json:"case,omitempty"`
	Group   string   `json:"group,omitempty"`
	Staff   string   `json:"staff,omitempty"`
	Measure Measure  `json:"measure,omitempty"`
	Count   int      `json:"count,omitempty"`
}

// String says what the instance asks.
func (r CaseRule) String() string {
	switch r.Kind {
	case RuleCaseWorker:
		return fmt.Sprintf("case %q has a worker who may hold it", r.Case)
	case RuleCaseGroup:
		return fmt.Sprintf("the cases of group %q have one worker", r.Group)
	case RuleCapacity:
		if r.Measure == MeasureWeight {
			return fmt.Sprintf("%q carries at most %d points", r.Staff, r.Count)
		}
		return fmt.Sprintf("%q carries at most %d %s", r.Staff, r.Count, r.Measure)
	}
	return fmt.Sprintf("rule %q", string(r.Kind))
}
