package lp_test

import (
	"context"
	"fmt"

	"github.com/rostersat/rostersat/internal/lp"
)

// Two workers share three cases, each at most two; the first costs 1 a
// case, the second 2, and a case may be split. The optimum and its proof:
// the exact bound from the duals, rounded up.
func Example() {
	var p lp.Problem
	a, b := p.AddVar(1), p.AddVar(2)
	p.AddRow(lp.Equal, 3, []lp.Term{{Var: a, Coef: 1}, {Var: b, Coef: 1}})
	p.AddRow(lp.AtMost, 2, []lp.Term{{Var: a, Coef: 1}})
	p.AddRow(lp.AtMost, 2, []lp.Term{{Var: b, Coef: 1}})
	sol, err := lp.Solve(context.Background(), &p, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	bound, ok := p.Bound(sol.Duals, []float64{3, 3})
	fmt.Println(sol.Status, sol.Value, sol.X, ok, lp.Ceil(bound))
	// Output: optimal 4 [2 1] true 4
}
