package peer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rostersat/rostersat/model"
)

// SkipError says that a runner cannot run on this machine, for example
// because an external solver is not installed. A harness reports it as a
// skip, never as a failure; find it with errors.As.
type SkipError struct {
	// Runner is the runner's Name.
	Runner string
	// Reason says what is missing, such as "cbc not found".
	Reason string
}

// Error returns "skipped: " and the reason, as the harness prints it.
func (e *SkipError) Error() string { return "skipped: " + e.Reason }

// IsSkip reports whether err is, or wraps, a *SkipError.
func IsSkip(err error) bool {
	var s *SkipError
	return errors.As(err, &s)
}

// CBC solves a Problem with the COIN-OR CBC mixed-integer solver (the
// Debian package coinor-cbc), run as an external process on the LP files
// of [WriteLP]: stage 1 minimises D, stage 2 fixes D at the optimum and
// minimises W. The zero CBC looks cbc up on PATH and uses a temporary
// directory of its own.
//
// Each stage's schedule is re-scored from the Definitions; a value that
// disagrees with CBC's own objective is an error. Status is Optimal only
// when CBC proves both stages optimal. When a stage stops early (its
// seconds limit, or ctx), the best schedule found so far is returned as
// Feasible with the lower bounds CBC reported, and Unknown when there is
// none.
//
// Cancelling ctx sends cbc an interrupt, on which it stops its search and
// writes its best solution (as on Ctrl-C), and kills it if it has not
// exited after WaitDelay. The remaining time before ctx's deadline is also
// passed to cbc as its seconds limit, so that it stops by itself.
type CBC struct {
	// Path is the cbc binary; empty means "cbc" looked up on PATH.
	Path string
	// TimeLimit caps the whole run; zero means no cap beyond ctx.
	TimeLimit time.Duration
	// Dir is where the temporary directory of each run goes; empty means
	// os.TempDir(). The directory and its files are removed after the run
	// unless Keep is set.
	Dir  string
	Keep bool
	// WaitDelay is how long cbc has to exit after an interrupt before it
	// is killed; zero means 5 seconds.
	WaitDelay time.Duration
	// OnExit, when set, is called with the state of every cbc process that
	// ended, so that a harness can read its resource usage
	// (ProcessState.SysUsage, a *syscall.Rusage on Linux).
	OnExit func(*os.ProcessState)
}

// Name returns "cbc".
func (c *CBC) Name() string { return "cbc" }

// Run solves p in two stages with cbc. It returns a *SkipError when cbc
// cannot be found, and an error for an invalid problem or when cbc fails.
// An infeasible problem gives a Schedule with Status Infeasible.
func (c *CBC) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	start := time.Now()
	path := c.Path
	if path == "" {
		path = "cbc"
	}
	bin, err := exec.LookPath(path)
	if err != nil {
		return nil, &SkipError{Runner: c.Name(), Reason: "cbc not found"}
	}
	in, err := newInstance(p)
	if err != nil {
		return nil, err
	}
	if c.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.TimeLimit)
		defer cancel()
	}
	dir, err := os.MkdirTemp(c.Dir, "rostersat-cbc-")
	if err != nil {
		return nil, fmt.Errorf("cbc: %w", err)
	}
	if !c.Keep {
		defer os.RemoveAll(dir)
	}
	r := &cbcRun{c: c, bin: bin, dir: dir, in: in}
	sc, err := r.solve(ctx)
	if sc != nil {
		sc.Stats.Variables = r.size.vars
		sc.Stats.Clauses = r.size.rows
		sc.Stats.Solves = r.solves
		sc.Stats.Encode = r.encode
		sc.Stats.Solve = r.solveTime
		sc.Stats.Total = time.Since(start)
	}
	return sc, err
}

type cbcRun struct {
	c         *CBC
	bin, dir  string
	in        *instance
	size      size
	solves    int
	encode    time.Duration
	solveTime time.Duration
}

// cbcStatus is what cbc's solution file says in its first line.
type cbcStatus int

const (
	cbcOptimal    cbcStatus = iota
	cbcStopped              // stopped with an integer solution
	cbcNoSolution           // stopped before finding one
	cbcInfeasible
)

// cbcResult is one stage's outcome.
type cbcResult struct {
	cbcAnswer
	on []bool
}

func (r *cbcRun) solve(ctx context.Context) (*model.Schedule, error) {
	in := r.in
	var best []bool
	dBound, d := 0, 0
	if in.fairness {
		res, err := r.stage(ctx, DeviationStage())
		if err != nil {
			return nil, err
		}
		switch res.status {
		case cbcInfeasible:
			return in.schedule(nil, model.Infeasible), nil
		case cbcNoSolution:
			sc := in.schedule(nil, model.Unknown)
			in.bound(sc, ceilBound(res.bound), 0)
			return sc, ctx.Err()
		}
		best = res.on
		d, _ = in.score(best)
		if res.status == cbcStopped {
			sc := in.schedule(best, model.Feasible)
			in.bound(sc, min(ceilBound(res.bound), d), 0)
			return sc, ctx.Err()
		}
		if want := int(math.Round(res.objective)); want != d {
			return nil, fmt.Errorf("cbc: stage 1 claims D = %d but its schedule has D = %d", want, d)
		}
		dBound = d
	}
	kBound, k := 0, 0
	if in.classes != nil {
		res, err := r.stage(ctx, ClassStage(d))
		if err != nil {
			return nil, err
		}
		switch res.status {
		case cbcInfeasible:
			return nil, fmt.Errorf("cbc: the classes stage with D = %d is infeasible, though stage 1 found a schedule", d)
		case cbcNoSolution:
			sc := in.schedule(best, model.Feasible)
			in.boundClasses(sc, dBound, min(ceilBound(res.bound), sc.Objective.ClassDeviation), 0)
			return sc, ctx.Err()
		}
		best = res.on
		sc := in.schedule(best, model.Feasible)
		k = sc.Objective.ClassDeviation
		if res.status == cbcStopped {
			in.boundClasses(sc, dBound, min(ceilBound(res.bound), k), 0)
			return sc, ctx.Err()
		}
		if want := int(math.Round(res.objective)); want != k {
			return nil, fmt.Errorf("cbc: the classes stage claims K = %d but its schedule has K = %d", want, k)
		}
		kBound = k
	}
	stage := RequestStage(d)
	if in.classes != nil {
		stage = RequestClassStage(d, k)
	}
	res, err := r.stage(ctx, stage)
	if err != nil {
		return nil, err
	}
	switch res.status {
	case cbcInfeasible:
		if best != nil {
			return nil, fmt.Errorf("cbc: stage 2 with D = %d is infeasible, though stage 1 found a schedule", d)
		}
		return in.schedule(nil, model.Infeasible), nil
	case cbcNoSolution:
		sc := in.schedule(best, model.Feasible)
		if best == nil {
			sc.Status = model.Unknown
		}
		wBound := max(0, ceilBound(res.bound))
		if best != nil {
			wBound = min(wBound, sc.Objective.RequestCost)
		}
		in.boundClasses(sc, dBound, kBound, wBound)
		return sc, ctx.Err()
	}
	sc := in.schedule(res.on, model.Optimal)
	w := sc.Objective.RequestCost
	if res.status == cbcStopped {
		sc.Status = model.Feasible
		in.boundClasses(sc, dBound, kBound, min(max(0, ceilBound(res.bound)), w))
		return sc, ctx.Err()
	}
	if want := int(math.Round(res.objective)); want != w {
		return nil, fmt.Errorf("cbc: stage 2 claims W = %d but its schedule has W = %d", want, w)
	}
	if in.fairness && sc.Objective.Deviation != d {
		return nil, fmt.Errorf("cbc: stage 2 schedule has D = %d, want %d", sc.Objective.Deviation, d)
	}
	if in.classes != nil && sc.Objective.ClassDeviation != k {
		return nil, fmt.Errorf("cbc: the last stage's schedule has K = %d, want %d", sc.Objective.ClassDeviation, k)
	}
	in.boundClasses(sc, dBound, kBound, w)
	return sc, nil
}

// ceilBound rounds a reported lower bound up, allowing for round-off; an
// unknown bound is 0.
func ceilBound(b float64) int {
	if math.IsNaN(b) || b < 0 {
		return 0
	}
	return int(math.Ceil(b - 1e-6))
}

// stage writes stage's LP, runs cbc on it and reads its solution.
func (r *cbcRun) stage(ctx context.Context, stage Stage) (cbcResult, error) {
	if err := ctx.Err(); err != nil {
		return cbcResult{cbcAnswer: noAnswer}, nil
	}
	t := time.Now()
	n := r.solves + 1
	lp := filepath.Join(r.dir, fmt.Sprintf("stage%d.lp", n))
	sol := filepath.Join(r.dir, fmt.Sprintf("stage%d.sol", n))
	logf := filepath.Join(r.dir, fmt.Sprintf("stage%d.log", n))
	sz, err := writeLPFile(lp, func(w io.Writer) (size, error) { return r.in.writeLP(w, stage) })
	if err != nil {
		return cbcResult{}, err
	}
	r.size = size{vars: max(r.size.vars, sz.vars), rows: max(r.size.rows, sz.rows)}
	r.encode += time.Since(t)

	call := cbcCall{bin: r.bin, lp: lp, sol: sol, logf: logf, waitDelay: r.c.WaitDelay, onExit: r.c.OnExit}
	r.solves++
	index := make(map[string]int, len(r.in.vars))
	for k := range r.in.vars {
		index[r.in.xname(k)] = k
	}
	on := make([]bool, len(r.in.vars))
	ans, took, err := call.solve(ctx, stage.String(), func(name string, v float64) error {
		if k, ok := index[name]; ok {
			on[k] = v > 0.5
		}
		return nil
	}, nil)
	r.solveTime += took
	if err != nil {
		return cbcResult{}, err
	}
	res := cbcResult{cbcAnswer: ans}
	if ans.status != cbcInfeasible && ans.status != cbcNoSolution {
		res.on = on
	}
	return res, nil
}

// parseStatus reads the first line of a solution file.
func parseStatus(line string) (cbcStatus, float64, error) {
	obj := math.NaN()
	if i := strings.LastIndex(line, "objective value"); i >= 0 {
		if v, err := strconv.ParseFloat(strings.TrimSpace(line[i+len("objective value"):]), 64); err == nil {
			obj = v
		}
	}
	switch {
	case strings.HasPrefix(line, "Optimal"):
		return cbcOptimal, obj, nil
	case strings.HasPrefix(line, "Infeasible"), strings.HasPrefix(line, "Integer infeasible"):
		return cbcInfeasible, obj, nil
	case strings.Contains(line, "no integer solution"):
		return cbcNoSolution, obj, nil
	case strings.HasPrefix(line, "Stopped"):
		return cbcStopped, obj, nil
	}
	return 0, obj, fmt.Errorf("unexpected solution status %q", line)
}

// timedOut reports whether cbc's log says it stopped on its time limit.
func timedOut(path string) bool {
	b, err := os.ReadFile(path)
	return err == nil && (strings.Contains(string(b), "Stopped on time") || strings.Contains(string(b), "time limit"))
}

// readBound finds "Lower bound:" in cbc's log, which it prints when it
// stops before proving optimality; NaN when absent.
func readBound(path string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return math.NaN()
	}
	bound := math.NaN()
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "Lower bound:"); ok {
			if v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil {
				bound = v
			}
		}
	}
	return bound
}

// tail returns the last lines of cbc's log, for error messages.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "no log"
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return "log: " + strings.Join(lines, " | ")
}
