package solver

import (
	"math"
	"math/rand/v2"
)

// When the balancer's chains run out, the rota it leaves still lacks a
// few people on some dates and has a few too many on others. Its moves
// carry one duty of one person at a time, which under a tight spacing
// (six weeks, seven or eight duties a year) is rarely possible: a
// person's duties are packed, and moving one means moving its
// neighbours. The best responses move a person's whole set instead. One
// person at a time leaves the rota and takes back the cheapest set of
// dates (still at their own cheapest request cost, so that a rota that
// keeps every rule is optimal by the bound) that helps most where the
// rest of the rota lacks people or has too many, by the person's dynamic
// program. A rule the rota still breaks after a round of everyone weighs
// more in the next (the breakout method), so that the people who can
// mend it move before those who cannot.

// responder holds the rota of the best responses and the weights of the
// date rules.
type responder struct {
	tally
	l     *lagrangian
	limit []float64 // per person: the cheapest priced cost, plus rounding room
	// keeping: the date rules come before the cost, and nobody is held
	// to their cheapest (keepingResponses)
	keeping bool
	work    int    // the programs' cells filled, against respondWork
	take    []bool // scratch: a person's new set, indexed by date
	rng     *rand.Rand

	// weights: per date (coverage), per (date, unit) minimum and maximum,
	// per (date, role) minimum
	date              []float64
	unitLow, unitHigh [][]float64
	role              [][]float64
}

// respondRounds bounds the rounds of everyone's best response, and
// respondStall the rounds without a rota closer to keeping the rules.
const (
	respondRounds = 400
	respondStall  = 60
)

// keepingStall is respondStall for keepingResponses, whose rota is the
// one the search starts from: on the bench's M office at 6 weeks, a
// 26-week window of 4 and a 10-week gap they sat one rule short for 60
// rounds, then kept every rule after 85 (within a second, where the
// search took 5-10 s to a first rota).
const keepingStall = 240

// respondWork bounds the cells the persons' programs fill in one search,
// about a second (some 10 ns a cell, windows' tries included): on an
// office of 20,000 over 450 dates one round is some 1e9, where the
// bench's L office takes 2e5 a round and reaches its rota in a few
// dozen.
const respondWork = 1e8

// primaryScale ranks a set's priced cost above everything the weights
// add: the weights only choose among the person's cheapest sets.
const primaryScale = 1e7

// keepingScale ranks what the date rules lack above the priced cost in
// keepingResponses: a weight outweighs the request costs of a whole set.
const keepingScale = 1e4

// bestResponses runs the search above from rota start, at the prices of
// the lagrangian's last evaluation, and returns the rota closest to
// keeping the date rules that it met, start itself when none is closer.
// Valid whatever the rules: it keeps each person's own rules (count,
// spacing, pins; a move that breaks a window or a gap rule the person
// kept is refused) and reports, not assumes, the rest.
func bestResponses(in *instance, l *lagrangian, start [][]bool) [][]bool {
	return responses(newResponder(in, l, start))
}

// keepingResponses is bestResponses with the order of the two aims
// turned round: what the rest of the rota lacks first, the priced cost
// second, and no person held to their cheapest. Where no rota keeps
// everyone at their cheapest (a binding window can cost someone a
// request), it still finds a rota that keeps the rules, for the search to
// start from.
func keepingResponses(in *instance, l *lagrangian, start [][]bool) [][]bool {
	b := newResponder(in, l, start)
	b.keeping = true
	return responses(b)
}

// responses runs the rounds of b's best responses.
func responses(b *responder) [][]bool {
	in := b.in
	S := len(in.p.Staff)
	best, bestBad := cloneRota(b.on), b.weigh(false)
	order := make([]int, S)
	for s := range order {
		order[s] = s
	}
	stallLimit := respondStall
	if b.keeping {
		stallLimit = keepingStall
	}
	for round, stall := 0, 0; round < respondRounds && stall < stallLimit && bestBad > 0; round++ {
		b.rng.Shuffle(S, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, s := range order {
			if in.halt.now() || b.work > respondWork {
				return best
			}
			b.reply(s)
		}
		bad := b.weigh(true)
		if bad < bestBad {
			best, bestBad, stall = cloneRota(b.on), bad, 0
		} else {
			stall++
		}
	}
	return best
}

// newResponder sets up the search from rota start with every weight 1.
func newResponder(in *instance, l *lagrangian, start [][]bool) *responder {
	S, F := len(in.p.Staff), len(in.dates)
	U, R := len(in.unitMin), len(in.roleMin)
	b := &responder{tally: tallyOf(in, start), l: l, limit: make([]float64, S), take: make([]bool, F),
		rng:  rand.New(rand.NewPCG(uint64(S), uint64(F))),
		date: make([]float64, F), unitLow: grid[float64](F, U), unitHigh: grid[float64](F, U), role: grid[float64](F, R)}
	for s := range S {
		b.limit[s] = l.least[s] + 1e-6*(1+math.Abs(l.least[s]))
	}
	for f := range F {
		b.date[f] = 1
		for u := range U {
			b.unitLow[f][u], b.unitHigh[f][u] = 1, 1
		}
		for r := range R {
			b.role[f][r] = 1
		}
	}
	return b
}

// reply replaces person s's set by their best response to the rest of the
// rota (kept within their windows by windowedSet), unless it would cost
// more than their cheapest or break one of their own rules that the old
// set kept.
func (b *responder) reply(s int) {
	in := b.in
	p := b.l.load(s)
	kept := in.rules.personBreach(&b.tally, s)
	old := make([]int, 0, b.count[s])
	for _, f := range p.dates {
		if b.on[s][f] {
			old = append(old, f)
			b.put(s, f, false)
		}
	}
	// Noise below one weight in all breaks ties, so that equal sets take
	// turns rather than the first always winning.
	noise := 0.5 / float64(len(p.dates)+1)
	for i, f := range p.dates {
		if b.keeping {
			p.cost[i] = keepingScale*b.gain(s, f) + p.cost[i] + noise*b.rng.Float64()
		} else {
			p.cost[i] = primaryScale*p.cost[i] + b.gain(s, f) + noise*b.rng.Float64()
		}
	}
	ok, work := windowedSet(in, s, p, b.take, 1)
	b.work += work
	primary, gained, had := 0.0, 0.0, 0.0
	for _, f := range old {
		had += b.gain(s, f)
	}
	for _, f := range p.dates {
		if ok && b.take[f] {
			primary += b.l.cost(s, f)
			gained += b.gain(s, f)
		}
	}
	// The windows' penalties may have steered the program to a set that
	// helps less than the old one; a set that kept the person's rules is
	// given up only for one that helps as much.
	if !ok || !b.keeping && primary > b.limit[s] || kept == 0 && gained > had+1e-9 {
		b.restore(s, old)
		return
	}
	for _, f := range p.dates {
		if b.take[f] {
			b.put(s, f, true)
		}
	}
	if n := in.rules.personBreach(&b.tally, s); n > kept {
		for _, f := range p.dates {
			b.put(s, f, false)
		}
		b.restore(s, old)
	}
}

// restore puts person s back on the dates of old.
func (b *responder) restore(s int, old []int) {
	for _, f := range old {
		b.put(s, f, true)
	}
}

// gain is the weighted change in what the date rules of f lack or exceed
// when s, now off duty there, comes on: negative where s helps.
func (b *responder) gain(s, f int) float64 {
	in := b.in
	g := 0.0
	switch c := b.cov[f]; {
	case c < in.lower[f]:
		g -= b.date[f]
	case c >= in.upper[f]:
		g += b.date[f]
	}
	if u := in.unitOf[s]; u >= 0 {
		if b.units[f][u] < in.unitNeed[f][u] {
			g -= b.unitLow[f][u]
		}
		if m := in.unitMost[f][u]; m >= 0 && b.units[f][u] >= m {
			g += b.unitHigh[f][u]
		}
	}
	for _, r := range in.roleOf[s] {
		if b.roles[f][r] < in.roleNeed[f][r] {
			g -= b.role[f][r]
		}
	}
	return g
}

// weigh counts how far the rota is from keeping the date rules
// (coverage, unit and role minimums, unit maximums) and, when raise is
// set, adds one to the weight of each rule it breaks.
func (b *responder) weigh(raise bool) int {
	in := b.in
	bad := 0
	count := func(w []float64, i, n int) {
		if n > 0 {
			bad += n
			if raise {
				w[i]++
			}
		}
	}
	for f := range in.dates {
		count(b.date, f, abs(b.offDemand(f)))
		for u, need := range in.unitNeed[f] {
			count(b.unitLow[f], u, need-b.units[f][u])
			if m := in.unitMost[f][u]; m >= 0 {
				count(b.unitHigh[f], u, b.units[f][u]-m)
			}
		}
		for r, need := range in.roleNeed[f] {
			count(b.role[f], r, need-b.roles[f][r])
		}
	}
	return bad
}
