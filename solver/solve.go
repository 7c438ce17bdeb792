package solver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rostersat/rostersat/model"
)

// Solve builds the lexicographically optimal rota for p: the least
// fairness deviation D first, then the least request cost W (see the
// package documentation for the exact definitions).
//
// It returns:
//   - a schedule with Status Optimal and a nil error when both objectives
//     are proven optimal;
//   - when ctx ends first, the best schedule found (Status Feasible, with
//     the proven bounds) or one with Status Unknown, and ctx's error;
//   - a schedule with Status Infeasible and an error matching
//     ErrInfeasible (an *InfeasibleError) when no schedule exists;
//   - a nil schedule and the validation errors (each a *model.FieldError)
//     when p is invalid.
//
// Every schedule with people on duty has passed model.Check; a failure
// there is returned as an *InternalError. Solve never changes p and is
// safe to call from several goroutines at once, each on its own problem or
// on the same one. The same problem gives the same schedule, byte for byte
// apart from the durations in Stats.
func Solve(ctx context.Context, p *model.Problem, opts ...Option) (*model.Schedule, error) {
	start := time.Now()
	if p == nil {
		return nil, errors.New("solver: nil problem")
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("solver: invalid problem: %w", err)
	}
	r := &run{ctx: ctx, cfg: defaults(), start: start, priceW: -1}
	for _, o := range opts {
		o(&r.cfg)
	}
	r.in = newInstance(p)
	err := r.optimise()
	s := r.schedule()
	s.Stats.Total = time.Since(start)
	switch {
	case r.infeasible != nil:
		return s, &InfeasibleError{Reasons: r.infeasible}
	case s.Status != model.Unknown:
		if v := model.Check(p, s); len(v) > 0 {
			return nil, &InternalError{Violations: v}
		}
	}
	if err != nil {
		return s, err
	}
	return s, nil
}

// schedule turns what the run found into a model.Schedule.
func (r *run) schedule() *model.Schedule {
	in := r.in
	s := &model.Schedule{Stats: model.Stats{Encode: r.encode}}
	if r.ses != nil {
		s.Stats.Variables = r.ses.vars
		s.Stats.Clauses = r.ses.clauses
		s.Stats.Solves = r.ses.solves
		s.Stats.Solve = r.ses.solveTime
	}
	switch {
	case r.infeasible != nil:
		s.Status = model.Infeasible
		return s
	case r.best == nil:
		s.Status = model.Unknown
		return s
	case r.dOptimal && r.wOptimal:
		s.Status = model.Optimal
	default:
		s.Status = model.Feasible
	}
	s.Dates = make([]model.DutyRoster, len(in.dates))
	for f, d := range in.dates {
		s.Dates[f] = model.DutyRoster{Date: d, Staff: []string{}}
		for p, row := range r.best {
			if row[f] {
				s.Dates[f].Staff = append(s.Dates[f].Staff, in.p.Staff[p].ID)
			}
		}
	}
	s.Staff = make([]model.StaffDuties, len(in.p.Staff))
	for p, st := range in.p.Staff {
		sd := model.StaffDuties{ID: st.ID, Dates: []model.Date{}, Share: in.share[p], Low: in.lo[p], High: in.hi[p], Total: in.hist[p]}
		for f, on := range r.best[p] {
			if on {
				sd.Dates = append(sd.Dates, in.dates[f])
				sd.Total++
			}
		}
		s.Staff[p] = sd
	}
	s.Objective = model.Objective{Deviation: r.bestD, DeviationBound: min(r.dBound, r.bestD), RequestCost: r.bestW, RequestCostBound: min(r.wBound, r.bestW)}
	if !r.fairness() {
		s.Objective.DeviationBound = 0
	}
	return s
}
