package solver

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// search is one call of Solve: the instance, the options and the level
// order. Each step returns what it finds and the next takes it.
type search struct {
	ctx   context.Context
	cfg   config
	in    *instance
	order []model.LevelKind
	start time.Time
}

// answer is what a search found.
type answer struct {
	rota       [][]bool // the best rota, nil before the first
	bounds     []int    // proven bounds per level, in order
	settled    int      // the levels proven optimal, in order
	infeasible *InfeasibleError
	stats      engine.Stats
}

// level returns the position of kind in the order, -1 if absent.
func (r *search) level(kind model.LevelKind) int {
	for i, k := range r.order {
		if k == kind {
			return i
		}
	}
	return -1
}

// before reports whether level a comes before level b (both present).
func (r *search) before(a, b model.LevelKind) bool {
	i, j := r.level(a), r.level(b)
	return i >= 0 && j >= 0 && i < j
}

// run is the whole search: the bounds before it, a proof by the bounds
// alone when the balanced rota meets them, else the warm start, the
// encoding, and the levels on one session; an explanation when the rules
// clash.
func (r *search) run() (answer, error) {
	in := r.in
	a := answer{bounds: make([]int, len(r.order))}
	if err := r.ctx.Err(); err != nil {
		return a, err
	}
	// The deviation's lower bound, valid over all schedules and so for
	// fairness in any position.
	lb, targets := 0, []int(nil)
	if !r.cfg.tuning.NoFlowBound {
		var ok bool
		lb, ok, targets = flowBound(in)
		if in.halt.stopped() {
			return a, r.ctx.Err()
		}
		if !ok {
			// An explanation by SAT needs the encoding and its cuts, about
			// twice the encoding's estimate; past the budget a span that
			// clashes by counting is the explanation.
			if 2*encodingEstimate(in) > r.cfg.budget {
				if rs := spanClash(in); rs != nil {
					a.infeasible = infeasibleOf(in, rs, false)
					return a, r.ctx.Err()
				}
			}
			ie, stats, err := explain(r.ctx, in, nil, true)
			a.infeasible, a.stats = ie, stats
			if ie == nil && r.ctx.Err() != nil {
				// The flow's proof stands; the explanation did not fit in
				// the budget or the time.
				if rs := spanClash(in); rs != nil {
					a.infeasible = infeasibleOf(in, rs, false)
				}
			}
			return a, err
		}
	}
	if rs, w := windowClash(in); rs != nil {
		// A span of a window that the flow's blocks straddle: a proof by
		// counting, shrunk by counting, and then by SAT to a minimal set
		// when it is small (on the bench's M office 134 instances, which
		// SAT did not shrink in 20 s: a pigeonhole).
		rs = shrinkWindowClash(in, rs, w)
		a.infeasible = infeasibleOf(in, rs, false)
		if len(rs) <= windowExplainInstances {
			call, cancel := context.WithTimeout(r.ctx, coreCall)
			ie, stats, err := explain(call, in.keeping(slices.Sorted(slices.Values(rs))), nil, false)
			cancel()
			if err == nil && ie != nil && ie.Minimal {
				a.infeasible, a.stats = ie, stats
			}
		}
		return a, r.ctx.Err()
	}
	if rs := spacingClash(in); rs != nil {
		// Likewise a span shorter than the spacing, of a group or of
		// everyone: the Värmdö office at 7 weeks (one unit's minimum on
		// 7 dates, 6 members) took 0.57 s by the whole encoding's SAT
		// shrink, the same 13 instances as the flows' 0.5 ms.
		a.infeasible = explainSpan(r.ctx, in, rs)
		return a, r.ctx.Err()
	}
	fair := r.level(model.LevelFairness)
	// The request bound and the balanced rota, at the deviation that
	// holds for the requests level: the fairness bound when fairness
	// comes first, none otherwise.
	price := priced{w: -1}
	var balanced, atBound, kept [][]bool
	if !r.cfg.tuning.NoRequestBound && r.level(model.LevelRequests) >= 0 {
		d := noDeviation
		if r.before(model.LevelFairness, model.LevelRequests) {
			d = lb
		}
		price, balanced, kept = priceRequests(in, d)
		if balanced != nil && !in.halt.stopped() && !in.rules.keeps(in, balanced) {
			if dev, w := evaluate(in, balanced); (d == noDeviation || dev == d) && w == price.w {
				atBound = cloneRota(balanced) // before the repair moves it off the bound
			}
		}
		if in.halt.stopped() {
			return a, r.ctx.Err()
		}
		if r.proven(balanced, lb, price) {
			a.rota, a.settled, a.bounds = balanced, len(r.order), r.values(balanced)
			r.report(a.rota, a.bounds)
			return a, nil
		}
	}
	if err := r.ctx.Err(); err != nil {
		return a, err
	}
	// The warm start, at the fairness bound when fairness comes first.
	d := noDeviation
	if fair == 0 {
		d = lb
	}
	warm := warmStart(in, targets, d)
	repair(in, warm, d)
	greedy := warm
	if balanced != nil {
		repair(in, balanced, d)
		if r.warmBetter(balanced, warm) {
			warm = balanced
		}
	}
	if kept != nil && !in.halt.stopped() && in.rules.keeps(in, kept) && r.warmBetter(kept, warm) {
		// The responses that gave up the bound for the rules (on the
		// bench's M seed 4 at 6 weeks and a 26-week window of 4, the
		// only rota in 30 s). Only when they keep every rule: one rule
		// short, the repaired greedy rota is the start the mends know.
		warm = kept
	}
	if r.hasChanges() {
		// A re-plan starts from the published rota, mended only where it
		// breaks a rule: the repair's moves would change more.
		base := baselineRota(in)
		if !in.halt.stopped() && !in.rules.keeps(in, base) {
			repair(in, base, noDeviation)
		}
		if r.warmBetter(base, warm) {
			warm = base
		}
	}
	// From here on, a search that ends early still has a schedule: the
	// warm start, when it keeps every rule, with the deviation's bound.
	warmKeeps := !in.halt.stopped() && in.rules.keeps(in, warm)
	if warmKeeps {
		a.rota = warm
		if fair >= 0 {
			a.bounds[fair] = lb
		}
		r.report(a.rota, a.bounds) // the first rota, before the mends and the search
	}
	if err := r.ctx.Err(); err != nil {
		return a, err
	}
	need := encodingEstimate(in) + r.levelEstimate()
	if !warmKeeps && need > r.cfg.budget {
		// No explanation by SAT fits either; a span that clashes by
		// counting is a proof the flow, which relaxes the spacing to
		// blocks, can miss (the bench's L office at 6 weeks and n/6).
		if rs := spanClash(in); rs != nil {
			a.infeasible = infeasibleOf(in, rs, false)
			return a, r.ctx.Err()
		}
	}
	rowsEarly := !warmKeeps && (need > r.cfg.budget || len(in.p.Staff) >= rowsOffice)
	if rowsEarly {
		// The search's encoding does not fit, or is large: an encoding
		// of a few free rows mends the warm start into a schedule before
		// it (on 2,000 staff at 6 weeks' spacing, the whole encoding's
		// mends found none after 24 s). It mends what breaks least: there
		// the balanced rota breaks 126 coverage grades, the repaired
		// greedy one spacing.
		start := warm
		if in.rules.breach(in, greedy) < in.rules.breach(in, warm) {
			start = greedy
		}
		if m := r.mendRows(start, d); m != nil {
			warm, warmKeeps, a.rota = m, true, m
			if fair >= 0 {
				a.bounds[fair] = lb
			}
			r.report(a.rota, a.bounds)
		}
	}
	if need > r.cfg.budget {
		// Past the budget the deviation is lowered by rows alone, while
		// fairness is the first level (fairer_rows.go).
		if warmKeeps && fair == 0 {
			if dev, _ := evaluate(in, warm); dev > lb {
				warm, _ = r.fairerByRows(warm, dev, lb, rowsFairerCall, func(on [][]bool) {
					a.rota = on
					r.report(a.rota, a.bounds)
				})
				a.rota = warm
			}
		}
		// Then the requests, while they are the first level or the
		// second after fairness.
		if req := r.level(model.LevelRequests); warmKeeps && (req == 0 || req == 1 && fair == 0) {
			dev := noDeviation
			if req == 1 {
				dev, _ = evaluate(in, warm)
			}
			if req == 1 && dev == lb && price.w >= 0 && price.d == lb {
				a.bounds[1] = price.w // as below: the deviation is proven, the request bound at it known
			}
			a.rota = r.cheaperByRows(warm, dev, max(0, price.w), func(on [][]bool) {
				a.rota = on
				r.report(a.rota, a.bounds)
			})
		}
		return a, &BudgetError{Budget: r.cfg.budget, Estimate: need}
	}
	e := r.encoding(warm, warmKeeps, lb)
	if in.halt.stopped() {
		return a, r.ctx.Err()
	}
	if atBound != nil && !warmKeeps {
		// The balanced rota costs the bound but breaks some rules:
		// mended under the caps it proves both levels at once. Not once
		// a warm start keeps them (the keeping responses or the greedy
		// one): the mend's calls then rarely succeed where the best
		// responses did not, and on the Värmdö office under a 20-week
		// window of 3 they spent 1.1 s in failed calls.
		if m := r.mendAtBound(e, atBound, price); m != nil && (!warmKeeps || r.warmBetter(m, warm)) {
			warm, warmKeeps, a.rota = m, true, m
			if fair >= 0 {
				a.bounds[fair] = lb
			}
			r.report(a.rota, a.bounds)
		}
	}
	if !warmKeeps {
		mended := shiftedFlowRota(in)
		if mended == nil {
			mended = r.mend(e, warm)
		}
		if mended == nil && r.ctx.Err() == nil && !rowsEarly {
			mended = r.mendRows(warm, d)
		}
		if mended != nil {
			warm, warmKeeps, a.rota = mended, true, mended
			if fair >= 0 {
				a.bounds[fair] = lb
			}
			r.report(a.rota, a.bounds)
		}
	}
	if warmKeeps && fair == 0 {
		if d, _ := evaluate(in, warm); d > lb {
			warm = r.fairer(e, warm, lb)
			a.rota = warm
		}
		if d, _ := evaluate(in, warm); d == lb && r.level(model.LevelRequests) == 1 && price.w >= 0 && price.d == lb {
			// The deviation is proven; the request bound at it is known.
			a.bounds[1] = price.w
			warm = r.cheaper(e, warm, d, price.w)
			if _, w := evaluate(in, warm); w > price.w && !r.cfg.tuning.NoNeighbourhoodSearch {
				better := func(on [][]bool) {
					a.rota = on
					r.report(a.rota, a.bounds)
				}
				// Rows first on a large office, where a neighbourhood's
				// call on the whole encoding is slow (the bench's L office
				// at 6 weeks and n/7: 1,149 after 30 s, by rows first
				// about 400); on a small one after the neighbourhoods and
				// the counter, which often end at a gap of 64 from the
				// bound (maxCheaperGap) that the levels close slowly (M
				// seed 1 at 6 weeks and n/7: 108 against 44 after 30 s,
				// with the rows proven in 1.2-24.6 s, or 69 after 60 s).
				// Not where a group is most of the office: on the Värmdö
				// office (28) a relaxation took 0.77 s with them, 0.14 s
				// without.
				if len(in.p.Staff) >= rowsOffice {
					warm = r.cheaperByRows(warm, d, price.w, better)
				}
				warm = r.cheaperByNeighbourhoods(e, warm, d, price.w, better)
				warm = r.cheaper(e, warm, d, price.w)
				if _, w := evaluate(in, warm); w > price.w && len(in.p.Staff) < rowsOffice && len(in.p.Staff) >= rowsSmallest {
					warm = r.cheaperByRows(warm, d, price.w, better)
					warm = r.cheaper(e, warm, d, price.w)
				}
			}
			a.rota = warm
		}
	}
	o := &engine.Optimizer{S: e.ses, Base: []z.Lit{e.all}, Warm: e.literals(warm), WarmIsModel: r.warmIsModel(warm, warmKeeps, lb)}
	o.Levels = r.levels(e, o, 0, lb, price, true)
	o.Better = func([]int) {
		a.rota = e.rota(e.ses)
		r.report(a.rota, o.Bounds)
	}
	o.Bound = func(int, int) { r.report(a.rota, o.Bounds) }
	err := o.Run(r.ctx)
	for i, b := range o.Bounds {
		a.bounds[i] = max(a.bounds[i], b)
	}
	a.settled = o.Settled
	a.stats = e.ses.Stats()
	var clash *engine.Infeasible
	if errors.As(err, &clash) {
		ie, stats, err := explain(r.ctx, in, e, false)
		a.infeasible, a.stats = ie, stats
		return a, err
	}
	return a, err
}

// encoding writes the problem for the search from the warm start (keeps:
// it keeps every rule), with the cuts that hold for the level order.
func (r *search) encoding(warm [][]bool, keeps bool, lb int) *encoding {
	in := r.in
	opt := encodeOptions{hint: warm}
	fairFirst := r.level(model.LevelFairness) == 0
	dWarm := -1
	if fairFirst && keeps {
		// The most cut holds for the optimum while fairness comes first:
		// the warm start keeps every rule, so its deviation bounds the
		// optimal one.
		dWarm, _ = evaluate(in, warm)
		opt.most = func(s int) int { return max(0, in.hi[s]-in.hist[s]+dWarm) }
	}
	e := newEncoding(in, opt)
	// The group sums help prove bounds on the deviation; when the warm
	// start already meets the bound proven before the search, there is
	// nothing to prove.
	if !r.cfg.tuning.NoCountingCuts && dWarm != lb {
		most := func(s int) int { return in.cap[s] }
		if fairFirst {
			most = func(s int) int { return min(in.cap[s], in.hi[s]-in.hist[s]+lb) }
		}
		e.groupCuts(most)
	}
	if !r.cfg.tuning.NoCountingCuts {
		e.coverCuts()
	}
	e.ses.Reserve(reserveFor(in))
	return e
}

// levelEstimate is the bytes the levels beyond fairness and requests add
// to the encoding: about two clauses per rhythm literal, and a counter
// per person and class.
func (r *search) levelEstimate() int64 {
	var clauses int64
	if r.level(model.LevelRhythm) >= 0 {
		clauses += 2 * int64(rhythmLiterals(r.in))
	}
	if r.level(model.LevelClasses) >= 0 {
		for _, c := range r.in.facts.Classes {
			n := int64(len(c.Dates))
			clauses += int64(len(r.in.p.Staff)) * n * n
		}
	}
	return clauses * bytesPerClause
}

// warmIsModel says whether the first call should take the warm start as
// it is rather than try the first level at its bound: when the warm start
// keeps every rule (keeps) and its deviation is well above the bound. Close to
// the bound the first call at the bound usually finds the optimum at once
// (measured: ST seed 1 in 10 ms against 16 ms); far from it, that call
// can spend many hard refutations shedding warm values.
func (r *search) warmIsModel(warm [][]bool, keeps bool, lb int) bool {
	if !keeps {
		return false
	}
	if r.level(model.LevelFairness) != 0 {
		return true
	}
	d, _ := evaluate(r.in, warm)
	return d > lb+1
}

// newEncoding makes a session sized for in and writes in on it, with the
// cap cuts.
func newEncoding(in *instance, opt encodeOptions) *encoding {
	// Measured on the bench offices: about 10 variables and 70 clauses
	// per person-date that gets a variable.
	pd := 0
	for s := range in.p.Staff {
		for f := range in.dates {
			if in.avail[s][f] {
				pd++
			}
		}
	}
	e := encode(in, engine.New(10*pd+len(in.rules.all)+reserveFor(in), 70*pd), opt)
	e.capCuts()
	return e
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

// proven reports whether the balanced rota is optimal by the bounds alone:
// it keeps every rule and meets, level by level, a bound that holds there
// (the flow bound for fairness; the request bound at the deviation it was
// priced at, which is the rota's own when fairness comes first).
func (r *search) proven(on [][]bool, lb int, price priced) bool {
	in := r.in
	if on == nil || price.w < 0 || !in.rules.keeps(in, on) {
		return false
	}
	d, w := evaluate(in, on)
	if r.level(model.LevelFairness) >= 0 && d != lb {
		return false
	}
	if r.hasChanges() && changesOf(in, on) != changeBound(in) {
		return false
	}
	if price.d != noDeviation && price.d != d {
		return false
	}
	// The classes and rhythm levels have no bound but 0.
	if r.level(model.LevelClasses) >= 0 && classDeviationOf(in, on) != 0 {
		return false
	}
	if r.level(model.LevelRhythm) >= 0 && rhythmOf(in, on) != 0 {
		return false
	}
	return w == price.w
}

// warmBetter reports whether rota a makes a better warm start than b: one
// that keeps the rules beats one that does not, then the levels decide.
// (Choosing by how far each breaks the rules first made a relaxation of
// the Värmdö office five times slower; the rows' mend chooses so.)
func (r *search) warmBetter(a, b [][]bool) bool {
	okA, okB := r.in.rules.keeps(r.in, a), r.in.rules.keeps(r.in, b)
	if okA != okB {
		return okA
	}
	return lexLess(r.values(a), r.values(b))
}

// values returns the level values of a rota, in order.
func (r *search) values(on [][]bool) []int {
	d, w := evaluate(r.in, on)
	out := make([]int, len(r.order))
	for i, k := range r.order {
		switch k {
		case model.LevelFairness:
			out[i] = d
		case model.LevelRequests:
			out[i] = w
		case model.LevelChanges:
			out[i] = changesOf(r.in, on)
		case model.LevelClasses:
			out[i] = classDeviationOf(r.in, on)
		case model.LevelRhythm:
			out[i] = rhythmOf(r.in, on)
		}
	}
	return out
}

func lexLess(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// evaluate returns the deviation and request cost of a rota.
func evaluate(in *instance, on [][]bool) (d, w int) {
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

// report tells the progress callback about the best rota and the bounds.
func (r *search) report(on [][]bool, bounds []int) {
	if r.cfg.progress == nil {
		return
	}
	p := Progress{Phase: PhaseLevel, Elapsed: time.Since(r.start), Levels: make([]model.Level, len(r.order))}
	var values []int
	if on != nil {
		values = r.values(on)
	}
	for i, k := range r.order {
		p.Levels[i] = model.Level{Kind: k, Value: -1, Bound: bounds[i]}
		if values != nil {
			p.Levels[i].Value = values[i]
		}
	}
	r.cfg.progress(p)
}

// cloneRota returns a copy of on.
func cloneRota(on [][]bool) [][]bool {
	out := make([][]bool, len(on))
	for s, row := range on {
		out[s] = append([]bool(nil), row...)
	}
	return out
}
