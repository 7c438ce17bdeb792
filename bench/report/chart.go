package report

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/rostersat/rostersat/model"
)

// minSeconds is where the log-scale time axis stops: shorter runs are
// drawn there.
const minSeconds = 1e-3

// group is the x axis of the time chart: a generator size (all its seeds),
// or an instance read from a file.
type group struct {
	name  string
	cells int // mean person-dates, for ordering
}

func groupOf(m Measure) string {
	if m.Size != "" {
		return m.Size
	}
	return m.Instance
}

func groups(ms []Measure) []group {
	sum, n := map[string]int{}, map[string]int{}
	var names []string
	for _, m := range ms {
		g := groupOf(m)
		if _, ok := n[g]; !ok {
			names = append(names, g)
		}
		sum[g] += m.Staff * m.Dates
		n[g]++
	}
	out := make([]group, len(names))
	for i, g := range names {
		out[i] = group{name: g, cells: sum[g] / n[g]}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].cells != out[j].cells {
			return out[i].cells < out[j].cells
		}
		return out[i].name < out[j].name
	})
	return out
}

// TimeChart plots, for every runner, the median wall time of its runs on
// each size (instances in file order of size when read from files), on a
// log scale. Runs that proved their answer (optimal or infeasible) are
// filled points; others (feasible, timed out) are the hollow form of the
// runner's shape at their time.
// Skipped runs and runs that failed without a schedule are left out.
func TimeChart(ms []Measure) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Time to answer by instance size (filled: proven, hollow: not proven)"
	p.Y.Label.Text = "wall time, seconds (log scale)"
	p.X.Label.Text = "instance size (staff × duty dates)"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	gs := groups(ms)
	if len(gs) == 0 {
		return nil, fmt.Errorf("report: no measures to chart")
	}
	index := map[string]int{}
	labels := make([]string, len(gs))
	for i, g := range gs {
		index[g.name] = i
		labels[i] = g.name
	}
	t := newTable(ms)
	for i, g := range gs {
		for _, m := range ms {
			if groupOf(m) == g.name && m.Staff > 0 {
				labels[i] = fmt.Sprintf("%s\n%d×%d", g.name, m.Staff, m.Dates)
				break
			}
		}
	}
	p.NominalX(labels...)
	yMax := minSeconds * 10
	for ri, r := range t.runners {
		times := make([][]float64, len(gs))
		var proved, other plotter.XYs
		off := (float64(ri) - float64(len(t.runners)-1)/2) * 0.06
		for _, m := range ms {
			if m.Runner != r || m.Skipped != "" || (!m.Solved() && m.Status != model.Infeasible && !m.TimedOut) {
				continue
			}
			i := index[groupOf(m)]
			s := math.Max(m.Seconds, minSeconds)
			yMax = math.Max(yMax, s)
			times[i] = append(times[i], s)
			pt := plotter.XY{X: float64(i) + off, Y: s}
			if m.Status == model.Optimal || m.Status == model.Infeasible { // proved
				proved = append(proved, pt)
			} else {
				other = append(other, pt)
			}
		}
		var line plotter.XYs
		for i, ts := range times {
			if len(ts) > 0 {
				line = append(line, plotter.XY{X: float64(i) + off, Y: median(ts)})
			}
		}
		if len(line) == 0 {
			continue
		}
		col := plotutil.Color(ri)
		l, err := plotter.NewLine(line)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = col, vg.Points(1.5)
		l.Dashes = plotutil.Dashes(ri / 7)
		p.Add(l)
		thumbs := []plot.Thumbnailer{l}
		if len(proved) > 0 {
			sc, err := plotter.NewScatter(proved)
			if err != nil {
				return nil, err
			}
			sc.Color, sc.Shape, sc.Radius = col, filledShape(ri), vg.Points(3.5)
			p.Add(sc)
			thumbs = append(thumbs, sc)
		}
		if len(other) > 0 {
			sc, err := plotter.NewScatter(other)
			if err != nil {
				return nil, err
			}
			sc.Color, sc.Shape, sc.Radius = col, hollowShape(ri), vg.Points(4)
			p.Add(sc)
			if len(proved) == 0 {
				thumbs = append(thumbs, sc)
			}
		}
		p.Legend.Add(r, thumbs...)
	}
	p.Y.Min, p.Y.Max = minSeconds, math.Pow(10, math.Ceil(math.Log10(yMax)))
	p.X.Min, p.X.Max = -0.5, float64(len(gs))-0.5
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	return p, nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// QualityCharts returns two plots, fairness deviation D and request cost
// W (on a log scale, as it grows with the instance), each with one point
// per runner and instance that has a schedule
// (none means no schedule: skipped, failed, infeasible or out of time).
// A filled point is a proven optimum, a hollow one a schedule without
// proof.
func QualityCharts(ms []Measure) (dev, cost *plot.Plot, err error) {
	t := newTable(ms)
	if len(t.instances) == 0 {
		return nil, nil, fmt.Errorf("report: no measures to chart")
	}
	mk := func(title, ylabel string, log bool, value func(Measure) int) (*plot.Plot, error) {
		p := plot.New()
		p.Title.Text = title
		p.Y.Label.Text = ylabel
		floor := 0.0
		if log {
			// W spans orders of magnitude between sizes; 0 sits on the
			// bottom edge.
			floor = 0.5
			p.Y.Scale = plot.LogScale{}
			p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		}
		p.NominalX(t.instances...)
		p.X.Min, p.X.Max = -0.5, float64(len(t.instances))-0.5
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
		yMax := 1.0
		for ri, r := range t.runners {
			var pts, hollow plotter.XYs
			off := (float64(ri) - float64(len(t.runners)-1)/2) * 0.08
			for i, name := range t.instances {
				m, ok := t.cell[Item{Instance: name, Runner: r}]
				if !ok || !m.Solved() {
					continue
				}
				v := math.Max(float64(value(m)), floor)
				yMax = math.Max(yMax, v)
				pt := plotter.XY{X: float64(i) + off, Y: v}
				if m.Status == model.Optimal {
					pts = append(pts, pt)
				} else {
					hollow = append(hollow, pt)
				}
			}
			col := plotutil.Color(ri)
			var thumb plot.Thumbnailer
			for _, k := range []int{0, 1} {
				set := []plotter.XYs{pts, hollow}[k]
				if len(set) == 0 {
					continue
				}
				sc, err := plotter.NewScatter(set)
				if err != nil {
					return nil, err
				}
				sc.Color, sc.Radius = col, vg.Points(4)
				sc.Shape = filledShape(ri)
				if k == 1 {
					sc.Shape = hollowShape(ri)
				}
				p.Add(sc)
				if thumb == nil {
					thumb = sc
				}
			}
			if thumb != nil {
				p.Legend.Add(r, thumb)
			}
		}
		p.Y.Min, p.Y.Max = -0.05*yMax, yMax*1.15
		if log {
			p.Y.Min, p.Y.Max = floor, math.Pow(10, math.Ceil(math.Log10(yMax*1.5)))
		}
		p.Legend.Top = true
		p.Add(plotter.NewGrid())
		return p, nil
	}
	dev, err = mk("Fairness deviation D (lower is better; filled: proven optimum)", "D", false, func(m Measure) int { return m.Deviation })
	if err != nil {
		return nil, nil, err
	}
	cost, err = mk("Request cost W (lower is better at equal D; filled: proven optimum)", "W (log scale; 0 on the bottom edge)", true, func(m Measure) int { return m.RequestCost })
	return dev, cost, err
}

// filledShape and hollowShape give runner i a shape: filled for a proven
// optimum, the hollow form of the same shape otherwise. Colours tell
// runners apart beyond three.
func filledShape(i int) draw.GlyphDrawer {
	return []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}[i%3]
}

func hollowShape(i int) draw.GlyphDrawer {
	return []draw.GlyphDrawer{draw.RingGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}}[i%3]
}

// SaveCharts writes time.png and quality.png (or .svg when format is
// "svg") into dir and returns their paths.
func SaveCharts(dir string, ms []Measure, format string) ([]string, error) {
	if format != "png" && format != "svg" {
		return nil, fmt.Errorf("report: chart format %q: want png or svg", format)
	}
	tp, err := TimeChart(ms)
	if err != nil {
		return nil, err
	}
	dp, cp, err := QualityCharts(ms)
	if err != nil {
		return nil, err
	}
	width := vg.Length(math.Max(20, 4+3*float64(len(newTable(ms).instances)))) * vg.Centimeter
	timePath := filepath.Join(dir, "time."+format)
	if err := saveStack(timePath, format, 18*vg.Centimeter, 12*vg.Centimeter, tp); err != nil {
		return nil, err
	}
	qualityPath := filepath.Join(dir, "quality."+format)
	if err := saveStack(qualityPath, format, width, 22*vg.Centimeter, dp, cp); err != nil {
		return nil, err
	}
	return []string{timePath, qualityPath}, nil
}

// saveStack draws plots one above the other into a PNG or SVG file.
func saveStack(path, format string, w, h vg.Length, plots ...*plot.Plot) error {
	var c draw.Canvas
	var out io.WriterTo
	switch format {
	case "svg":
		sc := vgsvg.New(w, h)
		c, out = draw.New(sc), sc
	default:
		ic := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(144), vgimg.UseBackgroundColor(color.White))
		c, out = draw.New(ic), vgimg.PngCanvas{Canvas: ic}
	}
	rows := make([][]*plot.Plot, len(plots))
	for i, p := range plots {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2,
		PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2, PadY: vg.Millimeter * 4}
	cs := plot.Align(rows, tiles, c)
	legendWidth := 4 * vg.Centimeter
	for i, p := range plots {
		// The legend goes in a column of its own, right of the plot, so
		// that it never hides a point.
		full := cs[i][0]
		legend := p.Legend
		p.Legend = plot.NewLegend()
		p.Draw(draw.Crop(full, 0, -legendWidth, 0, 0))
		p.Legend = legend
		legend.Top, legend.Left = true, true
		legend.Draw(draw.Crop(full, full.Max.X-full.Min.X-legendWidth+vg.Millimeter*3, 0, 0, -vg.Centimeter))
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := out.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	return f.Close()
}
