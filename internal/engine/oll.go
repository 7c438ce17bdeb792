package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// soft is a soft of the core-guided search. A soft made by the search
// stands for "fewer than k+1 of the core's softs are false" and knows its
// counter, to make the next one.
type soft struct {
	lit    z.Lit
	weight int
	// at are the counters over cores' violations whose output lit stands
	// for (lit is c.out[c.k].Not()); none for a given soft. A literal is
	// one soft even when two counters give it.
	at []counterAt
}

// counterAt is output k of a counter.
type counterAt struct {
	out []z.Lit
	k   int
}

// coreGuided minimises Sum level i with the earlier levels settled:
// first the level's own bound and its Try, then core-guided search (OLL:
// Andres et al., ICLP 2012; as in RC2, Ignatiev et al., JSAT 2019): solve
// with the softs assumed true; each UNSAT core raises the lower bound by
// its least weight, takes that weight off its members, and adds a
// totalizer over its violations whose outputs become new softs. The
// reformulation is exact (every model's value is the bound plus the
// weights of the softs it violates), which is what lets the level be
// hardened by unit clauses once the bound meets the best value.
func (o *Optimizer) coreGuided(ctx context.Context, i int, l Sum) error {
	if l.Lower != nil {
		o.raise(i, l.Lower(o.Values[:i]))
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	if err := o.improve(ctx, i, l.Improve); err != nil {
		return err
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	if err := o.dive(ctx, i, l.Dive); err != nil {
		return err
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	if l.Try != nil {
		if assume := l.Try(o.Bounds[i]); assume != nil {
			out, err := o.solve(ctx, assume)
			if err != nil {
				return err
			}
			if out == Sat {
				o.record()
				if o.Values[i] != o.Bounds[i] {
					return fmt.Errorf("engine: level %d: the try found %d, not its bound %d", i, o.Values[i], o.Bounds[i])
				}
				return o.hardenSum(i, l, nil, false)
			}
		}
	}
	softs, lower := normalise(l) // lower: the core-guided bound alone
	o.raise(i, lower)
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, softs, lower == o.Bounds[i])
	}
	index := map[z.Lit]int{}
	for j, sf := range softs {
		index[sf.lit] = j
	}
	var next []soft // softs a core adds, added after it: softs may grow
	for _, t := range strata(softs, l.Stratify) {
		for {
			var assume []z.Lit
			for _, sf := range softs {
				if sf.weight >= t && sf.weight > 0 {
					assume = append(assume, sf.lit)
				}
			}
			core, err := o.core(ctx, assume, index)
			if err != nil {
				return err
			}
			if core == nil {
				break
			}
			least := softs[core[0]].weight
			for _, j := range core {
				least = min(least, softs[j].weight)
			}
			lower += least
			o.raise(i, lower)
			var violated []z.Lit
			for _, j := range core {
				sf := &softs[j]
				sf.weight -= least
				violated = append(violated, sf.lit.Not())
				for _, c := range sf.at {
					if c.k+1 < len(c.out) {
						next = append(next, soft{lit: c.out[c.k+1].Not(), weight: least, at: []counterAt{{c.out, c.k + 1}}})
					}
				}
			}
			if len(violated) > 1 {
				c := card.Totalizer(o.S, violated, len(violated))
				next = append(next, soft{lit: c[1].Not(), weight: least, at: []counterAt{{c, 1}}})
			}
			for _, sf := range next {
				softs = addSoft(softs, index, sf)
			}
			next = next[:0]
			if o.Values[i] == o.Bounds[i] {
				return o.hardenSum(i, l, softs, lower == o.Bounds[i])
			}
		}
	}
	if o.Values[i] != o.Bounds[i] {
		return fmt.Errorf("engine: level %d: the search ended with %d above its bound %d", i, o.Values[i], o.Bounds[i])
	}
	return o.hardenSum(i, l, softs, lower == o.Bounds[i])
}

// addSoft adds sf to softs, or its weight to the soft of the same literal
// when there is one: a counter's output can be a literal that is already
// a soft (a counter over one input is that input), and two entries of one
// literal made a core map to the spent one, of weight 0, so that the
// search found the same core again and again without raising its bound
// (a problem of 14 people and 3 dates never finished).
func addSoft(softs []soft, index map[z.Lit]int, sf soft) []soft {
	if j, ok := index[sf.lit]; ok {
		softs[j].weight += sf.weight
		softs[j].at = append(softs[j].at, sf.at...)
		return softs
	}
	index[sf.lit] = len(softs)
	return append(softs, sf)
}

// normalise returns the level's softs with one entry per literal: the
// weights of a literal given twice add up, and of a literal given both
// ways the smaller weight is paid whatever happens (it joins the fixed
// part) and the difference stays on the heavier side. It returns the
// fixed part with it.
func normalise(l Sum) ([]soft, int) {
	fixed := l.Fixed
	weight := map[z.Lit]int{}
	var order []z.Lit
	for _, sf := range l.Softs {
		if sf.Weight <= 0 {
			continue
		}
		if _, seen := weight[sf.Lit]; !seen {
			if _, seen := weight[sf.Lit.Not()]; !seen {
				order = append(order, sf.Lit)
			}
		}
		weight[sf.Lit] += sf.Weight
	}
	var softs []soft
	for _, m := range order {
		w, against := weight[m], weight[m.Not()]
		fixed += min(w, against)
		switch {
		case w > against:
			softs = append(softs, soft{lit: m, weight: w - against})
		case against > w:
			softs = append(softs, soft{lit: m.Not(), weight: against - w})
		}
	}
	return softs, fixed
}

// hardenSum holds settled Sum level i at its optimum for the levels after
// it. When the core-guided bound alone proved the optimum (exact), every
// soft of its reformulation that still carries weight is true in every
// optimal model: unit clauses say so. Otherwise (the level's Lower or Try
// proved it) a generalised totalizer bounds the sum of the level's own
// softs.
func (o *Optimizer) hardenSum(i int, l Sum, softs []soft, exact bool) error {
	if i+1 == len(o.Levels) {
		return nil
	}
	if exact {
		for _, sf := range softs {
			if sf.weight > 0 {
				card.Clause(o.hard(), sf.lit)
			}
		}
		return nil
	}
	in, weights := violations(l.Softs)
	card.WeightedAtMost(o.hard(), in, weights, o.Values[i]-l.Fixed)
	return nil
}

// strata returns the weight thresholds to search with, heaviest first; the
// last is 1 so that the final search sees every soft.
func strata(softs []soft, stratify bool) []int {
	if !stratify {
		return []int{1}
	}
	var ws []int
	for _, sf := range softs {
		ws = append(ws, sf.weight)
	}
	slices.Sort(ws)
	ws = slices.Compact(ws)
	slices.Reverse(ws)
	if len(ws) == 0 || ws[len(ws)-1] != 1 {
		ws = append(ws, 1)
	}
	return ws
}

// core solves under the assumptions and returns nil after a SAT answer
// (recorded), else the core: the indices of the failed softs, which are
// never none, since a call with no soft assumed is satisfiable.
func (o *Optimizer) core(ctx context.Context, assume []z.Lit, index map[z.Lit]int) ([]int, error) {
	out, err := o.solve(ctx, assume)
	if err != nil {
		return nil, err
	}
	if out == Sat {
		o.record()
		return nil, nil
	}
	core := coreOf(o.S.Failed(), index)
	if len(core) == 0 {
		return nil, errors.New("engine: a search met a core without softs")
	}
	return core, nil
}

// coreOf returns the soft indices among the failed assumptions, in
// increasing order so that what is built from them is deterministic.
func coreOf(failed []z.Lit, index map[z.Lit]int) []int {
	var core []int
	for _, m := range failed {
		if j, ok := index[m]; ok {
			core = append(core, j)
		}
	}
	slices.Sort(core)
	return core
}
