package peer

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// WriteCaseLP writes one level of the lexicographic objective of the
// caseload problem p as a mixed-integer program in CPLEX LP format, the
// input of CBC: minimise the measure of level, with the levels of fixed
// (already settled, most likely at their optimum) held at most at their
// values. It validates p first and writes nothing for an invalid problem.
// The definitions are the model package's (Caseloads).
//
// Variables: x_c_s is binary and means case c goes to worker s (both
// 0-based, in problem order); it exists only when s may hold c (the
// candidates of model.CaseFactsOf). D_k_m is the integer deviation D(u,
// m) of balance pool k (model.CaseFacts.Pools, the unit u's) in measure m
// (the index in model.Measures()), and N the integer
// most near-deadline investigations of one worker; both are present only
// when their level is minimised or fixed. A fixed variable
// one (= 1) carries the constant part of the moves, so that the
// objective value is the measure itself; a fixed variable zero (= 0)
// stands in a row that has no variables but a right-hand side it cannot
// meet, so that such a problem is reported infeasible rather than
// rejected by the reader.
//
// Rows: one_c (case c has exactly one worker), grp_g_i_s (case i of
// group g, i >= 1, has worker s exactly when the group's first case has;
// a variable of one of them alone is 0), cap_s_m (worker s, not on long
// leave, carries at most their limit of measure m; written only when the
// limit can be passed), lo_k_j_m and hi_k_j_m (Low - D_k_m <= load <=
// High + D_k_m for member j of pool k, measure m; written only when they
// can bind), near_s (the near investigations of s are at most N), and
// fix_moves, fix_balance and fix_affinity for the fixed levels (N is
// fixed by its bound). The measures are
//
//	moves     = one * (cases with a worker) - sum of x_c_s with s the worker of c
//	balance   = sum of D_k_m over the pools and measures
//	deadlines = N
//	affinity  = sum of cost(c, s) * x_c_s
func WriteCaseLP(w io.Writer, p *model.CaseProblem, level model.LevelKind, fixed map[model.LevelKind]int) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if !slices.Contains(model.CaseLevelKinds(), level) {
		return fmt.Errorf("peer: %q is not a level of a caseload plan", level)
	}
	for k := range fixed {
		if !slices.Contains(model.CaseLevelKinds(), k) {
			return fmt.Errorf("peer: fixed level %q is not a level of a caseload plan", k)
		}
	}
	_, err := newCaseLP(p, model.CaseFactsOf(p)).write(w, level, fixed)
	return err
}

// caseLP is a caseload problem with its facts, ready to be written.
type caseLP struct {
	p *model.CaseProblem
	f *model.CaseFacts
	// held lists, per worker, the cases they may hold, in case order.
	held [][]int
}

func newCaseLP(p *model.CaseProblem, f *model.CaseFacts) *caseLP {
	lp := &caseLP{p: p, f: f, held: make([][]int, len(p.Staff))}
	for c, cands := range f.Candidates {
		for _, s := range cands {
			lp.held[s] = append(lp.held[s], c)
		}
	}
	return lp
}

// caseVar names x_c_s.
func caseVar(c, s int) string { return "x_" + strconv.Itoa(c) + "_" + strconv.Itoa(s) }

// parseCaseVar reads the case and worker of a variable name, ok false for
// names that are not x_c_s.
func parseCaseVar(name string) (c, s int, ok bool) {
	rest, ok := strings.CutPrefix(name, "x_")
	if !ok {
		return 0, 0, false
	}
	cs, ss, ok := strings.Cut(rest, "_")
	if !ok {
		return 0, 0, false
	}
	c, err1 := strconv.Atoi(cs)
	s, err2 := strconv.Atoi(ss)
	return c, s, err1 == nil && err2 == nil
}

// lpTerm is one coefficient and variable of a row.
type lpTerm struct {
	coef int
	name string
}

// row writes "name: terms op rhs", with zero standing in for no terms.
func (lw *lpWriter) row(name string, terms []lpTerm, op string, rhs int) (usedZero bool) {
	lw.start(" " + name + ": ")
	for i, t := range terms {
		lw.term(t.coef, t.name, i == 0)
	}
	if len(terms) == 0 {
		lw.term(1, "zero", true)
		usedZero = true
	}
	lw.line(" " + op + " " + strconv.Itoa(rhs))
	return usedZero
}

// movesTerms are the x of the cases that stay with their worker, and the
// number of cases with a worker: moves = count - sum of the terms.
func (lp *caseLP) movesTerms() ([]lpTerm, int) {
	var terms []lpTerm
	count := 0
	for c, cur := range lp.f.Current {
		if cur < 0 {
			continue
		}
		count++
		if slices.Contains(lp.f.Candidates[c], cur) {
			terms = append(terms, lpTerm{1, caseVar(c, cur)})
		}
	}
	return terms, count
}

// affinityTerms are the costs of the assignments.
func (lp *caseLP) affinityTerms() []lpTerm {
	var terms []lpTerm
	for c, cands := range lp.f.Candidates {
		for k, s := range cands {
			if cost := lp.f.Costs[c][k]; cost != 0 {
				terms = append(terms, lpTerm{cost, caseVar(c, s)})
			}
		}
	}
	return terms
}

func (lp *caseLP) write(w io.Writer, level model.LevelKind, fixed map[model.LevelKind]int) (size, error) {
	p, f := lp.p, lp.f
	lw := &lpWriter{Writer: bufio.NewWriterSize(w, 1<<16)}
	var sz size
	needOne, needZero := false, false
	_, fixD := fixed[model.LevelBalance]
	_, fixN := fixed[model.LevelDeadlines]
	_, fixS := fixed[model.LevelSpread]
	useS := level == model.LevelSpread || fixS
	useD := level == model.LevelBalance || fixD
	useN := level == model.LevelDeadlines || fixN

	name := p.Name
	if name == "" {
		name = "(unnamed)"
	}
	lw.line(fmt.Sprintf("\\ rostersat caseload %q, level %s, fixed %v", name, level, fixed))
	lw.line(fmt.Sprintf("\\ %d staff, %d cases, variables x_<case>_<staff> (0-based, problem order)", len(p.Staff), len(p.Cases)))
	lw.line("Minimize")
	lw.start(" obj: ")
	switch level {
	case model.LevelMoves:
		terms, count := lp.movesTerms()
		for i, t := range terms {
			lw.term(-t.coef, t.name, i == 0)
		}
		lw.term(count, "one", len(terms) == 0)
		needOne = true
	case model.LevelBalance:
		for i, d := range lp.devs() {
			lw.term(1, d, i == 0)
		}
		if len(f.Pools) == 0 {
			lw.term(0, "one", true)
			needOne = true
		}
	case model.LevelSpread:
		for i, d := range lp.spreads() {
			lw.term(1, d, i == 0)
		}
		if len(lp.spreads()) == 0 {
			lw.term(0, "one", true)
			needOne = true
		}
	case model.LevelDeadlines:
		lw.term(1, "N", true)
	case model.LevelAffinity:
		terms := lp.affinityTerms()
		for i, t := range terms {
			lw.term(t.coef, t.name, i == 0)
		}
		if len(terms) == 0 {
			lw.term(0, "one", true)
			needOne = true
		}
	}
	lw.line("")
	lw.line("Subject To")

	// Each case exactly one worker.
	for c, cands := range f.Candidates {
		terms := make([]lpTerm, len(cands))
		for k, s := range cands {
			terms[k] = lpTerm{1, caseVar(c, s)}
		}
		needZero = lw.row("one_"+strconv.Itoa(c), terms, "=", 1) || needZero
		sz.rows++
	}
	// Groups: every case with the worker of the group's first case.
	for g, grp := range f.Groups {
		first := grp.Cases[0]
		for i, o := range grp.Cases[1:] {
			a, b := f.Candidates[first], f.Candidates[o]
			for _, s := range union(a, b) {
				rn := "grp_" + strconv.Itoa(g) + "_" + strconv.Itoa(i+1) + "_" + strconv.Itoa(s)
				inA, inB := slices.Contains(a, s), slices.Contains(b, s)
				var terms []lpTerm
				switch {
				case inA && inB:
					terms = []lpTerm{{1, caseVar(first, s)}, {-1, caseVar(o, s)}}
				case inA:
					terms = []lpTerm{{1, caseVar(first, s)}}
				default:
					terms = []lpTerm{{1, caseVar(o, s)}}
				}
				lw.row(rn, terms, "=", 0)
				sz.rows++
			}
		}
	}
	// Capacities.
	for s := range p.Staff {
		if f.OnLeave[s] {
			continue
		}
		for m := range 3 {
			limit := f.Limits[s][m]
			if limit == 0 {
				continue
			}
			var terms []lpTerm
			most := 0
			for _, c := range lp.held[s] {
				if a := f.Amount[c][m]; a > 0 {
					terms = append(terms, lpTerm{a, caseVar(c, s)})
					most += a
				}
			}
			if most <= limit {
				continue
			}
			lw.row("cap_"+strconv.Itoa(s)+"_"+strconv.Itoa(m), terms, "<=", limit)
			sz.rows++
		}
	}
	// Balance: Low - D_k_m <= load <= High + D_k_m.
	if useD {
		for k, pool := range f.Pools {
			for j, s := range pool.Staff {
				for m := range 3 {
					terms, most := lp.load(pool.Unit, s, m)
					suffix := strconv.Itoa(k) + "_" + strconv.Itoa(j) + "_" + strconv.Itoa(m)
					if low := pool.Low[m][j]; low > 0 {
						lw.row("lo_"+suffix, append(slices.Clip(terms), lpTerm{1, poolDev(k, m)}), ">=", low)
						sz.rows++
					}
					if high := pool.High[m][j]; most > high {
						lw.row("hi_"+suffix, append(slices.Clip(terms), lpTerm{-1, poolDev(k, m)}), "<=", high)
						sz.rows++
					}
				}
			}
		}
	}
	// Spread: every member's excess E and shortfall F of each measure,
	// load - E <= High and load + F >= Low.
	if useS {
		for k, pool := range f.Pools {
			for j, s := range pool.Staff {
				for m := range 3 {
					terms, _ := lp.load(pool.Unit, s, m)
					suffix := strconv.Itoa(k) + "_" + strconv.Itoa(j) + "_" + strconv.Itoa(m)
					e, fv := spreadVars(k, j, m)
					lw.row("se_"+suffix, append(slices.Clip(terms), lpTerm{-1, e}), "<=", pool.High[m][j])
					lw.row("sf_"+suffix, append(slices.Clip(terms), lpTerm{1, fv}), ">=", pool.Low[m][j])
					sz.rows += 2
				}
			}
		}
	}
	// Deadlines: the near investigations of every worker at most N.
	if useN {
		for s := range p.Staff {
			var terms []lpTerm
			for _, c := range lp.held[s] {
				if f.Near[c] {
					terms = append(terms, lpTerm{1, caseVar(c, s)})
				}
			}
			if len(terms) == 0 {
				continue
			}
			lw.row("near_"+strconv.Itoa(s), append(terms, lpTerm{-1, "N"}), "<=", 0)
			sz.rows++
		}
	}
	// Settled levels.
	if v, ok := fixed[model.LevelMoves]; ok {
		// count - sum <= v, that is sum >= count - v.
		terms, count := lp.movesTerms()
		if need := count - v; need > 0 {
			needZero = lw.row("fix_moves", terms, ">=", need) || needZero
			sz.rows++
		}
	}
	if v, ok := fixed[model.LevelBalance]; ok && len(f.Pools) > 0 {
		var terms []lpTerm
		for _, d := range lp.devs() {
			terms = append(terms, lpTerm{1, d})
		}
		lw.row("fix_balance", terms, "<=", v)
		sz.rows++
	}
	if v, ok := fixed[model.LevelSpread]; ok {
		var terms []lpTerm
		for _, d := range lp.spreads() {
			terms = append(terms, lpTerm{1, d})
		}
		if len(terms) > 0 {
			lw.row("fix_spread", terms, "<=", v)
			sz.rows++
		}
	}
	if v, ok := fixed[model.LevelAffinity]; ok {
		terms := lp.affinityTerms()
		if len(terms) > 0 {
			needZero = lw.row("fix_affinity", terms, "<=", v) || needZero
			sz.rows++
		}
	}

	lw.line("Bounds")
	if useD {
		for _, d := range lp.devs() {
			lw.line(" " + d + " >= 0")
			sz.vars++
		}
	}
	if useS {
		for _, d := range lp.spreads() {
			lw.line(" " + d + " >= 0")
			sz.vars++
		}
	}
	if useN {
		if v, ok := fixed[model.LevelDeadlines]; ok {
			lw.line(" 0 <= N <= " + strconv.Itoa(v))
		} else {
			lw.line(" N >= 0")
		}
		sz.vars++
	}
	if needOne {
		lw.line(" one = 1")
		sz.vars++
	}
	if needZero {
		lw.line(" zero = 0")
		sz.vars++
	}
	if useD || useN {
		lw.line("Generals")
		if useD {
			for _, d := range lp.devs() {
				lw.line(" " + d)
			}
		}
		if useN {
			lw.line(" N")
		}
	}
	if slices.ContainsFunc(f.Candidates, func(cands []int) bool { return len(cands) > 0 }) {
		lw.line("Binaries")
		for c, cands := range f.Candidates {
			for _, s := range cands {
				lw.line(" " + caseVar(c, s))
				sz.vars++
			}
		}
	}
	lw.line("End")
	return sz, lw.Flush()
}

// poolDev names D_k_m.
func poolDev(k, m int) string { return "D_" + strconv.Itoa(k) + "_" + strconv.Itoa(m) }

// load is worker s's load of measure m over the cases of unit: its terms
// and the most it can be.
func (lp *caseLP) load(unit string, s, m int) ([]lpTerm, int) {
	var terms []lpTerm
	most := 0
	for _, c := range lp.held[s] {
		if a := lp.f.Amount[c][m]; a > 0 && lp.p.Cases[c].Unit == unit {
			terms = append(terms, lpTerm{a, caseVar(c, s)})
			most += a
		}
	}
	return terms, most
}

// spreadVars names the excess and shortfall of pool k's member j in
// measure m.
func spreadVars(k, j, m int) (string, string) {
	s := strconv.Itoa(k) + "_" + strconv.Itoa(j) + "_" + strconv.Itoa(m)
	return "E_" + s, "F_" + s
}

// spreads names every excess and shortfall.
func (lp *caseLP) spreads() []string {
	var out []string
	for k, pool := range lp.f.Pools {
		for j := range pool.Staff {
			for m := range 3 {
				e, f := spreadVars(k, j, m)
				out = append(out, e, f)
			}
		}
	}
	return out
}

// devs names every D_k_m.
func (lp *caseLP) devs() []string {
	var out []string
	for k := range lp.f.Pools {
		for m := range 3 {
			out = append(out, poolDev(k, m))
		}
	}
	return out
}

// union merges two sorted lists of positions.
func union(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
