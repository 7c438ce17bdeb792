package solver

import "time"

// Option changes how Solve works; the zero set of options is the
// recommended one.
type Option func(*config)

// config holds the options. Every default is the zero-option behaviour of
// Solve and is documented on the Option that changes it.
type config struct {
	progress func(Progress)
	counting bool
	bounds   bool
	pricing  bool
	stratify bool
}

func defaults() config {
	return config{counting: true, bounds: true, pricing: true}
}

// Progress reports a step of the search: a better schedule or a better
// proven bound.
type Progress struct {
	// Phase is "deviation" while the fairness deviation is minimised and
	// "requests" while the request cost is.
	Phase string
	// Deviation and RequestCost are those of the best schedule so far (-1
	// before the first one).
	Deviation, RequestCost int
	// DeviationBound and RequestCostBound are the best proven lower bounds.
	DeviationBound, RequestCostBound int
	// Elapsed is the time since Solve was called.
	Elapsed time.Duration
}

// WithProgress calls fn, on the solving goroutine, after every improved
// schedule or bound. Default: no calls.
func WithProgress(fn func(Progress)) Option {
	return func(c *config) { c.progress = fn }
}

// WithCountingClauses adds, or with false leaves out, the implied clauses
// that sum the duties of each unit and role (see the package
// documentation). Default: on. Turning it off is for measuring its effect.
func WithCountingClauses(on bool) Option {
	return func(c *config) { c.counting = on }
}

// WithFlowBound computes, or with false skips, the lower bound on the
// deviation from a flow relaxation before the SAT search starts. Default:
// on. Turning it off is for measuring its effect.
func WithFlowBound(on bool) Option {
	return func(c *config) { c.bounds = on }
}

// WithRequestBound computes, or with false skips, the Lagrangian lower
// bound on the request cost and the balanced rota built at its prices
// before the SAT search (see the package documentation). When the rota
// keeps every rule and meets both bounds it is the proven optimum and no
// SAT search runs. Default: on. Turning it off is for measuring its effect
// and for exercising the SAT search alone.
func WithRequestBound(on bool) Option {
	return func(c *config) { c.pricing = on }
}

// WithStratification searches the request cost by weight strata, heaviest
// first, or with false all weights at once. Default: off, measured: with
// every request assumed at once the cores come small and fast (a
// 120-staff office: 0.36 s to the optimum against 1.57 s stratified).
func WithStratification(on bool) Option {
	return func(c *config) { c.stratify = on }
}
