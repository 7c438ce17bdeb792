package lp

import (
	"math"
	"math/big"
)

// boundScale is the denominator the duals are rounded to.
const boundScale = 1 << 32

// Bound returns a lower bound on c·x over every x that keeps p's rows
// with 0 <= x_j <= upper[j], from any duals (one per row; a dual of the
// wrong sign counts as 0), proven by weak duality:
//
//	c·x >= y·b + Σ_j min(0, c_j - y·A_j) upper_j
//
// evaluated exactly for y rounded to multiples of 2^-32. It needs the
// costs, coefficients, right-hand sides and upper bounds to be integers
// of at most 2^31 in size (an upper bound may be +Inf where its reduced
// cost is not negative), and every dual below 2^30 in size; otherwise,
// or when a reduced cost is negative on an unbounded variable, it
// reports false.
func (p *Problem) Bound(duals, upper []float64) (*big.Rat, bool) {
	if len(duals) != len(p.rows) || len(upper) != len(p.cost) {
		return nil, false
	}
	integer := func(v float64) (int64, bool) {
		if v != math.Trunc(v) || math.Abs(v) > 1<<31 {
			return 0, false
		}
		return int64(v), true
	}
	y := make([]int64, len(p.rows))
	for r, rw := range p.rows {
		v := duals[r]
		if math.IsNaN(v) || math.Abs(v) >= 1<<30 {
			return nil, false
		}
		if rw.sense == AtMost && v > 0 || rw.sense == AtLeast && v < 0 {
			v = 0
		}
		y[r] = int64(math.Round(v * boundScale))
	}
	// Reduced costs, scaled: c_j * 2^32 - Σ y_r a_rj, exact in int64 and
	// big.Int: each product is below 2^30 * 2^32 * 2^31.
	reduced := make([]*big.Int, len(p.cost))
	var t big.Int
	for j, c := range p.cost {
		ci, ok := integer(c)
		if !ok {
			return nil, false
		}
		reduced[j] = new(big.Int).Mul(big.NewInt(ci), big.NewInt(boundScale))
	}
	total := new(big.Int)
	for r, rw := range p.rows {
		b, ok := integer(rw.rhs)
		if !ok {
			return nil, false
		}
		total.Add(total, t.Mul(big.NewInt(y[r]), big.NewInt(b)))
		for _, term := range rw.terms {
			a, ok := integer(term.Coef)
			if !ok {
				return nil, false
			}
			reduced[term.Var].Sub(reduced[term.Var], t.Mul(big.NewInt(y[r]), big.NewInt(a)))
		}
	}
	for j, d := range reduced {
		if d.Sign() >= 0 {
			continue
		}
		if math.IsInf(upper[j], 1) {
			return nil, false
		}
		u, ok := integer(upper[j])
		if !ok || u < 0 {
			return nil, false
		}
		total.Add(total, t.Mul(d, big.NewInt(u)))
	}
	return new(big.Rat).SetFrac(total, big.NewInt(boundScale)), true
}

// Ceil is the least integer at or above r.
func Ceil(r *big.Rat) int64 {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1)) // DivMod floors: a remainder means r lies above q
	}
	return q.Int64()
}
