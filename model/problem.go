package model

// Problem is everything a rota is built from: who, when, who is away, the
// rules, and what people asked for. A Problem is plain data: build it in Go
// or decode it from JSON, then call Validate before solving.
//
// The Friday rota of the Värmdö trial is one configuration of it: duty dates
// are the Fridays of the period, and each duty date needs a fixed number of
// staff. Other duty weekdays work the same way.
type Problem struct {
	// Name labels the problem in reports; it has no effect on the rota.
	Name string `json:"name,omitempty"`
	// Period says which dates are duty dates.
	Period Period `json:"period"`
	// Units are the organisational units staff belong to.
	Units []Unit `json:"units,omitempty"`
	// Roles are qualifications a staff member may hold, such as "senior".
	Roles []Role `json:"roles,omitempty"`
	// Staff are the people who can be put on duty, in a fixed order: the
	// rota lists people in this order.
	Staff []Staff `json:"staff"`
	// Absences are spans of days on which a person cannot be on duty.
	Absences []Absence `json:"absences,omitempty"`
	// Rules are the hard rules and the fairness objective.
	Rules Rules `json:"rules"`
	// Requests are soft wishes with weights; their cost is minimised after
	// fairness.
	Requests []Request `json:"requests,omitempty"`
	// Pins are hard, per-person decisions: must work or must not work a date.
	Pins []Pin `json:"pins,omitempty"`
	// Baseline is the published rota this problem re-plans, nil when it
	// plans afresh: its frozen dates are kept, and changes to the rest
	// are the first objective level by default.
	Baseline *Baseline `json:"baseline,omitempty"`
}

// Period is the span of the rota and the rule that picks its duty dates.
type Period struct {
	// Start and End are the first and last day of the period, both included.
	Start Date `json:"start"`
	End   Date `json:"end"`
	// Weekdays are the days of the week that carry a duty. Empty means
	// Friday only.
	Weekdays []Weekday `json:"weekdays,omitempty"`
	// KeepHolidays keeps Swedish public holidays and the de facto holidays
	// (Midsommarafton, Julafton, Nyårsafton) as duty dates. The zero value
	// skips them.
	KeepHolidays bool `json:"keepHolidays,omitempty"`
	// Include adds duty dates inside the period whatever their weekday or
	// holiday status.
	Include []Date `json:"include,omitempty"`
	// Exclude removes duty dates; it wins over Include.
	Exclude []Date `json:"exclude,omitempty"`
	// Classes name sets of duty dates, such as the unpopular Fridays
	// (the day after Ascension, the Friday before Christmas), whose
	// duties are shared fairly on their own: the level classes.
	Classes []DateClass `json:"classes,omitempty"`
}

// DateClass is a named set of duty dates whose duties are shared out in
// proportion, as all duties are, so that nobody takes more than their
// share of, say, the unpopular Fridays.
type DateClass struct {
	// ID is unique among classes; levels and reports name the class by it.
	ID string `json:"id"`
	// Name is for people to read.
	Name string `json:"name,omitempty"`
	// Dates are duty dates of the period, each once.
	Dates []Date `json:"dates"`
}

// Unit is an organisational unit, such as the common intake (mottagning).
type Unit struct {
	// ID is unique among units and is what Staff.Unit refers to.
	ID string `json:"id"`
	// Name is for people to read.
	Name string `json:"name,omitempty"`
}

// Role is a qualification, such as "senior", that rules can ask for.
type Role struct {
	// ID is unique among roles and is what Staff.Roles refers to.
	ID string `json:"id"`
	// Name is for people to read.
	Name string `json:"name,omitempty"`
}

// Staff is one person who can be put on duty.
type Staff struct {
	// ID is unique among staff; every other reference to a person uses it.
	ID string `json:"id"`
	// Name is for people to read.
	Name string `json:"name,omitempty"`
	// Unit is the ID of the person's unit; empty means no unit.
	Unit string `json:"unit,omitempty"`
	// Roles are the IDs of the person's roles.
	Roles []string `json:"roles,omitempty"`
	// Start is the first day of employment; zero means employed before the
	// period starts.
	Start Date `json:"start,omitzero"`
	// End is the last day of employment; zero means employed beyond the
	// period.
	End Date `json:"end,omitzero"`
	// Percent is the employment level, 1 to 100, and scales the person's
	// fair share. Zero means 100.
	Percent int `json:"percent,omitempty"`
	// OffWeekdays is a part-time pattern: weekdays the person never works,
	// for example Friday for someone who works four days a week.
	OffWeekdays []Weekday `json:"offWeekdays,omitempty"`
	// History counts duties from earlier periods towards fairness.
	History History `json:"history,omitzero"`
}

// DisplayName is how the person is written for people to read: the
// Name, or the ID when there is none.
func (st Staff) DisplayName() string {
	if st.Name == "" {
		return st.ID
	}
	return st.Name
}

// History is what a person did before this period, counted for fairness.
type History struct {
	// Duties is the number of duties the person worked.
	Duties int `json:"duties,omitempty"`
	// Dates is the number of duty dates on which the person was available.
	Dates int `json:"dates,omitempty"`
}

// AbsenceKind says why a person is away. It is informational: every kind
// makes the person unavailable in the same way.
type AbsenceKind string

// The kinds of absence.
const (
	Vacation      AbsenceKind = "vacation"
	ParentalLeave AbsenceKind = "parental-leave"
	SickLeave     AbsenceKind = "sick-leave"
	Training      AbsenceKind = "training"
	OtherAbsence  AbsenceKind = "other"
)

// AbsenceKinds returns every valid AbsenceKind, in a new slice.
func AbsenceKinds() []AbsenceKind {
	return []AbsenceKind{Vacation, ParentalLeave, SickLeave, Training, OtherAbsence}
}

// Absence makes a person unavailable from First to Last, both included.
type Absence struct {
	// Staff is the ID of the absent person.
	Staff string `json:"staff"`
	// First and Last are the first and last day away.
	First Date `json:"first"`
	Last  Date `json:"last"`
	// Kind says why; empty means OtherAbsence.
	Kind AbsenceKind `json:"kind,omitempty"`
}

// Rules are the hard rules of the rota and the fairness objective. Each
// rule is optional; the zero Rules asks for DefaultStaffPerDate people on
// every duty date and for fairness, nothing more.
type Rules struct {
	// Coverage says how many people are on duty on each duty date.
	Coverage Coverage `json:"coverage,omitzero"`
	// UnitMinimums ask for at least a number of people from a unit on every
	// duty date.
	UnitMinimums []UnitMinimum `json:"unitMinimums,omitempty"`
	// RoleMinimums ask for at least a number of people holding a role on
	// every duty date.
	RoleMinimums []RoleMinimum `json:"roleMinimums,omitempty"`
	// UnitMaximums ask for at most a number of people from a unit on
	// every duty date, so that no unit is left thin by a Friday.
	UnitMaximums []UnitMaximum `json:"unitMaximums,omitempty"`
	// Spacing keeps two duties of one person a number of weeks apart.
	Spacing Spacing `json:"spacing,omitzero"`
	// MaxGap keeps anyone who is available from going too long without a
	// duty.
	MaxGap MaxGap `json:"maxGap,omitzero"`
	// Windows cap a person's duties within any rolling span of weeks.
	Windows []Window `json:"windows,omitempty"`
	// Fairness says whether the deviation from each person's share is
	// minimised.
	Fairness Fairness `json:"fairness,omitzero"`
	// Rhythm asks for duties at an even rhythm, each person's about
	// their ideal interval apart: the level rhythm.
	Rhythm Rhythm `json:"rhythm,omitzero"`
	// Objective lists the objective levels, most important first, each
	// kind once; see [Problem.Levels]. Empty means changes (with a
	// Baseline), fairness (unless Fairness.Off), classes (with
	// Period.Classes), rhythm (with Rhythm.On), then requests. A kind
	// left out is still reported but not minimised.
	Objective []LevelKind `json:"objective,omitempty"`
}

// DefaultStaffPerDate is the number of people on duty on a duty date when
// Coverage.PerDate is zero: four, as in the Värmdö trial.
const DefaultStaffPerDate = 4

// Coverage is the number of people on duty on each duty date: exactly that
// many, no more and no fewer.
type Coverage struct {
	// PerDate is the number on every duty date; zero means
	// DefaultStaffPerDate.
	PerDate int `json:"perDate,omitempty"`
	// Dates override PerDate on given duty dates; a count may be zero.
	Dates []DateCount `json:"dates,omitempty"`
}

// DateCount is a count for one date.
type DateCount struct {
	Date  Date `json:"date"`
	Count int  `json:"count"`
}

// UnitMinimum asks for at least Min people from Unit on every duty date.
type UnitMinimum struct {
	Unit string `json:"unit"`
	Min  int    `json:"min"`
}

// RoleMinimum asks for at least Min people holding Role on every duty date.
type RoleMinimum struct {
	Role string `json:"role"`
	Min  int    `json:"min"`
}

// UnitMaximum asks for at most Max people from Unit on every duty date.
type UnitMaximum struct {
	Unit string `json:"unit"`
	Max  int    `json:"max"`
}

// MaxGap asks that nobody available goes Weeks weeks without a duty:
// every run of consecutive duty dates on all of which a person is
// available, covering Weeks weeks or more (from its first date to a week
// after its last), holds a duty of theirs. Zero Weeks is off.
type MaxGap struct {
	Weeks int `json:"weeks,omitempty"`
}

// Spacing asks that two duties of one person lie at least Weeks weeks
// apart: their dates differ by 7*Weeks days or more. Zero Weeks is off.
type Spacing struct {
	Weeks int `json:"weeks,omitempty"`
}

// Window caps a person's duties at Max within any Weeks consecutive weeks,
// that is within any span of 7*Weeks consecutive days.
type Window struct {
	Weeks int `json:"weeks"`
	Max   int `json:"max"`
}

// Fairness configures the fairness level: the largest deviation of any
// person's duty count from their proportional share (defined in the
// package documentation).
type Fairness struct {
	// Off leaves the deviation out of the objective; it is still reported.
	// It cannot be combined with an Objective that names fairness.
	Off bool `json:"off,omitempty"`
}

// Rhythm configures the rhythm level: how far the gaps between a
// person's duties stray from their ideal interval (defined in the package
// documentation). The measure is always reported; On makes it a level of
// the default order, after fairness and before requests. It is off by
// default because it costs: its literals grow with each person's
// available dates times their interval, and its optimum is rarely proven
// (the solver searches down from its first rota, reporting each better
// one), so give the solve a deadline.
type Rhythm struct {
	On bool `json:"on,omitempty"`
}

// RequestKind says what a person asked for.
type RequestKind string

// The kinds of request.
const (
	// Avoid asks not to be on duty on the date; it costs its weight if the
	// person is on duty.
	Avoid RequestKind = "avoid"
	// Prefer asks to be on duty on the date; it costs its weight if the
	// person is not on duty.
	Prefer RequestKind = "prefer"
)

// Request is a soft, weighted wish of one person about one duty date.
type Request struct {
	Staff string      `json:"staff"`
	Date  Date        `json:"date"`
	Kind  RequestKind `json:"kind"`
	// Weight is what an unmet request costs; zero means 1.
	Weight int `json:"weight,omitempty"`
}

// Pin is a hard decision about one person on one duty date.
type Pin struct {
	Staff string `json:"staff"`
	Date  Date   `json:"date"`
	// Work true means the person must be on duty; false means must not.
	Work bool `json:"work"`
}
