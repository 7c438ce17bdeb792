package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// Counters over held rows. A held person's duty is the constant e.top,
// their day off its negation (lits.go); a counter over k of them and some free literals is k copies
// of e.top followed by the counter of the free ones, to k fewer. Every
// counter of the encoding goes through these three, so a counter's held
// part is always a prefix of e.top, and a merge of two counters adds
// their prefixes and merges the rest. With no row held they are the card
// package's own.

// totalizer counts ms to limit through c.
func (e *encoding) totalizer(c card.Counters, ms []z.Lit, limit int) []z.Lit {
	if e.top == z.LitNull {
		return c.Totalizer(e.ses, ms, limit)
	}
	k, free := 0, make([]z.Lit, 0, len(ms))
	for _, m := range ms {
		switch m {
		case e.top:
			k++
		case e.top.Not(): // a held day off counts nothing
		default:
			free = append(free, m)
		}
	}
	return e.heldPrefix(k, limit, func(rest int) []z.Lit { return c.Totalizer(e.ses, free, rest) })
}

// merge adds the counters a and b to limit through c.
func (e *encoding) merge(c card.Counters, a, b []z.Lit, limit int) []z.Lit {
	if e.top == z.LitNull {
		return c.Merge(e.ses, a, b, limit)
	}
	ka, kb := e.held(a), e.held(b)
	return e.heldPrefix(ka+kb, limit, func(rest int) []z.Lit { return c.Merge(e.ses, a[ka:], b[kb:], rest) })
}

// mergeAll adds the counters cs to limit through c.
func (e *encoding) mergeAll(c card.Counters, cs [][]z.Lit, limit int) []z.Lit {
	if e.top == z.LitNull {
		return c.MergeAll(e.ses, cs, limit)
	}
	k, rests := 0, make([][]z.Lit, 0, len(cs))
	for _, o := range cs {
		h := e.held(o)
		k += h
		if h < len(o) {
			rests = append(rests, o[h:])
		}
	}
	return e.heldPrefix(k, limit, func(rest int) []z.Lit { return c.MergeAll(e.ses, rests, rest) })
}

// held returns the length of the prefix of e.top in the counter o.
func (e *encoding) held(o []z.Lit) int {
	k := 0
	for k < len(o) && o[k] == e.top {
		k++
	}
	return k
}

// heldPrefix returns k copies of e.top, then the counter of the free
// part to the rest of limit, all truncated at limit.
func (e *encoding) heldPrefix(k, limit int, free func(rest int) []z.Lit) []z.Lit {
	if limit <= 0 {
		return nil
	}
	o := make([]z.Lit, 0, limit)
	for range min(k, limit) {
		o = append(o, e.top)
	}
	if k < limit {
		o = append(o, free(limit-k)...)
	}
	return o
}
