package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/stretchr/testify/require"
)

// tiny is a seeded random problem small enough to enumerate: hard
// clauses over n variables behind one guard, groups whose largest count
// of true variables is a Max level, and weighted soft literals for Sum
// levels.
type tiny struct {
	n       int
	clauses [][]int // literals as ±(variable+1)
	groups  [][]int // variable indices
	softs   [][]tinySoft
}

type tinySoft struct {
	lit    int // ±(variable+1)
	weight int
}

func newTiny(seed uint64) tiny {
	rng := rand.New(rand.NewPCG(seed, 42))
	p := tiny{n: 4 + rng.IntN(5)}
	lit := func() int {
		v := 1 + rng.IntN(p.n)
		if rng.IntN(2) == 0 {
			return -v
		}
		return v
	}
	for range rng.IntN(3 * p.n / 2) {
		c := make([]int, 1+rng.IntN(3))
		for i := range c {
			c[i] = lit()
		}
		p.clauses = append(p.clauses, c)
	}
	for range 1 + rng.IntN(3) {
		var g []int
		for v := range p.n {
			if rng.IntN(2) == 0 {
				g = append(g, v)
			}
		}
		p.groups = append(p.groups, g)
	}
	for range 2 {
		var ss []tinySoft
		for range rng.IntN(2 * p.n) {
			ss = append(ss, tinySoft{lit: lit(), weight: 1 + rng.IntN(4)})
		}
		p.softs = append(p.softs, ss)
	}
	return p
}

func holds(lit int, mask uint) bool {
	if lit > 0 {
		return mask&(1<<(lit-1)) != 0
	}
	return mask&(1<<(-lit-1)) == 0
}

// values returns the level values of an assignment, for the level kinds
// named in order ("max", "sum0", "sum1"), and whether it keeps the hard
// clauses.
func (p tiny) values(mask uint, order []string) ([]int, bool) {
	for _, c := range p.clauses {
		ok := false
		for _, l := range c {
			ok = ok || holds(l, mask)
		}
		if !ok {
			return nil, false
		}
	}
	var out []int
	for _, kind := range order {
		v := 0
		switch kind {
		case "max":
			for _, g := range p.groups {
				n := 0
				for _, x := range g {
					if mask&(1<<x) != 0 {
						n++
					}
				}
				v = max(v, n)
			}
		case "sum0", "sum1":
			for _, sf := range p.softs[kind[3]-'0'] {
				if !holds(sf.lit, mask) {
					v += sf.weight
				}
			}
		}
		out = append(out, v)
	}
	return out, true
}

// brute returns the lexicographic optimum by enumeration, nil if none.
func (p tiny) brute(order []string) []int {
	best, _ := p.bruteMask(order)
	return best
}

// bruteMask returns the lexicographic optimum and an assignment with it.
func (p tiny) bruteMask(order []string) ([]int, uint) {
	var best []int
	var at uint
	for mask := uint(0); mask < 1<<p.n; mask++ {
		v, ok := p.values(mask, order)
		if ok && (best == nil || lexLess(v, best)) {
			best, at = v, mask
		}
	}
	return best, at
}

// The ways a test searches the Sum levels.
const (
	plain   = iota
	hooks   // Lower and Try at the true optimum, so that the level is hardened by a generalised totalizer
	hitting // implicit hitting sets
	descent // model-improving search from the best model down
	chained // hitting sets, each soft a chain of its own, with ChainLower from enumeration
	improve // each level's Improve: an optimal assignment and its value as the bound
	dive    // each level's Dive: its optimum as the bound, and the optimal assignment preferred
	astray  // each level's Dive: no bound, and the complement of the optimal assignment preferred
)

// optimizer encodes p on a fresh session for the level order, its Sum
// levels searched the way mode says.
func (p tiny) optimizer(order []string, mode int) *Optimizer {
	s := New(0, 0)
	s.Satisfiable()
	x := make([]z.Lit, p.n)
	for i := range x {
		x[i] = s.Lit()
	}
	m := func(l int) z.Lit {
		if l > 0 {
			return x[l-1]
		}
		return x[-l-1].Not()
	}
	rules := s.Lit()
	hard := Guarded(s, rules)
	for _, c := range p.clauses {
		for _, l := range c {
			hard.Add(m(l))
		}
		hard.Add(z.LitNull)
	}
	o := &Optimizer{S: s, Base: []z.Lit{rules}}
	best, bestMask := p.bruteMask(order)
	// improveAt is the Improve of level i in mode improve: the optimal
	// assignment, and the level's optimum as its bound.
	improveAt := func(i int) func(context.Context, []int) ([]z.Lit, int) {
		if mode != improve || best == nil {
			return nil
		}
		return func(context.Context, []int) ([]z.Lit, int) {
			var assume []z.Lit
			for v := range x {
				if bestMask&(1<<v) != 0 {
					assume = append(assume, x[v])
				} else {
					assume = append(assume, x[v].Not())
				}
			}
			return assume, best[i]
		}
	}
	// diveAt is the Dive of level i in modes dive and astray: in dive
	// the optimum as the bound and the optimal assignment preferred, in
	// astray no bound and every literal of that assignment negated, so
	// that the dive's rounds drop what fails and the search after it
	// must still reach the optimum.
	diveAt := func(i int) func([]int) (int, func(int) ([]z.Lit, []z.Lit)) {
		if (mode != dive && mode != astray) || best == nil {
			return nil
		}
		return func([]int) (int, func(int) ([]z.Lit, []z.Lit)) {
			var prefer []z.Lit
			for v := range x {
				on := bestMask&(1<<v) != 0
				if mode == astray {
					on = !on
				}
				if on {
					prefer = append(prefer, x[v])
				} else {
					prefer = append(prefer, x[v].Not())
				}
			}
			if mode == astray {
				return 0, func(int) ([]z.Lit, []z.Lit) { return nil, prefer }
			}
			return best[i], func(int) ([]z.Lit, []z.Lit) { return nil, prefer }
		}
	}
	for i, kind := range order {
		switch kind {
		case "max":
			var counters [][]z.Lit
			for _, g := range p.groups {
				var in []z.Lit
				for _, v := range g {
					in = append(in, x[v])
				}
				counters = append(counters, card.Totalizer(s, in, len(in)))
			}
			atMost := map[int]z.Lit{}
			o.Levels = append(o.Levels, Max{
				AtMost: func(d int) z.Lit {
					if l, ok := atMost[d]; ok {
						return l
					}
					l := s.Lit()
					atMost[d] = l
					for _, c := range counters {
						if d < len(c) {
							card.Clause(s, l.Not(), c[d].Not())
						}
					}
					return l
				},
				Value: func() int {
					v := 0
					for _, c := range counters {
						n := 0
						for _, o := range c {
							if s.Value(o) {
								n++
							}
						}
						v = max(v, n)
					}
					return v
				},
				Improve: improveAt(i),
				Dive:    diveAt(i),
			})
		default:
			sum := Sum{Stratify: i%2 == 1, HittingSets: mode == hitting || mode == chained || mode == dive && i%2 == 0, Descend: mode == descent, Improve: improveAt(i), Dive: diveAt(i)}
			for _, sf := range p.softs[kind[3]-'0'] {
				sum.Softs = append(sum.Softs, Soft{Lit: m(sf.lit), Weight: sf.weight})
			}
			if mode == chained {
				softs := p.softs[kind[3]-'0']
				for _, sf := range sum.Softs {
					sum.Chains = append(sum.Chains, []z.Lit{sf.Lit})
				}
				sum.ChainLower = func(settled []int) []int {
					// A soft is proven false when no model with the
					// settled values of the earlier levels keeps it.
					out := make([]int, len(softs))
					for j := range out {
						out[j] = 1
					}
					for mask := uint(0); mask < 1<<p.n; mask++ {
						v, ok := p.values(mask, order[:i])
						if !ok || !slices.Equal(v, settled) {
							continue
						}
						for j, sf := range softs {
							if holds(sf.lit, mask) {
								out[j] = 0
							}
						}
					}
					return out
				}
			}
			if mode == hooks && best != nil {
				want := best[i]
				sum.Lower = func([]int) int { return want }
				sum.Try = func(int) []z.Lit { return nil }
			}
			o.Levels = append(o.Levels, sum)
		}
	}
	return o
}

// TestOptimizerAgainstBruteForce solves seeded random problems under
// several level orders and compares every level with enumeration.
func TestOptimizerAgainstBruteForce(t *testing.T) {
	orders := [][]string{{"max", "sum0"}, {"sum0", "max"}, {"sum0", "sum1"}, {"sum0", "max", "sum1"}, {"max"}}
	infeasible := 0
	for seed := range uint64(300) {
		p := newTiny(seed)
		for _, order := range orders {
			for _, mode := range []int{plain, hooks, hitting, descent, chained, improve, dive, astray} {
				name := fmt.Sprintf("seed %d order %v mode %d", seed, order, mode)
				want := p.brute(order)
				o := p.optimizer(order, mode)
				err := o.Run(context.Background())
				if want == nil {
					var inf *Infeasible
					require.ErrorAs(t, err, &inf, name)
					require.Equal(t, o.Base, inf.Core, name)
					infeasible++
					continue
				}
				require.NoError(t, err, name)
				require.Equal(t, want, o.Values, name)
				require.Equal(t, want, o.Bounds, name)
				require.Equal(t, len(order), o.Settled, name)
			}
		}
	}
	require.Positive(t, infeasible)
}

// TestOptimizerHonoursContext hands the optimiser a context that is over.
func TestOptimizerHonoursContext(t *testing.T) {
	o := newTiny(1).optimizer([]string{"max", "sum0"}, plain)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, o.Run(ctx), context.Canceled)
	require.Nil(t, o.Values)
}

// TestOptimizerScope asks two questions of one session, each run in its
// own scope: first with variable 1 forced true, then without. The second
// answer must be the unrestricted optimum, as if the first had never run.
func TestOptimizerScope(t *testing.T) {
	orders := [][]string{{"max", "sum0"}, {"sum0", "max"}, {"sum0", "sum1"}}
	asked, differ := 0, 0
	for seed := range uint64(200) {
		p := newTiny(seed)
		forced := p
		forced.clauses = append(append([][]int(nil), p.clauses...), []int{1})
		for _, order := range orders {
			for _, mode := range []int{plain, hitting} {
				name := fmt.Sprintf("seed %d order %v mode %d", seed, order, mode)
				want, wantForced := p.brute(order), forced.brute(order)
				if want == nil {
					continue
				}
				o := p.optimizer(order, mode)
				base := o.Base
				first := *o
				first.Scope = o.S.Lit()
				// The session's first variable is the tiny problem's first.
				first.Base = append(append([]z.Lit(nil), base...), z.Var(1).Pos())
				if !slices.Equal(want, wantForced) {
					differ++
				}
				err := first.Run(context.Background())
				if wantForced == nil {
					require.Error(t, err, name)
				} else {
					require.NoError(t, err, name)
					require.Equal(t, wantForced, first.Values, name)
				}
				second := *o
				second.Scope = o.S.Lit()
				second.Base = base
				require.NoError(t, second.Run(context.Background()), name)
				require.Equal(t, want, second.Values, name)
				require.Equal(t, want, second.Bounds, name)
				asked++
			}
		}
	}
	require.Greater(t, asked, 100)
	require.Greater(t, differ, 10, "forcing the variable seldom changed the optimum")
}

// TestDescendByParts sends every descent down the parts (one soft a
// part, or two): the values are models' values, the bounds hold, and a
// level improved by parts alone is not counted as settled.
func TestDescendByParts(t *testing.T) {
	was := descendCounter
	descendCounter = -1
	defer func() { descendCounter = was }()
	orders := [][]string{{"sum0"}, {"sum0", "max"}, {"max", "sum0", "sum1"}}
	for seed := range uint64(300) {
		p := newTiny(seed)
		for _, order := range orders {
			name := fmt.Sprintf("seed %d order %v", seed, order)
			want := p.brute(order)
			o := p.optimizer(order, descent)
			for i, l := range o.Levels {
				if sum, ok := l.(Sum); ok {
					for j := range sum.Softs {
						if j%2 == 0 || seed%2 == 0 {
							sum.Parts = append(sum.Parts, []int{j})
						} else {
							sum.Parts[len(sum.Parts)-1] = append(sum.Parts[len(sum.Parts)-1], j)
						}
					}
					o.Levels[i] = sum
				}
			}
			err := o.Run(context.Background())
			if want == nil {
				var inf *Infeasible
				require.ErrorAs(t, err, &inf, name)
				continue
			}
			require.NoError(t, err, name)
			require.False(t, lexLess(o.Values, want), "%s: %v better than the optimum %v", name, o.Values, want)
			for i := range o.Settled {
				require.Equal(t, want[i], o.Values[i], "%s: settled level %d", name, i)
			}
			require.LessOrEqual(t, o.Bounds[0], want[0], name)
			if o.Settled < len(order) {
				require.Less(t, o.Bounds[o.Settled], o.Values[o.Settled], "%s: an unsettled level has a gap", name)
				require.NotEqual(t, "max", order[o.Settled], "%s: only a descent by parts stops unproven", name)
			}
		}
	}
}
