package caseload

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// Assign builds the lexicographically optimal caseload plan for p, level
// by level in the order of p.Levels() (by default the fewest moved
// cases, then balance, then near deadlines spread, then affinity; see
// the model package, Caseloads, for the definitions).
//
// It returns:
//   - a plan with Status Optimal and a nil error when every level is
//     proven optimal;
//   - when ctx ends first, the best plan found (Status Feasible, with the
//     proven bounds) or one with Status Unknown, and ctx's error;
//   - a plan with Status Infeasible and an *InfeasibleError (it matches
//     ErrInfeasible) naming rule instances that clash, when no plan
//     exists;
//   - a nil plan and the validation errors (each a *model.FieldError)
//     when p is invalid;
//   - an *InternalError for a failure inside rostersat.
//
// Every plan with workers has passed model.CheckCases. Assign never
// panics on its input, and the same input gives the same plan.
func Assign(ctx context.Context, p *model.CaseProblem, opts ...Option) (plan *model.CasePlan, err error) {
	defer func() {
		if v := recover(); v != nil {
			plan, err = nil, &InternalError{Msg: fmt.Sprintf("panic: %v", v)}
		}
	}()
	r, unknown, err := newRun(ctx, p, opts)
	switch {
	case unknown:
		return &model.CasePlan{Status: model.Unknown}, err
	case err != nil:
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return r.plan(model.Unknown, nil, nil), err
	}
	return r.solve()
}

// newRun validates p and applies opts: the first steps of Assign and
// Relax. unknown says that ctx ended while validating, so that nothing
// is known of p yet; err is then ctx's, else the validation errors.
func newRun(ctx context.Context, p *model.CaseProblem, opts []Option) (r *run, unknown bool, err error) {
	start := time.Now()
	if err := p.ValidateContext(ctx); err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return nil, true, err
		}
		return nil, false, fmt.Errorf("caseload: invalid problem: %w", err)
	}
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return &run{ctx: ctx, cfg: cfg, p: p, f: model.CaseFactsOf(p), start: start}, false, nil
}

// run is one Assign under way.
type run struct {
	ctx   context.Context
	cfg   config
	p     *model.CaseProblem
	f     *model.CaseFacts
	e     *encoding
	o     *engine.Optimizer
	start time.Time
	best  []int // the best assignment so far

	caseAt, staffAt map[string]int // see caseIndex

	poolOptima map[poolLevel]int // see pools.go

	// whole are p's own facts, for the plans, when f is a relaxation's
	// (limits lifted); nil when f is p's own.
	whole *model.CaseFacts
	// dropped are the rule instances a relaxation drops: their guards are
	// not assumed, and the plan is checked without them.
	dropped []model.CaseRule
	// relaxed encodes for a relaxation, where a case may be left without
	// a worker (see encodeFor).
	relaxed bool
}

// leavesCases says whether the run is a relaxation that drops a case's
// worker instance, so that its plans may leave cases without a worker:
// the counting of the bounds, which assumes every case has one, does not
// hold then.
func (r *run) leavesCases() bool {
	return slices.ContainsFunc(r.dropped, func(cr model.CaseRule) bool { return cr.Kind == model.RuleCaseWorker })
}

// facts are p's own facts, for plans.
func (r *run) facts() *model.CaseFacts {
	if r.whole != nil {
		return r.whole
	}
	return r.f
}

// base are the guards of the rule instances kept: all but the dropped.
func (r *run) base() []z.Lit {
	if len(r.dropped) == 0 {
		return r.e.guards
	}
	var out []z.Lit
	for i, g := range r.e.guards {
		if !slices.Contains(r.dropped, r.e.rules[i]) {
			out = append(out, g)
		}
	}
	return out
}

func (r *run) solve() (*model.CasePlan, error) {
	if !r.cfg.noBounds {
		if ie := r.noRoom(); ie != nil {
			return r.plan(model.Infeasible, nil, nil), ie
		}
	}
	warm := greedy(r.p, r.f)
	budget := r.cfg.budget
	if budget <= 0 {
		budget = DefaultMemoryBudget
	}
	if est := estimate(r.p, r.f); est > budget {
		return r.greedyPlan(warm, &BudgetError{Budget: budget, Estimate: est})
	}
	r.e = encodeFor(r.ctx, r.p, r.f, warm, r.relaxed)
	if err := r.ctx.Err(); err != nil {
		return r.plan(model.Unknown, nil, nil), err
	}
	read := func() model.CaseObjective {
		return r.facts().Plan(r.p, model.Feasible, r.e.assignment()).Objective
	}
	var warmLits []z.Lit
	for c, s := range warm {
		if k := index(r.f.Candidates[c], s); k >= 0 {
			warmLits = append(warmLits, r.e.x[c][k])
		}
	}
	r.o = &engine.Optimizer{S: r.e.s, Levels: r.e.levels(read, !r.cfg.noBounds, r.poolSearch), Base: r.base(), Warm: warmLits}
	r.o.Better = func([]int) {
		r.best = r.e.assignment()
		r.report()
	}
	r.o.Bound = func(int, int) { r.report() }
	err := r.o.Run(r.ctx)
	var inf *engine.Infeasible
	switch {
	case errors.As(err, &inf):
		return r.plan(model.Infeasible, nil, nil), r.explain(inf.Core)
	case err != nil && r.ctx.Err() != nil && errors.Is(err, r.ctx.Err()):
		if r.best == nil {
			return r.plan(model.Unknown, nil, nil), err
		}
		return r.checked(model.Feasible, err)
	case err != nil:
		return nil, &InternalError{Msg: "the search failed", Err: err}
	}
	return r.checked(model.Optimal, nil)
}

// greedyPlan returns the greedy plan, when it has a worker for every case
// and passes the checker, as Feasible with the counting bounds, else an
// Unknown plan; with err either way.
func (r *run) greedyPlan(warm []int, err error) (*model.CasePlan, error) {
	for _, s := range warm {
		if s < 0 {
			return r.plan(model.Unknown, nil, nil), err
		}
	}
	plan := r.plan(model.Feasible, warm, nil)
	if len(model.CheckCases(r.p, plan)) > 0 {
		return r.plan(model.Unknown, nil, nil), err
	}
	// The bounds that need no search: each level's among all plans for
	// the first, and 0 (always valid) after it.
	for i := range plan.Objective.Levels {
		lv := &plan.Objective.Levels[i]
		lv.Bound = 0
		if i == 0 {
			switch lv.Kind {
			case model.LevelMoves:
				_, lv.Bound = movesBound(r.p, r.f)
			case model.LevelBalance:
				lv.Bound = balanceBound(r.ctx, r.p, r.f)
			case model.LevelDeadlines:
				lv.Bound = deadlineBound(r.p, r.f)
			case model.LevelAffinity:
				lv.Bound = affinityBound(r.f)
			}
			lv.Bound = min(lv.Bound, lv.Value)
		}
	}
	return plan, err
}

// checked builds the plan of the best assignment and re-checks it.
func (r *run) checked(status model.Status, err error) (*model.CasePlan, error) {
	plan := r.plan(status, r.best, r.o)
	if v := model.CheckCasesRelaxed(r.p, plan, r.dropped); len(v) > 0 {
		return nil, &InternalError{Msg: "the plan fails the independent checker", Violations: v}
	}
	return plan, err
}

// report calls the progress option.
func (r *run) report() {
	if r.cfg.progress == nil {
		return
	}
	r.cfg.progress(Progress{Levels: r.levelValues(r.o), Elapsed: time.Since(r.start)})
}

// levelValues are the levels of the optimiser, -1 for values not yet
// known.
func (r *run) levelValues(o *engine.Optimizer) []model.Level {
	kinds := r.p.Levels()
	out := make([]model.Level, len(kinds))
	for i, k := range kinds {
		out[i] = model.Level{Kind: k, Value: -1}
		if o != nil && o.Values != nil {
			out[i].Value = o.Values[i]
		}
		if o != nil && o.Bounds != nil {
			out[i].Bound = o.Bounds[i]
		}
	}
	return out
}

// plan writes the plan of an assignment (nil for none), with the
// optimiser's bounds (all proven when status is Optimal).
func (r *run) plan(status model.Status, assign []int, o *engine.Optimizer) *model.CasePlan {
	plan := r.facts().Plan(r.p, status, assign)
	bounds := r.levelValues(o)
	for i := range plan.Objective.Levels {
		lv := &plan.Objective.Levels[i]
		lv.Bound = bounds[i].Bound
		switch {
		case status == model.Optimal:
			lv.Bound = lv.Value
		case r.leavesCases():
			// A relaxation's levels may count a dropped case's fixed
			// part, which its plan does not pay: only 0 is sure.
			lv.Bound = 0
		}
	}
	plan.Stats.Total = time.Since(r.start)
	if r.e != nil {
		st := r.e.s.Stats()
		plan.Stats.Variables, plan.Stats.Clauses, plan.Stats.Solves = st.Variables, st.Clauses, st.Solves
		plan.Stats.Solve = st.SolveTime
		plan.Stats.Encode = plan.Stats.Total - st.SolveTime
	}
	return plan
}
