// Package baseline holds the heuristics the solver is measured against:
// what an office can do without a SAT solver. Each is a [bench.Runner]:
//
//   - [Rotation], the hand-made cycle: person i works every k-th Friday;
//   - [Greedy], which fills each Friday with the people furthest below
//     their share, as far as the hard rules allow;
//   - [LocalSearch], which improves the greedy rota with swap moves, first
//     on fairness D, then on request cost W.
//
// All three are written from the Definitions of package model alone (its
// doc.go); they share no code with the solver, and model.Check verifies
// their rotas in the tests. They never claim optimality: a schedule they
// return is Feasible when it keeps every hard rule, and its
// objective levels carry bound 0. When a heuristic
// cannot keep a hard rule it still returns its rota, with status Unknown
// and an error that wraps [ErrBroken] and names each broken rule, date and
// person. Note that model.Check reads an Unknown schedule as "no rota" and
// so reports every roster in it; to see which rules such a rota breaks,
// check a copy with its Status set to Feasible.
//
// The runners are deterministic: Rotation and Greedy have no randomness
// and break ties by staff order; LocalSearch draws its moves from a PCG
// source seeded by LocalSearch.Seed and counts its budget in moves, so
// that the same seed and budget give the same rota unless a time limit or
// ctx cuts the search short.
//
// # Building a rota date by date
//
// Rotation and Greedy share one constructor. Work pins go in first. Then
// each duty date, in order, is filled from a list of candidates in the
// runner's order of preference: first the unit and role minimums (the rule
// with the fewest eligible members first), then the coverage. A candidate
// is eligible when available, not pinned off, and clear of spacing and
// windows given the duties so far. The constructor also looks ahead: all
// the dates within the spacing after today are dates on which today's
// people cannot work, so a rule needing min people on each of the first j
// of them needs min*j distinct members free for them; a member whose duty
// today would leave fewer is held in reserve and taken only when no one
// else will do. Only when no eligible candidate is left does the
// constructor give up spacing and windows, and the runner then reports
// the broken rule.
package baseline
