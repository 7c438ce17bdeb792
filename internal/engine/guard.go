package engine

import (
	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// Guarded returns a sink that adds ¬g, for every guard g, to each clause
// written through it: the clauses hold only while all the guards are
// true. An encoder writes each rule instance through a sink guarded by
// the instance's own literal; definitions of counters need no guard (they
// are satisfiable whatever their inputs), so the formula with every guard
// false is satisfiable, and every UNSAT answer names the guards, that is
// the rule instances, that clash. The sink passes Hint and HintedLit on
// when s has them, so guarded encodings keep their preferred values.
func Guarded(s card.Sink, guards ...z.Lit) card.Sink {
	if len(guards) == 0 {
		return s
	}
	if h, ok := s.(card.Hinter); ok {
		return hintedGuard{guarded{s, guards}, h}
	}
	return guarded{s, guards}
}

type guarded struct {
	s      card.Sink
	guards []z.Lit
}

func (g guarded) Lit() z.Lit { return g.s.Lit() }

func (g guarded) Add(m z.Lit) {
	if m == z.LitNull {
		for _, guard := range g.guards {
			g.s.Add(guard.Not())
		}
	}
	g.s.Add(m)
}

type hintedGuard struct {
	guarded
	h card.Hinter
}

func (g hintedGuard) Hint(m z.Lit) int8      { return g.h.Hint(m) }
func (g hintedGuard) HintedLit(v bool) z.Lit { return g.h.HintedLit(v) }
