package main

import (
	"bytes"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/sweep"
)

// TestHelp: every way of asking for help prints it on stdout and exits
// 0; help for one command shows that command's; without a command the
// usage goes to stderr, exit 2, as does help for a command that is not.
func TestHelp(t *testing.T) {
	for _, c := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"--help"}, exitOK, "usage: rostersat <command>", ""},
		{[]string{"-h"}, exitOK, "usage: rostersat <command>", ""},
		{[]string{"-help"}, exitOK, "usage: rostersat <command>", ""},
		{[]string{"help"}, exitOK, "usage: rostersat <command>", ""},
		{[]string{"help", "solve"}, exitOK, "usage: rostersat solve ", ""},
		{[]string{"solve", "-h"}, exitOK, "usage: rostersat solve ", ""},
		{[]string{"solve", "--help"}, exitOK, "usage: rostersat solve ", ""},
		{[]string{"help", "check"}, exitOK, "check takes no flags", ""},
		{[]string{"sweep", "-h"}, exitOK, "usage: rostersat sweep ", ""},
		{[]string{}, exitBadUsed, "", "usage: rostersat <command>"},
		{[]string{"help", "frobnicate"}, exitBadUsed, "", `rostersat help: want one command, one of solve, check, explain, cases, schema, sweep, replan; got "frobnicate"`},
		{[]string{"frobnicate"}, exitBadUsed, "", `rostersat: no command "frobnicate": want one of solve,`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := call(c.args...)
			require.Equal(t, c.code, code, errOut)
			if c.out == "" {
				require.Empty(t, out)
			} else {
				require.Contains(t, out, c.out)
			}
			if c.err == "" {
				require.Empty(t, errOut)
			} else {
				require.Contains(t, errOut, c.err)
			}
		})
	}
}

// flagLine is a flag in PrintDefaults' output.
var flagLine = regexp.MustCompile(`(?m)^  -([a-z-]+)`)

// TestCommandFlags: each command's help lists its own flags and no
// other command's, and refuses another's as a usage error.
func TestCommandFlags(t *testing.T) {
	for _, c := range []struct {
		cmd   string
		flags []string
	}{
		{"solve", []string{"out", "quiet", "timeout"}},
		{"check", nil},
		{"explain", []string{"timeout"}},
		{"cases", []string{"drop-cost", "out", "quiet", "timeout"}},
		{"schema", []string{"out"}},
		{"sweep", []string{"chart", "out", "shard", "timeout", "vary"}},
		{"replan", []string{"away", "frozen-until", "out", "quiet", "timeout"}},
	} {
		t.Run(c.cmd, func(t *testing.T) {
			code, out, errOut := call(c.cmd, "-h")
			require.Equal(t, exitOK, code, errOut)
			var got []string
			for _, m := range flagLine.FindAllStringSubmatch(out, -1) {
				got = append(got, m[1])
			}
			require.Equal(t, c.flags, got)
			for _, other := range []string{"vary", "chart", "away", "frozen-until", "shard", "quiet", "timeout"} {
				if slices.Contains(c.flags, other) {
					continue
				}
				args := []string{c.cmd, "-" + other, "x"}
				if other == "quiet" {
					args = []string{c.cmd, "-quiet"}
				}
				code, _, errOut := call(args...)
				require.Equal(t, exitBadUsed, code, "%s -%s", c.cmd, other)
				require.Contains(t, errOut, "rostersat "+c.cmd+": no flag -"+other+":")
			}
		})
	}
}

// TestFlagErrors: a flag that does not parse is one line naming the
// flag, the value and what is wanted, then a hint; not the flag dump.
func TestFlagErrors(t *testing.T) {
	jsonPath, _ := scenarioFiles(t, nil)
	dir := filepath.Dir(jsonPath)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"solve", "-timeout", "5", jsonPath}, `rostersat solve: -timeout "5": want a duration such as 30s or 2m`},
		{[]string{"solve", "-timeout", "-1s", jsonPath}, `rostersat solve: -timeout "-1s": want a duration above zero, such as 30s or 2m`},
		{[]string{"solve", "-quiet=perhaps", jsonPath}, `rostersat solve: -quiet "perhaps": want true or false`},
		{[]string{"solve", "-timeout"}, `rostersat solve: flag needs an argument: -timeout`},
		{[]string{"check", "-vary", "x", jsonPath, jsonPath}, `rostersat check: no flag -vary: check takes no flags`},
		{[]string{"solve", "-chart", "x.svg", jsonPath}, `rostersat solve: no flag -chart: want one of -out, -quiet, -timeout`},
		{[]string{"sweep", "-vary", "rules.nothing=1", jsonPath}, `rostersat sweep: -vary "rules.nothing=1": unknown knob "rules.nothing", want one of `},
		{[]string{"replan", "-away", "ahmed:2024-02-09", jsonPath, jsonPath}, `rostersat replan: -away "ahmed:2024-02-09": want staff:first:last or staff:first:last:kind`},
		{[]string{"cases", "-out", filepath.Join(dir, "a.json"), "-out", filepath.Join(dir, "b.json"), jsonPath}, `: given twice (first "`},
		{[]string{"schema", "-out", filepath.Join(dir, "a.json"), "-out", filepath.Join(dir, "b.json")}, `rostersat schema: -out "`},
		{[]string{"sweep", "-out", "a.csv", "-out", "b.csv", jsonPath}, `rostersat sweep: -out "b.csv": given twice (first "a.csv"): this command writes one such file`},
		{[]string{"sweep", "-chart", "a.svg", "-chart", "b.png", jsonPath}, `rostersat sweep: -chart "b.png": given twice`},
		{[]string{"solve", jsonPath, "-out", "x.json"}, `rostersat solve: want 1 file(s), scenario; got 3 (-out is read as a file: flags go before the files)`},
		{[]string{"check", jsonPath}, `rostersat check: want 2 file(s), scenario schedule.json; got 1`},
	} {
		t.Run(strings.Join(c.args[:2], " "), func(t *testing.T) {
			code, out, errOut := call(c.args...)
			require.Equal(t, exitBadUsed, code, errOut)
			require.Empty(t, out)
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			require.Len(t, lines, 2, "one line and a hint: %q", errOut)
			require.Contains(t, lines[0], c.want)
			require.Equal(t, "(rostersat "+c.args[0]+" -h shows its flags and files)", lines[1])
		})
	}
	_, err := os.Stat(filepath.Join(dir, "a.json"))
	require.ErrorIs(t, err, os.ErrNotExist, "nothing is written on a usage error")
}

// TestSeveralOuts: -out repeats for solve and replan, and one solve
// writes every file.
func TestSeveralOuts(t *testing.T) {
	jsonPath, yamlPath := scenarioFiles(t, nil)
	dir := filepath.Dir(jsonPath)
	names := []string{"rota.html", "rota.ics", "rota.sara.ics", "rota.csv", "rota.json"}
	args := []string{"solve"}
	for _, n := range names {
		args = append(args, "-out", filepath.Join(dir, n))
	}
	code, out, errOut := call(append(args, yamlPath)...)
	require.Equal(t, exitOK, code, errOut)
	require.Equal(t, 1, strings.Count(out, "status optimal"), "one solve")
	starts := map[string]string{"rota.html": "<!DOCTYPE html>", "rota.ics": "BEGIN:VCALENDAR\r\n", "rota.sara.ics": "BEGIN:VCALENDAR\r\n",
		"rota.csv": "date,staff,name,unit\n", "rota.json": "{\n"}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		require.NoError(t, err, n)
		require.True(t, strings.HasPrefix(string(b), starts[n]), "%s starts %q", n, b[:min(len(b), 20)])
	}
	require.Contains(t, readFile(t, filepath.Join(dir, "rota.sara.ics")), "Sara")

	code, _, errOut = call("replan", "-frozen-until", "2024-02-04", "-out", filepath.Join(dir, "new.json"), "-out", filepath.Join(dir, "new.html"),
		jsonPath, filepath.Join(dir, "rota.json"))
	require.Equal(t, exitOK, code, errOut)
	require.FileExists(t, filepath.Join(dir, "new.json"))
	require.FileExists(t, filepath.Join(dir, "new.html"))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// TestOutCheckedFirst: an -out the command cannot write, by its
// extension or for a staff ID the scenario lacks, is a usage error
// found before the solve: nothing on stdout, where the rota would be.
func TestOutCheckedFirst(t *testing.T) {
	t.Chdir(t.TempDir()) // were a name not refused, it is written there
	jsonPath, _ := scenarioFiles(t, nil)
	dir := filepath.Dir(jsonPath)
	published := filepath.Join(dir, "published.json")
	code, _, errOut := call("solve", "-out", published, jsonPath)
	require.Equal(t, exitOK, code, errOut)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"solve", "-out", "rota.pdf", jsonPath}, `rostersat solve: -out "rota.pdf": want a file name ending in .json, .csv, .ics, .html or .htm`},
		{[]string{"solve", "-out", "rota.txt", jsonPath}, `-out "rota.txt": want a file name ending in .json, .csv, .ics, .html or .htm`},
		{[]string{"solve", "-out", "rota", jsonPath}, `-out "rota": want a file name ending in`},
		{[]string{"solve", "-out", "rota.json", "-out", "rota.bob.ics", jsonPath},
			`rostersat solve: -out "rota.bob.ics": ` + jsonPath + ` has no staff "bob" for name.<staff-id>.ics; its staff IDs are anna, erik, maria, ahmed, karin and 23 more`},
		{[]string{"replan", "-out", "new.bob.ics", jsonPath, published}, `rostersat replan: -out "new.bob.ics": ` + jsonPath + ` has no staff "bob"`},
		{[]string{"replan", "-out", "new.pdf", jsonPath, published}, `rostersat replan: -out "new.pdf": want a file name ending in`},
		{[]string{"cases", "-out", "plan.csv", jsonPath}, `rostersat cases: -out "plan.csv": want a file name ending in .json`},
		{[]string{"schema", "-out", "schema.yaml"}, `rostersat schema: -out "schema.yaml": want a file name ending in .json`},
		{[]string{"sweep", "-out", "rows.json", jsonPath}, `rostersat sweep: -out "rows.json": want a file name ending in .csv`},
		{[]string{"sweep", "-chart", "chart.pdf", jsonPath}, `rostersat sweep: -chart "chart.pdf": want a file name ending in .svg or .png`},
	} {
		t.Run(strings.Join(c.args[1:3], " "), func(t *testing.T) {
			code, out, errOut := call(c.args...)
			require.Equal(t, exitBadUsed, code, errOut)
			require.Empty(t, out, "nothing solved")
			require.Contains(t, errOut, c.want)
		})
	}
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	require.Empty(t, entries, "nothing written")
	require.Equal(t, "anna, erik", someOf([]string{"anna", "erik"}, 5))
	require.Equal(t, "none", someOf(nil, 5))
}

// TestWrittenFiles: what -out writes is readable by all (0644, whatever
// the temporary file's 0600), no temporary file is left, and a file that
// cannot be written is named as given, not by its temporary name.
func TestWrittenFiles(t *testing.T) {
	jsonPath, _ := scenarioFiles(t, nil)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"solve", "-out", filepath.Join(dir, "rota.json"), "-out", filepath.Join(dir, "rota.csv"), "-out", filepath.Join(dir, "rota.ics"), "-out", filepath.Join(dir, "rota.html"), jsonPath},
		{"schema", "-out", filepath.Join(dir, "schema.json")},
		{"sweep", "-timeout", "5s", "-out", filepath.Join(dir, "rows.csv"), "-chart", filepath.Join(dir, "chart.svg"), jsonPath},
	} {
		code, _, errOut := call(args...)
		require.Equal(t, exitOK, code, errOut)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 7, "the files and no temporary one")
	for _, e := range entries {
		fi, err := e.Info()
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o644), fi.Mode().Perm(), e.Name())
	}

	missing := filepath.Join(dir, "no-such-dir", "rota.json")
	code, _, errOut := call("solve", "-out", missing, jsonPath)
	require.Equal(t, exitNo, code)
	require.Contains(t, errOut, "rostersat: writing "+missing+": no such file or directory")
	require.NotContains(t, errOut, ".rota.json.", "not the temporary file's name")
	code, _, errOut = call("schema", "-out", missing)
	require.Equal(t, exitNo, code)
	require.Contains(t, errOut, "rostersat: writing "+missing+": ")

	// A directory where the file should be: the rename fails.
	require.NoError(t, os.Mkdir(filepath.Join(dir, "taken.json"), 0o755))
	err = writeFile(filepath.Join(dir, "taken.json"), []byte("{}\n"))
	require.ErrorContains(t, err, "writing "+filepath.Join(dir, "taken.json")+": ")
	require.NotContains(t, err.Error(), ".taken.json.")
	entries, _ = os.ReadDir(dir)
	require.Len(t, entries, 8, "the temporary file is removed")
}

// TestCheckNeedsScheduleJSON: check and replan read the schedule JSON
// that solve -out x.json writes, and say so plainly for any other file.
func TestCheckNeedsScheduleJSON(t *testing.T) {
	jsonPath, yamlPath := scenarioFiles(t, nil)
	dir := filepath.Dir(jsonPath)
	write := writer(t, dir)
	csvPath := write("rota.csv", "date,staff,name,unit\n2023-11-17,anna,Anna,mot\n")
	noExt := write("rota", "{}")
	broken := write("broken.json", "{\"dates\": [\n  {\"date\": 2023-11-17}]}\n")
	const plain = "reads the schedule JSON that rostersat solve -out schedule.json writes"
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"csv", []string{"check", yamlPath, csvPath}, "rostersat check: " + csvPath + ": check " + plain + ", not a .csv file"},
		{"no extension", []string{"check", yamlPath, noExt}, "rostersat check: " + noExt + ": check " + plain + ", not a file without the extension .json"},
		{"broken JSON", []string{"check", yamlPath, broken}, "rostersat check: " + broken + ":2:16: not JSON (invalid character '-' after object key:value pair): check " + plain},
		{"a scenario", []string{"check", yamlPath, jsonPath}, "rostersat check: " + jsonPath + `: not a schedule, it has no "dates": check ` + plain},
		{"replan csv", []string{"replan", yamlPath, csvPath}, "rostersat replan: " + csvPath + ": replan " + plain + ", not a .csv file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := call(c.args...)
			require.Equal(t, exitBadUsed, code, errOut)
			require.Empty(t, out)
			require.Equal(t, c.want+"\n", errOut)
		})
	}
}

// TestSweepChart draws a chart of a solved variant with an unproven
// level and an infeasible one: a panel per measure, named; the variants
// named by their numbers and values; the infeasible one marked; no
// legend of duties.
func TestSweepChart(t *testing.T) {
	var vary sweep.Flag
	require.NoError(t, vary.Set("rules.spacing.weeks=4,7"))
	rs := []variantResult{
		{number: 1, settings: []sweep.Setting{{Key: "rules.spacing.weeks", Value: "4"}}, status: "feasible", solved: true,
			measures: [...]measure{{value: 2, bound: 2, level: true}, {value: 7, bound: 3, level: true}, {value: 120, bound: 120}}},
		{number: 2, settings: []sweep.Setting{{Key: "rules.spacing.weeks", Value: "7"}}, status: "infeasible"},
	}
	dir := t.TempDir()
	svgPath := filepath.Join(dir, "chart.svg")
	require.NoError(t, sweepChart(svgPath, rs, vary))
	svg := readFile(t, svgPath)
	texts := map[string]bool{}
	for _, m := range regexp.MustCompile(`>([^<>]+)</text>`).FindAllStringSubmatch(svg, -1) {
		texts[html.UnescapeString(m[1])] = true
	}
	for _, want := range []string{
		chartMeasures[0].title, chartMeasures[1].title, chartMeasures[2].title + " (measured; no level of the objective)",
		"D", "W", "R", "#1", "#2", "4", "7", "infeasible", "2", "7 (>= 3)", "120",
		"variant: # as in the table, then rules.spacing.weeks",
	} {
		require.True(t, texts[want], "the chart writes %q", want)
	}
	require.Equal(t, 3, strings.Count(svg, ">infeasible<"), "marked in every panel")
	require.NotContains(t, svg, "fewest")

	pngPath := filepath.Join(dir, "chart.png")
	require.NoError(t, sweepChart(pngPath, rs, vary))
	f, err := os.Open(pngPath)
	require.NoError(t, err)
	defer f.Close()
	_, err = png.Decode(f)
	require.NoError(t, err)

	// A shard without a variant still draws.
	require.NoError(t, sweepChart(filepath.Join(dir, "empty.svg"), nil, vary))
}

// TestSuggest: an unknown field is answered with the known ones of its
// object within a small edit distance, none when none is near.
func TestSuggest(t *testing.T) {
	problem := reflect.TypeFor[model.Problem]()
	for _, c := range []struct {
		path, want string
	}{
		{"rules.coverage.perDay", "perDate"},
		{"rules.coverage.PerDate", "perDate"},
		{"staff[3].unti", "unit"},
		{"staff[3].nmae", "name"},
		{"staf", "staff"},
		{"csvv", "csv"},
		{"rules.spacing.week", "weeks"},
		{"colour", ""},
		{"rules.coverage.x", ""},
		{"nothing.at.all", ""},
		{"staff[0][1].x", ""},
	} {
		t.Run(c.path, func(t *testing.T) {
			require.Equal(t, c.want, suggest(problem, c.path))
		})
	}
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"perDay", "perDate", 2}, {"unti", "unit", 1}, {"", "abc", 3}, {"same", "same", 0}, {"Värmdö", "Varmdo", 2},
	} {
		require.Equal(t, c.d, editDistance(c.a, c.b), "%s %s", c.a, c.b)
	}
}

// TestUsageListsEveryCommand keeps the usage and the commands together.
func TestUsageListsEveryCommand(t *testing.T) {
	u := usage()
	for _, c := range commands {
		require.Contains(t, u, "  "+c.name+" ")
		var help bytes.Buffer
		c.help(&help)
		require.Contains(t, help.String(), "usage: rostersat "+c.name+" "+c.synopsis)
	}
}
