package solver

import (
	"math"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// The Friday solver's objective levels, as the engine's: fairness is a
// bounded maximum (the deviation's "at most d" literals), requests a
// weighted sum of soft literals. Each level carries the cuts that hold in
// its position of the order:
//
//   - fairness: the flow bound, a lower bound over all schedules, so in
//     any position;
//   - requests: the Lagrangian bound at the deviation settled before it
//     (at any deviation when fairness does not come first), and the
//     per-person caps of that bound as a try;
//   - classes (a bounded maximum) and rhythm (a sum) have no cuts yet:
//     their bound is the search's own.

// levels returns the engine's levels for the search's order, on e; they
// are o's levels from position first on. The cuts hold only when every
// rule instance does: withCuts false leaves them out, as a relaxation
// must.
func (r *search) levels(e *encoding, o *engine.Optimizer, first int, lb int, price priced, withCuts bool) []engine.Level {
	var out []engine.Level
	for _, k := range r.order {
		switch k {
		case model.LevelFairness:
			out = append(out, engine.Max{AtMost: e.deviationAtMost, Lower: lb, Value: e.deviation})
		case model.LevelRequests:
			out = append(out, r.requestLevel(e, o, first, price, withCuts))
		case model.LevelChanges:
			out = append(out, r.changeLevel(e, withCuts))
		case model.LevelClasses:
			out = append(out, classLevel(r.in, e))
		case model.LevelRhythm:
			out = append(out, rhythmLevel(r.in, e))
		}
	}
	return out
}

// classLevel is the class deviation as a bounded maximum on e, for the
// shares of in.
func classLevel(in *instance, e *encoding) engine.Max {
	made, counts := map[int]z.Lit{}, map[[2]int][]z.Lit{}
	return engine.Max{
		AtMost: func(d int) z.Lit { return classAtMost(in, e, made, counts, d) },
		Value:  func() int { return classDeviationOf(in, e.rota(e.ses)) },
	}
}

// requestLevel is the request cost as a weighted sum: a person-date with
// both kinds of request pays the smaller weight whatever happens (it is
// fixed), and the difference on one side.
func (r *search) requestLevel(e *encoding, o *engine.Optimizer, first int, price priced, withCuts bool) engine.Sum {
	in := r.in
	sum := engine.Sum{Stratify: r.cfg.tuning.Stratify}
	sum.Fixed, sum.Softs = requestSofts(in, e)
	if r.cfg.tuning.NoRequestBound || !withCuts {
		return sum
	}
	ri := first + r.level(model.LevelRequests)
	d := noDeviation // the deviation the bound holds at, once known
	sum.Lower = func(settled []int) int {
		if r.before(model.LevelFairness, model.LevelRequests) {
			d = settled[first+r.level(model.LevelFairness)]
		}
		if price.w >= 0 && price.d == d {
			return price.w
		}
		l, ok := newLagrangian(in, d)
		if !ok {
			return 0
		}
		return l.subgradient(o.Values[ri], priceSteps)
	}
	sum.Try = func(lower int) []z.Lit { return r.caps(e, d, lower) }
	return sum
}

// requestSofts returns the request cost as a fixed part and soft
// literals, each true when its request is met.
func requestSofts(in *instance, e *encoding) (int, []engine.Soft) {
	fixed := in.fixedCost
	var softs []engine.Soft
	for s, row := range e.x {
		for f, m := range row {
			if m == z.LitNull {
				continue
			}
			ct, cf := in.costTrue[s][f], in.costFalse[s][f]
			fixed += min(ct, cf)
			switch {
			case ct > cf:
				softs = append(softs, engine.Soft{Lit: m.Not(), Weight: ct - cf})
			case cf > ct:
				softs = append(softs, engine.Soft{Lit: m, Weight: cf - ct})
			}
		}
	}
	return fixed, softs
}

// priced is the request bound w computed at deviation d; w < 0 when none.
type priced struct{ d, w int }

// priceSteps bounds the subgradient steps of the request bound. On the
// bench offices the bound at zero prices is already the optimum when the
// relaxation's is; where it is not, the steps buy a bound for the
// core-guided search to stop at.
const priceSteps = 100

// priceRequests bounds the request cost at deviation d by the Lagrangian
// relaxation and builds the balanced rota at its prices. When the rota
// keeps every rule at deviation d but costs more than the bound, a few
// subgradient steps try to raise the bound to meet it; when it breaks a
// rule, keepingResponses make a second rota from it, which gives up the
// bound to keep the rules (nil when the first keeps them).
func priceRequests(in *instance, d int) (priced, [][]bool, [][]bool) {
	l, ok := newLagrangian(in, d)
	if !ok {
		return priced{w: -1}, nil, nil
	}
	p := priced{d: d, w: ceilBound(l.evaluate())}
	on := balancedRota(in, l)
	if !in.rules.keeps(in, on) {
		return p, on, keepingResponses(in, l, on)
	}
	if dev, w := evaluate(in, on); (d == noDeviation || dev == d) && w > p.w {
		p.w = max(p.w, l.subgradient(w, priceSteps))
	}
	return p, on, nil
}

// caps returns the assumptions of the per-person caps: when the request
// bound at zero prices is each person's own least request cost summed,
// and it meets the level's lower bound, a schedule in which nobody pays
// more than their least is optimal. The caps make most of the search's
// choices for it, which the core-guided search would otherwise discover
// one core at a time. Each cap is a generalised totalizer over the
// person's unmet requests, weighted.
func (r *search) caps(e *encoding, d, lower int) []z.Lit {
	in := r.in
	l, ok := newLagrangian(in, d)
	if !ok || ceilBound(l.evaluate()) != lower {
		return nil
	}
	var assume []z.Lit
	for s, least := range l.least {
		most := int(math.Round(least))
		var unmet []z.Lit
		var weights []int
		for f := range in.dates {
			if !in.free(s, f) {
				continue
			}
			ct, cf := in.costTrue[s][f], in.costFalse[s][f]
			most += cf - min(ct, cf)
			switch m := e.x[s][f]; {
			case ct > cf:
				unmet, weights = append(unmet, m), append(weights, ct-cf)
			case cf > ct:
				unmet, weights = append(unmet, m.Not()), append(weights, cf-ct)
			}
		}
		if m := card.GeneralizedTotalizer(e.ses, unmet, weights, most).AtMost(most); m != z.LitNull {
			assume = append(assume, m)
		}
	}
	if assume == nil {
		assume = []z.Lit{e.all}
	}
	return assume
}
