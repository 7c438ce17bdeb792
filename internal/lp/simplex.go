package lp

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Status is how a solve ended.
type Status int8

const (
	// Optimal: X is an optimum and Duals prove it.
	Optimal Status = iota
	// Infeasible: no x >= 0 keeps every row.
	Infeasible
	// Unbounded: c·x has no lower bound over the rows.
	Unbounded
)

// String names the status.
func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case Infeasible:
		return "infeasible"
	case Unbounded:
		return "unbounded"
	}
	return fmt.Sprintf("Status(%d)", int8(s))
}

// Solution is the outcome of Solve.
type Solution struct {
	Status Status
	// Value is c·x at X, when Optimal.
	Value float64
	// X is an optimal vertex, when Optimal.
	X []float64
	// Duals are one per row, when Optimal: y_r <= 0 on an AtMost row, >=
	// 0 on an AtLeast row, free on an Equal row, with c - yA >= 0 (up to
	// rounding) and y·b = Value. [Problem.Bound] turns them into a proof.
	Duals []float64
	// Pivots is the number of simplex pivots made.
	Pivots int
}

// ErrPivots is returned when the pivot limit is reached first.
var ErrPivots = errors.New("lp: pivot limit reached")

// ErrNumeric is returned when the basis turns singular in rounding.
var ErrNumeric = errors.New("lp: the basis turned singular in rounding")

const (
	// tol is the tolerance on reduced costs and pivot elements; the
	// programs here have small integer data.
	tol = 1e-9
	// refactorEvery pivots the inverse is rebuilt from the basis, so
	// that rounding does not pile up.
	refactorEvery = 100
	// blandAfter degenerate pivots in a row, the entering column is the
	// first that improves (Bland's rule), until a pivot makes progress.
	blandAfter = 50
	// tickEvery pivots the context is read.
	tickEvery = 16
)

// column kinds.
const (
	structural = iota
	slack
	artificial
)

type entry struct {
	row int
	val float64
}

type simplex struct {
	m     int
	cols  [][]entry
	kind  []int8
	cost  []float64 // phase 2 costs, per column
	b     []float64 // right-hand sides, made >= 0
	flip  []bool    // the row was negated to make its b >= 0
	basis []int     // the column basic at each position
	inB   []bool    // per column
	binv  []float64 // the basis inverse, m x m, row-major
	xb    []float64 // the basic columns' values
	y     []float64 // m duals
	w     []float64 // m: the entering column in the basis
	nz    []int     // scratch: positions of a row's nonzeros
	nzInv []int     // scratch: the same in the inverse's row
	next  int       // where partial pricing goes on
}

// Solve minimises p at most maxPivots pivots (0: 50 times the rows and
// columns), reading ctx every few pivots. An error leaves the solution
// empty: ctx's, ErrPivots or ErrNumeric.
func Solve(ctx context.Context, p *Problem, maxPivots int) (Solution, error) {
	s := newSimplex(p)
	n := len(p.cost)
	if maxPivots <= 0 {
		maxPivots = 50 * (s.m + len(s.cols))
	}
	pivots := 0
	phase1 := make([]float64, len(s.cols))
	for j, k := range s.kind {
		if k == artificial {
			phase1[j] = 1
		}
	}
	st, err := s.run(ctx, phase1, false, &pivots, maxPivots)
	if err != nil {
		return Solution{Pivots: pivots}, err
	}
	if st == Unbounded { // cannot happen: phase 1 is bounded below by 0
		return Solution{Pivots: pivots}, ErrNumeric
	}
	scale := 1.0
	for _, v := range s.b {
		scale = max(scale, v)
	}
	left := 0.0
	for k, j := range s.basis {
		if s.kind[j] == artificial {
			left += s.xb[k]
		}
	}
	if left > 1e-7*scale {
		return Solution{Status: Infeasible, Pivots: pivots}, nil
	}
	st, err = s.run(ctx, s.cost, true, &pivots, maxPivots)
	if err != nil {
		return Solution{Pivots: pivots}, err
	}
	if st == Unbounded {
		return Solution{Status: Unbounded, Pivots: pivots}, nil
	}
	sol := Solution{Status: Optimal, X: make([]float64, n), Duals: make([]float64, s.m), Pivots: pivots}
	for k, j := range s.basis {
		if j < n {
			sol.X[j] = max(0, s.xb[k])
		}
	}
	for j, c := range p.cost {
		sol.Value += c * sol.X[j]
	}
	s.duals(s.cost)
	for r, v := range s.y {
		if s.flip[r] {
			v = -v
		}
		sol.Duals[r] = v
	}
	return sol, nil
}

// newSimplex writes p in the simplex's columns, with a slack on each
// inequality row and an artificial variable on each row a slack cannot
// start feasible; the starting basis is those slacks and artificials.
func newSimplex(p *Problem) *simplex {
	m, n := len(p.rows), len(p.cost)
	s := &simplex{m: m, b: make([]float64, m), flip: make([]bool, m)}
	s.cols = make([][]entry, n, n+2*m)
	s.kind = make([]int8, n, n+2*m)
	s.cost = make([]float64, n, n+2*m)
	copy(s.cost, p.cost)
	s.basis = make([]int, m)
	for r, rw := range p.rows {
		sign, sense := 1.0, rw.sense
		if rw.rhs < 0 {
			sign, s.flip[r] = -1, true
			switch sense {
			case AtMost:
				sense = AtLeast
			case AtLeast:
				sense = AtMost
			}
		}
		s.b[r] = sign * rw.rhs
		for _, t := range rw.terms {
			s.cols[t.Var] = append(s.cols[t.Var], entry{r, sign * t.Coef})
		}
		add := func(kind int8, val float64) int {
			s.cols = append(s.cols, []entry{{r, val}})
			s.kind = append(s.kind, kind)
			s.cost = append(s.cost, 0)
			return len(s.cols) - 1
		}
		switch sense {
		case AtMost:
			s.basis[r] = add(slack, 1)
		case AtLeast:
			add(slack, -1)
			s.basis[r] = add(artificial, 1)
		case Equal:
			s.basis[r] = add(artificial, 1)
		}
	}
	s.inB = make([]bool, len(s.cols))
	for _, j := range s.basis {
		s.inB[j] = true
	}
	s.binv = make([]float64, m*m)
	for k := range m {
		s.binv[k*m+k] = 1
	}
	s.xb = append([]float64(nil), s.b...)
	s.y, s.w = make([]float64, m), make([]float64, m)
	return s
}

// run pivots under the costs until no column improves (Optimal) or one
// improves without limit (Unbounded). In phase 2 (noArtificial) an
// artificial column never enters, and one still basic (at 0) leaves as
// soon as the entering column touches its row, so it stays at 0.
func (s *simplex) run(ctx context.Context, cost []float64, noArtificial bool, pivots *int, maxPivots int) (Status, error) {
	degenerate := 0
	fresh := true // the duals are to be computed from the inverse
	for {
		if *pivots%tickEvery == 0 && ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if *pivots >= maxPivots {
			return 0, ErrPivots
		}
		if fresh {
			s.duals(cost)
			fresh = false
		}
		bland := degenerate >= blandAfter
		enter, best := s.price(cost, bland)
		if enter < 0 {
			return Optimal, nil
		}
		s.column(enter)
		leave, step := -1, math.Inf(1)
		for k := range s.m {
			wk := s.w[k]
			if noArtificial && s.kind[s.basis[k]] == artificial && math.Abs(wk) > tol {
				if step > 0 || (leave >= 0 && s.basis[k] < s.basis[leave]) {
					leave, step = k, 0
				}
				continue
			}
			if wk <= tol {
				continue
			}
			t := max(0, s.xb[k]) / wk
			switch {
			case leave < 0 || t < step-tol:
				leave, step = k, t
			case t <= step+tol:
				// A tie: Bland's rule takes the smallest column, else the
				// largest pivot element, for stability.
				if bland && s.basis[k] < s.basis[leave] || !bland && wk > s.w[leave] {
					leave, step = k, min(step, t)
				}
			}
		}
		if leave < 0 {
			return Unbounded, nil
		}
		if step <= tol {
			degenerate++
		} else {
			degenerate = 0
		}
		if err := s.pivot(leave, enter); err != nil {
			return 0, err
		}
		// The new duals make the entering column's reduced cost 0 and
		// keep the other basic ones at 0: y += d_q times the new pivot
		// row of the inverse.
		pr := s.binv[leave*s.m : (leave+1)*s.m]
		for _, i := range s.nz {
			s.y[i] += best * pr[i]
		}
		*pivots++
		if *pivots%refactorEvery == 0 {
			if err := s.refactor(ctx); err != nil {
				return 0, err
			}
			fresh = true
		}
	}
}

// priceChunk is how many columns partial pricing reads before it takes
// the best improving column seen, when it has seen one.
const priceChunk = 256

// price returns an entering column and its reduced cost (-1 when none
// improves): Bland's rule takes the first improving column; otherwise
// partial pricing reads the columns round from where it last stopped, a
// chunk at a time, and takes the most negative of the chunks read once
// one has an improving column. An artificial column, once out, is never
// needed again.
func (s *simplex) price(cost []float64, bland bool) (int, float64) {
	n := len(s.cols)
	reduced := func(j int) float64 {
		d := cost[j]
		for _, e := range s.cols[j] {
			d -= s.y[e.row] * e.val
		}
		return d
	}
	enter, best := -1, -tol
	if bland {
		for j := range n {
			if s.inB[j] || s.kind[j] == artificial {
				continue
			}
			if d := reduced(j); d < best {
				return j, d
			}
		}
		return -1, 0
	}
	for read := 0; read < n; read++ {
		j := s.next
		s.next++
		if s.next == n {
			s.next = 0
		}
		if read > 0 && read%priceChunk == 0 && enter >= 0 {
			break
		}
		if s.inB[j] || s.kind[j] == artificial {
			continue
		}
		if d := reduced(j); d < best {
			enter, best = j, d
		}
	}
	return enter, best
}

// duals sets y = c_B B^-1 under the costs.
func (s *simplex) duals(cost []float64) {
	m := s.m
	clear(s.y)
	for k, j := range s.basis {
		c := cost[j]
		if c == 0 {
			continue
		}
		row := s.binv[k*m : (k+1)*m]
		for i, v := range row {
			s.y[i] += c * v
		}
	}
}

// column sets w = B^-1 a_j.
func (s *simplex) column(j int) {
	m := s.m
	clear(s.w)
	for k := range m {
		row := s.binv[k*m : (k+1)*m]
		v := 0.0
		for _, e := range s.cols[j] {
			v += row[e.row] * e.val
		}
		s.w[k] = v
	}
}

// pivot makes column enter basic at position leave, with s.w its column
// in the basis.
func (s *simplex) pivot(leave, enter int) error {
	m := s.m
	wr := s.w[leave]
	if math.Abs(wr) < 1e-12 {
		return ErrNumeric
	}
	t := s.xb[leave] / wr
	for k := range m {
		if k != leave {
			s.xb[k] -= t * s.w[k]
		}
	}
	s.xb[leave] = t
	pr := s.binv[leave*m : (leave+1)*m]
	nz := s.nz[:0] // the pivot row's nonzeros: the inverse stays sparse
	for i := range pr {
		if pr[i] != 0 {
			pr[i] /= wr
			nz = append(nz, i)
		}
	}
	s.nz = nz
	for k := range m {
		wk := s.w[k]
		if k == leave || wk == 0 {
			continue
		}
		row := s.binv[k*m : (k+1)*m]
		for _, i := range nz {
			row[i] -= wk * pr[i]
		}
	}
	s.inB[s.basis[leave]] = false
	s.inB[enter] = true
	s.basis[leave] = enter
	return nil
}

// refactor rebuilds B^-1 from the basic columns by Gauss-Jordan
// elimination with partial pivoting, and the basic values from it. It
// reads ctx every 32 columns: a dense basis of 1,200 rows is 10^9
// operations.
func (s *simplex) refactor(ctx context.Context) error {
	m := s.m
	a := make([]float64, m*m) // B, row-major, reduced to I
	for k, j := range s.basis {
		for _, e := range s.cols[j] {
			a[e.row*m+k] = e.val
		}
	}
	inv := s.binv
	clear(inv)
	for k := range m {
		inv[k*m+k] = 1
	}
	for c := range m {
		if c%32 == 31 && ctx.Err() != nil {
			return ctx.Err()
		}
		p, big := -1, 1e-12
		for r := c; r < m; r++ {
			if v := math.Abs(a[r*m+c]); v > big {
				p, big = r, v
			}
		}
		if p < 0 {
			return ErrNumeric
		}
		if p != c {
			for i := range m {
				a[p*m+i], a[c*m+i] = a[c*m+i], a[p*m+i]
				inv[p*m+i], inv[c*m+i] = inv[c*m+i], inv[p*m+i]
			}
		}
		d := a[c*m+c]
		// The pivot row's nonzeros, in B's part and the inverse's: the
		// basis is mostly unit columns, so both stay sparse.
		na, ni := s.nz[:0], s.nzInv[:0]
		for i := range m {
			if a[c*m+i] != 0 {
				a[c*m+i] /= d
				na = append(na, i)
			}
			if inv[c*m+i] != 0 {
				inv[c*m+i] /= d
				ni = append(ni, i)
			}
		}
		s.nz, s.nzInv = na, ni
		for r := range m {
			f := a[r*m+c]
			if r == c || f == 0 {
				continue
			}
			for _, i := range na {
				a[r*m+i] -= f * a[c*m+i]
			}
			for _, i := range ni {
				inv[r*m+i] -= f * inv[c*m+i]
			}
		}
	}
	// Row k of B^-1 gives basic position k's value: B^-1 b.
	for k := range m {
		v := 0.0
		row := inv[k*m : (k+1)*m]
		for i, bi := range s.b {
			v += row[i] * bi
		}
		s.xb[k] = v
	}
	return nil
}
