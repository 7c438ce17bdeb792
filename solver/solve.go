package solver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// errNilProblem is returned for a nil problem.
var errNilProblem = errors.New("solver: nil problem")

// Solve builds the lexicographically optimal rota for p: level by level
// in the order of p.Levels(), by default the least fairness deviation D
// first, then the least request cost W (see the model package for the
// exact definitions).
//
// It returns:
//   - a schedule with Status Optimal and a nil error when every level is
//     proven optimal;
//   - when ctx ends first, the best schedule found (Status Feasible, with
//     the proven bounds) or one with Status Unknown, and ctx's error;
//   - the best schedule found, Status Feasible, and a nil error when the
//     rhythm level of a large office was improved person by person as
//     far as that goes, without a proof (see engine.Sum.Parts); the
//     levels after it keep that schedule's values;
//   - the same with a *BudgetError when the memory budget stopped it
//     (see WithMemoryBudget);
//   - a schedule with Status Infeasible and an *InfeasibleError (it
//     matches ErrInfeasible) naming a minimal set of rule instances that
//     clash, when no schedule exists;
//   - a nil schedule and the validation errors (each a *model.FieldError)
//     when p is invalid;
//   - an *InternalError for a failure inside rostersat.
//
// Every schedule with people on duty has passed model.Check. With a
// deadline the search ends a little before it, to leave the time the
// schedule's figures and that check take (15 ns a person-date, at most a
// quarter of the time left: 0.3 s at the largest size the limits allow,
// 22 µs for 28 people's Fridays of a year), and a step that cannot be
// cut short and cannot end before the deadline (a max-flow network of
// millions of edges) is not begun: the call ends then, with the
// deadline's error, as it would at the deadline. Solve never
// changes p and is safe to call from several goroutines at once, each on
// its own problem or on the same one. The same problem gives the same
// schedule, byte for byte apart from the durations in Stats.
func Solve(ctx context.Context, p *model.Problem, opts ...Option) (s *model.Schedule, err error) {
	defer walled(&err, func() { s = nil })
	return solve(ctx, p, opts)
}

// walled turns a panic of the calling goroutine (a rostersat bug, or a
// panic of gini's that reaches it) into an *InternalError, so that no
// panic reaches the host program; reset clears the other results.
// gini's own solving goroutine is out of any recover's reach: the lines
// there that panic or exit are kept out of reach instead (see
// internal/engine).
func walled(err *error, reset func()) {
	if v := recover(); v != nil {
		reset()
		*err = &InternalError{Msg: fmt.Sprintf("panic: %v", v)}
	}
}

func solve(ctx context.Context, p *model.Problem, opts []Option) (*model.Schedule, error) {
	start := time.Now()
	c, err := prepare(ctx, p, opts)
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		// Ended while validating: nothing is known of p yet.
		return unknown(start), err
	case err != nil:
		return nil, err
	}
	defer c.stop()
	in := c.instance(p)
	if in == nil {
		return unknown(start), c.cause()
	}
	r := &search{ctx: c.ctx, cfg: c.cfg, in: in, order: p.Levels(), start: start}
	a, err := r.run()
	status := model.Unknown
	switch {
	case a.infeasible != nil:
		status = model.Infeasible
	case a.rota == nil:
	case a.settled == len(r.order):
		status = model.Optimal
	default:
		status = model.Feasible
	}
	s, serr := r.schedule(a, status, start)
	switch {
	case serr != nil:
		return nil, serr
	case status == model.Optimal || status == model.Feasible:
		if v := model.Check(p, s); len(v) > 0 {
			return nil, &InternalError{Msg: "the solver's schedule fails the independent checker", Violations: v}
		}
	}
	switch {
	case a.infeasible != nil:
		// Proven, whether or not the deadline let the reasons be shrunk.
		return s, a.infeasible
	case err == nil:
		return s, nil
	case c.ctx.Err() != nil && errors.Is(err, c.ctx.Err()):
		return s, c.cause()
	case errors.As(err, new(*BudgetError)):
		return s, err
	default:
		return nil, &InternalError{Msg: "the search failed", Err: err}
	}
}

// call is one Solve or Relax under way: its options, and its context,
// which ends at the caller's end or at the memory budget.
type call struct {
	ctx    context.Context
	parent context.Context
	cfg    config
	end    context.CancelCauseFunc // ends ctx early, with a cause (see halt.outlasts)
	stop   func()                  // ends the memory watch
}

// prepare validates p and applies the options, then starts the memory
// watch: the first steps of Solve and Relax. The caller must call stop.
func prepare(ctx context.Context, p *model.Problem, opts []Option) (*call, error) {
	if p == nil {
		return nil, errNilProblem
	}
	if err := p.ValidateContext(ctx); err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return nil, err
		}
		return nil, fmt.Errorf("solver: invalid problem: %w", err)
	}
	c := &call{parent: ctx}
	for _, o := range opts {
		o(&c.cfg)
	}
	if c.cfg.budget <= 0 {
		// The period's days bound its duty dates, and cost nothing to
		// count: the calendar is built later, once.
		days := min(p.Period.Start.DaysUntil(p.Period.End)+1, model.MaxDutyDates)
		c.cfg.budget = DefaultMemoryBudget(len(p.Staff), days)
	}
	reserved, unreserve := withFinishReserve(ctx, p)
	watched, unwatch := watchMemory(reserved, c.cfg.budget)
	ended, end := context.WithCancelCause(watched)
	c.ctx, c.end, c.stop = ended, end, func() { end(nil); unwatch(); unreserve() }
	return c, nil
}

// instance builds the instance of p, its loops stopping with the call;
// nil when the call's context ended first.
func (c *call) instance(p *model.Problem) *instance {
	return buildInstance(p, &halt{ctx: c.ctx, end: c.end})
}

// unknown is the schedule of a call that ended before anything was known
// of the problem: no rota, no figures.
func unknown(start time.Time) *model.Schedule {
	return &model.Schedule{Status: model.Unknown, Objective: model.Objective{Levels: []model.Level{}},
		Stats: model.Stats{Total: time.Since(start), Encode: time.Since(start)}}
}

// cause is the error of a call that its context ended: the caller's
// context's error, or the *BudgetError that ended it.
func (c *call) cause() error {
	if err := c.parent.Err(); err != nil {
		return err
	}
	if err := context.Cause(c.ctx); err != nil {
		return err
	}
	return c.ctx.Err()
}

// schedule turns what the search found into a model.Schedule with the
// given status: the rota, the levels with their proven bounds, and the
// statistics. A level's bound above its value is an internal error.
func (r *search) schedule(a answer, status model.Status, start time.Time) (*model.Schedule, error) {
	in := r.in
	s := in.facts.Schedule(in.p, status, a.rota)
	s.Objective.Levels = []model.Level{}
	if a.rota != nil {
		values := r.values(a.rota)
		for i, k := range r.order {
			l := model.Level{Kind: k, Value: values[i], Bound: a.bounds[i]}
			if l.Bound > l.Value {
				return nil, &InternalError{Msg: fmt.Sprintf("level %q: bound %d above the value %d", k, l.Bound, l.Value)}
			}
			s.Objective.Levels = append(s.Objective.Levels, l)
		}
	}
	s.Stats = stats(a.stats, time.Since(start))
	return s, nil
}

// stats fills model.Stats from the session's counts; the time outside
// gini is the rest of the call.
func stats(st engine.Stats, total time.Duration) model.Stats {
	return model.Stats{Variables: st.Variables, Clauses: st.Clauses, Solves: st.Solves,
		Solve: st.SolveTime, Encode: total - st.SolveTime, Total: total}
}
