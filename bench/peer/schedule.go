package peer

import "github.com/rostersat/rostersat/model"

// score returns the Deviation D and RequestCost W of the assignment on
// (indexed by variable), computed from the Definitions.
func (in *instance) score(on []bool) (d, w int) {
	w = in.constant
	for k, c := range in.cost {
		if on[k] {
			w += c
		}
	}
	for s := range in.p.Staff {
		total := in.hist[s]
		for _, k := range in.byStaff[s] {
			if on[k] {
				total++
			}
		}
		d = max(d, in.low[s]-total, total-in.high[s])
	}
	return d, w
}

// schedule builds the full Schedule of the assignment on with the
// model's own writer (model.Facts.Schedule), as the solver does: the
// rosters, everyone's dates, totals, shares and rhythm, and the measures.
// Bounds and status are the caller's.
func (in *instance) schedule(on []bool, status model.Status) *model.Schedule {
	if on == nil {
		return &model.Schedule{Status: status}
	}
	grid := make([][]bool, len(in.p.Staff))
	for s := range grid {
		grid[s] = make([]bool, len(in.dates))
		for _, k := range in.byStaff[s] {
			grid[s][in.vars[k].f] = on[k]
		}
	}
	return in.p.Facts().Schedule(in.p, status, grid)
}

// bound sets the schedule's objective levels in the order the peers
// solve, fairness (when the problem minimises it), classes (when it has
// them: only cbc solves them, see boundClasses), then requests, with the
// proven bounds dBound and wBound.
func (in *instance) bound(sc *model.Schedule, dBound, wBound int) {
	in.boundClasses(sc, dBound, 0, wBound)
}

// boundClasses is bound with the classes level's bound kBound.
func (in *instance) boundClasses(sc *model.Schedule, dBound, kBound, wBound int) {
	sc.Objective.Levels = []model.Level{}
	if in.fairness {
		sc.Objective.Levels = append(sc.Objective.Levels, model.Level{Kind: model.LevelFairness, Value: sc.Objective.Deviation, Bound: dBound})
	}
	if in.classes != nil {
		sc.Objective.Levels = append(sc.Objective.Levels, model.Level{Kind: model.LevelClasses, Value: sc.Objective.ClassDeviation, Bound: kBound})
	}
	sc.Objective.Levels = append(sc.Objective.Levels, model.Level{Kind: model.LevelRequests, Value: sc.Objective.RequestCost, Bound: wBound})
}
