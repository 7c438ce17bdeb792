package peer

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/rostersat/rostersat/model"
)

// CaseCBC plans caseloads with the COIN-OR CBC mixed-integer solver, run
// as an external process on the LP files of [WriteCaseLP]: one run per
// level of p.Levels(), most important first, each with the levels before
// it fixed at the optimum the earlier runs proved. The zero CaseCBC
// looks cbc up on PATH and leaves cbc's thread count at its default.
//
// Every run's plan is re-scored from the definitions (model package,
// Caseloads); a value that disagrees with CBC's own objective is an
// error, and so is a final plan that model.CheckCases rejects. Status is
// Optimal only when CBC proved every level. When a run stops early (ctx's
// deadline, passed to cbc as its seconds limit, or ctx cancelled, on
// which cbc gets an interrupt), the best plan found so far is returned
// as Feasible with the bound CBC reported for the level it stopped on,
// or as Unknown when there is none, together with ctx's error (or
// context.DeadlineExceeded when cbc stopped on its limit first).
type CaseCBC struct {
	// Path is the cbc binary; empty means "cbc" looked up on PATH.
	Path string
	// Threads is cbc's -threads; zero leaves cbc's default.
	Threads int
}

// Name returns "cbc".
func (c *CaseCBC) Name() string { return "cbc" }

// Assign solves p level by level with cbc. It returns a *SkipError when
// cbc cannot be found and an error for an invalid problem or when cbc
// fails. A problem whose hard rules CBC proves infeasible gives a plan
// with Status Infeasible, no workers, and a nil error.
func (c *CaseCBC) Assign(ctx context.Context, p *model.CaseProblem) (*model.CasePlan, error) {
	start := time.Now()
	path := c.Path
	if path == "" {
		path = "cbc"
	}
	bin, err := exec.LookPath(path)
	if err != nil {
		return nil, &SkipError{Runner: c.Name(), Reason: "cbc not found"}
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("cbc: invalid problem: %w", err)
	}
	dir, err := os.MkdirTemp("", "rostersat-casecbc-")
	if err != nil {
		return nil, fmt.Errorf("cbc: %w", err)
	}
	defer os.RemoveAll(dir)
	f := model.CaseFactsOf(p)
	r := &caseRun{c: c, bin: bin, dir: dir, lp: newCaseLP(p, f)}
	plan, err := r.solve(ctx)
	if plan != nil {
		plan.Stats = model.Stats{Variables: r.size.vars, Clauses: r.size.rows, Solves: r.solves,
			Encode: r.encode, Solve: r.solveTime, Total: time.Since(start)}
		if plan.Status == model.Optimal || plan.Status == model.Feasible {
			if v := model.CheckCases(p, plan); len(v) > 0 {
				return nil, fmt.Errorf("cbc: the plan fails model.CheckCases: %v", v[0])
			}
		}
	}
	return plan, err
}

type caseRun struct {
	c         *CaseCBC
	bin, dir  string
	lp        *caseLP
	size      size
	solves    int
	encode    time.Duration
	solveTime time.Duration
}

// caseResult is one level's outcome.
type caseResult struct {
	cbcAnswer
	assign []int // per case the worker's position
}

// stopped is the error of a run that did not prove every level.
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return context.DeadlineExceeded
}

func (r *caseRun) solve(ctx context.Context) (*model.CasePlan, error) {
	p, f := r.lp.p, r.lp.f
	levels := p.Levels()
	fixed := map[model.LevelKind]int{}
	bounds := make([]int, len(levels))
	var best []int
	for i, kind := range levels {
		res, err := r.level(ctx, kind, fixed)
		if err != nil {
			return nil, err
		}
		switch res.status {
		case cbcInfeasible:
			if i == 0 {
				return casePlanOf(p, f, model.Infeasible, nil, nil), nil
			}
			return nil, fmt.Errorf("cbc: level %s with %v fixed is infeasible, though the earlier levels found a plan", kind, fixed)
		case cbcNoSolution:
			if best == nil {
				return casePlanOf(p, f, model.Unknown, nil, nil), stopped(ctx)
			}
			bounds[i] = min(ceilBound(res.bound), measures(p, f, best).Measure(kind))
			return casePlanOf(p, f, model.Feasible, best, bounds), stopped(ctx)
		}
		sc := measures(p, f, res.assign)
		for _, k := range levels[:i] {
			if sc.Measure(k) != fixed[k] {
				return nil, fmt.Errorf("cbc: the plan of level %s has %s = %d, fixed at %d", kind, k, sc.Measure(k), fixed[k])
			}
		}
		v := sc.Measure(kind)
		if res.status == cbcStopped {
			bounds[i] = min(ceilBound(res.bound), v)
			return casePlanOf(p, f, model.Feasible, res.assign, bounds), stopped(ctx)
		}
		if want := int(math.Round(res.objective)); want != v {
			return nil, fmt.Errorf("cbc: level %s claims %d, but its plan has %d", kind, want, v)
		}
		fixed[kind], bounds[i], best = v, v, res.assign
	}
	return casePlanOf(p, f, model.Optimal, best, bounds), nil
}

// level writes the level's LP, runs cbc on it and reads its solution.
func (r *caseRun) level(ctx context.Context, kind model.LevelKind, fixed map[model.LevelKind]int) (caseResult, error) {
	if err := ctx.Err(); err != nil {
		return caseResult{cbcAnswer: noAnswer}, nil
	}
	t := time.Now()
	n := r.solves + 1
	lpf := filepath.Join(r.dir, fmt.Sprintf("level%d-%s.lp", n, kind))
	sol := filepath.Join(r.dir, fmt.Sprintf("level%d.sol", n))
	logf := filepath.Join(r.dir, fmt.Sprintf("level%d.log", n))
	sz, err := writeLPFile(lpf, func(w io.Writer) (size, error) { return r.lp.write(w, kind, fixed) })
	if err != nil {
		return caseResult{}, err
	}
	r.size = size{vars: max(r.size.vars, sz.vars), rows: max(r.size.rows, sz.rows)}
	r.encode += time.Since(t)

	call := cbcCall{bin: r.bin, lp: lpf, sol: sol, logf: logf, elapsed: true}
	if r.c.Threads > 0 {
		call.pre = []string{"-threads", strconv.Itoa(r.c.Threads)}
	}
	r.solves++
	f := r.lp.f
	assign := make([]int, len(f.Candidates))
	for c := range assign {
		assign[c] = -1
	}
	ans, took, err := call.solve(ctx, "level "+string(kind), func(name string, v float64) error {
		c, s, ok := parseCaseVar(name)
		switch {
		case !ok || v <= 0.5:
			return nil
		case c < 0 || c >= len(assign) || !slices.Contains(f.Candidates[c], s):
			return fmt.Errorf("no such variable")
		case assign[c] >= 0:
			return fmt.Errorf("gives case %d two workers", c)
		}
		assign[c] = s
		return nil
	}, func() error {
		for c, s := range assign {
			if s < 0 {
				return fmt.Errorf("solution gives case %d no worker", c)
			}
		}
		return nil
	})
	r.solveTime += took
	if err != nil {
		return caseResult{}, err
	}
	res := caseResult{cbcAnswer: ans}
	if ans.status != cbcInfeasible && ans.status != cbcNoSolution {
		res.assign = assign
	}
	return res, nil
}

// casePlanOf writes the plan of an assignment (nil for none) with the
// bounds of the levels.
func casePlanOf(p *model.CaseProblem, f *model.CaseFacts, status model.Status, assign []int, bounds []int) *model.CasePlan {
	plan := f.Plan(p, status, assign)
	for i := range plan.Objective.Levels {
		plan.Objective.Levels[i].Bound = bounds[i]
	}
	return plan
}

// measures is the objective of an assignment, by the definitions.
func measures(p *model.CaseProblem, f *model.CaseFacts, assign []int) model.CaseObjective {
	return f.Plan(p, model.Feasible, assign).Objective
}
