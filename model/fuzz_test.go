package model_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// FuzzProblemJSON decodes arbitrary bytes as a problem, validates it and
// checks an empty schedule against it: none of this may panic, and a
// problem that decodes must survive a JSON round trip unchanged.
func FuzzProblemJSON(f *testing.F) {
	seed, err := json.Marshal(small())
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"period":{"start":"2024-01-01","end":"2024-01-31"},"staff":[{"id":"a"}],"rules":{"coverage":{"perDate":1}}}`))
	f.Add([]byte(`{"period":{"start":"2024-01-01","end":"2023-01-31","weekdays":["Friday","Monday"]},"staff":[{"id":"a","offWeekdays":["Friday"]}]}`))
	f.Add([]byte(`{"staff":[{"id":"a","percent":-5}],"absences":[{"staff":"b","first":"2024-02-30","last":""}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p model.Problem
		if json.Unmarshal(data, &p) != nil {
			return
		}
		err := p.Validate()
		_ = model.Check(&p, &model.Schedule{Status: model.Infeasible})
		out, merr := json.Marshal(&p)
		if merr != nil {
			return // e.g. a weekday number out of range: Validate names it
		}
		var q model.Problem
		require.NoError(t, json.Unmarshal(out, &q))
		again, _ := json.Marshal(&q)
		require.JSONEq(t, string(out), string(again))
		require.Equal(t, err == nil, q.Validate() == nil)
	})
}

// FuzzParseDate parses arbitrary text as a date: no panic, and what parses
// prints back as itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-29", "0001-01-01", "2024-02-30", "", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := model.ParseDate(s)
		if err != nil {
			return
		}
		require.Equal(t, s, d.String())
	})
}

func TestJSONRoundTrip(t *testing.T) {
	p := small()
	p.Staff[0].History = model.History{Duties: 2, Dates: 7}
	p.Staff[1].OffWeekdays = []model.Weekday{5}
	p.Staff[2].Start = model.MustDate("2024-01-15")
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var q model.Problem
	require.NoError(t, json.Unmarshal(b, &q))
	require.Equal(t, *p, q)
	require.Contains(t, string(b), `"offWeekdays":["Friday"]`)
	require.Contains(t, string(b), `"start":"2024-01-15"`)

	s := &model.Schedule{
		Status:    model.Optimal,
		Dates:     []model.DutyRoster{{Date: model.MustDate("2024-01-05"), Staff: []string{"anna", "bo"}}},
		Staff:     []model.StaffDuties{{ID: "anna", Dates: []model.Date{model.MustDate("2024-01-05")}, Total: 1, Share: 1.5, Low: 1, High: 2}},
		Objective: model.Objective{Deviation: 1, Levels: []model.Level{{Kind: model.LevelFairness, Value: 1, Bound: 1}}},
		Stats:     model.Stats{Variables: 3, Clauses: 4, Solves: 1, Total: 5},
	}
	b, err = json.Marshal(s)
	require.NoError(t, err)
	require.Contains(t, string(b), `"status":"optimal"`)
	var back model.Schedule
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, *s, back)
	require.Error(t, json.Unmarshal([]byte(`{"status":"splendid"}`), &back))
}

// FuzzDecodeProblem reads arbitrary bytes with the strict decoder: no
// panic; an error is a *FieldError; what decodes survives a round trip.
func FuzzDecodeProblem(f *testing.F) {
	seed, err := json.Marshal(small())
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"period":{"start":"2024-01-01","end":"2024-01-31","weekdays":["fredag"]},"staff":[{"id":"a"}],"rules":{"coverage":{"perDay":1}}}`))
	f.Add([]byte(`{"staff":[{"id":"a","start":"2024-13-01"}]} []`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecoded(t, model.DecodeProblem, data)
	})
}

// FuzzDecodeProblemYAML reads arbitrary bytes with the strict YAML
// decoder, as FuzzDecodeProblem does the JSON one: no panic; an error is
// a *FieldError (or joins them); what decodes survives a round trip
// through JSON.
func FuzzDecodeProblemYAML(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("..", "examples", "varmdo", "scenario.yaml"))
	require.NoError(f, err)
	f.Add(b)
	seed, err := json.Marshal(small())
	require.NoError(f, err)
	f.Add(seed) // JSON is YAML
	f.Add([]byte("period: {start: 2024-01-01, end: 2024-01-31, weekdays: [fredag]}\nstaff: [{id: a}]\nrules: {coverage: {perDay: 1}}\n"))
	f.Add([]byte("staff:\n  - &a {id: a, start: 2024-13-01}\n  - <<: *a\n    id: b\n"))
	f.Add([]byte("staff: &s [*s]\nstaff: []\n---\nx: 1\n"))
	f.Add([]byte("period:\n  start: 2024-01-05\n  end: 2024-02-23: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecoded(t, model.DecodeProblemYAML, data)
	})
}

// checkDecoded decodes data with decode: no panic; an error is a
// *FieldError (or joins them) with no problem; a problem survives a round
// trip through JSON.
func checkDecoded(t *testing.T, decode func(io.Reader) (*model.Problem, error), data []byte) {
	p, err := decode(bytes.NewReader(data))
	if err != nil {
		var fe *model.FieldError
		require.ErrorAs(t, err, &fe)
		require.Nil(t, p)
		return
	}
	_ = p.Validate()
	out, merr := json.Marshal(p)
	if merr != nil {
		return
	}
	q, err := model.DecodeProblem(bytes.NewReader(out))
	require.NoError(t, err)
	again, err := json.Marshal(q)
	require.NoError(t, err)
	require.JSONEq(t, string(out), string(again))
}
