package caseload_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
)

// BenchmarkAssign solves the benchmark's two caseload offices to the
// proven optimum: go test ./caseload -run XXX -bench Assign.
func BenchmarkAssign(b *testing.B) {
	for _, sp := range []gen.CaseSpec{gen.CasesS, gen.CasesL} {
		p, err := gen.CaseOffice(sp, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dx%d", sp.Workers, sp.Cases), func(b *testing.B) {
			var plan *model.CasePlan
			for b.Loop() {
				plan, err = caseload.Assign(context.Background(), p)
				if err != nil {
					b.Fatal(err)
				}
			}
			if plan.Status != model.Optimal {
				b.Fatalf("status %s", plan.Status)
			}
			b.ReportMetric(float64(plan.Stats.Clauses), "clauses")
			b.ReportMetric(float64(plan.Objective.Moves), "moves")
			b.ReportMetric(float64(plan.Objective.Deviation), "deviation")
		})
	}
}
