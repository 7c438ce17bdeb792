package caseload

import (
	"cmp"
	"slices"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// load counts a worker's load in three measures at once, in unary, from
// counters shared by the measures: the worker's literals fall into
// classes of equal amounts (an investigation of weight 2, say), each
// class gets one totalizer, and a measure's counter merges the classes
// that count in it, a class of amount a entering as every output
// repeated a times. Counting points case by case, each case as w copies
// of its literal, made one counter over 1,250 cases of weight 1 to 3
// up to 46 points 150,000 to 255,000 clauses; by classes the leaves
// cost about cases x limit / weight, and the three measures share them.
//
// Each measure is exact up to the limit it was last built for; a bound
// that needs more rebuilds the load with twice the limit (the old
// clauses stay, definitions that hold whatever their inputs).
type load struct {
	cards   card.Counters
	classes []class
	total   [3]int     // the most each measure can reach
	limit   [3]int     // each measure is exact up to here
	out     [3][]z.Lit // out[m][k]: "measure m is at least k+1"
}

// class is the literals of cases with one amount in every measure.
type class struct {
	amount [3]int
	in     []z.Lit
}

func (l *load) add(m z.Lit, amount [3]int) {
	if amount == [3]int{} {
		return
	}
	i := slices.IndexFunc(l.classes, func(c class) bool { return c.amount == amount })
	if i < 0 {
		i = len(l.classes)
		l.classes = append(l.classes, class{amount: amount})
	}
	l.classes[i].in = append(l.classes[i].in, m)
	for k := range 3 {
		l.total[k] += amount[k]
	}
}

// ensure makes measure m exact up to n (or its total) and returns its
// outputs.
func (l *load) ensure(s card.Sink, m, n int) []z.Lit {
	n = min(n, l.total[m])
	if l.limit[m] >= n {
		return l.out[m]
	}
	limits := l.limit
	limits[m] = min(l.total[m], max(n, 2*l.limit[m]))
	l.build(s, limits)
	return l.out[m]
}

// prepare makes every measure exact up to its entry of limits at once,
// so that a worker's three capacities build one counter, not three.
func (l *load) prepare(s card.Sink, limits [3]int) {
	grow := false
	for m := range 3 {
		limits[m] = max(l.limit[m], min(limits[m], l.total[m]))
		grow = grow || limits[m] > l.limit[m]
	}
	if grow {
		l.build(s, limits)
	}
}

// build writes the counters for the given limits: every class counted
// as far as the measures it feeds need, then each measure merged.
func (l *load) build(s card.Sink, limits [3]int) {
	slices.SortStableFunc(l.classes, func(a, b class) int { return cmp.Compare(len(a.in), len(b.in)) })
	counts := make([][]z.Lit, len(l.classes))
	for i, c := range l.classes {
		need := 0
		for m := range 3 {
			if c.amount[m] > 0 && limits[m] > 0 {
				need = max(need, (limits[m]+c.amount[m]-1)/c.amount[m])
			}
		}
		counts[i] = l.cards.Totalizer(s, c.in, min(need, len(c.in)))
	}
	for m := range 3 {
		if limits[m] == 0 {
			continue
		}
		var parts [][]z.Lit
		for i, c := range l.classes {
			a := c.amount[m]
			if a == 0 || len(counts[i]) == 0 {
				continue
			}
			part := make([]z.Lit, 0, min(len(counts[i])*a, limits[m]))
			for _, o := range counts[i] {
				for range a {
					if len(part) < limits[m] {
						part = append(part, o)
					}
				}
			}
			parts = append(parts, part)
		}
		l.out[m] = l.cards.MergeAll(s, parts, limits[m])
	}
	l.limit = limits
}

// atMost returns the literal "measure m is at most n", or z.LitNull when
// it always is.
func (l *load) atMost(s card.Sink, m, n int) z.Lit {
	if n >= l.total[m] {
		return z.LitNull
	}
	return l.ensure(s, m, n+1)[n].Not()
}

// atLeast returns the literal "measure m is at least n", or z.LitNull
// when it always is; false when it never can be.
func (l *load) atLeast(s card.Sink, m, n int) (z.Lit, bool) {
	if n <= 0 {
		return z.LitNull, true
	}
	if n > l.total[m] {
		return z.LitNull, false
	}
	return l.ensure(s, m, n)[n-1], true
}
