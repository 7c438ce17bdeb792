package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A YAML scenario is decoded through JSON, so the decoder's and the
// validator's errors name a field path ("staff[7].unit") and, for the
// decoder, a column of that JSON; yamlPlaces finds the path in the YAML
// document instead, so that each error names the line the user wrote.

// yamlPlaces is a parsed YAML document, for the lines of field paths.
type yamlPlaces struct {
	file string
	root *yaml.Node
}

// newYAMLPlaces parses b; nil when it does not parse (the decoder then
// says why).
func newYAMLPlaces(file string, b []byte) *yamlPlaces {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	return &yamlPlaces{file: file, root: doc.Content[0]}
}

// pathStep is one step of a field path: a key, then any indices.
var (
	pathStep = regexp.MustCompile(`^([^\[\]]*)((?:\[\d+\])*)$`)
	index    = regexp.MustCompile(`\d+`)
)

// place returns the line and column of the node at path, or of the
// deepest node on the way when the rest is not in the document (a field
// it misspells is found as written; an entry that came from a CSV file
// is not there at all, and reports false).
func (y *yamlPlaces) place(path string) (line, col int, ok bool) {
	n := y.root
	for _, step := range strings.Split(path, ".") {
		m := pathStep.FindStringSubmatch(step)
		if m == nil {
			return n.Line, n.Column, n != y.root
		}
		next := mapValue(n, m[1])
		if next == nil {
			return n.Line, n.Column, n != y.root
		}
		n = next
		for _, ix := range index.FindAllString(m[2], -1) {
			i, _ := strconv.Atoi(ix)
			if n.Kind != yaml.SequenceNode || i >= len(n.Content) {
				return 0, 0, false // beyond the document: a CSV row
			}
			n = n.Content[i]
		}
	}
	return n.Line, n.Column, true
}

// mapValue returns the value of key in mapping node n (its key node for
// a scalar key whose value is not there), nil when n has no such key.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// jsonColumn is the position the decoder gives in the JSON a YAML file
// was turned into, which means nothing to the user.
var jsonColumn = regexp.MustCompile(` \(line \d+, column \d+\)$`)

// annotate prefixes every line of msg that names a field path with the
// file and the line of that field in the YAML document.
func (y *yamlPlaces) annotate(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		path, _, ok := strings.Cut(l, " = ")
		if !ok || strings.ContainsAny(path, " ") {
			continue
		}
		if line, col, ok := y.place(path); ok {
			lines[i] = fmt.Sprintf("%s:%d:%d: %s", y.file, line, col, jsonColumn.ReplaceAllString(l, ""))
		}
	}
	return strings.Join(lines, "\n")
}
