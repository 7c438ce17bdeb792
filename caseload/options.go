package caseload

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// Option changes how Assign works; no options is the recommended setting.
type Option func(*config)

type config struct {
	progress func(Progress)
	noBounds bool
	budget   int64 // bytes; 0: DefaultMemoryBudget
	// dropCosts weigh Relax's dropped instances by kind (1 when absent).
	dropCosts map[model.RuleKind]int
	// poolsFrom replaces the constant poolsFrom when above 0: tests run
	// the search by pools on tiny problems with it.
	poolsFrom int
}

// Progress reports a better plan or a better proven bound.
type Progress struct {
	// Levels are the objective levels, most important first: the best
	// plan's value so far (-1 before the first) and the proven bound.
	Levels []model.Level
	// Dropping says the report is of Relax's search for the fewest rule
	// instances to drop: Drop is the best plan's count so far and
	// DropBound the proven least, and Levels is empty. Relax's second
	// step, the levels' search, reports as Assign does.
	Dropping        bool
	Drop, DropBound int
	// Elapsed is the time since Assign (or Relax) was called.
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

// WithDropCosts makes Relax drop the rule instances of least summed
// cost instead of the fewest: each instance costs its kind's entry
// (model.RuleCaseWorker, RuleCaseGroup, RuleCapacity), 1 for a kind not
// named. Leaving a case without a worker can so be made dearer than
// letting a worker carry one more case, or cheaper. The map is copied.
// A cost below 1 or an unknown kind is an error of Relax. Assign ignores
// it.
func WithDropCosts(costs map[model.RuleKind]int) Option {
	copied := maps.Clone(costs)
	return func(c *config) { c.dropCosts = copied }
}

// dropCost is what dropping an instance of the kind costs.
func (c *config) dropCost(kind model.RuleKind) int {
	if v, ok := c.dropCosts[kind]; ok {
		return v
	}
	return 1
}

// checkDropCosts names every cost below 1 and every unknown kind.
func (c *config) checkDropCosts() error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(c.dropCosts)) {
		switch {
		case !slices.Contains(model.CaseRuleKinds(), k):
			errs = append(errs, fmt.Errorf("caseload: WithDropCosts: unknown rule kind %q (want one of %v)", k, model.CaseRuleKinds()))
		case c.dropCosts[k] < 1:
			errs = append(errs, fmt.Errorf("caseload: WithDropCosts: the cost of %q is %d, want at least 1", k, c.dropCosts[k]))
		}
	}
	return errors.Join(errs...)
}
