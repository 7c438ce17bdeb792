// Package lp solves small linear programs, minimise c·x subject to rows
// of the form a·x <= b, a·x >= b or a·x = b and x >= 0, by the revised
// simplex method, and turns any dual vector into a lower bound that is
// exact: computed in integer arithmetic, valid whatever rounding the
// floating-point solve made.
//
// It is there for the counting bounds that a flow cannot give: where a
// case counts in two measures at once (its kind and its points), the
// linear relaxation sees both, and its optimum rounded up is often the
// integer optimum (a 12-worker pool of 205 cases: 9.67 against 10, where
// the per-measure flows gave 5).
//
// # Method
//
// Two phases (artificial variables on the rows a slack cannot start
// feasible, then the costs), an explicit inverse of the basis updated at
// every pivot and rebuilt by Gauss-Jordan elimination every
// refactorEvery pivots, Dantzig's rule (the most negative reduced cost)
// and Bland's (the first) after a run of degenerate pivots, which
// assignment-like programs have many of; Bland's rule cannot cycle.
// Columns are sparse; the inverse is dense, so a program of m rows
// costs m² per pivot and 8m² bytes: meant for a few hundred rows.
//
// # Why the bound is exact
//
// For any y with the signs of a dual (y_r <= 0 on a <= row, >= 0 on a
// >= row, free on an equality), and any upper bounds u with 0 <= x <= u
// implied by the program, weak duality gives
//
//	c·x >= y·b + Σ_j min(0, c_j - y·A_j) u_j
//
// for every feasible x. [Problem.Bound] evaluates the right-hand side
// for the solve's dual rounded to multiples of 2^-32, in big integers,
// with integer coefficients: the value is a proof, and a tight dual only
// makes it strong. gonum's lp.Simplex (dense standard form, no duals)
// would need a row per upper bound and gives no dual to certify with.
package lp
