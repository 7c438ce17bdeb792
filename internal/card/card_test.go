package card

import (
	"fmt"
	"math/bits"
	"testing"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/z"
	"github.com/stretchr/testify/require"
)

// requireCounts checks, on every assignment of the inputs, that each
// output o[k] is true exactly when at least k+1 inputs are; with refute it
// also checks that the opposite value of each output is refuted, so the
// outputs are forced in both directions.
func requireCounts(t *testing.T, g *gini.Gini, in, out []z.Lit, refute bool, label string) {
	t.Helper()
	for mask := uint(0); mask < 1<<len(in); mask++ {
		count := bits.OnesCount(mask)
		assume(g, in, mask)
		require.Equal(t, 1, g.Solve(), "%s inputs %b", label, mask)
		for k, o := range out {
			require.Equal(t, count >= k+1, g.Value(o), "%s inputs %b output %d", label, mask, k)
		}
		if !refute {
			continue
		}
		for k, o := range out {
			assume(g, in, mask)
			if count >= k+1 {
				g.Assume(o.Not())
			} else {
				g.Assume(o)
			}
			require.Equal(t, -1, g.Solve(), "%s inputs %b output %d flipped", label, mask, k)
		}
	}
}

// inputs makes n fresh input literals.
func inputs(g *gini.Gini, n int) []z.Lit {
	in := make([]z.Lit, n)
	for i := range in {
		in[i] = g.Lit()
	}
	return in
}

// assume fixes the inputs to the bits of mask.
func assume(g *gini.Gini, in []z.Lit, mask uint) {
	for i, m := range in {
		if mask&(1<<i) != 0 {
			g.Assume(m)
		} else {
			g.Assume(m.Not())
		}
	}
}

// TestTotalizerCounts checks on every input up to 10 literals that each
// output is forced to "at least k+1 true", in both directions.
func TestTotalizerCounts(t *testing.T) {
	for n := 1; n <= 10; n++ {
		for _, limit := range []int{1, 2, 3, n / 2, n, n + 2} {
			if limit < 1 {
				continue
			}
			t.Run(fmt.Sprintf("n=%d/limit=%d", n, limit), func(t *testing.T) {
				g := gini.New()
				in := inputs(g, n)
				out := Totalizer(g, in, limit)
				require.Len(t, out, min(n, limit))
				requireCounts(t, g, in, out, n <= 8, "")
			})
		}
	}
}

func TestAtMost(t *testing.T) {
	for n := 1; n <= 10; n++ {
		for k := -1; k <= n; k++ {
			t.Run(fmt.Sprintf("n=%d/k=%d", n, k), func(t *testing.T) {
				g := gini.New()
				in := inputs(g, n)
				// A guard keeps the formula satisfiable without assumptions
				// even for k = -1, so repeated solves stay safe (gini defect #1, internal/engine).
				guard := g.Lit()
				AtMost(guardSink{g, guard}, in, k)
				for mask := uint(0); mask < 1<<n; mask++ {
					assume(g, in, mask)
					g.Assume(guard)
					want := -1
					if bits.OnesCount(mask) <= k {
						want = 1
					}
					require.Equal(t, want, g.Solve(), "inputs %b", mask)
				}
			})
		}
	}
}

// guardSink appends ¬guard to every clause.
type guardSink struct {
	g     *gini.Gini
	guard z.Lit
}

func (s guardSink) Lit() z.Lit { return s.g.Lit() }
func (s guardSink) Add(m z.Lit) {
	if m == z.LitNull {
		s.g.Add(s.guard.Not())
	}
	s.g.Add(m)
}

// TestMergeOfCounters checks that merging two totalizers counts the union.
func TestMergeOfCounters(t *testing.T) {
	for n := 2; n <= 9; n++ {
		for _, limit := range []int{1, 2, n - 1, n} {
			g := gini.New()
			in := inputs(g, n)
			a := Totalizer(g, in[:n/2], limit)
			b := Totalizer(g, in[n/2:], limit)
			out := Merge(g, a, b, limit)
			requireCounts(t, g, in, out, false, fmt.Sprintf("n=%d limit=%d", n, limit))
		}
	}
}

// clauseCounter counts what an encoding writes.
type clauseCounter struct{ vars, clauses int }

func (c *clauseCounter) Lit() z.Lit { c.vars++; return z.Var(c.vars).Pos() }
func (c *clauseCounter) Add(m z.Lit) {
	if m == z.LitNull {
		c.clauses++
	}
}

// TestTruncationBoundsSize pins the size advantage of the limit: a
// totalizer over 100 inputs truncated at 5 is several times smaller than a full one (1,529 against 6,494 clauses,
// the full one merging by networks above DefaultDirectMax).
func TestTruncationBoundsSize(t *testing.T) {
	var full, cut clauseCounter
	full.vars, cut.vars = 100, 100
	in := make([]z.Lit, 100)
	for i := range in {
		in[i] = z.Var(i + 1).Pos()
	}
	Totalizer(&full, in, 100)
	Totalizer(&cut, in, 5)
	require.Less(t, cut.clauses*4, full.clauses)
}

// TestOddEvenMerge checks the merge network on every input of two sorted
// counters up to ten literals in all, for every limit: each output equals
// "at least k+1 true", in both directions.
func TestOddEvenMerge(t *testing.T) {
	for n := 2; n <= 10; n++ {
		for na := 1; na < n; na++ {
			for limit := 1; limit <= n; limit++ {
				g := gini.New()
				in := inputs(g, n)
				a := Totalizer(g, in[:na], na)
				b := Totalizer(g, in[na:], n-na)
				out := oddEvenMerge(g, a, b, limit)
				require.Len(t, out, min(n, limit))
				requireCounts(t, g, in, out, n <= 7, fmt.Sprintf("n=%d na=%d limit=%d", n, na, limit))
			}
		}
	}
}

// TestLargeMergeCounts checks, by random inputs, a merge large enough to
// use the network inside Merge (40 x 30 inputs, truncated at 25).
func TestLargeMergeCounts(t *testing.T) {
	g := gini.New()
	in := inputs(g, 70)
	out := Merge(g, Totalizer(g, in[:40], 25), Totalizer(g, in[40:], 25), 25)
	require.Len(t, out, 25)
	rng := uint64(12345)
	for range 300 {
		count := 0
		for _, m := range in {
			rng = rng*6364136223846793005 + 1442695040888963407
			if rng>>63 == 1 && rng>>62&1 == 1 { // about one in four
				g.Assume(m)
				count++
			} else {
				g.Assume(m.Not())
			}
		}
		require.Equal(t, 1, g.Solve())
		for k, o := range out {
			require.Equal(t, count >= k+1, g.Value(o), "count %d output %d", count, k)
		}
	}
}

// TestNetworkTotalizer checks counters built from networks only, on every
// input up to nine literals.
func TestNetworkTotalizer(t *testing.T) {
	c := Counters{DirectMax: 1}
	for n := 1; n <= 9; n++ {
		for _, limit := range []int{1, 2, n / 2, n - 1, n} {
			if limit < 1 {
				continue
			}
			g := gini.New()
			in := inputs(g, n)
			out := c.Totalizer(g, in, limit)
			require.Len(t, out, min(n, limit))
			requireCounts(t, g, in, out, false, fmt.Sprintf("n=%d limit=%d", n, limit))
		}
	}
}
