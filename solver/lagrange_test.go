package solver

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPersonDPAgainstEnumeration checks each person's subproblem, the
// heart of the request bound, against every subset of the free dates:
// the same least cost, and a choice that keeps the count, the spacing
// and the pins and costs exactly that.
func TestPersonDPAgainstEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 2000 {
		F, day, spacing, prev, dates, pinned := randomDates(rng, 4, 4, 8)
		lo := rng.IntN(3)
		hi := lo + rng.IntN(3)
		p := newPersonDP(dates, pinned, lo, hi, prev)
		for i := range p.cost {
			p.cost[i] = float64(rng.IntN(7)-3) + 0.25*float64(rng.IntN(3))
		}
		checkAgainstSubsets(t, &p, F, day, spacing, func(int) bool { return true }, fmt.Sprintf("trial %d", trial))
	}
}

// checkAgainstSubsets solves p and checks it against every subset of its
// free dates that keeps the count, the spacing, the pins and also: the
// same least cost, and a choice among them that costs exactly that.
func checkAgainstSubsets(t *testing.T, p *personDP, F int, day []int, spacing int, also func(mask int) bool, what string) {
	t.Helper()
	want, feasible := math.Inf(1), false
	for mask := 0; mask < 1<<len(p.dates); mask++ {
		if c, ok := subsetCost(*p, day, spacing, mask); ok && also(mask) {
			feasible = true
			want = min(want, c)
		}
	}
	take := make([]bool, F)
	got, ok := p.solve(take)
	require.Equal(t, feasible, ok, what)
	if !ok {
		return
	}
	require.InDelta(t, want, got, 1e-9, what)
	mask := 0
	for i, f := range p.dates {
		if take[f] {
			mask |= 1 << i
		}
	}
	c, ok := subsetCost(*p, day, spacing, mask)
	require.True(t, ok && also(mask), "%s: the choice breaks a rule", what)
	require.InDelta(t, got, c, 1e-9, "%s: the choice costs other than reported", what)
}

// randomDates draws up to ten dates a week or two apart, a spacing of 0
// to spacings-1 weeks with its prev table, the free dates (each with odds
// 1-1/free) and pins among them (odds 1/pin).
func randomDates(rng *rand.Rand, spacings, free, pin int) (F int, day []int, spacing int, prev, dates []int, pinned []bool) {
	F = 1 + rng.IntN(10)
	day = make([]int, F)
	for f := 1; f < F; f++ {
		day[f] = day[f-1] + 7*(1+rng.IntN(2))
	}
	spacing = 7 * rng.IntN(spacings)
	prev = make([]int, F)
	for f := range F {
		for prev[f] < f && day[f]-day[prev[f]] >= spacing {
			prev[f]++
		}
	}
	for f := range F {
		if rng.IntN(free) > 0 {
			dates = append(dates, f)
			pinned = append(pinned, rng.IntN(pin) == 0)
		}
	}
	return F, day, spacing, prev, dates, pinned
}

// subsetCost returns the cost of the free dates in mask, and whether they
// keep the count bounds, the spacing and the pins.
func subsetCost(p personDP, day []int, spacing, mask int) (float64, bool) {
	n, c, last := 0, 0.0, -1
	for i, f := range p.dates {
		in := mask&(1<<i) != 0
		if p.pinned[i] && !in {
			return 0, false
		}
		if !in {
			continue
		}
		if last >= 0 && day[f]-day[last] < spacing {
			return 0, false
		}
		n, c, last = n+1, c+p.cost[i], f
	}
	return c, n >= p.lo && n <= p.hi
}

// TestPersonDPGapAgainstEnumeration is TestPersonDPAgainstEnumeration
// with the longest gap: random runs of dates (in the order gapRuns gives
// them, starts and ends both rising), each of which the choice must hold
// a duty in.
func TestPersonDPGapAgainstEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	for trial := range 3000 {
		F, day, spacing, prev, dates, pinned := randomDates(rng, 3, 5, 10)
		var runs [][2]int
		end := 0
		for a := 0; a < F; a++ {
			if rng.IntN(3) == 0 {
				end = max(end, a+rng.IntN(4))
				if end < F {
					runs = append(runs, [2]int{a, end})
				}
			}
		}
		lo := rng.IntN(3)
		hi := lo + rng.IntN(4)
		p := newPersonDP(dates, pinned, lo, hi, prev)
		p.setGap(runs)
		for i := range p.cost {
			p.cost[i] = float64(rng.IntN(7)-3) + 0.25*float64(rng.IntN(3))
		}
		covers := func(mask int) bool {
			for _, r := range runs {
				held := false
				for i, f := range dates {
					held = held || mask&(1<<i) != 0 && f >= r[0] && f <= r[1]
				}
				if !held {
					return false
				}
			}
			return true
		}
		checkAgainstSubsets(t, &p, F, day, spacing, covers, fmt.Sprintf("trial %d: runs %v dates %v", trial, runs, dates))
	}
}
