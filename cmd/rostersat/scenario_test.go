package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
)

var update = flag.Bool("update", false, "rewrite the shipped scenario files from the Go scenario")

// toYAML writes v as block-style YAML with the fields in the order of
// its JSON: JSON is YAML, so its text decodes into nodes in order, and
// only the style needs changing.
func toYAML(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var n yaml.Node
	require.NoError(t, yaml.Unmarshal(b, &n))
	var plain func(*yaml.Node)
	plain = func(n *yaml.Node) {
		n.Style = 0
		for _, c := range n.Content {
			plain(c)
		}
	}
	plain(&n)
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	require.NoError(t, enc.Encode(&n))
	return out.Bytes()
}

// TestShippedScenario keeps examples/varmdo/scenario.yaml the same as
// the Go scenario (go test ./cmd/rostersat -run Shipped -update rewrites
// it), and solves it as the README does.
func TestShippedScenario(t *testing.T) {
	path := filepath.Join("..", "..", "examples", "varmdo", "scenario.yaml")
	want := append([]byte("# yaml-language-server: $schema=scenario.schema.json\n# The Värmdö Friday rota, as examples/varmdo/scenario builds it: go run ./cmd/rostersat solve examples/varmdo/scenario.yaml\n"), toYAML(t, scenario.Problem())...)
	schemaPath := filepath.Join("..", "..", "examples", "varmdo", "scenario.schema.json")
	schema, err := scenarioSchema()
	require.NoError(t, err)
	schema = append(schema, '\n')
	if *update {
		require.NoError(t, os.WriteFile(path, want, 0o644))
		require.NoError(t, os.WriteFile(schemaPath, schema, 0o644))
	}
	shipped, err := os.ReadFile(schemaPath)
	require.NoError(t, err)
	require.Equal(t, string(schema), string(shipped), "the shipped schema differs from the types: rerun with -update")
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "the shipped scenario differs from the Go one: rerun with -update")
	code, out, errOut := call("solve", path)
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "status optimal")
}

// TestSchemaCoversScenario walks the Värmdö scenario's JSON against the
// schema: every property it uses is one the schema lists, and every
// property the schema requires is there.
func TestSchemaCoversScenario(t *testing.T) {
	b, err := scenarioSchema()
	require.NoError(t, err)
	var schema map[string]any
	require.NoError(t, json.Unmarshal(b, &schema))
	defs := schema["$defs"].(map[string]any)
	raw, err := json.Marshal(scenario.Problem())
	require.NoError(t, err)
	var doc any
	require.NoError(t, json.Unmarshal(raw, &doc))
	var walk func(path string, s map[string]any, v any)
	walk = func(path string, s map[string]any, v any) {
		if ref, ok := s["$ref"].(string); ok {
			s = defs[ref[len("#/$defs/"):]].(map[string]any)
		}
		switch v := v.(type) {
		case map[string]any:
			props, _ := s["properties"].(map[string]any)
			for k, x := range v {
				sub, ok := props[k].(map[string]any)
				require.True(t, ok, "%s.%s is not in the schema", path, k)
				walk(path+"."+k, sub, x)
			}
			req, _ := s["required"].([]any)
			for _, k := range req {
				_, ok := v[k.(string)]
				require.True(t, ok, "%s.%s is required by the schema", path, k)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), s["items"].(map[string]any), x)
			}
		case string:
			require.Equal(t, "string", s["type"], path)
		}
	}
	walk("problem", schema, doc)
}
