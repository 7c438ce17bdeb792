package model

import (
	"errors"
	"io"

	"github.com/rostersat/rostersat/internal/yamlpos"
)

// DecodeProblemYAML reads one YAML problem from r (such as
// examples/varmdo/scenario.yaml) as strictly as DecodeProblem reads JSON:
// the YAML is turned into the JSON it stands for and decoded by the same
// decoder, so that a field the Problem does not have, a malformed date
// or weekday and a value of the wrong type are the same errors. An
// unquoted date (2024-01-05) is the date string it was written as. The
// error is a *FieldError, or several joined (every key written twice),
// naming the field as Validate does and ending in its line and column in
// the YAML, its key's for an unknown field; a YAML syntax error names the
// line alone, as the parser does. An empty input, a second document and
// more than MaxYAMLBytes of YAML or MaxProblemBytes of the JSON it
// stands for are errors too. DecodeProblemYAML does not validate: call Validate on what
// it returns.
func DecodeProblemYAML(r io.Reader) (*Problem, error) {
	var p Problem
	if err := decodeStrictYAML(r, "problem", &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// DecodeCaseProblemYAML reads one YAML caseload problem from r, as
// strictly as DecodeCaseProblem reads JSON, with errors of the same kind
// as DecodeProblemYAML's. It does not validate: call Validate on what it
// returns.
func DecodeCaseProblemYAML(r io.Reader) (*CaseProblem, error) {
	var p CaseProblem
	if err := decodeStrictYAML(r, "problem", &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// MaxYAMLBytes is the largest YAML problem DecodeProblemYAML reads. The
// YAML parser holds a tree of the whole document: 13 MB of YAML (a
// quarter of a million requests) took 0.7 GB and 55 MB (a million)
// 2.9 GB and 25 s, so the limit is lower than JSON's MaxProblemBytes; a
// problem larger than this is read as JSON.
const MaxYAMLBytes = 16 << 20

// decodeStrictYAML reads one YAML document of at most MaxYAMLBytes into
// v through its JSON; what names the value in errors.
func decodeStrictYAML(r io.Reader, what string, v any) error {
	b, err := readAll(r, what, MaxYAMLBytes, "MaxYAMLBytes")
	if err != nil {
		return err
	}
	doc, js, err := yamlpos.Parse(b, MaxProblemBytes)
	if err != nil {
		return yamlFieldErrors(what, err)
	}
	f := decodeJSON(js, what, v)
	if f == nil {
		return nil
	}
	// The fault's offset is in JSON the user never saw; its path is in
	// the YAML they wrote.
	line, col, _ := doc.Place(f.path, f.key)
	if f.value == "number "+yamlpos.NonFinite {
		if s, ok := doc.Scalar(f.path); ok {
			f.value = s // .inf, not the JSON that stands for it
		}
	}
	return f.error(what, place(line, col))
}

// yamlFieldErrors turns Parse's errors (one, or several joined) into
// *FieldError, joined the same way.
func yamlFieldErrors(what string, err error) error {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		var ye *yamlpos.Error
		if !errors.As(e, &ye) {
			// Parse returns no other; a FieldError all the same, so that
			// errors.As finds one whatever happens.
			out = append(out, &FieldError{Field: what, Value: "YAML", Msg: e.Error()})
			continue
		}
		f := &fault{path: ye.Path, value: ye.Value, msg: ye.Msg}
		out = append(out, f.error(what, place(ye.Line, ye.Column)))
	}
	if len(out) == 1 {
		return out[0]
	}
	return errors.Join(out...)
}
