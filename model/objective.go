package model

// LevelKind names an objective level: a measure of a schedule that the
// solver minimises. A problem's levels are ordered, most important first,
// and the objective is lexicographic: a level counts only among schedules
// that tie on every level before it.
type LevelKind string

// The kinds of level.
const (
	// LevelFairness is the schedule's Deviation: the largest distance of
	// anyone's Total from the range [Low, High] of their share.
	LevelFairness LevelKind = "fairness"
	// LevelRequests is the schedule's RequestCost: the summed weight of
	// unmet requests.
	LevelRequests LevelKind = "requests"
)

// LevelKinds returns every LevelKind, in the default order.
func LevelKinds() []LevelKind { return []LevelKind{LevelFairness, LevelRequests} }

// Levels returns the problem's objective levels, most important first:
// Rules.Objective when it is set, else fairness then requests, or requests
// alone when Rules.Fairness.Off.
func (p *Problem) Levels() []LevelKind {
	if len(p.Rules.Objective) > 0 {
		return append([]LevelKind(nil), p.Rules.Objective...)
	}
	if p.Rules.Fairness.Off {
		return []LevelKind{LevelRequests}
	}
	return LevelKinds()
}
