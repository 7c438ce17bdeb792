package card

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/irifrance/gini"
	"github.com/stretchr/testify/require"
)

// keepsSpans reports whether the assignment mask keeps at most most true
// in every span.
func keepsSpans(mask uint, spans [][2]int, most int) bool {
	for _, sp := range spans {
		n := 0
		for i := sp[0]; i < sp[1]; i++ {
			if mask&(1<<i) != 0 {
				n++
			}
		}
		if n > most {
			return false
		}
	}
	return true
}

// TestSequenceExhaustive checks the encoding on every assignment of
// seeded random sliding windows: satisfiable exactly when every span
// keeps its bound, with the counter's limit at the greedy packing plus
// one and at the number of inputs.
func TestSequenceExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 300 {
		n := 1 + rng.IntN(9)
		width := 1 + rng.IntN(n)
		most := rng.IntN(width + 1)
		var spans [][2]int
		for i := range n {
			spans = append(spans, [2]int{i, min(n, i+width)})
		}
		// The greedy packing: the most any keeping assignment has.
		packed := 0
		for mask := uint(0); mask < 1<<n; mask++ {
			if keepsSpans(mask, spans, most) {
				packed = max(packed, bits.OnesCount(mask))
			}
		}
		for _, limit := range []int{packed + 1, n} {
			label := fmt.Sprintf("trial %d n %d width %d most %d limit %d", trial, n, width, most, limit)
			g := gini.New()
			in := inputs(g, n)
			Sequence(g, g, in, spans, most, limit)
			for mask := uint(0); mask < 1<<n; mask++ {
				assume(g, in, mask)
				want := keepsSpans(mask, spans, most)
				require.Equal(t, want, g.Solve() == 1, "%s inputs %b", label, mask)
			}
		}
	}
}
