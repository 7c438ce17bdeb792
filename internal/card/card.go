package card

import "github.com/irifrance/gini/z"

// Sink receives fresh literals and clauses in gini's style: each literal of
// a clause passed to Add, then Add(z.LitNull) to end it.
type Sink interface {
	Lit() z.Lit
	Add(m z.Lit)
}

// Hinter is a Sink that knows a preferred value for literals, such as a
// heuristic schedule that the SAT search should start from. Encodings make
// each fresh output with the value it has under the preferred inputs, so
// the whole circuit starts consistent with them.
type Hinter interface {
	Sink
	// Hint returns the preferred value of m: +1 true, -1 false, 0 none.
	Hint(m z.Lit) int8
	// HintedLit returns a fresh literal that the solver will first try
	// with the value v.
	HintedLit(v bool) z.Lit
}

// fresh returns a fresh literal, preferring value v when s is a Hinter.
func fresh(s Sink, v bool) z.Lit {
	if h, ok := s.(Hinter); ok {
		return h.HintedLit(v)
	}
	return s.Lit()
}

// hintedCount returns how many of the unary outputs o are preferred true.
func hintedCount(s Sink, o []z.Lit) int {
	h, ok := s.(Hinter)
	if !ok {
		return 0
	}
	n := 0
	for _, m := range o {
		if h.Hint(m) > 0 {
			n++
		}
	}
	return n
}

// Clause adds the clause of ms to s.
func Clause(s Sink, ms ...z.Lit) {
	for _, m := range ms {
		s.Add(m)
	}
	s.Add(z.LitNull)
}

// Totalizer returns unary outputs o for the count of true literals in in:
// o[k] is true exactly when at least k+1 of in are true, for k below
// min(len(in), limit). Outputs beyond the limit are not built, so the
// counter is exact up to limit and says nothing above it.
func Totalizer(s Sink, in []z.Lit, limit int) []z.Lit {
	return Counters{}.Totalizer(s, in, limit)
}

// Merge returns the unary sum of two unary counters a and b (as built by
// Totalizer or Merge), truncated to limit. A counter shorter than limit is
// taken to be complete: its count cannot exceed its length.
func Merge(s Sink, a, b []z.Lit, limit int) []z.Lit {
	return Counters{}.Merge(s, a, b, limit)
}

// Counters builds counters with a chosen split between direct merges and
// merge networks; the zero value uses DefaultDirectMax.
type Counters struct {
	// DirectMax is the largest product of input lengths merged directly;
	// larger merges use an odd-even merge network. Zero means
	// DefaultDirectMax.
	DirectMax int
}

// Totalizer is the package's Totalizer with c's choice of merges.
func (c Counters) Totalizer(s Sink, in []z.Lit, limit int) []z.Lit {
	if limit <= 0 || len(in) == 0 {
		return nil
	}
	if len(in) == 1 {
		return []z.Lit{in[0]}
	}
	mid := len(in) / 2
	return c.Merge(s, c.Totalizer(s, in[:mid], limit), c.Totalizer(s, in[mid:], limit), limit)
}

// Merge is the package's Merge with c's choice of merges.
func (c Counters) Merge(s Sink, a, b []z.Lit, limit int) []z.Lit {
	n := min(len(a)+len(b), limit)
	if n <= 0 {
		return nil
	}
	if len(b) == 0 {
		return a[:min(len(a), n)]
	}
	if len(a) == 0 {
		return b[:min(len(b), n)]
	}
	direct := c.DirectMax
	if direct == 0 {
		direct = DefaultDirectMax
	}
	if min(len(a), n)*min(len(b), n) > direct {
		return oddEvenMerge(s, a, b, n)
	}
	return directMerge(s, a, b, n)
}

// directMerge joins a and b into n outputs with one clause per pair of
// counts in each direction.
func directMerge(s Sink, a, b []z.Lit, n int) []z.Lit {
	out := make([]z.Lit, n)
	hinted := hintedCount(s, a) + hintedCount(s, b)
	for k := range out {
		out[k] = fresh(s, k < hinted)
	}
	// Up: a >= i and b >= j imply out >= i+j.
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			k := i + j
			if k == 0 || k > n {
				continue
			}
			if i > 0 {
				s.Add(a[i-1].Not())
			}
			if j > 0 {
				s.Add(b[j-1].Not())
			}
			s.Add(out[k-1])
			s.Add(z.LitNull)
		}
	}
	// Down: a < i+1 and b < j+1 imply out < i+j+1.
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			k := i + j
			if k >= n {
				continue
			}
			if i < len(a) {
				s.Add(a[i])
			}
			if j < len(b) {
				s.Add(b[j])
			}
			s.Add(out[k].Not())
			s.Add(z.LitNull)
		}
	}
	return out
}

// pairwiseMax is the longest list AtMostOne encodes pairwise: up to here
// the n(n-1)/2 binary clauses are fewer than the ladder's 3n and need no
// extra variables.
const pairwiseMax = 6

// AtMostOne adds clauses that allow at most one of in to be true.
func AtMostOne(s Sink, in []z.Lit) {
	if len(in) <= pairwiseMax {
		for i := range in {
			for j := i + 1; j < len(in); j++ {
				Clause(s, in[i].Not(), in[j].Not())
			}
		}
		return
	}
	// Ladder: y[i] means "one of in[0..i] is true".
	prev := z.LitNull
	for i, x := range in {
		if i == len(in)-1 {
			Clause(s, prev.Not(), x.Not())
			break
		}
		y := s.Lit()
		Clause(s, x.Not(), y)
		if prev != z.LitNull {
			Clause(s, prev.Not(), y)
			Clause(s, prev.Not(), x.Not())
		}
		prev = y
	}
}

// AtMost adds clauses that allow at most k of in to be true.
func AtMost(s Sink, in []z.Lit, k int) {
	switch {
	case k >= len(in):
		return
	case k < 0:
		False(s)
	case k == 0:
		for _, x := range in {
			Clause(s, x.Not())
		}
	case k == 1:
		AtMostOne(s, in)
	default:
		o := Totalizer(s, in, k+1)
		Clause(s, o[k].Not())
	}
}

// False adds an unsatisfiable pair of unit clauses over a fresh variable:
// gini is never handed an empty clause.
func False(s Sink) {
	m := s.Lit()
	Clause(s, m)
	Clause(s, m.Not())
}
