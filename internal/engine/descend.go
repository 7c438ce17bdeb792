package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
)

// descend minimises Sum level i with the earlier levels settled by
// model-improving search: one SAT call a step under "at most the best
// value less one", each answer a better model, until a call is
// unsatisfiable or the level's bound is met. It is for levels whose cores
// are hard to refute (a rhythm, which only the whole rota decides) but
// whose better models are easy to find: every step reports a better
// model, so a search cut short by its deadline still returns the best it
// found.
//
// The whole level's counter grows with its softs times its value: past
// descendCounter literals, and with Parts, it descends part by part
// instead (descendParts), which proves nothing but keeps memory small.
func (o *Optimizer) descend(ctx context.Context, i int, l Sum) error {
	if l.Lower != nil {
		o.raise(i, l.Lower(o.Values[:i]))
	}
	if o.Values[i] > o.Bounds[i] {
		if len(l.Parts) > 0 && len(l.Softs)*(o.Values[i]-l.Fixed) > descendCounter {
			if err := o.descendParts(ctx, i, l); err != nil {
				return err
			}
			if o.Values[i] == o.Bounds[i] {
				return o.hardenSum(i, l, nil, false) // proven after all
			}
			return errUnproven
		}
		in, weights := violations(l.Softs)
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
			if err := o.better(i, most+l.Fixed); err != nil {
				return err
			}
		}
	}
	return o.hardenSum(i, l, nil, false)
}

// descendCounter bounds the literals of a whole level's counter, about
// its softs times its value: 4 M, some 300 MB of clauses. A variable, so
// that a test can send small levels down the parts.
var descendCounter = 4 << 20

// partCall bounds one call of the descent by parts: a part that cannot
// be improved quickly is left as it is.
const partCall = time.Second

// errUnproven ends a level that was improved as far as its parts go but
// not proven optimal: the optimiser stops there, with the best model and
// the levels before it settled.
var errUnproven = errors.New("engine: level not proven")

// descendParts improves level i one part at a time, until a round over
// every part improves none: the other parts' softs that hold in the best
// model are assumed to hold still, so a better part is a better model,
// and the part's own counter reaches only its value in the best model.
func (o *Optimizer) descendParts(ctx context.Context, i int, l Sum) error {
	holds := o.holds[i] // in the best model, kept by record
	counters := make([][]z.Lit, len(l.Parts))
	inPart := make([]bool, len(l.Softs))
	for improved := true; improved && o.Values[i] > o.Bounds[i]; {
		improved = false
		for p, part := range l.Parts {
			for _, j := range part {
				inPart[j] = true
			}
			for {
				cost := 0
				for _, j := range part {
					if !holds[j] {
						cost += l.Softs[j].Weight
					}
				}
				if cost == 0 {
					break
				}
				if counters[p] == nil {
					softs := make([]Soft, len(part))
					for k, j := range part {
						softs[k] = l.Softs[j]
					}
					in, weights := violations(softs)
					counters[p] = card.WeightedTotalizer(o.S, in, weights, cost)
				}
				assume := []z.Lit{counters[p][cost-1].Not()}
				for j, sf := range l.Softs {
					if !inPart[j] && holds[j] {
						assume = append(assume, sf.Lit)
					}
				}
				call, cancel := context.WithTimeout(ctx, partCall)
				res, err := o.solve(call, assume)
				cancel()
				if err != nil && ctx.Err() == nil && call.Err() != nil {
					break // too hard in a second: the next part
				}
				if err != nil {
					return err
				}
				if res != Sat {
					break
				}
				if err := o.better(i, o.Values[i]-1); err != nil {
					return err
				}
				holds = o.holds[i]
				improved = true
			}
			for _, j := range part {
				inPart[j] = false
			}
		}
	}
	return nil
}

// better records the last model, which must be better than the best on
// level i, at most most.
func (o *Optimizer) better(i, most int) error {
	before := o.Values[i]
	o.record()
	if o.Values[i] >= before || o.Values[i] > most {
		return fmt.Errorf("engine: level %d: a model under \"at most %d\" is %d, no better than %d", i, most, o.Values[i], before)
	}
	return nil
}

// violations returns the negations of the softs and their weights, for a
// counter of what a model pays.
func violations(softs []Soft) ([]z.Lit, []int) {
	var in []z.Lit
	var weights []int
	for _, sf := range softs {
		if sf.Weight > 0 {
			in, weights = append(in, sf.Lit.Not()), append(weights, sf.Weight)
		}
	}
	return in, weights
}
