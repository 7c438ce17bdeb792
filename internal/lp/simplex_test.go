package lp

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustRow(t *testing.T, p *Problem, sense Sense, rhs float64, terms ...Term) {
	t.Helper()
	_, err := p.AddRow(sense, rhs, terms)
	require.NoError(t, err)
}

func TestSolveSmall(t *testing.T) {
	tests := []struct {
		name   string
		build  func(t *testing.T) *Problem
		status Status
		value  float64
	}{
		{"two bounds", func(t *testing.T) *Problem {
			p := &Problem{}
			x, y := p.AddVar(-1), p.AddVar(-2)
			mustRow(t, p, AtMost, 4, Term{x, 1}, Term{y, 1})
			mustRow(t, p, AtMost, 3, Term{y, 1})
			return p
		}, Optimal, -7},
		{"equality and a negative right-hand side", func(t *testing.T) *Problem {
			p := &Problem{}
			x, y := p.AddVar(1), p.AddVar(1)
			mustRow(t, p, Equal, 5, Term{x, 1}, Term{y, 2})
			mustRow(t, p, AtMost, -1, Term{x, -1}) // x >= 1
			return p
		}, Optimal, 3},
		{"infeasible", func(t *testing.T) *Problem {
			p := &Problem{}
			x := p.AddVar(0)
			mustRow(t, p, AtLeast, 2, Term{x, 1})
			mustRow(t, p, AtMost, 1, Term{x, 1})
			return p
		}, Infeasible, 0},
		{"unbounded", func(t *testing.T) *Problem {
			p := &Problem{}
			x, y := p.AddVar(-1), p.AddVar(0)
			mustRow(t, p, AtLeast, 1, Term{x, 1}, Term{y, -1})
			return p
		}, Unbounded, 0},
		{"no rows", func(t *testing.T) *Problem {
			p := &Problem{}
			p.AddVar(2)
			return p
		}, Optimal, 0},
		{"terms of one variable add up", func(t *testing.T) *Problem {
			p := &Problem{}
			x := p.AddVar(-1)
			mustRow(t, p, AtMost, 6, Term{x, 1}, Term{x, 2})
			return p
		}, Optimal, -2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.build(t)
			sol, err := Solve(context.Background(), p, 0)
			require.NoError(t, err)
			require.Equal(t, tc.status, sol.Status)
			if tc.status == Optimal {
				assert.InDelta(t, tc.value, sol.Value, 1e-9)
				certify(t, p, sol, 1e-7)
			}
		})
	}
}

func TestAddRowRejectsUnknownVariable(t *testing.T) {
	p := &Problem{}
	p.AddVar(1)
	_, err := p.AddRow(AtMost, 1, []Term{{Var: 1, Coef: 1}})
	assert.ErrorContains(t, err, "variable 1 of 1")
	_, err = p.AddRow(Sense(7), 1, nil)
	assert.ErrorContains(t, err, "unknown sense")
}

// certify checks an optimum by its own definition: x keeps every row,
// the duals have the right signs, no reduced cost is negative, and the
// primal and dual values agree.
func certify(t *testing.T, p *Problem, sol Solution, eps float64) {
	t.Helper()
	for j, x := range sol.X {
		require.GreaterOrEqual(t, x, -eps, "x_%d", j)
	}
	reduced := append([]float64(nil), p.cost...)
	dual := 0.0
	for r, rw := range p.rows {
		lhs := 0.0
		for _, term := range rw.terms {
			lhs += term.Coef * sol.X[term.Var]
			reduced[term.Var] -= sol.Duals[r] * term.Coef
		}
		y := sol.Duals[r]
		switch rw.sense {
		case AtMost:
			require.LessOrEqual(t, lhs, rw.rhs+eps, "row %d", r)
			require.LessOrEqual(t, y, eps, "dual of row %d", r)
		case AtLeast:
			require.GreaterOrEqual(t, lhs, rw.rhs-eps, "row %d", r)
			require.GreaterOrEqual(t, y, -eps, "dual of row %d", r)
		case Equal:
			require.InDelta(t, rw.rhs, lhs, eps, "row %d", r)
		}
		dual += y * rw.rhs
	}
	for j, d := range reduced {
		require.GreaterOrEqual(t, d, -eps, "reduced cost of x_%d", j)
	}
	require.InDelta(t, sol.Value, dual, eps*(1+math.Abs(sol.Value)))
}

// randomBoxed is a random problem whose variables lie in [0, upper], with
// a feasible integer point when feasible is set, and a row that no point
// of the box keeps otherwise.
func randomBoxed(r *rand.Rand, feasible bool) (*Problem, []float64) {
	p := &Problem{}
	n, m := 1+r.IntN(6), r.IntN(6)
	upper := make([]float64, n)
	x0 := make([]float64, n)
	for j := range n {
		p.AddVar(float64(r.IntN(7) - 3))
		upper[j] = float64(1 + r.IntN(4))
		x0[j] = float64(r.IntN(int(upper[j]) + 1))
		p.AddRow(AtMost, upper[j], []Term{{j, 1}})
	}
	for range m {
		var terms []Term
		lhs := 0.0
		for j := range n {
			if a := float64(r.IntN(7) - 3); a != 0 && r.IntN(2) == 0 {
				terms = append(terms, Term{j, a})
				lhs += a * x0[j]
			}
		}
		switch r.IntN(3) {
		case 0:
			p.AddRow(AtMost, lhs+float64(r.IntN(3)), terms)
		case 1:
			p.AddRow(AtLeast, lhs-float64(r.IntN(3)), terms)
		default:
			p.AddRow(Equal, lhs, terms)
		}
	}
	if !feasible {
		var terms []Term
		sum := 0.0
		for j := range n {
			terms = append(terms, Term{j, 1})
			sum += upper[j]
		}
		p.AddRow(AtLeast, sum+1, terms)
	}
	return p, upper
}

func TestSolveRandomAgainstDuality(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		feasible := i%5 != 0
		p, upper := randomBoxed(r, feasible)
		sol, err := Solve(context.Background(), p, 0)
		require.NoError(t, err, "case %d", i)
		if !feasible {
			require.Equal(t, Infeasible, sol.Status, "case %d", i)
			continue
		}
		require.Equal(t, Optimal, sol.Status, "case %d", i)
		certify(t, p, sol, 1e-7)
		b, ok := p.Bound(sol.Duals, upper)
		require.True(t, ok, "case %d", i)
		v, _ := b.Float64()
		require.LessOrEqual(t, v, sol.Value+1e-9, "case %d: the bound passes the optimum", i)
		require.GreaterOrEqual(t, v, sol.Value-1e-6, "case %d: the optimum's duals give a weak bound", i)
		// Any duals give a valid bound, however poor.
		noisy := make([]float64, len(sol.Duals))
		for k, y := range sol.Duals {
			noisy[k] = y + r.NormFloat64()
		}
		b, ok = p.Bound(noisy, upper)
		require.True(t, ok)
		v, _ = b.Float64()
		require.LessOrEqual(t, v, sol.Value+1e-9, "case %d: noisy duals pass the optimum", i)
	}
}

// TestSolveAssignmentAgainstPermutations: the assignment polytope is
// integral, so the program's optimum is the cheapest permutation; and
// its many degenerate vertices are what Bland's rule is there for.
func TestSolveAssignmentAgainstPermutations(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		n := 2 + r.IntN(5)
		cost := make([][]float64, n)
		p := &Problem{}
		v := make([][]int, n)
		for a := range n {
			cost[a] = make([]float64, n)
			v[a] = make([]int, n)
			for b := range n {
				cost[a][b] = float64(r.IntN(4)) // few values: many ties
				v[a][b] = p.AddVar(cost[a][b])
			}
		}
		for a := range n {
			var row, col []Term
			for b := range n {
				row = append(row, Term{v[a][b], 1})
				col = append(col, Term{v[b][a], 1})
			}
			p.AddRow(Equal, 1, row)
			p.AddRow(Equal, 1, col)
		}
		sol, err := Solve(context.Background(), p, 0)
		require.NoError(t, err)
		require.Equal(t, Optimal, sol.Status)
		certify(t, p, sol, 1e-7)
		assert.InDelta(t, cheapestPermutation(cost), sol.Value, 1e-7, "case %d", i)
	}
}

func cheapestPermutation(cost [][]float64) float64 {
	n := len(cost)
	best := math.Inf(1)
	used := make([]bool, n)
	var walk func(a int, sum float64)
	walk = func(a int, sum float64) {
		if a == n {
			best = min(best, sum)
			return
		}
		for b := range n {
			if !used[b] {
				used[b] = true
				walk(a+1, sum+cost[a][b])
				used[b] = false
			}
		}
	}
	walk(0, 0)
	return best
}

func TestSolveHonoursContextAndPivotLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	p, _ := randomBoxed(r, true)
	for p.NumRows() < 3 {
		p, _ = randomBoxed(r, true)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Solve(ctx, p, 0)
	assert.ErrorIs(t, err, context.Canceled)
	q := &Problem{}
	x, y := q.AddVar(-1), q.AddVar(-1)
	mustRow(t, q, AtMost, 1, Term{x, 1})
	mustRow(t, q, AtMost, 1, Term{y, 1})
	_, err = Solve(context.Background(), q, 1)
	assert.ErrorIs(t, err, ErrPivots)
}

func TestBoundRejectsWhatItCannotProve(t *testing.T) {
	p := &Problem{}
	x := p.AddVar(0.5)
	mustRow(t, p, AtLeast, 1, Term{x, 1})
	_, ok := p.Bound([]float64{0.5}, []float64{1})
	assert.False(t, ok, "a fractional cost")
	q := &Problem{}
	y := q.AddVar(-1)
	mustRow(t, q, AtMost, 3, Term{y, 1})
	_, ok = q.Bound([]float64{0}, []float64{math.Inf(1)})
	assert.False(t, ok, "a negative reduced cost on an unbounded variable")
	b, ok := q.Bound([]float64{-1}, []float64{math.Inf(1)})
	require.True(t, ok)
	assert.Equal(t, int64(-3), Ceil(b))
	b, ok = q.Bound([]float64{5}, []float64{4}) // a wrong sign counts as 0
	require.True(t, ok)
	assert.Equal(t, "-4/1", b.String())
}

func TestCeil(t *testing.T) {
	p := &Problem{}
	x := p.AddVar(1)
	mustRow(t, p, AtLeast, 7, Term{x, 3})
	sol, err := Solve(context.Background(), p, 0)
	require.NoError(t, err)
	b, ok := p.Bound(sol.Duals, []float64{10})
	require.True(t, ok)
	assert.Equal(t, int64(3), Ceil(b), "7/3 rounds up to 3")
}
