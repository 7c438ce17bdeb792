// Command varmdo builds the Friday rota of the Värmdö trial with rostersat
// and prints it together with the evidence that it is fair.
//
// From November 2023 every social worker at Värmdö municipality's
// individual and family care office has Friday to Sunday off; four of them
// still work each Friday. Who works which Friday is a small combinatorial
// problem: absences, a senior and a child-protection worker on every
// Friday, at least four weeks between two Fridays of one person, and a fair
// share for everyone. The scenario itself is in package scenario
// (scenario/scenario.go).
//
// Run it from the repository root:
//
//	go run ./examples/varmdo
//
// It prints the rota (one line per Friday), a fairness table (each
// person's share of the Fridays and the count they got), the unmet
// requests, the objective with the bounds the solver proved, and solver
// statistics. The output is the same on every run; only -v adds a line of
// timings at the end. The program exits with status 1 if no rota is found
// or if the independent checker model.Check finds a broken rule.
//
// Flags:
//
//	-timeout 60s   stop the solver after this long and print the best rota found
//	-out file      write the schedule as indented JSON (default varmdo-schedule.json);
//	               "-" writes it to standard output and the report to standard error,
//	               "" writes nothing
//	-problem file  also write the problem as indented JSON, to edit or rerun
//	-spacing n     override the spacing, in weeks; with 7 no rota exists, and the
//	               program prints the rules that clash and the least to change
//	-v             print timings
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program: it parses args, solves, reports to stdout and
// writes files, and returns the exit status. Errors go to stderr.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("varmdo", flag.ContinueOnError)
	flags.SetOutput(stderr)
	timeout := flags.Duration("timeout", 60*time.Second, "stop the solver after this long and print the best rota found")
	out := flags.String("out", "varmdo-schedule.json", `write the schedule as JSON to this file ("-" for standard output, "" for none)`)
	problemFile := flags.String("problem", "", "also write the problem as JSON to this file")
	verbose := flags.Bool("v", false, "print timings")
	spacing := flags.Int("spacing", 0, "override the spacing, in weeks (try 7: no rota exists, and the program says why and what to change)")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// The report goes to standard output, unless the JSON does.
	w := stdout
	if *out == "-" {
		w = stderr
	}
	errorf := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "varmdo: "+format+"\n", a...)
		return 1
	}

	p := scenario.Problem()
	if *spacing > 0 {
		p.Rules.Spacing.Weeks = *spacing
	}
	if err := p.Validate(); err != nil {
		return errorf("invalid problem:\n%v", err)
	}
	if *problemFile != "" {
		if err := writeJSON(*problemFile, p, stdout); err != nil {
			return errorf("%v", err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	s, err := solver.Solve(ctx, p)
	switch {
	case s == nil || s.Status == model.Unknown:
		return errorf("no rota found: %v", orNone(err))
	case s.Status == model.Infeasible:
		explainInfeasible(ctx, w, p, err)
		return 1
	case s.Status == model.Feasible:
		// The solver stopped early, typically at the deadline, but hands
		// back the best rota it found and the bounds it proved.
		fmt.Fprintf(w, "Stopped early (%v): the rota below is the best found, not proven optimal.\n\n", orNone(err))
	}

	report(w, p, s)
	if *verbose {
		fmt.Fprintf(w, "\ntime: encode %v, solve %v, total %v\n",
			s.Stats.Encode.Round(time.Millisecond), s.Stats.Solve.Round(time.Millisecond), s.Stats.Total.Round(time.Millisecond))
	}

	if *out != "" {
		if err := writeJSON(*out, s, stdout); err != nil {
			return errorf("%v", err)
		}
	}

	// Never trust a solver blindly: model.Check verifies the rota against
	// the problem's rules, independently of the solver.
	if vs := model.Check(p, s); len(vs) > 0 {
		msg := fmt.Sprintf("the rota breaks %d rule(s):", len(vs))
		for _, v := range vs {
			msg += fmt.Sprintf("\n  %v", v)
		}
		return errorf("%s", msg)
	}
	return 0
}

// explainInfeasible prints why no rota exists and the least the office
// would have to give up for one.
func explainInfeasible(ctx context.Context, w io.Writer, p *model.Problem, err error) {
	var ie *solver.InfeasibleError
	if !errors.As(err, &ie) {
		fmt.Fprintf(w, "no rota satisfies the hard rules: %v\n", orNone(err))
		return
	}
	fmt.Fprint(w, ie.Explain())
	rel, err := solver.Relax(ctx, p)
	if rel == nil {
		fmt.Fprintf(w, "\nno relaxation found: %v\n", orNone(err))
		return
	}
	least := "the least there is"
	if !rel.Least {
		least = "the best found before the deadline, not proven least"
	}
	fmt.Fprintf(w, "\nTo have a rota, change %d rule(s) (%s):\n", rel.Weight, least)
	for _, c := range rel.Changes {
		fmt.Fprintf(w, "  - %s\n", c)
	}
}

// orNone makes a nil error readable in a message.
func orNone(err error) error {
	if err == nil {
		return errors.New("no reason given")
	}
	return err
}

// writeJSON writes v as indented JSON to the file name, or to stdout when
// name is "-".
func writeJSON(name string, v any, stdout io.Writer) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if name == "-" {
		_, err = stdout.Write(b)
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// unitAbbrev gives each unit a short label for the rota.
var unitAbbrev = map[string]string{
	scenario.Mottagning:       "MOT",
	scenario.BarnOchUnga:      "BoU",
	scenario.Vuxen:            "VUX",
	scenario.Forsorjningsstod: "FS",
}

// report prints the rota, the fairness table, the requests, the objective
// and the solver's statistics. Everything it prints is determined by p and
// the rota in s, so two runs give the same text.
func report(w io.Writer, p *model.Problem, s *model.Schedule) {
	staff := make(map[string]model.Staff, len(p.Staff))
	for _, st := range p.Staff {
		staff[st.ID] = st
	}

	fmt.Fprintln(w, p.Name)
	fmt.Fprintf(w, "%d Fridays from %s to %s, %d on duty each, %d social workers\n\n",
		len(s.Dates), p.Period.Start, p.Period.End, p.Rules.Coverage.PerDate, len(p.Staff))

	// The rota: one line per Friday.
	fmt.Fprintln(w, "Rota (* senior)")
	for _, r := range s.Dates {
		_, week := r.Date.Time().ISOWeek()
		line := fmt.Sprintf("  %s  v.%02d ", r.Date, week)
		for _, id := range r.Staff {
			line += fmt.Sprintf("  %-15s", label(staff[id]))
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}

	// Fairness: each person's share of all duties against what they got.
	fmt.Fprintln(w)
	total := 0
	for _, d := range s.Staff {
		total += d.Total
	}
	fmt.Fprintf(w, "Fairness (share = %d duties x weight / total weight, weight = percent x available Fridays)\n", total)
	rows := []string{"name\tunit\tavailable\tshare\trange\tduties\t"}
	dates := p.Period.DutyDates()
	outside := 0
	for _, d := range s.Staff {
		st := staff[d.ID]
		n := 0
		for _, date := range dates {
			if available(p, st, date) {
				n++
			}
		}
		mark := ""
		if d.Total < d.Low || d.Total > d.High {
			mark = "outside"
			outside++
		}
		rows = append(rows, fmt.Sprintf("%s\t%s\t%d\t%.2f\t%d-%d\t%d\t%s",
			st.Name, unitAbbrev[st.Unit]+percent(st), n, d.Share, d.Low, d.High, d.Total, mark))
	}
	table(w, rows)
	if outside == 0 {
		fmt.Fprintf(w, "  Everyone's duties are within the range of their share.\n")
	} else {
		fmt.Fprintf(w, "  %d of %d people are outside the range of their share.\n", outside, len(s.Staff))
	}

	// Requests: soft wishes, met or not.
	rows = rows[:0]
	unmet := 0
	for _, q := range p.Requests {
		onDuty := false
		for _, id := range s.Duties(q.Date) {
			onDuty = onDuty || id == q.Staff
		}
		met := "met"
		if onDuty == (q.Kind == model.Avoid) {
			met = "unmet"
			unmet++
		}
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\tweight %d\t%s", q.Date, staff[q.Staff].Name, q.Kind, max(q.Weight, 1), met))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Requests (%d of %d unmet)\n", unmet, len(p.Requests))
	table(w, rows)

	// The objective, level by level: fairness first, then requests.
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Objective: %s\n", s.Status)
	names := map[model.LevelKind]string{model.LevelFairness: "deviation D", model.LevelRequests: "request cost W"}
	for _, l := range s.Objective.Levels {
		fmt.Fprintf(w, "  %-15s %d  (proven lower bound %d)\n", names[l.Kind], l.Value, l.Bound)
	}

	fmt.Fprintln(w)
	if s.Stats.Solves == 0 && s.Status == model.Optimal {
		// The bounds computed before any search met the balanced rota.
		fmt.Fprintln(w, "Solver: proven by the flow bound on D and the Lagrangian bound on W, no SAT search needed")
		return
	}
	fmt.Fprintf(w, "Solver: %d variables, %d clauses, %d SAT calls\n", s.Stats.Variables, s.Stats.Clauses, s.Stats.Solves)
}

// table prints tab-separated rows as aligned, indented columns.
func table(w io.Writer, rows []string) {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, r)
	}
	tw.Flush()
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		fmt.Fprintln(w, "  "+strings.TrimRight(line, " "))
	}
}

// label is how a person appears on the rota: unit, first name, initial of
// the surname, and a star for seniors, as in "BoU Sara B.*".
func label(st model.Staff) string {
	name := st.Name
	if f := strings.Fields(name); len(f) > 1 {
		name = f[0] + " " + string([]rune(f[len(f)-1])[:1]) + "."
	}
	for _, r := range st.Roles {
		if r == scenario.Senior {
			name += "*"
		}
	}
	return fmt.Sprintf("%-3s %s", unitAbbrev[st.Unit], name)
}

// percent notes a part-time employment level, as in " 80%".
func percent(st model.Staff) string {
	if st.Percent == 0 || st.Percent == 100 {
		return ""
	}
	return fmt.Sprintf(" %d%%", st.Percent)
}

// available reports whether st can be on duty on d, following the
// Definitions of package model: within employment, not on an off weekday,
// and not absent.
func available(p *model.Problem, st model.Staff, d model.Date) bool {
	if (!st.Start.IsZero() && d.Before(st.Start)) || (!st.End.IsZero() && d.After(st.End)) {
		return false
	}
	for _, w := range st.OffWeekdays {
		if time.Weekday(w) == d.Weekday() {
			return false
		}
	}
	for _, a := range p.Absences {
		if a.Staff == st.ID && !d.Before(a.First) && !d.After(a.Last) {
			return false
		}
	}
	return true
}
