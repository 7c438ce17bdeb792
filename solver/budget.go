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
	// Budget is the budget in bytes; Heap the heap growth that passed it.
	Budget, Heap int64
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("solver: memory budget of %d MiB reached (the heap grew by %d MiB): "+
		"the best schedule found so far is returned; give a larger budget with WithMemoryBudget",
		e.Budget>>20, e.Heap>>20)
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
