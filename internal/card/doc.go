// Package card writes cardinality constraints as clauses, straight into a
// SAT solver's clause stream.
//
// It exists because the circuit package of gini v1.0.1 (logic) builds large
// sorting networks about a hundred times slower than clause-level
// encodings (defect #8 in the design document of internal/engine). Everything here writes through [Sink], the
// two methods of gini's inter.Liter and inter.Adder, so tests can capture
// the clauses without a solver.
//
// Encodings:
//   - [Totalizer] (Bailleux and Boufkhad, CP 2003), truncated to a limit as
//     in Büttner and Rintanen's k-simplification: outputs o[k] ⇔ "at least
//     k+1 inputs are true", both directions, O(n·limit) clauses.
//   - [Merge] joins two such unary counters into one; the encoder uses it to
//     add up per-person counters, so that bounds on people propagate to
//     bounds on their sum. Small counters are joined directly (one clause
//     per pair of counts); large ones by a truncated odd-even merge network
//     (Batcher 1968; Asín et al., Constraints 2011), O((a+b) log(a+b)).
//   - [AtMostOne]: pairwise for short lists, the sequential (ladder)
//     encoding of Sinz (CP 2005) for longer ones.
//   - [WeightedTotalizer] counts a weighted sum in unary, both ways, a
//     literal of weight w entering as w copies of itself, and
//     [Counters.MergeAll] merges many unary counters (a count of items
//     worth a units each is its outputs repeated a times): the caseload
//     solver counts a worker's points from per-class counts this way;
//   - [GeneralizedTotalizer] (Joshi, Martins and Manquinho, CP 2015) for
//     weighted sums: a totalizer whose nodes keep one output per distinct
//     sum up to a limit, so its size grows with the number of distinct
//     sums, not with the weights; [WeightedAtMost] bounds a weighted sum
//     with it.
package card
