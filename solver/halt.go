package solver

import (
	"context"
	"time"
)

// halt tells the long loops outside gini (the bounds, the heuristics, the
// encoding) when to stop: when the search's context has ended, by its
// deadline, its cancellation or the memory budget. A loop asks at every
// step; the context is read only every haltEvery asks, so that asking
// costs nothing measurable. A loop that stops leaves a partial result,
// which the caller throws away after its own ctx check. A nil *halt
// never stops. One halt serves one goroutine.
type halt struct {
	ctx  context.Context
	end  context.CancelCauseFunc // ends ctx early (outlasts); nil: only ctx ends
	n    uint32
	done bool
}

// haltEvery is how many asks pass between two reads of the context.
// The cheapest step that asks (a max-flow augmentation, a person of a
// bound) takes well under a microsecond, so the context is read at least
// every millisecond or so.
const haltEvery = 256

// now reports whether the loop should stop.
func (h *halt) now() bool {
	if h == nil {
		return false
	}
	if h.done {
		return true
	}
	h.n++
	if h.n%haltEvery == 0 && h.ctx.Err() != nil {
		h.done = true
	}
	return h.done
}

// check is now for a loop whose every step is costly (a date's counter,
// a rule instance's clauses): it reads the context at every call.
func (h *halt) check() bool {
	if h == nil {
		return false
	}
	if !h.done && h.ctx.Err() != nil {
		h.done = true
	}
	return h.done
}

// stopped reports whether a loop has stopped early, so that what it
// returned is partial: a flow that found no circulation proves nothing
// then.
func (h *halt) stopped() bool { return h != nil && h.done }

// outlasts is check for a step that cannot be stopped once begun (a
// network of a million edges is allocated and cleared in one piece, up to
// a few hundred milliseconds at the largest size) and takes at least
// work: when less than that is left before ctx's deadline, the step
// cannot end in time, and starting it would only overrun. Then the call
// ends now, with the deadline's error, as it would at the deadline.
func (h *halt) outlasts(work time.Duration) bool {
	if h.check() {
		return true
	}
	if h == nil || h.end == nil {
		return false
	}
	if deadline, ok := h.ctx.Deadline(); ok && time.Until(deadline) < work {
		h.end(context.DeadlineExceeded)
		h.done = true
	}
	return h.done
}
