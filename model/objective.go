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
	// LevelChanges is the schedule's Changes: the weighted number of
	// person-dates whose duty differs from the published rota
	// (Problem.Baseline). Only a problem with a baseline has it.
	LevelChanges LevelKind = "changes"
	// LevelClasses is the schedule's ClassDeviation: the largest distance
	// of anyone's duties on the dates of a DateClass from the range of
	// their share of that class. Only a problem with Period.Classes has
	// it.
	LevelClasses LevelKind = "classes"
	// LevelRhythm is the schedule's Rhythm: the summed distance of the
	// gaps between each person's duties from their ideal interval.
	LevelRhythm LevelKind = "rhythm"
)

// LevelKinds returns every LevelKind, in the default order of a problem
// that has them all.
func LevelKinds() []LevelKind {
	return []LevelKind{LevelChanges, LevelFairness, LevelClasses, LevelRhythm, LevelRequests}
}

// Levels returns the problem's objective levels, most important first:
// Rules.Objective when it is set, else changes (with a baseline),
// fairness (unless Rules.Fairness.Off), classes (with Period.Classes),
// rhythm (with Rules.Rhythm.On), then requests.
func (p *Problem) Levels() []LevelKind {
	if len(p.Rules.Objective) > 0 {
		return append([]LevelKind(nil), p.Rules.Objective...)
	}
	var out []LevelKind
	if p.Baseline != nil {
		out = append(out, LevelChanges)
	}
	if !p.Rules.Fairness.Off {
		out = append(out, LevelFairness)
	}
	if len(p.Period.Classes) > 0 {
		out = append(out, LevelClasses)
	}
	if p.Rules.Rhythm.On {
		out = append(out, LevelRhythm)
	}
	return append(out, LevelRequests)
}
