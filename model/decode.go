package model

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// MaxProblemBytes is the largest JSON problem DecodeProblem reads: room
// for every list at its limit.
const MaxProblemBytes = 256 << 20

// DecodeProblem reads one JSON problem from r, strictly: a field the
// Problem does not have, a malformed date or weekday, a value of the
// wrong type and anything after the problem are errors. The error is a
// *FieldError that names the field as Validate does ("staff[3].start")
// and says where it is in the input (line and column). DecodeProblem does
// not validate: call Validate on what it returns.
func DecodeProblem(r io.Reader) (*Problem, error) {
	var p Problem
	if err := decodeStrict(r, "problem", &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// DecodeCaseProblem reads one JSON caseload problem from r, as strictly
// as DecodeProblem reads a rota's, with errors of the same kind. It does
// not validate: call Validate on what it returns.
func DecodeCaseProblem(r io.Reader) (*CaseProblem, error) {
	var p CaseProblem
	if err := decodeStrict(r, "problem", &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// decodeStrict reads one JSON value of at most MaxProblemBytes into v,
// refusing unknown fields and trailing data; what names the value in
// errors.
func decodeStrict(r io.Reader, what string, v any) error {
	b, err := readAll(r, what, MaxProblemBytes, "MaxProblemBytes")
	if err != nil {
		return err
	}
	if f := decodeJSON(b, what, v); f != nil {
		return f.error(what, where(b, f.off))
	}
	return nil
}

// readAll reads r to its end, refusing more than limit bytes; name is
// the limit's name, for the error.
func readAll(r io.Reader, what string, limit int, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("model: reading the %s: %w", what, err)
	}
	if len(b) > limit {
		return nil, &FieldError{Field: what, Value: fmt.Sprintf("more than %d bytes", limit),
			Msg: "larger than the limit " + name}
	}
	return b, nil
}

// fault is a decoding error before it is given a place: the field's
// path ("" for the whole value), the value found, what is wrong, and the
// byte offset in the JSON of the token it is about; key says the token
// is the field's key (an unknown field is its key written wrong), so
// that a YAML place can be the key's too.
type fault struct {
	path  string
	off   int64
	key   bool
	value any
	msg   string
}

// error is f as a *FieldError, its message ending in where it is
// ("(line 3, column 14)"); what names the whole value.
func (f *fault) error(what, where string) *FieldError {
	field := f.path
	if field == "" {
		field = what
	}
	msg := f.msg
	if where != "" {
		msg += " " + where
	}
	return &FieldError{Field: field, Value: f.value, Msg: msg}
}

// decodeJSON decodes the JSON b into v strictly: unknown fields and
// anything after the value are faults.
func decodeJSON(b []byte, what string, v any) *fault {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return locate(b, err, reflect.TypeOf(v))
	}
	if _, err := dec.Token(); err != io.EOF {
		return &fault{off: dec.InputOffset(), value: "more data", msg: "the " + what + " is followed by more data"}
	}
	return nil
}

// locate turns a decoding error into a fault on the field it concerns.
// encoding/json names no field for an error from a value's own
// UnmarshalText and no path with indices for the others, so the input is
// scanned again for the token the error is about: the first that the
// decoder, reading into a value of type root, would have refused so.
func locate(b []byte, err error, root reflect.Type) *fault {
	var (
		syntax  *json.SyntaxError
		typ     *json.UnmarshalTypeError
		bad     *TextError
		unknown = strings.HasPrefix(err.Error(), `json: unknown field "`)
	)
	switch {
	case errors.As(err, &syntax):
		return &fault{path: pathAt(b, root, syntax.Offset), off: syntax.Offset, value: "invalid JSON", msg: syntax.Error()}
	case errors.As(err, &typ):
		t := find(b, root, func(t token) bool { return t.end >= typ.Offset })
		return &fault{path: t.path, off: t.start, value: typ.Value, msg: "want " + typ.Type.String()}
	case errors.As(err, &bad):
		// The decoder stops at the first text its type refuses; a field
		// of another type may hold the same text.
		t := find(b, root, func(t token) bool { return t.isString && !t.isKey && t.text == bad.Text && refuses(t.typ, t.text) })
		if t.end == 0 {
			t = find(b, root, func(t token) bool { return t.isString && !t.isKey && t.text == bad.Text })
		}
		return &fault{path: t.path, off: t.start, value: bad.Text, msg: bad.Want}
	case unknown:
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		// The decoder keeps the first unknown field; a key of that name
		// may be a known field elsewhere.
		t := find(b, root, func(t token) bool { return t.isKey && t.unknown && t.text == name })
		if t.end == 0 {
			t = find(b, root, func(t token) bool { return t.isKey && t.text == name })
		}
		return &fault{path: t.path, off: t.start, key: true, value: name, msg: "unknown field"}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &fault{off: int64(len(b)), value: "end of input", msg: "the JSON ends early"}
	default:
		return &fault{value: "JSON", msg: err.Error()}
	}
}

// textUnmarshaler is the interface of the types read from JSON text
// (Date, Weekday).
var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// refuses says whether a value of type t reads itself from text and
// refuses s.
func refuses(t reflect.Type, s string) bool {
	if t == nil || t.Kind() == reflect.Interface {
		return false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if !reflect.PointerTo(t).Implements(textUnmarshaler) {
		return false
	}
	return reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)) != nil
}

// TextError is a malformed date or weekday: what was read, the text
// found and what is wanted. DecodeProblem turns it into a *FieldError
// naming the field.
type TextError struct {
	What string // "date" or "weekday"
	Text string
	Want string
}

func (e *TextError) Error() string { return fmt.Sprintf("%s %q: %s", e.What, e.Text, e.Want) }

// token is one JSON token of the input, with the path of the value it
// belongs to ("staff[3].start") and its byte offsets. typ is the Go type
// the decoder reads the value into (for a key, its field's), nil where
// the decoder does not look (inside a value of the wrong type); unknown
// says a key names no field of the struct it is in.
type token struct {
	path       string
	text       string
	isKey      bool
	isString   bool
	unknown    bool
	typ        reflect.Type
	start, end int64
}

// find scans b, read into a value of type root, token by token and
// returns the first for which match holds; the zero token when none
// does.
func find(b []byte, root reflect.Type, match func(token) bool) token {
	var found token
	scan(b, root, func(t token) bool {
		if match(t) {
			found = t
			return false
		}
		return true
	})
	return found
}

// pathAt returns the path of the last token that starts before off, for
// an error in the middle of the input.
func pathAt(b []byte, root reflect.Type, off int64) string {
	path := ""
	scan(b, root, func(t token) bool {
		if t.start >= off {
			return false
		}
		path = t.path
		return true
	})
	return path
}

// frame is one level of nesting during a scan: an array and the index of
// its current element, or an object and its current key. typ is the
// array's or the struct's type, and field the type of the current key's
// field; nil where the decoder does not look.
type frame struct {
	array bool
	index int
	key   string
	typ   reflect.Type
	field reflect.Type
}

// scan calls visit for each token of b, read into a value of type root,
// in order until visit returns false or the input ends or breaks.
func scan(b []byte, root reflect.Type, visit func(token) bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []frame
	expectKey := func() bool { return len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].key == "" }
	// valueType is the type the next value is read into.
	valueType := func() reflect.Type {
		if len(stack) == 0 {
			return root
		}
		top := stack[len(stack)-1]
		if top.array {
			return elem(top.typ)
		}
		return top.field
	}
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return
		}
		for start < int64(len(b)) && strings.IndexByte(" \t\r\n,:", b[start]) >= 0 {
			start++ // to the token itself
		}
		t := token{start: start, end: dec.InputOffset(), path: render(stack)}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				t.typ = valueType()
				if !visit(t) {
					return
				}
				stack = append(stack, frame{array: v == '[', typ: container(t.typ, v == '[')})
				continue
			default:
				stack = stack[:len(stack)-1]
				next(stack)
				continue
			}
		case string:
			t.text, t.isString = v, true
			if expectKey() {
				top := &stack[len(stack)-1]
				t.isKey = true
				top.key = v
				top.field, t.unknown = fieldOf(top.typ, v)
				t.typ = top.field
				t.path = render(stack)
				if !visit(t) {
					return
				}
				continue
			}
		default:
			t.text = fmt.Sprint(v)
		}
		t.typ = valueType()
		if !visit(t) {
			return
		}
		next(stack)
	}
}

// container is the type of an object or array read into a value of type
// t when the decoder looks inside: a struct for an object, a slice or
// array for an array; nil when it does not (a value of the wrong type,
// skipped).
func container(t reflect.Type, array bool) reflect.Type {
	if t == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case array && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		return t
	case !array && t.Kind() == reflect.Struct && !reflect.PointerTo(t).Implements(textUnmarshaler):
		return t
	}
	return nil
}

// elem is the element type of array type t; nil for nil.
func elem(t reflect.Type) reflect.Type {
	if t == nil {
		return nil
	}
	return t.Elem()
}

// fieldOf is the type of the field key names in struct type t, matched
// as encoding/json matches it (its JSON name exactly, else in any letter
// case), and whether t has no such field; nil and false for a nil t.
func fieldOf(t reflect.Type, key string) (reflect.Type, bool) {
	if t == nil {
		return nil, false
	}
	var folded reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, false
		}
		if folded == nil && strings.EqualFold(name, key) {
			folded = f.Type
		}
	}
	return folded, folded == nil
}

// next moves the innermost frame past a finished value.
func next(stack []frame) {
	if len(stack) == 0 {
		return
	}
	top := &stack[len(stack)-1]
	if top.array {
		top.index++
	} else {
		top.key = ""
		top.field = nil
	}
}

// render writes a path the way Validate names fields.
func render(stack []frame) string {
	var sb strings.Builder
	for _, f := range stack {
		switch {
		case f.array:
			fmt.Fprintf(&sb, "[%d]", f.index)
		case f.key != "":
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(f.key)
		}
	}
	return sb.String()
}

// where says where offset off lies in b: "(line 3, column 14)".
func where(b []byte, off int64) string {
	off = min(max(off, 0), int64(len(b)))
	before := b[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return place(line, col)
}

// place writes a line and column, both from 1, as the decoders' errors
// end: "(line 3, column 14)"; "(line 3)" when the column is not known
// (0), "" when neither is.
func place(line, col int) string {
	switch {
	case line < 1:
		return ""
	case col < 1:
		return fmt.Sprintf("(line %d)", line)
	}
	return fmt.Sprintf("(line %d, column %d)", line, col)
}
