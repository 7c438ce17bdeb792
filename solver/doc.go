// Package solver builds provably optimal rotas for a model.Problem with the
// SAT solver gini (github.com/irifrance/gini v1.0.1), explains in domain
// words why a problem has none, and finds the least it must give up to
// have one.
//
// # How to call it
//
// p is a *model.Problem, built in Go or read with model.DecodeProblem
// (see the model package); Solve validates it first.
//
//	s, err := solver.Solve(ctx, p)      // the optimal schedule, or why there is none
//	var ie *solver.InfeasibleError
//	if errors.As(err, &ie) {
//		fmt.Print(ie.Explain())         // the clashing rules, and the counting that proves it
//		rel, _ := solver.Relax(ctx, p)  // the fewest rule instances to drop, and the schedule without them
//		fmt.Println(rel.Changes)
//	}
//
// To re-plan a published rota, give the problem a Baseline
// (model.Schedule.Baseline): frozen dates keep their rosters, and the
// fewest changes come first. To ask what-if questions of a rota, keep it
// in a Plan:
//
//	plan, _ := solver.NewPlan(ctx, p, s)
//	who, _ := plan.Replacements(ctx, "ahmed", friday) // who can stand in, cheapest first
//	ans, _ := plan.Leave(ctx, absence)                // yes and the least change, or no and why
//
// Solve optimises the problem's objective levels in order (p.Levels():
// by default the fairness deviation D, then the request cost W; see the
// model package for the definitions). Every schedule it returns has passed
// model.Check; ctx bounds the work in every phase, and on a deadline
// Solve returns the best schedule so far with its proven bounds, the
// search having stopped early enough for that check to fit. The
// memory budget (WithMemoryBudget) bounds the heap the same way, with a
// *BudgetError.
//
// # Design
//
// Three layers, each knowing only the one below:
//
//   - model: the domain (problems, schedules, rule instances, levels,
//     facts) and the independent checker; nothing of SAT;
//   - this package: the Friday problem written as rule instances,
//     levels and cuts;
//   - internal/engine: the back end, which knows nothing of rotas: the
//     wall around gini, guards, lexicographic optimisation over levels,
//     core shrinking; and internal/card, the clause-level encodings
//     (gini's circuit package is about 100 times slower to build, see the
//     engine's design document).
//
// # Rule instances
//
// Every hard rule is a list of instances, each a value of a type in its
// own file (rule_*.go): the coverage of a date at each grade (at least k
// people, at most k), a unit or role minimum on a date at each grade, a
// person's spacing, a person's window, a pin. An instance says everything
// the solver knows of it, in one place:
//
//   - encode: its clauses, written through a sink that adds ¬g to each,
//     g the instance's own guard literal (lits.go maps instances to
//     guards and back, as deppy's lit_mapping.go does);
//   - breach: how far a rota breaks it, for the heuristics (repair, the
//     balanced rota's check, a relaxation's dropped list);
//   - restrict: the limits it puts on the tables the bounds and
//     heuristics read (limits.go: people per date, minimums per date,
//     whose spacing and windows apply, pins), so they hold for any set of
//     instances: all of a problem's, or those a relaxation keeps;
//   - reason: what it asks, in the scheduler's words.
//
// A new kind of rule is a new file and a line in rules.go, plus the model
// (type, Validate, Check); the flow and Lagrangian bounds are relaxations
// that stay valid whatever rules are added, and only the heuristics that
// should respect the new rule need to know it.
//
// Variables: one per person and duty date on which the person is
// available; x[s][f] in the code. Counters are definitions and carry no
// guard: with every guard false the formula is satisfiable, which keeps
// gini's fatal re-solve defect (see internal/engine) out of reach, and
// every UNSAT answer names, through its failed guards, the rule instances
// that clash. One master guard (encoding.all) implies every instance's
// guard, so the search assumes one literal while the rules hold together
// (and makes it a unit clause after the first model), and the instances'
// own guards only when they do not.
//
// Clauses, at clause level:
//   - coverage: per date, a totalizer truncated one past its highest "at
//     most" grade (Bailleux and Boufkhad 2003), built as a merge of one
//     counter per unit, so that unit minimums read their count off the
//     same tree; each grade is one clause on the counter;
//   - role minimums: one clause for "at least one", a truncated
//     totalizer above that;
//   - spacing: one clause per pair of a person's dates closer than the
//     spacing; windows: an at-most-k per span of a person's dates;
//   - pins: unit clauses.
//
// # Objective levels
//
// The levels, in the problem's order, are the engine's (levels.go):
// fairness is a Max level, its "at most d" literals dle[d] implying every
// person's counter within [Low-d, High+d], minimised by bisection;
// requests are a Sum level, soft literals weighted by what an unmet
// request costs, minimised by core-guided search (OLL, as in RC2: each
// UNSAT core raises the bound by its least weight and adds a totalizer
// over the core's violations whose outputs become new softs). A settled
// level is hardened before the next, by clauses true in its best model.
//
// A re-plan (a problem with a model.Baseline) has a third level, changes
// (changes.go): one soft literal per person-date of a date not frozen,
// "keep the published value", weighted by the change weight, searched by
// implicit hitting sets, since the optimum leaves a handful false out of
// hundreds. Its bound before the search counts per date: published people
// who cannot work it are released, and a date needing more people than
// its published ones who can work it needs newcomers. The frozen dates are
// rule instances (rule_frozen.go) that pin every person on them. The
// search starts from the published rota, mended only where a rule breaks.
//
// Date classes are a Max level like fairness, over a counter per person
// and class (classes.go). Rhythm is a Sum level of soft literals that are
// functions of the rota (rhythm.go: per person, a window of hi dates with
// no duty, OR chains over blocks of hi dates; and "a duty at i and
// another within k" for k below lo), searched down from the warm start
// one better rota a call (engine.Sum.Descend), since its cores are only
// refuted by the whole rota; past 4 M literals of the level's counter it
// is searched person by person and left unproven.
//
// # What-if questions
//
// A Plan (whatif.go) keeps a rota and one session with every rule
// instance encoded. Swap and Replacements are counts on the rota: a move
// can only break the instances scoped to its dates and people, so their
// breach says yes or no without a SAT call. Leave is a re-plan on the
// plan's session: the leave as assumptions, the levels of the changed
// problem (its shares change with the absence, so the fairness literals
// are made for them), every clause that holds a level guarded by a scope
// literal of the question's own (engine.Optimizer.Scope), switched off
// for good once answered. Each question leaves definitions and learnt
// clauses that later calls propagate, so the session is built anew every
// few questions.
//
// # Bounds and cuts, and when each holds
//
// The counting that CDCL search alone finds only after exponentially many
// conflicts (a pigeonhole in disguise) is given to it before the search,
// each piece where it is valid:
//
//   - flow bound (bounds.go), a lower bound on D over all schedules, so for
//     fairness in any position: people send duties to dates through one
//     node per (date, group), a group with a minimum receiving at least
//     that many, each person within [Low-d, High+d] and their cap, and at
//     most one date of each span shorter than the spacing; no flow at d
//     proves D > d, and no flow at all proves the problem infeasible;
//   - Lagrangian bound (lagrange.go) on W at the deviation settled before
//     requests (at any deviation when fairness does not come first): the
//     rules that tie people together are priced, what remains is one
//     dynamic program per person; at the best prices it is the LP
//     relaxation's bound. Its per-person caps, when the bound is the sum
//     of each person's least cost, are tried as assumptions before OLL;
//   - balanced rota (balance.go): everyone's cheapest set at the bound's
//     prices, chains of moves toward each date's demand; when the chains
//     run out, best responses (respond.go): one person at a time takes
//     back the cheapest set that helps most where the rest of the rota
//     lacks or has too many people, by their dynamic program, with the
//     weight of each date rule still broken raised after every round
//     (the breakout method), which moves a person's whole set where a
//     tight spacing leaves no single move. When the rota keeps every rule
//     and meets the bound of every level in order, it is the proven
//     optimum and no SAT search runs;
//   - cap cut (cuts.go): a person works at most their cap, under the
//     guards of the person's own rules it follows from;
//   - group cut: the members of a unit or role with a minimum work at
//     least minimum x dates duties together, under the master guard;
//   - cover cut (cut_spans.go): within a span of dates shorter than the
//     spacing each spaced person works at most once, so the span's
//     minimums (everyone's coverage, a unit's, a role's) need that many
//     distinct people; a counter over "s works in the span" says so,
//     under the master guard, where the span leaves at most 48 people
//     out and at most a sixth of those it could use (beyond that the
//     span is not tight and the counter would cost people x slack for
//     nothing);
//   - most cut: nobody works more than High plus the warm start's
//     deviation, valid for the optimum only while fairness is the first
//     level, and applied only then.
//
// Warm start (warmstart.go, repair.go): a greedy rota repaired by local
// search, assumed in the first solve; each failed core gives up the warm
// values in it. When the warm start keeps every rule, the first solve
// skips the first level's bound and bisection starts from the warm
// model's value.
//
// # Windows, and a search near a rota
//
// A window ("at most k duties in any 26 weeks") is one counter along the
// person's dates that every span reads (card.Sequence, the partial-sums
// encoding of the Sequence constraint), so a duty propagates to every
// window it lies in. The flow bound cuts the dates into blocks of the
// tightest window as it does for the spacing: a person works at most k
// dates of a block, which proves at once a clash of counting such as 26
// Fridays of 4 under a 26-week window of 3 for 28 people. A span that
// straddles two blocks is counted apart (clash_window.go): each person's
// most duties on its dates under their window and spacing, the earliest
// first.
//
// In the request bound and the heuristics' sets a person keeps their
// windows exactly: their own rules are intervals of their free dates
// with bounds, so their cheapest set is a linear program over the
// differences of its prefix counts, totally unimodular and the dual of a
// minimum-cost flow (own_least.go). The person program's set is kept when
// it already keeps the windows; only the others pay for a flow.
//
// When the warm start breaks a rule, the solver first tries the flow's
// rota at every shift of the window's blocks, repaired, and then mends
// the warm start by large-neighbourhood search (mend.go): everything
// fixed but the dates of the broken instances, grown from the failed
// assumptions of each UNSAT answer, and then everything fixed but the
// people of those assumptions (on every date) and the broken dates. When
// the balanced rota costs the request bound and breaks a few rules, it is
// mended that way first under the per-person caps and the deviation
// bound: a rota found proves both levels. On an office of 256 people or
// more, and wherever the whole encoding would pass the memory budget,
// the warm start is mended first on an encoding of its own (mend_rows.go):
// the people of the broken instances and a group of others who could take
// their duties are free on every date, everyone else is held at their row
// as constants that the counters count apart (held.go), so its size grows
// with the free rows, not the office (2,000 staff at 6 weeks' spacing: 22
// MiB for 65 rows, where the whole encoding is about 3.1 GB). Held to the
// warm start's deviation first and then to one more, it gives an answer
// past the budget: the schedule with its bounds and the *BudgetError.
// With fairness first, the deviation is then lowered the same way
// (fairer_rows.go): the people outside the lower deviation are freed with
// those who could carry a chain of swaps to them, breadth first over the
// dates where each could give or take a duty (2,000 staff at 6 weeks'
// spacing: D 1 to the proven 0 in 7 s; 5,000 staff: in 20 s).
// The request cost is then lowered the same way (cheaper_rows.go): groups
// of 12 people free on every date, everyone else held, under a counter
// of the group's unmet requests, each call asking for less; on an office
// of 256 people or more that search also comes before the neighbourhoods
// on the whole encoding (the bench's L office at 6 weeks and n/7: 1,149
// after 30 s before, 372-524 with it; the optimum is 188), and on a
// smaller one after them, where they stop 64 above the bound and the
// levels close such a gap slowly.
// With fairness first, the same search
// lowers the deviation step by step under "at most d", and then the
// request cost under a counter of unmet requests; while that cost is far
// above its bound, first by small fixed neighbourhoods (cheaper_lns.go:
// 12 people on every date, or everyone on 8 dates). These only find rotas;
// the levels prove them. Each of their calls has a time limit, so on a
// much slower machine (or under the race detector) one may give up where
// it succeeds on a fast one, and the optimum then found may be another
// rota with the same level values.
//
// # Explanations and relaxations
//
// When the rules clash (the first solve fails on the master guard, or the
// flow proves it before any search), explain.go assumes every instance's
// own guard, takes gini's core and shrinks it to a subset-minimal one
// (engine.Shrink: deletion with clause-set refinement), with the counting
// cuts for subsets in place: "at least j of a group's minimum instances
// hold" implies "its members work at least j duties", and within a span
// shorter than the spacing (or a window) each member works at most once
// (or Max times), written for the four spans per group that ask for the
// most beyond that (a clash needs one; every span of a 500-person office
// was 300 MiB of counters). Each counting argument the minimal set supports is then
// said in numbers: a group that cannot work what its minimums ask on
// their dates, a date that takes fewer people than its minimums and pins
// need, pins closer than a spacing allows.
//
// When the flow has proven the clash and the encoding would take more
// than half the memory budget (2,000 staff at n/5 on duty: about 3.9 GB),
// or the explanation's search reaches the budget or the deadline, the
// explanation is the span shorter than the spacing that asks for the
// most beyond its people (clash_span.go): a proof by counting without
// SAT, not proven minimal (Minimal false).
//
// Relax (relax.go) makes every instance's guard a soft literal, weighted
// by its kind, and minimises the weight dropped by implicit hitting sets;
// then it solves the problem without the dropped instances as Solve
// would (instance.without: the limits, caps and costs of what is kept).
//
// # Guarantees
//
// Deterministic: clauses and variables are made in a fixed order (problem
// order of staff, date order, instance order, sorted cores), and gini has
// no randomness, so the same problem gives the same schedule, unless a
// time-limited call of the neighbourhood search, of the rhythm's search
// person by person or of an explanation's first core gives up on one
// machine and not on another (see above). Every
// schedule is checked by model.Check (a relaxation's by
// model.CheckRelaxed) before it is returned; a failure is an
// *InternalError. The session never calls gini's Try, never solves an
// instance again after an UNSAT that may not depend on assumptions, and
// belongs to one call.
package solver
