package baseline

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// Greedy fills the duty dates in order, each with the available people
// furthest below their share, as far as the hard rules allow.
//
// "Below their share" is measured against the share of the dates so far:
// on date f, person s should have N*w_f(s)/W duties, where w_f(s) is w(s)
// of the Definitions with a(s) counting only the dates up to f, so that
// the target reaches the share on the last date. People who already have
// High(s) duties come last. Ties go to the earlier person in staff order.
// Unit and role minimums are met first, the rule with the fewest eligible
// members first; spacing, windows, pins and availability are kept. Only
// when no one eligible is left does it give up spacing and windows, and
// then it reports the broken rule.
//
// The zero Greedy is ready to use.
type Greedy struct{}

// Name returns "greedy".
func (Greedy) Name() string { return "greedy" }

// Run builds the greedy rota for p. It never returns a nil schedule. The
// schedule's status is Feasible when it keeps every hard rule; otherwise
// it is Unknown and the error wraps ErrBroken and names the broken rules.
// An invalid p gives an empty schedule and the validation error; a ctx
// done before every date is filled gives the rota so far, status Unknown,
// and an error wrapping ctx.Err(). The bounds in Objective are 0: a
// heuristic proves nothing.
func (g Greedy) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	began := time.Now()
	in, sch, err := prepare(g.Name(), p, began)
	if err != nil {
		return sch, err
	}
	st, ctxErr := greedy(ctx, in)
	return finish(g.Name(), st, began, ctxErr, true)
}

func greedy(ctx context.Context, in *instance) (*state, error) {
	type cand struct {
		s       int
		full    bool  // total >= High
		deficit int64 // W times (target - total), when fits64
		fdef    float64
	}
	cands := make([]cand, 0, in.n)
	order := make([]int, 0, in.n)
	return construct(in, func(st *state, f int) []int {
		cands = cands[:0]
		for s := range in.n {
			if !in.avail[in.at(s, f)] {
				continue
			}
			c := cand{s: s, full: st.total[s] >= in.high[s]}
			seen := in.histDates[s] + int64(in.availUpTo[in.at(s, f)])
			if in.fits64 {
				c.deficit = in.bigN*in.percent[s]*seen - int64(st.total[s])*in.bigW
			} else {
				c.fdef = in.floatN*float64(in.percent[s])*float64(seen)/in.floatW - float64(st.total[s])
			}
			cands = append(cands, c)
		}
		slices.SortFunc(cands, func(a, b cand) int {
			if a.full != b.full {
				if a.full {
					return 1
				}
				return -1
			}
			if c := cmp.Compare(b.deficit, a.deficit); c != 0 {
				return c
			}
			if c := cmp.Compare(b.fdef, a.fdef); c != 0 {
				return c
			}
			return cmp.Compare(a.s, b.s)
		})
		order = order[:0]
		for _, c := range cands {
			order = append(order, c.s)
		}
		return order
	}, ctx)
}
