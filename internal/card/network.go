package card

import "github.com/irifrance/gini/z"

// DefaultDirectMax is the largest product of input lengths that Merge joins
// directly, with one clause per pair of counts; above it an odd-even
// merge network is smaller (about 3(a+b)log2(a+b) clauses against 2ab),
// but measured on rotas the direct merge helps the search so much that it
// pays until memory forbids it: 500 staff x 52 Fridays took 10.1 s with
// direct merges only, 16.3 s with networks above 64x64 and over 120 s
// with networks above 16x16. Only offices of thousands reach this size.
const DefaultDirectMax = 128 * 128

// oddEvenMerge joins two unary counters with Batcher's odd-even merge,
// keeping only the comparators the first limit outputs depend on (the
// simplified merge of Asín, Nieuwenhuis, Oliveras and Rodríguez-Carbonell,
// "Cardinality Networks", Constraints 2011). Inputs of any length work:
// the odd and even halves differ by at most two, and one layer of
// comparators sorts their interleaving (the 0-1 principle).
func oddEvenMerge(s Sink, a, b []z.Lit, limit int) []z.Lit {
	a, b = a[:min(len(a), limit)], b[:min(len(b), limit)]
	switch {
	case limit <= 0:
		return nil
	case len(a) == 0:
		return b
	case len(b) == 0:
		return a
	case len(a) == 1 && len(b) == 1:
		if limit == 1 {
			return []z.Lit{or(s, a[0], b[0])}
		}
		return []z.Lit{or(s, a[0], b[0]), and(s, a[0], b[0])}
	}
	v := oddEvenMerge(s, alternate(a, 0), alternate(b, 0), limit/2+1)
	w := oddEvenMerge(s, alternate(a, 1), alternate(b, 1), limit/2)
	out := []z.Lit{v[0]}
	for i := 0; len(out) < limit; i++ {
		switch {
		case i+1 < len(v) && i < len(w):
			out = append(out, or(s, v[i+1], w[i]))
			if len(out) < limit {
				out = append(out, and(s, v[i+1], w[i]))
			}
		case i+1 < len(v):
			out = append(out, v[i+1])
		case i < len(w):
			out = append(out, w[i])
		default:
			return out
		}
	}
	return out
}

// alternate returns the elements of a at positions from, from+2, ...
func alternate(a []z.Lit, from int) []z.Lit {
	var out []z.Lit
	for i := from; i < len(a); i += 2 {
		out = append(out, a[i])
	}
	return out
}

// or returns a fresh y with y ⇔ a ∨ b: the upper output of a comparator.
func or(s Sink, a, b z.Lit) z.Lit {
	y := fresh(s, hinted(s, a) || hinted(s, b))
	Clause(s, a.Not(), y)
	Clause(s, b.Not(), y)
	Clause(s, y.Not(), a, b)
	return y
}

// and returns a fresh y with y ⇔ a ∧ b: the lower output of a comparator.
func and(s Sink, a, b z.Lit) z.Lit {
	y := fresh(s, hinted(s, a) && hinted(s, b))
	Clause(s, a.Not(), b.Not(), y)
	Clause(s, y.Not(), a)
	Clause(s, y.Not(), b)
	return y
}

// hinted reports whether m is preferred true by a Hinter sink.
func hinted(s Sink, m z.Lit) bool {
	h, ok := s.(Hinter)
	return ok && h.Hint(m) > 0
}
