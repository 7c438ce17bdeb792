package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// encoding maps the instance to literals and holds what the optimiser
// needs: the person-date variables, each person's duty counter, and the
// literals that bound the deviation.
//
// Naming: s is a person index, f a duty-date index, x[s][f] the literal
// "s is on duty on f" (z.LitNull where s cannot be: unavailable or pinned
// off), count[s][k] the literal "s has at least k+1 duties this period".
type encoding struct {
	in    *instance
	sink  *session
	hard  card.Sink // writes clauses guarded by rules
	rules z.Lit     // "the hard rules hold": every rule clause is (¬rules ∨ ...)
	x     [][]z.Lit
	count [][]z.Lit
	dle   map[int]z.Lit // dle[d]: the deviation is at most d
	start [][]bool      // the warm start, which the search tries first
	bound int           // the deviation lower bound proven before the search
	dWarm int           // the warm start's deviation when it keeps every rule, else -1
}

func encode(in *instance, ses *session, opt *config, start [][]bool, bound, dWarm int) *encoding {
	e := &encoding{in: in, sink: ses, dle: map[int]z.Lit{}, start: start, bound: bound, dWarm: dWarm}
	e.rules = ses.Lit()
	e.hard = guarded{ses, e.rules}
	ses.satisfiable = true
	e.variables()
	e.pins()
	e.coverage()
	e.roles()
	e.spacing()
	e.windows()
	e.counters()
	// The group sums help prove bounds on D; when the warm start already
	// meets the bound proven before the search, there is nothing to prove.
	if opt.counting && e.dWarm != bound {
		e.groupCounts()
	}
	return e
}

func (e *encoding) variables() {
	in := e.in
	e.x = grid[z.Lit](len(in.p.Staff), len(in.dates))
	for f := range in.dates {
		for s := range in.p.Staff {
			if in.free(s, f) {
				e.x[s][f] = e.sink.HintedLit(e.start[s][f])
			}
		}
	}
}

func (e *encoding) pins() {
	for s, row := range e.in.pin {
		for f, p := range row {
			if p > 0 {
				card.Clause(e.hard, e.x[s][f])
			}
		}
	}
}

// coverage asks for exactly demand[f] people on each date. The counter of a
// date is a merge of one counter per unit, so unit minimums read their
// count off the same tree.
func (e *encoding) coverage() {
	in := e.in
	for f, c := range in.demand {
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
		for u, ms := range byUnit {
			need := 0
			if u < len(in.unitMin) {
				need = in.unitMin[u]
			}
			unitCount := merge.Totalizer(e.sink, ms, max(c+1, need))
			e.atLeast(unitCount, len(ms), need)
			total = merge.Merge(e.sink, total, unitCount, c+1)
		}
		e.atLeast(total, len(total), c)
		if len(total) > c {
			card.Clause(e.hard, total[c].Not())
		}
	}
}

// guarded is a sink that adds ¬guard to every clause: the clause holds
// only while guard is assumed. Definitions of counters need no guard (they
// are satisfiable whatever their inputs), so the formula without
// assumptions is always satisfiable, by guard false.
type guarded struct {
	s     *session
	guard z.Lit
}

func (g guarded) Lit() z.Lit { return g.s.Lit() }

func (g guarded) Add(m z.Lit) {
	if m == z.LitNull {
		g.s.Add(g.guard.Not())
	}
	g.s.Add(m)
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

// atLeast asks that the unary counter o, over n inputs, reach k.
func (e *encoding) atLeast(o []z.Lit, n, k int) {
	switch {
	case k <= 0:
	case k > n || k > len(o):
		card.False(e.hard)
	default:
		card.Clause(e.hard, o[k-1])
	}
}

func (e *encoding) roles() {
	in := e.in
	for r, need := range in.roleMin {
		if need == 0 {
			continue
		}
		for f := range in.dates {
			var ms []z.Lit
			for _, s := range in.roleHold[r] {
				if m := e.x[s][f]; m != z.LitNull {
					ms = append(ms, m)
				}
			}
			if need == 1 && len(ms) > 0 {
				card.Clause(e.hard, ms...)
				continue
			}
			e.atLeast(card.Totalizer(e.sink, ms, need), len(ms), need)
		}
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

// spacing forbids two duties of one person closer than spacingDays, one
// binary clause per pair: with weekly dates and a spacing of a few weeks
// that is a few clauses per variable, and binary clauses propagate fastest.
func (e *encoding) spacing() {
	in := e.in
	if in.spacingDays <= 0 {
		return
	}
	for s := range in.p.Staff {
		fs, ms := e.duties(s)
		for i := range fs {
			for j := i + 1; j < len(fs) && in.gap(fs[i], fs[j]) < in.spacingDays; j++ {
				card.Clause(e.hard, ms[i].Not(), ms[j].Not())
			}
		}
	}
}

// windows caps the duties of each person within every span of 7*Weeks
// days. Only spans that start on one of the person's dates matter.
func (e *encoding) windows() {
	in := e.in
	for _, w := range in.windows {
		days := 7 * w.Weeks
		for s := range in.p.Staff {
			fs, ms := e.duties(s)
			end := 0
			for i := range fs {
				for end < len(fs) && in.gap(fs[i], fs[end]) < days {
					end++
				}
				if end == len(fs) && i > 0 && in.gap(fs[i-1], fs[end-1]) < days {
					break // this span's dates are a subset of the previous one's
				}
				card.AtMost(e.hard, ms[i:end], w.Max)
			}
		}
	}
}

// counters builds each person's duty counter, complete up to the person's
// cap (the most duties spacing and availability allow), and states the cap,
// which spacing implies but propagation alone would not see.
//
// When the warm start keeps every rule, its deviation dWarm bounds the
// optimum, so "no more than High+dWarm duties" is a valid cut as well: the
// counter stops there, which on small offices halves its clauses.
func (e *encoding) counters() {
	in := e.in
	e.count = make([][]z.Lit, len(in.p.Staff))
	for s := range in.p.Staff {
		_, ms := e.duties(s)
		most := in.cap[s]
		if e.dWarm >= 0 {
			most = min(most, in.hi[s]-in.hist[s]+e.dWarm)
		}
		o := card.Totalizer(e.sink, ms, most+1)
		if len(o) > most {
			card.Clause(e.hard, o[most].Not())
			o = o[:most]
		}
		e.count[s] = o
	}
}

// groupCounts gives the solver the counting argument behind unit and role
// minimums: the members of a unit that needs m people on each of F dates
// work at least m*F duties together. The sum is a merge of the members'
// counters, so a bound on each person (from the deviation bound or the
// cap) propagates to the sum and contradicts it at once, instead of after
// a search that is a pigeonhole proof in disguise.
func (e *encoding) groupCounts() {
	in := e.in
	members := make([][]int, len(in.unitMin))
	for s, u := range in.unitOf {
		if u >= 0 {
			members[u] = append(members[u], s)
		}
	}
	for u, need := range in.unitMin {
		e.groupAtLeast(members[u], need*len(in.dates))
	}
	for r, need := range in.roleMin {
		e.groupAtLeast(in.roleHold[r], need*len(in.dates))
	}
}

func (e *encoding) groupAtLeast(people []int, k int) {
	if k <= 0 || !e.tight(people, k) {
		return
	}
	var sum []z.Lit
	n := 0
	for _, s := range people {
		sum = card.Merge(e.sink, sum, e.count[s], k)
		n += len(e.count[s])
	}
	e.atLeast(sum, n, k)
}

// tight reports whether a group's need k comes close to what its members
// can work within the deviation bound found before the search, so that the
// sum is worth its clauses: within one duty per date. A group with more
// slack than that (the seniors of a large office, say) needs no counting
// argument, and its sum would be the largest circuit of the encoding.
func (e *encoding) tight(people []int, k int) bool {
	in := e.in
	most := 0
	for _, s := range people {
		most += max(0, min(in.cap[s], in.hi[s]-in.hist[s]+e.bound))
	}
	return most-k <= len(in.dates)
}

// deviationAtMost returns the literal dle[d], making it on first use: when
// it is true every person's Total lies within [lo-d, hi+d].
func (e *encoding) deviationAtMost(d int) z.Lit {
	if m, ok := e.dle[d]; ok {
		return m
	}
	in := e.in
	m := e.sink.Lit()
	e.dle[d] = m
	for s := range in.p.Staff {
		o := e.count[s]
		// Total <= hi+d: fewer than hi+d-hist+1 period duties.
		if k := in.hi[s] + d - in.hist[s] + 1; k <= 0 {
			card.Clause(e.sink, m.Not())
		} else if k <= len(o) {
			card.Clause(e.sink, m.Not(), o[k-1].Not())
		}
		// Total >= lo-d: at least lo-d-hist period duties.
		if k := in.lo[s] - d - in.hist[s]; k > len(o) {
			card.Clause(e.sink, m.Not())
		} else if k > 0 {
			card.Clause(e.sink, m.Not(), o[k-1])
		}
	}
	// Chain to the neighbours already made so bounds imply each other.
	for _, other := range []int{d - 1, d + 1} {
		if o, ok := e.dle[other]; ok {
			if other < d {
				card.Clause(e.sink, o.Not(), m)
			} else {
				card.Clause(e.sink, m.Not(), o)
			}
		}
	}
	return m
}

// literals returns the literals that set every person-date to on.
func (e *encoding) literals(on [][]bool) []z.Lit {
	var ms []z.Lit
	for s, row := range e.x {
		for f, m := range row {
			switch {
			case m == z.LitNull:
			case on[s][f]:
				ms = append(ms, m)
			default:
				ms = append(ms, m.Not())
			}
		}
	}
	return ms
}

// schedule reads the person-date values of the last model.
func (e *encoding) schedule() [][]bool {
	in := e.in
	on := grid[bool](len(in.p.Staff), len(in.dates))
	for s, row := range e.x {
		for f, m := range row {
			on[s][f] = m != z.LitNull && e.sink.value(m)
		}
	}
	return on
}
