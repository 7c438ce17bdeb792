package solver

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// TestCheapestWithinAgainstEnumeration compares the flow's cheapest
// choice with every subset of up to 11 dates under random intervals with
// lower and upper bounds, infeasible ones included.
func TestCheapestWithinAgainstEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	infeasible := 0
	for trial := range 4000 {
		n := rng.IntN(12)
		cost := make([]int64, n)
		for i := range cost {
			cost[i] = int64(rng.IntN(11) - 5)
		}
		var rules []interval
		for range rng.IntN(6) {
			a := rng.IntN(n + 1)
			b := a + rng.IntN(n-a+1)
			r := interval{a, b, 0, -1}
			switch rng.IntN(3) {
			case 0:
				r.least = rng.IntN(3)
			case 1:
				r.most = rng.IntN(3)
			default:
				r.least = rng.IntN(2)
				r.most = r.least + rng.IntN(2)
			}
			rules = append(rules, r)
		}
		best, found := int64(math.MaxInt64), false
		for mask := range 1 << n {
			keeps := true
			for _, r := range rules {
				c := 0
				for i := r.a; i < r.b; i++ {
					if mask&(1<<i) != 0 {
						c++
					}
				}
				keeps = keeps && c >= r.least && (r.most < 0 || c <= r.most)
			}
			if !keeps {
				continue
			}
			v := int64(0)
			for i := range n {
				if mask&(1<<i) != 0 {
					v += cost[i]
				}
			}
			best, found = min(best, v), true
		}
		take, value, ok := cheapestWithin(n, cost, rules)
		where := fmt.Sprintf("trial %d: n %d costs %v rules %v", trial, n, cost, rules)
		require.Equal(t, found, ok, where)
		if !found {
			infeasible++
			continue
		}
		require.Equal(t, best, value, where)
		sum := int64(0)
		for i, v := range take {
			if v {
				sum += cost[i]
			}
		}
		require.Equal(t, value, sum, where)
		for _, r := range rules {
			c := 0
			for i := r.a; i < r.b; i++ {
				if take[i] {
					c++
				}
			}
			require.True(t, c >= r.least && (r.most < 0 || c <= r.most), "%s: the choice breaks %v", where, r)
		}
	}
	require.Greater(t, infeasible, 100, "the trials must include rules that clash")
}

// TestOwnLeastAgainstThePersonProgram checks how ownLeast reads a
// person's rules off the instance: without windows it must find the
// person program's least (which keeps the spacing, the gap, the pins and
// the counts exactly), and with windows a set that keeps every rule of
// the person (their instances' breach), at no less.
func TestOwnLeastAgainstThePersonProgram(t *testing.T) {
	for _, c := range []struct {
		spacing, gap int
		windows      []model.Window
	}{
		{4, 0, nil},
		{6, 10, nil},
		{2, 5, nil},
		{4, 0, []model.Window{{Weeks: 12, Max: 2}}},
		{6, 10, []model.Window{{Weeks: 26, Max: 4}}},
		{2, 0, []model.Window{{Weeks: 8, Max: 2}, {Weeks: 20, Max: 3}}},
	} {
		t.Run(fmt.Sprintf("%dw-gap%d-%v", c.spacing, c.gap, c.windows), func(t *testing.T) {
			p, err := gen.Office(gen.S, 2)
			require.NoError(t, err)
			p.Rules.Spacing.Weeks, p.Rules.MaxGap.Weeks, p.Rules.Windows = c.spacing, c.gap, c.windows
			dates := p.Period.DutyDates()
			p.Pins = append(p.Pins, model.Pin{Staff: p.Staff[0].ID, Date: dates[3], Work: true}, model.Pin{Staff: p.Staff[1].ID, Date: dates[7], Work: false})
			in := newInstance(p)
			l, ok := newLagrangian(in, 0)
			require.True(t, ok)
			t2, scratch, kept := newTally(in), make([]bool, len(in.dates)), 0
			rng, agree, disagree := rand.New(rand.NewPCG(uint64(c.spacing), uint64(c.gap))), 0, 0
			for s := range p.Staff {
				least, dpOK := l.load(s).solve(scratch)
				on, v, ok := ownLeast(in, s, l.lo[s], l.hi[s])
				if c.windows == nil {
					require.Equal(t, dpOK, ok, "person %d", s)
				}
				if !ok {
					continue
				}
				kept++
				require.True(t, dpOK, "person %d", s)
				if c.windows == nil {
					require.InDelta(t, least, float64(v), 1e-9, "person %d", s)
				}
				require.GreaterOrEqual(t, float64(v), least-1e-9, "person %d", s)
				n := 0
				for f, x := range on {
					t2.put(s, f, x)
					if x {
						n++
						require.True(t, in.free(s, f))
					}
				}
				require.Zero(t, in.rules.personBreach(&t2, s), "person %d", s)
				require.True(t, n >= l.lo[s] && n <= l.hi[s], "person %d: %d duties", s, n)
				if in.pin[s][3] > 0 {
					require.True(t, on[3])
				}
				// Sets near the cheapest, some keeping the rules and some
				// not: the intervals hold exactly when the person's rule
				// instances do and the count is within bounds.
				fs, _, rules := ownIntervals(in, s, l.lo[s], l.hi[s])
				for trial := range 200 * min(1, len(fs)) {
					near := slices.Clone(on)
					for range 1 + trial%3 {
						f := fs[rng.IntN(len(fs))]
						near[f] = !near[f]
					}
					keeps, n := true, 0
					for _, r := range rules {
						c := 0
						for i := r.a; i < r.b; i++ {
							if near[fs[i]] {
								c++
							}
						}
						keeps = keeps && c >= r.least && (r.most < 0 || c <= r.most)
					}
					held := true // the person's pins are instances of their dates
					for f, x := range near {
						t2.put(s, f, x)
						if x {
							n++
						}
						held = held && (in.pin[s][f] <= 0 || x)
					}
					held = held && in.rules.personBreach(&t2, s) == 0 && n >= l.lo[s] && n <= l.hi[s]
					if keeps != held {
						t.Fatalf("person %d, set %v: intervals %v, rules %v", s, near, keeps, held)
					}
					if keeps {
						agree++
					} else {
						disagree++
					}
				}
			}
			require.Greater(t, agree, 50)
			require.Greater(t, disagree, 50)
			require.Greater(t, kept, len(p.Staff)/2)
		})
	}
}

// TestWindowsInTheBound solves the rules grid's M office (seed 4, 4
// weeks' spacing, at most 2 duties in any 12 weeks), where the request
// bound without the windows is 38 and the optimum 41 (CBC proves it, and
// its LP relaxation is 41 too): with the windows in the people's own
// sets the bound at zero prices is the optimum, and the search that
// follows proves it, where it had W 116 against 38 after 30 s.
func TestWindowsInTheBound(t *testing.T) {
	p, err := gen.Office(gen.M, 4)
	require.NoError(t, err)
	p.Rules.Spacing.Weeks = 4
	p.Rules.Windows = []model.Window{{Weeks: 12, Max: 2}}
	in := newInstance(p)
	lb, ok, _ := flowBound(in)
	require.True(t, ok)
	require.Zero(t, lb)
	l, ok := newLagrangian(in, lb)
	require.True(t, ok)
	require.Equal(t, 41, ceilBound(l.evaluate()))
	for s := range p.Staff {
		require.Nil(t, brokenWindow(in, s, l.load(s), l.take[s]), "person %d", s)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sc, err := Solve(ctx, p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, sc.Status)
	require.Equal(t, []model.Level{{Kind: model.LevelFairness, Value: 0, Bound: 0}, {Kind: model.LevelRequests, Value: 41, Bound: 41}}, sc.Objective.Levels)
	require.Empty(t, model.Check(p, sc))
}
