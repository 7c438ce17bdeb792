package lp

import (
	"context"
	"math/rand/v2"
	"testing"
)

// teamProgram is the shape of a caseload team's relaxation: cases each
// to one of workers, every worker within a load limit in two measures,
// and the largest deviation from an even share minimised.
func teamProgram(workers, cases int) *Problem {
	r := rand.New(rand.NewPCG(7, 8))
	p := &Problem{}
	x := make([][]int, cases)
	weight := make([]float64, cases)
	for c := range cases {
		weight[c] = float64(1 + r.IntN(3))
		var one []Term
		for range workers {
			j := p.AddVar(0)
			x[c] = append(x[c], j)
			one = append(one, Term{j, 1})
		}
		p.AddRow(Equal, 1, one)
	}
	d := p.AddVar(1)
	total := 0.0
	for _, w := range weight {
		total += w
	}
	share := float64(int(total) / workers)
	for s := range workers {
		var count, points []Term
		for c := range cases {
			count = append(count, Term{x[c][s], 1})
			points = append(points, Term{x[c][s], weight[c]})
		}
		p.AddRow(AtMost, float64(cases/workers+2), count)
		p.AddRow(AtLeast, share, append(points, Term{d, 1}))
		p.AddRow(AtMost, share+1, append(points[:len(points):len(points)], Term{d, -1}))
	}
	return p
}

// BenchmarkSolveTeam solves a program of a team's size (12 workers, 200
// cases: 236 rows): go test ./internal/lp -run XXX -bench Team.
func BenchmarkSolveTeam(b *testing.B) {
	p := teamProgram(12, 200)
	var sol Solution
	var err error
	for b.Loop() {
		sol, err = Solve(context.Background(), p, 0)
		if err != nil || sol.Status != Optimal {
			b.Fatal(sol.Status, err)
		}
	}
	b.ReportMetric(float64(sol.Pivots), "pivots")
	b.ReportMetric(float64(p.NumRows()), "rows")
}
