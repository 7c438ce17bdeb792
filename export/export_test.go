package export_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/export"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

func TestExports(t *testing.T) {
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	require.NoError(t, err)
	duties := 0
	for _, r := range s.Dates {
		duties += len(r.Staff)
	}

	var a, b bytes.Buffer
	require.NoError(t, export.ICS(&a, p, s, ""))
	require.NoError(t, export.ICS(&b, p, s, ""))
	require.Equal(t, a.String(), b.String(), "the same schedule gives the same file")
	cal, err := ics.ParseCalendar(strings.NewReader(a.String()))
	require.NoError(t, err, "the file parses back")
	require.Len(t, cal.Events(), duties)
	require.Contains(t, a.String(), "SUMMARY:Fredagstjänst: ")
	var mine bytes.Buffer
	require.NoError(t, export.ICS(&mine, p, s, "sara"))
	own, err := ics.ParseCalendar(strings.NewReader(mine.String()))
	require.NoError(t, err)
	for _, d := range s.Staff {
		if d.ID == "sara" {
			require.Len(t, own.Events(), len(d.Dates))
		}
	}
	require.Error(t, export.ICS(&mine, p, s, "nobody"))

	var c bytes.Buffer
	require.NoError(t, export.CSV(&c, p, s))
	require.Len(t, strings.Split(strings.TrimSpace(c.String()), "\n"), 1+duties)

	var h bytes.Buffer
	require.NoError(t, export.HTML(&h, p, s))
	page := h.String()
	require.Equal(t, duties, strings.Count(page, `class="on"`))
	require.NotContains(t, page, "http", "self-contained: no links out")
	require.Contains(t, page, "Sara Björk")
	require.NotContains(t, page, "<th>rhythm</th>", "rhythm is no level of the Värmdö problem")

	// With rhythm a level, each person's rhythm is a column: the model's
	// own figures, whatever the solver reached.
	q := *p
	q.Rules.Rhythm.On = true
	rs := q.Facts().Schedule(&q, model.Feasible, rotaOf(p, s))
	rs.SetLevels(q.Levels(), nil)
	h.Reset()
	require.NoError(t, export.HTML(&h, &q, rs))
	require.Contains(t, h.String(), "<th>rhythm</th>")
	require.Contains(t, h.String(), fmt.Sprintf("rhythm: %d", rs.Objective.Rhythm))
}

// rotaOf returns the rota of s as on[person][date], in p's orders.
func rotaOf(p *model.Problem, s *model.Schedule) [][]bool {
	on := make([][]bool, len(p.Staff))
	for i, st := range p.Staff {
		on[i] = make([]bool, len(s.Dates))
		for f, r := range s.Dates {
			on[i][f] = slices.Contains(r.Staff, st.ID)
		}
	}
	return on
}

// TestICSLineEndings: RFC 5545 ends every content line in CRLF, the
// folded lines too (Outlook refuses a file of bare LFs), and the file
// still parses back, every duty an event, all and one person's.
func TestICSLineEndings(t *testing.T) {
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	require.NoError(t, err)
	for _, person := range []string{"", "sara"} {
		var b bytes.Buffer
		require.NoError(t, export.ICS(&b, p, s, person))
		text := b.String()
		require.True(t, strings.HasSuffix(text, "END:VCALENDAR\r\n"), "person %q: the last line ends in CRLF", person)
		lines := strings.SplitAfter(text, "\n")
		require.Empty(t, lines[len(lines)-1], "nothing after the last line end")
		for i, l := range lines[:len(lines)-1] {
			require.True(t, strings.HasSuffix(l, "\r\n"), "person %q: line %d %q does not end in CRLF", person, i+1, l)
			require.NotContains(t, strings.TrimSuffix(l, "\r\n"), "\r", "person %q: line %d has a bare CR", person, i+1)
		}
		cal, err := ics.ParseCalendar(strings.NewReader(text))
		require.NoError(t, err, "person %q: the file parses back", person)
		want := 0
		for _, r := range s.Dates {
			for _, id := range r.Staff {
				if person == "" || id == person {
					want++
				}
			}
		}
		require.Len(t, cal.Events(), want, "person %q", person)
	}
}
