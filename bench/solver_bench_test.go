package bench_test

import (
	"context"
	"testing"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// benchmarkSize solves the bench instance of a size (seed 1) b.N times.
// The instance is generated once, outside the timed loop; every answer
// must be optimal and pass the checker. Compare commits with benchstat:
//
//	go test -run XXX -bench . -count 10 ./bench > new.txt
//	benchstat old.txt new.txt
func benchmarkSize(b *testing.B, size gen.Size) {
	p, err := gen.Office(size, 1)
	if err != nil {
		b.Fatal(err)
	}
	var s *model.Schedule
	for b.Loop() {
		s, err = solver.Solve(context.Background(), p)
		if err != nil || s.Status != model.Optimal {
			b.Fatalf("status %v, error %v", s.Status, err)
		}
	}
	if v := model.Check(p, s); len(v) > 0 {
		b.Fatalf("check: %v", v[0])
	}
	b.ReportMetric(float64(s.Objective.Deviation), "D")
	b.ReportMetric(float64(s.Objective.RequestCost), "W")
	b.ReportMetric(float64(s.Stats.Clauses), "clauses")
	b.ReportMetric(float64(s.Stats.Solves), "solves")
	b.ReportMetric(float64(s.Stats.Encode.Microseconds())/1000, "encode-ms")
	b.ReportMetric(float64(s.Stats.Solve.Microseconds())/1000, "sat-ms")
}

func BenchmarkSolveS(b *testing.B)  { benchmarkSize(b, gen.S) }
func BenchmarkSolveST(b *testing.B) { benchmarkSize(b, gen.ST) }
func BenchmarkSolveM(b *testing.B)  { benchmarkSize(b, gen.M) }
func BenchmarkSolveMT(b *testing.B) { benchmarkSize(b, gen.MT) }
func BenchmarkSolveL(b *testing.B)  { benchmarkSize(b, gen.L) }
func BenchmarkSolveXL(b *testing.B) { benchmarkSize(b, gen.XL) }
