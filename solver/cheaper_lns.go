package solver

import (
	"context"
	"fmt"
	"sort"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// Large-neighbourhood search on the request cost by small, fixed
// neighbourhoods: a group of people free on every date, or everyone free
// on a window of consecutive dates; every other person-date is assumed
// at its value, and a counter over the neighbourhood's own request costs
// asks for less than they cost now. Each is a small search, where
// cheaper's neighbourhood (everyone with an unmet request and their
// dates) is most of the rota once the cost is far above its bound: on
// the bench's M office at 6 weeks' spacing (370 against a bound of 44)
// the levels' first call under "at most 369" did not return in 30 s.
// Valid in any level order whose first level is fairness, held at d,
// and second requests; the levels start from what it finds and prove it.

// Neighbourhoods are groups of groupPeople people (those who pay most
// first, each with another at a stride that changes by round) and windows of
// windowDates dates, one every windowStride dates; the search stops after
// a round over every neighbourhood that improves none, or after
// lnsRoundsCheap rounds.
const (
	groupPeople    = 12
	windowDates    = 8
	windowStride   = 4
	lnsRoundsCheap = 8
)

// hood is one neighbourhood: the people free on every date, or the dates
// free for everyone.
type hood struct {
	key    string
	people []bool // nil: a window
	from   int    // a window's dates: [from, to)
	to     int
}

func (h hood) free(s, f int) bool {
	if h.people != nil {
		return h.people[s]
	}
	return f >= h.from && f < h.to
}

// cheaperByNeighbourhoods returns a rota of lower request cost than on
// (which keeps every rule at deviation d), down to within maxCheaperGap
// of lb, or on itself; report is told of each better rota. Closer to the
// bound, cheaper and the levels' own search do better (measured on the
// bench's M office at 4 weeks and n/5: going on to the bound took 11.5 s
// and 21.4 s where they took 7.9 s and 11.0 s).
func (r *search) cheaperByNeighbourhoods(e *encoding, on [][]bool, d, lb int, report func([][]bool)) [][]bool {
	counters := map[string][]z.Lit{} // per neighbourhood: its unmet cost, counted to its first cost
	for round := 0; round < lnsRoundsCheap; round++ {
		improved := false
		for _, h := range r.hoods(on, round) {
			// Each neighbourhood is searched down until it gives no more.
			for {
				if _, w := evaluate(r.in, on); w-lb <= maxCheaperGap || r.ctx.Err() != nil {
					return on
				}
				better := r.cheaperIn(e, on, d, h, counters)
				if better == nil {
					break
				}
				on, improved = better, true
				report(on)
			}
		}
		if !improved {
			break
		}
	}
	return on
}

// cheaperIn returns a rota cheaper than on that differs from it only in
// h, nil when the call finds none in time.
func (r *search) cheaperIn(e *encoding, on [][]bool, d int, h hood, counters map[string][]z.Lit) [][]bool {
	unmet, weights := unmetIn(e, h.free)
	cost := costIn(r.in, on, h.free)
	if cost == 0 {
		return nil
	}
	o, ok := counters[h.key]
	if !ok || cost > len(o) {
		o = card.WeightedTotalizer(e.ses, unmet, weights, cost)
		counters[h.key] = o
	}
	return r.searchFree(e, on, h.free, []z.Lit{e.all, e.deviationAtMost(d), o[cost-1].Not()})
}

// unmetIn returns the literals "the request on this person-date is
// unmet" of the person-dates free names, with their weights: the cost of
// the value a request asks against, over the other.
func unmetIn(e *encoding, free func(s, f int) bool) ([]z.Lit, []int) {
	in := e.in
	var unmet []z.Lit
	var weights []int
	for s, row := range e.x {
		for f, m := range row {
			if m == z.LitNull || !free(s, f) {
				continue
			}
			switch ct, cf := in.costTrue[s][f], in.costFalse[s][f]; {
			case ct > cf:
				unmet, weights = append(unmet, m), append(weights, ct-cf)
			case cf > ct:
				unmet, weights = append(unmet, m.Not()), append(weights, cf-ct)
			}
		}
	}
	return unmet, weights
}

// costIn is the request cost of the person-dates of on that free names,
// above what each costs at least.
func costIn(in *instance, on [][]bool, free func(s, f int) bool) int {
	cost := 0
	for s, row := range on {
		for f, v := range row {
			if !in.avail[s][f] || !free(s, f) {
				continue
			}
			ct, cf := in.costTrue[s][f], in.costFalse[s][f]
			if v {
				cost += ct - min(ct, cf)
			} else {
				cost += cf - min(ct, cf)
			}
		}
	}
	return cost
}

// hoods returns the neighbourhoods of a round: the people who pay most
// on on, in groups, each with others drawn by a fixed stride that
// changes with the round, then the windows of dates.
func (r *search) hoods(on [][]bool, round int) []hood {
	in := r.in
	S, F := len(in.p.Staff), len(in.dates)
	var out []hood
	for g, people := range payGroups(in, on, groupPeople/2, 1+(round*7)%max(1, S-1)) {
		out = append(out, hood{key: fmt.Sprintf("p%d/%d", round, g), people: people})
	}
	for f0 := 0; f0 < F; f0 += windowStride {
		out = append(out, hood{key: fmt.Sprint("w", f0), from: f0, to: min(F, f0+windowDates)})
	}
	return out
}

// payGroups returns groups of people, each the next half of those who pay
// most on on (while they pay) and, for each of them, one other at the
// given stride; nil when in.halt stops it.
func payGroups(in *instance, on [][]bool, half, stride int) [][]bool {
	S := len(in.p.Staff)
	pay := make([]int, S)
	for s, row := range on {
		if in.halt.now() {
			return nil
		}
		for f, v := range row {
			if v {
				pay[s] += in.costTrue[s][f]
			} else {
				pay[s] += in.costFalse[s][f]
			}
		}
	}
	order := make([]int, S)
	for s := range order {
		order[s] = s
	}
	sort.SliceStable(order, func(i, j int) bool { return pay[order[i]] > pay[order[j]] })
	var out [][]bool
	for g := 0; g*half < S && pay[order[g*half]] > 0; g++ {
		people := make([]bool, S)
		for k := 0; k < half && g*half+k < S; k++ {
			s := order[g*half+k]
			people[s] = true
			people[(s+stride*(k+1))%S] = true
		}
		out = append(out, people)
	}
	return out
}

// fixedOutside returns the literals that hold every person-date the
// neighbourhood does not free at its value in on.
func fixedOutside(e *encoding, on [][]bool, free func(s, f int) bool) []z.Lit {
	var out []z.Lit
	for s, row := range e.x {
		for f, m := range row {
			switch {
			case m == z.LitNull || free(s, f):
			case on[s][f]:
				out = append(out, m)
			default:
				out = append(out, m.Not())
			}
		}
	}
	return out
}

// searchFree returns a model under assume with every person-date free
// does not free at its value in on, nil when the call finds none within
// lnsCall.
func (r *search) searchFree(e *encoding, on [][]bool, free func(s, f int) bool, assume []z.Lit) [][]bool {
	assume = append(assume, fixedOutside(e, on, free)...)
	ctx, cancel := context.WithTimeout(r.ctx, lnsCall)
	out, err := e.ses.Solve(ctx, assume)
	cancel()
	if err != nil || out != engine.Sat {
		return nil
	}
	return e.rota(e.ses)
}
