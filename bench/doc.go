// Package bench holds what the benchmark's parts share: the [Runner]
// interface that every contender implements, so that the harness can run
// the solver, the heuristic baselines (package bench/baseline) and peer
// solvers side by side on the instances of package bench/gen.
//
// The harness is the command bench/cmd/bench; bench/README.md has the
// commands, the table and the charts of the latest measured run.
package bench
