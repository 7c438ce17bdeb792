package caseload

import (
	"context"
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// levels turns the problem's objective levels into the engine's, in
// order. read scores the last model; byPools, when not nil, gives the
// search by pools of the level at a position (pools.go).
func (e *encoding) levels(read func() model.CaseObjective, bounds bool, byPools func(at int) func(context.Context, []int) ([]z.Lit, int)) []engine.Level {
	var out []engine.Level
	kinds := e.p.Levels()
	fixed, _ := movesBound(e.p, e.f)
	// budget returns the moves the settled levels allow beyond those that
	// must be made, or false when moves is not among them.
	budget := func(settled []int) (int, bool) {
		for i, v := range settled {
			if kinds[i] == model.LevelMoves {
				return v - fixed, true
			}
		}
		return 0, false
	}
	search := func(at int) func(context.Context, []int) ([]z.Lit, int) {
		if byPools == nil {
			return nil
		}
		return byPools(at)
	}
	for at, kind := range kinds {
		switch kind {
		case model.LevelMoves:
			l := e.movesLevel()
			l.Dive = func(settled []int) (int, func(int) ([]z.Lit, []z.Lit)) {
				rx, ok := solveRelaxation(e.ctx, e.p, e.f, model.LevelMoves, kinds[:len(settled)], settled)
				if !ok {
					return 0, nil
				}
				prefer := e.rounded(&rx)
				return rx.bound, func(int) ([]z.Lit, []z.Lit) { return nil, prefer }
			}
			l.Improve = search(at)
			out = append(out, l)
		case model.LevelBalance:
			l := e.balanceLevel()
			// The per-unit cuts at a budget, which the level's bound and
			// its chains' both start from: computed once a budget.
			cuts := map[int][][3]int{}
			cutsAt := func(b int) [][3]int {
				c, ok := cuts[b]
				if !ok {
					c = dCuts(e.ctx, e.p, e.f, b)
					cuts[b] = c
				}
				return c
			}
			l.Lower = func(settled []int) int {
				if b, ok := budget(settled); ok {
					return balanceCut(e.ctx, e.p, e.f, b, cutsAt)
				}
				return cutsBound(cutsAt(-1))
			}
			l.Dive = func(settled []int) (int, func(int) ([]z.Lit, []z.Lit)) {
				rx, ok := solveRelaxation(e.ctx, e.p, e.f, model.LevelBalance, kinds[:len(settled)], settled)
				if !ok {
					return 0, nil
				}
				prefer := e.rounded(&rx)
				return rx.bound, func(target int) ([]z.Lit, []z.Lit) {
					var must []z.Lit
					for k, d := range roundTo(rx.dev, target) {
						for m := range 3 {
							if c := 3*k + m; c < len(e.chains) && d[m] < len(e.chains[c]) {
								must = append(must, e.chains[c][d[m]])
							}
						}
					}
					return must, prefer
				}
			}
			l.ChainLower = func(settled []int) []int {
				b, ok := budget(settled)
				if !ok {
					b = -1
				}
				var out []int
				for _, each := range cutsAt(b) {
					out = append(out, each[:]...)
				}
				return out // in the order of balanceLevel's chains
			}
			l.Improve = search(at)
			out = append(out, l)
		case model.LevelSpread:
			l := e.spreadLevel()
			lower := spreadBound(e.p, e.f)
			l.Lower = func([]int) int { return lower }
			l.Dive = func(settled []int) (int, func(int) ([]z.Lit, []z.Lit)) {
				rx, ok := solveRelaxation(e.ctx, e.p, e.f, model.LevelSpread, kinds[:len(settled)], settled)
				if !ok {
					return 0, nil
				}
				// Each member's deviation at its rounded share of the
				// target: at most High+d and at least Low-d.
				var flat [][3]float64
				for _, each := range rx.own {
					flat = append(flat, each...)
				}
				prefer := e.rounded(&rx)
				return rx.bound, func(target int) ([]z.Lit, []z.Lit) {
					rounded := roundTo(flat, target)
					var must []z.Lit
					i := 0
					for k, each := range rx.own {
						for j := range each {
							for m, d := range rounded[i] {
								side := e.spreadSides[k][j][m]
								if d < len(side.up) {
									must = append(must, side.up[d])
								}
								if d < len(side.down) && side.down[d] != z.LitNull {
									must = append(must, side.down[d])
								}
							}
							i++
						}
					}
					return must, prefer
				}
			}
			l.Improve = search(at)
			out = append(out, l)
		case model.LevelDeadlines:
			atMost := cached(e.nearAtMost)
			out = append(out, engine.Max{AtMost: atMost, Lower: deadlineBound(e.p, e.f),
				Value: func() int { return read().NearDeadline },
				Cut: func(settled []int) int {
					if b, ok := budget(settled); ok {
						dev := -1
						for i, v := range settled {
							if kinds[i] == model.LevelBalance {
								dev = v
							}
						}
						return deadlineCut(e.p, e.f, b, dev)
					}
					return 0
				},
				Dive: func(settled []int) (int, func(int) ([]z.Lit, []z.Lit)) {
					rx, ok := solveRelaxation(e.ctx, e.p, e.f, model.LevelDeadlines, kinds[:len(settled)], settled)
					if !ok {
						return 0, nil
					}
					prefer := e.rounded(&rx)
					return rx.bound, func(target int) ([]z.Lit, []z.Lit) {
						return []z.Lit{atMost(target)}, prefer
					}
				},
				Improve: search(at)})
		case model.LevelAffinity:
			l := e.affinityLevel()
			l.Dive = func(settled []int) (int, func(int) ([]z.Lit, []z.Lit)) {
				rx, ok := solveRelaxation(e.ctx, e.p, e.f, model.LevelAffinity, kinds[:len(settled)], settled)
				if !ok {
					return 0, nil
				}
				prefer := e.rounded(&rx)
				return rx.bound, func(int) ([]z.Lit, []z.Lit) { return nil, prefer }
			}
			l.Improve = search(at)
			out = append(out, l)
		}
	}
	if !bounds {
		for i, l := range out {
			switch l := l.(type) {
			case engine.Max:
				l.Lower, l.Cut, l.Improve, l.Dive = 0, nil, nil, nil
				out[i] = l
			case engine.Sum:
				l.Lower, l.ChainLower, l.Improve, l.Dive = nil, nil, nil, nil
				out[i] = l
			}
		}
	}
	return out
}

// rounded are the literals of the cases a relaxation's optimum gives
// whole to one worker (who has a choice), for a dive to prefer.
func (e *encoding) rounded(rx *relaxed) []z.Lit {
	var out []z.Lit
	for c, s := range rx.worker {
		if k := index(e.f.Candidates[c], s); s >= 0 && k >= 0 && len(e.x[c]) > 1 {
			out = append(out, e.x[c][k])
		}
	}
	return out
}

// cached makes each "at most d" literal once.
func cached(make func(d int) z.Lit) func(d int) z.Lit {
	made := map[int]z.Lit{}
	return func(d int) z.Lit {
		m, ok := made[d]
		if !ok {
			m = make(d)
			made[d] = m
		}
		return m
	}
}

// movesLevel: a soft "stays with its worker" per case whose worker may
// keep it. Few of them are given up in an optimum, which is what the
// search by hitting sets is for.
func (e *encoding) movesLevel() engine.Sum {
	fixed, lower := movesBound(e.p, e.f)
	l := engine.Sum{Fixed: fixed, HittingSets: true, Lower: func([]int) int { return lower }}
	for c, cur := range e.f.Current {
		if k := index(e.f.Candidates[c], cur); cur >= 0 && k >= 0 && len(e.x[c]) > 1 {
			l.Softs = append(l.Softs, engine.Soft{Lit: e.x[c][k], Weight: 1})
		}
	}
	return l
}

// affinityLevel: a soft "not to this worker" per candidate that costs.
func (e *encoding) affinityLevel() engine.Sum {
	lower := affinityBound(e.f)
	l := engine.Sum{Lower: func([]int) int { return lower }}
	for c, costs := range e.f.Costs {
		if len(costs) == 1 {
			l.Fixed += costs[0]
			continue
		}
		for k, cost := range costs {
			if cost > 0 {
				l.Softs = append(l.Softs, engine.Soft{Lit: e.x[c][k].Not(), Weight: cost})
			}
		}
	}
	return l
}

// balanceLevel: for each unit u, measure m and each d below the most
// D(u, m) can be, a soft "every load of u in m lies within d of its
// share", so that D(u, m) of them fail: the level's value is the sum of
// the D(u, m), the Balance.
func (e *encoding) balanceLevel() engine.Sum {
	l := engine.Sum{HittingSets: true}
	for k, pool := range e.f.Pools {
		for m := range 3 {
			top := 0 // the most D(u, m) can be: a load lies in [0, its limit or total]
			for j, s := range pool.Staff {
				most := e.pools[k][j].total[m]
				if lim := e.f.Limits[s][m]; lim > 0 {
					most = min(most, lim)
				}
				top = max(top, pool.Low[m][j], most-pool.High[m][j])
			}
			prev := z.LitNull
			var chain []z.Lit
			for d := range top {
				a := e.poolWithin(k, m, d)
				if prev != z.LitNull {
					card.Clause(e.s, prev.Not(), a) // within d-1 is within d
				}
				prev = a
				l.Softs = append(l.Softs, engine.Soft{Lit: a, Weight: 1})
				chain = append(chain, a)
			}
			l.Chains = append(l.Chains, chain)
		}
	}
	e.chains = l.Chains
	return l
}

// spreadLevel is searched core-guided: by hitting sets, with or without
// chains, none of three 30 x 400 offices was proven in 60 s; core-guided,
// one in 19.5 s (the others not in 60 s). Not a default level for that.
//
// For each unit, member and measure, the counter's own
// outputs as softs, "the load is at most High+d" and "at least Low-d"
// for each d the load can pass: the false ones add up to the member's
// deviation, and they sum to the Spread. Each side is a chain (at most
// High+d implies at most High+d+1), bisected first.
func (e *encoding) spreadLevel() engine.Sum {
	var l engine.Sum
	e.spreadSides = make([][][3]spreadSide, len(e.f.Pools))
	for k, pool := range e.f.Pools {
		e.spreadSides[k] = make([][3]spreadSide, len(pool.Staff))
		for j, s := range pool.Staff {
			cn := e.pools[k][j]
			for m := range 3 {
				most := cn.total[m]
				if lim := e.f.Limits[s][m]; lim > 0 {
					most = min(most, lim) // beyond, the capacity rule holds it
				}
				var up, down []z.Lit
				for d := 0; pool.High[m][j]+d < most; d++ {
					up = append(up, cn.atMost(e.s, m, pool.High[m][j]+d))
				}
				for d := 0; pool.Low[m][j]-d > 0; d++ {
					least, ok := cn.atLeast(e.s, m, pool.Low[m][j]-d)
					if !ok {
						// The load can never reach Low-d: a deviation
						// every plan pays, fixed.
						l.Fixed++
						e.spreadSides[k][j][m].down = append(e.spreadSides[k][j][m].down, z.LitNull)
						continue
					}
					down = append(down, least)
					e.spreadSides[k][j][m].down = append(e.spreadSides[k][j][m].down, least)
				}
				e.spreadSides[k][j][m].up = up
				for _, chain := range [][]z.Lit{up, down} {
					if len(chain) == 0 {
						continue
					}
					for _, m := range chain {
						l.Softs = append(l.Softs, engine.Soft{Lit: m, Weight: 1})
					}
					l.Chains = append(l.Chains, chain)
				}
			}
		}
	}
	return l
}

// poolWithin defines "every load of pool k in measure m lies within d of
// its share".
func (e *encoding) poolWithin(k, m, d int) z.Lit {
	a := e.s.Lit()
	sink := engine.Guarded(e.s, a)
	pool := e.f.Pools[k]
	for j := range pool.Staff {
		{
			cn := e.pools[k][j]
			s := pool.Staff[j]
			// A ceiling at or above the worker's limit holds by the
			// capacity rule, which the first plan hardens; building the
			// counter that far would only cost clauses.
			capped := e.f.Limits[s][m] > 0 && pool.High[m][j]+d >= e.f.Limits[s][m]
			if !capped {
				if most := cn.atMost(e.s, m, pool.High[m][j]+d); most != z.LitNull {
					card.Clause(sink, most)
				}
			}
			least, ok := cn.atLeast(e.s, m, pool.Low[m][j]-d)
			switch {
			case !ok:
				card.Clause(sink)
			case least != z.LitNull:
				card.Clause(sink, least)
			}
		}
	}
	return a
}

// nearAtMost defines "nobody holds more than d near investigations".
func (e *encoding) nearAtMost(d int) z.Lit {
	a := e.s.Lit()
	sink := engine.Guarded(e.s, a)
	for _, cn := range e.near {
		if m := cn.atMost(e.s, 0, d); m != z.LitNull {
			card.Clause(sink, m)
		}
	}
	return a
}
