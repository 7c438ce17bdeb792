package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rostersat/rostersat/model"

	"github.com/stretchr/testify/require"
)

// TestRun runs the example as the README does and pins what it must
// show: an optimal plan that the checker accepted and the reference
// table.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	file := filepath.Join(t.TempDir(), "cases.json")
	require.NoError(t, run(context.Background(), &out, false, file))
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	p, err := model.DecodeCaseProblem(f)
	require.NoError(t, err, "the written problem reads back strictly")
	require.NoError(t, p.Validate())
	s := out.String()
	require.Contains(t, s, "status optimal")
	require.Contains(t, s, "Reference caseload")
	require.Contains(t, s, "barn-och-unga     follow-up")
}
