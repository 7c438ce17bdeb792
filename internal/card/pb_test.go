package card

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/z"
	"github.com/stretchr/testify/require"
)

// weightedSum returns the weight of the inputs set in mask.
func weightedSum(weights []int, mask uint) int {
	sum := 0
	for i, w := range weights {
		if mask&(1<<i) != 0 {
			sum += w
		}
	}
	return sum
}

// TestGeneralizedTotalizer checks, on every assignment of up to eight
// inputs with seeded random weights, that each output is forced true when
// the sum reaches its value, and may be false when it does not.
func TestGeneralizedTotalizer(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for n := 1; n <= 8; n++ {
		for trial := range 4 {
			weights := make([]int, n)
			total := 0
			for i := range weights {
				weights[i] = rng.IntN(6) // zero weights are left out
				total += weights[i]
			}
			for _, limit := range []int{0, 1, total / 2, total, total + 3} {
				t.Run(fmt.Sprintf("n=%d/trial=%d/limit=%d", n, trial, limit), func(t *testing.T) {
					g := gini.New()
					in := inputs(g, n)
					w := GeneralizedTotalizer(g, in, weights, limit)
					require.Len(t, w.Out, len(w.Values))
					for i := 1; i < len(w.Values); i++ {
						require.Less(t, w.Values[i-1], w.Values[i])
					}
					for mask := uint(0); mask < 1<<n; mask++ {
						sum := min(weightedSum(weights, mask), limit+1)
						for i, v := range w.Values {
							assume(g, in, mask)
							g.Assume(w.Out[i].Not())
							want := 1
							if sum >= v {
								want = -1 // forced true
							}
							require.Equal(t, want, g.Solve(), "weights %v inputs %b value %d", weights, mask, v)
						}
					}
				})
			}
		}
	}
}

// TestWeightedAtMost checks the bound on every assignment: satisfiable
// exactly when the weighted sum is at most k.
func TestWeightedAtMost(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for n := 1; n <= 8; n++ {
		weights := make([]int, n)
		total := 0
		for i := range weights {
			weights[i] = 1 + rng.IntN(7)
			total += weights[i]
		}
		for k := -1; k <= total; k++ {
			g := gini.New()
			in := inputs(g, n)
			guard := g.Lit()
			WeightedAtMost(guardSink{g, guard}, in, weights, k)
			for mask := uint(0); mask < 1<<n; mask++ {
				assume(g, in, mask)
				g.Assume(guard)
				want := -1
				if weightedSum(weights, mask) <= k {
					want = 1
				}
				require.Equal(t, want, g.Solve(), "weights %v k %d inputs %b", weights, k, mask)
			}
		}
	}
}

// TestGeneralizedTotalizerSize pins the bound that makes the encoding
// usable on rotas: with limit L a node has at most L+1 outputs, so 200
// inputs of weights 1 to 5 below limit 30 stay far below the quadratic
// size of a unary totalizer over every unit of weight.
func TestGeneralizedTotalizerSize(t *testing.T) {
	var c clauseCounter
	c.vars = 200
	in := inputs200()
	weights := make([]int, len(in))
	for i := range weights {
		weights[i] = 1 + i%5
	}
	w := GeneralizedTotalizer(&c, in, weights, 30)
	require.LessOrEqual(t, len(w.Values), 31)
	require.Less(t, c.clauses, 200*31*31/2)
}

func inputs200() []z.Lit {
	in := make([]z.Lit, 200)
	for i := range in {
		in[i] = z.Var(i + 1).Pos()
	}
	return in
}
