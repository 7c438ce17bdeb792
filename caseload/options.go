package caseload

import (
	"time"

	"github.com/rostersat/rostersat/model"
)

// Option changes how Assign works; no options is the recommended setting.
type Option func(*config)

type config struct {
	progress func(Progress)
	noBounds bool
	budget   int64 // bytes; 0: DefaultMemoryBudget
	// poolsFrom replaces the constant poolsFrom when above 0: tests run
	// the search by pools on tiny problems with it.
	poolsFrom int
}

// Progress reports a better plan or a better proven bound.
type Progress struct {
	// Levels are the objective levels, most important first: the best
	// plan's value so far (-1 before the first) and the proven bound.
	Levels []model.Level
	// Elapsed is the time since Assign was called.
	Elapsed time.Duration
}

// WithProgress calls fn, on the solving goroutine, after every better
// plan or bound. Default: no calls.
func WithProgress(fn func(Progress)) Option {
	return func(c *config) { c.progress = fn }
}

// WithoutBounds leaves out the counting bounds computed before the
// search, so that every level is proven by SAT alone: for measuring what
// the bounds are worth, and for testing the search without them. The
// answers do not change, only the time.
func WithoutBounds() Option {
	return func(c *config) { c.noBounds = true }
}
