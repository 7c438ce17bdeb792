package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	b, err := io.ReadAll(io.LimitReader(r, MaxProblemBytes+1))
	if err != nil {
		return fmt.Errorf("model: reading the %s: %w", what, err)
	}
	if len(b) > MaxProblemBytes {
		return &FieldError{Field: what, Value: fmt.Sprintf("more than %d bytes", MaxProblemBytes),
			Msg: "larger than the limit MaxProblemBytes"}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return locate(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		return &FieldError{Field: what, Value: "more data", Msg: "the " + what + " is followed by more data " + where(b, off)}
	}
	return nil
}

// locate turns a decoding error into a *FieldError on the field it
// concerns. encoding/json names no field for an error from a value's own
// UnmarshalText and no path with indices for the others, so the input is
// scanned again for the token the error is about.
func locate(b []byte, err error) error {
	var (
		syntax   *json.SyntaxError
		typ      *json.UnmarshalTypeError
		bad      *TextError
		unknown  = strings.HasPrefix(err.Error(), `json: unknown field "`)
		fieldErr = func(path string, off int64, value any, msg string) error {
			if path == "" {
				path = "problem"
			}
			return &FieldError{Field: path, Value: value, Msg: msg + " " + where(b, off)}
		}
	)
	switch {
	case errors.As(err, &syntax):
		return fieldErr(pathAt(b, syntax.Offset), syntax.Offset, "invalid JSON", syntax.Error())
	case errors.As(err, &typ):
		t := find(b, func(t token) bool { return t.end >= typ.Offset })
		return fieldErr(t.path, t.start, typ.Value, "want "+typ.Type.String())
	case errors.As(err, &bad):
		t := find(b, func(t token) bool { return t.isString && !t.isKey && t.text == bad.Text })
		return fieldErr(t.path, t.start, bad.Text, bad.Want)
	case unknown:
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		t := find(b, func(t token) bool { return t.isKey && t.text == name })
		return fieldErr(t.path, t.start, name, "unknown field")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fieldErr("problem", int64(len(b)), "end of input", "the JSON ends early")
	default:
		return fieldErr("problem", 0, "JSON", err.Error())
	}
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
// belongs to ("staff[3].start") and its byte offsets.
type token struct {
	path       string
	text       string
	isKey      bool
	isString   bool
	start, end int64
}

// find scans b token by token and returns the first for which match
// holds; the zero token when none does.
func find(b []byte, match func(token) bool) token {
	var found token
	scan(b, func(t token) bool {
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
func pathAt(b []byte, off int64) string {
	path := ""
	scan(b, func(t token) bool {
		if t.start >= off {
			return false
		}
		path = t.path
		return true
	})
	return path
}

// frame is one level of nesting during a scan: an array and the index of
// its current element, or an object and its current key.
type frame struct {
	array bool
	index int
	key   string
}

// scan calls visit for each token of b in order until visit returns
// false or the input ends or breaks.
func scan(b []byte, visit func(token) bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []frame
	expectKey := func() bool { return len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].key == "" }
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
				if !visit(t) {
					return
				}
				stack = append(stack, frame{array: v == '['})
				continue
			default:
				stack = stack[:len(stack)-1]
				next(stack)
				continue
			}
		case string:
			t.text, t.isString = v, true
			if expectKey() {
				t.isKey = true
				stack[len(stack)-1].key = v
				t.path = render(stack)
				if !visit(t) {
					return
				}
				continue
			}
		default:
			t.text = fmt.Sprint(v)
		}
		if !visit(t) {
			return
		}
		next(stack)
	}
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

// where says where offset off lies in b: "at line 3, column 14".
func where(b []byte, off int64) string {
	off = min(max(off, 0), int64(len(b)))
	before := b[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("(line %d, column %d)", line, col)
}
