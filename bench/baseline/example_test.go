package baseline_test

import (
	"context"
	"fmt"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/bench/baseline"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// The three baselines on the Värmdö office, each rota checked by
// model.Check. The local search gets a fixed budget of moves and no time
// limit, so that its result is the same on every machine.
func Example() {
	p, err := gen.Office(gen.S, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	runners := []bench.Runner{
		baseline.Rotation{},
		baseline.Greedy{},
		baseline.LocalSearch{Seed: 1, Moves: 20_000, TimeLimit: -1},
	}
	for _, r := range runners {
		s, err := r.Run(context.Background(), p)
		if err != nil {
			fmt.Println(r.Name(), err)
			continue
		}
		fmt.Printf("%-12s %s D=%d W=%d violations=%d\n", r.Name(), s.Status,
			s.Objective.Deviation, s.Objective.RequestCost, len(model.Check(p, s)))
	}
	// Output:
	// rotation     feasible D=4 W=80 violations=0
	// greedy       feasible D=0 W=81 violations=0
	// local-search feasible D=0 W=25 violations=0
}
