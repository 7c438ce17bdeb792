package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rostersat/rostersat/model"
)

// Write writes p as the library's JSON, indented by two spaces and ending
// in a newline. The same problem always gives the same bytes.
func Write(w io.Writer, p *model.Problem) error {
	if p == nil {
		return errors.New("gen: write: problem is nil")
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("gen: write %s: %w", p.Name, err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("gen: write %s: %w", p.Name, err)
	}
	return nil
}

// Read reads one problem written by Write (or by hand) and validates it.
// Unknown fields and trailing data are errors, so that a misspelt field
// does not pass unnoticed.
func Read(r io.Reader) (*model.Problem, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p model.Problem
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("gen: read: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("gen: read %s: trailing data after the problem at byte %d", p.Name, dec.InputOffset())
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("gen: read %s: %w", p.Name, err)
	}
	return &p, nil
}

// WriteFile writes p to the file name with Write, replacing it.
func WriteFile(name string, p *model.Problem) error {
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		return err
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// ReadFile reads and validates the problem in the file name.
func ReadFile(name string) (*model.Problem, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	defer f.Close()
	p, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, name)
	}
	return p, nil
}
