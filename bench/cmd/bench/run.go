package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/rostersat/rostersat/bench/peer"
	"github.com/rostersat/rostersat/bench/report"
	"github.com/rostersat/rostersat/model"
)

// The environment of a worker: the bench binary runs itself with these
// set to run one runner on one problem in a process of its own.
const (
	envWorker  = "ROSTERSAT_BENCH_WORKER"  // the runner's name
	envProblem = "ROSTERSAT_BENCH_PROBLEM" // the problem's JSON file
	envResult  = "ROSTERSAT_BENCH_RESULT"  // where the worker writes its result
	envTimeout = "ROSTERSAT_BENCH_TIMEOUT" // the run's time limit, a Go duration
)

// outcome is what one Run call gave: what a worker writes for its parent.
type outcome struct {
	Schedule *model.Schedule `json:"schedule,omitempty"`
	Error    string          `json:"error,omitempty"`
	Skipped  string          `json:"skipped,omitempty"`
	TimedOut bool            `json:"timedOut,omitempty"`
	Seconds  float64         `json:"seconds"`
}

// call runs the named runner on p with a time limit and times it.
func call(ctx context.Context, name string, p *model.Problem, timeout time.Duration, onExit func(*os.ProcessState)) outcome {
	e, ok := registry[name]
	if !ok {
		return outcome{Error: fmt.Sprintf("no runner %q", name)}
	}
	r := e.make()
	if c, ok := r.(*peer.CBC); ok && onExit != nil {
		c.OnExit = onExit
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	start := time.Now()
	s, err := safeRun(ctx, r, p)
	out := outcome{Schedule: s, Seconds: time.Since(start).Seconds()}
	switch {
	case err == nil:
	case peer.IsSkip(err):
		var se *peer.SkipError
		errors.As(err, &se)
		out.Skipped, out.Schedule = se.Reason, nil
	default:
		out.Error = err.Error()
		out.TimedOut = errors.Is(err, context.DeadlineExceeded)
	}
	return out
}

// safeRun turns a runner's panic into an error, so that one broken runner
// cannot take the bench down.
func safeRun(ctx context.Context, r interface {
	Run(context.Context, *model.Problem) (*model.Schedule, error)
}, p *model.Problem) (s *model.Schedule, err error) {
	defer func() {
		if v := recover(); v != nil {
			s, err = nil, fmt.Errorf("panic: %v", v)
		}
	}()
	return r.Run(ctx, p)
}

// worker is the bench binary's child mode: run one runner on one problem
// and write the outcome as JSON. It returns the process's exit code.
func worker() int {
	name := os.Getenv(envWorker)
	timeout, err := time.ParseDuration(os.Getenv(envTimeout))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench worker:", err)
		return 2
	}
	p, err := readProblem(os.Getenv(envProblem))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench worker:", err)
		return 2
	}
	out := call(context.Background(), name, p, timeout, nil)
	b, err := json.Marshal(out)
	if err == nil {
		err = os.WriteFile(os.Getenv(envResult), b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench worker:", err)
		return 2
	}
	return 0
}

func readProblem(path string) (*model.Problem, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p model.Problem
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &p, nil
}

// executor runs items, in child processes or in this process.
type executor struct {
	inProcess bool
	timeout   time.Duration
	tmp       string // holds the problems' JSON files for the workers
}

// grace is how long past its timeout a worker may take to return its best
// schedule before it is killed.
func (x *executor) grace() time.Duration {
	return max(10*time.Second, x.timeout/10)
}

// measure runs runner on the instance and checks its schedule.
func (x *executor) measure(ctx context.Context, inst *instance, runner string) report.Measure {
	m := report.Measure{
		Instance: inst.name, Size: inst.size, Seed: inst.seed,
		Staff: len(inst.p.Staff), Dates: len(inst.p.Period.DutyDates()),
		FairnessOff: inst.p.Rules.Fairness.Off,
		Runner:      runner, Kind: registry[runner].kind,
		Timeout: x.timeout.Seconds(), Started: time.Now().UTC().Truncate(time.Second),
	}
	var out outcome
	if x.inProcess {
		out, m.PeakBytes = x.inProcessRun(ctx, inst.p, runner)
		m.Memory = report.MemoryHeap
	} else {
		var err error
		out, m.PeakBytes, err = x.childRun(ctx, inst, runner)
		m.Memory = report.MemoryRSS
		if err != nil {
			out.Error = err.Error()
		}
	}
	m.Skipped, m.Error, m.TimedOut, m.Seconds = out.Skipped, out.Error, out.TimedOut, out.Seconds
	if m.Skipped != "" {
		m.PeakBytes, m.Memory = 0, ""
		return m
	}
	if s := out.Schedule; s != nil && m.Kind == report.KindBaseline && s.Status == model.Unknown && len(s.Dates) > 0 {
		// A baseline that could not keep every rule hands back its broken
		// rota for diagnosis, marked Unknown; in the bench it found no
		// rota, which is an outcome, not a failure.
		if m.Error == "" {
			m.Error = "no rota"
		}
		m.Error = "no rota: " + firstLine(m.Error)
		out.Schedule = &model.Schedule{Status: model.Unknown, Stats: s.Stats}
	}
	m.Fill(out.Schedule)
	if out.Schedule != nil {
		for _, v := range model.Check(inst.p, out.Schedule) {
			m.Violations = append(m.Violations, v.String())
		}
	}
	return m
}

// childRun runs the bench binary itself as a worker, so that the peak
// memory is the worker's whole-process peak (its rusage Maxrss, which on
// Linux covers the external solvers it waited for) and a runner that
// ignores its deadline can be killed.
func (x *executor) childRun(ctx context.Context, inst *instance, runner string) (outcome, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return outcome{}, 0, err
	}
	problem, err := inst.file(x.tmp)
	if err != nil {
		return outcome{}, 0, err
	}
	result := filepath.Join(x.tmp, fmt.Sprintf("result-%d.json", time.Now().UnixNano()))
	defer os.Remove(result)
	ctx, cancel := context.WithTimeout(ctx, x.timeout+x.grace())
	defer cancel()
	cmd := exec.CommandContext(ctx, self)
	cmd.Env = append(os.Environ(), envWorker+"="+runner, envProblem+"="+problem,
		envResult+"="+result, envTimeout+"="+x.timeout.String())
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	ownGroup(cmd)
	start := time.Now()
	runErr := cmd.Run()
	peak := maxRSS(cmd.ProcessState)
	b, err := os.ReadFile(result)
	if err != nil {
		out := outcome{Seconds: time.Since(start).Seconds()}
		if ctx.Err() != nil {
			out.TimedOut = true
			return out, peak, fmt.Errorf("killed: no answer %s past the %s limit", x.grace(), x.timeout)
		}
		return out, peak, fmt.Errorf("worker failed: %v", runErr)
	}
	var out outcome
	if err := json.Unmarshal(b, &out); err != nil {
		return outcome{}, peak, fmt.Errorf("worker result: %w", err)
	}
	return out, peak, nil
}

// inProcessRun runs the runner in this process and samples the Go
// runtime's memory (total mapped less released) every few milliseconds;
// for cbc, the child's Maxrss is taken when it is larger.
func (x *executor) inProcessRun(ctx context.Context, p *model.Problem, runner string) (outcome, int64) {
	runtime.GC()
	var mu sync.Mutex
	var peak int64
	bump := func(v int64) {
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(samples)
			if samples[0].Value.Kind() == metrics.KindUint64 && samples[1].Value.Kind() == metrics.KindUint64 {
				bump(int64(samples[0].Value.Uint64() - samples[1].Value.Uint64()))
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	out := call(ctx, runner, p, x.timeout, func(ps *os.ProcessState) { bump(maxRSS(ps)) })
	close(stop)
	<-done
	return out, peak
}
