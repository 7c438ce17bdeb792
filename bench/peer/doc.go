// Package peer runs rostersat's problems through solvers outside the
// library, so that the benchmark can compare the SAT solver with them on
// the same rules and the same lexicographic objective (first the fairness
// deviation D, then the request cost W; see the model package's
// Definitions).
//
// Exporters write any valid [model.Problem] as a file other solvers read:
//   - [WriteLP]: CPLEX LP, a mixed-integer program with a binary x_s_f per
//     available person-date, an integer D, and every hard rule as a linear
//     row;
//   - [WriteOPB]: the OPB format of the Pseudo-Boolean Competition, every
//     hard rule a cardinality constraint.
//
// Both write one of two stages ([Stage]): stage 1 minimises D; stage 2
// fixes D at stage 1's optimum and minimises W. Share floors and ceilings
// (Low, High) are computed exactly in integers, as the Definitions ask.
//
// Runners, each satisfying bench.Runner:
//   - [CBC] runs the COIN-OR CBC binary on the two LP stages; without cbc
//     on PATH it returns a [*SkipError];
//   - [Gophersat] solves the two stages in-process with the pure-Go
//     gophersat: D by iterating bounds, then W by its optimisation.
//
// Both re-score their schedules from the Definitions and fill in the whole
// [model.Schedule]: rosters in duty-date order with IDs in problem order,
// every person's dates, total and share, the objective with its proven
// bounds, and Stats (variables and rows handed over, solver calls, time
// spent writing the model and solving it). Status is Optimal only when the
// peer proved both stages.
//
// The peers are independent witnesses: this package computes duty dates,
// availability and shares from the problem itself and shares no code with
// the solver package.
package peer
