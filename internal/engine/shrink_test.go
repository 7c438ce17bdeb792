package engine

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/irifrance/gini/z"
	"github.com/stretchr/testify/require"
)

// guardedCNF is a seeded random CNF whose every clause carries its own
// guard, as rule instances do.
type guardedCNF struct {
	n       int
	clauses [][]int // ±(variable+1)
}

func newGuardedCNF(seed uint64) guardedCNF {
	rng := rand.New(rand.NewPCG(seed, 9))
	c := guardedCNF{n: 4 + rng.IntN(7)}
	for range 3*c.n + rng.IntN(4*c.n) {
		cl := make([]int, 2+rng.IntN(2))
		for i := range cl {
			cl[i] = 1 + rng.IntN(c.n)
			if rng.IntN(2) == 0 {
				cl[i] = -cl[i]
			}
		}
		c.clauses = append(c.clauses, cl)
	}
	return c
}

// satisfiable reports, by enumeration, whether the clauses with the given
// indices have a common model.
func (c guardedCNF) satisfiable(active []int) bool {
	for mask := uint(0); mask < 1<<c.n; mask++ {
		ok := true
		for _, i := range active {
			sat := false
			for _, l := range c.clauses[i] {
				sat = sat || holds(l, mask)
			}
			ok = ok && sat
		}
		if ok {
			return true
		}
	}
	return false
}

// TestShrinkIsMinimal shrinks the cores of seeded random guarded CNFs and
// checks each result by enumeration: refuted, and satisfiable with any
// one member left out.
func TestShrinkIsMinimal(t *testing.T) {
	shrunk, smaller := 0, 0
	for seed := range uint64(400) {
		c := newGuardedCNF(seed)
		s := New(0, 0)
		s.Satisfiable()
		x := make([]z.Lit, c.n)
		for i := range x {
			x[i] = s.Lit()
		}
		guards := make([]z.Lit, len(c.clauses))
		which := map[z.Lit]int{}
		for i, cl := range c.clauses {
			guards[i] = s.Lit()
			which[guards[i]] = i
			g := Guarded(s, guards[i])
			for _, l := range cl {
				if l > 0 {
					g.Add(x[l-1])
				} else {
					g.Add(x[-l-1].Not())
				}
			}
			g.Add(z.LitNull)
		}
		out, err := s.Solve(context.Background(), guards)
		require.NoError(t, err)
		all := make([]int, len(c.clauses))
		for i := range all {
			all[i] = i
		}
		require.Equal(t, c.satisfiable(all), out == Sat, "seed %d", seed)
		if out == Sat {
			continue
		}
		core := append([]z.Lit(nil), s.Failed()...)
		// Every other seed, an exact oracle refutes sets before the SAT
		// calls, as a flow does for the solver.
		var refute, satisfy func([]z.Lit) bool
		oracle := func(set []z.Lit) bool {
			var idx []int
			for _, g := range set {
				idx = append(idx, which[g])
			}
			return c.satisfiable(idx)
		}
		switch seed % 3 {
		case 1:
			refute = func(set []z.Lit) bool { return !oracle(set) }
		case 2:
			satisfy = oracle
		}
		mus, err := s.Shrink(context.Background(), core, Hints{Refute: refute, Satisfy: satisfy})
		require.NoError(t, err)
		if len(mus) < len(core) {
			smaller++
		}
		var idx []int
		for _, g := range mus {
			idx = append(idx, which[g])
		}
		require.False(t, c.satisfiable(idx), "seed %d: the shrunk set %v is satisfiable", seed, idx)
		for drop := range idx {
			rest := append(append([]int(nil), idx[:drop]...), idx[drop+1:]...)
			require.True(t, c.satisfiable(rest), "seed %d: %v without %d is still refuted", seed, idx, idx[drop])
		}
		shrunk++
	}
	require.Greater(t, shrunk, 50)
	// gini's own cores must often be larger, or the test shows nothing.
	require.Greater(t, smaller, 5, "%d of %d cores shrank", smaller, shrunk)
	t.Logf("%d cores, %d of them not minimal as gini gave them", shrunk, smaller)
}

// TestShrinkHonoursContext stops a shrink before it starts: it returns a
// refuted set (the core itself) and ctx's error.
func TestShrinkHonoursContext(t *testing.T) {
	s := New(0, 0)
	s.Satisfiable()
	a, b := s.Lit(), s.Lit()
	Guarded(s, a).Add(b)
	Guarded(s, a).Add(z.LitNull)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := s.Shrink(ctx, []z.Lit{a, b}, Hints{})
	require.ErrorIs(t, err, context.Canceled)
	require.ElementsMatch(t, []z.Lit{a, b}, got)
}
