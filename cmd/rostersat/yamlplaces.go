package main

import (
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
	root *yaml.Node
}

// newYAMLPlaces parses b; nil when it does not parse (the decoder then
// says why).
func newYAMLPlaces(b []byte) *yamlPlaces {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	return &yamlPlaces{root: doc.Content[0]}
}

// pathStep is one step of a field path: a key, then any indices.
var (
	pathStep = regexp.MustCompile(`^([^\[\]]*)((?:\[\d+\])*)$`)
	index    = regexp.MustCompile(`\d+`)
)

// place returns the line and column of the node at path, or of the
// deepest node on the way when the rest is not in the document (an
// entry that came from a CSV file is not there at all, and reports
// false). With key, a path that ends in a field points at the field's
// key, not its value: an unknown field is the key written wrong.
func (y *yamlPlaces) place(path string, key bool) (line, col int, ok bool) {
	n, deepest := y.walk(path, key)
	switch {
	case n != nil:
		return n.Line, n.Column, true
	case deepest != nil && deepest != y.root:
		return deepest.Line, deepest.Column, true
	}
	return 0, 0, false
}

// node returns the value node at path, nil when it is not in the
// document.
func (y *yamlPlaces) node(path string) *yaml.Node {
	n, _ := y.walk(path, false)
	return n
}

// walk follows path from the root: it returns the node at path (its
// key node, with key, when the path ends in a field) or nil, and the
// deepest node reached on the way, nil when the path leads beyond the
// document (into a list entry it does not have).
func (y *yamlPlaces) walk(path string, key bool) (at, deepest *yaml.Node) {
	n := y.root
	steps := strings.Split(path, ".")
	for s, step := range steps {
		m := pathStep.FindStringSubmatch(step)
		if m == nil {
			return nil, n
		}
		k, v := mapEntry(n, m[1])
		if v == nil {
			return nil, n
		}
		if key && s == len(steps)-1 && m[2] == "" {
			return k, k
		}
		n = v
		for _, ix := range index.FindAllString(m[2], -1) {
			i, _ := strconv.Atoi(ix)
			if n.Kind != yaml.SequenceNode || i >= len(n.Content) {
				return nil, nil // beyond the document: a CSV row
			}
			n = n.Content[i]
		}
	}
	return n, n
}

// mapEntry returns the key node and the value node of key in mapping
// node n, nils when n has no such key.
func mapEntry(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}
