package engine

import (
	"context"
	"slices"

	"github.com/irifrance/gini/z"
)

// Shrink reduces core, a set of assumptions that the formula refutes, to a
// subset-minimal one: the formula refutes the result, and satisfies it
// with any one member left out. gini's cores are sound but often not
// minimal (defect #5 in doc.go).
//
// The method is deletion with clause-set refinement (Marques-Silva and
// Lynce, SAT 2011) over chunks: leave out a chunk of the candidates; if
// the rest is still refuted, keep only the new core's members; if not,
// halve the chunk, and a single candidate whose absence makes the rest
// satisfiable is necessary. Candidates are tried in the order given, so
// put first those to be dropped most readily.
//
// The formula must be satisfiable with every member of core false (the
// members are guards), so that no call can reach gini's fatal re-solve
// defect. When ctx ends first, Shrink returns what it has, a refuted set
// not yet proven minimal, and ctx's error.
//
// Each call assumes the set it tests and holds false the members of core
// left out of it and every literal of h.Off (the guards of instances
// outside the core): a guard false only drops clauses, so this asks the
// same question, and it keeps the search from switching on rules that
// play no part, which on large problems made single calls take seconds.
// Before a call the hints' oracles are asked, Satisfy first: a set they
// decide needs no SAT call (a refuted one then gives no smaller core).
func (s *Session) Shrink(ctx context.Context, core []z.Lit, h Hints) ([]z.Lit, error) {
	var need []z.Lit // proven necessary
	cand := slices.Clone(core)
	chunk := max(1, len(cand)/2)
	for len(cand) > 0 {
		if err := ctx.Err(); err != nil {
			return append(need, cand...), err
		}
		k := min(chunk, len(cand))
		rest := cand[k:]
		try := append(slices.Clone(need), rest...)
		out := Unknown
		switch {
		case h.Satisfy != nil && h.Satisfy(try):
			out = Sat
		case h.Refute != nil && h.Refute(try):
			cand = slices.Clone(rest)
			chunk = min(chunk, max(1, len(cand)/2))
			continue
		default:
			assume := slices.Clone(try)
			for _, m := range cand[:k] {
				assume = append(assume, m.Not())
			}
			for _, m := range h.Off {
				assume = append(assume, m.Not())
			}
			var err error
			if out, err = s.Solve(ctx, assume); err != nil {
				return append(need, cand...), err
			}
		}
		if out == Sat {
			if k == 1 {
				need = append(need, cand[0])
				cand = cand[1:]
				chunk = max(1, len(cand)/2)
			} else {
				chunk = max(1, k/2)
			}
			continue
		}
		// Refuted without the chunk: the new core, less what is known to
		// be needed (which every core below the last satisfiable set
		// contains), is the candidate set.
		failed := map[z.Lit]bool{}
		for _, m := range s.Failed() {
			failed[m] = true
		}
		var next []z.Lit
		for _, m := range rest {
			if failed[m] {
				next = append(next, m)
			}
		}
		cand = next
		chunk = min(chunk, max(1, len(cand)/2))
	}
	return need, nil
}

// Hints help Shrink: the guards to hold false throughout, and oracles
// that may decide a set without a SAT call. Refute must say true only of
// sets the formula refutes, Satisfy only of sets it satisfies; either may
// be nil, and a false answer means "do not know".
type Hints struct {
	Off             []z.Lit
	Refute, Satisfy func(set []z.Lit) bool
}
