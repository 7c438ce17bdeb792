package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, on: true}
	p.show([]model.Level{{Kind: model.LevelFairness, Value: -1}}, time.Second)
	p.show([]model.Level{{Kind: model.LevelFairness, Value: 2, Bound: 1}}, 2*time.Second)
	p.done()
	require.Contains(t, b.String(), "fairness - (bound 0)")
	require.Contains(t, b.String(), "\r   2.0s  fairness 2 (bound 1)")
	require.True(t, bytes.HasSuffix(b.Bytes(), []byte("\r")), "the line is cleared")
	// Not a terminal: nothing.
	var quiet bytes.Buffer
	q := progressLine(&quiet, false)
	q.show([]model.Level{{Kind: model.LevelFairness}}, time.Second)
	q.done()
	require.Empty(t, quiet.String())
}
