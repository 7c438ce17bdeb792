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

// schedule builds the full Schedule of the assignment on: dates in duty
// date order with IDs in problem order, staff in problem order with their
// dates, totals and shares, and the objective scored from the Definitions.
// Bounds and status are the caller's.
func (in *instance) schedule(on []bool, status model.Status) *model.Schedule {
	sc := &model.Schedule{Status: status}
	if on == nil {
		return sc
	}
	sc.Dates = make([]model.DutyRoster, len(in.dates))
	for f, d := range in.dates {
		sc.Dates[f] = model.DutyRoster{Date: d, Staff: []string{}}
		for s, st := range in.p.Staff {
			if k := in.varOf[s][f]; k >= 0 && on[k] {
				sc.Dates[f].Staff = append(sc.Dates[f].Staff, st.ID)
			}
		}
	}
	sc.Staff = make([]model.StaffDuties, len(in.p.Staff))
	for s, st := range in.p.Staff {
		sd := model.StaffDuties{ID: st.ID, Dates: []model.Date{}, Total: in.hist[s], Share: in.share[s], Low: in.low[s], High: in.high[s]}
		for _, k := range in.byStaff[s] {
			if on[k] {
				sd.Dates = append(sd.Dates, in.dates[in.vars[k].f])
				sd.Total++
			}
		}
		sc.Staff[s] = sd
	}
	sc.Objective.Deviation, sc.Objective.RequestCost = in.score(on)
	return sc
}

// bound sets the schedule's objective levels in the two-stage order the
// peers solve, fairness (when the problem minimises it) then requests,
// with the proven bounds dBound and wBound.
func (in *instance) bound(sc *model.Schedule, dBound, wBound int) {
	sc.Objective.Levels = []model.Level{}
	if in.fairness {
		sc.Objective.Levels = append(sc.Objective.Levels, model.Level{Kind: model.LevelFairness, Value: sc.Objective.Deviation, Bound: dBound})
	}
	sc.Objective.Levels = append(sc.Objective.Levels, model.Level{Kind: model.LevelRequests, Value: sc.Objective.RequestCost, Bound: wBound})
}
