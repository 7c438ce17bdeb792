// Command casesim simulates a year of weekly intake at the benchmark's
// 30-worker caseload office and compares how four policies give out the
// new cases: rostersat's optimum, round-robin, least-loaded and a
// per-unit queue (see package bench/casesim for the model).
//
//	go run ./bench/cmd/casesim                 # 52 weeks, seed 1, table on stdout
//	go run ./bench/cmd/casesim -out results    # also results/casesim.md and casesim.svg
//
// Flags: -seed n, -weeks n, -timeout d (each weekly solve), -out dir.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/rostersat/rostersat/bench/casesim"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

func main() {
	seed := flag.Int64("seed", 1, "the office and the intake")
	weeks := flag.Int("weeks", 52, "weeks to simulate")
	timeout := flag.Duration("timeout", 10*time.Second, "the bound on each weekly solve")
	out := flag.String("out", "", "directory for casesim.md and casesim.svg; empty writes nothing")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *seed, *weeks, *timeout, *out); err != nil {
		fmt.Fprintln(os.Stderr, "casesim:", err)
		os.Exit(1)
	}
}

// config is the simulation of the generated office: arrivals a week per
// unit and kind set so that the open cases stay about level (what is
// open divided by the weeks a case takes).
func config(seed int64, weeks int, timeout time.Duration) (casesim.Config, error) {
	office, err := gen.CaseOffice(gen.CasesS, seed)
	if err != nil {
		return casesim.Config{}, err
	}
	work := map[model.CaseKind]float64{model.Investigation: 8, model.FollowUp: 30, model.OtherCase: 6}
	per := map[string]map[model.CaseKind]float64{}
	for _, c := range office.Cases {
		if per[c.Unit] == nil {
			per[c.Unit] = map[model.CaseKind]float64{}
		}
		per[c.Unit][c.Kind] += 1 / work[c.Kind]
	}
	return casesim.Config{Office: office, Weeks: weeks, PerWeek: per, WorkWeeks: work, FollowUpShare: 0.3,
		Seed: uint64(seed), Timeout: timeout}, nil
}

func run(ctx context.Context, w io.Writer, seed int64, weeks int, timeout time.Duration, dir string) error {
	cfg, err := config(seed, weeks, timeout)
	if err != nil {
		return err
	}
	policies := []casesim.Policy{casesim.Optimum{}, &casesim.RoundRobin{}, casesim.LeastLoaded{}, casesim.Queue{}}
	var results []casesim.Result
	for _, pol := range policies {
		res, err := casesim.Run(ctx, cfg, pol)
		if err != nil {
			return fmt.Errorf("%s: %w", pol.Name(), err)
		}
		results = append(results, res)
	}
	table := casesim.Table(results, fmt.Sprintf("%d workers, %d weeks from %s, seed %d", len(cfg.Office.Staff), cfg.Weeks, cfg.Office.Date, seed))
	fmt.Fprint(w, table)
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "casesim.md"), []byte(table)); err != nil {
		return err
	}
	return chart(results, filepath.Join(dir, "casesim.svg"))
}

// chart draws each policy's highest load a week.
func chart(results []casesim.Result, path string) error {
	p := plot.New()
	p.Title.Text = "Highest load of any worker, week by week"
	p.X.Label.Text = "week"
	p.Y.Label.Text = "points per full-time worker"
	var lines []any
	for _, r := range results {
		pts := make(plotter.XYs, len(r.Weekly))
		for i, v := range r.Weekly {
			pts[i] = plotter.XY{X: float64(i + 1), Y: v}
		}
		lines = append(lines, r.Policy, pts)
	}
	if err := plotutil.AddLines(p, lines...); err != nil {
		return err
	}
	wt, err := p.WriterTo(8*vg.Inch, 4*vg.Inch, "svg")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := wt.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writeFile writes through a temporary file, so that nothing is left
// half-written.
func writeFile(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
