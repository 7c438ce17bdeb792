package caseload

import (
	"context"

	"github.com/rostersat/rostersat/model"
)

// WithPoolsFrom runs the search by pools (pools.go) on problems of at
// least pairs pairs of a case and a candidate, for tests on tiny
// problems.
func WithPoolsFrom(pairs int) Option {
	return func(c *config) { c.poolsFrom = pairs }
}

// RelaxedBound is the relaxation's bound on level objective under the
// settled levels before it (relaxation.go), for tests against the brute
// force; false when there is none.
func RelaxedBound(p *model.CaseProblem, objective model.LevelKind, kinds []model.LevelKind, settled []int) (int, bool) {
	rx, ok := solveRelaxation(context.Background(), p, model.CaseFactsOf(p), objective, kinds, settled)
	return rx.bound, ok
}
