package solver

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// Relaxation is the least a problem must give up to have a schedule: the
// rule instances to drop, and the best schedule without them.
type Relaxation struct {
	// Dropped are the rule instances the schedule breaks, each with what it
	// asks; their weights add up to Weight, the least any schedule can
	// break.
	Dropped []Reason
	// Weight is the summed weight of Dropped (see WithRuleWeights).
	Weight int
	// Least says whether Weight is proven the least; false when the
	// deadline came first, and Dropped is then the best found.
	Least bool
	// Schedule keeps every other rule instance. Its levels are optimised
	// after the weight, among the schedules that break the least; it
	// passes model.CheckRelaxed with the dropped rules.
	Schedule *model.Schedule
	// Changes say what the scheduler would change to the problem, one
	// sentence a rule: "lower the coverage of 2024-02-23 to 3".
	Changes []string
}

// Explain says the least change in the scheduler's words, a line for the
// count and whether it is proven the least, then a line a change, each
// line ending in a newline.
func (r *Relaxation) Explain() string {
	least := "the least there is"
	if !r.Least {
		least = "the best found before the deadline, not proven least"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "To have a rota, change %d rule(s) (%s):\n", r.Weight, least)
	for _, c := range r.Changes {
		fmt.Fprintf(&b, "  - %s\n", c)
	}
	return b.String()
}

// Rules returns the dropped rule instances.
func (r *Relaxation) Rules() []model.Rule {
	out := make([]model.Rule, len(r.Dropped))
	for i, d := range r.Dropped {
		out[i] = d.Rule
	}
	return out
}

// Relax returns the fewest rule instances to drop, weighted by kind (each
// weighs 1 unless WithRuleWeights says otherwise), for p to have a
// schedule, and the best schedule without them. A feasible problem drops
// nothing and gets the schedule Solve gives it. Availability is a fact,
// never dropped: a relaxation can lower a date's coverage, not put an
// absent person on duty.
//
// It works in two steps. First the least weight: core-guided search over
// the instances' guards, on a session where every instance can be
// switched off, finds a set of instances of least weight whose absence
// leaves a schedule. Then the problem without them is solved as Solve
// would, bounds and all; its levels are optimal among the schedules that
// keep every other instance. (Any such schedule breaks every dropped
// instance: one it kept would make a lighter set.)
//
// Graded rules drop a grade at a time, so the relaxation of a date that
// lacks one person drops "at least 4 on duty" and keeps "at least 3".
//
// When ctx ends first, Relax returns the best relaxation found so far,
// its schedule Feasible (not proven) or absent, and ctx's error.
func Relax(ctx context.Context, p *model.Problem, opts ...Option) (out *Relaxation, err error) {
	defer walled(&err, func() { out = nil })
	return relax(ctx, p, opts)
}

func relax(ctx context.Context, p *model.Problem, opts []Option) (*Relaxation, error) {
	start := time.Now()
	c, err := prepare(ctx, p, opts)
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		return &Relaxation{}, err // ended while validating
	case err != nil:
		return nil, err
	}
	defer c.stop()
	ctx, cfg := c.ctx, c.cfg
	var bad []error
	for _, k := range slices.Sorted(maps.Keys(cfg.weights)) {
		if w := cfg.weights[k]; w < 1 {
			bad = append(bad, fmt.Errorf("solver: rule weight of %q = %d: want 1 or more", k, w))
		}
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	in := c.instance(p)
	if in == nil {
		return &Relaxation{}, c.cause()
	}
	weight := func(i int) int {
		if w, ok := cfg.weights[in.rules.all[i].id(in).Kind]; ok {
			return w
		}
		return 1
	}
	if need := encodingEstimate(in); need > cfg.budget {
		return &Relaxation{}, &BudgetError{Budget: cfg.budget, Estimate: need}
	}
	rota, least, err := leastDrop(ctx, in, weight, cfg.progress, start)
	if err != nil && ctx.Err() == nil && !errors.As(err, new(*BudgetError)) {
		return nil, &InternalError{Msg: "the relaxation's search failed", Err: err}
	}
	out := &Relaxation{Least: least}
	var dropped []int
	if rota != nil {
		t := newTally(in)
		for s, row := range rota {
			for f, v := range row {
				t.put(s, f, v)
			}
		}
		for i, r := range in.rules.all {
			if r.breach(&t) > 0 {
				dropped = append(dropped, i)
				out.Dropped = append(out.Dropped, r.reason(in))
				out.Weight += weight(i)
			}
		}
	}
	r := &search{ctx: ctx, cfg: cfg, in: in.without(dropped), order: p.Levels(), start: start}
	a := answer{rota: rota, bounds: make([]int, len(r.order))}
	status := model.Unknown
	switch {
	case rota == nil:
	case !least:
		status = model.Feasible
	default:
		// The least weight is proven: solve the problem without it.
		var serr error
		solved, serr := r.run()
		if solved.infeasible != nil {
			return nil, &InternalError{Msg: "the problem without the dropped rules has no schedule"}
		}
		if solved.rota != nil {
			a = solved
		}
		err = serr
		status = model.Feasible
		if a.settled == len(r.order) && a.rota != nil && serr == nil {
			status = model.Optimal
		}
		if serr != nil && ctx.Err() == nil && !errors.As(serr, new(*BudgetError)) {
			return nil, &InternalError{Msg: "the search without the dropped rules failed", Err: serr}
		}
	}
	sch, serr := r.schedule(a, status, start)
	if serr != nil {
		return nil, serr
	}
	out.Schedule = sch
	if a.rota != nil {
		out.Changes = changes(in, out.Dropped, a.rota)
		if v := model.CheckRelaxed(p, sch, out.Rules()); len(v) > 0 {
			return nil, &InternalError{Msg: "the relaxation's schedule fails the checker", Violations: v}
		}
	}
	if err != nil && !errors.As(err, new(*BudgetError)) {
		err = c.cause() // only an ended ctx or the budget leaves an error here
	}
	return out, err
}

// leastDrop finds a rota that breaks rule instances of least summed
// weight: each instance's guard is a soft literal, searched by implicit
// hitting sets, with only the cuts that hold for any subset of instances.
// Measured on infeasible variants of the Värmdö office, hitting sets
// found relaxations of 4 to 7 instances where core-guided search still
// held 65 after ten seconds (8 weeks' spacing), and proved 61 in 1 s
// where it was at 275 (unit minimums that add up past the coverage). It
// reports whether the least weight was proven.
func leastDrop(ctx context.Context, in *instance, weight func(int) int, progress func(Progress), start time.Time) ([][]bool, bool, error) {
	e := newEncoding(in, encodeOptions{})
	e.explainCuts()
	e.ses.Reserve(reserveFor(in) + len(in.rules.all))
	relax := engine.Sum{HittingSets: true}
	var base []z.Lit
	for i, g := range e.guard {
		if r, ok := in.rules.all[i].(*coverageAtMost); ok && r.c == coverageTop(in, r.f) {
			// Never worth dropping (see coverageTop): holding it keeps
			// every rota the search meets within the grades there are.
			base = append(base, g)
			continue
		}
		relax.Softs = append(relax.Softs, engine.Soft{Lit: g, Weight: weight(i)})
	}
	o := &engine.Optimizer{S: e.ses, Levels: []engine.Level{relax}, Base: base}
	var rota [][]bool
	report := func() {
		if progress == nil {
			return
		}
		pr := Progress{Phase: PhaseRelax, Elapsed: time.Since(start), Dropped: -1, DroppedBound: o.Bounds[0]}
		if o.Values != nil {
			pr.Dropped = o.Values[0]
		}
		progress(pr)
	}
	o.Better = func([]int) { rota = e.rota(e.ses); report() }
	o.Bound = func(int, int) { report() }
	err := o.Run(ctx)
	return rota, o.Settled == 1, err
}

// changes says what each dropped rule would change in the problem, grades
// of one rule on one date joined: "lower the coverage of 2024-02-23 from
// 4 to 3".
func changes(in *instance, dropped []Reason, rota [][]bool) []string {
	type key struct {
		kind model.RuleKind
		date model.Date
		name string
	}
	lowest := map[key]int{}
	var order []key
	var out []string
	for _, d := range dropped {
		r := d.Rule
		switch r.Kind {
		case model.RuleCoverage, model.RuleUnitMinimum, model.RuleRoleMinimum:
			k := key{r.Kind, r.Date, r.Unit + r.Role}
			if low, seen := lowest[k]; !seen || r.Count < low {
				if !seen {
					order = append(order, k)
				}
				lowest[k] = r.Count
			}
		case model.RuleCoverageMax:
			n := 0
			for f, date := range in.dates {
				if date == r.Date {
					for s := range rota {
						if rota[s][f] {
							n++
						}
					}
				}
			}
			out = append(out, fmt.Sprintf("raise the coverage of %s from %d to %d", r.Date, r.Count, n))
		case model.RuleSpacing:
			out = append(out, fmt.Sprintf("let %s work two duties closer than %s", r.Staff, weeks(in.spacingDays/7)))
		case model.RuleWindow:
			out = append(out, fmt.Sprintf("let %s break rules.windows[%d]", r.Staff, r.Window))
		case model.RuleUnitMaximum:
			out = append(out, fmt.Sprintf("let more than %d of unit %s work on %s", r.Count, r.Unit, r.Date))
		case model.RuleMaxGap:
			out = append(out, fmt.Sprintf("let %s go longer than %s without a duty", r.Staff, weeks(in.p.Rules.MaxGap.Weeks)))
		case model.RuleFrozen:
			out = append(out, fmt.Sprintf("let the published roster of %s change (end the freeze before it)", r.Date))
		case model.RulePin:
			if r.Work {
				out = append(out, fmt.Sprintf("drop the pin that %s works on %s", r.Staff, r.Date))
			} else {
				out = append(out, fmt.Sprintf("drop the pin that %s is off on %s", r.Staff, r.Date))
			}
		default:
			out = append(out, "drop the rule: "+d.Text)
		}
	}
	var graded []string
	for _, k := range order {
		low := lowest[k]
		switch k.kind {
		case model.RuleCoverage:
			f := 0
			for i, d := range in.dates {
				if d == k.date {
					f = i
				}
			}
			graded = append(graded, fmt.Sprintf("lower the coverage of %s from %d to %d", k.date, in.demand[f], low-1))
		case model.RuleUnitMinimum:
			graded = append(graded, fmt.Sprintf("lower the minimum of unit %s on %s to %d", k.name, k.date, low-1))
		case model.RuleRoleMinimum:
			graded = append(graded, fmt.Sprintf("lower the minimum of role %s on %s to %d", k.name, k.date, low-1))
		}
	}
	return append(graded, out...)
}
