package solver

import (
	"context"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// SearchHeldRows exposes the held-row encoding (held.go, mend_rows.go) to
// the brute-force tests of package solver_test: it encodes p with the
// rows of held kept at their values in on, every other row free, the
// deviation at most most (negative: any), and returns the rota of a model
// and whether there is one. The search has no time limit: only for tiny
// problems.
func SearchHeldRows(p *model.Problem, on [][]bool, held []bool, most int) ([][]bool, bool) {
	free := make([]bool, len(held))
	for s, h := range held {
		free[s] = !h
	}
	e := rowsEncoding(newInstance(p), on, free)
	assume := []z.Lit{e.all}
	if most >= 0 {
		assume = append(assume, e.deviationAtMost(most))
	}
	out, err := e.ses.Solve(context.Background(), assume)
	if err != nil || out != engine.Sat {
		return nil, false
	}
	return e.rota(e.ses), true
}

// CheaperRows exposes cheaperRows (cheaper_rows.go) to the brute-force
// tests: the cheapest rota it finds with the rows of free searched and
// every other row held at on, the deviation at most most (negative: any),
// or nil when it finds nothing cheaper than on.
func CheaperRows(p *model.Problem, on [][]bool, free []bool, most int) [][]bool {
	r := &search{ctx: context.Background(), in: newInstance(p), order: p.Levels()}
	if most < 0 {
		most = noDeviation
	}
	return r.cheaperRows(on, free, most)
}
