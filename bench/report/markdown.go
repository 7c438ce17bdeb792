package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// table indexes measures by instance and runner, in display order.
type table struct {
	instances []string // by size, then name
	runners   []string // solver, peers, baselines; by name within each
	cell      map[Item]Measure
	inst      map[string]Measure // one measure per instance, for its shape
	fastest   map[string]float64 // fastest proven-optimal peer time per instance
}

var kindOrder = map[string]int{KindSolver: 0, KindPeer: 1, KindBaseline: 2}

func newTable(ms []Measure) *table {
	sorted := append([]Measure(nil), ms...)
	Sort(sorted)
	t := &table{cell: map[Item]Measure{}, inst: map[string]Measure{}, fastest: map[string]float64{}}
	kinds := map[string]string{}
	for _, m := range sorted {
		if _, ok := t.inst[m.Instance]; !ok {
			t.instances = append(t.instances, m.Instance)
			t.inst[m.Instance] = m
		}
		if _, ok := kinds[m.Runner]; !ok {
			t.runners = append(t.runners, m.Runner)
			kinds[m.Runner] = m.Kind
		}
		t.cell[m.Key()] = m
		if m.Kind == KindPeer && m.Status == model.Optimal && len(m.Violations) == 0 {
			if f, ok := t.fastest[m.Instance]; !ok || m.Seconds < f {
				t.fastest[m.Instance] = m.Seconds
			}
		}
	}
	sort.SliceStable(t.runners, func(i, j int) bool {
		ki, kj := kindOrder[kinds[t.runners[i]]], kindOrder[kinds[t.runners[j]]]
		if ki != kj {
			return ki < kj
		}
		return t.runners[i] < t.runners[j]
	})
	return t
}

// ratio returns m's time over the fastest proven-optimal peer's, or "-"
// when there is no such peer or m proved nothing (a heuristic, a timeout):
// the ratio compares times to a proven answer.
func (t *table) ratio(m Measure) string {
	f, ok := t.fastest[m.Instance]
	if !ok || m.Skipped != "" || len(m.Violations) > 0 || (m.Status != model.Optimal && m.Status != model.Infeasible) {
		return "-"
	}
	if f <= 0 {
		f = 1e-6
	}
	return Ratio(m.Seconds / f)
}

// Ratio formats a time ratio: two decimals, or two significant digits
// below 0.1 so that a run a thousand times faster does not print as 0.00.
func Ratio(x float64) string {
	if x >= 0.1 || x == 0 {
		return fmt.Sprintf("%.2f", x)
	}
	return strconv.FormatFloat(x, 'g', 2, 64)
}

// Seconds formats a duration in seconds with three significant digits.
func Seconds(s float64) string {
	switch {
	case s <= 0:
		return "0 s"
	case s < 0.001:
		return "<0.001 s"
	}
	return fmt.Sprintf("%.3g s", s)
}

// Outcome is the one-word result of a measure: the status, or "skipped",
// "error", with "timeout" appended when the run hit its limit.
func Outcome(m Measure) string {
	var s string
	switch {
	case m.Skipped != "":
		return "skipped"
	case m.Status == model.Unknown && m.Error != "" && !m.TimedOut:
		s = "error"
	default:
		s = m.Status.String()
	}
	if m.TimedOut {
		s += ", timeout"
	}
	return s
}

// Markdown writes the report as GitHub Markdown: a matrix of times with
// ratios to the fastest peer that proved the optimum, a matrix of
// outcomes with (D, W), and one detail row per run.
func Markdown(w io.Writer, ms []Measure) error {
	bw := bufio.NewWriter(w)
	t := newTable(ms)
	head := func() {
		bw.WriteString("| instance | staff × dates |")
		for _, r := range t.runners {
			bw.WriteString(" " + esc(r) + " |")
		}
		bw.WriteString("\n|---|---|" + strings.Repeat("---|", len(t.runners)) + "\n")
	}
	row := func(name string, f func(Measure) string) {
		im := t.inst[name]
		fmt.Fprintf(bw, "| %s | %d × %d |", esc(name), im.Staff, im.Dates)
		for _, r := range t.runners {
			m, ok := t.cell[Item{Instance: name, Runner: r}]
			v := ""
			if ok {
				v = f(m)
			}
			bw.WriteString(cell(v))
		}
		bw.WriteString("\n")
	}

	bw.WriteString("### Time to answer\n\n")
	bw.WriteString("Wall time of each run; in brackets, for runs that proved their answer, the ratio to the fastest peer that proved the optimum on the instance.\n\n")
	head()
	for _, name := range t.instances {
		row(name, func(m Measure) string {
			if m.Skipped != "" {
				return "skipped"
			}
			r := t.ratio(m)
			if r == "-" {
				return Seconds(m.Seconds)
			}
			return Seconds(m.Seconds) + " (" + r + ")"
		})
	}

	bw.WriteString("\n### Quality\n\n")
	bw.WriteString("Outcome and (fairness deviation D, request cost W); lower is better, D first.\n\n")
	head()
	for _, name := range t.instances {
		row(name, func(m Measure) string {
			if !m.Solved() {
				return Outcome(m)
			}
			s := fmt.Sprintf("%s (%d, %d)", Outcome(m), m.Deviation, m.RequestCost)
			if len(m.Violations) > 0 {
				s += fmt.Sprintf(" %d violations", len(m.Violations))
			}
			return s
		})
	}

	bw.WriteString("\n### Runs\n\n")
	bw.WriteString("| instance | runner | status | D | D bound | W | W bound | time | ratio | encode | solve | peak MiB | checker | note |\n")
	bw.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, name := range t.instances {
		for _, r := range t.runners {
			m, ok := t.cell[Item{Instance: name, Runner: r}]
			if !ok {
				continue
			}
			cols := []string{name, r, Outcome(m), "", "", "", "", Seconds(m.Seconds), t.ratio(m), "", "", "", "", note(m)}
			if m.Skipped == "" {
				cols[3], cols[4] = fmt.Sprint(m.Deviation), fmt.Sprint(m.DeviationBound)
				cols[5], cols[6] = fmt.Sprint(m.RequestCost), fmt.Sprint(m.RequestCostBound)
				if !m.Solved() {
					cols[3], cols[5] = "-", "-"
				}
				if m.EncodeSeconds > 0 || m.SolveSeconds > 0 {
					cols[9], cols[10] = Seconds(m.EncodeSeconds), Seconds(m.SolveSeconds)
				}
				if m.PeakBytes > 0 {
					cols[11] = fmt.Sprintf("%.0f", math.Ceil(float64(m.PeakBytes)/(1<<20)))
					if m.Memory == MemoryHeap {
						cols[11] += " (heap)"
					}
				}
				cols[12] = "ok"
				if len(m.Violations) > 0 {
					cols[12] = fmt.Sprintf("%d violations", len(m.Violations))
				}
			}
			bw.WriteString("|")
			for _, c := range cols {
				bw.WriteString(cell(c))
			}
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}

// note is the skip reason or the error, shortened.
func note(m Measure) string {
	s := m.Skipped
	if s == "" {
		s = m.Error
	}
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return s
}

// cell writes one table cell after its left pipe.
func cell(s string) string {
	if s == "" {
		return " |"
	}
	return " " + esc(s) + " |"
}

// esc keeps a cell on one line and its pipes literal.
func esc(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
