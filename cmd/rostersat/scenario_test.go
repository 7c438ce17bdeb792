package main

import (
	"bytes"
	"encoding/json"
	"flag"
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
	want := append([]byte("# The Värmdö Friday rota, as examples/varmdo/scenario builds it: go run ./cmd/rostersat solve examples/varmdo/scenario.yaml\n"), toYAML(t, scenario.Problem())...)
	if *update {
		require.NoError(t, os.WriteFile(path, want, 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "the shipped scenario differs from the Go one: rerun with -update")
	code, out, errOut := call("solve", path)
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "status optimal")
}
