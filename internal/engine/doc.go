// Package engine is the SAT back end of rostersat: everything between an
// encoding and gini that knows nothing of rotas, cases or people. The
// Friday solver uses it, and so will every later problem.
//
// It has four parts:
//   - [Session], the one wall around gini v1.0.1 (github.com/irifrance/gini):
//     every call to gini goes through it, and it keeps gini's known
//     defects out of reach (listed below, #1 to #8): no second solve after
//     an UNSAT that does not depend on assumptions, cancellation by
//     GoSolve and Stop instead of Try, variables made only through Lit,
//     and the store sized up front;
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
// # gini v1.0.1: the defects the session walls off
//
// Reproduced on this project's machines; each can take down or mislead a
// service that embeds rostersat. (github.com/go-air/gini v1.0.4, its last
// release under any name, has the same solver core.)
//
//  1. A second Solve on a formula that is unsatisfiable without
//     assumptions ends the whole process: gini's internal model check
//     calls log.Fatalf ("internal error in solve: sat model"), which
//     recover cannot catch. Guard: the invariant below; and after any
//     UNSAT whose failed assumptions are empty the session refuses to
//     solve again (ErrUnsafe). Tests run such sequences in a subprocess.
//  2. Try(d) leaves its deadline set: a later Solve returns unknown at
//     once. Guard: Try is never used; cancellation is GoSolve and Stop
//     from a goroutine watching ctx.
//  3. gini's own model check stops once activation literals are in use.
//     Guard: every schedule is re-checked by the independent checker
//     (model.Check) before it is returned.
//  4. A gini instance is not safe for concurrent use. Guard: one session
//     per call and goroutine; concurrent solves are tested under -race.
//  5. Why() cores are sound but often not minimal. Guard: Shrink, tested
//     for minimality by enumeration.
//  6. Untrusted sizes (a DIMACS header, Activate on a false clause) make
//     gini allocate gigabytes or leave it undefined. Guard: variables only
//     through Lit, no DIMACS from outside, sizes bounded by the model's
//     Validate.
//  7. gini is deterministic: the same clause order gives the same models.
//     Keep encoders deterministic (sorted indices, no map order).
//  8. The circuit package logic builds large circuits about 100 times
//     slower than clause-level encodings (120 staff x 52 Fridays: 18.6 s
//     against 0.11 s). Guard: encodings at clause level (internal/card).
//
// Invariant: every encoder that uses a session keeps the formula
// satisfiable without assumptions (all rule clauses guarded, counters
// written as definitions), and the optimiser adds unit clauses only for
// literals true in a known model. Every UNSAT answer then depends on
// assumptions, which is what keeps gini's fatal re-solve defect (#1) out
// of reach; the session refuses to solve again if it ever sees otherwise.
package engine
