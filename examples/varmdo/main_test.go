package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// TestProblem checks the scenario itself, without solving: it validates,
// and its Fridays are the ones the trial had.
func TestProblem(t *testing.T) {
	p := scenario.Problem()
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate:\n%v", err)
	}

	dates := p.Period.DutyDates()
	// 31 Fridays from 2023-11-17 to 2024-06-14, less Långfredagen.
	if len(dates) != 30 {
		t.Errorf("got %d duty dates, want 30", len(dates))
	}
	if len(dates) > 0 {
		if first := dates[0]; first != model.MustDate("2023-11-17") {
			t.Errorf("first duty date %s, want 2023-11-17", first)
		}
		if last := dates[len(dates)-1]; last != model.MustDate("2024-06-14") {
			t.Errorf("last duty date %s, want 2024-06-14", last)
		}
	}
	for _, d := range dates {
		if d.Weekday() != time.Friday {
			t.Errorf("duty date %s is a %s, want Friday", d, d.Weekday())
		}
		if d == model.MustDate("2024-03-29") {
			t.Errorf("Långfredagen 2024-03-29 is a duty date; holidays should be skipped")
		}
	}

	units := map[string]int{}
	seniors := 0
	for _, st := range p.Staff {
		units[st.Unit]++
		for _, r := range st.Roles {
			if r == scenario.Senior {
				seniors++
			}
		}
	}
	want := map[string]int{scenario.Mottagning: 7, scenario.BarnOchUnga: 8, scenario.Vuxen: 7, scenario.Forsorjningsstod: 6}
	if len(p.Staff) != 28 || !reflect.DeepEqual(units, want) {
		t.Errorf("got %d staff in units %v, want 28 in %v", len(p.Staff), units, want)
	}
	if seniors != 7 {
		t.Errorf("got %d seniors, want 7", seniors)
	}
}

// TestEveryFridayCanBeStaffed is a quick necessary condition for a rota:
// on every Friday enough people, at least one senior and at least one
// worker from barn och unga are available.
func TestEveryFridayCanBeStaffed(t *testing.T) {
	p := scenario.Problem()
	for _, d := range p.Period.DutyDates() {
		all, seniors, bou := 0, 0, 0
		for _, st := range p.Staff {
			if !available(p, st, d) {
				continue
			}
			all++
			if st.Unit == scenario.BarnOchUnga {
				bou++
			}
			for _, r := range st.Roles {
				if r == scenario.Senior {
					seniors++
				}
			}
		}
		if all < p.Rules.Coverage.PerDate || seniors < 1 || bou < 1 {
			t.Errorf("%s: %d available, %d seniors, %d from barn och unga", d, all, seniors, bou)
		}
	}
}

// TestSolve solves the scenario and checks the rota against the Problem's
// rules independently of the solver. The scenario is designed to be
// perfectly fair: everyone gets the floor or the ceiling of their share.
func TestSolve(t *testing.T) {
	if testing.Short() {
		t.Skip("solves the full scenario")
	}
	p := scenario.Problem()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := solver.Solve(ctx, p)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if s.Status != model.Optimal {
		t.Errorf("status %s, want optimal", s.Status)
	}
	fair, _ := s.Objective.Level(model.LevelFairness)
	if fair.Value != 0 || fair.Bound != 0 {
		t.Errorf("deviation %d (bound %d), want 0 (bound 0)", fair.Value, fair.Bound)
	}
	requests, _ := s.Objective.Level(model.LevelRequests)
	if requests.Value != requests.Bound {
		t.Errorf("request cost %d, bound %d: an optimal rota has them equal", requests.Value, requests.Bound)
	}
	for _, v := range model.Check(p, s) {
		t.Errorf("Check: %v", v)
	}

	dates := p.Period.DutyDates()
	if len(s.Dates) != len(dates) {
		t.Fatalf("schedule has %d dates, want %d", len(s.Dates), len(dates))
	}
	for i, r := range s.Dates {
		if r.Date != dates[i] || len(r.Staff) != 4 {
			t.Errorf("dates[%d] = %s with %d people, want %s with 4", i, r.Date, len(r.Staff), dates[i])
		}
	}
	if len(s.Staff) != len(p.Staff) {
		t.Fatalf("schedule has %d staff, want %d", len(s.Staff), len(p.Staff))
	}
	for i, d := range s.Staff {
		if d.ID != p.Staff[i].ID {
			t.Errorf("staff[%d] = %q, want %q", i, d.ID, p.Staff[i].ID)
		}
		if d.Total != len(d.Dates) {
			t.Errorf("%s: total %d but %d dates", d.ID, d.Total, len(d.Dates))
		}
		if d.Total < d.Low || d.Total > d.High {
			t.Errorf("%s: %d duties, outside the fair range %d-%d (share %.2f)", d.ID, d.Total, d.Low, d.High, d.Share)
		}
	}
}

// TestRun runs the program as a user would, twice, and checks that it
// succeeds, prints the same report both times and writes JSON files that
// read back.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("solves the full scenario twice")
	}
	dir := t.TempDir()
	schedFile := filepath.Join(dir, "schedule.json")
	probFile := filepath.Join(dir, "problem.json")

	var reports [2]string
	for i := range reports {
		var stdout, stderr bytes.Buffer
		code := run([]string{"-timeout", "2m", "-out", schedFile, "-problem", probFile}, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("run %d: exit status %d\nstderr:\n%s", i, code, &stderr)
		}
		reports[i] = stdout.String()
		for _, file := range []string{schedFile, probFile} {
			if !strings.Contains(stderr.String(), "wrote the") || !strings.Contains(stderr.String(), file) {
				t.Errorf("run %d: stderr does not say it wrote %s:\n%s", i, file, &stderr)
			}
		}
	}
	if reports[0] != reports[1] {
		t.Errorf("two runs printed different reports:\n%s\n---\n%s", reports[0], reports[1])
	}
	for _, want := range []string{"2023-11-17  v.46", "2024-06-14  v.24", "Objective: optimal", "deviation D     0"} {
		if !strings.Contains(reports[0], want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(reports[0], "2024-03-29") {
		t.Errorf("report shows Långfredagen 2024-03-29")
	}
	if strings.Contains(reports[0], "outside") {
		t.Errorf("report marks someone outside their fair range:\n%s", reports[0])
	}

	var p model.Problem
	readJSON(t, probFile, &p)
	if !reflect.DeepEqual(&p, scenario.Problem()) {
		t.Errorf("%s does not read back as the problem", probFile)
	}
	var s model.Schedule
	readJSON(t, schedFile, &s)
	if s.Status != model.Optimal || len(s.Dates) != 30 {
		t.Errorf("%s: status %s with %d dates, want optimal with 30", schedFile, s.Status, len(s.Dates))
	}
	for _, v := range model.Check(&p, &s) {
		t.Errorf("Check of %s: %v", schedFile, v)
	}
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestRunInfeasible runs the scenario with seven weeks' spacing, under
// which no rota exists: the program exits 1, names the rules that clash
// with the count that proves it, and says what to change. The timeout is
// far above the 0.15 s the relaxation takes, so that a loaded machine
// under -race still sees it proven least.
func TestRunInfeasible(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-timeout", "10s", "-out", "", "-spacing", "7"}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit status %d, want 1\nstderr:\n%s", code, &stderr)
	}
	for _, want := range []string{"the rules that clash", "keeps 7 weeks between two duties", "6 < 7 needed", "To have a rota, change 1 rule(s)"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
}

// available reports whether st can be on duty on d, following the
// Definitions of package model: within employment, not on an off weekday,
// and not absent.
func available(p *model.Problem, st model.Staff, d model.Date) bool {
	if (!st.Start.IsZero() && d.Before(st.Start)) || (!st.End.IsZero() && d.After(st.End)) {
		return false
	}
	for _, w := range st.OffWeekdays {
		if time.Weekday(w) == d.Weekday() {
			return false
		}
	}
	for _, a := range p.Absences {
		if a.Staff == st.ID && !d.Before(a.First) && !d.After(a.Last) {
			return false
		}
	}
	return true
}
