package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// csvColumns are the columns a CSV file of each list may have: the JSON
// field names of its entries. Lists hold several values separated by
// ";" (roles: "senior;ensamkommande"), numbers are numbers. Staff and
// absences serve a rota and a caseload alike; requests are a rota's,
// cases a caseload's.
var csvColumns = map[string]map[string]string{
	"staff":    {"id": "text", "name": "text", "unit": "text", "roles": "list", "start": "text", "end": "text", "percent": "number", "offWeekdays": "list"},
	"absences": {"staff": "text", "first": "text", "last": "text", "kind": "text"},
	"requests": {"staff": "text", "date": "text", "kind": "text", "weight": "number"},
	// A caseload's cases; affinity is "staff:cost" pairs, such as
	// "anna:2;bo:5", and child is true or false.
	"cases": {"id": "text", "kind": "text", "unit": "text", "weight": "number", "opened": "text", "deadline": "text",
		"child": "bool", "group": "text", "worker": "text", "roles": "list", "affinity": "affinity"},
}

// csvSource says which CSV line an entry of a list came from.
type csvSource struct {
	file  string
	first int // the list's index of the file's first row
}

// includeCSV reads the files the scenario's "csv" entry names (relative
// to the scenario's directory) and appends their rows to the lists they
// are for; the entry itself is removed. Errors name the file, line and
// column.
func includeCSV(doc map[string]any, dir string) (map[string]csvSource, error) {
	raw, ok := doc["csv"]
	if !ok {
		return nil, nil
	}
	delete(doc, "csv")
	files, ok := raw.(map[string]any)
	if !ok {
		return nil, errors.New(`"csv": want an object such as {"staff": "staff.csv"}`)
	}
	sources := map[string]csvSource{}
	for list, v := range files {
		cols, known := csvColumns[list]
		if !known {
			return nil, fmt.Errorf(`"csv.%s": want one of staff, absences, requests, cases`, list)
		}
		name, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf(`"csv.%s": want a file name`, list)
		}
		rows, err := readCSV(filepath.Join(dir, name), name, cols)
		if err != nil {
			return nil, err
		}
		have, _ := doc[list].([]any)
		sources[list] = csvSource{file: name, first: len(have)}
		doc[list] = append(have, rows...)
	}
	return sources, nil
}

// readCSV reads one file: a header row of column names, then a row per
// entry.
func readCSV(path, name string, cols map[string]string) ([]any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, h := range header {
		if _, ok := cols[h]; !ok {
			return nil, fmt.Errorf("%s line 1 column %d: unknown column %q", name, i+1, h)
		}
	}
	var out []any
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := map[string]any{}
		for i, cell := range rec {
			if cell == "" {
				continue
			}
			switch cols[header[i]] {
			case "list":
				row[header[i]] = strings.Split(cell, ";")
			case "number":
				n, err := strconv.Atoi(cell)
				if err != nil {
					return nil, fmt.Errorf("%s line %d column %d (%s): %q is not a whole number", name, line, i+1, header[i], cell)
				}
				row[header[i]] = n
			case "bool":
				b, err := strconv.ParseBool(cell)
				if err != nil {
					return nil, fmt.Errorf("%s line %d column %d (%s): %q is not true or false", name, line, i+1, header[i], cell)
				}
				row[header[i]] = b
			case "affinity":
				var pairs []any
				for _, pair := range strings.Split(cell, ";") {
					staff, cost, ok := strings.Cut(pair, ":")
					n, err := strconv.Atoi(cost)
					if !ok || staff == "" || err != nil {
						return nil, fmt.Errorf("%s line %d column %d (%s): %q is not staff:cost pairs such as anna:2;bo:5", name, line, i+1, header[i], cell)
					}
					pairs = append(pairs, map[string]any{"staff": staff, "cost": n})
				}
				row[header[i]] = pairs
			default:
				row[header[i]] = cell
			}
		}
		out = append(out, row)
	}
	return out, nil
}

var entryRef = regexp.MustCompile(`\b(staff|absences|requests|cases)\[(\d+)\]`)

// whereFrom adds to an error message, for every entry it names that came
// from a CSV file, the file and line it came from, on the same line: an
// error is one line.
func whereFrom(msg string, sources map[string]csvSource) string {
	seen := map[string]bool{}
	var notes []string
	for _, m := range entryRef.FindAllStringSubmatch(msg, -1) {
		src, ok := sources[m[1]]
		i, _ := strconv.Atoi(m[2])
		if !ok || i < src.first || seen[m[0]] {
			continue
		}
		seen[m[0]] = true
		notes = append(notes, fmt.Sprintf("%s is %s line %d", m[0], src.file, i-src.first+2))
	}
	if len(notes) == 0 {
		return msg
	}
	return msg + " (" + strings.Join(notes, "; ") + ")"
}
