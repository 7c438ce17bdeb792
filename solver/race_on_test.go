//go:build race

package solver_test

// raceOn reports whether the tests run under the race detector, which
// multiplies time and memory: the largest hostile inputs skip then.
const raceOn = true
