package baseline

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rostersat/rostersat/model"
)

// ErrBroken is wrapped by the error a runner returns when its schedule
// breaks a hard rule; the message names each broken rule, date and person.
var ErrBroken = errors.New("baseline: hard rule broken")

// state is a rota under construction: who is on duty on each date.
type state struct {
	in     *instance
	onDuty [][]int // per date, people on duty (in no particular order)
	duties [][]int // per person, duty dates in increasing order
	on     []bool  // person x date
	total  []int   // History.Duties + duties
}

func newState(in *instance) *state {
	st := &state{
		in:     in,
		onDuty: make([][]int, in.nd),
		duties: make([][]int, in.n),
		on:     make([]bool, in.n*in.nd),
		total:  slices.Clone(in.history),
	}
	return st
}

func (st *state) add(s, f int) {
	st.onDuty[f] = append(st.onDuty[f], s)
	i, _ := slices.BinarySearch(st.duties[s], f)
	st.duties[s] = slices.Insert(st.duties[s], i, f)
	st.on[st.in.at(s, f)] = true
	st.total[s]++
}

func (st *state) remove(s, f int) {
	i := slices.Index(st.onDuty[f], s)
	st.onDuty[f] = slices.Delete(st.onDuty[f], i, i+1)
	j, _ := slices.BinarySearch(st.duties[s], f)
	st.duties[s] = slices.Delete(st.duties[s], j, j+1)
	st.on[st.in.at(s, f)] = false
	st.total[s]--
}

// spaced reports whether s can take date f without a duty of s closer than
// the spacing.
func (st *state) spaced(s, f int) bool {
	in := st.in
	if in.spacing == 0 {
		return true
	}
	ds := st.duties[s]
	i, _ := slices.BinarySearch(ds, f)
	if i > 0 && in.day[f]-in.day[ds[i-1]] < in.spacing {
		return false
	}
	if i < len(ds) && ds[i] != f && in.day[ds[i]]-in.day[f] < in.spacing {
		return false
	}
	return true
}

// windowed reports whether s can take date f without breaking a Window.
func (st *state) windowed(s, f int) bool {
	for _, w := range st.in.windows {
		if st.windowExcess(s, f, w, +1) > st.windowExcess(s, f, w, 0) {
			return false
		}
	}
	return true
}

// windowExcess sums, over the windows of w that start at a duty date of s
// in (day(f)-w.days, day(f)], how far their count exceeds w.max, with f
// added (delta +1), removed (delta -1) or as it is (delta 0). These are
// the windows whose count f changes, together with the window starting at
// f itself.
func (st *state) windowExcess(s, f int, w window, delta int) int {
	in := st.in
	ds := st.duties[s]
	lo, hi := in.day[f]-w.days+1, in.day[f]+w.days-1
	var near [64]int
	days := near[:0]
	fIn := false
	for _, g := range ds {
		d := in.day[g]
		if d < lo || d > hi {
			continue
		}
		if g == f {
			fIn = true
			if delta < 0 {
				continue
			}
		}
		days = append(days, d)
	}
	if delta > 0 && !fIn {
		i, _ := slices.BinarySearch(days, in.day[f])
		days = slices.Insert(days, i, in.day[f])
	}
	excess := 0
	for i, start := range days {
		if start > in.day[f] {
			break
		}
		c := 0
		for _, d := range days[i:] {
			if d > start+w.days-1 {
				break
			}
			c++
		}
		excess += max(0, c-w.max)
	}
	return excess
}

// eligible reports whether s may be put on duty on f: available, not
// pinned off, not already on; strict also asks for spacing and windows.
func (st *state) eligible(s, f int, strict bool) bool {
	in := st.in
	k := in.at(s, f)
	if !in.avail[k] || in.pinOff[k] || st.on[k] {
		return false
	}
	return !strict || (st.spaced(s, f) && st.windowed(s, f))
}

// construct builds a rota date by date. Work pins go in first, all of
// them; then each date is filled by fill with the people order(f) lists,
// best first.
func construct(in *instance, order func(st *state, f int) []int, ctx interface{ Err() error }) (*state, error) {
	st := newState(in)
	for f, ps := range in.pinWork {
		for _, s := range ps {
			if !st.on[in.at(s, f)] {
				st.add(s, f)
			}
		}
	}
	for f := range in.nd {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		st.fill(f, order(st, f))
	}
	return st, nil
}

// fill completes date f from the candidates in order: first the unit and
// role minimums, the rule with the fewest eligible members first, then the
// coverage. It keeps every hard rule when it can; when it cannot, it gives
// up spacing and windows before it leaves a place empty.
//
// It also looks ahead. Everyone on duty on f is barred, by the spacing, from
// the coming dates within the spacing of f; so a rule that needs min
// people on each of those u dates needs min*u distinct members free for
// them. While a member's going on duty on f would leave fewer than that,
// the member is held in reserve: picked only when no one else will do.
func (st *state) fill(f int, order []int) {
	in := st.in
	room := func() bool { return len(st.onDuty[f]) < in.demand[f] }
	count := func(g int) int {
		c := 0
		for _, s := range st.onDuty[f] {
			if in.groups[g].member[s] {
				c++
			}
		}
		return c
	}
	rs := st.reserve(f)
	type scarce struct{ g, eligible int }
	var gs []scarce
	for g, gr := range in.groups {
		e := 0
		for _, s := range order {
			if gr.member[s] && st.eligible(s, f, true) {
				e++
			}
		}
		gs = append(gs, scarce{g, e})
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].eligible < gs[j].eligible })
	for _, sc := range gs {
		g := in.groups[sc.g]
		for count(sc.g) < g.min && room() {
			if !st.pick(f, order, true, g.member, rs, -1) && !st.pick(f, order, true, g.member, rs, sc.g) &&
				!st.pick(f, order, true, g.member, nil, -1) && !st.pick(f, order, false, g.member, nil, -1) {
				break
			}
		}
	}
	for room() {
		if !st.pick(f, order, true, nil, rs, -1) && !st.pick(f, order, true, nil, nil, -1) &&
			!st.pick(f, order, false, nil, nil, -1) {
			break
		}
	}
}

// reserve tracks, for one date f, how many members of each rule are free
// for the coming dates within the spacing of f. Taking the first j coming
// dates together, they need min*j distinct members who are free (eligible)
// on at least one of them, since nobody can take two of them.
type reserve struct {
	st    *state
	first []int   // person: index of the first coming date they are free on, or -1
	free  [][]int // group x j: members free on one of the first j+1 coming dates
	min   []int
}

func (st *state) reserve(f int) *reserve {
	in := st.in
	var coming []int
	for g := f + 1; g < in.nd && in.day[g]-in.day[f] < in.spacing; g++ {
		coming = append(coming, g)
	}
	if len(coming) == 0 || len(in.groups) == 0 {
		return nil
	}
	rs := &reserve{st: st, first: make([]int, in.n), free: make([][]int, len(in.groups)),
		min: make([]int, len(in.groups))}
	for g, gr := range in.groups {
		rs.free[g] = make([]int, len(coming))
		rs.min[g] = gr.min
	}
	for s := range rs.first {
		rs.first[s] = -1
	}
	for s := range in.n {
		if st.on[in.at(s, f)] || len(in.groupsOf[s]) == 0 {
			continue
		}
		for j, h := range coming {
			if st.eligible(s, h, true) {
				rs.first[s] = j
				for _, g := range in.groupsOf[s] {
					for k := j; k < len(coming); k++ {
						rs.free[g][k]++
					}
				}
				break
			}
		}
	}
	return rs
}

// held reports whether s is held in reserve for a rule other than except
// (for any rule when except is -1).
func (rs *reserve) held(s, except int) bool {
	j := rs.first[s]
	if j < 0 {
		return false
	}
	for _, g := range rs.st.in.groupsOf[s] {
		if g == except {
			continue
		}
		for k := j; k < len(rs.free[g]); k++ {
			if rs.free[g][k]-1 < rs.min[g]*(k+1) {
				return true
			}
		}
	}
	return false
}

// took records that s went on duty.
func (rs *reserve) took(s int) {
	j := rs.first[s]
	if j < 0 {
		return
	}
	for _, g := range rs.st.in.groupsOf[s] {
		for k := j; k < len(rs.free[g]); k++ {
			rs.free[g][k]--
		}
	}
	rs.first[s] = -1
}

// pick puts the first eligible candidate on duty on f and reports whether
// there was one. Only members count when member is not nil; with a
// reserve, people it holds for a rule other than except are passed over.
func (st *state) pick(f int, order []int, strict bool, member []bool, rs *reserve, except int) bool {
	for _, s := range order {
		if (member == nil || member[s]) && st.eligible(s, f, strict) && (rs == nil || !rs.held(s, except)) {
			st.add(s, f)
			if rs != nil {
				rs.took(s)
			}
			return true
		}
	}
	return false
}

// deviation returns the schedule's D, counting every person.
func (st *state) deviation() int {
	d := 0
	for s := range st.in.n {
		d = max(d, st.in.deviation(s, st.total[s]))
	}
	return d
}

// requestCost returns the schedule's W.
func (st *state) requestCost() int {
	w := 0
	for _, q := range st.in.requests {
		if st.on[st.in.at(q.s, q.f)] == q.avoid {
			w += q.weight
		}
	}
	return w
}

// schedule writes the rota as a model.Schedule. Its status is Feasible
// when every hard rule holds; otherwise it is Unknown and the error wraps
// ErrBroken and names the broken rules.
func (st *state) schedule(began time.Time) (*model.Schedule, error) {
	in := st.in
	on := make([][]bool, in.n)
	for s := range on {
		on[s] = make([]bool, in.nd)
		for _, f := range st.duties[s] {
			on[s][f] = true
		}
	}
	sch := in.facts.Schedule(in.p, model.Feasible, on)
	sch.SetLevels(in.p.Levels(), nil)
	var err error
	if broken := st.broken(); len(broken) > 0 {
		sch.Status = model.Unknown
		const show = 8
		msg := strings.Join(broken[:min(show, len(broken))], "; ")
		if len(broken) > show {
			msg += fmt.Sprintf("; and %d more", len(broken)-show)
		}
		err = fmt.Errorf("%w: %s", ErrBroken, msg)
	}
	sch.Stats.Total = time.Since(began)
	return sch, err
}

// broken lists every broken hard rule, in date and then person order.
func (st *state) broken() []string {
	in := st.in
	var out []string
	for f, d := range in.dates {
		if c := len(st.onDuty[f]); c != in.demand[f] {
			out = append(out, fmt.Sprintf("coverage %s: %d on duty, want %d", d, c, in.demand[f]))
		}
		for _, s := range st.onDuty[f] {
			if !in.avail[in.at(s, f)] {
				out = append(out, fmt.Sprintf("availability %s: %s is not available", d, in.p.Staff[s].ID))
			}
			if in.pinOff[in.at(s, f)] {
				out = append(out, fmt.Sprintf("pin %s: %s is pinned off", d, in.p.Staff[s].ID))
			}
		}
		for _, s := range in.pinWork[f] {
			if !st.on[in.at(s, f)] {
				out = append(out, fmt.Sprintf("pin %s: %s is pinned to work", d, in.p.Staff[s].ID))
			}
		}
		for _, g := range in.groups {
			c := 0
			for _, s := range st.onDuty[f] {
				if g.member[s] {
					c++
				}
			}
			if c < g.min {
				out = append(out, fmt.Sprintf("%s %s: %d on duty, want at least %d", g.rule, d, c, g.min))
			}
		}
	}
	for s, ds := range st.duties {
		id := in.p.Staff[s].ID
		for i := 1; i < len(ds) && in.spacing > 0; i++ {
			if gap := in.day[ds[i]] - in.day[ds[i-1]]; gap < in.spacing {
				out = append(out, fmt.Sprintf("spacing %s: %s and %s are %d days apart, want %d",
					id, in.dates[ds[i-1]], in.dates[ds[i]], gap, in.spacing))
			}
		}
		for _, w := range in.windows {
			for i, g := range ds {
				c := 0
				for _, h := range ds[i:] {
					if in.day[h]-in.day[g] < w.days {
						c++
					}
				}
				if c > w.max {
					out = append(out, fmt.Sprintf("window %s: %d duties in the %d days from %s, want at most %d",
						id, c, w.days, in.dates[g], w.max))
				}
			}
		}
	}
	return out
}
