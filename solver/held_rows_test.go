package solver_test

import (
	"math/rand/v2"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// TestHeldRowsAgainstBruteForce checks the encoding that mends a rota by
// rows on tiny random problems: with some rows held at a random rota's
// values (rows that keep their own spacing, windows and gaps) and the
// others free, it has a model exactly when some rota that keeps every
// rule instance agrees with the held rows (and keeps the deviation cap,
// when there is one), and its model is such a rota.
func TestHeldRowsAgainstBruteForce(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 100
	}
	rng := rand.New(rand.NewPCG(3, 17))
	sat, unsat := 0, 0
	for i, p := range tinyProblems(n) {
		g := newGrids(p)
		S, F := len(p.Staff), len(g.dates)
		on := make([][]bool, S)
		held := make([]bool, S)
		for s := range S {
			on[s] = make([]bool, F)
			for f := range F {
				on[s][f] = g.can[s][f] && rng.IntN(3) == 0
			}
			held[s] = rng.IntN(2) == 0
		}
		if keepsOwn := ownRulesKept(g, on, held); !keepsOwn {
			continue // the encoding takes held rows that keep their own rules
		}
		most := -1
		if rng.IntN(2) == 0 {
			most = rng.IntN(2)
		}
		want := false
		g.each(func(q [][]bool) {
			if want || len(g.broken(q)) > 0 {
				return
			}
			for s := range S {
				if held[s] && !equalRows(q[s], on[s]) {
					return
				}
			}
			if d, _ := g.score(q); most >= 0 && d > most {
				return
			}
			want = true
		})
		got, ok := solver.SearchHeldRows(p, on, held, most)
		require.Equal(t, want, ok, "problem %d (held %v, most %d)", i, held, most)
		if !ok {
			unsat++
			continue
		}
		sat++
		require.Empty(t, g.broken(got), "problem %d: the model breaks a rule", i)
		for s := range S {
			if held[s] {
				require.Equal(t, on[s], got[s], "problem %d: held row %d moved", i, s)
			}
		}
		if most >= 0 {
			d, _ := g.score(got)
			require.LessOrEqual(t, d, most, "problem %d", i)
		}
	}
	require.Positive(t, sat)
	require.Positive(t, unsat)
}

// ownRulesKept reports whether the held rows of on keep the rule
// instances of one person: spacing, windows and gaps.
func ownRulesKept(g *grids, on [][]bool, held []bool) bool {
	for _, r := range g.broken(on) {
		switch r.Kind {
		case model.RuleSpacing, model.RuleWindow, model.RuleMaxGap:
			for s, st := range g.p.Staff {
				if held[s] && st.ID == r.Staff {
					return false
				}
			}
		}
	}
	return true
}

func equalRows(a, b []bool) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCheaperRowsAgainstBruteForce checks the request search by rows on
// tiny random problems with requests: from a rota that keeps every rule,
// with some rows free, it returns the cheapest rota that keeps every rule
// (and the deviation cap) and agrees with the held rows, or nil when
// none is cheaper than the start.
func TestCheaperRowsAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 21))
	found, none := 0, 0
	for i, p := range tinyProblems(400) {
		if len(p.Requests) == 0 {
			continue
		}
		g := newGrids(p)
		S := len(p.Staff)
		var valid [][][]bool
		g.each(func(q [][]bool) {
			if len(g.broken(q)) == 0 {
				valid = append(valid, cloneGrid(q))
			}
		})
		if len(valid) == 0 {
			continue
		}
		on := valid[rng.IntN(len(valid))]
		free := make([]bool, S)
		for s := range free {
			free[s] = rng.IntN(2) == 0
		}
		most := -1
		if rng.IntN(2) == 0 {
			most, _ = g.score(on)
		}
		best := -1
		for _, q := range valid {
			agrees := true
			for s := range S {
				agrees = agrees && (free[s] || equalRows(q[s], on[s]))
			}
			if d, w := g.score(q); agrees && (most < 0 || d <= most) && (best < 0 || w < best) {
				best = w
			}
		}
		_, start := g.score(on)
		got := solver.CheaperRows(p, on, free, most)
		if best == start {
			require.Nil(t, got, "problem %d: nothing is cheaper than %d", i, start)
			none++
			continue
		}
		require.NotNil(t, got, "problem %d: %d is cheaper than %d", i, best, start)
		found++
		require.Empty(t, g.broken(got), "problem %d", i)
		d, w := g.score(got)
		require.Equal(t, best, w, "problem %d", i)
		if most >= 0 {
			require.LessOrEqual(t, d, most, "problem %d", i)
		}
		for s := range S {
			if !free[s] {
				require.Equal(t, on[s], got[s], "problem %d: held row %d moved", i, s)
			}
		}
	}
	require.Positive(t, found)
	require.Positive(t, none)
}

func cloneGrid(q [][]bool) [][]bool {
	out := make([][]bool, len(q))
	for s := range q {
		out[s] = append([]bool(nil), q[s]...)
	}
	return out
}
