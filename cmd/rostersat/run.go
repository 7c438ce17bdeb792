package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
	"github.com/rostersat/rostersat/solver"
	"github.com/rostersat/rostersat/sweep"
)

// The exit codes.
const (
	exitOK      = 0
	exitNo      = 1 // no rota or plan, violations, or the deadline first
	exitBadUsed = 2 // bad input or usage
)

const usage = `usage: rostersat <command> [flags] <files>

commands:
  solve   [-timeout d] [-out file.json|.csv|.ics|.html] scenario   build the rota
          (-out name.<staff-id>.ics: one person's duties)
  check   scenario schedule.json                            check a schedule
  explain [-timeout d] scenario                             why no rota exists
  cases   [-timeout d] [-out plan.json] caseload            build a caseload plan
  schema  [-out file]                                       the JSON Schema of scenarios
  sweep   [-vary key=v1,v2]... [-shard i/n] [-out rows.csv] [-chart f.svg] scenario
                                                            solve every variant, each within -timeout
  replan  [-frozen-until date] [-away staff:first:last[:kind]]... [-out file] scenario published.json
                                                            re-plan a published rota, fewest changes first

On a terminal, solve and cases show the best so far and the proven
bounds on stderr as they improve; -quiet turns that off.
`

// run is the command line: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitBadUsed
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("rostersat "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	timeout := fs.Duration("timeout", 60*time.Second, "bound on the solve; the best found is reported")
	out := fs.String("out", "", "also write the result to this file (.json; for a rota also .csv, .ics, .html)")
	quiet := fs.Bool("quiet", false, "no progress line, even on a terminal")
	var vary sweep.Flag
	fs.Var(&vary, "vary", "sweep: a rule and its values, key=v1,v2 (repeatable; every combination). Keys: "+sweep.Knobs())
	shard := fs.String("shard", "0/1", "sweep: run the variants i, i+n, i+2n, ... of i/n (from 0, as the bench), for a batch array")
	chart := fs.String("chart", "", "sweep: also draw duties per variant (.svg or .png)")
	var frozen model.Date
	fs.TextVar(&frozen, "frozen-until", model.Date{}, "replan: keep the published rosters up to this date (YYYY-MM-DD)")
	var away []model.Absence
	fs.Func("away", "replan: staff:first:last[:kind], a new absence (repeatable)", func(v string) error {
		a, err := parseAway(v)
		if err == nil {
			away = append(away, a)
		}
		return err
	})
	if err := fs.Parse(args); err != nil {
		return exitBadUsed
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	files := fs.Args()
	want := map[string]int{"solve": 1, "check": 2, "explain": 1, "cases": 1, "schema": 0, "replan": 2, "sweep": 1}
	n, ok := want[cmd]
	switch {
	case !ok:
		fmt.Fprintf(stderr, "rostersat: no command %q\n%s", cmd, usage)
		return exitBadUsed
	case len(files) != n:
		fmt.Fprintf(stderr, "rostersat %s: want %d file(s), got %d\n%s", cmd, n, len(files), usage)
		return exitBadUsed
	}
	if cmd == "schema" {
		return schema(*out, stdout, stderr)
	}
	if cmd == "sweep" {
		return runSweep(files[0], vary, *shard, *timeout, *out, *chart, stdout, stderr)
	}
	prog := progressLine(stderr, *quiet)
	defer prog.done()
	switch cmd {
	case "solve":
		return solve(ctx, files[0], *out, stdout, stderr, prog)
	case "check":
		return check(files[0], files[1], stdout, stderr)
	case "explain":
		return explain(ctx, files[0], stdout, stderr)
	case "replan":
		return replan(ctx, files[0], files[1], frozen, away, *out, stdout, stderr, prog)
	}
	return cases(ctx, files[0], *out, stdout, stderr, prog)
}

func solve(ctx context.Context, path, out string, stdout, stderr io.Writer, prog *progress) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	return rota(ctx, p, out, stdout, stderr, prog, func(s *model.Schedule) {
		labels := report.Labels{}
		report.Rota(stdout, p, s, labels)
		fmt.Fprintln(stdout)
		report.Fairness(stdout, p, s, nil, labels)
		report.Measures(stdout, p, s, labels)
	})
}

// rota solves p, prints it with show, then the objective, and writes
// it to out; the exit code says whether it is proven optimal.
func rota(ctx context.Context, p *model.Problem, out string, stdout, stderr io.Writer, prog *progress, show func(*model.Schedule)) int {
	s, err := solver.Solve(ctx, p, solver.WithProgress(func(pr solver.Progress) { prog.show(pr.Levels, pr.Elapsed) }))
	prog.done()
	var ie *solver.InfeasibleError
	switch {
	case errors.As(err, &ie):
		fmt.Fprint(stdout, ie.Explain())
		return exitNo
	case s == nil || (s.Status != model.Optimal && s.Status != model.Feasible):
		fmt.Fprintf(stderr, "rostersat: no rota: %v\n", errText(err))
		return exitNo
	}
	show(s)
	report.Objective(stdout, s)
	fmt.Fprintf(stdout, "status %s\n", s.Status)
	if out != "" {
		if err := writeSchedule(out, p, s); err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
	}
	if s.Status != model.Optimal {
		fmt.Fprintf(stderr, "rostersat: the deadline came first (%v): the rota keeps every rule, its optimality is bounded as shown\n", err)
		return exitNo
	}
	return exitOK
}

func check(path, schedulePath string, stdout, stderr io.Writer) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	s, err := readSchedule(schedulePath)
	if err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return exitBadUsed
	}
	v := model.Check(p, s)
	for _, x := range v {
		fmt.Fprintln(stdout, x)
	}
	if len(v) > 0 {
		fmt.Fprintf(stdout, "%d violation(s)\n", len(v))
		return exitNo
	}
	fmt.Fprintln(stdout, "the schedule keeps every rule and reports its figures right")
	return exitOK
}

func explain(ctx context.Context, path string, stdout, stderr io.Writer) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	_, err := solver.Solve(ctx, p)
	var ie *solver.InfeasibleError
	if !errors.As(err, &ie) {
		if err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
		fmt.Fprintln(stdout, "a rota exists: nothing to explain")
		return exitOK
	}
	fmt.Fprint(stdout, ie.Explain())
	// The least change is found in a fraction of a second; the rota
	// without the dropped rules is then optimised, which on a tight clash
	// can run to the deadline (issue 13), so the relaxation gets at most
	// relaxTime.
	ctx, cancel := context.WithTimeout(ctx, relaxTime)
	defer cancel()
	rel, err := solver.Relax(ctx, p)
	if rel == nil {
		fmt.Fprintf(stdout, "\nno relaxation found: %v\n", err)
	} else {
		fmt.Fprint(stdout, "\n"+rel.Explain())
	}
	return exitNo
}

// replan re-plans a published schedule: its dates up to frozen are kept,
// the new absences are added, and the fewest changed person-dates come
// first (model.LevelChanges); it prints the changes as a scheduler would
// mail them.
func replan(ctx context.Context, path, publishedPath string, frozen model.Date, away []model.Absence, out string, stdout, stderr io.Writer, prog *progress) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	published, err := readSchedule(publishedPath)
	if err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return exitBadUsed
	}
	q := *p
	q.Absences = append(append([]model.Absence(nil), p.Absences...), away...)
	q.Baseline = published.Baseline(frozen)
	if err := q.Validate(); err != nil {
		fmt.Fprintf(stderr, "rostersat: the re-plan of %s:\n%v\n", path, err)
		return exitBadUsed
	}
	return rota(ctx, &q, out, stdout, stderr, prog, func(s *model.Schedule) {
		fmt.Fprintln(stdout, model.Compare(&q, published.Dates, s))
	})
}

// parseAway reads staff:first:last[:kind].
func parseAway(v string) (model.Absence, error) {
	parts := strings.Split(v, ":")
	if len(parts) < 3 || len(parts) > 4 {
		return model.Absence{}, fmt.Errorf("%q: want staff:first:last or staff:first:last:kind", v)
	}
	a := model.Absence{Staff: parts[0]}
	var err error
	if a.First, err = model.ParseDate(parts[1]); err != nil {
		return a, err
	}
	if a.Last, err = model.ParseDate(parts[2]); err != nil {
		return a, err
	}
	if len(parts) == 4 {
		a.Kind = model.AbsenceKind(parts[3])
	}
	return a, nil
}

// relaxTime bounds the relaxation after an explanation.
const relaxTime = 5 * time.Second

// schema prints (or writes) the JSON Schema of rota scenarios, for
// editors.
func schema(out string, stdout, stderr io.Writer) int {
	b, err := scenarioSchema()
	if err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return exitNo
	}
	if out == "" {
		stdout.Write(append(b, '\n'))
		return exitOK
	}
	if err := writeFile(out, append(b, '\n')); err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return exitNo
	}
	return exitOK
}

func cases(ctx context.Context, path, out string, stdout, stderr io.Writer, prog *progress) int {
	p, code := readCaseProblem(path, stderr)
	if p == nil {
		return code
	}
	plan, err := caseload.Assign(ctx, p, caseload.WithProgress(func(pr caseload.Progress) { prog.show(pr.Levels, pr.Elapsed) }))
	prog.done()
	var ie *caseload.InfeasibleError
	switch {
	case errors.As(err, &ie):
		fmt.Fprint(stdout, ie.Explain())
		return exitNo
	case plan == nil || (plan.Status != model.Optimal && plan.Status != model.Feasible):
		fmt.Fprintf(stderr, "rostersat: no plan: %v\n", err)
		return exitNo
	}
	report.Caseload(stdout, p, plan, report.Labels{})
	fmt.Fprintf(stdout, "status %s\n", plan.Status)
	if out != "" {
		if err := writeJSON(out, plan); err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
	}
	if plan.Status != model.Optimal {
		fmt.Fprintf(stderr, "rostersat: not proven optimal (%v): the plan keeps every rule, its optimality is bounded as shown\n", err)
		return exitNo
	}
	return exitOK
}
