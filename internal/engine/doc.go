// Package engine is the SAT back end of rostersat: everything between an
// encoding and gini that knows nothing of rotas, cases or people. The
// Friday solver uses it, and so will every later problem.
//
// It has four parts:
//   - [Session], the one wall around gini v1.0.1 (github.com/irifrance/gini):
//     every call to gini goes through it, and it keeps gini's known
//     defects out of reach (the solver's design document lists them,
//     GINI.md #1 to #8): no second solve after an UNSAT that does not
//     depend on assumptions, cancellation by GoSolve and Stop instead of
//     Try, variables made only through Lit, and the store sized up front;
//   - [Guarded], the sink through which an encoder writes each rule
//     instance's clauses under its own activation literal (a guard), so
//     that assumptions switch rule instances on and UNSAT cores name them;
//   - [Optimizer], lexicographic optimisation over a list of [Level]
//     values on one incremental session: a [Max] (a bounded maximum, such
//     as fairness) by bisection over its "at most d" literals, a [Sum] (a
//     weighted sum of soft literals, such as requests or the weight of
//     dropped rules) by core-guided search (OLL), each settled level
//     hardened before the next;
//   - [Session.Shrink], which reduces an UNSAT core over guards to a
//     subset-minimal one, for explanations.
//
// The encodings it writes itself (totalizers for OLL, a generalised
// totalizer to harden a weighted sum) come from internal/card.
//
// Invariant: every encoder that uses a session keeps the formula
// satisfiable without assumptions (all rule clauses guarded, counters
// written as definitions), and the optimiser adds unit clauses only for
// literals true in a known model. Every UNSAT answer then depends on
// assumptions, which is what keeps gini's fatal re-solve defect (#1) out
// of reach; the session refuses to solve again if it ever sees otherwise.
package engine
