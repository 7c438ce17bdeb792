package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/rostersat/rostersat/export"
	"github.com/rostersat/rostersat/internal/yamlpos"
	"github.com/rostersat/rostersat/model"
)

// scenarioInput is a scenario file made ready for the strict decoder,
// with what it takes to say where in the file the decoder's and the
// validator's errors are (see describe).
type scenarioInput struct {
	path string
	json []byte // what the decoder reads
	// own says json is the file's own text, so that the decoder's lines
	// and columns are the file's; not so for YAML or a JSON file with
	// CSV files, which are turned into new JSON.
	own bool
	// places are the YAML document's, to name the lines of the fields
	// an error names; nil for JSON.
	places *yamlpos.Doc
	// sources say which list entries came from CSV files.
	sources map[string]csvSource
}

// readInput reads a scenario file as JSON: YAML (by extension) is
// turned into the JSON it stands for first, as model.DecodeProblemYAML
// does (see package yamlpos), so that both are decoded by the same
// strict decoder and name a faulty field the same way. A "csv" entry
// names CSV files of staff, absences and requests (see includeCSV).
func readInput(path string) (*scenarioInput, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	in := &scenarioInput{path: path}
	var v any
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		if len(b) > model.MaxYAMLBytes {
			return nil, fmt.Errorf("%s: %d bytes of YAML, more than the limit model.MaxYAMLBytes (%d): write it as JSON", path, len(b), model.MaxYAMLBytes)
		}
		doc, js, err := yamlpos.Parse(b, model.MaxProblemBytes)
		if err != nil {
			return nil, yamlError(path, err)
		}
		in.places, in.json = doc, js
		if doc.Node("csv") == nil {
			return in, nil // the fields in the order written
		}
		if err := json.Unmarshal(js, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err) // Parse wrote this JSON; should it not read, say so
		}
	default:
		in.json, in.own = b, true
		if !bytes.Contains(b, []byte(`"csv"`)) {
			return in, nil // decoded as it is, with line and column in errors
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return in, nil // the strict decoder says where
		}
		in.own = false
	}
	if doc, ok := v.(map[string]any); ok {
		if in.sources, err = includeCSV(doc, filepath.Dir(path)); err != nil {
			return nil, err
		}
	}
	if in.json, err = json.Marshal(v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return in, nil
}

// yamlError writes the faults of a YAML file's own (yamlpos.Parse's) as
// the file and line at fault, as a compiler would ("scenario.yaml:28:
// mapping values are not allowed in this context"), a line per error.
func yamlError(path string, err error) error {
	errs := leaves(err)
	lines := make([]string, len(errs))
	for i, e := range errs {
		var ye *yamlpos.Error
		switch {
		case errors.As(e, &ye) && ye.Line > 0:
			lines[i] = fmt.Sprintf("%s:%d: %s", path, ye.Line, ye.Msg)
		case errors.As(e, &ye):
			lines[i] = path + ": " + ye.Msg
		default:
			lines[i] = path + ": " + e.Error()
		}
	}
	return errors.New(strings.Join(lines, "\n"))
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
// and validates it. Every error is a line of its own, naming the file
// and, where it can, the line and column.
func readValid[P any](path string, stderr io.Writer, decode func(io.Reader) (*P, error), validate func(*P) error) (*P, int) {
	in, err := readInput(path)
	if err != nil {
		for _, l := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(stderr, "rostersat:", l)
		}
		return nil, exitBadUsed
	}
	p, err := decode(bytes.NewReader(in.json))
	if err == nil {
		err = validate(p)
	}
	if err != nil {
		for _, l := range in.describe(err, reflect.TypeFor[P]()) {
			fmt.Fprintln(stderr, "rostersat:", l)
		}
		return nil, exitBadUsed
	}
	return p, exitOK
}

// readSchedule reads the schedule JSON that solve -out x.json writes,
// for cmd (check or replan); anything else is named plainly as not that,
// rather than left to the JSON decoder's words about a character.
func readSchedule(path, cmd string) (*model.Schedule, error) {
	notSchedule := fmt.Sprintf("%s reads the schedule JSON that rostersat solve -out schedule.json writes", cmd)
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".json" {
		kind := "a " + ext + " file"
		if ext == "" {
			kind = "a file without the extension .json"
		}
		return nil, fmt.Errorf("%s: %s, not %s", path, notSchedule, kind)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			// Offset counts the bytes read, the bad one too.
			line, col := lineColumn(b, syntax.Offset-1)
			return nil, fmt.Errorf("%s:%d:%d: not JSON (%v): %s", path, line, col, err, notSchedule)
		}
		return nil, fmt.Errorf("%s: not a schedule (%v): %s", path, err, notSchedule)
	}
	if _, ok := keys["dates"]; !ok {
		return nil, fmt.Errorf(`%s: not a schedule, it has no "dates": %s`, path, notSchedule)
	}
	var s model.Schedule
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: not a schedule (%v): %s", path, err, notSchedule)
	}
	return &s, nil
}

// lineColumn is where byte offset off lies in b, both from 1.
func lineColumn(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	before := b[:off]
	return bytes.Count(before, []byte("\n")) + 1, int(off) - bytes.LastIndexByte(before, '\n')
}

// icsPerson is the staff ID of a name.<staff-id>.ics file, "" for any
// other name.
func icsPerson(path string) string {
	if strings.ToLower(filepath.Ext(path)) != ".ics" {
		return ""
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if i := strings.LastIndex(base, "."); i >= 0 {
		return base[i+1:]
	}
	return ""
}

// writeSchedule writes the schedule in the format of the file's
// extension: .csv (a row per person and duty date), .ics (iCalendar, all
// duties; name.<staff-id>.ics for one person's), .html (a printable page)
// or .json.
func writeSchedule(path string, p *model.Problem, s *model.Schedule) error {
	var b bytes.Buffer
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		err = export.CSV(&b, p, s)
	case ".ics":
		err = export.ICS(&b, p, s, icsPerson(path))
	case ".html", ".htm":
		err = export.HTML(&b, p, s)
	case ".json":
		return writeJSON(path, s)
	default:
		// -out refuses these as it is read; this is for a caller that
		// did not ask it.
		return fmt.Errorf("%s: want a file name ending in %s", path, orList(rotaExts))
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
// a rename, so that nothing is left half-written. The file is readable
// by all (0644, as a rota is written to be shared; CreateTemp's 0600 is
// for secrets), and an error names path, the file asked for, not the
// temporary one.
func writeFile(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return writeError(path, err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return writeError(path, err)
	}
	return nil
}

// writeError is err about writing path, without the temporary file's
// name that the os package's errors carry.
func writeError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("writing %s: %w", path, err)
}
