package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRun runs the example as the README does and pins what it must
// show: an optimal plan that the checker accepted and the reference
// table.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, false))
	s := out.String()
	require.Contains(t, s, "status optimal")
	require.Contains(t, s, "Reference caseload")
	require.Contains(t, s, "barn-och-unga     follow-up")
}
