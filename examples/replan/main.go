// Command replan re-plans the published Värmdö Friday rota after two
// workers fall sick, changing only what must change.
//
// The rota of the Värmdö trial (package scenario) is solved and published.
// On Monday 5 February 2024 two social workers, Ahmed Hassan and Sara
// Björk, are sick-listed for three weeks, to 25 February. The Fridays
// already lived are frozen; the rest is re-planned with the fewest changed
// person-dates first, then fairness, then requests. The program prints
// the change as a diff a scheduler can mail, the new fairness table next
// to the published duties, and how many changes solving afresh would have
// made instead.
//
// Run it from the repository root:
//
//	go run ./examples/replan
//
// Flags:
//
//	-timeout 60s  stop each solve after this long
//	-out file     write the re-planned schedule as indented JSON ("" writes nothing)
//
// It exits with status 1 when no rota is found or the independent checker
// rejects one.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
	"github.com/rostersat/rostersat/solver"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// The sick leave of the example: noticed on Monday 5 February 2024, so
// everything up to Sunday the 4th has happened and is frozen.
var (
	noticed = model.MustDate("2024-02-05")
	until   = model.MustDate("2024-02-25")
	sick    = []string{"ahmed", "sara"}
)

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("replan", flag.ContinueOnError)
	flags.SetOutput(stderr)
	timeout := flags.Duration("timeout", 60*time.Second, "stop each solve after this long")
	out := flags.String("out", "", "write the re-planned schedule as JSON to this file")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	errorf := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "replan: "+format+"\n", a...)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	p := scenario.Problem()
	published, err := solver.Solve(ctx, p)
	if err != nil {
		return errorf("publishing the rota: %v", err)
	}

	// The re-plan: the published rota as the baseline, frozen up to the
	// day before the sick leave was noticed, and the new absences.
	q := *p
	q.Absences = append([]model.Absence(nil), p.Absences...)
	for _, id := range sick {
		q.Absences = append(q.Absences, model.Absence{Staff: id, First: noticed, Last: until, Kind: model.SickLeave})
	}
	q.Baseline = published.Baseline(noticed.AddDays(-1))
	s, err := solver.Solve(ctx, &q)
	if err != nil {
		var ie *solver.InfeasibleError
		if errors.As(err, &ie) {
			fmt.Fprint(stdout, ie.Explain())
		}
		return errorf("re-planning: %v", err)
	}
	if vs := model.Check(&q, s); len(vs) > 0 {
		return errorf("the re-plan breaks %d rule(s), first: %v", len(vs), vs[0])
	}

	fmt.Fprintf(stdout, "%s\n\n", p.Name)
	fmt.Fprintf(stdout, "Noticed %s: %s sick to %s. The Fridays before %s are frozen.\n\n",
		noticed, names(p, sick), until, noticed)
	diff := model.Compare(&q, published.Dates, s)
	fmt.Fprintf(stdout, "Changes to the published rota (%d person-dates):\n", diff.Changes())
	for _, d := range diff.Dates {
		fmt.Fprintf(stdout, "  %s\n", d)
	}
	fmt.Fprintln(stdout)
	report.Fairness(stdout, &q, s, published, scenario.Labels)
	fmt.Fprintln(stdout)
	report.Objective(stdout, s)

	// What solving afresh would have done: the lived Fridays pinned, the
	// rest free, the same rules and levels but no baseline.
	afresh, err := solveAfresh(ctx, &q)
	if err != nil {
		return errorf("solving afresh: %v", err)
	}
	fmt.Fprintf(stdout, "\nSolving afresh, with the lived Fridays pinned, would change %d person-dates.\n",
		model.Compare(&q, published.Dates, afresh).Changes())

	if *out != "" {
		b, err := json.MarshalIndent(s, "", "  ")
		if err == nil {
			err = os.WriteFile(*out, append(b, '\n'), 0o644)
		}
		if err != nil {
			return errorf("%v", err)
		}
		fmt.Fprintf(stdout, "Wrote the re-planned schedule to %s.\n", *out)
	}
	return 0
}

// solveAfresh solves q without its baseline, its frozen rosters turned
// into pins: what an office without re-planning would do.
func solveAfresh(ctx context.Context, q *model.Problem) (*model.Schedule, error) {
	fresh := *q
	fresh.Baseline = nil
	fresh.Pins = append([]model.Pin(nil), q.Pins...)
	for _, r := range q.Baseline.Dates {
		if !q.Baseline.Frozen(r.Date) {
			continue
		}
		on := map[string]bool{}
		for _, id := range r.Staff {
			on[id] = true
		}
		for _, st := range q.Staff {
			fresh.Pins = append(fresh.Pins, model.Pin{Staff: st.ID, Date: r.Date, Work: on[st.ID]})
		}
	}
	return solver.Solve(ctx, &fresh)
}

// names lists the people's names, as "A and B are".
func names(p *model.Problem, ids []string) string {
	var out []string
	for _, id := range ids {
		for _, st := range p.Staff {
			if st.ID == id {
				out = append(out, st.DisplayName())
			}
		}
	}
	if len(out) == 2 {
		return out[0] + " and " + out[1] + " are"
	}
	return fmt.Sprint(out) + " are"
}
