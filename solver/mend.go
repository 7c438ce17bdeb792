package solver

import (
	"context"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// Large-neighbourhood search on the session, before the levels: most of a
// rota is assumed at its values and a neighbourhood of people and dates
// is left free; an UNSAT answer's failed assumptions name the fixed
// person-dates in the way, whose dates are freed next. Each call is a
// small search, where the levels' first call (nothing fixed) must find a
// whole rota: on the Värmdö office under a 20-week window of 3 duties
// that took more than 20 s, and CBC's LP 0.1 s. Both uses hold whatever
// the level order: mend only finds a rota that keeps every rule, and
// fairer only a rota of lower deviation; the levels start from what they
// find and prove it.

// lnsRounds bounds the rounds of freeing; lnsCall bounds one call.
const (
	lnsRounds = 24
	lnsCall   = 500 * time.Millisecond
)

// neighbourhood is the free part of a rota in a large-neighbourhood
// search.
type neighbourhood struct {
	person, date []bool
	freed        int
	// growPeople grows the neighbourhood by the people of the cells in
	// the way, on every date, instead of by their dates.
	growPeople bool
}

func newNeighbourhood(in *instance) *neighbourhood {
	return &neighbourhood{person: make([]bool, len(in.p.Staff)), date: make([]bool, len(in.dates))}
}

// maxFreeShare is the largest share of the person-dates a neighbourhood
// may grow to: beyond it a call is as hard as the levels' own first call.
const maxFreeShare = 0.6

// share returns the share of person-dates that n frees.
func (n *neighbourhood) share() float64 {
	people, dates := 0, 0
	for _, v := range n.person {
		if v {
			people++
		}
	}
	for _, v := range n.date {
		if v {
			dates++
		}
	}
	S, F := float64(len(n.person)), float64(len(n.date))
	fixed := (S - float64(people)) * (F - float64(dates))
	return 1 - fixed/(S*F)
}

// freeDate frees date f and its neighbours.
func (n *neighbourhood) freeDate(f int) {
	for g := max(0, f-1); g <= min(len(n.date)-1, f+1); g++ {
		if !n.date[g] {
			n.date[g] = true
			n.freed++
		}
	}
}

// freePerson frees person s on every date.
func (n *neighbourhood) freePerson(s int) {
	if !n.person[s] {
		n.person[s] = true
		n.freed++
	}
}

// search looks for a model under extra (with the master guard) near the
// rota on: everything outside n fixed, n grown from the failed
// assumptions of each UNSAT answer. It returns the model's rota, or nil
// when nothing frees more, a call runs out of time or ctx ends.
func (r *search) lnsSearch(e *encoding, on [][]bool, extra []z.Lit, n *neighbourhood) [][]bool {
	cell := map[z.Lit][2]int{} // fixed literal to its person and date
	for s, row := range e.x {
		for f, m := range row {
			if m != z.LitNull {
				cell[m], cell[m.Not()] = [2]int{s, f}, [2]int{s, f}
			}
		}
	}
	for round := range lnsRounds {
		if n.freed == 0 || round > 0 && n.share() > maxFreeShare {
			return nil // a search of most of the rota is the levels' own
		}
		assume := append(append([]z.Lit{e.all}, extra...), fixedOutside(e, on, func(s, f int) bool { return n.person[s] || n.date[f] })...)
		ctx, cancel := context.WithTimeout(r.ctx, lnsCall)
		out, err := e.ses.Solve(ctx, assume)
		cancel()

		switch {
		case err != nil:
			return nil
		case out == engine.Sat:
			return e.rota(e.ses)
		}
		// Grow by at most half again: a core names fixed cells all over
		// the rota, and freeing them all makes the next call a search of
		// the whole (measured: 8 dates free to 30, and a call that timed
		// out, where growing by a few found the model).
		before, grow := n.freed, max(2, n.freed/2)
		for _, m := range e.ses.Failed() {
			c, ok := cell[m]
			switch {
			case !ok || n.freed-before >= grow:
			case n.growPeople && !n.person[c[0]]:
				n.person[c[0]] = true
				n.freed++
			case !n.growPeople && !n.date[c[1]]:
				n.date[c[1]] = true
				n.freed++
			}
		}
		if n.freed == before {
			return nil // the fixed part is not in the way: nothing nearby will do
		}
	}
	return nil
}

// mend returns a rota that keeps every rule instance, searched near warm
// (which breaks some): the dates of each broken instance are freed, and
// for a person's own rule the dates of their duties, where others can
// take over. Nil when the search finds none.
func (r *search) mend(e *encoding, warm [][]bool) [][]bool {
	in := r.in
	t := tallyOf(in, warm)
	n := newNeighbourhood(in)
	var people, dates []int // the scopes of the broken instances
	for _, rl := range in.rules.all {
		if rl.breach(&t) == 0 {
			continue
		}
		switch f, s := rl.scope(); {
		case f >= 0:
			n.freeDate(f)
			dates = append(dates, f)
		case s >= 0:
			people = append(people, s)
			for g, v := range t.on[s] {
				if v {
					n.freeDate(g)
				}
			}
		}
	}
	if mended := r.lnsSearch(e, t.on, nil, n); mended != nil {
		return mended
	}
	return r.mendByPeople(e, t.on, people, dates)
}

// mendByPeople is mend's second try, when freeing dates does not do: the
// people of the broken instances and a group of others are freed on
// every date (and everyone near a broken date), everything else fixed,
// in mendTries choices of the others. A date's pigeonhole that a few
// free dates cannot refute in time (the bench's M office at 4 weeks and
// n/5) is then a swap of whole rows among a few people.
func (r *search) mendByPeople(e *encoding, on [][]bool, people, dates []int) [][]bool {
	S, F := len(r.in.p.Staff), len(r.in.dates)
	near := make([]bool, F)
	for _, f := range dates {
		for g := max(0, f-2); g <= min(F-1, f+2); g++ {
			near[g] = true
		}
	}
	for try := range mendTries {
		free := make([]bool, S)
		for _, s := range people {
			free[s] = true
		}
		for j := range groupPeople {
			free[(try*groupPeople*7+j*(2*try+1)*13)%S] = true
		}
		isFree := func(s, f int) bool { return free[s] || near[f] }
		if mended := r.searchFree(e, on, isFree, []z.Lit{e.all}); mended != nil {
			return mended
		}
		if r.ctx.Err() != nil {
			return nil
		}
	}
	return nil
}

// mendTries bounds mendByPeople's choices of others.
const mendTries = 6

// fairer lowers the deviation of on, which keeps every rule, one step at
// a time down to lb: each step frees the people outside the step's range
// and the dates of those above it, and searches under "at most d". It
// returns the fairest rota found (on itself when no step succeeds).
func (r *search) fairer(e *encoding, on [][]bool, lb int) [][]bool {
	in := r.in
	for d, _ := evaluate(in, on); d > lb; d, _ = evaluate(in, on) {
		n := newNeighbourhood(in)
		for s, row := range on {
			count := 0
			for _, v := range row {
				if v {
					count++
				}
			}
			if in.deviation(s, count) <= d-1 {
				continue
			}
			n.freePerson(s)
			if in.hist[s]+count > in.hi[s] {
				for f, v := range row {
					if v {
						n.freeDate(f)
					}
				}
			}
		}
		better := r.lnsSearch(e, on, []z.Lit{e.deviationAtMost(d - 1)}, n)
		if better == nil {
			return on
		}
		on = better
		r.report(on, make([]int, len(r.order)))
	}
	return on
}

// maxCheaperGap and maxCheaperSteps bound cheaper: the counter over the
// unmet requests grows with the cost it counts to (a weighted counter to
// 446 doubled the clauses of a 120-staff office), and each step is a
// search of its own.
const (
	maxCheaperGap   = 64
	maxCheaperSteps = 8
)

// cheaper lowers the request cost of on, which keeps every rule at
// deviation d, one step at a time down to lb, holding the deviation at d:
// each step frees the people with an unmet request and the dates of
// those requests, and searches under "the cost is at most w". It returns
// the cheapest rota found (on itself when no step succeeds).
func (r *search) cheaper(e *encoding, on [][]bool, d, lb int) [][]bool {
	in := r.in
	fixed, softs := requestSofts(in, e)
	_, w := evaluate(in, on)
	if w <= lb || w-fixed <= 0 || w-fixed > maxCheaperGap {
		return on
	}
	unmet := make([]z.Lit, len(softs))
	weights := make([]int, len(softs))
	for i, sf := range softs {
		unmet[i], weights[i] = sf.Lit.Not(), sf.Weight
	}
	cost := card.GeneralizedTotalizer(e.ses, unmet, weights, w-fixed)
	for step := 0; w > lb && step < maxCheaperSteps; _, w = evaluate(in, on) {
		step++
		n := newNeighbourhood(in)
		for s, row := range on {
			for f, v := range row {
				if in.costTrue[s][f] > 0 && v || in.costFalse[s][f] > 0 && !v {
					n.freePerson(s)
					n.freeDate(f)
				}
			}
		}
		better := r.lnsSearch(e, on, []z.Lit{e.deviationAtMost(d), cost.AtMost(w - 1 - fixed)}, n)
		if better == nil {
			return on
		}
		on = better
	}
	return on
}

// mendAtBound mends the balanced rota on, which costs the request bound
// of price at its deviation but breaks some rules, under "nobody pays
// more than their least" (the caps) and the deviation. The dates of the
// broken instances are freed and grown by the cores as in mend; when that
// finds nothing, the same start grows by the people of the cores, freed
// on every date: a duty short in a tight summer under a long spacing
// moves a person's whole sequence, not one date of it. A rota found
// keeps every rule at the fairness bound and costs the request bound, so
// it is optimal for fairness then requests. Nil when the caps do not
// apply or the search finds none.
func (r *search) mendAtBound(e *encoding, on [][]bool, price priced) [][]bool {
	caps := r.caps(e, price.d, price.w)
	if caps == nil {
		return nil
	}
	extra := caps
	if price.d != noDeviation {
		extra = append([]z.Lit{e.deviationAtMost(price.d)}, caps...)
	}
	t := tallyOf(r.in, on)
	var broken []int // the dates of the broken instances
	for _, rl := range r.in.rules.all {
		if f, _ := rl.scope(); f >= 0 && rl.breach(&t) > 0 {
			broken = append(broken, f)
		}
	}
	for _, people := range []bool{false, true} {
		n := newNeighbourhood(r.in)
		n.growPeople = people
		for _, f := range broken {
			n.freeDate(f)
		}
		if m := r.lnsSearch(e, t.on, extra, n); m != nil || r.ctx.Err() != nil {
			return m
		}
	}
	return nil
}

// tallyOf returns the tally of the rota on, its duties on dates the
// person is not available on left out.
func tallyOf(in *instance, on [][]bool) tally {
	t := newTally(in)
	for s, row := range on {
		for f, v := range row {
			if v && in.avail[s][f] {
				t.put(s, f, true)
			}
		}
	}
	return t
}
