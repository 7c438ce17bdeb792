package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// Optimizer minimises a list of levels lexicographically on one session.
// Fill in the fields, then call Run once.
//
// The search: a first call finds a model (assuming Base, the first
// level's lower bound when it is a Max, and the Warm literals, which it
// gives up core by core as they fail); Base then becomes unit clauses.
// Each level in turn is minimised with every earlier level held at its
// optimum: after a level is proven, it is hardened (a Max by its AtMost
// literal as a unit clause, a Sum by its core-guided reformulation or a
// pseudo-Boolean bound), always by clauses true in the best model, so the
// formula stays satisfiable (defect #1 in doc.go).
type Optimizer struct {
	S      *Session
	Levels []Level
	// Base are assumptions the first call makes, such as the master guard
	// of the rules; a failure that involves nothing else is returned as
	// an *Infeasible.
	Base []z.Lit
	// Warm are the literals of a preferred first model.
	Warm []z.Lit
	// WarmIsModel says that Warm with Base is known to be satisfiable (a
	// heuristic schedule that keeps every rule): the first call then
	// leaves out the first level's bound, which the warm model may miss,
	// and the level's search starts from the warm model's value.
	WarmIsModel bool
	// Better, when set, is called after every model better than all
	// earlier ones, with its level values; the model is still readable.
	Better func(values []int)
	// Bound, when set, is called when a level's proven bound rises.
	Bound func(level, bound int)
	// Scope, when set, makes the run undoable, for many questions on one
	// session: every call assumes Scope, and every clause the run adds to
	// hold Base or a settled level is guarded by it. A later call that
	// does not assume Scope sees the session as it was, but for the
	// definitions the search made (the core-guided counters), which hold
	// whatever their inputs.
	Scope z.Lit

	// Values are the level values of the best model so far, nil before
	// the first model.
	Values []int
	// holds[i][j] says whether soft j of Sum level i holds in the best
	// model, for a descent by parts to start from it.
	holds [][]bool
	// Bounds are proven lower bounds per level: Bounds[i] holds among the
	// models whose earlier levels equal Values (0, or the level's fixed
	// part, until those are settled).
	Bounds []int
	// Settled counts the levels proven optimal, in order.
	Settled int
}

// Infeasible says that the Base assumptions cannot hold together: Core is
// the subset of them that failed.
type Infeasible struct{ Core []z.Lit }

func (e *Infeasible) Error() string {
	return fmt.Sprintf("engine: %d base assumptions cannot hold", len(e.Core))
}

// maxWarmRounds bounds how often the first call gives up part of the warm
// literals before it gives up all of them.
const maxWarmRounds = 50

// Run finds the lexicographic optimum, or the best it can before ctx ends;
// it returns ctx's error then, an *Infeasible when Base cannot hold, and
// any other error only for an internal failure.
func (o *Optimizer) Run(ctx context.Context) error {
	o.Bounds = make([]int, len(o.Levels))
	for i, l := range o.Levels {
		switch l := l.(type) {
		case Max:
			if i == 0 {
				o.Bounds[i] = l.Lower
			}
		case Sum:
			o.Bounds[i] = l.Fixed
		}
	}
	if err := o.first(ctx); err != nil {
		return err
	}
	for i := range o.Levels {
		var err error
		switch l := o.Levels[i].(type) {
		case Max:
			err = o.bisect(ctx, i, l)
		case Sum:
			switch {
			case l.Descend:
				err = o.descend(ctx, i, l)
			case l.HittingSets:
				err = o.hittingSets(ctx, i, l)
			default:
				err = o.coreGuided(ctx, i, l)
			}
		}
		if errors.Is(err, errUnproven) {
			// The levels after it keep the best model's values: their
			// bounds would hold only at this level's value, which a
			// later model could still improve.
			return nil
		}
		if err != nil {
			return err
		}
		o.Settled = i + 1
	}
	return nil
}

// first finds a first model, at the first level's lower bound when that
// level is a Max.
func (o *Optimizer) first(ctx context.Context) error {
	base := slices.Clone(o.Base)
	bound := z.LitNull
	if len(o.Levels) > 0 && !o.WarmIsModel {
		if m, ok := o.Levels[0].(Max); ok {
			bound = m.AtMost(o.Bounds[0])
			base = append(base, bound)
		}
	}
	warm := o.Warm
	for round := 0; ; round++ {
		if round == maxWarmRounds {
			warm = nil
		}
		out, err := o.solve(ctx, append(slices.Clone(base), warm...))
		if err != nil {
			return err
		}
		if out == Sat {
			o.record()
			for _, m := range o.Base {
				card.Clause(o.hard(), m)
			}
			return nil
		}
		failed := o.failed()
		kept := notFailed(warm, failed)
		if len(kept) < len(warm) {
			warm = kept
			continue
		}
		if bound != z.LitNull && failed[bound] {
			// The bound fails: the optimum lies above it, and any model
			// gives an upper bound to search down from.
			o.raise(0, o.Bounds[0]+1)
			base, warm, bound = slices.Clone(o.Base), nil, z.LitNull
			continue
		}
		var core []z.Lit
		for _, m := range o.Base {
			if failed[m] {
				core = append(core, m)
			}
		}
		return &Infeasible{Core: core}
	}
}

// failed is the set of the failed assumptions of the last UNSAT answer.
func (o *Optimizer) failed() map[z.Lit]bool {
	out := map[z.Lit]bool{}
	for _, m := range o.S.Failed() {
		out[m] = true
	}
	return out
}

// notFailed are the literals of lits that are not in failed, in order.
func notFailed(lits []z.Lit, failed map[z.Lit]bool) []z.Lit {
	kept := lits[:0:0]
	for _, m := range lits {
		if !failed[m] {
			kept = append(kept, m)
		}
	}
	return kept
}

// raise records a better bound for level i.
func (o *Optimizer) raise(i, bound int) {
	if bound <= o.Bounds[i] {
		return
	}
	o.Bounds[i] = bound
	if o.Bound != nil {
		o.Bound(i, bound)
	}
}

// record reads the level values of the last model and keeps them if they
// are better than the best so far.
func (o *Optimizer) record() {
	values := make([]int, len(o.Levels))
	for i, l := range o.Levels {
		switch l := l.(type) {
		case Max:
			values[i] = l.Value()
		case Sum:
			values[i] = o.sumValue(l)
		}
	}
	if o.Values != nil && !lexLess(values, o.Values) {
		return
	}
	o.Values = values
	o.keepSofts()
	if o.Better != nil {
		o.Better(values)
	}
}

// keepSofts records which softs of the Sum levels that descend by parts
// hold in the last model, the best.
func (o *Optimizer) keepSofts() {
	if o.holds == nil {
		o.holds = make([][]bool, len(o.Levels))
	}
	for i, l := range o.Levels {
		if l, ok := l.(Sum); ok && l.Descend && len(l.Parts) > 0 {
			if o.holds[i] == nil {
				o.holds[i] = make([]bool, len(l.Softs))
			}
			for j, sf := range l.Softs {
				o.holds[i][j] = o.S.Value(sf.Lit)
			}
		}
	}
}

func (o *Optimizer) sumValue(l Sum) int {
	v := l.Fixed
	for _, sf := range l.Softs {
		if !o.S.Value(sf.Lit) {
			v += sf.Weight
		}
	}
	return v
}

// lexLess reports whether a comes before b lexicographically.
func lexLess(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// bisect closes the gap between level i's bound and the best value, each
// step one SAT call under "the value is at most d".
func (o *Optimizer) bisect(ctx context.Context, i int, l Max) error {
	o.raise(i, l.Lower)
	if l.Cut != nil {
		o.raise(i, min(l.Cut(o.Values[:i]), o.Values[i]))
	}
	if o.Bounds[i] < o.Values[i] {
		if err := o.improve(ctx, i, l.Improve); err != nil {
			return err
		}
	}
	if o.Bounds[i] < o.Values[i] {
		if err := o.dive(ctx, i, l.Dive); err != nil {
			return err
		}
	}
	for o.Bounds[i] < o.Values[i] {
		d := (o.Bounds[i] + o.Values[i] - 1) / 2
		out, err := o.solve(ctx, []z.Lit{l.AtMost(d)})
		if err != nil {
			return err
		}
		if out == Sat {
			o.record()
			if o.Values[i] > d {
				return fmt.Errorf("engine: level %d: a model under \"at most %d\" is no better than %d", i, d, o.Values[i])
			}
		} else {
			o.raise(i, d+1)
		}
	}
	if i+1 < len(o.Levels) {
		// Settled: true in the best model, so a unit clause keeps the
		// formula satisfiable, and gini fixes it once at level 0 instead
		// of assuming it on every restart (measured on rotas: -22% to
		// -50% of the later search).
		card.Clause(o.hard(), l.AtMost(o.Values[i]))
	}
	return nil
}

// solve is one call of the run: the assumptions and the run's scope.
func (o *Optimizer) solve(ctx context.Context, assume []z.Lit) (Outcome, error) {
	if o.Scope != z.LitNull {
		assume = append(slices.Clone(assume), o.Scope)
	}
	return o.S.Solve(ctx, assume)
}

// hard is where the run's lasting clauses go: the session, guarded by the
// scope when there is one.
func (o *Optimizer) hard() card.Sink {
	if o.Scope == z.LitNull {
		return o.S
	}
	return Guarded(o.S, o.Scope)
}
