// Package caseload assigns the open cases of a social-services office to
// its caseworkers (a model.CaseProblem), proven optimal with the SAT
// solver gini on the same engine as the Friday rota (internal/engine).
//
// # How to call it
//
//	plan, err := caseload.Assign(ctx, p)  // the optimal plan, or why there is none
//	var ie *caseload.InfeasibleError
//	if errors.As(err, &ie) {
//		fmt.Print(ie.Explain()) // the clashing rules, with the counting that proves it
//	}
//
// Every plan it returns has passed model.CheckCases, the independent
// checker. The measures (moves, balance, deadlines, affinity) and the
// hard rules are defined in the model package, under Caseloads.
//
// # Design
//
// One literal per case and worker who may hold it (unit, roles, leave
// and employment are facts, not clauses: a worker who may not hold a
// case has no literal for it). The hard rules are rule instances, each
// behind its own guard literal (model.CaseRule): a case has a worker
// (at least one of its literals; at most one is a definition), a group
// has one worker, a worker stays within each limit. Explanations are
// the instances in a minimal unsatisfiable core.
//
// Loads are unary counters: a totalizer over each worker's literals in
// which a case of weight w enters as w copies of its literal
// (card.WeightedTotalizer), so that one counter bounds a load from above
// (a capacity, the ceiling of a share) and from below (the floor of a
// share). Its size grows with the weight up to its limit: a counter is
// built only as far as a bound needs, and rebuilt twice as far when a
// later bound needs more (limits are small numbers of cases and points;
// a generalised totalizer, which internal/card also has, would bound
// from above only).
//
// The levels run on engine.Optimizer: moves is a sum of soft "stays
// with its worker" literals searched by implicit hitting sets (an
// optimum moves few of many cases); balance and deadlines are maxima
// found by bisection over "every load within d of its share" and "nobody
// holds more than d near deadlines"; affinity is a weighted sum searched
// core-guided. Before the search each level gets a counting bound
// (bounds.go): cases that must move, workers who cannot reach their
// share or must pass it, the room of a pool's members at a deviation d,
// the average of near deadlines per pool, every case's cheapest worker.
// A plan that meets the bound is proven without another SAT call. The
// first plan is a greedy one (greedy.go) whose literals the search
// prefers.
package caseload
