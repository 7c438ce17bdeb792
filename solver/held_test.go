package solver

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/stretchr/testify/require"
)

// TestHeldCounters checks the counters over held rows against counting:
// groups of inputs, each held on, held off or free, counted by totalizer,
// merged pairwise and as a tree, with a small and a large direct-merge
// threshold; for every assignment of the free inputs, output k is true
// exactly when at least k+1 inputs are, up to the limit.
func TestHeldCounters(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for trial := range 300 {
		ses := engine.New(0, 0)
		e := &encoding{ses: ses, litMapping: litMapping{top: ses.Lit()}}
		card.Clause(ses, e.top)
		c := card.Counters{DirectMax: []int{1, 256}[rng.IntN(2)]}
		var free []z.Lit
		held := 0
		groups := make([][]z.Lit, 1+rng.IntN(4))
		for g := range groups {
			for range rng.IntN(5) {
				switch rng.IntN(3) {
				case 0:
					groups[g] = append(groups[g], e.top)
					held++
				case 1:
					groups[g] = append(groups[g], e.top.Not())
				default:
					m := ses.Lit()
					free = append(free, m)
					groups[g] = append(groups[g], m)
				}
			}
		}
		limit := 1 + rng.IntN(8)
		counts := make([][]z.Lit, len(groups))
		for g, ms := range groups {
			counts[g] = e.totalizer(c, ms, limit)
		}
		var o []z.Lit
		if rng.IntN(2) == 0 {
			o = e.mergeAll(c, counts, limit)
		} else {
			for _, cg := range counts {
				o = e.merge(c, o, cg, limit)
			}
		}
		require.Len(t, o, min(held+len(free), limit), "trial %d: a held day off counts, or a duty is lost", trial)
		for mask := 0; mask < 1<<len(free); mask++ {
			assume, n := []z.Lit{}, held
			for i, m := range free {
				if mask&(1<<i) != 0 {
					assume = append(assume, m)
					n++
				} else {
					assume = append(assume, m.Not())
				}
			}
			out, err := ses.Solve(context.Background(), assume)
			require.NoError(t, err)
			require.Equal(t, engine.Sat, out, "trial %d", trial)
			for k, m := range o {
				require.Equal(t, n >= k+1, ses.Value(m), "trial %d mask %b: output %d of count %d", trial, mask, k, n)
			}
		}
	}
}
