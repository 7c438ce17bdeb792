package caseload

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// encoding is a caseload problem as clauses: one literal per case and
// worker who may hold it, the rule instances behind their guards, and
// the load counters the levels bound.
type encoding struct {
	p *model.CaseProblem
	f *model.CaseFacts
	s *engine.Session
	// x[c][k] is "case c goes to its k-th candidate".
	x [][]z.Lit
	// held[s] lists the (case, candidate) pairs of worker s.
	held [][]pair
	// rules are the hard rule instances; guards[i] switches rules[i] on.
	rules  []model.CaseRule
	guards []z.Lit
	// pools[k][j][m] counts measure m of worker pools[k].Staff[j] over
	// the cases of pool k's unit; near[s] counts worker s's near
	// investigations. Both grow on demand (see ensure).
	pools [][][3]*counter
	near  []*counter
	// own[s][m], when set, counts all of worker s's measure m (a pool's
	// counter, when all their cases are of one unit).
	own [][3]*counter
	// cards chooses the counters' merges.
	cards card.Counters
}

// directMax is the largest merge done directly, by the size of the
// problem: direct merges propagate best, networks are smaller (see
// internal/card), and above a few hundred thousand pairs of a case and a
// worker the size is what matters (300 workers x 5,000 cases: 82 M
// clauses and 8.7 GB with direct merges throughout).
func directMax(pairs int) int {
	if pairs > 100000 {
		return 8 * 8
	}
	return 0 // card.DefaultDirectMax
}

type pair struct{ c, k int }

// counter is a unary count of weighted literals, built up to a limit and
// rebuilt with a larger one when a bound needs more.
type counter struct {
	cards   card.Counters
	in      []z.Lit
	weights []int
	total   int // the most the inputs can add up to
	out     []z.Lit
}

// ensure makes the counter exact up to n (or its total), and returns
// its outputs: out[k] is "at least k+1".
func (c *counter) ensure(s card.Sink, n int) []z.Lit {
	n = min(n, c.total)
	if len(c.out) < n {
		// Doubling keeps the rebuilds few; the old counter stays, a
		// definition that holds whatever its inputs.
		limit := min(c.total, max(n, 2*len(c.out)))
		c.out = c.cards.WeightedTotalizer(s, c.in, c.weights, limit)
	}
	return c.out
}

// atMost returns the literal "the count is at most n", or z.LitNull
// when it always is.
func (c *counter) atMost(s card.Sink, n int) z.Lit {
	if n >= c.total {
		return z.LitNull
	}
	return c.ensure(s, n+1)[n].Not()
}

// atLeast returns the literal "the count is at least n", or z.LitNull
// when it always is; a count that can never reach n gives a false
// literal.
func (c *counter) atLeast(s card.Sink, n int) (z.Lit, bool) {
	if n <= 0 {
		return z.LitNull, true
	}
	if n > c.total {
		return z.LitNull, false
	}
	return c.ensure(s, n)[n-1], true
}

// encode writes the variables and the rule instances.
func encode(p *model.CaseProblem, f *model.CaseFacts, warm []int) *encoding {
	pairs := 0
	for _, cs := range f.Candidates {
		pairs += len(cs)
	}
	e := &encoding{p: p, f: f, s: engine.New(4*pairs, 16*pairs), held: make([][]pair, len(p.Staff))}
	e.s.Satisfiable()
	e.x = make([][]z.Lit, len(p.Cases))
	for c, cands := range f.Candidates {
		e.x[c] = make([]z.Lit, len(cands))
		for k, s := range cands {
			e.x[c][k] = e.s.HintedLit(warm != nil && warm[c] == s)
			e.held[s] = append(e.held[s], pair{c, k})
		}
	}
	e.cards = card.Counters{DirectMax: directMax(pairs)}
	e.workerRules()
	e.groupRules()
	e.counters()
	e.capacityRules()
	return e
}

// rule makes a rule instance and returns the sink its clauses go to.
func (e *encoding) rule(r model.CaseRule) card.Sink {
	g := e.s.Lit()
	e.rules = append(e.rules, r)
	e.guards = append(e.guards, g)
	return engine.Guarded(e.s, g)
}

// workerRules: every case goes to one of its candidates. At most one is
// unguarded (no worker at all satisfies it); at least one is the rule.
func (e *encoding) workerRules() {
	for c, xs := range e.x {
		card.AtMostOne(e.s, xs)
		card.Clause(e.rule(model.CaseRule{Kind: model.RuleCaseWorker, Case: e.p.Cases[c].ID}), xs...)
	}
}

// groupRules: the cases of a group go to one worker: every other case
// of the group goes where the first goes.
func (e *encoding) groupRules() {
	for _, g := range e.f.Groups {
		sink := e.rule(model.CaseRule{Kind: model.RuleCaseGroup, Group: g.Name})
		first := g.Cases[0]
		for _, c := range g.Cases[1:] {
			e.same(sink, first, c)
			e.same(sink, c, first)
		}
	}
}

// same writes "where a goes, b goes".
func (e *encoding) same(sink card.Sink, a, b int) {
	cb := e.f.Candidates[b]
	for k, s := range e.f.Candidates[a] {
		j := index(cb, s)
		if j < 0 {
			card.Clause(sink, e.x[a][k].Not())
		} else {
			card.Clause(sink, e.x[a][k].Not(), e.x[b][j])
		}
	}
}

// index is the position of s in the sorted list, or -1.
func index(list []int, s int) int {
	lo, hi := 0, len(list)
	for lo < hi {
		m := (lo + hi) / 2
		if list[m] < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(list) && list[lo] == s {
		return lo
	}
	return -1
}

// capacityRules: every worker not on long leave within each limit, a
// rule instance per worker and limit that could be passed.
func (e *encoding) capacityRules() {
	for s, held := range e.held {
		if e.f.OnLeave[s] {
			continue
		}
		for m, measure := range model.Measures() {
			limit := e.f.Limits[s][m]
			if limit == 0 {
				continue
			}
			cn := e.own[s][m]
			if cn == nil {
				cn = e.count(held, func(c int) int { return e.f.Amount[c][m] })
			}
			if cn.total <= limit {
				continue
			}
			sink := e.rule(model.CaseRule{Kind: model.RuleCapacity, Staff: e.p.Staff[s].ID, Measure: measure, Count: limit})
			card.Clause(sink, cn.atMost(e.s, limit))
		}
	}
}

// count makes a counter over the given pairs, each weighing amount of
// its case.
func (e *encoding) count(pairs []pair, amount func(c int) int) *counter {
	cn := &counter{cards: e.cards}
	for _, pr := range pairs {
		if a := amount(pr.c); a > 0 {
			cn.in = append(cn.in, e.x[pr.c][pr.k])
			cn.weights = append(cn.weights, a)
			cn.total += a
		}
	}
	return cn
}

// counters sets up (without clauses yet) the counters of the balance and
// deadline levels.
func (e *encoding) counters() {
	e.pools = make([][][3]*counter, len(e.f.Pools))
	e.own = make([][3]*counter, len(e.p.Staff))
	for k, pool := range e.f.Pools {
		e.pools[k] = make([][3]*counter, len(pool.Staff))
		for j, s := range pool.Staff {
			var mine []pair
			for _, pr := range e.held[s] {
				if e.p.Cases[pr.c].Unit == pool.Unit {
					mine = append(mine, pr)
				}
			}
			for m := range 3 {
				e.pools[k][j][m] = e.count(mine, func(c int) int { return e.f.Amount[c][m] })
			}
			if len(mine) == len(e.held[s]) {
				// All the worker's cases are this pool's: one counter
				// serves their limits and their shares.
				e.own[s] = e.pools[k][j]
			}
		}
	}
	e.near = make([]*counter, len(e.p.Staff))
	for s, held := range e.held {
		e.near[s] = e.count(held, func(c int) int {
			if e.f.Near[c] {
				return 1
			}
			return 0
		})
	}
}

// worker reads case c's worker in the last model, -1 for none.
func (e *encoding) worker(c int) int {
	for k, m := range e.x[c] {
		if e.s.Value(m) {
			return e.f.Candidates[c][k]
		}
	}
	return -1
}

// assignment reads every case's worker in the last model.
func (e *encoding) assignment() []int {
	out := make([]int, len(e.x))
	for c := range e.x {
		out[c] = e.worker(c)
	}
	return out
}
