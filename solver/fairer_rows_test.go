package solver

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
)

// TestFairerByRowsReachesTheBound spoils an optimal rota of a generated
// office by one legal move that breaks fairness, and asks the search by
// rows to win the deviation back, keeping every rule.
func TestFairerByRowsReachesTheBound(t *testing.T) {
	for _, size := range []gen.Size{gen.S, gen.M} {
		t.Run(string(size), func(t *testing.T) {
			p, err := gen.Office(size, 1)
			require.NoError(t, err)
			s, err := Solve(context.Background(), p)
			require.NoError(t, err)
			in := newInstance(p)
			best := grid[bool](len(p.Staff), len(in.dates))
			for i, st := range s.Staff {
				for _, d := range st.Dates {
					best[i][in.dateAt[d]] = true
				}
			}
			opt, _ := evaluate(in, best)
			spoilt := spoil(in, best, opt)
			require.NotNil(t, spoilt, "no legal move raises the deviation")
			dev, _ := evaluate(in, spoilt)
			require.Greater(t, dev, opt)

			r := &search{ctx: context.Background(), cfg: config{budget: 1 << 30}, in: in, order: p.Levels()}
			reports := 0
			// A limit no search here comes near (M takes 7 s under -race),
			// so that the test does not hang on the machine's speed.
			got, d := r.fairerByRows(spoilt, dev, opt, 10*time.Minute, func([][]bool) { reports++ })
			require.Equal(t, opt, d)
			require.Equal(t, dev-opt, reports, "one report a step")
			require.True(t, in.rules.keeps(in, got))
			again, _ := evaluate(in, got)
			require.Equal(t, opt, again)
		})
	}
}

// spoil returns on with one duty moved from one person to another so that
// every rule still holds and the deviation rises above opt, or nil.
func spoil(in *instance, on [][]bool, opt int) [][]bool {
	for a := range on {
		for f := range on[a] {
			if !on[a][f] || in.pin[a][f] > 0 {
				continue
			}
			for b := range on {
				if on[b][f] || !in.free(b, f) {
					continue
				}
				on[a][f], on[b][f] = false, true
				if d, _ := evaluate(in, on); d > opt && in.rules.keeps(in, on) {
					out := cloneRota(on)
					on[a][f], on[b][f] = true, false
					return out
				}
				on[a][f], on[b][f] = true, false
			}
		}
	}
	return nil
}
