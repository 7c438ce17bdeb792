package main

import (
	"strings"
	"testing"
)

// FuzzYAMLPlaces feeds any document and any message to the line finder:
// it must never panic, and a line it names must be in the document.
func FuzzYAMLPlaces(f *testing.F) {
	f.Add([]byte("staff:\n  - id: anna\n    unit: x\n"), `staff[0].unit = "x": unknown unit`)
	f.Add([]byte("a: [1, 2]\n"), "a[5] = 1: no")
	f.Add([]byte("- 1\n- 2\n"), "x.y[0][1] = 2: no")
	f.Add([]byte("&a x: *a\n"), "x = 1: alias")
	f.Fuzz(func(t *testing.T, doc []byte, msg string) {
		y := newYAMLPlaces("f.yaml", doc)
		if y == nil {
			return
		}
		_ = y.annotate(msg)
		path, _, _ := strings.Cut(msg, " = ")
		if line, _, ok := y.place(path); ok && line < 1 {
			t.Fatalf("line %d for %q", line, path)
		}
	})
}
