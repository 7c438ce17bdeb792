package bench_test

import (
	"context"
	"fmt"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// stratified is a researcher's runner: the solver searching the request
// cost by weight strata, to measure that choice against the default.
type stratified struct{}

func (stratified) Name() string { return "sat-stratified" }

func (stratified) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	return solver.Solve(ctx, p, solver.WithTuning(solver.Tuning{Stratify: true}))
}

// A Runner is all a new contender needs; the bench command, the checker
// and the reports take it from there.
func Example() {
	var r bench.Runner = stratified{}
	p, err := gen.Office(gen.S, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := r.Run(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Name(), s.Status, "request cost", s.Objective.RequestCost, "violations", len(model.Check(p, s)))
	// Output:
	// sat-stratified optimal request cost 6 violations 0
}
