package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/rostersat/rostersat/sweep"
)

// variantResult is one variant of a sweep.
type variantResult struct {
	// number is the variant's place among all of the sweep's, from 1,
	// whatever the shard: the table, the CSV and the chart number a
	// variant alike, and the shards' numbers do not clash.
	number          int
	settings        []sweep.Setting
	label           string
	status          string
	solved          bool // a rota was found
	deviation, cost string
	rhythm          string // the rhythm level, or the measure when it is no level
	low, high       int    // fewest and most duties of anyone
	measures        [len(chartMeasures)]measure
	reason          string
}

// measure is one objective value of a variant's rota, for the chart:
// the level's value and proven bound when it is a level, else the
// schedule's measure (its own bound).
type measure struct {
	value, bound int
	level        bool
}

// measureOf is the measure of kind in s; value is the schedule's own
// figure, for when kind is no level of the problem.
func measureOf(s *model.Schedule, kind model.LevelKind, value int) measure {
	if l, ok := s.Objective.Level(kind); ok {
		return measure{value: l.Value, bound: l.Bound, level: true}
	}
	return measure{value: value, bound: value}
}

// runSweep solves every variant of the scenario in this shard (the
// variants whose position is i modulo n, for shard i/n counted from 0 as
// the bench counts), each with its own timeout, prints a table, and
// writes CSV rows (a header in shard 0 only, so that shards merge by
// concatenation) and a chart of the objective.
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
		r := variantResult{number: k + 1, settings: combo, label: sweep.Label(combo)}
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
			r.status, r.solved = s.Status.String(), true
			r.deviation, r.cost = levelText(s, model.LevelFairness), levelText(s, model.LevelRequests)
			r.rhythm = levelText(s, model.LevelRhythm)
			if r.rhythm == "" {
				r.rhythm = strconv.Itoa(s.Objective.Rhythm)
			}
			r.low, r.high = 1<<30, 0
			for _, d := range s.Staff {
				r.low, r.high = min(r.low, len(d.Dates)), max(r.high, len(d.Dates))
			}
			o := s.Objective
			r.measures = [...]measure{measureOf(s, model.LevelFairness, o.Deviation),
				measureOf(s, model.LevelRequests, o.RequestCost), measureOf(s, model.LevelRhythm, o.Rhythm)}
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
		if err := sweepChart(chart, results, vary); err != nil {
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

// printSweep writes the table, a row per variant, numbered as the CSV
// and the chart number them.
func printSweep(w io.Writer, rs []variantResult) {
	fmt.Fprintf(w, "%-4s %-50s %-10s %-10s %-10s %-12s %-8s %s\n", "#", "variant", "status", "fairness D", "rhythm R", "requests W", "duties", "why not")
	for _, r := range rs {
		duties := ""
		if r.solved {
			duties = fmt.Sprintf("%d-%d", r.low, r.high)
		}
		fmt.Fprintf(w, "%-4d %-50s %-10s %-10s %-10s %-12s %-8s %s\n", r.number, r.label, r.status, r.deviation, r.rhythm, r.cost, duties, r.reason)
	}
}

func sweepCSV(rs []variantResult, header bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if header {
		_ = w.Write([]string{"#", "variant", "status", "deviation", "rhythm", "requestCost", "fewestDuties", "mostDuties", "reason"})
	}
	for _, r := range rs {
		lo, hi := "", ""
		if r.solved {
			lo, hi = strconv.Itoa(r.low), strconv.Itoa(r.high)
		}
		_ = w.Write([]string{strconv.Itoa(r.number), r.label, r.status, r.deviation, r.rhythm, r.cost, lo, hi, r.reason})
	}
	w.Flush()
	return b.Bytes()
}

// chartMeasures are the chart's panels, one per measure in which the
// variants of a policy differ: the fewest and most duties of anyone,
// which the table shows, hardly move between variants and are left
// out.
var chartMeasures = [...]struct{ title, short string }{
	{"fairness deviation D: the largest distance of anyone's duties from their share", "D"},
	{"request cost W: the summed weight of the requests not met", "W"},
	{"rhythm R: the summed distance of the gaps between duties from the ideal", "R"},
}

// sweepChart draws the objective of every variant, a panel per measure
// (chartMeasures) with a bar per variant, its value written above it; a
// variant without a rota has no bar but its status ("infeasible") where
// the bar would be. The x axis names each variant by its number in the
// table and the CSV and by the values it sets, in the order of vary. The
// extension picks SVG or PNG; the panels need no legend.
func sweepChart(path string, rs []variantResult, vary sweep.Flag) error {
	var knobs []string
	for _, v := range vary {
		knobs = append(knobs, v.Key)
	}
	ticks := make([]plot.Tick, len(rs))
	for i, r := range rs {
		var values []string
		for _, s := range r.settings {
			values = append(values, s.Value)
		}
		ticks[i] = plot.Tick{Value: float64(i), Label: strings.TrimSpace(fmt.Sprintf("#%d\n%s", r.number, strings.Join(values, ", ")))}
	}
	var rows [][]*plot.Plot
	for m, cm := range chartMeasures {
		p, err := chartPanel(rs, m, ticks)
		if err != nil {
			return err
		}
		p.Title.Text = cm.title
		if !slices.ContainsFunc(rs, func(r variantResult) bool { return r.measures[m].level }) {
			p.Title.Text += " (measured; no level of the objective)"
		}
		p.Y.Label.Text = cm.short
		rows = append(rows, []*plot.Plot{p})
	}
	last := rows[len(rows)-1][0]
	last.X.Label.Text = "variant: # as in the table"
	if len(knobs) > 0 {
		last.X.Label.Text += ", then " + strings.Join(knobs, ", ")
	}
	// Wide enough for every tick label and status under its own bar.
	width := max(8*vg.Inch, vg.Length(len(rs))*0.8*vg.Inch+vg.Inch)
	height := vg.Length(len(rows)) * 2.4 * vg.Inch
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	c, err := draw.NewFormattedCanvas(width, height, format)
	if err != nil {
		return err
	}
	tiles := draw.Tiles{Rows: len(rows), Cols: 1, PadTop: vg.Points(4), PadBottom: vg.Points(4),
		PadLeft: vg.Points(4), PadRight: vg.Points(8), PadY: vg.Points(12)}
	canvases := plot.Align(rows, tiles, draw.New(c))
	for j := range rows {
		rows[j][0].Draw(canvases[j][0])
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return err
	}
	return writeFile(path, b.Bytes())
}

// chartPanel is one measure's panel: a bar per solved variant with its
// value above (and its proven bound when it is not proven), the status
// of every other at the foot of its place.
func chartPanel(rs []variantResult, m int, ticks []plot.Tick) (*plot.Plot, error) {
	p := plot.New()
	p.Title.TextStyle.Font.Size = vg.Points(10)
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Length, p.X.Tick.Width = 0, 0
	// A shard may hold no variant: the axis still has a width.
	p.X.Min, p.X.Max = -0.5, max(0.5, float64(len(rs))-0.5)
	p.Y.Min = 0
	p.Y.Tick.Marker = wholeTicks{}
	top := 0.0
	var labels plotter.XYLabels
	for i, r := range rs {
		if !r.solved {
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(i)})
			labels.Labels = append(labels.Labels, r.status)
			continue
		}
		x := r.measures[m]
		bar, err := plotter.NewBarChart(plotter.Values{float64(x.value)}, vg.Points(24))
		if err != nil {
			return nil, err
		}
		bar.XMin = float64(i)
		bar.Color = barColour
		bar.LineStyle.Width = 0
		p.Add(bar)
		text := strconv.Itoa(x.value)
		if x.bound != x.value {
			text += fmt.Sprintf(" (>= %d)", x.bound)
		}
		labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: float64(x.value)})
		labels.Labels = append(labels.Labels, text)
		top = max(top, float64(x.value))
	}
	// Room above the highest bar for its value; a panel of zeros still
	// has a scale.
	p.Y.Max = max(1, top*1.2)
	if len(labels.XYs) > 0 {
		l, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, err
		}
		for i := range l.TextStyle {
			l.TextStyle[i].XAlign = draw.XCenter
			l.TextStyle[i].Font.Size = vg.Points(8)
		}
		l.Offset = vg.Point{Y: vg.Points(2)}
		p.Add(l)
	}
	return p, nil
}

// wholeTicks are the default ticks at whole numbers only, labelled as
// such: every measure is a whole number, and a tick at 0.5 suggests
// otherwise.
type wholeTicks struct{}

// Ticks returns the ticks between lo and hi.
func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if t.Label != "" {
			t.Label = strconv.Itoa(int(t.Value))
		}
		out = append(out, t)
	}
	return out
}

// barColour is the bars' blue, the HTML page's duty colour.
var barColour = color.RGBA{R: 0x2b, G: 0x6c, B: 0xb0, A: 0xff}
