package report_test

import (
	"os"

	"github.com/rostersat/rostersat/bench/report"
	"github.com/rostersat/rostersat/model"
)

// Two runners on one small instance: the SAT solver and CBC both prove the
// optimum (D=1, W=10); the ratio column compares each with CBC, the
// fastest peer.
func ExampleMarkdown() {
	ms := []report.Measure{
		{Instance: "ST-seed1", Size: "ST", Staff: 28, Dates: 30, Runner: "cbc", Kind: report.KindPeer,
			Status: model.Optimal, Deviation: 1, DeviationBound: 1, RequestCost: 10, RequestCostBound: 10,
			Seconds: 0.08, SolveSeconds: 0.078, EncodeSeconds: 0.002, PeakBytes: 20 << 20, Memory: report.MemoryRSS},
		{Instance: "ST-seed1", Size: "ST", Staff: 28, Dates: 30, Runner: "sat", Kind: report.KindSolver,
			Status: model.Optimal, Deviation: 1, DeviationBound: 1, RequestCost: 10, RequestCostBound: 10,
			Seconds: 0.02, PeakBytes: 15 << 20, Memory: report.MemoryRSS},
	}
	if err := report.Markdown(os.Stdout, ms); err != nil {
		panic(err)
	}
	// Output:
	// ### Time to answer
	//
	// Wall time of each run; in brackets, for runs that proved their answer, the ratio to the fastest peer that proved the optimum on the instance.
	//
	// | instance | staff × dates | sat | cbc |
	// |---|---|---|---|
	// | ST-seed1 | 28 × 30 | 0.02 s (0.25) | 0.08 s (1.00) |
	//
	// ### Quality
	//
	// Outcome and (fairness deviation D, request cost W); lower is better, D first.
	//
	// | instance | staff × dates | sat | cbc |
	// |---|---|---|---|
	// | ST-seed1 | 28 × 30 | optimal (1, 10) | optimal (1, 10) |
	//
	// ### Runs
	//
	// | instance | runner | status | D | D bound | W | W bound | time | ratio | encode | solve | peak MiB | checker | note |
	// |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
	// | ST-seed1 | sat | optimal | 1 | 1 | 10 | 10 | 0.02 s | 0.25 | | | 15 | ok | |
	// | ST-seed1 | cbc | optimal | 1 | 1 | 10 | 10 | 0.08 s | 1.00 | 0.002 s | 0.078 s | 20 | ok | |
}
