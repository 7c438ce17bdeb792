package caseload

import (
	"context"

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
	// pools[k][j] counts worker pools[k].Staff[j]'s load of the cases of
	// pool k's unit; near[s] counts worker s's near investigations (as
	// its first measure). Both grow on demand (see load.ensure).
	pools [][]*load
	near  []*load
	// own[s] counts all of worker s's cases (a pool's counter, when all
	// their cases are of one unit).
	own []*load
	// cards chooses the counters' merges.
	cards card.Counters
	// ctx ends the encoding early: the worker loops look at it.
	ctx context.Context
	// pairs counts the pairs of a case and a candidate (the literals x).
	pairs int
	// chains are the balance level's, per pool and measure (3k+m): the
	// d-th is "every load of pool k in measure m lies within d".
	chains [][]z.Lit
	// spreadSides are the spread level's literals per pool, member and
	// measure: up[d] "the load is at most High+d", down[d] "at least
	// Low-d" (LitNull where the load cannot reach it, a deviation every
	// plan pays).
	spreadSides [][][3]spreadSide
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

// encode writes the variables and the rule instances.
func encode(ctx context.Context, p *model.CaseProblem, f *model.CaseFacts, warm []int) *encoding {
	return encodeFor(ctx, p, f, warm, false)
}

// encodeFor is encode; relaxed writes the groups for a relaxation, where
// a case may be left without a worker (see relaxedGroupRules).
func encodeFor(ctx context.Context, p *model.CaseProblem, f *model.CaseFacts, warm []int, relaxed bool) *encoding {
	pairs := 0
	for _, cs := range f.Candidates {
		pairs += len(cs)
	}
	e := &encoding{p: p, f: f, s: engine.New(4*pairs, 16*pairs), held: make([][]pair, len(p.Staff)), pairs: pairs}
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
	e.ctx = ctx
	e.workerRules()
	if relaxed {
		e.relaxedGroupRules()
	} else {
		e.groupRules()
	}
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

// relaxedGroupRules: the cases of a group that have a worker have one
// worker (model.CheckCases's meaning of the rule, where a case may have
// none, as in a relaxation that drops its case-worker instance): for each
// pair of them, where a goes, b goes, unless b has no worker. (groupRules
// ties every case to the first, which is the same when every case has a
// worker, and propagates better.)
func (e *encoding) relaxedGroupRules() {
	for _, g := range e.f.Groups {
		held := make([]z.Lit, len(g.Cases)) // "case has a worker"
		for i, c := range g.Cases {
			held[i] = e.s.Lit()
			for _, m := range e.x[c] {
				card.Clause(e.s, m.Not(), held[i])
			}
		}
		sink := e.rule(model.CaseRule{Kind: model.RuleCaseGroup, Group: g.Name})
		for i, a := range g.Cases {
			for j, b := range g.Cases[i+1:] {
				cb := e.f.Candidates[b]
				for k, s := range e.f.Candidates[a] {
					if at := index(cb, s); at < 0 {
						card.Clause(sink, e.x[a][k].Not(), held[i+1+j].Not())
					} else {
						card.Clause(sink, e.x[a][k].Not(), e.x[b][at], held[i+1+j].Not())
					}
				}
			}
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
		if e.ctx.Err() != nil {
			return
		}
		if e.f.OnLeave[s] {
			continue
		}
		cn := e.own[s]
		if cn == nil {
			cn = e.loadOf(held, func(c int) [3]int { return e.f.Amount[c] })
			e.own[s] = cn
		}
		var need [3]int
		for m := range 3 {
			if limit := e.f.Limits[s][m]; limit > 0 {
				need[m] = limit + 1
			}
		}
		cn.prepare(e.s, need)
		for m, measure := range model.Measures() {
			limit := e.f.Limits[s][m]
			if limit == 0 || cn.total[m] <= limit {
				continue
			}
			sink := e.rule(model.CaseRule{Kind: model.RuleCapacity, Staff: e.p.Staff[s].ID, Measure: measure, Count: limit})
			card.Clause(sink, cn.atMost(e.s, m, limit))
		}
	}
}

// counters sets up (without clauses yet) the load counters of the
// capacities and the levels: one per worker and pool, over the worker's
// cases of the pool's unit, and one per worker over their near
// investigations.
func (e *encoding) counters() {
	e.pools = make([][]*load, len(e.f.Pools))
	e.own = make([]*load, len(e.p.Staff))
	for k, pool := range e.f.Pools {
		e.pools[k] = make([]*load, len(pool.Staff))
		for j, s := range pool.Staff {
			var mine []pair
			for _, pr := range e.held[s] {
				if e.p.Cases[pr.c].Unit == pool.Unit {
					mine = append(mine, pr)
				}
			}
			e.pools[k][j] = e.loadOf(mine, func(c int) [3]int { return e.f.Amount[c] })
			if len(mine) == len(e.held[s]) {
				// All the worker's cases are this pool's: one counter
				// serves their limits and their shares.
				e.own[s] = e.pools[k][j]
			}
		}
	}
	e.near = make([]*load, len(e.p.Staff))
	for s, held := range e.held {
		e.near[s] = e.loadOf(held, func(c int) [3]int {
			if e.f.Near[c] {
				return [3]int{1, 0, 0}
			}
			return [3]int{}
		})
	}
}

// loadOf makes a load counter over the given pairs, each case with its
// measures.
func (e *encoding) loadOf(pairs []pair, amount func(c int) [3]int) *load {
	l := &load{cards: e.cards}
	for _, pr := range pairs {
		l.add(e.x[pr.c][pr.k], amount(pr.c))
	}
	return l
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

// spreadSide is one member's spread literals in one measure.
type spreadSide struct {
	up, down []z.Lit
}
