package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/rostersat/rostersat/sweep"
)

// variantResult is one variant of a sweep.
type variantResult struct {
	label           string
	status          string
	deviation, cost string
	rhythm          string // the rhythm level, or the measure when it is no level
	low, high       int    // fewest and most duties of anyone
	reason          string
}

// runSweep solves every variant of the scenario in this shard (the
// variants whose position is i modulo n, for shard i/n counted from 0 as
// the bench counts), each with its own timeout, prints a table, and
// writes CSV rows (a header in shard 0 only, so that shards merge by
// concatenation) and a chart of the duties.
func runSweep(path string, vary sweep.Flag, shard string, timeout time.Duration, out, chart string, stdout, stderr io.Writer) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	i, n, err := sweep.ParseShard(shard)
	if err != nil {
		fmt.Fprintln(stderr, "rostersat sweep:", err)
		return exitBadUsed
	}
	var results []variantResult
	for k, combo := range sweep.Combinations(vary) {
		if k%n != i {
			continue
		}
		q := *p
		q.Rules = p.Rules
		q.Rules.Windows = append([]model.Window(nil), p.Rules.Windows...)
		q.Rules.UnitMaximums = append([]model.UnitMaximum(nil), p.Rules.UnitMaximums...)
		r := variantResult{label: sweep.Label(combo)}
		if err := sweep.Apply(&q, combo); err != nil {
			r.status, r.reason = "invalid", err.Error()
			results = append(results, r)
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		s, err := solver.Solve(ctx, &q)
		cancel()
		var ie *solver.InfeasibleError
		switch {
		case errors.As(err, &ie):
			r.status = "infeasible"
			if len(ie.Arguments) > 0 {
				r.reason = ie.Arguments[0]
			} else if len(ie.Reasons) > 0 {
				r.reason = ie.Reasons[0].Text
			}
		case s == nil || (s.Status != model.Optimal && s.Status != model.Feasible):
			r.status, r.reason = "no rota", errText(err)
		default:
			r.status = s.Status.String()
			r.deviation, r.cost = levelText(s, model.LevelFairness), levelText(s, model.LevelRequests)
			r.rhythm = levelText(s, model.LevelRhythm)
			if r.rhythm == "" {
				r.rhythm = strconv.Itoa(s.Objective.Rhythm)
			}
			r.low, r.high = 1<<30, 0
			for _, d := range s.Staff {
				r.low, r.high = min(r.low, len(d.Dates)), max(r.high, len(d.Dates))
			}
		}
		results = append(results, r)
	}
	printSweep(stdout, results)
	if out != "" {
		if err := writeFile(out, sweepCSV(results, i == 0)); err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
	}
	if chart != "" {
		if err := sweepChart(chart, results); err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
	}
	return exitOK
}

func errText(err error) string {
	if err == nil {
		return "no answer"
	}
	return err.Error()
}

// levelText is a level's value, with its bound when not proven.
func levelText(s *model.Schedule, kind model.LevelKind) string {
	l, ok := s.Objective.Level(kind)
	if !ok {
		return ""
	}
	if l.Bound == l.Value {
		return strconv.Itoa(l.Value)
	}
	return fmt.Sprintf("%d (>= %d)", l.Value, l.Bound)
}

func printSweep(w io.Writer, rs []variantResult) {
	fmt.Fprintf(w, "%-50s %-10s %-10s %-10s %-12s %-8s %s\n", "variant", "status", "fairness D", "rhythm R", "requests W", "duties", "why not")
	for _, r := range rs {
		duties := ""
		if r.deviation != "" {
			duties = fmt.Sprintf("%d-%d", r.low, r.high)
		}
		fmt.Fprintf(w, "%-50s %-10s %-10s %-10s %-12s %-8s %s\n", r.label, r.status, r.deviation, r.rhythm, r.cost, duties, r.reason)
	}
}

func sweepCSV(rs []variantResult, header bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if header {
		_ = w.Write([]string{"variant", "status", "deviation", "rhythm", "requestCost", "fewestDuties", "mostDuties", "reason"})
	}
	for _, r := range rs {
		lo, hi := "", ""
		if r.deviation != "" {
			lo, hi = strconv.Itoa(r.low), strconv.Itoa(r.high)
		}
		_ = w.Write([]string{r.label, r.status, r.deviation, r.rhythm, r.cost, lo, hi, r.reason})
	}
	w.Flush()
	return b.Bytes()
}

// sweepChart draws the fewest and most duties of anyone per variant, a
// bar pair each (empty for a variant without a rota); the extension
// picks SVG or PNG.
func sweepChart(path string, rs []variantResult) error {
	p := plot.New()
	p.Title.Text = "Duties per person, fewest and most, by variant"
	p.Y.Label.Text = "duties"
	lows, highs := make(plotter.Values, len(rs)), make(plotter.Values, len(rs))
	var names []string
	for i, r := range rs {
		if r.deviation != "" {
			lows[i], highs[i] = float64(r.low), float64(r.high)
		}
		names = append(names, strconv.Itoa(i+1))
	}
	w := vg.Points(12)
	lo, err := plotter.NewBarChart(lows, w)
	if err != nil {
		return err
	}
	hi, err := plotter.NewBarChart(highs, w)
	if err != nil {
		return err
	}
	lo.Offset, hi.Offset = -w/2, w/2
	hi.Color = plotterGrey
	p.Add(lo, hi)
	p.Legend.Add("fewest", lo)
	p.Legend.Add("most", hi)
	p.NominalX(names...)
	p.X.Label.Text = "variant (as listed)"
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if format != "png" {
		format = "svg"
	}
	wt, err := p.WriterTo(8*vg.Inch, 4*vg.Inch, format)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return err
	}
	return writeFile(path, b.Bytes())
}

var plotterGrey = color.Gray{Y: 160}
