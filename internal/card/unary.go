package card

import "github.com/irifrance/gini/z"

// WeightedTotalizer returns unary outputs o for the weighted sum of the
// true literals of in: o[k] is true exactly when the weights of the true
// inputs add up to at least k+1, for k below min(total weight, limit),
// forced in both directions. A literal of weight w enters as the unary
// number "w copies of itself", a sorted vector that needs no clauses, and
// the copies are merged like the inputs of a [Totalizer].
//
// Unlike [GeneralizedTotalizer], which forces its outputs one way only and
// so bounds a sum from above, this counter bounds from below too, which a
// fair share needs ("at least Low-d points"). Its size grows with the
// total weight up to the limit, not with the number of distinct sums: use
// it for small weights, as case complexity points are. Weights below 1
// are left out.
func WeightedTotalizer(s Sink, in []z.Lit, weights []int, limit int) []z.Lit {
	return Counters{}.WeightedTotalizer(s, in, weights, limit)
}

// WeightedTotalizer is the package's WeightedTotalizer with c's choice of
// merges.
func (c Counters) WeightedTotalizer(s Sink, in []z.Lit, weights []int, limit int) []z.Lit {
	if limit <= 0 {
		return nil
	}
	var leaves [][]z.Lit
	for i, m := range in {
		w := min(weights[i], limit)
		if w < 1 {
			continue
		}
		leaf := make([]z.Lit, w)
		for j := range leaf {
			leaf[j] = m
		}
		leaves = append(leaves, leaf)
	}
	return c.MergeAll(s, leaves, limit)
}

// MergeAll merges unary counters (each sorted: "at least 1", "at least
// 2", ..., complete unless as long as the limit) into one truncated at
// limit, as a balanced tree so that every input passes through about
// log2(len(cs)) merges. A counter may repeat a literal, as a count of
// items worth several units each does.
func (c Counters) MergeAll(s Sink, cs [][]z.Lit, limit int) []z.Lit {
	switch len(cs) {
	case 0:
		return nil
	case 1:
		return cs[0][:min(len(cs[0]), limit)]
	}
	mid := len(cs) / 2
	return c.Merge(s, c.MergeAll(s, cs[:mid], limit), c.MergeAll(s, cs[mid:], limit), limit)
}
