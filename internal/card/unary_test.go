package card

import (
	"fmt"
	"testing"

	"github.com/irifrance/gini"
	"github.com/stretchr/testify/require"
)

// TestWeightedTotalizer checks on every assignment of up to 7 weighted
// inputs that each output is forced to "the weights add up to at least
// k+1", in both directions, for limits below, at and above the total.
func TestWeightedTotalizer(t *testing.T) {
	weightSets := [][]int{{1}, {3}, {2, 1}, {1, 1, 1}, {3, 2, 1, 4}, {2, 2, 5, 1, 1}, {1, 3, 0, 2, 2, 1, 4}}
	for _, weights := range weightSets {
		total := 0
		for _, w := range weights {
			total += w
		}
		for _, limit := range []int{1, 2, total / 2, total, total + 3} {
			if limit < 1 {
				continue
			}
			t.Run(fmt.Sprintf("w=%v/limit=%d", weights, limit), func(t *testing.T) {
				g := gini.New()
				in := inputs(g, len(weights))
				out := WeightedTotalizer(g, in, weights, limit)
				require.Len(t, out, min(total, limit))
				for mask := uint(0); mask < 1<<len(in); mask++ {
					sum := weightedSum(weights, mask)
					for k, o := range out {
						for _, flip := range []bool{false, true} {
							assume(g, in, mask)
							want := sum >= k+1
							if flip {
								if want {
									g.Assume(o.Not())
								} else {
									g.Assume(o)
								}
								require.Equal(t, -1, g.Solve(), "inputs %b output %d flipped", mask, k)
								continue
							}
							require.Equal(t, 1, g.Solve(), "inputs %b", mask)
							require.Equal(t, want, g.Value(o), "inputs %b output %d", mask, k)
						}
					}
				}
			})
		}
	}
}
