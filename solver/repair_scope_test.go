package solver

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// TestMoveCostAgainstDateCost checks the repair's shortcut: for any move
// of two people on a date, the breach of the instances that concern
// them (moveCost) changes exactly as the breach of all the date's
// instances (dateCost) does, so comparing either before and after a
// move decides the same. Offices from the bench generator with unit and
// role minimums, unit maximums and pins both ways, rotas at random, and
// both people toggled either way (the repair always moves one in and one
// out, which would hide a unit counted twice).
func TestMoveCostAgainstDateCost(t *testing.T) {
	for seed := range int64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			p, err := gen.Office(gen.S, seed+1)
			require.NoError(t, err)
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			dates := p.Period.DutyDates()
			for u := range p.Units {
				if rng.IntN(2) == 0 {
					p.Rules.UnitMaximums = append(p.Rules.UnitMaximums, model.UnitMaximum{Unit: p.Units[u].ID, Max: 1 + rng.IntN(3)})
				}
			}
			for range 20 {
				p.Pins = append(p.Pins, model.Pin{Staff: p.Staff[rng.IntN(len(p.Staff))].ID, Date: dates[rng.IntN(len(dates))], Work: rng.IntN(2) == 0})
			}
			in := newInstance(p)
			S, F := len(p.Staff), len(in.dates)
			r := &repairer{tally: newTally(in), dated: make([][]int, F)}
			for f, rs := range in.rules.byDate {
				r.dated[f] = append(r.dated[f], rs...) // coverage too: it must not matter
			}
			r.scope = newDateScope(in, r.dated)
			for s := range S {
				for f := range F {
					r.set(s, f, rng.IntN(4) == 0)
				}
			}
			for range 3000 {
				f, a, b := rng.IntN(F), rng.IntN(S), rng.IntN(S)
				if a == b {
					continue
				}
				wholeBefore, movedBefore := r.dateCost(f).hard, r.moveCost(f, a, b).hard
				r.set(a, f, !r.on[a][f])
				r.set(b, f, !r.on[b][f])
				wholeAfter, movedAfter := r.dateCost(f).hard, r.moveCost(f, a, b).hard
				require.Equal(t, wholeAfter-wholeBefore, movedAfter-movedBefore, "date %d, people %d and %d", f, a, b)
			}
		})
	}
}
