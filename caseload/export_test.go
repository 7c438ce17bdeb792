package caseload

// WithPoolsFrom runs the search by pools (pools.go) on problems of at
// least pairs pairs of a case and a candidate, for tests on tiny
// problems.
func WithPoolsFrom(pairs int) Option {
	return func(c *config) { c.poolsFrom = pairs }
}
