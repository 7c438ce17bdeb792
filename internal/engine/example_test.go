package engine_test

import (
	"context"
	"fmt"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// Three people, two of whom must work and two of whom may not work
// together, and two weighted wishes: the optimiser finds the cheapest
// model and proves that nothing cheaper exists.
func Example() {
	s := engine.New(0, 0)
	s.Satisfiable()
	x := []z.Lit{s.Lit(), s.Lit(), s.Lit()}
	two, notBoth := s.Lit(), s.Lit() // the guards of the two rules
	card.Clause(engine.Guarded(s, two), card.Totalizer(s, x, 2)[1])
	card.Clause(engine.Guarded(s, notBoth), x[0].Not(), x[1].Not())
	wishes := engine.Sum{Softs: []engine.Soft{{Lit: x[2].Not(), Weight: 3}, {Lit: x[0].Not(), Weight: 1}}}
	o := &engine.Optimizer{S: s, Levels: []engine.Level{wishes}, Base: []z.Lit{two, notBoth}}
	var on []bool
	o.Better = func([]int) { on = []bool{s.Value(x[0]), s.Value(x[1]), s.Value(x[2])} }
	if err := o.Run(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("cost", o.Values[0], "proven", o.Bounds[0], "on duty:", on)
	// Output:
	// cost 3 proven 3 on duty: [false true true]
}

// Four rules behind guards: three that cannot all hold (a; a implies b;
// not b) and one beside the point (a or b). The shrunk core names the
// three, each of which the others can live without.
func ExampleSession_Shrink() {
	s := engine.New(0, 0)
	s.Satisfiable()
	a, b := s.Lit(), s.Lit()
	g := []z.Lit{s.Lit(), s.Lit(), s.Lit(), s.Lit()}
	card.Clause(engine.Guarded(s, g[0]), a)
	card.Clause(engine.Guarded(s, g[1]), a.Not(), b)
	card.Clause(engine.Guarded(s, g[2]), b.Not())
	card.Clause(engine.Guarded(s, g[3]), a, b)
	out, _ := s.Solve(context.Background(), g)
	core, _ := s.Shrink(context.Background(), append([]z.Lit(nil), s.Failed()...), engine.Hints{})
	names := map[z.Lit]string{g[0]: "a", g[1]: "a implies b", g[2]: "not b", g[3]: "a or b"}
	fmt.Println(out == engine.Unsat)
	for _, m := range core {
		fmt.Println(names[m])
	}
	// Output:
	// true
	// not b
	// a implies b
	// a
}
