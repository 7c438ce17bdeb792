package peer

import (
	"context"
	"fmt"
	"time"

	gs "github.com/crillab/gophersat/solver"

	"github.com/rostersat/rostersat/model"
)

// Gophersat solves a Problem with the pure-Go pseudo-Boolean solver
// github.com/crillab/gophersat (v1.4.0), from the same constraints that
// [WriteOPB] writes.
//
// Stage 1 finds D by iterating bounds: the decision problems "D <= d" for
// d from a trivial lower bound upward are solved, each from scratch
// (gophersat is not incremental across constraint removal), until one is
// satisfiable; every unsatisfiable one raises the proven lower bound. (A
// first solve with fairness slack, for an early upper bound, was tried:
// on the 500-staff office it found no schedule in 120 s, while "D <= 0"
// took 17 s.) So a stopped stage 1 has no schedule, only its bound. Stage 2 fixes D and minimises W with gophersat's own linear
// search (Solver.Optimal), each improving model tightening a PB constraint
// on the cost. Every hard rule is a cardinality constraint and is handed
// over as one (gophersat propagates those 30 times faster than general PB
// constraints on M), after the units have been propagated here: gophersat
// v1.4.0 drops, at load time, a cardinality constraint with one true
// literal even when it needs more (see propagate.go).
//
// What gophersat cannot express or do: it has no integer variables, so D
// is never a variable here (it is fixed per solve, or written in unary by
// WriteOPB); its objective has no constant term (added back from the
// instance); it proves no lower bound on W before the optimum, so a
// stopped stage 2 reports the requests level with bound 0; and a solve cannot be
// interrupted (its stop channel is not read), so on cancellation Run
// returns at once with the best schedule so far and ctx.Err(), while the
// abandoned solve runs on in its goroutine until it ends. The bench runs
// each runner in a child process for that reason.
type Gophersat struct{}

// Name returns "gophersat".
func (Gophersat) Name() string { return "gophersat" }

// Run solves p in the two stages. It returns an error for an invalid
// problem; an infeasible one gives a Schedule with Status Infeasible.
func (g Gophersat) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	start := time.Now()
	in, err := newInstance(p)
	if err != nil {
		return nil, err
	}
	if in.classes != nil {
		return nil, &SkipError{Runner: g.Name(), Reason: "the pseudo-Boolean model has no classes stage (cbc's does)"}
	}
	run := &gsRun{in: in, ctx: ctx}
	sc, err := run.solve()
	if sc != nil {
		sc.Stats.Variables = len(in.vars)
		sc.Stats.Clauses = run.rows
		sc.Stats.Solves = run.solves
		sc.Stats.Encode = run.encodeTime
		sc.Stats.Solve = run.solveTime
		sc.Stats.Total = time.Since(start)
	}
	return sc, err
}

type gsRun struct {
	in         *instance
	ctx        context.Context
	rows       int
	solves     int
	encodeTime time.Duration
	solveTime  time.Duration
}

// gsResult is what one gophersat call found: sat, the assignment of the
// instance's variables, and the objective's value (constant included).
type gsResult struct {
	sat  bool
	on   []bool
	cost int
}

func (r *gsRun) solve() (*model.Schedule, error) {
	in := r.in
	lo, hi := in.deviationRange()
	if !in.fairness {
		lo, hi = 0, 0
	}
	// Stage 1: "D <= d" for d upward from the trivial bound; at hi
	// fairness constrains nothing, so unsatisfiable there is infeasible.
	var best []bool
	bestD := -1
	for d := lo; d <= hi; d++ {
		res, err := r.run(in.pbModel(RequestStage(d), false), nil)
		if err != nil {
			return r.partial(nil, d, err)
		}
		if res.sat {
			if got, _ := in.score(res.on); in.fairness && got != d {
				return nil, fmt.Errorf("gophersat: model of D <= %d has D = %d", d, got)
			}
			best, bestD = res.on, d
			break
		}
	}
	if best == nil {
		return in.schedule(nil, model.Infeasible), nil
	}
	lo = bestD
	if !in.fairness {
		lo = 0
	}
	// Stage 2.
	m := in.pbModel(RequestStage(bestD), true)
	res, err := r.run(m, func(on []bool) { best = on })
	if err != nil {
		return r.partial(best, lo, err)
	}
	if !res.sat {
		return r.partial(best, lo, fmt.Errorf("gophersat: stage 2 found no schedule with D = %d, though stage 1 did", bestD))
	}
	best = res.on
	if _, w := in.score(best); w != res.cost {
		return nil, fmt.Errorf("gophersat: stage 2 claims W = %d but its model has W = %d", res.cost, w)
	}
	return r.finish(best, lo, res.cost, model.Optimal), nil
}

// run solves m with gophersat: a decision problem, or the minimisation of
// m's objective when it has one, passing each improving assignment to
// improve. It returns ctx.Err() when ctx ends first; the solve itself
// cannot be stopped and runs on in its goroutine.
func (r *gsRun) run(m pbModel, improve func([]bool)) (gsResult, error) {
	t := time.Now()
	fx, rows, ok := propagate(m)
	if !ok {
		r.encodeTime += time.Since(t)
		return gsResult{}, nil
	}
	used := make([]bool, m.nvars+1)
	for _, row := range rows {
		for _, l := range row.lits {
			used[abs(l)] = true
		}
	}
	cost := m.objConst
	var lits []gs.Lit
	var weights []int
	for _, term := range m.obj {
		switch {
		case fx.truth(term.lit) == 1:
			cost += term.coef
		case fx.truth(term.lit) == 0 && !used[abs(term.lit)]:
			fx.set(term.lit, false) // unconstrained: leave it unmet-free
		case fx.truth(term.lit) == 0:
			lits = append(lits, gs.IntToLit(int32(term.lit)))
			weights = append(weights, term.coef)
		}
	}
	cs := make([]gs.CardConstr, 0, len(rows))
	for _, row := range rows {
		neg := make([]int, len(row.lits))
		for i, l := range row.lits {
			neg[i] = -l
		}
		ge := gs.CardConstr{Lits: row.lits, AtLeast: row.rhs}
		le := gs.CardConstr{Lits: neg, AtLeast: len(row.lits) - row.rhs}
		switch row.op {
		case opGE:
			cs = append(cs, ge)
		case opLE:
			cs = append(cs, le)
		default:
			cs = append(cs, ge, le)
		}
	}
	r.rows = max(r.rows, len(cs))
	assign := func(model []bool) []bool {
		on := make([]bool, len(r.in.vars))
		for k := range on {
			switch fx.val[k+1] {
			case 1:
				on[k] = true
			case 0:
				on[k] = k < len(model) && model[k]
			}
		}
		return on
	}
	if len(cs) == 0 {
		r.encodeTime += time.Since(t)
		return gsResult{sat: true, on: assign(nil), cost: cost}, nil
	}
	pb := gs.ParseCardConstrs(cs)
	if len(lits) > 0 {
		pb.SetCostFunc(lits, weights)
	}
	r.encodeTime += time.Since(t)
	if pb.Status == gs.Unsat {
		return gsResult{}, nil
	}

	type outcome struct {
		res gs.Result
		err error
	}
	done := make(chan outcome, 1)
	models := make(chan gs.Result)
	r.solves++
	t = time.Now()
	defer func() { r.solveTime += time.Since(t) }()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: fmt.Errorf("gophersat: panic: %v", p)}
			}
		}()
		s := gs.New(pb)
		if len(lits) > 0 {
			done <- outcome{res: s.Optimal(models, nil)}
			return
		}
		close(models)
		res := gs.Result{Status: s.Solve()}
		if res.Status == gs.Sat {
			res.Model = s.Model()
		}
		done <- outcome{res: res}
	}()
	stream := models
	for {
		select {
		case <-r.ctx.Done():
			if stream != nil {
				go drain(stream)
			}
			return gsResult{}, r.ctx.Err()
		case mr, ok := <-stream:
			if !ok {
				stream = nil
			} else if mr.Status == gs.Sat && mr.Model != nil && improve != nil {
				improve(assign(mr.Model))
			}
		case out := <-done:
			if out.err != nil {
				return gsResult{}, out.err
			}
			if out.res.Status != gs.Sat {
				return gsResult{}, nil
			}
			return gsResult{sat: true, on: assign(out.res.Model), cost: cost + out.res.Weight}, nil
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func drain(ch chan gs.Result) {
	for range ch {
	}
}

// finish builds the schedule of on with the given bounds.
func (r *gsRun) finish(on []bool, dBound, wBound int, status model.Status) *model.Schedule {
	sc := r.in.schedule(on, status)
	r.in.bound(sc, dBound, wBound)
	return sc
}

// partial returns the best schedule so far (Feasible, or Unknown when
// there is none) with the proven D bound, and err.
func (r *gsRun) partial(on []bool, dBound int, err error) (*model.Schedule, error) {
	if on == nil {
		sc := r.in.schedule(nil, model.Unknown)
		r.in.bound(sc, dBound, 0)
		return sc, err
	}
	return r.finish(on, dBound, 0, model.Feasible), err
}
