package solver

import (
	"context"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
)

// Mending by rows, on an encoding of their own. mend (mend.go) searches
// the whole encoding with most of the rota assumed; on a large office
// that encoding is itself the problem: 2,000 staff at 6 weeks' spacing
// and n/7 need about 3.1 GB of clauses, past the default memory budget,
// and even with room for them the levels found no rota in 120 s. A
// rota from the repair there breaks a person's spacing or two, and
// mending it is a swap of duties among a few people. So the people of the
// broken instances and a group of others who could take their duties
// are freed on every date, everyone else is held at their row as
// constants (encodeOptions.held), and the encoding is of the free rows
// only: its size grows with them, not with the office. When the free
// rows cannot be mended, the group grows four times, while its encoding
// stays within a share of the budget. Valid whatever the rules and the
// level order: a rota is returned only when it keeps every rule
// instance; with fairness first it also keeps the deviation of the rota
// it mends.

// rowsCall bounds one search of free rows; rowsFirst is the first group
// of others, rowsGrowth how much each round multiplies it. From
// rowsOffice people on, the first group is a small part of the office,
// and the rows are mended before the whole encoding is built (search.go);
// below it, after the mending on the whole encoding.
const (
	rowsCall   = 2 * time.Second
	rowsFirst  = 64
	rowsGrowth = 4
	rowsOffice = 4 * rowsFirst
)

// mendRows returns a rota that keeps every rule instance, found by
// freeing rows of on (which breaks some), or nil. With d other than
// noDeviation (fairness first) the rota's deviation is at most that of
// on, or d when that is higher.
func (r *search) mendRows(on [][]bool, d int) [][]bool {
	in := r.in
	most := d
	if d != noDeviation {
		dev, _ := evaluate(in, on)
		most = max(d, dev)
	}
	order, must := r.rowOrder(on, most)
	if order == nil {
		return nil
	}
	return r.inGrowingGroups(on, order, must, func(free []bool) [][]bool {
		if m := r.searchRows(on, free, most, lnsCall); m != nil {
			return m
		}
		if most == noDeviation {
			return nil
		}
		// Held to the deviation of on, the free rows are a pigeonhole
		// that a search refutes late (2,000 staff at 6 weeks: 65 rows at
		// deviation 0 unsolved in 30 s, at 1 solved in 0.8 s); a rota one
		// step less fair is an answer, and the levels start from it.
		return r.searchRows(on, free, most+1, rowsCall)
	})
}

// inGrowingGroups frees the first must+rowsFirst people of order, then
// rowsGrowth times as many, and so on, and asks try for a rota with those
// rows free and every other row held at on. It returns the first rota
// try finds, or nil once the group is everyone, its encoding passes half
// the memory budget, or ctx ends.
func (r *search) inGrowingGroups(on [][]bool, order []int, must int, try func(free []bool) [][]bool) [][]bool {
	S := len(r.in.p.Staff)
	for n := must + rowsFirst; ; n *= rowsGrowth {
		n = min(n, S)
		free := make([]bool, S)
		for _, s := range order[:n] {
			free[s] = true
		}
		if rowsEstimate(r.in, on, free) > r.cfg.budget/2 || r.ctx.Err() != nil {
			return nil
		}
		if m := try(free); m != nil {
			return m
		}
		if n == S || r.ctx.Err() != nil {
			return nil
		}
	}
}

// rowOrder returns everyone in the order their rows are freed: first the
// people of the broken instances of one person (must of them), then those
// who could take over a duty on the dates of the broken instances (those
// of a date, or the person's duties): available and off duty there, with
// room for one more duty under their cap and the deviation most, those
// with no duty within the spacing of the date first; then everyone else,
// spread over the office. Nil when on keeps every rule.
func (r *search) rowOrder(on [][]bool, most int) (order []int, must int) {
	in := r.in
	S, F := len(in.p.Staff), len(in.dates)
	t := tallyOf(in, on)
	picked := make([]bool, S)
	pick := func(s int) {
		if !picked[s] {
			picked[s] = true
			order = append(order, s)
		}
	}
	hot := make([]bool, F) // dates whose duties must move
	broken := false
	for _, rl := range in.rules.all {
		if rl.breach(&t) == 0 {
			continue
		}
		broken = true
		if p, ok := rl.(*pin); ok {
			pick(p.s)
		}
		switch f, s := rl.scope(); {
		case f >= 0:
			hot[f] = true
		case s >= 0:
			pick(s)
			for g, v := range t.on[s] {
				hot[g] = hot[g] || v
			}
		}
	}
	if !broken {
		return nil, 0
	}
	must = len(order)
	takes := func(s, f int) bool {
		return !t.on[s][f] && in.free(s, f) && t.count[s] < in.cap[s] &&
			(most == noDeviation || in.deviation(s, t.count[s]+1) <= most)
	}
	for _, roomy := range []bool{true, false} {
		for f, h := range hot {
			for s := range S {
				if h && takes(s, f) && (!roomy || r.spacedFrom(t.on[s], f)) {
					pick(s)
				}
			}
		}
	}
	// Everyone else, spread: a stride prime to S visits each person once.
	stride := spreadStride(S)
	for i, s := 0, 0; i < S; i, s = i+1, (s+stride)%S {
		pick(s)
	}
	return order, must
}

// spacedFrom reports whether the row on has no duty within the spacing of
// date f.
func (r *search) spacedFrom(on []bool, f int) bool {
	in := r.in
	for g := f - 1; g >= 0 && in.day[f]-in.day[g] < in.spacingDays; g-- {
		if on[g] {
			return false
		}
	}
	for g := f + 1; g < len(on) && in.day[g]-in.day[f] < in.spacingDays; g++ {
		if on[g] {
			return false
		}
	}
	return true
}

// spreadStride returns a stride near S/φ that is prime to S.
func spreadStride(S int) int {
	st := max(1, int(float64(S)*0.618))
	for gcd(st, S) != 1 {
		st++
	}
	return st
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// searchRows searches the rows that free names, everyone else held at
// on, with the deviation at most most (noDeviation: any), for at most
// the time limit.
func (r *search) searchRows(on [][]bool, free []bool, most int, limit time.Duration) [][]bool {
	in := r.in
	e := rowsEncoding(in, on, free)
	if e == nil {
		return nil
	}
	assume := []z.Lit{e.all}
	if most != noDeviation {
		assume = append(assume, e.deviationAtMost(most))
	}
	ctx, cancel := context.WithTimeout(r.ctx, limit)
	out, err := e.ses.Solve(ctx, assume)
	cancel()
	if err != nil || out != engine.Sat {
		return nil
	}
	m := e.rota(e.ses)
	if !in.rules.keeps(in, m) {
		return nil // not reached: the held rows keep their rules and the free ones are encoded
	}
	return m
}

// rowsEncoding encodes in with the rows that free names free and every
// other row held at on, with the cap cuts; nil when in.halt stops it.
func rowsEncoding(in *instance, on [][]bool, free []bool) *encoding {
	held := make([]bool, len(free))
	pd := 0
	for s, v := range free {
		held[s] = !v
		if v {
			for f := range in.dates {
				if in.avail[s][f] {
					pd++
				}
			}
		}
	}
	e := encode(in, engine.New(10*pd+len(in.rules.all)+64, 70*pd), encodeOptions{hint: on, held: held})
	if in.halt.stopped() {
		return nil
	}
	e.capCuts()
	return e
}

// rowsEstimate is encodingEstimate for the free rows of free, the others
// held at on: the per person-date part for the free rows, and each
// date's counter of the free people to what the held ones leave of its
// top.
func rowsEstimate(in *instance, on [][]bool, free []bool) int64 {
	var clauses int64
	for f := range in.dates {
		n, held := int64(0), 0
		for s := range in.p.Staff {
			switch {
			case !in.avail[s][f]:
			case free[s]:
				n++
			case on[s][f]:
				held++
			}
		}
		top := int64(max(0, coverageTop(in, f)+1-held))
		clauses += 70*n + n*min(n, top)
	}
	return clauses * bytesPerClause
}
