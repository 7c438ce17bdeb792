package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRun runs the example and reads its report: the diff, the proven
// level values, and the comparison with solving afresh.
func TestRun(t *testing.T) {
	var out, errs bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errs), errs.String())
	text := out.String()
	assert.Contains(t, text, "Changes to the published rota (6 person-dates):")
	assert.Contains(t, text, "2024-02-09: Ahmed Hassan is off (sick), Ida Forsberg takes the duty")
	assert.Contains(t, text, "changes C       6  (proven lower bound 6)")
	assert.Contains(t, text, "Solving afresh, with the lived Fridays pinned, would change")
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "  2024-") {
			d := model.MustDate(line[2:12])
			assert.False(t, d.Before(noticed), "a frozen Friday changed: %s", line)
		}
	}
}

// TestOneSickFriday is the case that opened the re-planning work: one
// worker sick on Friday 2024-02-09, noticed on Monday the 5th. Solving
// afresh moved 56 assignments; the re-plan moves the two it must.
func TestOneSickFriday(t *testing.T) {
	ctx := context.Background()
	p := scenario.Problem()
	published, err := solver.Solve(ctx, p)
	require.NoError(t, err)
	friday := model.MustDate("2024-02-09")
	who := published.Duties(friday)[0]
	q := *p
	q.Absences = append(append([]model.Absence(nil), p.Absences...), model.Absence{Staff: who, First: friday, Last: friday, Kind: model.SickLeave})
	q.Baseline = published.Baseline(model.MustDate("2024-02-04"))
	s, err := solver.Solve(ctx, &q)
	require.NoError(t, err)
	assert.Equal(t, model.Optimal, s.Status)
	assert.Equal(t, 2, s.Objective.Changes)
	diff := model.Compare(&q, published.Dates, s)
	require.Len(t, diff.Dates, 1)
	assert.Equal(t, friday, diff.Dates[0].Date)
	assert.Equal(t, who, diff.Dates[0].Off[0].Staff)
	assert.Equal(t, "sick", diff.Dates[0].Off[0].Why)
}
