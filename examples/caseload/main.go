// Command caseload plans the open cases of the Värmdö office (the
// people of the Friday rota, examples/varmdo) on Monday 4 March 2024:
// who holds which investigation and follow-up case, with no capacity
// exceeded, the fewest cases moved from their worker, loads balanced by
// employment within each unit, near deadlines spread, and the cheapest
// language match; then the reference caseload the office can sustain.
//
// Run it from the repository root:
//
//	go run ./examples/caseload
//
// The Friday duty of that week comes from the rota itself (solved
// first): those on duty carry four points less. With -even it also plans
// with balance before continuity, to show what evening out the loads
// would cost in moved cases (a few seconds more); -problem file writes the
// caseload problem as JSON, for the command line (rostersat cases). The
// output is the same on every run. The program exits with status 1 when no plan exists or
// the independent checker model.CheckCases rejects it.
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

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
	"github.com/rostersat/rostersat/solver"
)

func main() {
	even := flag.Bool("even", false, "also plan with balance before continuity, and print what it moves")
	problem := flag.String("problem", "", "also write the caseload problem as indented JSON, for rostersat cases")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *even, *problem); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, even bool, problemFile string) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	onDuty, friday, err := fridayDuty(ctx)
	if err != nil {
		return err
	}
	p := office(onDuty)
	if problemFile != "" {
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(problemFile, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "%s: %d caseworkers, %d open cases; on Friday duty %s: %v\n\n", p.Name, len(p.Staff), len(p.Cases), friday, onDuty)
	plan, err := caseload.Assign(ctx, p)
	var ie *caseload.InfeasibleError
	switch {
	case errors.As(err, &ie):
		fmt.Fprint(w, ie.Explain())
		return errors.New("no plan")
	case err != nil:
		return err
	}
	if v := model.CheckCases(p, plan); len(v) > 0 {
		return fmt.Errorf("the checker rejects the plan: %v", v[0])
	}
	report.Caseload(w, p, plan, scenario.Labels)
	fmt.Fprintf(w, "  status %s\n\n", plan.Status)
	if even {
		// The same office with balance before continuity: what evening
		// out the loads would cost in moved cases.
		p.Objective = []model.LevelKind{model.LevelBalance, model.LevelMoves, model.LevelDeadlines, model.LevelAffinity}
		plan, err := caseload.Assign(ctx, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "With balance before continuity (objective %v):\n", p.Objective)
		report.Caseload(w, p, plan, scenario.Labels)
		fmt.Fprintf(w, "  status %s\n\n", plan.Status)
	}
	rows, err := caseload.Reference(p, flows)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Reference caseload (Little's law: open at a time = new a month x months open):")
	report.Reference(w, rows)
	return nil
}

// fridayDuty solves the Friday rota and returns who is on duty in the
// week of planDate.
func fridayDuty(ctx context.Context) ([]string, model.Date, error) {
	s, err := solver.Solve(ctx, scenario.Problem())
	if err != nil {
		return nil, model.Date{}, fmt.Errorf("the Friday rota: %w", err)
	}
	for _, r := range s.Dates {
		if d := planDate.DaysUntil(r.Date); d >= 0 && d < 7 {
			return r.Staff, r.Date, nil
		}
	}
	return nil, model.Date{}, nil
}
