package caseload

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// Relaxation is the least a caseload problem must give up to have a plan:
// the rule instances to drop, and the best plan without them.
type Relaxation struct {
	// Dropped are the rule instances the plan breaks, each with what it
	// asks in the words of an explanation (see InfeasibleError).
	Dropped []Reason
	// Weight is the summed cost of the dropped instances (their number,
	// without WithDropCosts): the least any plan can break, when Least is
	// set.
	Weight int
	// Least says whether Weight is proven the least; false when ctx ended
	// first, and Dropped is then the best found.
	Least bool
	// Plan keeps every other rule instance and breaks every dropped one.
	// When Least is set its levels are optimised as Assign would, among
	// the plans that keep all the other instances (Status Optimal when
	// they are proven); otherwise it is the plan the search for the
	// least found (Feasible), or an Unknown plan without workers. A case
	// whose instance is dropped has no worker (not one who may not hold
	// it). The plan passes model.CheckCasesRelaxed with Rules().
	Plan *model.CasePlan
}

// Rules returns the dropped rule instances.
func (r *Relaxation) Rules() []model.CaseRule {
	out := make([]model.CaseRule, len(r.Dropped))
	for i, d := range r.Dropped {
		out[i] = d.Rule
	}
	return out
}

// Explain says what to drop, a line for the count and whether it is
// proven the least, then a line an instance, each line ending in a
// newline.
func (r *Relaxation) Explain() string {
	least := "the least there is"
	if !r.Least {
		least = "the best found before the deadline, not proven least"
	}
	var b strings.Builder
	if r.Weight != len(r.Dropped) {
		least = fmt.Sprintf("cost %d, %s", r.Weight, least)
	}
	fmt.Fprintf(&b, "To have a plan, drop %d rule(s) (%s):\n", len(r.Dropped), least)
	for _, d := range r.Dropped {
		fmt.Fprintf(&b, "  - %s\n", d.Text)
	}
	return b.String()
}

// Relax returns the fewest hard rule instances (see model.CaseRule) to
// drop for p to have a plan (those of least summed cost, with
// WithDropCosts), and the best plan without them. A feasible
// problem drops nothing and gets the plan Assign gives it.
//
// It works in two steps. First the least number: every instance's guard
// is a soft literal of one level, minimised by implicit hitting sets on
// the encoding Assign uses, with no instance assumed; the best model
// names the instances it breaks. Then, when that number is proven, the
// levels are solved as Assign solves them, every instance assumed but the
// dropped ones, the limits of dropped capacities lifted and the dropped
// groups left out (every such plan breaks them: one it kept would make a
// smaller set). The counting bounds Assign computes before the search
// assume every case has a worker, so when a case's instance is dropped
// this search goes without them, as with WithoutBounds, and can take
// long to prove its levels on large problems.
//
// Where the encoding would pass the memory budget (WithMemoryBudget),
// Relax drops what the greedy plan breaks (Least false), with a
// *BudgetError. WithProgress reports the search for the least
// (Progress.Dropping) and then the levels' search, as Assign's.
//
// When ctx ends first, Relax returns the best relaxation found so far and
// ctx's error. Validation errors are as Assign's (a nil Relaxation); an
// *InternalError is a failure inside rostersat. Relax never panics on its
// input, and the same input gives the same relaxation.
func Relax(ctx context.Context, p *model.CaseProblem, opts ...Option) (out *Relaxation, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, &InternalError{Msg: fmt.Sprintf("panic: %v", v)}
		}
	}()
	r, unknown, err := newRun(ctx, p, opts)
	switch {
	case unknown:
		return &Relaxation{Plan: &model.CasePlan{Status: model.Unknown}}, err
	case err != nil:
		return nil, err
	}
	if err := r.cfg.checkDropCosts(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return &Relaxation{Plan: r.plan(model.Unknown, nil, nil)}, err
	}
	return r.relax()
}

// relax is Relax on a validated problem.
func (r *run) relax() (*Relaxation, error) {
	budget := r.cfg.budget
	if budget <= 0 {
		budget = DefaultMemoryBudget
	}
	if est := estimate(r.p, r.f); est > budget {
		return r.greedyRelaxation(&BudgetError{Budget: budget, Estimate: est})
	}
	assign, least, value, err := r.leastDrop()
	if err != nil && r.ctx.Err() == nil {
		return nil, &InternalError{Msg: "the relaxation's search failed", Err: err}
	}
	out := &Relaxation{Least: least}
	if assign == nil {
		return &Relaxation{Plan: r.plan(model.Unknown, nil, nil)}, err
	}
	broken := map[model.CaseRule]bool{}
	for _, cr := range brokenBy(r.p, r.f, assign) {
		broken[cr] = true
	}
	for _, cr := range r.e.rules { // in the encoding's order
		if broken[cr] {
			r.drop(out, cr)
		}
	}
	if least && out.Weight != value {
		// A proven least breaks exactly the instances whose guards the
		// model leaves false.
		return nil, &InternalError{Msg: fmt.Sprintf("the least relaxation drops rules of cost %d, but its plan breaks rules of cost %d", value, out.Weight)}
	}
	rules := out.Rules()
	if !least {
		plan := r.plan(model.Feasible, assign, nil)
		if v := model.CheckCasesRelaxed(r.p, plan, rules); len(v) > 0 {
			return nil, &InternalError{Msg: "the relaxation's plan fails the independent checker", Violations: v}
		}
		out.Plan = plan
		return out, err
	}
	// The least is proven: solve the levels without the dropped
	// instances, on a fresh run (its search is Assign's).
	s := &run{ctx: r.ctx, cfg: r.cfg, p: r.p, f: r.f, start: r.start}
	if out.Weight > 0 {
		s.relaxed = true
		s.whole, s.dropped, s.f = r.f, rules, lifted(r.f, rules, r.staffIndex)
		// Without a dropped case-worker instance every case keeps a
		// worker, and the lifted facts are a problem of their own whose
		// bounds hold; a case left without one would break the bounds'
		// counting.
		s.cfg.noBounds = s.leavesCases()
	}
	plan, err := s.solve()
	var ie *InfeasibleError
	switch {
	case errors.As(err, &ie):
		return nil, &InternalError{Msg: "the problem without the dropped rules has no plan", Err: err}
	case plan == nil:
		return nil, err
	}
	out.Plan = plan
	return out, err
}

// greedyRelaxation is Relax's answer where the encoding would pass the
// memory budget: the greedy plan (greedy.go), with the instances it
// breaks dropped, not proven least, when the independent checker accepts
// it without them; else an Unknown plan. With err either way.
func (r *run) greedyRelaxation(err error) (*Relaxation, error) {
	assign := greedy(r.p, r.f)
	rules := brokenBy(r.p, r.f, assign)
	plan := r.plan(model.Feasible, assign, nil)
	if v := model.CheckCasesRelaxed(r.p, plan, rules); len(v) > 0 {
		return &Relaxation{Plan: r.plan(model.Unknown, nil, nil)}, err
	}
	out := &Relaxation{Plan: plan}
	for _, cr := range rules {
		r.drop(out, cr)
	}
	return out, err
}

// drop adds instance cr to the relaxation's dropped ones, with its text
// and its cost.
func (r *run) drop(out *Relaxation, cr model.CaseRule) {
	out.Dropped = append(out.Dropped, Reason{Rule: cr, Text: r.text(cr)})
	out.Weight += r.cfg.dropCost(cr.Kind)
}

// brokenBy are the rule instances an assignment breaks, by the facts: a
// case without a worker (its workers are always candidates), a group on
// two workers, a load above a limit of a worker not on leave.
func brokenBy(p *model.CaseProblem, f *model.CaseFacts, assign []int) []model.CaseRule {
	var out []model.CaseRule
	for c, s := range assign {
		if s < 0 {
			out = append(out, model.CaseRule{Kind: model.RuleCaseWorker, Case: p.Cases[c].ID})
		}
	}
	for _, g := range f.Groups {
		w := -1
		for _, c := range g.Cases {
			if s := assign[c]; s >= 0 && w >= 0 && s != w {
				out = append(out, model.CaseRule{Kind: model.RuleCaseGroup, Group: g.Name})
				break
			} else if s >= 0 {
				w = s
			}
		}
	}
	load := make([][3]int, len(p.Staff))
	for c, s := range assign {
		if s >= 0 {
			for m := range 3 {
				load[s][m] += f.Amount[c][m]
			}
		}
	}
	for s := range p.Staff {
		if f.OnLeave[s] {
			continue
		}
		for m, measure := range model.Measures() {
			if limit := f.Limits[s][m]; limit > 0 && load[s][m] > limit {
				out = append(out, model.CaseRule{Kind: model.RuleCapacity, Staff: p.Staff[s].ID, Measure: measure, Count: limit})
			}
		}
	}
	return out
}

// leastDrop finds an assignment that breaks the fewest rule instances:
// each instance's guard a soft literal of weight 1, searched by implicit
// hitting sets (few instances are dropped out of many). It reports
// whether the least was proven, and the best number of guards off.
func (r *run) leastDrop() ([]int, bool, int, error) {
	warm := greedy(r.p, r.f)
	r.e = encodeFor(r.ctx, r.p, r.f, warm, true)
	if err := r.ctx.Err(); err != nil {
		return nil, false, 0, err
	}
	r.e.roomCuts()
	drop := engine.Sum{HittingSets: true}
	for i, g := range r.e.guards {
		drop.Softs = append(drop.Softs, engine.Soft{Lit: g, Weight: r.cfg.dropCost(r.e.rules[i].Kind)})
	}
	// The room's counting bounds the least, and its choice of what to
	// drop is where the search looks first: with costs, the cores of a
	// unit with too little room are many (any few cases left out still
	// overfill it), and the hitting sets alone find the least late.
	lower, chosen := r.dropBound()
	drop.Lower = func([]int) int { return lower }
	drop.Dive = func([]int) (int, func(int) ([]z.Lit, []z.Lit)) {
		prefer := make([]z.Lit, len(r.e.guards))
		for i, g := range r.e.guards {
			prefer[i] = g
			if chosen[r.e.rules[i]] {
				prefer[i] = g.Not()
			}
		}
		return lower, func(int) ([]z.Lit, []z.Lit) { return nil, prefer }
	}
	var warmLits []z.Lit
	for c, s := range warm {
		if k := index(r.f.Candidates[c], s); k >= 0 {
			warmLits = append(warmLits, r.e.x[c][k])
		}
	}
	o := &engine.Optimizer{S: r.e.s, Levels: []engine.Level{drop}, Warm: warmLits}
	var best []int
	report := func() {
		if r.cfg.progress != nil && o.Values != nil {
			r.cfg.progress(Progress{Dropping: true, Drop: o.Values[0], DropBound: o.Bounds[0], Elapsed: time.Since(r.start)})
		}
	}
	o.Better = func([]int) {
		best = r.e.assignment()
		report()
	}
	o.Bound = func(int, int) { report() }
	err := o.Run(r.ctx)
	value := 0
	if o.Values != nil {
		value = o.Values[0]
	}
	return best, o.Settled == 1 && err == nil, value, err
}

// dropBound is a lower bound on the least cost of a relaxation, by
// counting, and the instances that the counting would drop. A case no
// one may hold drops its instance. A unit whose cases need more of a
// measure than its workers' limits hold (noRoom's counting) drops one
// of those limits or enough of its cases (the heaviest first), whichever
// costs less; of its measures, the dearest such choice counts. Units
// share no case and no worker, so their bounds add up (the pool of the
// whole office, whose workers are everyone's, is left out).
func (r *run) dropBound() (int, map[model.CaseRule]bool) {
	p, f := r.p, r.f
	chosen := map[model.CaseRule]bool{}
	bound := 0
	caseCost, capCost := r.cfg.dropCost(model.RuleCaseWorker), r.cfg.dropCost(model.RuleCapacity)
	for c, cands := range f.Candidates {
		if len(cands) == 0 {
			bound += caseCost
			chosen[model.CaseRule{Kind: model.RuleCaseWorker, Case: p.Cases[c].ID}] = true
		}
	}
	for _, pool := range f.Pools {
		if pool.Unit == "" {
			continue
		}
		most := 0
		var pick []model.CaseRule
		for m, measure := range model.Measures() {
			room, limited := roomOf(f, pool, m)
			if !limited || len(pool.Staff) == 0 {
				continue
			}
			widest := pool.Staff[0] // the worker who may hold the most, for a dropped limit
			for _, s := range pool.Staff {
				if len(r.e.held[s]) > len(r.e.held[widest]) {
					widest = s
				}
			}
			var cases []int
			need := 0
			for c, cs := range p.Cases {
				if cs.Unit == pool.Unit && !f.Kept[c] && len(f.Candidates[c]) > 0 && f.Amount[c][m] > 0 {
					cases = append(cases, c)
					need += f.Amount[c][m]
				}
			}
			if need <= room {
				continue
			}
			slices.SortStableFunc(cases, func(a, b int) int { return cmp.Compare(f.Amount[b][m], f.Amount[a][m]) })
			k := 0
			for excess := need - room; excess > 0; k++ {
				excess -= f.Amount[cases[k]][m]
			}
			var these []model.CaseRule
			cost := capCost
			if caseCost*k < capCost {
				cost = caseCost * k
				for _, c := range cases[:k] {
					these = append(these, model.CaseRule{Kind: model.RuleCaseWorker, Case: p.Cases[c].ID})
				}
			} else {
				these = append(these, model.CaseRule{Kind: model.RuleCapacity, Staff: p.Staff[widest].ID, Measure: measure, Count: f.Limits[widest][m]})
			}
			if cost > most {
				most = cost
			}
			pick = append(pick, these...)
		}
		bound += most
		for _, cr := range pick {
			chosen[cr] = true
		}
	}
	return bound, chosen
}

// lifted are f without the dropped instances: the limits of the dropped
// capacities lifted, for the levels' encodings, which count no load past
// a limit, and the dropped groups gone, for the bounds.
func lifted(f *model.CaseFacts, dropped []model.CaseRule, staffAt func(string) int) *model.CaseFacts {
	g := *f
	g.Groups = slices.DeleteFunc(slices.Clone(f.Groups), func(grp model.CaseGroup) bool {
		return slices.Contains(dropped, model.CaseRule{Kind: model.RuleCaseGroup, Group: grp.Name})
	})
	g.Limits = slices.Clone(f.Limits)
	for _, cr := range dropped {
		if cr.Kind == model.RuleCapacity {
			g.Limits[staffAt(cr.Staff)][slices.Index(model.Measures(), cr.Measure)] = 0
		}
	}
	return &g
}

// roomCuts add, for the search of the least, noRoom's counting as
// clauses that hold whatever instances are dropped: while every limit of
// a pool in a measure holds, the cases of its unit that keep a worker
// need at most the room of those limits. Without them every core of a
// unit with too little room is a pigeonhole formula, which resolution
// refutes in exponential time (41 investigations for six workers of six
// did not give their least, 1, in 60 s); with them it is propagation.
func (e *encoding) roomCuts() {
	guard := make(map[model.CaseRule]z.Lit, len(e.rules))
	for i, cr := range e.rules {
		guard[cr] = e.guards[i]
	}
	p, f := e.p, e.f
	for _, pool := range f.Pools {
		for m, measure := range model.Measures() {
			room, limited := roomOf(f, pool, m)
			if !limited {
				continue
			}
			var limits []z.Lit
			for _, s := range pool.Staff {
				if g, ok := guard[model.CaseRule{Kind: model.RuleCapacity, Staff: p.Staff[s].ID, Measure: measure, Count: f.Limits[s][m]}]; ok {
					limits = append(limits, g)
				}
			}
			var keep []z.Lit // a case's guard once per unit of its amount
			for c, cs := range p.Cases {
				if cs.Unit == pool.Unit && !f.Kept[c] {
					g := guard[model.CaseRule{Kind: model.RuleCaseWorker, Case: cs.ID}]
					for range f.Amount[c][m] {
						keep = append(keep, g)
					}
				}
			}
			if len(keep) > room {
				card.AtMost(engine.Guarded(e.s, limits...), keep, room)
			}
		}
	}
}
