package model

import "fmt"

// RuleKind names a kind of rule. The kinds are stable, so that tools can
// switch on them. A [Violation] names the kind it breaks; a [Rule] is one
// instance of a kind of hard rule.
type RuleKind string

// The kinds of rule.
const (
	// RuleStructure: the schedule's shape differs from the problem's (dates,
	// staff, IDs), or it misreports a person's Dates, Total, Low, High or
	// Share. Not a rule of the problem: no Rule has this kind.
	RuleStructure RuleKind = "structure"
	// RuleCoverage: a duty date does not have exactly its demand of people.
	// As a Rule instance: at least Count people on duty on Date.
	RuleCoverage RuleKind = "coverage"
	// RuleCoverageMax, as a Rule instance: at most Count people on duty on
	// Date. It is graded upwards: a date needing c people has "at most c",
	// "at most c+1" and so on, so that raising a date's coverage by one
	// person drops one instance. A Violation of too many people on a date
	// has kind RuleCoverage and breaks these instances.
	RuleCoverageMax RuleKind = "coverage-max"
	// RuleAvailability: someone is on duty on a date they are not
	// available. Availability is a fact of the problem, not a rule that
	// can be dropped: no Rule has this kind.
	RuleAvailability RuleKind = "availability"
	// RuleUnitMinimum: a duty date has too few people of a unit. As a Rule
	// instance: at least Count people of Unit on duty on Date.
	RuleUnitMinimum RuleKind = "unit-minimum"
	// RuleRoleMinimum: a duty date has too few people holding a role. As a
	// Rule instance: at least Count holders of Role on duty on Date.
	RuleRoleMinimum RuleKind = "role-minimum"
	// RuleUnitMaximum: a duty date has too many people of a unit. As a Rule
	// instance: at most Count people of Unit on duty on Date.
	RuleUnitMaximum RuleKind = "unit-maximum"
	// RuleMaxGap: a person who is available goes too long without a duty.
	// As a Rule instance: Rules.MaxGap holds for Staff.
	RuleMaxGap RuleKind = "max-gap"
	// RuleSpacing: two duties of one person are too close together. As a
	// Rule instance: every two duties of Staff lie Rules.Spacing apart.
	RuleSpacing RuleKind = "spacing"
	// RuleWindow: a person has more duties within a window than it allows.
	// As a Rule instance: Rules.Windows[Window] holds for Staff.
	RuleWindow RuleKind = "window"
	// RulePin: a pin is not honoured. As a Rule instance: the pin of Staff
	// on Date (Work says which way).
	RulePin RuleKind = "pin"
	// RuleFrozen: a frozen duty date's roster differs from the published
	// one (Problem.Baseline). As a Rule instance: Date keeps its published
	// roster exactly.
	RuleFrozen RuleKind = "frozen"
	// RuleObjective: an objective value or bound is misreported. Not a rule
	// of the problem: no Rule has this kind.
	RuleObjective RuleKind = "objective"
)

// Rule identifies one instance of a hard rule of a Problem: the coverage
// of one date, a unit or role minimum on one date, one person's spacing,
// one person's window, one pin. Instances are what an explanation of
// infeasibility names and what a relaxation drops. Graded rules have one
// instance per step, so that dropping one moves the rule by one person:
// the coverage of a date needing 4 people is the instances "at least 1"
// to "at least 4" and "at most 4", "at most 5", and so on.
//
// Only the fields of the kind are set (see the RuleKind constants); the
// zero value of the others keeps two equal instances equal, so a Rule can
// be compared with == and used as a map key.
type Rule struct {
	Kind RuleKind `json:"kind"`
	// Date is the duty date of a coverage, unit-minimum, unit-maximum,
	// role-minimum, pin or frozen instance.
	Date Date `json:"date,omitzero"`
	// Staff is the person of a spacing, window, max-gap or pin instance.
	Staff string `json:"staff,omitempty"`
	// Unit and Role name the group of a minimum or maximum.
	Unit string `json:"unit,omitempty"`
	Role string `json:"role,omitempty"`
	// Count is the number of people a coverage, minimum or maximum
	// instance asks for: at least Count, or at most Count for
	// RuleCoverageMax and RuleUnitMaximum.
	Count int `json:"count,omitempty"`
	// Window is the position in Rules.Windows of a window instance.
	Window int `json:"window,omitempty"`
	// Work is the direction of a pin instance: must work, or must not.
	Work bool `json:"work,omitempty"`
}

// String says what the instance asks, in the words of the rule.
func (r Rule) String() string {
	switch r.Kind {
	case RuleCoverage:
		return fmt.Sprintf("at least %s on duty on %s", headCount(r.Count), r.Date)
	case RuleCoverageMax:
		return fmt.Sprintf("at most %s on duty on %s", headCount(r.Count), r.Date)
	case RuleUnitMinimum:
		return fmt.Sprintf("at least %d of unit %q on duty on %s", r.Count, r.Unit, r.Date)
	case RuleRoleMinimum:
		return fmt.Sprintf("at least %d holding role %q on duty on %s", r.Count, r.Role, r.Date)
	case RuleUnitMaximum:
		return fmt.Sprintf("at most %d of unit %q on duty on %s", r.Count, r.Unit, r.Date)
	case RuleMaxGap:
		return fmt.Sprintf("the longest gap of %q without a duty", r.Staff)
	case RuleSpacing:
		return fmt.Sprintf("the spacing of %q", r.Staff)
	case RuleWindow:
		return fmt.Sprintf("window %d (rules.windows[%d]) for %q", r.Window+1, r.Window, r.Staff)
	case RulePin:
		if r.Work {
			return fmt.Sprintf("%q is pinned to work on %s", r.Staff, r.Date)
		}
		return fmt.Sprintf("%q is pinned off on %s", r.Staff, r.Date)
	case RuleFrozen:
		return fmt.Sprintf("the published roster of %s (frozen)", r.Date)
	}
	return fmt.Sprintf("rule %q", string(r.Kind))
}
