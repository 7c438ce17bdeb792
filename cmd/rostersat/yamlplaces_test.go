package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rostersat/rostersat/internal/yamlpos"
	"github.com/rostersat/rostersat/model"
)

// FuzzYAMLPlaces feeds any document and any field error to the line
// finder and the error's line: neither may panic, a line found must be
// in the document, and an error is written on exactly one line.
func FuzzYAMLPlaces(f *testing.F) {
	f.Add([]byte("staff:\n  - id: anna\n    unit: x\n"), "staff[0].unit", "x", "unknown unit")
	f.Add([]byte("a: [1, 2]\n"), "a[5]", "1", "no")
	f.Add([]byte("- 1\n- 2\n"), "x.y[0][1]", "2", "no")
	f.Add([]byte("&a x: *a\n"), "x", "1", "alias")
	f.Add([]byte("rules:\n  coverage:\n    perDay: 1\n"), "rules.coverage.perDay", "perDay", "unknown field (line 1, column 40)")
	f.Add([]byte("rules:\n  coverage:\n    perDate: four\n"), "rules.coverage.perDate", "string", "want int (line 1, column 40)")
	f.Fuzz(func(t *testing.T, doc []byte, path, value, msg string) {
		y, _, err := yamlpos.Parse(doc, model.MaxProblemBytes)
		if err != nil {
			return
		}
		for _, key := range []bool{false, true} {
			if line, _, ok := y.Place(path, key); ok && line < 1 {
				t.Fatalf("line %d for %q", line, path)
			}
		}
		if strings.Contains(path+value+msg, "\n") {
			return
		}
		in := &scenarioInput{path: "f.yaml", places: y}
		lines := in.describe(&model.FieldError{Field: path, Value: value, Msg: msg}, reflect.TypeFor[model.Problem]())
		if len(lines) != 1 || strings.Contains(lines[0], "\n") {
			t.Fatalf("not one line: %q", lines)
		}
	})
}
