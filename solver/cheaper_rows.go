package solver

import (
	"context"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// Large-neighbourhood search on the request cost by rows, each
// neighbourhood on an encoding of its own (held.go): a group of people
// free on every date, everyone else held at their rows, and a counter
// over the group's unmet requests asks for less than they cost now, down
// until the group gives no more. Where the whole encoding does not fit
// in the memory budget this is the search that is left; its groups are
// larger than cheaperByNeighbourhoods' (rowsGroup against 12), as the
// encoding of one is small. Valid while the requests are the first
// level, or the second after fairness: it keeps every rule and the
// deviation at most d, and only lowers the request cost.

// rowsCheaperCall bounds one call of a group (on the bench's L office at
// 6 weeks and n/7, after 30 s: 876 at 40 ms, 505 at 100 ms, 495 at 200
// ms, 775 at 500 ms; the last call of a group, asking for less than its
// least, is mostly a refutation that runs to the limit). rowsGroup is the
// people of one group: half of them those who pay most,
// half others at a stride that changes by round (on 2,000 staff at 6
// weeks' spacing, groups of 48 found nothing in 500 ms, groups of 12
// about 40 a second off the cost). rowsRounds bounds the rounds, each
// over every group of people who pay; without a deadline on ctx,
// rowsGroups bounds the groups searched in all (there, 4 rounds took
// 230 s and 64 groups 57 s, from 6,321 to 4,261).
// rowsSmallest is the smallest office the search by rows runs on while
// the whole encoding fits: below it a group is most of the office.
const rowsSmallest = 4 * rowsGroup

const (
	rowsCheaperCall = 200 * time.Millisecond
	rowsGroup       = 12
	rowsRounds      = 4
	rowsGroups      = 32
)

// cheaperByRows returns a rota of lower request cost than on (which keeps
// every rule at deviation at most d, noDeviation: any), or on itself;
// report is told of each better rota. It stops at lb, after a round that
// improves nothing, after rowsRounds rounds, after rowsGroups groups when
// ctx has no deadline, or when ctx ends.
func (r *search) cheaperByRows(on [][]bool, d, lb int, report func([][]bool)) [][]bool {
	_, deadline := r.ctx.Deadline()
	searched := 0
	for round := range rowsRounds {
		improved := false
		for _, free := range payGroups(r.in, on, rowsGroup/2, spreadStride(len(r.in.p.Staff))+round) {
			if _, w := evaluate(r.in, on); w <= lb || r.ctx.Err() != nil || !deadline && searched == rowsGroups {
				return on
			}
			searched++
			if better := r.cheaperRows(on, free, d); better != nil {
				on, improved = better, true
				report(on)
			}
		}
		if !improved {
			break
		}
	}
	return on
}

// cheaperRows searches the rows that free names, everyone else held at
// on, for the least request cost it finds, each call asking for less
// than the last; nil when it finds nothing cheaper than on.
func (r *search) cheaperRows(on [][]bool, free []bool, d int) [][]bool {
	in := r.in
	e := rowsEncoding(in, on, free)
	if e == nil {
		return nil
	}
	byRow := func(s, _ int) bool { return free[s] }
	unmet, weights := unmetIn(e, byRow)
	cost := costIn(in, on, byRow)
	if cost == 0 {
		return nil
	}
	o := card.WeightedTotalizer(e.ses, unmet, weights, cost)
	base := []z.Lit{e.all}
	if d != noDeviation {
		base = append(base, e.deviationAtMost(d))
	}
	var best [][]bool
	for cost > 0 {
		ctx, cancel := context.WithTimeout(r.ctx, rowsCheaperCall)
		out, err := e.ses.Solve(ctx, append(base, o[cost-1].Not()))
		cancel()
		if err != nil || out != engine.Sat {
			break
		}
		m := e.rota(e.ses)
		if r.ctx.Err() != nil {
			return m // a model keeps every rule; Solve checks what it returns
		}
		if !in.rules.keeps(in, m) {
			break // not reached: the held rows keep their rules and the free ones are encoded
		}
		best = m
		cost = costIn(in, m, byRow)
	}
	return best
}
