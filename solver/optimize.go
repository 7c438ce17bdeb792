package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// run is one call of Solve: the instance, the SAT session and everything
// found so far.
type run struct {
	ctx   context.Context
	cfg   config
	in    *instance
	start time.Time

	ses    *session
	enc    *encoding
	warm   [][]bool // the warm start
	encode time.Duration

	best       [][]bool // the best schedule so far, nil before the first
	bestD      int
	bestW      int
	dBound     int // proven lower bound on the deviation
	wBound     int // proven lower bound on the request cost at bestD
	priceW     int // the Lagrangian request bound at deviation priceD, -1 if none
	priceD     int
	dOptimal   bool
	wOptimal   bool
	infeasible []string // reasons, once infeasibility is proven
}

// fairness reports whether the deviation is minimised.
func (r *run) fairness() bool { return !r.in.p.Rules.Fairness.Off }

// newSession builds the SAT session and the encoding.
func (r *run) newSession() {
	t := time.Now()
	// Measured on the bench offices: about 10 variables and 70 clauses
	// per person-date that gets a variable.
	pd := 0
	for s := range r.in.p.Staff {
		for f := range r.in.dates {
			if r.in.free(s, f) {
				pd++
			}
		}
	}
	r.ses = newSessionSized(10*pd+reserveFor(r.in), 70*pd)
	r.enc = encode(r.in, r.ses, &r.cfg, r.warm, r.dBound, r.warmDeviation())
	r.ses.reserve(reserveFor(r.in))
	r.encode += time.Since(t)
}

// reserveFor estimates the variables the searches will add after the
// encoding: deviation literals and the core-guided search's counters,
// which grow with the number of requests.
func reserveFor(in *instance) int {
	n := 64
	for s := range in.costTrue {
		for f := range in.costTrue[s] {
			if in.costTrue[s][f] != in.costFalse[s][f] {
				n += 8
			}
		}
	}
	return n
}

// optimise finds the lexicographic optimum, or the best it can before ctx
// ends; the error is ctx's or an internal one.
func (r *run) optimise() error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	lb := 0
	var targets []int
	if r.cfg.bounds {
		var ok bool
		lb, ok, targets = flowBound(r.in)
		if !ok {
			r.proveInfeasible("even with any deviation, no flow of people to dates meets the demand, the unit and role minimums and each person's cap under spacing")
			return nil
		}
	}
	if !r.fairness() {
		lb = 0
	}
	r.dBound = lb
	t := time.Now()
	var balanced [][]bool
	if r.cfg.pricing {
		if balanced = r.priceRequests(lb); r.wOptimal {
			r.encode += time.Since(t)
			return nil
		}
	}
	r.warm = warmStart(r.in, targets, lb)
	repair(r.in, r.warm, lb)
	if balanced != nil {
		repair(r.in, balanced, lb)
		if r.warmBetter(balanced, r.warm) {
			r.warm = balanced
		}
	}
	r.encode += time.Since(t)
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.newSession()
	if err := r.firstSchedule(); err != nil || r.infeasible != nil {
		return err
	}
	if r.fairness() {
		if err := r.minimiseDeviation(); err != nil {
			return err
		}
	}
	r.dOptimal = true
	return r.minimiseRequests()
}

// firstSchedule finds a schedule, at the deviation lower bound when
// fairness is on, starting from the warm start: it assumes the warm start's
// value for every person-date, and each failed core gives up the warm
// values in it, until gini answers SAT with its saved phases close to the
// warm start. Only a core without warm values says that the bound (or the
// rules themselves) cannot be met.
func (r *run) firstSchedule() error {
	base := []z.Lit{r.enc.rules}
	bound := z.LitNull
	if r.fairness() {
		bound = r.enc.deviationAtMost(r.dBound)
		base = append(base, bound)
	}
	warm := r.enc.literals(r.warm)
	for round := 0; ; round++ {
		if round == maxWarmRounds {
			warm = nil
		}
		out, err := r.ses.solve(r.ctx, append(slices.Clone(base), warm...))
		if err != nil {
			return err
		}
		if out == sat {
			r.record()
			// The rules hold in this model, so as a unit clause they keep
			// the formula satisfiable (GINI.md #1); fixed at level 0 they
			// cost nothing per restart.
			card.Clause(r.ses, r.enc.rules)
			return nil
		}
		failed := map[z.Lit]bool{}
		for _, m := range r.ses.failed() {
			failed[m] = true
		}
		kept := warm[:0:0]
		for _, m := range warm {
			if !failed[m] {
				kept = append(kept, m)
			}
		}
		if len(kept) < len(warm) {
			warm = kept
			continue
		}
		if bound == z.LitNull || !failed[bound] {
			r.proveInfeasible("the SAT search proved that the hard rules contradict each other")
			return nil
		}
		// The bound fails: the optimum lies above it, and any schedule
		// gives an upper bound to search down from.
		r.dBound++
		r.report("deviation")
		base, warm, bound = base[:1], nil, z.LitNull
	}
}

// maxWarmRounds bounds how often the first solve gives up part of the warm
// start before it gives up all of it.
const maxWarmRounds = 50

// proveInfeasible records that no schedule exists, with the shortages that
// explain it in domain words, or the general reason when there are none.
func (r *run) proveInfeasible(general string) {
	r.infeasible = shortages(r.in)
	if len(r.infeasible) == 0 {
		r.infeasible = []string{general}
	}
}

// minimiseDeviation closes the gap between the proven bound and the best
// deviation by bisection, each step one SAT call under the assumption
// "deviation at most d".
func (r *run) minimiseDeviation() error {
	for r.dBound < r.bestD {
		d := (r.dBound + r.bestD - 1) / 2
		out, err := r.ses.solve(r.ctx, []z.Lit{r.enc.deviationAtMost(d)})
		if err != nil {
			return err
		}
		if out == sat {
			r.record()
		} else {
			r.dBound = d + 1
			r.report("deviation")
		}
	}
	return nil
}

// soft is a literal the request search would like true, at a weight. A
// soft made by the core-guided search stands for "fewer than k+1 of the
// core's literals are false" and knows its counter, to make the next one.
type soft struct {
	lit     z.Lit
	weight  int
	counter []z.Lit // the outputs over a core's violations, nil for a request
	k       int     // lit is counter[k].Not()
}

// minimiseRequests minimises the request cost with the deviation fixed, by
// core-guided search (OLL: Andres et al., ICLP 2012; as in RC2, Ignatiev et
// al., JSAT 2019), with stratification by weight: solve with the heaviest
// softs assumed true; each UNSAT core raises the lower bound by its least
// weight, takes that weight off its members, and adds a counter over its
// violations whose outputs become new softs.
func (r *run) minimiseRequests() error {
	// The deviation is settled: its bound is true in the best schedule, so
	// as a unit clause it keeps the formula satisfiable (GINI.md #1), and
	// gini fixes it once at level 0 instead of assuming it on every restart
	// (measured: ST -50%, MT -22%).
	if r.fairness() {
		card.Clause(r.ses, r.enc.deviationAtMost(r.bestD))
	}
	var base []z.Lit
	softs, lower := r.softs()
	// The request bound holds for the settled deviation; the one computed
	// before the search was for the deviation bound, which may be lower.
	if r.cfg.pricing && r.fairness() && r.priceD != r.bestD {
		r.priceD, r.priceW = r.bestD, -1
		if l, ok := newLagrangian(r.in, r.bestD); ok {
			r.priceW = l.subgradient(r.bestW, priceSteps)
		}
	}
	r.wBound = max(lower, r.priceW)
	if r.bestW == r.wBound {
		r.wOptimal = true
		return nil
	}
	if done, err := r.cappedSearch(); done || err != nil {
		return err
	}
	index := map[z.Lit]int{}
	for i, sf := range softs {
		index[sf.lit] = i
	}
	for _, t := range r.strata(softs) {
		for {
			assume := slices.Clone(base)
			for _, sf := range softs {
				if sf.weight >= t && sf.weight > 0 {
					assume = append(assume, sf.lit)
				}
			}
			out, err := r.ses.solve(r.ctx, assume)
			if err != nil {
				return err
			}
			if out == sat {
				r.record()
				break
			}
			core := r.core(index)
			if len(core) == 0 {
				return errors.New("rostersat internal error: the request search met a core without requests")
			}
			least := softs[core[0]].weight
			for _, i := range core {
				least = min(least, softs[i].weight)
			}
			lower += least
			r.wBound = max(lower, r.priceW)
			r.report("requests")
			var violated []z.Lit
			for _, i := range core {
				sf := &softs[i]
				sf.weight -= least
				violated = append(violated, sf.lit.Not())
				if sf.counter != nil && sf.k+1 < len(sf.counter) {
					softs = append(softs, soft{lit: sf.counter[sf.k+1].Not(), weight: least, counter: sf.counter, k: sf.k + 1})
					index[softs[len(softs)-1].lit] = len(softs) - 1
				}
			}
			if len(violated) > 1 {
				o := card.Totalizer(r.ses, violated, len(violated))
				softs = append(softs, soft{lit: o[1].Not(), weight: least, counter: o, k: 1})
				index[softs[len(softs)-1].lit] = len(softs) - 1
			}
			if r.bestW == r.wBound {
				r.wOptimal = true
				return nil
			}
		}
	}
	if r.bestW != r.wBound {
		return fmt.Errorf("rostersat internal error: request search ended with cost %d above its bound %d", r.bestW, r.wBound)
	}
	r.wOptimal = true
	return nil
}

// softs turns the request costs into soft literals: a person-date with
// both kinds of request pays the smaller weight whatever happens, and the
// difference on one side.
func (r *run) softs() ([]soft, int) {
	in := r.in
	lower := in.fixedCost
	var softs []soft
	for s, row := range r.enc.x {
		for f, m := range row {
			if m == z.LitNull {
				continue
			}
			ct, cf := in.costTrue[s][f], in.costFalse[s][f]
			lower += min(ct, cf)
			switch {
			case ct > cf:
				softs = append(softs, soft{lit: m.Not(), weight: ct - cf})
			case cf > ct:
				softs = append(softs, soft{lit: m, weight: cf - ct})
			}
		}
	}
	return softs, lower
}

// strata returns the weight thresholds to search with, heaviest first; the
// last is 1 so that the final search sees every soft.
func (r *run) strata(softs []soft) []int {
	if !r.cfg.stratify {
		return []int{1}
	}
	var ws []int
	for _, sf := range softs {
		ws = append(ws, sf.weight)
	}
	slices.Sort(ws)
	ws = slices.Compact(ws)
	slices.Reverse(ws)
	if len(ws) == 0 || ws[len(ws)-1] != 1 {
		ws = append(ws, 1)
	}
	return ws
}

// core returns the soft indices among the failed assumptions, in
// increasing order so that what we build from them is deterministic.
func (r *run) core(index map[z.Lit]int) []int {
	var core []int
	for _, m := range r.ses.failed() {
		if i, ok := index[m]; ok {
			core = append(core, i)
		}
	}
	slices.Sort(core)
	return core
}

// record reads the model of the last SAT answer and keeps it if it is
// better than the best so far.
func (r *run) record() {
	on := r.enc.schedule()
	d, w := r.evaluate(on)
	if r.best == nil || r.better(d, w) {
		r.best, r.bestD, r.bestW = on, d, w
		r.report(r.phase())
	}
}

// better reports whether (d, w) beats the best so far in the objective's
// order: deviation first, unless fairness is off, when only w counts.
func (r *run) better(d, w int) bool {
	if !r.fairness() {
		return w < r.bestW
	}
	return d < r.bestD || (d == r.bestD && w < r.bestW)
}

func (r *run) phase() string {
	if r.dOptimal || !r.fairness() {
		return "requests"
	}
	return "deviation"
}

// warmDeviation returns the deviation of the warm start when fairness is
// on and the warm start keeps every hard rule, so that it bounds the
// optimum; otherwise -1.
func (r *run) warmDeviation() int {
	if !r.fairness() || !meetsHardRules(r.in, r.warm) {
		return -1
	}
	d, _ := r.evaluate(r.warm)
	return d
}

// warmBetter reports whether rota a makes a better warm start than b: one
// that keeps the hard rules beats one that does not, then the objective
// decides.
func (r *run) warmBetter(a, b [][]bool) bool {
	okA, okB := meetsHardRules(r.in, a), meetsHardRules(r.in, b)
	if okA != okB {
		return okA
	}
	dA, wA := r.evaluate(a)
	dB, wB := r.evaluate(b)
	if !r.fairness() {
		return wA < wB
	}
	return dA < dB || dA == dB && wA < wB
}

// priceRequests bounds the request cost at deviation d by the Lagrangian
// relaxation and builds the balanced rota at its prices. When the rota
// keeps every rule at deviation d, its cost is an upper bound, and a few
// subgradient steps try to raise the bound to meet it if the bound at zero
// prices falls short. It returns the rota, for a warm start, unless that
// already proved it optimal and made it the answer.
func (r *run) priceRequests(d int) [][]bool {
	l, ok := newLagrangian(r.in, d)
	if !ok {
		return nil
	}
	r.priceD = d
	r.priceW = ceilBound(l.evaluate())
	on := balancedRota(r.in, l)
	if !meetsHardRules(r.in, on) {
		return on
	}
	dev, w := r.evaluate(on)
	if r.fairness() && dev != d {
		return on
	}
	if w > r.priceW {
		r.priceW = max(r.priceW, l.subgradient(w, priceSteps))
	}
	if w == r.priceW {
		r.best, r.bestD, r.bestW = on, dev, w
		r.wBound = w
		r.dOptimal, r.wOptimal = true, true
		r.report("requests")
	}
	return on
}

// cappedSearch asks the SAT search for a schedule that meets the request
// bound at zero prices, where that bound is the sum of each person's own
// least request cost: it assumes, person by person, that no more is
// unmet than that least cost. Such a schedule is optimal. The caps make
// most of the search's choices for it, which the core-guided search would
// otherwise discover one core at a time; when they cannot all hold, the
// core-guided search goes on as if this had not been tried. It reports
// whether it proved the optimum.
func (r *run) cappedSearch() (bool, error) {
	if !r.cfg.pricing || r.priceW < 0 || r.priceD != r.bestD && r.fairness() {
		return false, nil
	}
	l, ok := newLagrangian(r.in, r.priceD)
	if !ok || ceilBound(l.evaluate()) != r.priceW {
		return false, nil
	}
	in := r.in
	var assume []z.Lit
	for s, p := range l.people {
		cap := int(math.Round(p.least))
		var unmet []z.Lit // a request's literal once per unit of weight
		for _, f := range p.dates {
			ct, cf := in.costTrue[s][f], in.costFalse[s][f]
			cap += cf - min(ct, cf)
			m := r.enc.x[s][f]
			for range ct - cf {
				unmet = append(unmet, m)
			}
			for range cf - ct {
				unmet = append(unmet, m.Not())
			}
		}
		if cap >= len(unmet) {
			continue
		}
		if cap == 0 {
			for _, m := range unmet {
				assume = append(assume, m.Not())
			}
			continue
		}
		o := card.Totalizer(r.ses, unmet, cap+1)
		assume = append(assume, o[cap].Not())
	}
	out, err := r.ses.solve(r.ctx, assume)
	if err != nil || out != sat {
		return false, err
	}
	r.record()
	if r.bestW != r.wBound {
		return false, fmt.Errorf("rostersat internal error: capped search found cost %d, not its bound %d", r.bestW, r.wBound)
	}
	r.wOptimal = true
	return true, nil
}

// priceSteps bounds the subgradient steps of the request bound. On the
// bench offices the bound at zero prices is already the optimum when the
// relaxation's is; where it is not, the steps buy a bound for the
// core-guided search to stop at.
const priceSteps = 100

// evaluate returns the deviation and request cost of a schedule.
func (r *run) evaluate(on [][]bool) (d, w int) {
	in := r.in
	w = in.fixedCost
	for s, row := range on {
		n := 0
		for f, v := range row {
			if v {
				n++
				w += in.costTrue[s][f]
			} else {
				w += in.costFalse[s][f]
			}
		}
		d = max(d, in.deviation(s, n))
	}
	return d, w
}

func (r *run) report(phase string) {
	if r.cfg.progress == nil {
		return
	}
	p := Progress{Phase: phase, Deviation: -1, RequestCost: -1, DeviationBound: r.dBound, RequestCostBound: r.wBound, Elapsed: time.Since(r.start)}
	if r.best != nil {
		p.Deviation, p.RequestCost = r.bestD, r.bestW
	}
	r.cfg.progress(p)
}
