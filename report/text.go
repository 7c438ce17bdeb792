package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/rostersat/rostersat/model"
)

// Labels say how people appear on the rota: a short label for each unit
// (its ID when missing), and a mark after the name for each role held,
// such as "*" for a senior.
type Labels struct {
	Units map[string]string
	Marks map[string]string
}

// Label is how a person appears on the rota: unit label, first name,
// initial of the surname and the marks of their roles, as in
// "BoU Sara B.*". Without a name the ID stands in.
func (l Labels) Label(st model.Staff) string {
	name := st.DisplayName()
	if f := strings.Fields(name); len(f) > 1 {
		name = f[0] + " " + string([]rune(f[len(f)-1])[:1]) + "."
	}
	for _, r := range st.Roles {
		name += l.Marks[r]
	}
	return fmt.Sprintf("%-3s %s", l.unit(st.Unit), name)
}

func (l Labels) unit(id string) string {
	if u, ok := l.Units[id]; ok {
		return u
	}
	return id
}

// Rota writes one line a duty date: the date, its ISO week and the people
// on duty.
func Rota(w io.Writer, p *model.Problem, s *model.Schedule, l Labels) {
	staff := byID(p)
	for _, r := range s.Dates {
		_, week := r.Date.Time().ISOWeek()
		line := fmt.Sprintf("  %s  v.%02d ", r.Date, week)
		for _, id := range r.Staff {
			line += fmt.Sprintf("  %-15s", l.Label(staff[id]))
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

// Fairness writes each person's available duty dates, share, range and
// duties, marking those outside their range, and a closing line that
// counts them. With was, the schedule before a re-plan, a column gives
// each person's duties there too.
func Fairness(w io.Writer, p *model.Problem, s, was *model.Schedule, l Labels) {
	staff := byID(p)
	total := 0
	for _, d := range s.Staff {
		total += d.Total
	}
	before := map[string]int{}
	if was != nil {
		for _, d := range was.Staff {
			before[d.ID] = d.Total
		}
	}
	fmt.Fprintf(w, "Fairness (share = %d duties x weight / total weight, weight = percent x available dates)\n", total)
	head := "name\tunit\tavailable\tshare\trange\tduties\t"
	if was != nil {
		head = "name\tunit\tavailable\tshare\trange\tbefore\tduties\t"
	}
	rows := []string{head}
	avail := p.Facts().Available
	at := map[string]int{}
	for i, st := range p.Staff {
		at[st.ID] = i
	}
	outside := 0
	for _, d := range s.Staff {
		st := staff[d.ID]
		n := 0
		for _, on := range avail[at[d.ID]] {
			if on {
				n++
			}
		}
		mark := ""
		if d.Total < d.Low || d.Total > d.High {
			mark = "outside"
			outside++
		}
		cols := []string{st.DisplayName(), l.unit(st.Unit) + percent(st), fmt.Sprint(n), fmt.Sprintf("%.2f", d.Share), fmt.Sprintf("%d-%d", d.Low, d.High)}
		if was != nil {
			cols = append(cols, fmt.Sprint(before[d.ID]))
		}
		rows = append(rows, strings.Join(append(cols, fmt.Sprint(d.Total), mark), "\t"))
	}
	table(w, rows)
	if outside == 0 {
		fmt.Fprintf(w, "  Everyone's duties are within the range of their share.\n")
	} else {
		fmt.Fprintf(w, "  %d of %d people are outside the range of their share.\n", outside, len(s.Staff))
	}
}

// Requests writes every request with whether the schedule meets it.
func Requests(w io.Writer, p *model.Problem, s *model.Schedule) {
	staff := byID(p)
	var rows []string
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
		st, ok := staff[q.Staff]
		if !ok {
			st = model.Staff{ID: q.Staff}
		}
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\tweight %d\t%s", q.Date, st.DisplayName(), q.Kind, max(q.Weight, 1), met))
	}
	fmt.Fprintf(w, "Requests (%d of %d unmet)\n", unmet, len(p.Requests))
	table(w, rows)
}

// levelNames are the objective levels in a report.
var levelNames = map[model.LevelKind]string{
	model.LevelChanges:  "changes C",
	model.LevelFairness: "deviation D",
	model.LevelRequests: "request cost W",
	model.LevelClasses:  "classes K",
	model.LevelRhythm:   "rhythm R",
}

// Objective writes the status and each level's value and proven bound.
func Objective(w io.Writer, s *model.Schedule) {
	fmt.Fprintf(w, "Objective: %s\n", s.Status)
	for _, l := range s.Objective.Levels {
		fmt.Fprintf(w, "  %-15s %d  (proven lower bound %d)\n", levelNames[l.Kind], l.Value, l.Bound)
	}
}

func byID(p *model.Problem) map[string]model.Staff {
	staff := make(map[string]model.Staff, len(p.Staff))
	for _, st := range p.Staff {
		staff[st.ID] = st
	}
	return staff
}

// table writes tab-separated rows as aligned, indented columns.
func table(w io.Writer, rows []string) {
	if len(rows) == 0 {
		return
	}
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

// percent notes a part-time employment level, as in " 80%".
func percent(st model.Staff) string {
	if st.Percent == 0 || st.Percent == 100 {
		return ""
	}
	return fmt.Sprintf(" %d%%", st.Percent)
}
