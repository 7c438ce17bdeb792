// Command rostersat builds Friday rotas and caseload plans from scenario
// files, for schedulers and unit managers who do not write Go.
//
//	rostersat solve scenario.yaml              # the rota, the fairness table, the objective
//	rostersat solve -out rota.csv scenario.yaml # also the schedule: .json, .csv, .ics or .html
//	rostersat solve -out rota.html -out rota.ics scenario.yaml # several files from one solve
//	rostersat solve -out rota.sara.ics scenario.yaml # one person's duties, for their calendar
//	rostersat check scenario.yaml schedule.json # the independent checker on a schedule made elsewhere
//	rostersat explain scenario.yaml            # why no rota exists, and the least to change
//	rostersat cases -out plan.json cases.yaml  # a caseload plan; without one, why, and the least to drop
//	rostersat help solve                       # a command's flags (or rostersat solve -h)
//
// A scenario is a model.Problem (a caseload, a model.CaseProblem) in JSON
// or YAML, by the file's extension (.yaml, .yml; anything else is JSON),
// with the field names of the JSON schema; unknown fields are errors that
// name the field, a line each, with the file, line and column. Every run
// is bounded by -timeout (default 60s), after which the best found is
// reported with its proven bounds. An -out file's name says its format;
// a name the command cannot write is a usage error before any solving.
// Files are written whole or not at all (a temporary file, then a
// rename), readable by all (0644).
//
// Exit codes: 0 solved (or the schedule is sound), 1 no rota or plan
// exists or the checker found violations or the deadline came first, 2
// bad input or usage.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
