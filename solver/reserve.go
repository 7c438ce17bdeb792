package solver

import (
	"context"
	"time"

	"github.com/rostersat/rostersat/model"
)

// reservePerCell is the time kept before the caller's deadline for each
// person-date, for what follows the search: the schedule's figures and
// the independent check (model.Check) read every person-date a few times.
// Measured at the largest size the limits allow (20,000 staff x 1,000
// dates) they take about 140 ms, 7 ns a person-date; the reserve is about
// twice that, so that a search that ends at its own deadline still
// returns by the caller's.
const reservePerCell = 15 * time.Nanosecond

// reserveShare caps the reserve at a part of the time left, so that a
// short deadline still leaves the search most of it.
const reserveShare = 4

// withFinishReserve returns ctx with a deadline earlier than the caller's
// by the reserve for p's person-dates; ctx itself when it has no deadline.
// The early deadline ends the search with context.DeadlineExceeded, as the
// caller's would.
func withFinishReserve(ctx context.Context, p *model.Problem) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return ctx, func() {}
	}
	reserve := time.Duration(reserveCells(p)) * reservePerCell
	reserve = min(reserve, time.Until(deadline)/reserveShare)
	if reserve <= 0 {
		return ctx, func() {}
	}
	return context.WithDeadlineCause(ctx, deadline.Add(-reserve), context.DeadlineExceeded)
}

// reserveCells bounds p's person-dates from above without building its
// calendar: the period's days (at most the limit on duty dates), scaled
// by the share of the week that carries a duty.
func reserveCells(p *model.Problem) int64 {
	days := int64(min(p.Period.Start.DaysUntil(p.Period.End)+1, model.MaxDutyDates))
	week := map[model.Weekday]bool{}
	for _, w := range p.Period.Weekdays {
		week[w] = true
	}
	weekdays := int64(max(1, len(week))) // none means Friday only
	dates := min(days, (days/7+1)*weekdays)
	return int64(len(p.Staff)) * max(0, dates)
}
