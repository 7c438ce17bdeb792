package caseload

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/rostersat/rostersat/internal/lp"
	"github.com/rostersat/rostersat/model"
)

// The linear relaxation of a caseload level (moves, balance, spread,
// deadlines or affinity): for balance, the bound that counts a case in its kind
// and in its points at once, which the per-measure flows (flowcut.go)
// cannot. On a 12-worker pool of 205 cases (300 x 5,000, seed 1, the
// team mottagning-2) the flows give 5, the relaxation 9.67 and the
// optimum is 10; SAT alone proved it in 20 s.
//
// A variable per worker who may hold a case (a group: one per worker
// who may hold all its cases), x in [0, 1]; one per unit and measure for
// D(u, m) where balance is the level or settled; one per pool member and
// measure for their own deviation where spread is. Rows: every case has
// one worker; every limit; every pool member's load within D(u, m), and
// within their own deviation, of their share; and the levels settled
// before this one: moves (the stays count at least the cases with a
// worker less the moves allowed), balance and spread (the deviations sum
// to at most their optimum), deadlines (each worker's near
// investigations) and affinity (the summed cost). The level's own
// measure is the objective (deadlines: a variable at or above every
// worker's near investigations). The bound is the solve's dual made
// exact (internal/lp's Bound), rounded up: valid for every order of the
// levels. Moves, first by default, is proven by its counting bound at
// once there; the relaxation is for orders that put it after balance or
// deadlines, whose optima it must then work around.
const (
	// relaxationRows is the most rows a relaxation is solved with: the
	// simplex's dense inverse costs rows² a pivot. The balance
	// relaxation of a team of 12 workers and 205 cases has 290 rows and
	// 2,178 columns, and took 1,330 pivots, 0.25 s.
	relaxationRows = 1200
	// relaxationPivots bounds one solve.
	relaxationPivots = 20000
)

// relaxation is the linear program of a level, with where its
// variables are: the assignments of a unit (a case, or a group's cases)
// to a candidate worker, and the deviations.
type relaxation struct {
	prog  lp.Problem
	upper []float64
	vars  []assignVar
	dev   [][3]int // the variable of D(u, m), per pool and measure
	near  int      // the variable of the deadlines level, its objective
	// offset is what the level's value adds to the program's: the kept
	// cases' affinity, or, for moves (the program counts the stays,
	// negated), the fixed moves and the cases that may stay.
	offset int
	own    [][][3]int // each member's own deviation, per pool, member and measure
}

// assignVar is "unit of assignment a goes to worker s".
type assignVar struct {
	cases []int
	s     int
}

// assignUnits are the cases that must go together (a group, or a case
// alone), leaving out the kept cases, which stay with their worker on
// leave, outside every pool, and whose cost keptCost counts: a group's
// kept cases too (the rest of such a group then goes where the program
// likes, a relaxation of a rule that no plan keeps).
func assignUnits(f *model.CaseFacts) [][]int {
	inGroup := map[int]bool{}
	var out [][]int
	for _, g := range f.Groups {
		var free []int
		for _, c := range g.Cases {
			inGroup[c] = true
			if !f.Kept[c] {
				free = append(free, c)
			}
		}
		if len(free) > 0 {
			out = append(out, free)
		}
	}
	for c := range f.Current {
		if !inGroup[c] && !f.Kept[c] {
			out = append(out, []int{c})
		}
	}
	return out
}

// newRelaxation builds the relaxation of level objective (moves,
// balance, spread, deadlines or affinity) under the levels settled before it
// (kinds[i] at settled[i]); false when the program would pass
// relaxationRows.
func newRelaxation(p *model.CaseProblem, f *model.CaseFacts, objective model.LevelKind, kinds []model.LevelKind, settled []int) (*relaxation, bool) {
	balanceAt := slices.Index(kinds, model.LevelBalance)
	withDev := objective == model.LevelBalance || balanceAt >= 0
	spreadAt := slices.Index(kinds, model.LevelSpread)
	withSpread := objective == model.LevelSpread || spreadAt >= 0
	units := assignUnits(f)
	rx := &relaxation{}
	add := func(cost, upper float64) int {
		rx.upper = append(rx.upper, upper)
		return rx.prog.AddVar(cost)
	}
	ok := true
	row := func(sense lp.Sense, rhs int, terms []lp.Term) {
		if _, err := rx.prog.AddRow(sense, float64(rhs), terms); err != nil {
			ok = false // cannot happen: every term's variable was added
		}
	}
	// Rows are counted before anything is built: a case or group each,
	// and at most five for each worker who may hold a case (three
	// limits, deadlines, none for affinity or moves, which are one row).
	holders := map[int]bool{}
	for _, cands := range f.Candidates {
		for _, s := range cands {
			holders[s] = true
		}
	}
	rows := len(units) + 4*len(holders) + 2
	for _, pool := range f.Pools {
		if withDev {
			rows += 6 * len(pool.Staff)
		}
		if withSpread {
			rows += 6 * len(pool.Staff)
		}
	}
	if rows > relaxationRows {
		return nil, false
	}
	costOf := func(cases []int, s int) int {
		n := 0
		for _, c := range cases {
			n += f.Costs[c][index(f.Candidates[c], s)]
		}
		return n
	}
	// moves = fixed + the cases with a worker who may keep them (may),
	// less those that stay with that worker.
	fixed, may := 0, 0
	for c, cur := range f.Current {
		switch {
		case cur < 0 || f.Kept[c]:
		case index(f.Candidates[c], cur) < 0:
			fixed++
		default:
			may++
		}
	}
	staysOf := func(cases []int, s int) int {
		n := 0
		for _, c := range cases {
			if f.Current[c] == s {
				n++
			}
		}
		return n
	}
	switch objective {
	case model.LevelMoves:
		rx.offset = fixed + may
	case model.LevelAffinity:
		rx.offset = keptCost(f)
	}
	byStaff := make([][]int, len(p.Staff)) // the variables of each worker
	for _, cases := range units {
		var terms []lp.Term
		for _, s := range f.Candidates[cases[0]] {
			all := true
			for _, c := range cases[1:] {
				all = all && index(f.Candidates[c], s) >= 0
			}
			if !all {
				continue
			}
			cost := 0.0
			switch objective {
			case model.LevelAffinity:
				cost = float64(costOf(cases, s))
			case model.LevelMoves:
				cost = -float64(staysOf(cases, s))
			}
			j := add(cost, 1)
			rx.vars = append(rx.vars, assignVar{cases: cases, s: s})
			byStaff[s] = append(byStaff[s], j)
			terms = append(terms, lp.Term{Var: j, Coef: 1})
		}
		row(lp.Equal, 1, terms)
	}
	amount := func(j, m int, unit string, anyUnit bool) int {
		n := 0
		for _, c := range rx.vars[j].cases {
			if anyUnit || p.Cases[c].Unit == unit {
				n += f.Amount[c][m]
			}
		}
		return n
	}
	// weighed are the terms weigh(j) x_j over worker s's variables (those
	// of weight 0 left out), and the most they can add up to.
	weighed := func(s int, weigh func(j int) int) ([]lp.Term, int) {
		var terms []lp.Term
		sum := 0
		for _, j := range byStaff[s] {
			if a := weigh(j); a > 0 {
				terms = append(terms, lp.Term{Var: j, Coef: float64(a)})
				sum += a
			}
		}
		return terms, sum
	}
	// everyWeighed are the terms weigh(j) x_j over every assignment
	// variable, those of weight 0 left out.
	everyWeighed := func(weigh func(j int) int) []lp.Term {
		var terms []lp.Term
		for j := range rx.vars {
			if a := weigh(j); a > 0 {
				terms = append(terms, lp.Term{Var: j, Coef: float64(a)})
			}
		}
		return terms
	}
	// limit writes Σ weigh(j) x_j <= most over worker s's variables, when
	// their weights can pass it.
	limit := func(s, most int, weigh func(j int) int) {
		if terms, sum := weighed(s, weigh); sum > most {
			row(lp.AtMost, most, terms)
		}
	}
	for s := range p.Staff {
		if f.OnLeave[s] {
			continue
		}
		for m := range 3 {
			if l := f.Limits[s][m]; l > 0 {
				limit(s, l, func(j int) int { return amount(j, m, "", true) })
			}
		}
	}
	// within writes Low - v <= load <= High + v for member j (worker s)
	// of pool k in measure m, where they can bind.
	within := func(k, m, j, s, v int) {
		pool := f.Pools[k]
		terms, most := weighed(s, func(x int) int { return amount(x, m, pool.Unit, false) })
		if low := pool.Low[m][j]; low > 0 {
			row(lp.AtLeast, low, append(terms[:len(terms):len(terms)], lp.Term{Var: v, Coef: 1}))
		}
		if high := pool.High[m][j]; most > high {
			row(lp.AtMost, high, append(terms, lp.Term{Var: v, Coef: -1}))
		}
	}
	// top is the most a deviation of pool k in measure m can be in an
	// optimum: a load lies in [0, T(u, m)].
	top := func(k, m int) float64 {
		pool := f.Pools[k]
		t := pool.Total[m]
		for j := range pool.Staff {
			t = max(t, pool.Low[m][j])
		}
		return float64(t)
	}
	costOne := func(kind model.LevelKind) float64 {
		if objective == kind {
			return 1
		}
		return 0
	}
	// Balance: Low - D <= load <= High + D for each pool member; D(u, m)
	// costs 1 when balance is the objective, and their sum is at most
	// the settled balance when it is settled.
	if withDev {
		rx.dev = make([][3]int, len(f.Pools))
		var sum []lp.Term
		for k, pool := range f.Pools {
			for m := range 3 {
				d := add(costOne(model.LevelBalance), top(k, m))
				rx.dev[k][m] = d
				sum = append(sum, lp.Term{Var: d, Coef: 1})
				for j, s := range pool.Staff {
					within(k, m, j, s, d)
				}
			}
		}
		if balanceAt >= 0 {
			row(lp.AtMost, settled[balanceAt], sum)
		}
	}
	// Spread: each member's own deviation, which add up.
	if withSpread {
		var sum []lp.Term
		rx.own = make([][][3]int, len(f.Pools))
		for k, pool := range f.Pools {
			rx.own[k] = make([][3]int, len(pool.Staff))
			for m := range 3 {
				for j, s := range pool.Staff {
					e := add(costOne(model.LevelSpread), top(k, m))
					rx.own[k][j][m] = e
					sum = append(sum, lp.Term{Var: e, Coef: 1})
					within(k, m, j, s, e)
				}
			}
		}
		if spreadAt >= 0 {
			row(lp.AtMost, settled[spreadAt], sum)
		}
	}
	// nearLoad weighs a variable by its near investigations.
	nearLoad := func(j int) int {
		n := 0
		for _, c := range rx.vars[j].cases {
			if f.Near[c] {
				n++
			}
		}
		return n
	}
	if objective == model.LevelDeadlines {
		// N >= each worker's near investigations.
		most := 0
		for _, near := range f.Near {
			if near {
				most++
			}
		}
		rx.near = add(1, float64(most))
		for s := range p.Staff {
			if terms, _ := weighed(s, nearLoad); len(terms) > 0 {
				row(lp.AtMost, 0, append(terms, lp.Term{Var: rx.near, Coef: -1}))
			}
		}
	}
	for i, kind := range kinds {
		switch kind {
		case model.LevelBalance, model.LevelSpread: // above
		case model.LevelMoves:
			// The stays are at least the cases that may stay less what
			// the moves allow beyond the fixed ones.
			stays := func(j int) int { return staysOf(rx.vars[j].cases, rx.vars[j].s) }
			row(lp.AtLeast, may-(settled[i]-fixed), everyWeighed(stays))
		case model.LevelDeadlines:
			for s := range p.Staff {
				if f.OnLeave[s] {
					continue
				}
				limit(s, settled[i], nearLoad)
			}
		case model.LevelAffinity:
			cost := func(j int) int { return costOf(rx.vars[j].cases, rx.vars[j].s) }
			row(lp.AtMost, settled[i]-keptCost(f), everyWeighed(cost))
		default:
			return nil, false
		}
	}
	return rx, ok
}

// keptCost is the affinity of the kept cases, which no plan changes.
func keptCost(f *model.CaseFacts) int {
	n := 0
	for c, costs := range f.Costs {
		if f.Kept[c] && len(costs) > 0 {
			n += costs[0]
		}
	}
	return n
}

// relaxed is a solved relaxation: its bound, and the shape of its
// optimum for a dive (engine.Sum.Dive) to round.
type relaxed struct {
	bound int
	// dev is D(u, m) at the optimum, per pool and measure.
	dev [][3]float64
	// own is each member's own deviation at the optimum, per pool,
	// member and measure, where spread is in the program.
	own [][][3]float64
	// worker is, per case, the worker the optimum gives it whole, -1
	// where it is split (or kept, or on no variable).
	worker []int
}

// solveRelaxation solves the relaxation of level objective under the
// settled levels before it; false when there is none (too large, or the
// solve stopped).
func solveRelaxation(ctx context.Context, p *model.CaseProblem, f *model.CaseFacts, objective model.LevelKind, kinds []model.LevelKind, settled []int) (relaxed, bool) {
	rx, ok := newRelaxation(p, f, objective, kinds, settled)
	if !ok {
		return relaxed{}, false
	}
	sol, err := lp.Solve(ctx, &rx.prog, relaxationPivots)
	if err != nil || sol.Status != lp.Optimal {
		return relaxed{}, false
	}
	b, ok := rx.prog.Bound(sol.Duals, rx.upper)
	if !ok {
		return relaxed{}, false
	}
	out := relaxed{bound: max(0, int(lp.Ceil(b))+rx.offset), dev: make([][3]float64, len(rx.dev)), worker: make([]int, len(f.Current))}
	for k := range rx.dev {
		for m := range 3 {
			out.dev[k][m] = sol.X[rx.dev[k][m]]
		}
	}
	for c := range out.worker {
		out.worker[c] = -1
	}
	for k, pool := range rx.own {
		out.own = append(out.own, make([][3]float64, len(pool)))
		for j, vars := range pool {
			for m, v := range vars {
				out.own[k][j][m] = sol.X[v]
			}
		}
	}
	for j, v := range rx.vars {
		if sol.X[j] > 1-1e-6 {
			for _, c := range v.cases {
				out.worker[c] = v.s
			}
		}
	}
	return out, true
}

// roundTo rounds the deviations of a relaxation's optimum to integers
// that add up to total where they can: each down, then up by one in the
// order of the largest fractions, while the sum is below total.
func roundTo(dev [][3]float64, total int) [][3]int {
	type part struct {
		k, m int
		frac float64
	}
	out := make([][3]int, len(dev))
	var parts []part
	sum := 0
	for k, d := range dev {
		for m, v := range d {
			down := math.Floor(v + 1e-6)
			out[k][m] = int(down)
			sum += int(down)
			if v-down > 1e-6 {
				parts = append(parts, part{k, m, v - down})
			}
		}
	}
	slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(b.frac, a.frac) })
	for _, pt := range parts {
		if sum >= total {
			break
		}
		out[pt.k][pt.m]++
		sum++
	}
	return out
}
