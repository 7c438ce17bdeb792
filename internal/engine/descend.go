package engine

import (
	"context"
	"fmt"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// descend minimises Sum level i with the earlier levels settled by
// model-improving search: one counter over the softs' violations, to the
// best value, then one SAT call a step under "at most the best value less
// one", each answer a better model, until a call is unsatisfiable or the
// level's bound is met. It is for levels whose cores are hard to refute
// (a rhythm, which only the whole rota decides) but whose better models
// are easy to find: every step reports a better model, so a search cut
// short by its deadline still returns the best it found.
func (o *Optimizer) descend(ctx context.Context, i int, l Sum) error {
	if l.Lower != nil {
		o.raise(i, l.Lower(o.Values[:i]))
	}
	if o.Values[i] > o.Bounds[i] {
		var in []z.Lit
		var weights []int
		for _, sf := range l.Softs {
			if sf.Weight > 0 {
				in, weights = append(in, sf.Lit.Not()), append(weights, sf.Weight)
			}
		}
		// out[k]: the violations weigh at least k+1. Counting to the best
		// value is enough: no step asks for more.
		out := card.WeightedTotalizer(o.S, in, weights, o.Values[i]-l.Fixed)
		for o.Values[i] > o.Bounds[i] {
			most := o.Values[i] - l.Fixed - 1 // the violations allowed
			res, err := o.solve(ctx, []z.Lit{out[most].Not()})
			if err != nil {
				return err
			}
			if res != Sat {
				o.raise(i, o.Values[i])
				break
			}
			before := o.Values[i]
			o.record()
			if o.Values[i] >= before {
				return fmt.Errorf("engine: level %d: a model under \"at most %d\" is no better than %d", i, most+l.Fixed, o.Values[i])
			}
		}
	}
	return o.hardenSum(i, l, nil, false)
}
