package baseline

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// LocalSearch starts from the [Greedy] rota and improves it with swap
// moves: on one date, person a leaves and person b takes the place. A move
// is kept when it makes the rota no worse, compared lexicographically on
// (broken hard rules, D, W); equal moves are kept too, so that the search
// walks across plateaus.
//
// The search has two phases. The first, of at most half the moves, adds
// the sum of all deviations between D and W, so that every move that
// brings one person nearer their share counts as progress even while D
// stays; it ends early when everyone is within their share. The second
// minimises (D, W) alone. Moves are aimed: half at a person outside their
// share, a third or so at an unmet request, the rest at random, and each
// move tries a sample of replacements and keeps the best. While a hard
// rule is broken (only when Greedy had to give one up) every move aims at
// a broken rule instead.
//
// The search is deterministic: the same Seed and Moves give the same
// schedule, byte for byte, unless TimeLimit or ctx cuts it short first.
// The move count is the budget that matters; the time limit is a safety
// net.
//
// The zero LocalSearch is ready to use.
type LocalSearch struct {
	// Seed seeds the PCG source that aims the moves. Zero is a seed like
	// any other.
	Seed uint64
	// Moves is the number of moves to try. Zero means DefaultMoves;
	// negative means none, which returns the Greedy rota.
	Moves int
	// TimeLimit stops the search when it has run this long, counting from
	// the start of Run. Zero means DefaultTimeLimit; negative means no
	// limit. A search cut short this way is not reproducible, but not an
	// error either.
	TimeLimit time.Duration
	// Sample is the number of replacements each move tries. Zero means
	// DefaultSample.
	Sample int
}

// The defaults of a zero LocalSearch.
const (
	DefaultMoves     = 100_000
	DefaultTimeLimit = time.Second
	DefaultSample    = 24
)

// Name returns "local-search".
func (LocalSearch) Name() string { return "local-search" }

// Run improves the greedy rota for p. See [Greedy.Run] for what it
// returns. When ctx is done during the search, Run stops and returns the
// rota so far, which keeps every hard rule the greedy rota kept and has
// the status that gives it (Feasible, normally), with an error wrapping
// ctx.Err(): a ctx deadline is a time budget like TimeLimit, but one the
// caller is told about.
func (l LocalSearch) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	began := time.Now()
	in, sch, err := prepare(l.Name(), p, began)
	if err != nil {
		return sch, err
	}
	st, ctxErr := greedy(ctx, in)
	if ctxErr != nil {
		return finish(l.Name(), st, began, ctxErr, true)
	}
	moves := l.Moves
	if moves == 0 {
		moves = DefaultMoves
	}
	limit := l.TimeLimit
	if limit == 0 {
		limit = DefaultTimeLimit
	}
	sample := l.Sample
	if sample <= 0 {
		sample = DefaultSample
	}
	ls := newSearch(st, l.Seed, sample)
	ctxErr = ls.run(ctx, moves, began, limit)
	return finish(l.Name(), st, began, ctxErr, false)
}

// key is what the search minimises, compared lexicographically.
type key struct{ h, d, x, w int }

func (k key) cmp(o key) int {
	for _, c := range [...][2]int{{k.h, o.h}, {k.d, o.d}, {k.x, o.x}, {k.w, o.w}} {
		if c[0] != c[1] {
			if c[0] < c[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

type search struct {
	st     *state
	in     *instance
	src    *rand.PCG
	sample int
	phase1 bool // the sum of deviations counts

	ng    int
	cnt   []int // date x group: members on duty
	hard  int   // broken rules, counted with multiplicity
	pen   []int // per person: spacing pairs and window excess
	hist  []int // people per deviation
	dev   []int // per person
	d, x  int   // D and the sum of deviations
	w     int   // W
	off   []int // people outside their share
	offAt []int // position in off, or -1
}

func newSearch(st *state, seed uint64, sample int) *search {
	in := st.in
	ls := &search{st: st, in: in, src: rand.NewPCG(seed, 0x6261736c696e6573), sample: sample,
		phase1: in.fair, ng: len(in.groups)}
	ls.cnt = make([]int, in.nd*ls.ng)
	for f := range in.nd {
		for _, s := range st.onDuty[f] {
			for _, g := range in.groupsOf[s] {
				ls.cnt[f*ls.ng+g]++
			}
		}
		for g, gr := range in.groups {
			ls.hard += max(0, gr.min-ls.cnt[f*ls.ng+g])
		}
		ls.hard += abs(len(st.onDuty[f]) - in.demand[f])
		for _, s := range in.pinWork[f] {
			if !st.on[in.at(s, f)] {
				ls.hard++
			}
		}
	}
	ls.pen = make([]int, in.n)
	for s := range in.n {
		ls.pen[s] = ls.personPenalty(s)
		ls.hard += ls.pen[s]
		for _, f := range st.duties[s] {
			if k := in.at(s, f); !in.avail[k] || in.pinOff[k] {
				ls.hard++ // no move fixes these, and Greedy never makes them
			}
		}
	}
	ls.hist = make([]int, in.maxDeviation+2)
	ls.hist[0] = in.n
	ls.dev = make([]int, in.n)
	ls.offAt = make([]int, in.n)
	for s := range in.n {
		ls.offAt[s] = -1
		ls.setDev(s, in.deviation(s, st.total[s]))
	}
	ls.w = st.requestCost()
	return ls
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func (ls *search) intn(n int) int {
	hi, _ := bits.Mul64(ls.src.Uint64(), uint64(n))
	return int(hi)
}

// near counts the duties of s other than f closer to f than the spacing.
func (ls *search) near(s, f int) int {
	in := ls.in
	if in.spacing == 0 {
		return 0
	}
	ds := ls.st.duties[s]
	i, _ := slices.BinarySearch(ds, f)
	c := 0
	for j := i - 1; j >= 0 && in.day[f]-in.day[ds[j]] < in.spacing; j-- {
		c++
	}
	for j := i; j < len(ds) && in.day[ds[j]]-in.day[f] < in.spacing; j++ {
		if ds[j] != f {
			c++
		}
	}
	return c
}

// personPenalty counts the spacing pairs of s that are too close and, for
// each window rule, how far the windows starting at a duty of s exceed
// their maximum.
func (ls *search) personPenalty(s int) int {
	in := ls.in
	ds := ls.st.duties[s]
	p := 0
	for i, f := range ds {
		for j := i + 1; j < len(ds) && in.spacing > 0 && in.day[ds[j]]-in.day[f] < in.spacing; j++ {
			p++
		}
		for _, w := range in.windows {
			c := 0
			for _, g := range ds[i:] {
				if in.day[g]-in.day[f] >= w.days {
					break
				}
				c++
			}
			p += max(0, c-w.max)
		}
	}
	return p
}

// penaltyDelta is how the penalty of s changes when f is added (delta +1)
// or removed (delta -1).
func (ls *search) penaltyDelta(s, f, delta int) int {
	d := delta * ls.near(s, f)
	for _, w := range ls.in.windows {
		d += ls.st.windowExcess(s, f, w, delta) - ls.st.windowExcess(s, f, w, 0)
	}
	return d
}

// setDev records that person s now deviates by d.
func (ls *search) setDev(s, d int) {
	old := ls.dev[s]
	ls.hist[old]--
	ls.hist[d]++
	ls.x += d - old
	ls.dev[s] = d
	ls.d = max(ls.d, d)
	for ls.d > 0 && ls.hist[ls.d] == 0 {
		ls.d--
	}
	switch {
	case d > 0 && ls.offAt[s] < 0:
		ls.offAt[s] = len(ls.off)
		ls.off = append(ls.off, s)
	case d == 0 && ls.offAt[s] >= 0:
		i, last := ls.offAt[s], ls.off[len(ls.off)-1]
		ls.off[i], ls.offAt[last] = last, i
		ls.off = ls.off[:len(ls.off)-1]
		ls.offAt[s] = -1
	}
}

// mask drops from k what the current phase does not minimise.
func (ls *search) mask(k key) key {
	if !ls.in.fair {
		k.d, k.x = 0, 0
	}
	if !ls.phase1 {
		k.x = 0
	}
	return k
}

func (ls *search) now() key { return key{ls.hard, ls.d, ls.x, ls.w} }

func (ls *search) short(g, c int) int { return max(0, ls.in.groups[g].min-c) }

// movable reports whether a may leave date f: on duty and not pinned.
func (ls *search) movable(f, a int) bool {
	k := ls.in.at(a, f)
	return ls.st.on[k] && !ls.in.pinned[k]
}

// enterable reports whether b may join date f: not on duty, available and
// not pinned off. Spacing and windows are the penalty's business.
func (ls *search) enterable(f, b int) bool {
	k := ls.in.at(b, f)
	return !ls.st.on[k] && ls.in.avail[k] && !ls.in.pinOff[k]
}

// after returns the key, unmasked, of the rota in which b replaces a on f.
// It assumes movable(f, a) and enterable(f, b).
func (ls *search) after(f, a, b int) key {
	in, st := ls.in, ls.st
	h := ls.hard
	base := f * ls.ng
	for _, g := range in.groupsOf[a] {
		if !in.groups[g].member[b] {
			c := ls.cnt[base+g]
			h += ls.short(g, c-1) - ls.short(g, c)
		}
	}
	for _, g := range in.groupsOf[b] {
		if !in.groups[g].member[a] {
			c := ls.cnt[base+g]
			h += ls.short(g, c+1) - ls.short(g, c)
		}
	}
	h += ls.penaltyDelta(a, f, -1) + ls.penaltyDelta(b, f, +1)
	if k := in.at(a, f); !in.avail[k] || in.pinOff[k] {
		h--
	}
	if in.pinned[in.at(b, f)] {
		h-- // b was pinned to work on f and was not on duty
	}
	oa, ob := ls.dev[a], ls.dev[b]
	na, nb := in.deviation(a, st.total[a]-1), in.deviation(b, st.total[b]+1)
	hh := ls.hist
	hh[oa]--
	hh[na]++
	hh[ob]--
	hh[nb]++
	d := max(ls.d, na, nb)
	for d > 0 && hh[d] == 0 {
		d--
	}
	hh[oa]++
	hh[na]--
	hh[ob]++
	hh[nb]--
	w := ls.w - in.swing(a, f) + in.swing(b, f)
	return key{h, d, ls.x + na - oa + nb - ob, w}
}

// apply makes the move whose key after computed.
func (ls *search) apply(f, a, b int, k key) {
	in, st := ls.in, ls.st
	ls.pen[a] += ls.penaltyDelta(a, f, -1)
	ls.pen[b] += ls.penaltyDelta(b, f, +1)
	base := f * ls.ng
	for _, g := range in.groupsOf[a] {
		ls.cnt[base+g]--
	}
	for _, g := range in.groupsOf[b] {
		ls.cnt[base+g]++
	}
	st.remove(a, f)
	st.add(b, f)
	ls.hard, ls.w = k.h, k.w
	ls.setDev(a, in.deviation(a, st.total[a]))
	ls.setDev(b, in.deviation(b, st.total[b]))
}

// run tries moves until the budget is spent, nothing is left to improve,
// the time limit passes (nil) or ctx is done (its error).
func (ls *search) run(ctx context.Context, moves int, began time.Time, limit time.Duration) error {
	for m := 0; m < moves; m++ {
		if m%128 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if limit > 0 && time.Since(began) > limit {
				return nil
			}
		}
		if ls.phase1 && (ls.x == 0 || m >= moves/2) {
			ls.phase1 = false
		}
		if ls.hard == 0 && ls.w == 0 && (ls.d == 0 || !ls.in.fair) {
			return nil // provably optimal: nothing to gain
		}
		ls.step()
	}
	return nil
}

// step aims one move and makes it unless it makes the rota worse.
func (ls *search) step() {
	in, st := ls.in, ls.st
	f, a, b := -1, -1, -1
	r := ls.intn(100)
	switch {
	case ls.hard > 0:
		f, a, b = ls.repair()
	case in.fair && len(ls.off) > 0 && r < 50:
		s := ls.off[ls.intn(len(ls.off))]
		if ds := st.duties[s]; st.total[s] > in.high[s] && len(ds) > 0 {
			f, a = ds[ls.intn(len(ds))], s
		} else if st.total[s] < in.low[s] {
			f, b = ls.freeDate(s), s
		}
	case ls.w > 0 && r < 85:
		for range 4 {
			q := in.requests[ls.intn(len(in.requests))]
			if st.on[in.at(q.s, q.f)] != q.avoid {
				continue // met
			}
			f = q.f
			if q.avoid {
				a = q.s
			} else {
				b = q.s
			}
			break
		}
	default:
		f = ls.intn(in.nd)
		if len(st.onDuty[f]) > 0 {
			a = st.onDuty[f][ls.intn(len(st.onDuty[f]))]
		}
	}
	if f < 0 || (a < 0 && b < 0) {
		return
	}
	var k key
	switch {
	case a >= 0 && b < 0:
		b, k = ls.replacement(f, a)
	case b >= 0 && a < 0:
		a, k = ls.leaver(f, b)
	default:
		if ls.movable(f, a) && ls.enterable(f, b) {
			k = ls.after(f, a, b)
		} else {
			a = -1
		}
	}
	if a < 0 || b < 0 {
		return
	}
	if ls.mask(k).cmp(ls.mask(ls.now())) <= 0 {
		ls.apply(f, a, b, k)
	}
}

// freeDate returns a random date on which s could join without breaking
// spacing or a window, or -1.
func (ls *search) freeDate(s int) int {
	var free []int
	for f := range ls.in.nd {
		if ls.enterable(f, s) && ls.st.spaced(s, f) && ls.st.windowed(s, f) {
			free = append(free, f)
		}
	}
	if len(free) == 0 {
		return -1
	}
	return free[ls.intn(len(free))]
}

// replacement returns the best of a sample of people who could take a's
// place on f, half of them drawn from the people outside their share, and
// the key after the swap; b is -1 when there is none.
func (ls *search) replacement(f, a int) (b int, best key) {
	b = -1
	if !ls.movable(f, a) {
		return -1, best
	}
	for i := range ls.sample {
		var c int
		if i%2 == 0 && len(ls.off) > 0 {
			c = ls.off[ls.intn(len(ls.off))]
		} else {
			c = ls.intn(ls.in.n)
		}
		if c == a || !ls.enterable(f, c) {
			continue
		}
		if k := ls.after(f, a, c); b < 0 || ls.mask(k).cmp(ls.mask(best)) < 0 {
			b, best = c, k
		}
	}
	return b, best
}

// leaver returns the best person on duty on f to make room for b, from all
// of them or a sample when there are many, and the key after the swap.
func (ls *search) leaver(f, b int) (a int, best key) {
	a = -1
	if f < 0 || !ls.enterable(f, b) {
		return -1, best
	}
	on := ls.st.onDuty[f]
	try := func(c int) {
		if !ls.movable(f, c) {
			return
		}
		if k := ls.after(f, c, b); a < 0 || ls.mask(k).cmp(ls.mask(best)) < 0 {
			a, best = c, k
		}
	}
	if len(on) <= ls.sample {
		for _, c := range on {
			try(c)
		}
	} else {
		for range ls.sample {
			try(on[ls.intn(len(on))])
		}
	}
	return a, best
}

// repair aims a move at a broken rule: a person too close to their own
// duty, or a date short of a unit or role.
func (ls *search) repair() (f, a, b int) {
	in, st := ls.in, ls.st
	var people []int
	for s := range in.n {
		if ls.pen[s] > 0 {
			people = append(people, s)
		}
	}
	type gap struct{ f, g int }
	var gaps []gap
	for f := range in.nd {
		for g, gr := range in.groups {
			if ls.cnt[f*ls.ng+g] < gr.min {
				gaps = append(gaps, gap{f, g})
			}
		}
	}
	switch pick := ls.intn(max(1, len(people)+len(gaps))); {
	case pick < len(people):
		s := people[pick]
		var bad []int
		for _, f := range st.duties[s] {
			if ls.movable(f, s) && ls.penaltyDelta(s, f, -1) < 0 {
				bad = append(bad, f)
			}
		}
		if len(bad) == 0 {
			return -1, -1, -1
		}
		f = bad[ls.intn(len(bad))]
		b, _ = ls.bestOf(f, s, nil)
		return f, s, b
	case pick-len(people) < len(gaps):
		gp := gaps[pick-len(people)]
		member := in.groups[gp.g].member
		// The best member to bring in, against the best non-member to
		// take out.
		best := key{h: -1}
		for _, c := range st.onDuty[gp.f] {
			if member[c] || !ls.movable(gp.f, c) {
				continue
			}
			if nb, k := ls.bestOf(gp.f, c, member); nb >= 0 && (best.h < 0 || ls.mask(k).cmp(ls.mask(best)) < 0) {
				f, a, b, best = gp.f, c, nb, k
			}
		}
		if best.h < 0 {
			return -1, -1, -1
		}
		return f, a, b
	}
	return -1, -1, -1
}

// bestOf returns the best replacement for a on f among everyone (members
// of member, when not nil), trying them all.
func (ls *search) bestOf(f, a int, member []bool) (int, key) {
	b, best := -1, key{}
	for c := range ls.in.n {
		if c == a || (member != nil && !member[c]) || !ls.enterable(f, c) {
			continue
		}
		if k := ls.after(f, a, c); b < 0 || ls.mask(k).cmp(ls.mask(best)) < 0 {
			b, best = c, k
		}
	}
	return b, best
}
