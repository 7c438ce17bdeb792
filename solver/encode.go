package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// encoding is a problem written as clauses on one session: the literals
// (lits.go), the counters the rule instances and the levels read, and the
// master guard.
//
// Naming: s is a person index, f a duty-date index, x[s][f] the literal
// "s is on duty on f", count[s][k] the literal "s has at least k+1 duties
// this period", dateCount[f][k] "at least k+1 people on duty on f".
type encoding struct {
	in  *instance
	ses *engine.Session
	litMapping

	// all is the master guard: it implies every instance's guard, so one
	// assumption switches every rule on while the rules are known to hold
	// together, and the instances' own guards name them when they do not.
	all z.Lit

	dateCount  [][]z.Lit   // per date: people on duty, counted one past its top "at most" grade
	unitCount  [][][]z.Lit // per date and unit: its people on duty, as far, or to its minimum
	roleCounts map[[2]int][]z.Lit
	count      [][]z.Lit // per person: period duties, to countTo
	// countTo[s] is how far count[s] counts: the person's cap plus one
	// (the cap clause then keeps the last output false), or every date.
	countTo []int
	exact   bool          // count counts every person's duties to the end
	dle     map[int]z.Lit // dle[d]: the deviation is at most d
}

// encodeOptions say how to write the problem.
type encodeOptions struct {
	// hint is the rota the search should start from, nil for none.
	hint [][]bool
	// exact counts every person's duties to the end, for searches in
	// which the person's own rules may be dropped (a relaxation): with
	// them in force no one exceeds their cap, and counting to cap+1 is
	// enough.
	exact bool
	// most, when set, is a cut on each person's duties (see counters).
	most func(s int) int
	// held, when set, names the people whose rows stay at their values
	// in hint: their person-dates are constants, their own rule
	// instances are left out (the rows keep them), and the counters
	// count them apart, so that the encoding grows with the free people
	// only (mend_rows.go).
	held []bool
}

// encode writes in on ses: a variable per available person-date, a guard
// per rule instance, the counters, and every instance's clauses under its
// guard. Counters are definitions and carry no guard, so the formula with
// every guard false is satisfiable (gini defect #1, internal/engine).
func encode(in *instance, ses *engine.Session, opt encodeOptions) *encoding {
	e := &encoding{in: in, ses: ses, litMapping: newLitMapping(in, ses, opt.hint, opt.held), roleCounts: map[[2]int][]z.Lit{}, dle: map[int]z.Lit{}}
	ses.Satisfiable()
	e.all = ses.Lit()
	if e.top != z.LitNull {
		card.Clause(ses, e.top)
	}
	for _, g := range e.guard {
		card.Clause(ses, e.all.Not(), g)
	}
	e.coverageCounters()
	for i, r := range in.rules.all {
		if in.halt.check() {
			return e // partial: the caller checks ctx before using it
		}
		if f, s := r.scope(); f < 0 && s >= 0 && opt.held != nil && opt.held[s] {
			continue // a held row keeps its own rules
		}
		r.encode(e, engine.Guarded(ses, e.guard[i]))
	}
	e.counters(opt)
	return e
}

// coverageCounters builds, per date, a counter of the people on duty as a
// merge of one counter per unit, so that unit minimums read their count
// off the same tree.
func (e *encoding) coverageCounters() {
	in := e.in
	e.dateCount = make([][]z.Lit, len(in.dates))
	e.unitCount = make([][][]z.Lit, len(in.dates))
	for f, c := range in.demand {
		if in.halt.check() {
			return
		}
		if len(in.rules.byDate[f]) == 0 {
			// Only a date's own instances read its counters; an
			// explanation within a span keeps the span's dates alone.
			continue
		}
		byUnit := make([][]z.Lit, len(in.unitMin)+1) // last: people with no unit
		for s := range in.p.Staff {
			if m := e.x[s][f]; m != z.LitNull {
				u := in.unitOf[s]
				if u < 0 {
					u = len(in.unitMin)
				}
				byUnit[u] = append(byUnit[u], m)
			}
		}
		var total []z.Lit
		merge := coverageCounters(c)
		e.unitCount[f] = make([][]z.Lit, len(in.unitMin))
		limit := coverageTop(in, f) + 1
		counts := make([][]z.Lit, 0, len(byUnit))
		for u, ms := range byUnit {
			need := 0
			if u < len(in.unitMin) {
				need = max(in.unitMin[u], in.unitMax[u]+1)
			}
			unitCount := e.totalizer(merge, ms, max(limit, need))
			if u < len(in.unitMin) {
				e.unitCount[f][u] = unitCount
			}
			if c < largeDemand {
				total = e.merge(merge, total, unitCount, limit)
			} else if len(unitCount) > 0 {
				counts = append(counts, unitCount)
			}
		}
		if c >= largeDemand {
			// 80 units merged one after another into a counter to 287 is
			// 80 merges of the whole; a balanced tree passes each unit
			// through 7 (measured at 2,000 staff, 6 weeks and n/7: 1.8 GB
			// whole process against 2.8 GB).
			total = e.mergeAll(merge, counts, limit)
		}
		e.dateCount[f] = total
	}
}

// largeDemand is the demand from which a date's counter merges by networks
// above 16x16: direct merges would need about a million clauses per date
// at the 286 of a 2,000-person office, while on smaller offices they make
// the search faster (see card.DefaultDirectMax).
const largeDemand = 128

func coverageCounters(demand int) card.Counters {
	if demand >= largeDemand {
		return card.Counters{DirectMax: 16 * 16}
	}
	return card.Counters{}
}

// roleCount returns the counter of the holders of role r on duty on f, up
// to the role's minimum, building it on first use.
func (e *encoding) roleCount(f, r int) []z.Lit {
	key := [2]int{f, r}
	if o, ok := e.roleCounts[key]; ok {
		return o
	}
	var ms []z.Lit
	for _, s := range e.in.roleHold[r] {
		if m := e.x[s][f]; m != z.LitNull {
			ms = append(ms, m)
		}
	}
	o := e.totalizer(card.Counters{}, ms, e.in.roleMin[r])
	e.roleCounts[key] = o
	return o
}

// atLeast asks, through hard, that the unary counter o reach k; a counter
// shorter than k has fewer inputs than k, and the clause is then false.
func (e *encoding) atLeast(hard card.Sink, o []z.Lit, k int) {
	switch {
	case k <= 0:
	case k > len(o):
		card.False(hard)
	default:
		card.Clause(hard, o[k-1])
	}
}

// duties returns the dates and literals of person s in date order.
func (e *encoding) duties(s int) ([]int, []z.Lit) {
	var fs []int
	var ms []z.Lit
	for f, m := range e.x[s] {
		if m != z.LitNull {
			fs = append(fs, f)
			ms = append(ms, m)
		}
	}
	return fs, ms
}

// counters builds each person's duty counter: up to the person's cap plus
// one, where the cap cut keeps the last output false (cuts.go), or to the
// end with exact. A most cut, when given, counts no further and states
// that the person works no more than that: the cut of the warm start's
// deviation, valid while fairness is the first level (cuts.go).
func (e *encoding) counters(opt encodeOptions) {
	in := e.in
	e.count = make([][]z.Lit, len(in.p.Staff))
	e.countTo = make([]int, len(in.p.Staff))
	e.exact = opt.exact && opt.most == nil
	for s := range in.p.Staff {
		if in.halt.check() {
			return
		}
		_, ms := e.duties(s)
		to := len(ms)
		if !opt.exact {
			to = min(to, in.cap[s]+1)
		}
		if opt.most != nil {
			if most := opt.most(s); most < to {
				to = most + 1
				o := e.totalizer(card.Counters{}, ms, to)
				if len(o) > most {
					card.Clause(e.ses, o[most].Not())
					o = o[:most]
				}
				e.count[s], e.countTo[s] = o, most
				continue
			}
		}
		e.count[s], e.countTo[s] = e.totalizer(card.Counters{}, ms, to), to
	}
}

// deviationAtMost returns the literal dle[d], making it on first use: when
// it is true every person's Total lies within [lo-d, hi+d]. Its clauses
// are definitions: with dle[d] false they hold whatever the rota.
func (e *encoding) deviationAtMost(d int) z.Lit { return e.shareAtMost(e.in, e.dle, d) }

// shareAtMost is deviationAtMost for the shares of in, which may differ
// from the encoding's own (a what-if question changes availability, and
// with it the shares), its literals kept in made.
func (e *encoding) shareAtMost(in *instance, made map[int]z.Lit, d int) z.Lit {
	if m, ok := made[d]; ok {
		return m
	}
	m := e.ses.Lit()
	made[d] = m
	for s := range in.p.Staff {
		o := e.count[s]
		// Total <= hi+d: fewer than hi+d-hist+1 period duties. A counter
		// that stops short of that index cannot exceed it: with the cap
		// in force nobody exceeds their cap, and a most cut says so.
		// Total >= lo-d: at least lo-d-hist period duties.
		within(e.ses, m, o, in.lo[s]-d-in.hist[s], in.hi[s]+d-in.hist[s])
	}
	chain(e.ses, made, d, m)
	return m
}

// within writes that m implies the unary counter o at least low and at
// most high: o[high] false (a counter shorter than that cannot exceed
// it) and o[low-1] true (m false when the counter is too short).
func within(ses *engine.Session, m z.Lit, o []z.Lit, low, high int) {
	if k := high + 1; k <= 0 {
		card.Clause(ses, m.Not())
	} else if k <= len(o) {
		card.Clause(ses, m.Not(), o[k-1].Not())
	}
	if k := low; k > len(o) {
		card.Clause(ses, m.Not())
	} else if k > 0 {
		card.Clause(ses, m.Not(), o[k-1])
	}
}

// chain ties the "at most d" literal m to its neighbours in made, so that
// the bounds imply each other.
func chain(ses *engine.Session, made map[int]z.Lit, d int, m z.Lit) {
	for _, other := range []int{d - 1, d + 1} {
		if o, ok := made[other]; ok {
			if other < d {
				card.Clause(ses, o.Not(), m)
			} else {
				card.Clause(ses, m.Not(), o)
			}
		}
	}
}

// deviation reads the fairness deviation of the last model.
func (e *encoding) deviation() int {
	d := 0
	for s, row := range e.x {
		n := 0
		for _, m := range row {
			if m != z.LitNull && e.ses.Value(m) {
				n++
			}
		}
		d = max(d, e.in.deviation(s, n))
	}
	return d
}
