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
// Loads are unary counters (load.go), so that one counter bounds a load
// from above (a capacity, the ceiling of a share) and from below (the
// floor of a share): a worker's literals fall into classes of equal
// amounts (an investigation of weight 2), each class is counted by a
// totalizer, and each measure merges the classes that count in it, a
// class worth a points entering as its outputs repeated a times. A
// counter is built only as far as a bound needs, and rebuilt twice as
// far when a later bound needs more. A generalised totalizer (which
// internal/card has) would bound from above only; counting points case
// by case, each case as w copies of its literal, was five to eight times
// larger (300 workers x 5,000 cases in four units: 55 M clauses against
// 19 M).
//
// The levels run on engine.Optimizer: moves is a sum of soft "stays
// with its worker" literals searched by implicit hitting sets (an
// optimum moves few of many cases); balance is a sum of softs "every
// load of unit u in measure m lies within d of its share", one per u, m
// and d, also by hitting sets; deadlines is a maximum found by bisection
// over "nobody holds more than d near deadlines"; affinity is a weighted
// sum searched core-guided.
//
// Before the search each level gets a counting bound (bounds.go), and
// after the moves level a cut that holds given its optimum: the fewest
// cases each worker must give up to keep within their limits is a
// covering knapsack over all measures at once (shed.go), solved exactly;
// a unit's deviation d asks a number of moves, the units share the moves
// budget, and the least sum of their deviations is a resource
// allocation, solved by dynamic programming; a worker who cannot reach
// the floor of a share needs cases from the new ones or from at most the
// budget of moved ones; the cases only some workers may hold (a role) go
// to those, on top of what they keep (Hall's condition on the candidate
// sets); the near deadlines each worker keeps beyond d must move too.
// Each unit and measure also gets a minimum-cost flow (flowcut.go, on
// internal/flow) of its cases to its workers within d of their shares,
// a kept case free and a moved one a move: it counts the room, the
// floors, the candidate sets and the moves at once, and bounds each
// D(u, m) on its own, with the moves the other units' cases need taken
// from the budget first. Those per-unit bounds start the bisection of
// each unit's chain (engine.Sum.ChainLower), which then usually makes
// one SAT call a chain (30 x 400, seed 2: 43 of the optimum's 46 before
// any search, where the counting alone gave 30). Where a level is
// still open after those bounds and the search by pools, its linear
// relaxation is solved (relaxation.go, on internal/lp: a variable per
// case and candidate, the rules and the settled earlier levels as rows):
// it counts a case in its kind and its points at once, which the
// per-measure flows cannot, and its dual is turned into an exact bound.
// A dive (engine.Sum.Dive) then searches at that bound, and where that
// fails at the few values above it, under the relaxation's rounding:
// each D(u, m) (for spread, each member's deviation) at its rounded
// share of the target, and the cases the relaxation gives whole to one
// worker preferred. A
// team of 12 workers and 205 cases (300 x 5,000, seed 1): flows 5,
// relaxation 9.67, optimum 10, proven in 0.48 s where SAT alone took
// 20 s. The relaxation is built up to 1,200 rows (a team, a 30-worker
// office): the simplex's inverse is dense. A capacity clash is counted
// before any search (room.go): it is a
// pigeonhole formula, which SAT refutes late. A plan that meets the
// bounds is proven without another SAT call. A call of the balance
// search's bisection is bounded in time (internal/engine, chainCall),
// and so is a dive (diveCall), so on offices where those calls are hard
// (hundreds of workers, and some 30-worker offices) the plan can differ
// between machines, though never its proven values. The first plan is a
// greedy one (greedy.go: each worker keeps all but the fewest cases that
// bring them within their limits, the rest go where they leave the
// smallest deviation) whose literals the search prefers.
//
// On offices of several units (from 1,000 pairs of a case and a
// candidate), each level's search first replans each unit on an
// encoding of its own (pools.go, the engine levels' Improve): the other
// units' cases stay where the best plan has them and what they load
// comes off the workers' limits; the levels there are the earlier ones
// and this one (deadlines, once settled, a cap instead), 2 s a unit
// (10 s for a second try where that ran out); the units' plans together
// are then one call on the whole encoding, which keeps them only if they
// are better. Where the units are independent (no case of the whole
// office, no group across units) every level is the sum of the units'
// (deadlines their largest), so the units' proven optima are a bound:
// 300 workers x 5,000 cases in 25 teams, seed 1, has moves, balance
// (239, where the whole encoding's calls had not passed the counting
// bound of 226 in minutes) and deadlines proven in 34 s. The time
// limits can make the plan differ between machines, never a proven
// value.
package caseload
