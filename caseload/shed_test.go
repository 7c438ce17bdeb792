package caseload

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFewestToShed compares the dynamic programme with every subset of
// up to 10 units.
func TestFewestToShed(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		n := 1 + r.IntN(10)
		units, sizes := make([][]int, n), make([]int, n)
		var total [3]int
		for i := range units {
			sizes[i] = 1 + r.IntN(2)
			units[i] = make([]int, 3)
			for m := range 3 {
				units[i][m] = r.IntN(3)
				total[m] += units[i][m]
			}
		}
		excess := make([]int, 3)
		for m := range 3 {
			excess[m] = r.IntN(total[m] + 1)
		}
		best := -1
		for mask := 0; mask < 1<<n; mask++ {
			var got [3]int
			k := 0
			for i := range units {
				if mask&(1<<i) != 0 {
					k += sizes[i]
					for m := range 3 {
						got[m] += units[i][m]
					}
				}
			}
			if got[0] >= excess[0] && got[1] >= excess[1] && got[2] >= excess[2] && (best < 0 || k < best) {
				best = k
			}
		}
		out, k, exact := fewestToShed(units, sizes, excess)
		require.True(t, exact)
		require.Equal(t, best, k, "units %v sizes %v excess %v", units, sizes, excess)
		var got [3]int
		cases := 0
		for _, i := range out {
			cases += sizes[i]
			for m := range 3 {
				got[m] += units[i][m]
			}
		}
		require.Equal(t, k, cases)
		for m := range 3 {
			require.GreaterOrEqual(t, got[m], excess[m])
		}
	}
}
