package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rostersat/rostersat/model"
)

// The decoder's and the validator's errors are *model.FieldError: a
// field path, the value found and a message, the decoder's ending in the
// line and column of the JSON it read. describe writes each as one line
// the way a compiler names a place, "scenario.yaml:207:5: field:
// message", with the line and column of the file the user wrote.

// jsonPlace is the decoder's position at the end of a message.
var jsonPlace = regexp.MustCompile(` \(line (\d+), column (\d+)\)$`)

// describe writes err, from decoding or validating the scenario into a
// value of type root, a line per error.
func (in *scenarioInput) describe(err error, root reflect.Type) []string {
	var lines []string
	for _, e := range leaves(err) {
		var fe *model.FieldError
		if !errors.As(e, &fe) {
			lines = append(lines, in.path+": "+e.Error())
			continue
		}
		lines = append(lines, in.fieldLine(fe, root))
	}
	return lines
}

// leaves are the errors err joins (errors.Join), or err alone.
func leaves(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, leaves(e)...)
	}
	return out
}

// fieldLine is one field error on one line: the file, the line and
// column of the field where known, the field, the value as written and
// what is wrong.
func (in *scenarioInput) fieldLine(fe *model.FieldError, root reflect.Type) string {
	msg, jline, jcol := fe.Msg, 0, 0
	if m := jsonPlace.FindStringSubmatch(msg); m != nil {
		msg = msg[:len(msg)-len(m[0])]
		jline, _ = strconv.Atoi(m[1])
		jcol, _ = strconv.Atoi(m[2])
	}
	unknown := msg == "unknown field"
	where := in.path
	switch {
	case in.places != nil:
		if line, col, ok := in.places.Place(fe.Field, unknown); ok {
			where = fmt.Sprintf("%s:%d:%d", in.path, line, col)
		}
	case in.own && jline > 0:
		where = fmt.Sprintf("%s:%d:%d", in.path, jline, jcol)
	}
	var text string
	if unknown {
		// The value is the field's name, which the path ends in.
		text = fe.Field + ": unknown field"
		if s := suggest(root, fe.Field); s != "" {
			text += " (did you mean " + s + "?)"
		}
	} else {
		// The value as the model writes it: the text between the field
		// and the message.
		value := strings.TrimSuffix(strings.TrimPrefix(fe.Error(), fe.Field+" = "), ": "+fe.Msg)
		if s, ok := fe.Value.(string); ok && isJSONType(s) && strings.HasPrefix(msg, "want ") {
			// A value of the wrong type: the decoder names its JSON type
			// ("string"); the user wants to see what they wrote.
			if w, ok := in.written(fe.Field, jline, jcol); ok {
				value = w
			}
		}
		text = fmt.Sprintf("%s = %s: %s", fe.Field, value, msg)
	}
	return where + ": " + whereFrom(text, in.sources)
}

// isJSONType says whether s is what encoding/json's type errors call a
// value: its JSON type, and for a number the number.
func isJSONType(s string) bool {
	switch s {
	case "string", "bool", "array", "object", "null", "number":
		return true
	}
	return strings.HasPrefix(s, "number ")
}

// written is the value at field as the file has it: the YAML node, or
// the JSON at the decoder's line and column when the JSON is the file's
// own; false when it cannot be found.
func (in *scenarioInput) written(field string, line, col int) (string, bool) {
	if in.places != nil {
		n := in.places.Node(field)
		if n == nil {
			return "", false
		}
		switch n.Kind {
		case yaml.ScalarNode:
			if n.Tag == "!!str" {
				return strconv.Quote(n.Value), true
			}
			return n.Value, true
		case yaml.SequenceNode:
			return "a list", true
		case yaml.MappingNode:
			return "a mapping", true
		}
		return "", false
	}
	if !in.own || line < 1 {
		return "", false
	}
	off := offsetOf(in.json, line, col)
	if off < 0 {
		return "", false
	}
	var raw json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(in.json[off:])).Decode(&raw); err != nil {
		return "", false
	}
	switch {
	case raw[0] == '[':
		return "a list", true
	case raw[0] == '{':
		return "an object", true
	case len(raw) > 60:
		return string(raw[:57]) + "...", true
	}
	return string(raw), true
}

// offsetOf is the byte offset of line and column (both from 1) in b, -1
// when b has no such place.
func offsetOf(b []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	off += col - 1
	if col < 1 || off >= len(b) {
		return -1
	}
	return off
}

// suggest returns the known fields of the object that holds the last
// step of path nearest the name written there ("perDate" for
// "rules.coverage.perDay"), "" when none is near. The known fields are
// the JSON names of root's Go types, as the strict decoder knows them.
func suggest(root reflect.Type, path string) string {
	steps := strings.Split(path, ".")
	name := steps[len(steps)-1]
	t := root
	for _, step := range steps[:len(steps)-1] {
		key, _, _ := strings.Cut(step, "[")
		if t = fieldType(t, key); t == nil {
			return ""
		}
		for range strings.Count(step, "[") {
			if t = deref(t); t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return ""
			}
			t = t.Elem()
		}
	}
	known := jsonFields(t)
	if t == root {
		known = append(known, "csv") // the command line's own entry (see includeCSV)
	}
	best, near := -1, []string(nil)
	for _, k := range known {
		d := editDistance(strings.ToLower(name), strings.ToLower(k))
		if d > max(1, len(name)/3) {
			continue
		}
		switch {
		case best < 0 || d < best:
			best, near = d, []string{k}
		case d == best:
			near = append(near, k)
		}
	}
	return orList(near)
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// fieldType is the type of the value at key in a value of type t: the
// struct field of that JSON name, or a map's values; nil for none.
func fieldType(t reflect.Type, key string) reflect.Type {
	t = deref(t)
	switch t.Kind() {
	case reflect.Map:
		return t.Elem()
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if name, ok := jsonName(f); ok && name == key {
				return f.Type
			}
		}
	}
	return nil
}

// jsonFields are the JSON names of the fields of struct type t, in
// order; none for another type.
func jsonFields(t reflect.Type) []string {
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		if name, ok := jsonName(t.Field(i)); ok {
			names = append(names, name)
		}
	}
	return names
}

// jsonName is the name encoding/json gives a struct field, and whether
// it has one (the suggestions and the schema read names alike).
func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if !f.IsExported() || tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

// editDistance counts the insertions, deletions, substitutions and
// swaps of two neighbours that turn a into b (the optimal string
// alignment distance): "perDay" is 2 from "perDate", "unti" 1 from
// "unit".
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
