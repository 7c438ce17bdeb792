package solver

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
)

// The rhythm level (model.LevelRhythm) as soft literals, one per unit of
// the measure, so that the level is a plain sum:
//
//   - a gap longer than hi: every window of hi consecutive available
//     dates of a person with no duty in it costs 1, which counts g-hi
//     for each gap g, the lead-in and the tail included. A window's soft
//     is false when the window is empty, through OR literals over the
//     window's two halves: windows are cut at blocks of hi dates, each
//     window a suffix of one block and a prefix of the next, and each
//     suffix and prefix OR is a chain of ORs of two. That is O(a) clauses
//     per person, where one clause per window would be O(a*hi).
//   - an inner gap g shorter than lo: u(i, k), "a duty at i and another
//     within k dates after it", for k = 1 to lo-1, costs 1 each, which
//     counts lo-g. u(i, k) follows from u(i, k-1) and from the two duties;
//     the k beyond the person's last date are folded into the weight of
//     the last u. That is O(a*lo) literals per person, which the budget's
//     estimate counts.
//
// Both directions are written, so that every soft is a function of the
// rota: then the softs of any model add up to its rhythm, which the
// search down from the warm start (engine.Sum.Descend) reads as the
// value of each model it finds.

// rhythmLevel is the rhythm level on e, searched down from the warm
// start (see engine.Sum.Descend), a part per person.
func rhythmLevel(in *instance, e *encoding) engine.Sum {
	softs, parts := rhythmSofts(in, e)
	return engine.Sum{Softs: softs, Descend: true, Parts: parts}
}

// rhythmSofts returns the rhythm of everyone in in as soft literals on
// e's person-dates, and their positions by person; in may be a what-if
// question's instance, whose availability (and intervals) differ from
// e's own.
func rhythmSofts(in *instance, e *encoding) ([]engine.Soft, [][]int) {
	var softs []engine.Soft
	var parts [][]int
	for s := range in.p.Staff {
		if in.halt.check() {
			return softs, parts
		}
		iv := in.facts.Intervals[s]
		if !iv.Due() {
			continue
		}
		var ms []z.Lit
		for f, ok := range in.avail[s] {
			if m := e.x[s][f]; ok && m != z.LitNull {
				ms = append(ms, m)
			}
		}
		first := len(softs)
		softs = append(softs, longGaps(e.ses, ms, iv.High)...)
		softs = append(softs, shortGaps(e.ses, ms, iv.Low)...)
		var part []int
		for j := first; j < len(softs); j++ {
			part = append(part, j)
		}
		if part != nil {
			parts = append(parts, part)
		}
	}
	return softs, parts
}

// longGaps returns a soft per window of hi consecutive literals of ms,
// false when every literal of the window is.
func longGaps(ses *engine.Session, ms []z.Lit, hi int) []engine.Soft {
	a := len(ms)
	if hi < 1 || hi > a {
		return nil
	}
	// suffix[i]: some literal from i to the end of i's block is true;
	// prefix[i]: some literal from the start of i's block to i is.
	suffix, prefix := make([]z.Lit, a), make([]z.Lit, a)
	for i := a - 1; i >= 0; i-- {
		if (i+1)%hi == 0 || i == a-1 {
			suffix[i] = ms[i]
		} else {
			suffix[i] = or(ses, ms[i], suffix[i+1])
		}
	}
	for i := range a {
		if i%hi == 0 {
			prefix[i] = ms[i]
		} else {
			prefix[i] = or(ses, ms[i], prefix[i-1])
		}
	}
	var softs []engine.Soft
	for i := 0; i+hi <= a; i++ {
		busy := suffix[i] // some duty in the window
		if i%hi != 0 {
			busy = or(ses, suffix[i], prefix[i+hi-1])
		}
		softs = append(softs, engine.Soft{Lit: busy, Weight: 1})
	}
	return softs
}

// or returns a literal equal to a or b.
func or(ses *engine.Session, a, b z.Lit) z.Lit {
	m := ses.Lit()
	card.Clause(ses, m.Not(), a, b)
	card.Clause(ses, a.Not(), m)
	card.Clause(ses, b.Not(), m)
	return m
}

// shortGaps returns the softs of the inner gaps shorter than lo: for each
// i and k = 1 to lo-1, false when ms[i] and one of ms[i+1..i+k] are both
// true.
func shortGaps(ses *engine.Session, ms []z.Lit, lo int) []engine.Soft {
	a := len(ms)
	var softs []engine.Soft
	for i := 0; i+1 < a && lo > 1; i++ {
		last := min(lo-1, a-1-i) // the last k with a date i+k
		var prev z.Lit
		for k := 1; k <= last; k++ {
			// u = ms[i] and (u(i, k-1) or ms[i+k]); u(i, 1) = ms[i] and ms[i+1].
			u := ses.Lit()
			card.Clause(ses, ms[i].Not(), ms[i+k].Not(), u)
			card.Clause(ses, u.Not(), ms[i])
			if k > 1 {
				card.Clause(ses, prev.Not(), u)
				card.Clause(ses, u.Not(), prev, ms[i+k])
			} else {
				card.Clause(ses, u.Not(), ms[i+k])
			}
			w := 1
			if k == last {
				w += lo - 1 - last // the k past the last date
			}
			softs = append(softs, engine.Soft{Lit: u.Not(), Weight: w})
			prev = u
		}
	}
	return softs
}

// rhythmLiterals estimates the literals rhythmSofts makes for in: about
// 4 per available date for the long gaps and lo-1 per date for the short.
func rhythmLiterals(in *instance) int {
	n := 0
	for s := range in.p.Staff {
		iv := in.facts.Intervals[s]
		if !iv.Due() {
			continue
		}
		a := 0
		for _, ok := range in.avail[s] {
			if ok {
				a++
			}
		}
		n += 4*a + a*max(0, iv.Low-1)
	}
	return n
}

// rhythmOf returns the rota's rhythm, by the model's own measure.
func rhythmOf(in *instance, on [][]bool) int {
	n := 0
	for s := range in.p.Staff {
		n += in.facts.Rhythm(s, on[s])
	}
	return n
}
