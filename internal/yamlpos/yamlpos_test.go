package yamlpos

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParseJSON: the JSON keeps the order written, writes dates as
// written and merges after a mapping's own fields.
func TestParseJSON(t *testing.T) {
	_, js, err := Parse([]byte(`
zeta: 1
alpha: [2024-01-05, "2024-01-05", 2024-1-5, 0x10, 1.5, true, ~, .inf, <&>]
base: &b {x: 1, y: 2}
m: {<<: *b, y: 3}
`), 1<<20)
	require.NoError(t, err)
	require.Equal(t, `{"zeta":1,"alpha":["2024-01-05","2024-01-05","2024-1-5",16,1.5,true,null,1e999,"<&>"],`+
		`"base":{"x":1,"y":2},"m":{"y":3,"x":1}}`, string(js))
}

func TestPlace(t *testing.T) {
	doc, _, err := Parse([]byte(`staff:
  - &a {id: anna, unit: mot}
  - <<: *a
    id: bo
team: *a
`), 1<<20)
	require.NoError(t, err)
	tests := []struct {
		path      string
		key       bool
		line, col int
		ok        bool
	}{
		{"staff", false, 2, 3, true},
		{"staff", true, 1, 1, true},
		{"staff[0].unit", false, 2, 25, true},
		{"staff[0].unit", true, 2, 19, true},
		{"staff[1].id", false, 4, 9, true},
		{"staff[1].unit", false, 2, 25, true}, // from the merge: where it was written
		{"team.id", false, 2, 13, true},       // through the alias
		{"staff[1].colour", true, 3, 5, true}, // not there: the mapping it would be in
		{"staff[5].id", false, 0, 0, false},   // beyond the document (a CSV row)
		{"rules.coverage", false, 1, 1, false},
		{"", false, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.path, tt.key), func(t *testing.T) {
			line, col, ok := doc.Place(tt.path, tt.key)
			if !tt.ok && tt.line == 0 {
				require.False(t, ok)
				return
			}
			require.Equal(t, []any{tt.line, tt.col, tt.ok}, []any{line, col, ok})
		})
	}
	s, ok := doc.Scalar("staff[1].unit")
	require.True(t, ok)
	require.Equal(t, "mot", s)
	_, ok = doc.Scalar("staff")
	require.False(t, ok)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		yaml string
		want Error
	}{
		{"", Error{Line: 1, Column: 1, Value: "end of input", Msg: "the YAML holds no document"}},
		{"a: [1\n", Error{Line: 1, Value: "invalid YAML", Msg: "did not find expected ',' or ']'"}},
		{"a: 1\n---\nb: 2\n", Error{Line: 2, Column: 1, Value: "more data", Msg: "the YAML document is followed by another"}},
		{"a:\n  - {b: 1, b: 2}\n", Error{Line: 2, Column: 12, Path: "a[0].b", Value: "b", Msg: `mapping key "b" already defined at line 2`}},
		{"a: &x {b: *x}\n", Error{Line: 1, Column: 11, Path: "a.b", Value: "*x", Msg: "anchor 'x' value contains itself"}},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			doc, js, err := Parse([]byte(tt.yaml), 1<<20)
			require.Nil(t, doc)
			require.Nil(t, js)
			var e *Error
			require.True(t, errors.As(err, &e), "%v", err)
			require.Equal(t, tt.want, *e)
		})
	}
	_, _, err := Parse([]byte("a: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"), 10)
	require.ErrorContains(t, err, "larger than the limit")
}
