package card_test

import (
	"fmt"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// A totalizer counts in unary: with three of five inputs true, the outputs
// "at least 1", "at least 2" and "at least 3" are true and "at least 4" is
// not.
func ExampleTotalizer() {
	g := gini.New()
	in := make([]z.Lit, 5)
	for i := range in {
		in[i] = g.Lit()
	}
	out := card.Totalizer(g, in, 4)
	g.Assume(in[0], in[2], in[4], in[1].Not(), in[3].Not())
	g.Solve()
	for k, o := range out {
		fmt.Printf("at least %d: %v\n", k+1, g.Value(o))
	}
	// Output:
	// at least 1: true
	// at least 2: true
	// at least 3: true
	// at least 4: false
}
