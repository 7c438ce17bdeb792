package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// Rhythm writes each person's ideal interval, the gaps between their
// duties in weeks, and their rhythm (see the model package), then a line
// that counts the gaps at the spacing minimum and the people who go ten
// weeks or more without a duty: the two figures the Värmdö office asked
// about.
func Rhythm(w io.Writer, p *model.Problem, s *model.Schedule, l Labels) {
	staff := byID(p)
	fmt.Fprintf(w, "Rhythm %d (the interval counts the dates a person is available on)\n", s.Objective.Rhythm)
	rows := []string{"name\tunit\tinterval\tgaps in weeks\trhythm"}
	gaps, atMinimum, long := 0, 0, 0
	for _, d := range s.Staff {
		st := staff[d.ID]
		var weeks []string
		longest := 0
		for i := 1; i < len(d.Dates); i++ {
			g := d.Dates[i-1].DaysUntil(d.Dates[i]) / 7
			weeks = append(weeks, fmt.Sprint(g))
			gaps++
			if g == p.Rules.Spacing.Weeks {
				atMinimum++
			}
			longest = max(longest, g)
		}
		if longest >= 10 {
			long++
		}
		interval := "-"
		if d.Interval > 0 {
			interval = fmt.Sprintf("%.1f", d.Interval)
		}
		rows = append(rows, strings.Join([]string{st.DisplayName(), l.unit(st.Unit), interval, strings.Join(weeks, " "), fmt.Sprint(d.Rhythm)}, "\t"))
	}
	table(w, rows)
	if p.Rules.Spacing.Weeks > 0 {
		fmt.Fprintf(w, "  %d of %d gaps are the %d-week minimum; ", atMinimum, gaps, p.Rules.Spacing.Weeks)
	} else {
		fmt.Fprintf(w, "  %d gaps; ", gaps)
	}
	fmt.Fprintf(w, "%d of %d people go 10 weeks or more without a duty.\n", long, len(s.Staff))
}

// Classes writes, for each date class, its dates and the people whose
// duties on them fall outside the range of their share of the class.
func Classes(w io.Writer, p *model.Problem, s *model.Schedule, l Labels) {
	staff := byID(p)
	for k, c := range p.Period.Classes {
		name := c.Name
		if name == "" {
			name = c.ID
		}
		var dates []string
		for _, d := range c.Dates {
			dates = append(dates, d.String())
		}
		fmt.Fprintf(w, "Class %s: %s\n", name, strings.Join(dates, " "))
		rows := []string{"name\tunit\tshare\trange\tduties"}
		for _, d := range s.Staff {
			if k >= len(d.Classes) {
				continue
			}
			cd := d.Classes[k]
			if cd.Count >= cd.Low && cd.Count <= cd.High {
				continue
			}
			st := staff[d.ID]
			rows = append(rows, fmt.Sprintf("%s\t%s\t%.2f\t%d-%d\t%d", st.DisplayName(), l.unit(st.Unit), cd.Share, cd.Low, cd.High, cd.Count))
		}
		if len(rows) == 1 {
			fmt.Fprintf(w, "  Everyone's duties on these dates are within the range of their share.\n")
			continue
		}
		table(w, rows)
	}
}

// Measures writes the sections for the levels beyond fairness and
// requests that p has: Classes when it names date classes, Rhythm when
// rhythm is a level. It writes nothing for a problem without them.
func Measures(w io.Writer, p *model.Problem, s *model.Schedule, l Labels) {
	for _, k := range p.Levels() {
		switch k {
		case model.LevelClasses:
			fmt.Fprintln(w)
			Classes(w, p, s, l)
		case model.LevelRhythm:
			fmt.Fprintln(w)
			Rhythm(w, p, s, l)
		}
	}
}
