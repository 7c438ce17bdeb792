package card

import (
	"slices"

	"github.com/irifrance/gini/z"
)

// Weighted is the output of a generalised totalizer: Out[i] is forced
// true whenever the weights of the true inputs add up to Values[i] or
// more. Values rise strictly; a sum above the limit the counter was built
// for counts as limit+1, so the last value may be limit+1.
//
// The outputs are forced in one direction only (inputs to outputs), which
// is all an upper bound needs: "the sum is at most k" is the negation of
// the output for the least value above k, see [Weighted.AtMost]. Inside
// the tree a node's output stands for the sums its inputs reach exactly;
// only the root's are chained (each implies the one below), which makes
// them "at least" outputs.
type Weighted struct {
	Values []int
	Out    []z.Lit
}

// AtMost returns the literal that, when true, keeps the weighted sum at or
// below k, or z.LitNull when no sum the counter can see exceeds k (the
// bound then holds without a literal). k must be at most the limit the
// counter was built with.
func (w Weighted) AtMost(k int) z.Lit {
	i, _ := slices.BinarySearch(w.Values, k+1)
	if i == len(w.Values) {
		return z.LitNull
	}
	return w.Out[i].Not()
}

// GeneralizedTotalizer counts the weighted sum of the true literals of in
// up to limit (Joshi, Martins and Manquinho, "Generalized totalizer
// encoding for pseudo-Boolean constraints", CP 2015). Each node of the
// tree keeps one output per distinct sum its inputs can reach, sums above
// limit merged into limit+1, so a node has at most limit+1 outputs and a
// merge at most (limit+1)^2 clauses. Weights must be positive; zero
// weights are left out.
func GeneralizedTotalizer(s Sink, in []z.Lit, weights []int, limit int) Weighted {
	var leaves []Weighted
	for i, m := range in {
		if weights[i] > 0 {
			leaves = append(leaves, Weighted{Values: []int{min(weights[i], limit+1)}, Out: []z.Lit{m}})
		}
	}
	if len(leaves) == 0 || limit < 0 {
		return Weighted{}
	}
	root := gtMerge(s, leaves, limit)
	for i := 1; i < len(root.Out); i++ {
		Clause(s, root.Out[i].Not(), root.Out[i-1])
	}
	return root
}

func gtMerge(s Sink, nodes []Weighted, limit int) Weighted {
	if len(nodes) == 1 {
		return nodes[0]
	}
	mid := len(nodes) / 2
	a, b := gtMerge(s, nodes[:mid], limit), gtMerge(s, nodes[mid:], limit)
	hintA, hintB := weightedHint(s, a), weightedHint(s, b)
	// The sums this node can reach: each side alone, and every pair.
	values := append(slices.Clone(a.Values), b.Values...)
	for _, x := range a.Values {
		for _, y := range b.Values {
			values = append(values, min(x+y, limit+1))
		}
	}
	slices.Sort(values)
	values = slices.Compact(values)
	out := Weighted{Values: values, Out: make([]z.Lit, len(values))}
	for i, v := range values {
		out.Out[i] = fresh(s, hintA+hintB >= v)
	}
	at := func(v int) z.Lit {
		i, _ := slices.BinarySearch(values, v)
		return out.Out[i]
	}
	for i, x := range a.Values {
		Clause(s, a.Out[i].Not(), at(x))
	}
	for j, y := range b.Values {
		Clause(s, b.Out[j].Not(), at(y))
	}
	for i, x := range a.Values {
		for j, y := range b.Values {
			Clause(s, a.Out[i].Not(), b.Out[j].Not(), at(min(x+y, limit+1)))
		}
	}
	return out
}

// weightedHint returns the largest value of w whose output is preferred
// true by a Hinter sink, 0 when none is.
func weightedHint(s Sink, w Weighted) int {
	best := 0
	for i, m := range w.Out {
		if hinted(s, m) {
			best = max(best, w.Values[i])
		}
	}
	return best
}

// WeightedAtMost adds clauses that keep the weighted sum of the true
// literals of in at or below k. A negative k allows no assignment.
func WeightedAtMost(s Sink, in []z.Lit, weights []int, k int) {
	if k < 0 {
		False(s)
		return
	}
	if m := GeneralizedTotalizer(s, in, weights, k).AtMost(k); m != z.LitNull {
		Clause(s, m)
	}
}
