package solver

import (
	"time"

	"github.com/rostersat/rostersat/model"
)

// Option changes how Solve and Relax work; no options is the recommended
// setting.
type Option func(*config)

// config holds the options. The zero config is the default of every
// option.
type config struct {
	progress func(Progress)
	tuning   Tuning
	weights  map[model.RuleKind]int
	budget   int64 // memory budget in bytes; 0: DefaultMemoryBudget
}

// Progress reports a step of the search: a better schedule or a better
// proven bound.
type Progress struct {
	// Phase says what the search is doing.
	Phase Phase
	// Levels are the problem's objective levels, most important first:
	// the best schedule's value so far (-1 before the first schedule) and
	// the best proven bound.
	Levels []model.Level
	// Dropped and DroppedBound are, while Phase is PhaseRelax, the weight
	// of the rule instances the best schedule so far drops (-1 before the
	// first) and the proven least weight.
	Dropped, DroppedBound int
	// Elapsed is the time since Solve or Relax was called.
	Elapsed time.Duration
}

// Phase is what the search is doing when it reports progress.
type Phase string

// The phases.
const (
	// PhaseLevel: minimising an objective level; Progress.Levels says
	// which are settled (their value equals their bound).
	PhaseLevel Phase = "level"
	// PhaseRelax: minimising the weight of the rule instances to drop.
	PhaseRelax Phase = "relax"
)

// WithProgress calls fn, on the solving goroutine, after every improved
// schedule or bound. Default: no calls.
func WithProgress(fn func(Progress)) Option {
	return func(c *config) { c.progress = fn }
}

// Tuning switches off the problem-specific speed-ups, one by one. It is
// for measuring what each is worth and for testing the search without
// them; the answers do not change, only the time they take. The zero
// Tuning, the default, uses them all.
type Tuning struct {
	// NoFlowBound skips the lower bound on the fairness deviation from a
	// flow relaxation, computed before the search.
	NoFlowBound bool
	// NoCountingCuts leaves out the clauses that sum the duties of each
	// unit and role with a minimum, and the cover cuts (each span shorter
	// than the spacing needs as many distinct people as its minimums).
	NoCountingCuts bool
	// NoRequestBound skips the Lagrangian bound on the request cost and
	// the balanced rota built at its prices, which prove most optima
	// without a SAT call.
	NoRequestBound bool
	// NoNeighbourhoodSearch skips the search of the request cost by
	// small neighbourhoods (groups of people, windows of dates) before
	// the levels (cheaper_lns.go).
	NoNeighbourhoodSearch bool
	// Stratify searches the request cost by weight strata, heaviest
	// first, instead of with every request at once (measured slower on
	// every office: a 120-staff office took 1.57 s against 0.36 s).
	Stratify bool
}

// WithTuning sets the tuning switches. Default: the zero Tuning.
func WithTuning(t Tuning) Option {
	return func(c *config) { c.tuning = t }
}

// WithRuleWeights sets what dropping one rule instance of a kind costs a
// relaxation (see Relax). Kinds not in the map keep their default, 1;
// weights below 1 are refused by Relax. Solve ignores it.
func WithRuleWeights(weights map[model.RuleKind]int) Option {
	return func(c *config) {
		c.weights = make(map[model.RuleKind]int, len(weights))
		for k, w := range weights {
			c.weights[k] = w
		}
	}
}
