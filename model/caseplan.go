package model

// CasePlan is a caseload plan: who holds each case, what each worker
// carries, what it scores, and how it was found.
type CasePlan struct {
	// Status says whether the plan is optimal, only feasible, or absent.
	Status Status `json:"status"`
	// Cases lists every case of the problem in order with its worker;
	// empty workers when there is no plan.
	Cases []CaseAssignment `json:"cases"`
	// Staff lists every worker in problem order with their load.
	Staff []CaseLoad `json:"staff"`
	// Objective holds the scores and their proven bounds.
	Objective CaseObjective `json:"objective"`
	// Stats describes the solve; its durations are the only part of a
	// plan that differs between two solves of the same problem.
	Stats Stats `json:"stats"`
}

// CaseAssignment is the worker of one case.
type CaseAssignment struct {
	Case   string `json:"case"`
	Worker string `json:"worker"`
	// Moved says the case had another worker before (Case.Worker).
	Moved bool `json:"moved,omitempty"`
}

// CaseLoad is what one worker carries in a plan, and what they may.
type CaseLoad struct {
	Staff string `json:"staff"`
	// OnLeave says the worker is on long leave on the plan's date.
	OnLeave bool `json:"onLeave,omitempty"`
	// Investigations, FollowUps and Weight are the worker's load: the
	// counts of investigations and follow-ups, and the points of all
	// their cases.
	Investigations int `json:"investigations"`
	FollowUps      int `json:"followUps"`
	Weight         int `json:"weight"`
	// NearDeadline counts the worker's investigations with a near
	// deadline.
	NearDeadline int `json:"nearDeadline"`
	// Capacity is the worker's own capacity, scaled and reduced; a zero
	// field is no limit.
	Capacity Capacity `json:"capacity"`
	// Shares are the worker's fair shares, one per unit whose cases they
	// may hold (see Caseloads); none for a worker on long leave.
	Shares []CaseShare `json:"shares,omitempty"`
}

// CaseShare is a worker's load of one unit's cases against the floor and
// ceiling of their share of it, per measure.
type CaseShare struct {
	// Unit is the unit of the cases; empty for the cases of the whole
	// office (Case.Unit empty).
	Unit string `json:"unit"`
	// Investigations, FollowUps and Weight are the three measures.
	Investigations ShareRange `json:"investigations"`
	FollowUps      ShareRange `json:"followUps"`
	Weight         ShareRange `json:"weight"`
}

// ShareRange is a load and the floor and ceiling of its fair share.
type ShareRange struct {
	Load int `json:"load"`
	Low  int `json:"low"`
	High int `json:"high"`
}

// CaseObjective holds the plan's measures and, level by level, what the
// solver proved about them. The four measures are always reported;
// Levels lists the problem's levels ([CaseProblem.Levels]) in order.
type CaseObjective struct {
	// Moves is the number of cases moved from their worker.
	Moves int `json:"moves"`
	// Balance is the sum over units and measures of the largest distance
	// of a load from its share's range; Deviation is the largest.
	Balance   int `json:"balance"`
	Deviation int `json:"deviation"`
	// Spread is the sum of every worker's distance from their share's
	// range, over units and measures.
	Spread int `json:"spread"`
	// NearDeadline is the most near-deadline investigations one worker
	// holds.
	NearDeadline int `json:"nearDeadline"`
	// Affinity is the summed affinity cost.
	Affinity int `json:"affinity"`
	// Levels are the objective levels, most important first.
	Levels []Level `json:"levels"`
}

// Level returns the level of the kind, and whether the objective has it.
func (o CaseObjective) Level(kind LevelKind) (Level, bool) {
	for _, l := range o.Levels {
		if l.Kind == kind {
			return l, true
		}
	}
	return Level{}, false
}
