package main

import (
	"context"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/bench/report"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// satRunner adapts solver.Solve, with a fixed set of options, to
// bench.Runner.
type satRunner struct {
	name string
	opts []solver.Option
}

func (r satRunner) Name() string { return r.name }

func (r satRunner) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	return solver.Solve(ctx, p, r.opts...)
}

func init() {
	variants := []struct {
		name, doc string
		inAll     bool
		opts      []solver.Option
	}{
		{"sat", "rostersat's SAT solver with its default options", true, nil},
		{"sat-no-counting", "the solver without the unit and role counting clauses", false,
			[]solver.Option{solver.WithTuning(solver.Tuning{NoCountingCuts: true})}},
		{"sat-no-flow", "the solver without the flow bound on D", false,
			[]solver.Option{solver.WithTuning(solver.Tuning{NoFlowBound: true})}},
		{"sat-no-pricing", "the solver without the Lagrangian bound on W and its balanced rota: every answer from the SAT search", false,
			[]solver.Option{solver.WithTuning(solver.Tuning{NoRequestBound: true})}},
		{"sat-stratified", "the solver searching W by weight strata", false,
			[]solver.Option{solver.WithTuning(solver.Tuning{Stratify: true})}},
	}
	for _, v := range variants {
		v := v
		register(entry{name: v.name, kind: report.KindSolver, inAll: v.inAll, doc: v.doc,
			make: func() bench.Runner { return satRunner{name: v.name, opts: v.opts} }})
	}
}
