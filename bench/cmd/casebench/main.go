//go:build unix

// Command casebench compares rostersat's caseload solver (caseload.Assign)
// with CBC on the same lexicographic levels (peer.CaseCBC), side by side
// on generated offices:
//
//	go run ./bench/cmd/casebench -sizes S,L -seeds 1,2,3 -timeout 120s -out DIR
//
// Sizes are S (gen.CasesS), L (gen.CasesL, units in teams of 12), L4
// (gen.CasesL with Team 0: each unit one pool) and XS (8 workers, 40
// cases, for a quick look). For each size and seed the two solvers run
// one after the other, each in a child process of its own (this binary
// run again with a hidden first argument), so that the peak memory is
// that solver's alone: the child's rusage Maxrss, which on Linux covers
// the cbc processes the child waited for. Time is the solver call's
// wall time in the child, problem generation left out.
//
// It prints a markdown table (size, seed, per solver the status, the
// level values, time and peak MiB, and rostersat's time over cbc's) and
// writes it to DIR/cases.md. A level value proven optimal is printed
// alone, one not proven with its bound ("7 (≥5)").
//
// Both plans must pass model.CheckCases and agree on every level value
// both proved (a value one proved must lie within the other's bound and
// value, and no value below the other's bound); a disagreement, a rejected plan or a failed solver is
// printed loudly and makes the exit code 1. A timeout is not a failure.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/bench/peer"
	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
)

// workerArg, as the first argument, runs one solver on one office and
// writes its outcome as JSON: the parent's child mode.
const workerArg = "-casebench-worker"

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // a disagreement, a rejected plan or a failed solver
	exitUsage   = 2
	exitTrouble = 3 // the bench itself could not do its work
)

// The solvers, in the order they run.
var solvers = []string{"rostersat", "cbc"}

// sizes are the office shapes by name.
var sizes = map[string]gen.CaseSpec{
	"XS": {Workers: 8, Cases: 40, New: 20},
	"S":  gen.CasesS,
	"L":  gen.CasesL,
	"L4": func() gen.CaseSpec { s := gen.CasesL; s.Team = 0; return s }(),
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == workerArg {
		os.Exit(worker(os.Args[2:]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the command line.
type config struct {
	sizes   []string
	seeds   []int64
	timeout time.Duration
	out     string
	threads int
	cbc     string
	// objective is the levels to set on every office (CaseProblem.
	// Objective), comma-separated; empty keeps the default order.
	objective string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var sizeList, seedList string
	fs := flag.NewFlagSet("casebench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&sizeList, "sizes", "S", "comma list of office sizes: XS, S, L, L4")
	fs.StringVar(&seedList, "seeds", "1", "generator seeds: a comma list of numbers and ranges such as 1-5")
	fs.DurationVar(&c.timeout, "timeout", 2*time.Minute, "time limit of each solver on each office")
	fs.StringVar(&c.out, "out", "results", "directory for cases.md")
	fs.IntVar(&c.threads, "threads", 0, "cbc's -threads (0: cbc's default)")
	fs.StringVar(&c.cbc, "cbc", "", "the cbc binary (default: cbc on PATH)")
	fs.StringVar(&c.objective, "objective", "", "comma list of levels in order, such as moves,balance,spread (default: the problem's default order)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casebench [flags]\n\nRuns rostersat's caseload solver and CBC on generated offices, each in a process of its own,\nchecks and cross-checks their plans, and prints a markdown table (also written to -out/cases.md). Flags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	for _, s := range strings.Split(sizeList, ",") {
		s = strings.ToUpper(strings.TrimSpace(s))
		if _, ok := sizes[s]; !ok {
			return c, fmt.Errorf("-sizes: unknown size %q (want XS, S, L or L4)", s)
		}
		c.sizes = append(c.sizes, s)
	}
	seeds, err := gen.ParseSeeds(seedList)
	if err != nil {
		return c, fmt.Errorf("-seeds: %w", err)
	}
	c.seeds = seeds
	if _, err := objectiveOf(c.objective); err != nil {
		return c, fmt.Errorf("-objective: %w", err)
	}
	if c.timeout <= 0 {
		return c, fmt.Errorf("-timeout: want a positive duration")
	}
	return c, nil
}

// outcome is what a child reports of one solver call.
type outcome struct {
	Plan     *model.CasePlan `json:"plan,omitempty"`
	Error    string          `json:"error,omitempty"`
	Skipped  string          `json:"skipped,omitempty"`
	TimedOut bool            `json:"timedOut,omitempty"`
	// Budget says the solver stopped at its memory budget (a
	// *caseload.BudgetError): the plan is what it had, not a failure.
	Budget  bool    `json:"budget,omitempty"`
	Seconds float64 `json:"seconds"`
}

// objectiveOf parses the -objective list: each a level of a caseload
// plan, none twice.
func objectiveOf(list string) ([]model.LevelKind, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	var out []model.LevelKind
	for _, name := range strings.Split(list, ",") {
		kind := model.LevelKind(strings.TrimSpace(name))
		if !slices.Contains(model.CaseLevelKinds(), kind) {
			return nil, fmt.Errorf("%q is not a caseload level (want one of %v)", kind, model.CaseLevelKinds())
		}
		if slices.Contains(out, kind) {
			return nil, fmt.Errorf("%q is named twice", kind)
		}
		out = append(out, kind)
	}
	return out, nil
}

// office generates the problem of a size and seed, with the objective's
// levels when they are given.
func office(size string, seed int64, objective string) (*model.CaseProblem, error) {
	sp, ok := sizes[size]
	if !ok {
		return nil, fmt.Errorf("unknown size %q", size)
	}
	levels, err := objectiveOf(objective)
	if err != nil {
		return nil, err
	}
	p, err := gen.CaseOffice(sp, seed)
	if err == nil && levels != nil {
		p.Objective = levels
	}
	return p, err
}

// worker is the child mode: -casebench-worker SOLVER SIZE SEED TIMEOUT
// THREADS CBC RESULT OBJECTIVE.
func worker(args []string) int {
	if len(args) != 8 {
		fmt.Fprintln(os.Stderr, "casebench worker: want SOLVER SIZE SEED TIMEOUT THREADS CBC RESULT OBJECTIVE")
		return exitUsage
	}
	solver, size, result, cbcPath := args[0], args[1], args[6], args[5]
	seed, err1 := strconv.ParseInt(args[2], 10, 64)
	timeout, err2 := time.ParseDuration(args[3])
	threads, err3 := strconv.Atoi(args[4])
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Fprintln(os.Stderr, "casebench worker:", err)
		return exitUsage
	}
	p, err := office(size, seed, args[7])
	if err != nil {
		fmt.Fprintln(os.Stderr, "casebench worker:", err)
		return exitTrouble
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	start := time.Now()
	var plan *model.CasePlan
	switch solver {
	case "rostersat":
		plan, err = caseload.Assign(ctx, p)
	case "cbc":
		plan, err = (&peer.CaseCBC{Path: cbcPath, Threads: threads}).Assign(ctx, p)
	default:
		err = fmt.Errorf("no solver %q", solver)
	}
	out := outcome{Plan: plan, Seconds: time.Since(start).Seconds()}
	switch {
	case err == nil:
	case peer.IsSkip(err):
		out.Skipped, out.Plan = err.Error(), nil
	case errors.Is(err, context.DeadlineExceeded):
		out.TimedOut = true
	case errors.Is(err, caseload.ErrInfeasible):
		// The plan says Infeasible; the explanation is not compared.
	case errors.As(err, new(*caseload.BudgetError)):
		out.Budget = true
	default:
		out.Error = err.Error()
	}
	b, err := json.Marshal(out)
	if err == nil {
		err = os.WriteFile(result, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "casebench worker:", err)
		return exitTrouble
	}
	return exitOK
}

// measured is one solver's run on one office, as the parent saw it.
type measured struct {
	outcome
	peak int64 // bytes, 0 when unknown
}

// child runs one solver on one office in a process of its own.
func child(ctx context.Context, c config, tmp, solver, size string, seed int64) (measured, error) {
	self, err := os.Executable()
	if err != nil {
		return measured{}, err
	}
	result := filepath.Join(tmp, fmt.Sprintf("%s-%s-%d.json", solver, size, seed))
	grace := max(10*time.Second, c.timeout/10)
	ctx, cancel := context.WithTimeout(ctx, c.timeout+grace)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, workerArg, solver, size, strconv.FormatInt(seed, 10),
		c.timeout.String(), strconv.Itoa(c.threads), c.cbc, result, c.objective)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	// A process group of its own, killed whole, so that a cbc the child
	// started does not outlive it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	start := time.Now()
	runErr := cmd.Run()
	var m measured
	if ps := cmd.ProcessState; ps != nil {
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
			m.peak = int64(ru.Maxrss) * 1024 // KiB on Linux
		}
	}
	b, err := os.ReadFile(result)
	if err != nil {
		m.Seconds = time.Since(start).Seconds()
		if ctx.Err() != nil {
			m.TimedOut = true
			m.Error = fmt.Sprintf("killed: no answer %s past the %s limit", grace, c.timeout)
			return m, nil
		}
		return m, fmt.Errorf("%s on %s seed %d: the worker failed: %v", solver, size, seed, runErr)
	}
	if err := json.Unmarshal(b, &m.outcome); err != nil {
		return m, fmt.Errorf("%s on %s seed %d: worker result: %w", solver, size, seed, err)
	}
	return m, nil
}

// row is one office's line of the table.
type row struct {
	size   string
	seed   int64
	levels []model.LevelKind
	runs   [2]measured
	notes  []string // failures, printed loudly
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "casebench:", err)
		return exitUsage
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		fmt.Fprintln(stderr, "casebench:", err)
		return exitTrouble
	}
	tmp, err := os.MkdirTemp("", "casebench-")
	if err != nil {
		fmt.Fprintln(stderr, "casebench:", err)
		return exitTrouble
	}
	defer os.RemoveAll(tmp)
	var rows []row
	failed := false
	for _, size := range c.sizes {
		for _, seed := range c.seeds {
			p, err := office(size, seed, c.objective)
			if err != nil {
				fmt.Fprintf(stderr, "casebench: %s seed %d: %v\n", size, seed, err)
				return exitTrouble
			}
			r := row{size: size, seed: seed, levels: p.Levels()}
			for i, solver := range solvers {
				fmt.Fprintf(stderr, "casebench: %s seed %d (%d workers, %d cases): %s ...\n", size, seed, len(p.Staff), len(p.Cases), solver)
				m, err := child(ctx, c, tmp, solver, size, seed)
				if err != nil {
					fmt.Fprintln(stderr, "casebench:", err)
					return exitTrouble
				}
				r.runs[i] = m
				fmt.Fprintf(stderr, "casebench:   %s %s in %.2fs, %.0f MiB\n", status(m), levelText(m.Plan), m.Seconds, mib(m.peak))
				if ctx.Err() != nil {
					fmt.Fprintln(stderr, "casebench: interrupted")
					return exitTrouble
				}
			}
			r.notes = verify(p, r.runs)
			for _, n := range r.notes {
				fmt.Fprintf(stderr, "\n!!! FAILURE %s seed %d: %s\n\n", size, seed, n)
				failed = true
			}
			rows = append(rows, r)
		}
	}
	table := markdown(rows, c)
	fmt.Fprint(stdout, table)
	if err := os.WriteFile(filepath.Join(c.out, "cases.md"), []byte(table), 0o644); err != nil {
		fmt.Fprintln(stderr, "casebench:", err)
		return exitTrouble
	}
	if failed {
		fmt.Fprintln(stderr, "casebench: FAILED: the solvers disagree or a plan was rejected (see above)")
		return exitFailed
	}
	return exitOK
}

// hasPlan says the plan gives cases workers.
func hasPlan(pl *model.CasePlan) bool {
	return pl != nil && (pl.Status == model.Optimal || pl.Status == model.Feasible)
}

// verify checks both plans against p and against each other, and returns
// what is wrong.
func verify(p *model.CaseProblem, runs [2]measured) []string {
	var notes []string
	for i, m := range runs {
		switch {
		case m.Skipped != "":
			continue
		case m.Error != "" && !m.TimedOut:
			notes = append(notes, fmt.Sprintf("%s failed: %s", solvers[i], m.Error))
			continue
		case m.Plan == nil:
			continue
		}
		if v := model.CheckCases(p, m.Plan); len(v) > 0 {
			notes = append(notes, fmt.Sprintf("%s's plan fails model.CheckCases: %v", solvers[i], v))
		}
	}
	a, b := runs[0].Plan, runs[1].Plan
	if a == nil || b == nil {
		return notes
	}
	switch {
	case a.Status == model.Infeasible && hasPlan(b), b.Status == model.Infeasible && hasPlan(a):
		notes = append(notes, fmt.Sprintf("DISAGREEMENT: rostersat says %s, cbc says %s", a.Status, b.Status))
		return notes
	case !hasPlan(a) || !hasPlan(b):
		return notes
	}
	return append(notes, compareLevels(a, b)...)
}

// proven says level i of pl is proven optimal, given the earlier levels.
func proven(pl *model.CasePlan, i int) bool {
	l := pl.Objective.Levels
	return i < len(l) && l[i].Bound == l[i].Value
}

// compareLevels walks the levels while both plans have the same values,
// proven by one of them, on the earlier ones: a value both proved must be
// equal, a value one proved must lie within the other's bound and value,
// and neither value may lie below the other's bound.
func compareLevels(a, b *model.CasePlan) []string {
	var notes []string
	la, lb := a.Objective.Levels, b.Objective.Levels
	if len(la) != len(lb) {
		return []string{fmt.Sprintf("DISAGREEMENT: %d levels against %d", len(la), len(lb))}
	}
	for i := range la {
		pa, pb := proven(a, i), proven(b, i)
		name := string(la[i].Kind)
		switch {
		case pa && pb:
			if la[i].Value != lb[i].Value {
				notes = append(notes, fmt.Sprintf("DISAGREEMENT on %s: both proved it, rostersat %d, cbc %d", name, la[i].Value, lb[i].Value))
			}
		case pa:
			if lb[i].Value < la[i].Value || lb[i].Bound > la[i].Value {
				notes = append(notes, fmt.Sprintf("DISAGREEMENT on %s: rostersat proved %d, cbc has %d (bound %d)", name, la[i].Value, lb[i].Value, lb[i].Bound))
			}
		case pb:
			if la[i].Value < lb[i].Value || la[i].Bound > lb[i].Value {
				notes = append(notes, fmt.Sprintf("DISAGREEMENT on %s: cbc proved %d, rostersat has %d (bound %d)", name, lb[i].Value, la[i].Value, la[i].Bound))
			}
		default:
			if la[i].Value < lb[i].Bound || lb[i].Value < la[i].Bound {
				notes = append(notes, fmt.Sprintf("DISAGREEMENT on %s: rostersat has %d (bound %d), cbc %d (bound %d)", name, la[i].Value, la[i].Bound, lb[i].Value, lb[i].Bound))
			}
		}
		if !(pa || pb) || la[i].Value != lb[i].Value {
			// Later levels are measured among plans equal on this one.
			break
		}
	}
	return notes
}

func status(m measured) string {
	switch {
	case m.Skipped != "":
		return "skipped"
	case m.Error != "" && !m.TimedOut:
		return "error"
	case m.Plan == nil:
		return "no answer"
	}
	s := m.Plan.Status.String()
	switch {
	case m.TimedOut && m.Plan.Status != model.Optimal:
		s += " (timeout)"
	case m.Budget:
		s += " (memory budget: greedy plan)"
	}
	return s
}

// levelText is the level values, a proven one alone and one not proven
// with its bound.
func levelText(pl *model.CasePlan) string {
	if !hasPlan(pl) {
		return "–"
	}
	var parts []string
	for i, l := range pl.Objective.Levels {
		if proven(pl, i) {
			parts = append(parts, strconv.Itoa(l.Value))
		} else {
			parts = append(parts, fmt.Sprintf("%d (≥%d)", l.Value, l.Bound))
		}
	}
	return strings.Join(parts, " / ")
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// ratio is rostersat's time over cbc's: "<" when only rostersat finished
// (cbc would take longer), ">" when only cbc did.
func ratio(r row) string {
	a, b := r.runs[0], r.runs[1]
	if b.Seconds <= 0 || a.Plan == nil || b.Plan == nil {
		return "–"
	}
	done := func(m measured) bool { return m.Plan.Status == model.Optimal || m.Plan.Status == model.Infeasible }
	prefix := ""
	switch {
	case done(a) && !done(b):
		prefix = "< "
	case !done(a) && done(b):
		prefix = "> "
	case !done(a) && !done(b):
		prefix = "≈ "
	}
	return fmt.Sprintf("%s%.3g", prefix, a.Seconds/b.Seconds)
}

func markdown(rows []row, c config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Caseloads: rostersat and CBC\n\n")
	fmt.Fprintf(&b, "Each solver in a process of its own, %s each; time is the solver call's wall time, peak the process's resident set (for cbc, that of the cbc run or its Go parent, whichever is larger). ", c.timeout)
	fmt.Fprintf(&b, "Levels in the problem's order; a value not proven optimal shows its bound.\n\n")
	levels := ""
	if len(rows) > 0 {
		var names []string
		for _, k := range rows[0].levels {
			names = append(names, string(k))
		}
		levels = " (" + strings.Join(names, " / ") + ")"
	}
	fmt.Fprintf(&b, "| size | seed | rostersat status | rostersat levels%s | rostersat s | rostersat MiB | cbc status | cbc levels | cbc s | cbc MiB | rostersat / cbc time |\n", levels)
	fmt.Fprintf(&b, "|---|---:|---|---|---:|---:|---|---|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d |", r.size, r.seed)
		for _, m := range r.runs {
			fmt.Fprintf(&b, " %s | %s | %.2f | %.0f |", status(m), levelText(m.Plan), m.Seconds, mib(m.peak))
		}
		fmt.Fprintf(&b, " %s |\n", ratio(r))
	}
	var notes []string
	for _, r := range rows {
		for _, n := range r.notes {
			notes = append(notes, fmt.Sprintf("- **FAILURE** %s seed %d: %s", r.size, r.seed, n))
		}
		for i, m := range r.runs {
			if m.Error != "" && m.TimedOut {
				notes = append(notes, fmt.Sprintf("- %s seed %d, %s: %s", r.size, r.seed, solvers[i], m.Error))
			}
			if m.Skipped != "" {
				notes = append(notes, fmt.Sprintf("- %s seed %d, %s: %s", r.size, r.seed, solvers[i], m.Skipped))
			}
		}
	}
	if len(notes) > 0 {
		b.WriteString("\n" + strings.Join(notes, "\n") + "\n")
	}
	return b.String()
}
