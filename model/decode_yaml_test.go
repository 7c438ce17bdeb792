package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/rostersat/rostersat/model"
)

// varmdoYAML is the shipped Värmdö scenario, the YAML the command line's
// README solves.
func varmdoYAML(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "varmdo", "scenario.yaml"))
	require.NoError(tb, err)
	return b
}

// asJSON is the JSON a YAML document stands for, made the way the
// command line made it before DecodeProblemYAML (yaml.v3's own decoding
// into maps, a midnight timestamp written back as its date): a second
// reading to compare the decoder's with.
func asJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	var v any
	require.NoError(t, yaml.Unmarshal(b, &v))
	var plain func(any) any
	plain = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				v[k] = plain(x)
			}
		case map[any]any:
			m := map[string]any{}
			for k, x := range v {
				m[fmt.Sprint(k)] = plain(x)
			}
			return m
		case []any:
			for i, x := range v {
				v[i] = plain(x)
			}
		case time.Time:
			return v.Format(time.DateOnly)
		}
		return v
	}
	out, err := json.Marshal(plain(v))
	require.NoError(t, err)
	return out
}

// TestDecodeProblemYAMLMatchesJSON: a valid YAML problem decodes to what
// its JSON decodes to, anchors, merge keys, flow style and unquoted
// dates included.
func TestDecodeProblemYAMLMatchesJSON(t *testing.T) {
	tests := []struct{ name, yaml string }{
		{"the Värmdö scenario", string(varmdoYAML(t))},
		{"unquoted and quoted dates, Swedish weekdays", `
period: {start: 2024-01-05, end: "2024-03-29", weekdays: [fredag, Måndag]}
staff:
  - id: anna
    start: 2024-02-02
    offWeekdays: [LÖRDAG]
rules: {coverage: {perDate: 1}}
`},
		{"anchors and merge keys", `
units: [{id: mot}, {id: vux}]
staff:
  - &base {id: anna, unit: mot, percent: 80}
  - <<: *base
    id: bo
  - <<: [*base, {unit: vux, name: Cilla}]
    id: cilla
    percent: 50
`},
		{"comments and document markers", "# a comment\n---\nname: \"1\" # a string, quoted\nstaff: [{id: a}]\n...\n"},
		{"null is the zero problem, as in JSON", "~\n"},
		{"text that looks like HTML", "name: <b>Värmdö</b> & co\nstaff: [{id: a}]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.DecodeProblemYAML(strings.NewReader(tt.yaml))
			require.NoError(t, err)
			want, err := model.DecodeProblem(bytes.NewReader(asJSON(t, []byte(tt.yaml))))
			require.NoError(t, err)
			require.Equal(t, want, got)
		})
	}
	p, err := model.DecodeProblemYAML(bytes.NewReader(varmdoYAML(t)))
	require.NoError(t, err)
	require.NoError(t, p.Validate())
	require.Equal(t, model.MustDate("2023-11-17"), p.Period.Start)
}

func TestDecodeCaseProblemYAML(t *testing.T) {
	const office = `
date: 2024-03-04
units: [{id: bou}]
roles: [{id: ensamkommande}]
staff: [{id: ahmed, unit: bou, roles: [ensamkommande]}, {id: sara, unit: bou}]
capacity: {investigations: 2}
cases:
  - {id: u1, kind: investigation, unit: bou, opened: 2024-01-10, child: true}
  - {id: f1, kind: follow-up, unit: bou, worker: sara, affinity: [{staff: ahmed, cost: 1}]}
`
	got, err := model.DecodeCaseProblemYAML(strings.NewReader(office))
	require.NoError(t, err)
	want, err := model.DecodeCaseProblem(bytes.NewReader(asJSON(t, []byte(office))))
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.NoError(t, got.Validate())

	p, err := model.DecodeCaseProblemYAML(strings.NewReader(strings.Replace(office, "child: true", "chidl: true", 1)))
	require.Nil(t, p)
	var fe *model.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "cases[0].chidl", fe.Field)
	require.EqualError(t, err, `cases[0].chidl = "chidl": unknown field (line 8, column 66)`)
}

// TestDecodeProblemYAMLNamesTheField: every error is a *FieldError that
// names the field and ends in its line and column in the YAML (its key's
// for an unknown field), as DecodeProblem's name them in the JSON.
func TestDecodeProblemYAMLNamesTheField(t *testing.T) {
	const head = "period:\n  start: 2024-01-05\n  end: 2024-02-23\nstaff:\n  - id: anna\n"
	tests := []struct {
		name, yaml   string
		field, value string
		msg, place   string
	}{
		{"unknown field", head + "rules:\n  coverage:\n    perDay: 1\n",
			"rules.coverage.perDay", `"perDay"`, "unknown field", "(line 8, column 5)"},
		{"unknown field in a list", head + "    unti: mot\n",
			"staff[0].unti", `"unti"`, "unknown field", "(line 6, column 5)"},
		{"unknown field at the top", head + "colour: red\n",
			"colour", `"colour"`, "unknown field", "(line 6, column 1)"},
		{"unknown field known elsewhere", head + "rules: {id: 1}\n",
			"rules.id", `"id"`, "unknown field", "(line 6, column 9)"},
		{"unknown field a merge key brings", "units:\n  - &u {id: mot, colour: red}\nstaff:\n  - <<: *u\n",
			"units[0].colour", `"colour"`, "unknown field", "(line 2, column 18)"},
		{"wrong type", head + "rules:\n  coverage:\n    perDate: four\n",
			"rules.coverage.perDate", `"string"`, "want int", "(line 8, column 14)"},
		{"quoted number", head + "rules:\n  coverage:\n    perDate: \"4\"\n",
			"rules.coverage.perDate", `"string"`, "want int", "(line 8, column 14)"},
		{"a list for a number", head + "rules:\n  coverage:\n    perDate: [1, 2]\n",
			"rules.coverage.perDate", `"array"`, "want int", "(line 8, column 14)"},
		{"infinity", head + "rules:\n  coverage:\n    perDate: .inf\n",
			"rules.coverage.perDate", `".inf"`, "want int", "(line 8, column 14)"},
		{"bad date", head + "  - id: bo\n    start: 2024-13-45\n",
			"staff[1].start", `"2024-13-45"`, "YYYY-MM-DD", "(line 7, column 12)"},
		{"date without leading zeros, refused as in JSON", head + "  - id: bo\n    start: 2024-1-5\n",
			"staff[1].start", `"2024-1-5"`, "YYYY-MM-DD", "(line 7, column 12)"},
		{"date and time", "period: {start: 2024-01-05T10:00:00Z}\n",
			"period.start", `"2024-01-05T10:00:00Z"`, "YYYY-MM-DD", "(line 1, column 17)"},
		{"bad weekday", "period:\n  weekdays: [Friday, fridag]\n",
			"period.weekdays[1]", `"fridag"`, "fredag", "(line 2, column 22)"},
		{"syntax error", "period:\n  start: 2024-01-05\n  end: 2024-02-23: x\n",
			"problem", `"invalid YAML"`, "mapping values are not allowed in this context", "(line 3)"},
		{"key written twice", head + "period: {}\n",
			"period", `"period"`, `mapping key "period" already defined at line 1`, "(line 6, column 1)"},
		{"not a mapping", "- anna\n- bo\n",
			"problem", `"array"`, "want model.Problem", "(line 1, column 1)"},
		{"a scalar", "anna\n",
			"problem", `"string"`, "want model.Problem", "(line 1, column 1)"},
		{"empty input", "",
			"problem", `"end of input"`, "the YAML holds no document", "(line 1, column 1)"},
		{"comments only", "# nothing yet\n",
			"problem", `"end of input"`, "the YAML holds no document", "(line 2, column 1)"},
		{"a second document", head + "---\nstaff: []\n",
			"problem", `"more data"`, "followed by another", "(line 6, column 1)"},
		{"an anchor inside itself", "staff: &s [*s]\n",
			"staff[0]", `"*s"`, "anchor 's' value contains itself", "(line 1, column 12)"},
		{"a merge of a list of scalars", "staff:\n  - <<: [1]\n",
			"staff[0]", `"<<"`, "map merge requires map", "(line 2, column 9)"},
		{"a list as a key", "? [a]\n: 1\n",
			"problem", `"a list"`, "invalid map key", "(line 1, column 3)"},
		{"a tag that does not fit", "staff:\n  - id: !!int anna\n",
			"staff[0].id", `"anna"`, "cannot decode !!str `anna` as a !!int", "(line 2, column 9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := model.DecodeProblemYAML(strings.NewReader(tt.yaml))
			require.Nil(t, p)
			var fe *model.FieldError
			require.True(t, errors.As(err, &fe), "%v", err)
			require.Equal(t, tt.field, fe.Field, "%v", err)
			require.Equal(t, tt.field+" = "+tt.value+": ", err.Error()[:len(tt.field+" = "+tt.value+": ")], "%v", err)
			require.Contains(t, fe.Msg, tt.msg)
			require.True(t, strings.HasSuffix(fe.Msg, " "+tt.place), "%q does not end in %q", fe.Msg, tt.place)
		})
	}
}

// TestDecodeProblemYAMLKeysWrittenTwice: each is an error of its own, as
// Validate lists its problems, joined.
func TestDecodeProblemYAMLKeysWrittenTwice(t *testing.T) {
	_, err := model.DecodeProblemYAML(strings.NewReader("staff: []\nname: a\nstaff: []\nname: b\n"))
	require.EqualError(t, err, `staff = "staff": mapping key "staff" already defined at line 1 (line 3, column 1)`+"\n"+
		`name = "name": mapping key "name" already defined at line 2 (line 4, column 1)`)
	var fe *model.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "staff", fe.Field)
}

// TestDecodeProblemYAMLHostile: a few lines of aliases that stand for
// gigabytes, and a mapping of many keys, are refused in well under a
// second; yaml.v3's own decoding compares every key of a mapping with
// every other, minutes for these.
func TestDecodeProblemYAMLHostile(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	_, err := model.DecodeProblemYAML(strings.NewReader(bomb.String()))
	var fe *model.FieldError
	require.ErrorAs(t, err, &fe)
	require.Contains(t, fe.Msg, "larger than the limit")

	// More than the YAML limit, however simple, is refused unread.
	big := "# " + strings.Repeat("x", model.MaxYAMLBytes) + "\nstaff: []\n"
	_, err = model.DecodeProblemYAML(strings.NewReader(big))
	require.ErrorAs(t, err, &fe)
	require.Contains(t, fe.Msg, "MaxYAMLBytes")

	var wide strings.Builder
	for i := range 200_000 {
		fmt.Fprintf(&wide, "k%d: 1\n", i)
	}
	_, err = model.DecodeProblemYAML(strings.NewReader(wide.String()))
	require.EqualError(t, err, `k0 = "k0": unknown field (line 1, column 1)`)
}
