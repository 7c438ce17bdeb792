package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rostersat/rostersat/export"
	"github.com/rostersat/rostersat/model"
)

// readInput reads a scenario file as JSON: YAML (by extension) is
// turned into the same JSON first, so that both are decoded by the same
// strict decoder and name a faulty field the same way. A "csv" entry
// names CSV files of staff, absences and requests (see includeCSV);
// the sources say which list entries came from them.
//
// For YAML it also returns the document's places, to name the lines of
// the fields an error names (nil for JSON, whose decoder names them).
func readInput(path string) (io.Reader, map[string]csvSource, *yamlPlaces, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	var v any
	var places *yamlPlaces
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		if err := yaml.Unmarshal(b, &v); err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		v = jsonable(v)
		places = newYAMLPlaces(path, b)
	default:
		if !bytes.Contains(b, []byte(`"csv"`)) {
			return bytes.NewReader(b), nil, nil, nil // decoded as it is, with line and column in errors
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return bytes.NewReader(b), nil, nil, nil // the strict decoder says where
		}
	}
	var sources map[string]csvSource
	if doc, ok := v.(map[string]any); ok {
		if sources, err = includeCSV(doc, filepath.Dir(path)); err != nil {
			return nil, nil, nil, err
		}
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return bytes.NewReader(j), sources, places, nil
}

// jsonable turns YAML's maps with any keys into maps with string keys.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = jsonable(x)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = jsonable(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = jsonable(x)
		}
	case time.Time:
		// YAML reads an unquoted 2024-03-04 as a timestamp; the model
		// wants the date back as it was written.
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	}
	return v
}

// readProblem reads and validates a rota scenario; on failure it prints
// why and returns nil and the exit code.
func readProblem(path string, stderr io.Writer) (*model.Problem, int) {
	return readValid(path, stderr, model.DecodeProblem, (*model.Problem).Validate)
}

// readCaseProblem is readProblem for a caseload.
func readCaseProblem(path string, stderr io.Writer) (*model.CaseProblem, int) {
	return readValid(path, stderr, model.DecodeCaseProblem, (*model.CaseProblem).Validate)
}

// readValid reads a scenario file (JSON or YAML), decodes it strictly
// and validates it.
func readValid[P any](path string, stderr io.Writer, decode func(io.Reader) (*P, error), validate func(*P) error) (*P, int) {
	r, sources, places, err := readInput(path)
	if err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return nil, exitBadUsed
	}
	p, err := decode(r)
	if err == nil {
		err = validate(p)
	}
	if err != nil {
		msg := whereFrom(err.Error(), sources)
		if places != nil {
			msg = places.annotate(msg)
		}
		fmt.Fprintf(stderr, "rostersat: %s:\n%s\n", path, msg)
		return nil, exitBadUsed
	}
	return p, exitOK
}

func readSchedule(path string) (*model.Schedule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s model.Schedule
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

// writeSchedule writes the schedule in the format of the file's
// extension: .csv (a row per person and duty date), .ics (iCalendar, all
// duties; name.<staff-id>.ics for one person's), .html (a printable page)
// or JSON.
func writeSchedule(path string, p *model.Problem, s *model.Schedule) error {
	var b bytes.Buffer
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		err = export.CSV(&b, p, s)
	case ".ics":
		person := ""
		if base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)); strings.Contains(base, ".") {
			person = base[strings.LastIndex(base, ".")+1:]
		}
		err = export.ICS(&b, p, s, person)
	case ".html", ".htm":
		err = export.HTML(&b, p, s)
	default:
		return writeJSON(path, s)
	}
	if err != nil {
		return err
	}
	return writeFile(path, b.Bytes())
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(path, append(b, '\n'))
}

// writeFile writes through a temporary file in the same directory and
// a rename, so that nothing is left half-written.
func writeFile(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
