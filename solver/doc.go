// Package solver builds provably optimal rotas for a model.Problem with the
// SAT solver gini (github.com/irifrance/gini v1.0.1).
//
// # Objective
//
// Lexicographic, exactly as defined in the model package: first the
// fairness deviation D = max over staff of max(0, Low-Total, Total-High),
// where Low and High are the floor and ceiling of the person's share
// N*w/W of all duties (history included, weighted by available dates and
// employment percent); then the request cost W, the summed weight of unmet
// Avoid and Prefer requests.
//
// # Design
//
// The layers never leak: model knows nothing of SAT; the encoder
// (encode.go) writes clauses through the two-method sink of
// internal/card; the optimiser (optimize.go) drives one incremental gini
// session (session.go), which is the only code that calls gini and walls
// off its known defects (shared/GINI.md).
//
// Variables: one per person and duty date on which the person can be on
// duty (available and not pinned off); x[s][f] in the code. Nothing else
// about a person-date needs a variable.
//
// Hard rules, at clause level (gini's circuit package is ~100x slower to
// build; GINI.md #8):
//   - coverage: per date, a totalizer truncated at demand+1 (Bailleux and
//     Boufkhad 2003), built as a merge of one counter per unit, so that
//     unit minimums read their count off the same tree;
//   - role minimums: one clause for "at least one", a truncated totalizer
//     above that;
//   - spacing: one binary clause per pair of a person's dates closer than
//     the spacing; windows: an at-most-k per maximal span;
//   - pins: unit clauses (off-pins simply get no variable).
//
// Guard: every rule clause carries ¬rules, for one literal rules that
// every search assumes; counters are definitions and carry none. The
// formula alone is thus satisfiable (rules false), which keeps gini's
// fatal defect (GINI.md #1) out of reach, and a failed assumption set
// always yields a core. One literal per rule instance is the same device,
// for explanations.
//
// Fairness: a totalizer per person counts their duties up to their cap
// (the most duties availability and spacing allow, stated as a unit
// clause). A fresh literal dle[d] implies every person's count lies within
// [Low-d, High+d]; the search for D assumes dle[d], so one session serves
// every d. Only once D is proven does dle[D] become a unit clause (it is
// true in a known schedule, so the formula stays satisfiable), as does the
// rules guard after the first SAT answer: gini then fixes them at level 0
// instead of re-assuming them on every restart.
//
// Counting: the proof that D cannot be lower is, on offices with a small
// unit, a pigeonhole argument that CDCL search alone finds only after
// exponentially many conflicts. The solver gives the counting twice:
//   - before the search, a flow relaxation (people -> (date, group) ->
//     date, with the person bounds of d and the group minimums as lower
//     bounds) gives a proven lower bound on D in milliseconds, and the
//     search starts there (WithFlowBound);
//   - in the formula, the members' counters of each unit and role with a
//     minimum are merged into one sum that must reach minimum*dates, so
//     bounds on people propagate to the sum (WithCountingClauses).
//
// Request bound, before any search (WithRequestBound): the rules that tie
// people together (each date's demand, the unit and role minimums) are
// priced instead of enforced, and what remains falls apart into one small
// problem per person (the cheapest dates within the fairness bounds of
// the deviation bound, the spacing and the pins), which a dynamic program
// over (date, count) solves exactly. The sum is a lower bound on W (a
// Lagrangian relaxation; at the best prices it is the LP relaxation's
// bound, since each person's rules form an interval matrix). Then every
// person takes a cheapest set at those prices, the ties broken toward what
// dates, units and roles still lack, and chains of moves that keep each
// person's set cheapest (a from f to g, b from g to h, ...) carry duties
// from dates with too many people to dates with too few. When that rota
// keeps every rule, its deviation is the flow bound and its request cost
// the Lagrangian bound, it is proven optimal and no SAT search runs: on
// the bench's fair offices of 120 to 2,000 staff, and two of three of 28,
// that is what happens, in milliseconds. Otherwise the rota is a warm
// start and the bound lets the request search stop early.
//
// Warm start: a greedy rota (people furthest behind the per-person counts
// of the flow relaxation first, group minimums first, spacing and the
// bound kept where possible), repaired by local search, is assumed in the
// first solve; each failed core gives up the warm values in it until gini
// answers SAT. gini v1.0.1 has no phase API and re-derives all phases
// whenever the variable count grows, so the session reserves the variables
// later searches need before the first solve: the saved phases of one
// model then carry over to the next search.
//
// Request cost: when the request bound is each person's own least
// request cost summed, one SAT call first assumes that nobody exceeds it
// (a small counter per person); a model is then optimal. Otherwise, with
// D fixed, core-guided search (OLL, as in
// RC2) on the same session, every request assumed at once (stratification
// by weight is an option; it was slower on every office measured): each UNSAT core
// raises the lower bound by its least weight and adds a totalizer over the
// core's violations whose outputs become new soft assumptions.
//
// # Guarantees
//
// Deterministic: clauses and variables are made in a fixed order (problem
// order of staff, date order, sorted cores), and gini has no randomness,
// so the same problem gives the same schedule. Every schedule is checked
// by model.Check before it is returned. Solve never calls gini's Try
// (GINI.md #2), never solves an instance again after an UNSAT that may not
// depend on assumptions (#1), and keeps one gini instance per call (#4).
package solver
