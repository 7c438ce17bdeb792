package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/export"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the Värmdö rota")

// varmdoRota is the Värmdö example's optimal rota, its durations zeroed:
// the only part of a schedule that differs between two solves.
func varmdoRota(t *testing.T) (*model.Problem, *model.Schedule) {
	t.Helper()
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	require.NoError(t, err)
	s.Stats.Encode, s.Stats.Solve, s.Stats.Total = 0, 0, 0
	return p, s
}

// TestGolden compares every output format of the Värmdö rota with its
// golden file in testdata (go test ./export -run Golden -update rewrites
// them), and parses the CSV and the schedule JSON back.
func TestGolden(t *testing.T) {
	p, s := varmdoRota(t)
	js, err := json.MarshalIndent(s, "", "  ")
	require.NoError(t, err)
	outputs := map[string][]byte{"varmdo.schedule.json": append(js, '\n')}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"varmdo.csv":      func(b *bytes.Buffer) error { return export.CSV(b, p, s) },
		"varmdo.ics":      func(b *bytes.Buffer) error { return export.ICS(b, p, s, "") },
		"varmdo.sara.ics": func(b *bytes.Buffer) error { return export.ICS(b, p, s, "sara") },
		"varmdo.html":     func(b *bytes.Buffer) error { return export.HTML(b, p, s) },
	} {
		var b bytes.Buffer
		require.NoError(t, write(&b), name)
		outputs[name] = b.Bytes()
	}
	for name, got := range outputs {
		path := filepath.Join("testdata", name)
		if *update {
			require.NoError(t, os.MkdirAll("testdata", 0o755))
			require.NoError(t, os.WriteFile(path, got, 0o644))
			continue
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "%s: run go test ./export -run Golden -update", name)
		require.Equal(t, string(want), string(got), "%s differs from its golden file: rerun with -update if the change is meant", name)
	}
	rows, err := csv.NewReader(bytes.NewReader(outputs["varmdo.csv"])).ReadAll()
	require.NoError(t, err, "the CSV parses back")
	duties := 0
	for _, r := range s.Dates {
		duties += len(r.Staff)
	}
	require.Len(t, rows, 1+duties)
	var back model.Schedule
	require.NoError(t, json.Unmarshal(outputs["varmdo.schedule.json"], &back))
	require.Empty(t, model.Check(p, &back), "the schedule JSON reads back as a sound schedule")
}
