package solver

import (
	"context"
	"fmt"
	"runtime/metrics"
	"sync"
	"time"
)

// WithMemoryBudget bounds the memory a Solve or Relax may take, in bytes
// of heap grown since the call began. When the heap grows past it, every
// phase stops as it does at a deadline, and the call returns the best
// schedule found with its proven bounds (or none, Status Unknown) and a
// *BudgetError. Zero or less means the default: DefaultMemoryBudget of the
// problem. The heap is the process's: with several solves at once, each
// sees the others' memory too, so give each a share.
func WithMemoryBudget(bytes int64) Option {
	return func(c *config) { c.budget = bytes }
}

// DefaultMemoryBudget is the memory budget of a call without
// WithMemoryBudget: 1 GiB for the search, plus 160 bytes a person and
// duty date for the tables the bounds and the heuristics keep (at the
// largest size the limits allow, 20,000 staff and 1,000 dates, 4 GiB
// in all).
func DefaultMemoryBudget(staff, dates int) int64 {
	return 1<<30 + 160*int64(staff)*int64(dates)
}

// BudgetError says that a call stopped at its memory budget. The schedule
// returned with it is the best found by then, with its proven bounds. Use
// errors.As to get at it.
type BudgetError struct {
	// Budget is the budget in bytes.
	Budget int64
	// Heap is the heap growth that passed the budget; zero when the
	// search was not started because its encoding's estimate, Estimate,
	// was above the budget.
	Heap, Estimate int64
}

func (e *BudgetError) Error() string {
	what := fmt.Sprintf("reached (the heap grew by %d MiB)", e.Heap>>20)
	if e.Heap == 0 {
		what = fmt.Sprintf("too small for the SAT encoding (about %d MiB)", e.Estimate>>20)
	}
	return fmt.Sprintf("solver: memory budget of %d MiB %s: the best schedule found so far is returned; "+
		"give a larger budget with WithMemoryBudget", e.Budget>>20, what)
}

// bytesPerClause is the memory of one clause of the encoding in gini,
// with its share of variables and watches: measured on the 2,000-person
// office with 6 weeks' spacing, 29 M clauses in 2.8 GB.
const bytesPerClause = 100

// encodingEstimate is about how many bytes the SAT encoding of in takes,
// known before it is built: the per person-date part (variables, duty
// counters, rules), measured at about 70 clauses a person-date, and each
// date's coverage counter, a totalizer of about (people) x (its top)
// clauses.
func encodingEstimate(in *instance) int64 {
	var clauses int64
	for f := range in.dates {
		n := int64(0)
		for s := range in.p.Staff {
			if in.avail[s][f] {
				n++
			}
		}
		clauses += 70*n + n*int64(min(int(n), coverageTop(in, f)+1))
	}
	return clauses * bytesPerClause
}

// budgetPoll is how often the heap is read. The heap grows at most a few
// hundred MiB a second while encoding, so a budget overshoots by tens of
// MiB at most.
const budgetPoll = 10 * time.Millisecond

// heapMetric is the bytes of heap objects, live or not yet swept: read
// without stopping the world.
const heapMetric = "/memory/classes/heap/objects:bytes"

// watchMemory returns a context that ends, with a *BudgetError as its
// cause, when the heap has grown by more than budget bytes since the
// call; stop ends the watch and must be called.
func watchMemory(ctx context.Context, budget int64) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() int64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(sample[0].Value.Uint64())
	}
	base := read()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(budgetPoll)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if grown := read() - base; grown > budget {
					cancel(&BudgetError{Budget: budget, Heap: grown})
					return
				}
			}
		}
	}()
	return ctx, func() {
		close(done)
		wg.Wait()
		cancel(nil)
	}
}
