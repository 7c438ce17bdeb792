package engine

import (
	"context"

	"github.com/irifrance/gini/z"
)

// A Level is one objective of a lexicographic optimisation: a value to
// minimise, more important than every level after it. It is a [Max] or a
// [Sum].
type Level interface{ isLevel() }

// Max is a level whose value the encoding bounds by literals, such as the
// largest deviation of anyone's duty count from their share: AtMost(d) is
// a literal that, when true, keeps the value at or below d. It is
// minimised by bisection between its lower bound and the best model's
// value, one SAT call a step.
type Max struct {
	// AtMost returns the literal "the value is at most d", making it on
	// first use. Its clauses are definitions: they must not need a guard
	// (the formula stays satisfiable with the literal false).
	AtMost func(d int) z.Lit
	// Lower is a proven lower bound on the value over every model, found
	// before the search (by a relaxation, say). Being a bound over all
	// models it holds in any position of the level.
	Lower int
	// Cut, when set, returns a proven lower bound on the value among the
	// models whose earlier levels equal settled (one value per earlier
	// level), such as a bound that counts what the earlier optima leave
	// room for: valid for this position of the level only. It is called
	// once, when the level's search starts.
	Cut func(settled []int) int
	// Value reads the level's value in the model of the last SAT answer.
	Value func() int
	// Improve is as Sum's, called once before the bisection.
	Improve func(ctx context.Context, settled []int) (assume []z.Lit, bound int)
	// Dive is as Sum's, called once after Improve.
	Dive func(settled []int) (bound int, at func(target int) (must, prefer []z.Lit))
}

func (Max) isLevel() {}

// Soft is a literal the optimiser would like true: a model in which it is
// false pays Weight.
type Soft struct {
	Lit    z.Lit
	Weight int
}

// Sum is a level whose value is Fixed plus the weights of the softs that
// are false. It is minimised by core-guided search (OLL).
type Sum struct {
	Softs []Soft
	// Fixed is what every model pays, whatever the softs.
	Fixed int
	// Lower, when set, returns a proven lower bound on the value among the
	// models whose earlier levels equal settled (one value per earlier
	// level): a cut, valid for this position of the level. It is called
	// once, when the level's search starts.
	Lower func(settled []int) int
	// Try, when set, returns assumptions to try once before the core-guided
	// search, given the lower bound: a model under them whose value meets
	// the bound proves the optimum at once. Nil assumptions skip the try.
	// The search by hitting sets does not use it.
	Try func(lower int) []z.Lit
	// Stratify searches by weight strata, heaviest first, instead of with
	// every soft assumed at once.
	Stratify bool
	// HittingSets searches by implicit hitting sets instead of core-guided
	// totalizers: for levels whose optimum leaves a few softs false out of
	// many (see hitting.go).
	HittingSets bool
	// Chains, for the search by hitting sets, are runs of softs (by
	// literal) each of which implies the next, such as "within 0", "within
	// 1", ... of one part of the value: each chain's least satisfiable
	// soft is found first by bisection, one literal assumed a call, and
	// every soft before it is a core of its own. Their sum is a bound,
	// and the first hitting-set call tries them all at once.
	Chains [][]z.Lit
	// ChainLower, when set with Chains, returns per chain how many of its
	// first softs are proven false among the models whose earlier levels
	// equal settled (a cut, valid for this position of the level, as
	// Lower is): the bisection starts there, without SAT calls for them.
	// It is called once, when the level's search starts.
	ChainLower func(settled []int) []int
	// Improve, when set, is called once before the level's search (by
	// hitting sets or core-guided; not the descent), after Lower and
	// before ChainLower (not needed when it proves the level), with the
	// settled values of the earlier levels. It returns assumptions under which it expects a
	// model better than the best so far (the literals of a plan improved
	// part by part on encodings of their own, say), or nil; and a proven
	// lower bound on the level among the models whose earlier levels
	// equal settled (0 for none), such as the sum of the parts' proven
	// optima where the parts are independent. One call under the
	// assumptions, bounded in time, tries them; a model is kept only
	// when better.
	Improve func(ctx context.Context, settled []int) (assume []z.Lit, bound int)
	// Dive, for the search by hitting sets or core-guided, is called
	// once after Improve when the level is still open, with the settled
	// values of the earlier levels. It returns a proven lower bound on
	// the level among the models whose earlier levels equal settled (0
	// for none; a relaxation's, say, too costly to compute where the
	// other bounds suffice), and at, which gives for a target value
	// assumptions that together should give a model at it (each part of
	// the value at its share of the target), and literals such a model is
	// expected to keep (a rounded relaxation). While the bound is below
	// the best value, searches bounded in time together (diveCall) try
	// them at the raised bound; the preferred literals that fail are
	// dropped and the call made again, as the warm start's are, and where
	// the must assumptions fail on their own, the next target up is
	// tried. A model is kept only when better. It pays where the bound is
	// tight, or nearly, but the search finds the models at it late.
	Dive func(settled []int) (bound int, at func(target int) (must, prefer []z.Lit))
	// Descend searches from the best model down, one SAT call per better
	// model, instead of up from the bound by cores: for levels whose
	// cores are hard to refute but whose better models are easy to find
	// (see descend.go).
	Descend bool
	// Parts, for the descent, group the softs (by index) into parts, such
	// as one person's: when the level's counter would be too large, the
	// descent improves one part at a time, keeping the others' softs that
	// hold, until no part improves; the level is then unproven, and the
	// run ends there with the best model (Optimizer.Settled stops before
	// the level, and the levels after it keep the best model's values).
	Parts [][]int
}

func (Sum) isLevel() {}
