package caseload

import (
	"fmt"

	"github.com/rostersat/rostersat/model"
)

// DefaultMemoryBudget is the memory budget of an Assign without
// WithMemoryBudget: 1 GiB, which holds offices of about 90,000 pairs of
// a case and a worker of its unit (300 workers and 5,000 cases in teams
// of 12 are 60,000 and peak at 665 MiB).
const DefaultMemoryBudget = 1 << 30

// WithMemoryBudget bounds the memory of the encoding, in bytes: an
// office whose encoding is estimated above it is not encoded, and Assign
// returns the first plan of the greedy heuristic (Feasible, with the
// counting bounds) or none (Unknown), and a *BudgetError. Zero or less
// means DefaultMemoryBudget.
func WithMemoryBudget(bytes int64) Option {
	return func(c *config) { c.budget = bytes }
}

// BudgetError says that the office's encoding would pass the memory
// budget, so it was not built. Use errors.As to get at it.
type BudgetError struct {
	Budget, Estimate int64
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("caseload: the encoding would take about %d MiB, above the memory budget of %d MiB: the plan is the greedy one, not searched",
		e.Estimate>>20, e.Budget>>20)
}

// bytesPerClause is what gini keeps a clause of these encodings in,
// measured whole-process (9.7 GB for 88 M clauses; 665 MiB for 5.9 M).
const bytesPerClause = 112

// estimate is the encoding's size in bytes, before it is built: the
// class counters of every worker (each class of n cases counted as far
// as its measures need, both ways) and the at-most-one of every case,
// doubled for what the levels add (the balance softs, counters rebuilt
// further). Against whole-process peaks: 22 MiB estimated for 44 MiB
// (30 x 400), 580 for 665 MiB (300 x 5,000 in teams), 4.5 GiB for 3.7
// GiB (the same in four units), 20 GiB for 9.7 GB (1,000 x 7,000).
func estimate(p *model.CaseProblem, f *model.CaseFacts) int64 {
	var clauses int64
	type key struct {
		s      int
		amount [3]int
	}
	classes := map[key]int{}
	for c, cands := range f.Candidates {
		clauses += 3 * int64(len(cands))
		for _, s := range cands {
			classes[key{s, f.Amount[c]}]++
		}
	}
	// The counting limits: a worker's capacity, or what they could hold.
	total := make([][3]int, len(p.Staff))
	for k, n := range classes {
		for m := range 3 {
			total[k.s][m] += n * k.amount[m]
		}
	}
	for k, n := range classes {
		need := 0
		for m := range 3 {
			if k.amount[m] == 0 {
				continue
			}
			limit := total[k.s][m]
			if l := f.Limits[k.s][m]; l > 0 {
				limit = min(limit, l+1)
			}
			need = max(need, (limit+k.amount[m]-1)/k.amount[m])
		}
		clauses += 2 * int64(n) * int64(min(need, n))
	}
	return 2 * clauses * bytesPerClause
}
