// Package yamlpos reads a YAML document as the JSON it stands for, and
// finds the line and column of a field path ("staff[7].unit") in it.
//
// The model decodes YAML by turning it into JSON and decoding that with
// its strict JSON decoder, so that both formats are read by one decoder
// and fail the same way; the errors then name a field path, which Doc
// finds in the YAML the user wrote. The model's YAML decoder and the
// command line (which adds CSV rows to the JSON before decoding) both
// use this package, so that there is one YAML reader and one line
// finder.
package yamlpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Doc is a parsed YAML document, for the places of field paths.
type Doc struct {
	root *yaml.Node // the document's content: a mapping for a problem
}

// Error is a fault in the YAML itself, found before any field is
// decoded: a syntax error, a key written twice, a value the YAML types
// cannot hold, an alias that expands too far, no document or a second
// one.
type Error struct {
	// Line and Column are where, both from 1; Column is 0 when only the
	// line is known (the parser's syntax errors give no column), and
	// both are 0 when neither is.
	Line, Column int
	// Path is the field at fault, written as the model names fields
	// ("staff[3].id"); "" for the document as a whole.
	Path string
	// Value is what was found: the key written twice, the scalar, or
	// "invalid YAML", "end of input", "more data".
	Value string
	// Msg says what is wrong, in the parser's words where it has them
	// ("mapping values are not allowed in this context").
	Msg string
}

// Error writes e as "line 3: msg", as the parser does.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

const (
	// maxErrors bounds the keys written twice that Parse reports one by
	// one, as model.MaxErrors bounds Validate's problems.
	maxErrors = 100
	// expansion is how many times its own size the JSON of a document
	// may be. Without aliases the JSON is at most about five times the
	// YAML ("{a,b}" is `{"a":null,"b":null}`); aliases repeat what they
	// name, and a few lines of them could otherwise stand for gigabytes.
	expansion = 10
	// slack is the JSON allowed beyond expansion times the document, so
	// that small documents may use aliases freely.
	slack = 1 << 20
)

// NonFinite is the JSON Parse writes for .inf, -.inf and .nan. JSON has
// no such number; one too large for any Go number makes a decoder refuse
// it as a value of the wrong type, naming the field, as it refuses any
// other.
const NonFinite = "1e999"

// Parse reads the one YAML document in b and returns it and the JSON it
// stands for, with the keys of each mapping in the order written, so
// that a decoder meets the fields (and the first bad one) in the order
// of the file. Scalars are what YAML makes of them: 1 is a number, true
// a boolean, "1" and abc strings, and an unquoted date (2024-01-05) the
// string it was written as, so that it decodes as a JSON date string
// does. A merge key (<<) brings the fields of the mappings it names that
// the mapping lacks, after the mapping's own.
//
// The error is an *Error, or several joined with errors.Join (every key
// written twice, up to a hundred). Parse refuses an empty document, a
// second one, and JSON longer than limit bytes or than ten times b and a
// mebibyte (aliases repeat what they name).
func Parse(b []byte, limit int) (*Doc, []byte, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			line, col := end(b)
			return nil, nil, &Error{Line: line, Column: col, Value: "end of input", Msg: "the YAML holds no document"}
		}
		return nil, nil, parseError(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, nil, &Error{Line: next.Line, Column: next.Column, Value: "more data", Msg: "the YAML document is followed by another"}
	case !errors.Is(err, io.EOF):
		return nil, nil, parseError(err)
	}
	if len(doc.Content) != 1 {
		return nil, nil, &Error{Line: doc.Line, Column: doc.Column, Value: "invalid YAML", Msg: "the document holds no value"}
	}
	d := &Doc{root: doc.Content[0]}
	c := newConverter(min(limit, expansion*len(b)+slack))
	if err := c.value(d.root); err != nil {
		return nil, nil, errors.Join(append(c.dups, err)...)
	}
	if len(c.dups) > 0 {
		return nil, nil, errors.Join(c.dups...)
	}
	return d, c.out.Bytes(), nil
}

// parserLine is the parser's message with a line: "yaml: line 28:
// mapping values are not allowed in this context".
var parserLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// parseError is the parser's error as an *Error with its line.
func parseError(err error) *Error {
	e := &Error{Value: "invalid YAML", Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	if m := parserLine.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	return e
}

// end is the line and column just past the last byte of b.
func end(b []byte) (line, col int) {
	return bytes.Count(b, []byte("\n")) + 1, len(b) - bytes.LastIndexByte(b, '\n')
}

// converter writes a document's nodes as JSON.
type converter struct {
	out    bytes.Buffer
	enc    *json.Encoder      // of scalars, to out
	budget int                // the most JSON bytes, and nodes visited, allowed
	visits int                // nodes visited, aliases counted each time
	active map[*yaml.Node]int // the anchors being expanded, for a loop: the path's length then
	path   []step             // to the node being written, for errors
	dups   []error            // keys written twice
}

func newConverter(budget int) *converter {
	c := &converter{budget: budget, active: map[*yaml.Node]int{}}
	c.enc = json.NewEncoder(&c.out)
	// The JSON is for a decoder, not a web page: < > & stay as they are.
	c.enc.SetEscapeHTML(false)
	return c
}

// step is one step of a path: a key, or an index in a list.
type step struct {
	key   string
	index int
	list  bool
}

// render writes the steps the way the model names fields.
func render(steps []step) string {
	var sb strings.Builder
	for _, s := range steps {
		if s.list {
			fmt.Fprintf(&sb, "[%d]", s.index)
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(s.key)
	}
	return sb.String()
}

// fail is an *Error at node n, on the path being written.
func (c *converter) fail(n *yaml.Node, value, msg string) *Error {
	return &Error{Line: n.Line, Column: n.Column, Path: render(c.path), Value: value, Msg: msg}
}

// value writes node n as JSON.
func (c *converter) value(n *yaml.Node) error {
	c.visits++
	if c.out.Len() > c.budget || c.visits > c.budget {
		return c.fail(n, fmt.Sprintf("more than %d bytes", c.budget),
			"as JSON the document is larger than the limit (aliases repeat what they name)")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.alias(n, c.value)
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		c.out.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				c.out.WriteByte(',')
			}
			c.path = append(c.path, step{index: i, list: true})
			if err := c.value(item); err != nil {
				return err
			}
			c.path = c.path[:len(c.path)-1]
		}
		c.out.WriteByte(']')
		return nil
	case yaml.MappingNode:
		entries, err := c.entries(n)
		if err != nil {
			return err
		}
		c.out.WriteByte('{')
		for i, e := range entries {
			if i > 0 {
				c.out.WriteByte(',')
			}
			c.path = append(c.path, step{key: e.name})
			c.write(e.name)
			c.out.WriteByte(':')
			if err := c.value(e.value); err != nil {
				return err
			}
			c.path = c.path[:len(c.path)-1]
		}
		c.out.WriteByte('}')
		return nil
	}
	return c.fail(n, "invalid YAML", fmt.Sprintf("a node of unknown kind %d", n.Kind))
}

// alias calls do on the node alias n names; an anchor inside its own
// value would expand for ever.
func (c *converter) alias(n *yaml.Node, do func(*yaml.Node) error) error {
	if depth, loop := c.active[n.Alias]; loop || n.Alias == nil {
		if loop {
			c.path = c.path[:depth] // the alias that began the loop
		}
		return c.fail(n, "*"+n.Value, fmt.Sprintf("anchor '%s' value contains itself", n.Value))
	}
	c.active[n.Alias] = len(c.path)
	defer delete(c.active, n.Alias)
	return do(n.Alias)
}

// scalar writes a scalar as YAML reads it. Strings and nulls are written
// directly, as most of a document is; a date as it was written, so that
// "2024-01-05" is the model's date string and not a time YAML made of
// it; anything else as the YAML decoder decodes it.
func (c *converter) scalar(n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!str":
		c.write(n.Value)
		return nil
	case "!!null":
		c.out.WriteString("null")
		return nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return c.fail(n, n.Value, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	switch x := v.(type) {
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			c.out.WriteString(NonFinite)
			return nil
		}
	case string, bool, nil, int, int64, uint64:
	default:
		// A timestamp (or a type a later YAML decoder adds): the text
		// as written.
		v = n.Value
	}
	c.write(v)
	return nil
}

// write writes v, a string, a finite number, a boolean or nil, as JSON.
func (c *converter) write(v any) {
	if c.enc.Encode(v) == nil { // of these types it cannot fail
		c.out.Truncate(c.out.Len() - 1) // the newline Encode ends with
	}
}

// entry is one field of a mapping: its name, its key and its value.
type entry struct {
	name       string
	key, value *yaml.Node
}

// entries are the fields of mapping n: its own in order, then those its
// merge key brings that it lacks (earlier mappings of a merge list first,
// as YAML merges them). A key written twice is recorded in c.dups and
// its second value dropped.
func (c *converter) entries(n *yaml.Node) ([]entry, error) {
	var (
		own   []entry
		merge *yaml.Node
		seen  = make(map[string]int, len(n.Content)/2) // name -> line
	)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name, err := c.keyName(k)
		if err != nil {
			return nil, err
		}
		if line, dup := seen[name]; dup {
			if len(c.dups) < maxErrors {
				c.path = append(c.path, step{key: name})
				c.dups = append(c.dups, c.fail(k, name, fmt.Sprintf("mapping key %q already defined at line %d", name, line)))
				c.path = c.path[:len(c.path)-1]
			}
			continue
		}
		seen[name] = k.Line
		if isMerge(k) {
			merge = v
			continue
		}
		own = append(own, entry{name: name, key: k, value: v})
	}
	if merge == nil {
		return own, nil
	}
	sources := []*yaml.Node{merge}
	if merge.Kind == yaml.SequenceNode {
		sources = merge.Content
	}
	for _, s := range sources {
		var brought []entry
		err := c.mergeSource(s, merge, func(m *yaml.Node) (err error) {
			brought, err = c.entries(m)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, e := range brought {
			if _, ok := seen[e.name]; !ok {
				seen[e.name] = e.key.Line
				own = append(own, e)
			}
		}
	}
	return own, nil
}

// mergeSource calls do on the mapping s, one of the merge key's values
// (merge), following an alias; anything else is an error.
func (c *converter) mergeSource(s, merge *yaml.Node, do func(*yaml.Node) error) error {
	c.visits++
	if c.visits > c.budget {
		return c.fail(s, fmt.Sprintf("more than %d bytes", c.budget),
			"as JSON the document is larger than the limit (aliases repeat what they name)")
	}
	switch {
	case s.Kind == yaml.MappingNode:
		return do(s)
	case s.Kind == yaml.AliasNode && s.Alias != nil && s.Alias.Kind == yaml.MappingNode:
		return c.alias(s, do)
	}
	return c.fail(merge, "<<", "map merge requires map or sequence of maps as the value")
}

// keyName is the field name a mapping key stands for: the text written
// for a scalar (a JSON key is a string, so 1.0 is the name "1.0").
func (c *converter) keyName(k *yaml.Node) (string, error) {
	n := k
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value, nil
	case yaml.SequenceNode:
		return "", c.fail(k, "a list", "invalid map key: a key must be a scalar, not a list")
	}
	return "", c.fail(k, "a mapping", "invalid map key: a key must be a scalar, not a mapping")
}

// isMerge says whether k is the merge key, as the YAML decoder decides.
func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "" || k.Tag == "!" || k.ShortTag() == "!!merge")
}

// pathStep is one step of a field path: a key, then any indices.
var (
	pathStep = regexp.MustCompile(`^([^\[\]]*)((?:\[\d+\])*)$`)
	index    = regexp.MustCompile(`\d+`)
)

// Place returns the line and column of the node at path, or of the
// deepest node on the way when the rest is not in the document: the
// root's for "" or a path the document has nothing of, and then ok is
// false (an entry that came from elsewhere, such as a CSV file, is not
// there at all). With key, a path that ends in a field points at the
// field's key, not its value: an unknown field is the key written wrong.
// Aliases and merge keys are followed to what they name.
func (d *Doc) Place(path string, key bool) (line, col int, ok bool) {
	n, deepest := d.walk(path, key)
	switch {
	case n != nil:
		return n.Line, n.Column, n != d.root
	case deepest != nil && deepest != d.root:
		return deepest.Line, deepest.Column, true
	}
	return d.root.Line, d.root.Column, false
}

// Node returns the value node at path, following aliases; nil when it
// is not in the document.
func (d *Doc) Node(path string) *yaml.Node {
	n, _ := d.walk(path, false)
	return n
}

// Scalar is the text of the scalar at path as written (".inf"), false
// when path names no scalar of the document.
func (d *Doc) Scalar(path string) (string, bool) {
	n := d.Node(path)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}

// walk follows path from the root: it returns the node at path (its
// key node, with key, when the path ends in a field) or nil, and the
// deepest node reached on the way, nil when the path leads beyond the
// document (into a list entry it does not have).
func (d *Doc) walk(path string, key bool) (at, deepest *yaml.Node) {
	n := d.root
	if path == "" {
		return n, n
	}
	steps := strings.Split(path, ".")
	for s, st := range steps {
		m := pathStep.FindStringSubmatch(st)
		if m == nil {
			return nil, n
		}
		k, v := field(n, m[1])
		if v == nil {
			return nil, n
		}
		if key && s == len(steps)-1 && m[2] == "" {
			return k, k
		}
		n = resolve(v)
		for _, ix := range index.FindAllString(m[2], -1) {
			i, err := strconv.Atoi(ix)
			if err != nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
				return nil, nil // beyond the document: a CSV row
			}
			n = resolve(n.Content[i])
		}
	}
	return n, n
}

// resolve is the node alias n names, n itself for any other node.
func resolve(n *yaml.Node) *yaml.Node {
	for range 100 { // the parser's aliases name no alias; a bound all the same
		if n.Kind != yaml.AliasNode || n.Alias == nil {
			return n
		}
		n = n.Alias
	}
	return n
}

// field returns the key node and the value node of the field name in
// mapping n, as Parse reads the mapping (merge keys included); nils when
// n has no such field.
func field(n *yaml.Node, name string) (k, v *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	// A converter of its own: the Doc parsed, so the only errors are the
	// budget's, and a path lookup is after a small part of a document.
	entries, _ := newConverter(math.MaxInt).entries(n)
	for _, e := range entries {
		if e.name == name {
			return e.key, e.value
		}
	}
	return nil, nil
}
