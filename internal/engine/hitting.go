package engine

import (
	"context"
	"slices"
	"time"

	"github.com/irifrance/gini/z"
)

// hittingSets minimises Sum level i by implicit hitting sets (MaxHS:
// Davies and Bacchus, CP 2011): collect cores of the softs; find a set of
// softs of least weight that hits every core found so far (a small exact
// optimisation of its own); solve with every soft outside that set
// assumed. An UNSAT answer gives one more core; the first SAT answer is
// optimal, since no lighter set hits every core. It suits levels whose
// optimum is a few softs out of many, each core a counting argument that
// core-guided totalizers over the softs would have to prove again and
// again; the rule instances of a relaxation are such a level.
func (o *Optimizer) hittingSets(ctx context.Context, i int, l Sum) error {
	softs, fixed := normalise(l)
	o.raise(i, fixed)
	if l.Lower != nil {
		o.raise(i, l.Lower(o.Values[:i]))
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	index := map[z.Lit]int{}
	for j, sf := range softs {
		index[sf.lit] = j
	}
	var cores [][]int
	hit := make([]bool, len(softs)) // the least hitting set of cores
	if err := o.improve(ctx, i, l.Improve); err != nil {
		return err
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	if err := o.dive(ctx, i, l.Dive); err != nil {
		return err
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	var from []int
	if l.ChainLower != nil && len(l.Chains) > 0 {
		from = l.ChainLower(o.Values[:i])
	}
	if err := o.chainCores(ctx, i, l.Chains, from, index, &cores, hit, softs, fixed); err != nil {
		return err
	}
	if o.Values[i] == o.Bounds[i] {
		return o.hardenSum(i, l, nil, false)
	}
	for {
		// Cores disjoint outside the hitting set, each found with the
		// softs of the ones before left out: many cores a round, cheaply.
		free := slices.Clone(hit)
		found := 0
		for {
			var assume []z.Lit
			for j, sf := range softs {
				if !free[j] {
					assume = append(assume, sf.lit)
				}
			}
			core, err := o.core(ctx, assume, index)
			if err != nil {
				return err
			}
			if core == nil {
				break
			}
			cores = append(cores, core)
			found++
			for _, j := range core {
				free[j] = true
			}
		}
		if found == 0 {
			// SAT with every soft outside the least hitting set: optimal.
			return o.hardenSum(i, l, nil, false)
		}
		var w int
		var err error
		hit, w, err = leastHitting(ctx, softs, cores)
		if err != nil {
			return err
		}
		o.raise(i, fixed+w)
		if o.Values[i] == o.Bounds[i] {
			return o.hardenSum(i, l, nil, false)
		}
	}
}

// leastHitting returns a set of softs (by index) of least summed weight
// that holds a member of every core, and its weight: weighted MaxSAT on a
// session of its own, one variable per soft that some core names.
func leastHitting(ctx context.Context, softs []soft, cores [][]int) ([]bool, int, error) {
	hit := make([]bool, len(softs))
	if len(cores) == 0 {
		return hit, 0, nil
	}
	s := New(len(softs), len(cores))
	s.Satisfiable()
	pick := map[int]z.Lit{}
	var order []int
	lit := func(j int) z.Lit {
		if m, ok := pick[j]; ok {
			return m
		}
		m := s.Lit()
		pick[j] = m
		order = append(order, j)
		return m
	}
	guard := s.Lit() // the cores, as clauses, hold while guard is assumed
	for _, c := range cores {
		g := Guarded(s, guard)
		for _, j := range c {
			g.Add(lit(j))
		}
		g.Add(z.LitNull)
	}
	slices.Sort(order)
	cost := Sum{}
	for _, j := range order {
		cost.Softs = append(cost.Softs, Soft{Lit: pick[j].Not(), Weight: softs[j].weight})
	}
	opt := &Optimizer{S: s, Levels: []Level{cost}, Base: []z.Lit{guard}}
	opt.Better = func([]int) {
		for _, j := range order {
			hit[j] = s.Value(pick[j])
		}
	}
	if err := opt.Run(ctx); err != nil {
		return nil, 0, err
	}
	return hit, opt.Values[0], nil
}

// chainCall bounds one call of the bisection of a chain.
const chainCall = 2 * time.Second

// cutCall bounds the try of a chain at its cut (Sum.ChainLower) before
// the bisection: on the 30 x 400 offices it is met in 10-250 ms; on
// 300 x 5,000 no such call ends in 2 s, and the bisection from the
// middle finds better models there, so after one try that runs out the
// other chains bisect at once.
const cutCall = 300 * time.Millisecond

// chainCores bisects each chain for its least soft that can hold (with
// the settled levels), from the position from gives (none: 0), adds
// every soft before it as a core of one, marks those in hit (a least
// hitting set of singleton cores is all of them), and raises the level's
// bound to their weight.
func (o *Optimizer) chainCores(ctx context.Context, i int, chains [][]z.Lit, from []int, index map[z.Lit]int, cores *[][]int, hit []bool, softs []soft, fixed int) error {
	if len(chains) == 0 {
		return nil
	}
	// hi[c]: a satisfiable position of chain c (its length: none known);
	// every model found tells it for every chain at once.
	hi := make([]int, len(chains))
	seen := func() {
		for c, chain := range chains {
			for p, m := range chain[:hi[c]] {
				if o.S.Value(m) {
					hi[c] = p
					break
				}
			}
		}
	}
	for c, chain := range chains {
		hi[c] = len(chain)
	}
	w := 0
	hardCuts := false // a try at a cut ran out of time: try no more
	for c, chain := range chains {
		lo := 0 // the least satisfiable position lies in [lo, hi[c]]
		tryCut := false
		if c < len(from) {
			lo = min(max(from[c], 0), hi[c])
			tryCut = !hardCuts // a cut is often met: try it before bisecting
		}
		for lo < hi[c] {
			mid, limit := (lo+hi[c])/2, chainCall
			if tryCut {
				mid, limit = lo, cutCall
			}
			// A call is given chainCall: a chain whose question is hard
			// is left to the hitting sets, which the bisection only
			// helps.
			call, cancel := context.WithTimeout(ctx, limit)
			out, err := o.solve(call, []z.Lit{chain[mid]})
			cancel()
			if err != nil && ctx.Err() == nil && call.Err() != nil {
				if tryCut {
					tryCut, hardCuts = false, true
					continue
				}
				break
			}
			tryCut = false
			if err != nil {
				return err
			}
			if out == Sat {
				o.record()
				hi[c] = mid
				seen()
			} else {
				lo = mid + 1
			}
		}
		for _, m := range chain[:lo] {
			j, ok := index[m]
			if !ok || hit[j] {
				continue
			}
			*cores = append(*cores, []int{j})
			hit[j] = true
			w += softs[j].weight
		}
	}
	o.raise(i, fixed+w)
	return nil
}

// diveCall bounds the dive's calls together (Sum.Dive): a rounding that
// holds is found at once (70 ms on a team of 205 cases), and one that
// does not can take the whole of a pool's 2 s call in its rounds (300 x
// 5,000, seed 1: with 2 s the team's deadlines stayed unproven, with
// 500 ms the office was proven in 20 s).
const diveCall = 500 * time.Millisecond

// diveTargets is how many values from the bound up a dive tries, each
// where the must assumptions failed (or ran out of time, then with half
// of diveCall) at the one below: on a team of 221 cases whose relaxation
// is 8.71 against an optimum of 12 (300 x 5,000, seed 2, vuxen-4), the
// rounding at the bound fails, and the search alone stops at 14.
const diveTargets = 4

// dive raises level i's bound to that of fn (a level's Dive) and, while
// the bound is below the best value, tries its assumptions at the bound,
// giving up the preferred literals that fail, round by round; where the
// must assumptions fail on their own, at the next value up, until a
// model is found or the dive's time is out.
func (o *Optimizer) dive(ctx context.Context, i int, fn func([]int) (int, func(int) ([]z.Lit, []z.Lit))) error {
	if fn == nil {
		return nil
	}
	bound, at := fn(o.Values[:i])
	o.raise(i, min(bound, o.Values[i]))
	if o.Values[i] == o.Bounds[i] || at == nil {
		return ctx.Err()
	}
	limit := diveCall
	for target, tries := o.Bounds[i], 0; target < o.Values[i] && tries < diveTargets; target, tries = target+1, tries+1 {
		must, prefer := at(target)
		if must == nil && prefer == nil {
			return nil
		}
		call, cancel := context.WithTimeout(ctx, limit)
		found, err := o.diveAt(call, must, prefer)
		cancel()
		if ctx.Err() != nil || found || must == nil {
			return ctx.Err()
		}
		if err != nil && limit == diveCall {
			limit = diveCall / 2 // out of time at the bound: the targets above get less
		}
	}
	return nil
}

// diveAt tries must with prefer, dropping the preferred literals that
// fail, round by round; it reports whether it found a model (recorded
// when better).
func (o *Optimizer) diveAt(ctx context.Context, must, prefer []z.Lit) (bool, error) {
	for range maxWarmRounds {
		out, err := o.solve(ctx, append(slices.Clone(must), prefer...))
		if err != nil {
			return false, err
		}
		if out == Sat {
			o.record()
			return true, nil
		}
		kept := notFailed(prefer, o.failed())
		if len(kept) == len(prefer) {
			return false, nil // the must assumptions fail on their own
		}
		prefer = kept
	}
	return false, nil
}

// improveCall bounds the call that tries Sum.Improve's assumptions: they
// name a whole model, so propagation alone should decide it.
const improveCall = 5 * time.Second

// improve raises level i's bound to that of fn (a level's Improve) and
// tries its assumptions once.
func (o *Optimizer) improve(ctx context.Context, i int, fn func(context.Context, []int) ([]z.Lit, int)) error {
	if fn == nil {
		return nil
	}
	assume, bound := fn(ctx, o.Values[:i])
	o.raise(i, min(bound, o.Values[i]))
	if assume == nil || ctx.Err() != nil {
		return ctx.Err()
	}
	call, cancel := context.WithTimeout(ctx, improveCall)
	out, err := o.solve(call, assume)
	cancel()
	if err != nil && ctx.Err() == nil && call.Err() != nil {
		return nil
	}
	if err != nil {
		return err
	}
	if out == Sat {
		o.record()
	}
	return nil
}
