package card

import "github.com/irifrance/gini/z"

// Sequence keeps at most most of in true within each span, a span being
// the half-open range [from, to) of positions in in: the sliding-window
// rule "at most k duties in any 26 weeks" over a person's dates in order.
//
// It is the partial-sums encoding of the Sequence constraint (Brand,
// Narodytska, Quimper, Stuckey and Walsh, "Encodings of the Sequence
// Constraint", CP 2007): one sequential counter along in, r[i][k] "at
// least k+1 of in[0..i] are true", written through defs, and for each
// span and each count c before it the clause "not c+most+1 at its end
// unless c+1 before its start", written through hard. One counter serves
// every span, so a duty early in the period propagates to every window
// it lies in, where a counter per span sees only its own.
//
// The counter counts to limit, which must exceed the most true literals
// any assignment keeping the spans can have (the greedy packing of the
// spans is that number); then the encoding is exact: the earliest span an
// assignment breaks ends where the count is at most limit.
func Sequence(defs, hard Sink, in []z.Lit, spans [][2]int, most, limit int) {
	if most < 0 {
		False(hard)
		return
	}
	n := len(in)
	limit = min(limit, n)
	r := make([][]z.Lit, n)
	for i, x := range in {
		width := min(i+1, limit)
		r[i] = make([]z.Lit, width)
		for k := range width {
			m := defs.Lit()
			r[i][k] = m
			// at least k+1 of in[0..i] <- at least k+1 of in[0..i-1],
			// or at least k of them and x; and back.
			var prev, prevLess z.Lit // r[i-1][k], r[i-1][k-1]; null: false, true
			hasPrev := i > 0 && k < len(r[i-1])
			if hasPrev {
				prev = r[i-1][k]
				Clause(defs, prev.Not(), m)
			}
			switch {
			case k == 0:
				Clause(defs, x.Not(), m)
			case i > 0 && k-1 < len(r[i-1]):
				prevLess = r[i-1][k-1]
				Clause(defs, prevLess.Not(), x.Not(), m)
			}
			// m -> prev or x
			if hasPrev {
				Clause(defs, m.Not(), prev, x)
			} else {
				Clause(defs, m.Not(), x)
			}
			// m -> prev or prevLess (for k >= 1)
			if k >= 1 {
				switch {
				case prevLess == z.LitNull:
					Clause(defs, m.Not()) // fewer than k+1 inputs so far
				case hasPrev:
					Clause(defs, m.Not(), prev, prevLess)
				default:
					Clause(defs, m.Not(), prevLess)
				}
			}
		}
	}
	at := func(i, k int) z.Lit { // r[i][k], or null where it cannot hold
		if i < 0 || k >= len(r[i]) {
			return z.LitNull
		}
		return r[i][k]
	}
	for _, sp := range spans {
		from, to := sp[0], sp[1]
		if to-from <= most {
			continue
		}
		end := to - 1
		// c true before the span, c = 0 up to what the counter holds:
		// at least c+most+1 at its end needs at least c+1 before it.
		for c := 0; c+most < len(r[end]); c++ {
			over := at(end, c+most)
			// Before a span starting at from, fewer than c+1 can be true
			// when c >= from: there is no such output.
			if before := at(from-1, c); before == z.LitNull {
				Clause(hard, over.Not())
			} else {
				Clause(hard, over.Not(), before)
			}
		}
	}
}
