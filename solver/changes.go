package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// The changes level of a re-plan: the weighted number of person-dates
// whose duty differs from the published rota (model.LevelChanges). The
// frozen dates are rule instances (rule_frozen.go); the later dates of
// the baseline carry a weight per change (model.Facts.ChangeWeight).

// changeLevel is the changes as a weighted sum: one soft literal per
// person-date of a weighted date, "on duty" for the published people and
// "off duty" for the others. The optimum leaves a few of them false out of
// many, so the level searches by hitting sets. withCuts adds the counting
// bound, which holds while every rule instance does.
func (r *search) changeLevel(e *encoding, withCuts bool) engine.Sum {
	in := r.in
	sum := engine.Sum{HittingSets: true}
	for s, row := range in.facts.Published {
		for f, pub := range row {
			w := in.facts.ChangeWeight[f]
			if w == 0 {
				continue
			}
			switch m := e.x[s][f]; {
			case m == z.LitNull && pub:
				sum.Fixed += w // released, whatever the rota
			case m == z.LitNull:
			case pub:
				sum.Softs = append(sum.Softs, engine.Soft{Lit: m, Weight: w})
			default:
				sum.Softs = append(sum.Softs, engine.Soft{Lit: m.Not(), Weight: w})
			}
		}
	}
	if withCuts {
		lb := changeBound(in)
		sum.Lower = func([]int) int { return lb }
	}
	return sum
}

// changeBound is a lower bound on the changes over every rota that keeps
// the coverage and the pins: on each weighted date, the published people
// who cannot work it are released, so are those beyond the most it may
// have, and a date that must have more people than its published ones
// who can work it needs newcomers, at least as many as are pinned to it
// without being published.
func changeBound(in *instance) int {
	if in.facts.Published == nil {
		return 0
	}
	total := 0
	for f, w := range in.facts.ChangeWeight {
		if w == 0 {
			continue
		}
		pub, stay, pinnedNew := 0, 0, 0
		for s, row := range in.facts.Published {
			switch {
			case row[f]:
				pub++
				if in.free(s, f) {
					stay++
				}
			case in.pin[s][f] > 0:
				pinnedNew++
			}
		}
		released := max(pub-stay, pub-in.upper[f])
		added := max(in.lower[f]-stay, pinnedNew, 0)
		total += w * (released + added)
	}
	return total
}

// changesOf returns the weighted changes of a rota from the published one.
func changesOf(in *instance, on [][]bool) int {
	if in.facts.Published == nil {
		return 0
	}
	return in.facts.Changes(on)
}

// baselineRota is the warm start of a re-plan: the published rota on
// every date, less the people who cannot work a date (or are pinned
// off), plus those pinned to work, then each date short of people filled
// by whoever keeps the rules best and is furthest below their share, and
// each date with too many cut back the same way. The repair that follows
// mends what this breaks.
func baselineRota(in *instance) [][]bool {
	S, F := len(in.p.Staff), len(in.dates)
	t := newTally(in)
	for s := range S {
		for f := range F {
			if in.free(s, f) && (in.facts.Published[s][f] || in.pin[s][f] > 0) {
				t.put(s, f, true)
			}
		}
	}
	below := func(s int) float64 { return float64(in.hist[s]+t.count[s]) - in.share[s] }
	for f := range F {
		for t.cov[f] < in.lower[f] && !in.halt.now() {
			// The first candidate below their share who breaks nothing
			// ends the scan; else the least breach, then the furthest
			// below.
			best, bestBreach, bestBelow := -1, 0, 0.0
			for s := 0; s < S && !in.halt.now(); s++ {
				if t.on[s][f] || !in.free(s, f) {
					continue
				}
				t.put(s, f, true)
				breach := in.rules.personBreach(&t, s) + dateBreach(in, &t, f)
				t.put(s, f, false)
				if b := below(s); best < 0 || breach < bestBreach || breach == bestBreach && b < bestBelow {
					best, bestBreach, bestBelow = s, breach, b
				}
				if bestBreach == 0 && bestBelow < 0 {
					break
				}
			}
			if best < 0 {
				break
			}
			t.put(best, f, true)
		}
		for t.cov[f] > in.upper[f] {
			worst := -1
			for s := range S {
				if t.on[s][f] && in.pin[s][f] <= 0 && (worst < 0 || below(s) > below(worst)) {
					worst = s
				}
			}
			if worst < 0 {
				break
			}
			t.put(worst, f, false)
		}
	}
	return t.on
}

// dateBreach is the summed breach of the instances scoped to date f.
func dateBreach(in *instance, t *tally, f int) int {
	n := 0
	for _, i := range in.rules.byDate[f] {
		n += in.rules.all[i].breach(t)
	}
	return n
}

// hasChanges reports whether the order has the changes level.
func (r *search) hasChanges() bool { return r.level(model.LevelChanges) >= 0 }
