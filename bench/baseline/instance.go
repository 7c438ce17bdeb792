package baseline

import (
	"math/big"
	"slices"

	"github.com/rostersat/rostersat/model"
)

// instance is a Problem indexed for the heuristics: people and duty dates
// are numbers (their positions), every rule is a table. The demand,
// availability and shares are model.Facts, shared with the solver; the
// rest is built from the Definitions of package model.
type instance struct {
	p      *model.Problem
	facts  *model.Facts
	n, nd  int          // staff, duty dates
	dates  []model.Date // duty dates in order
	day    []int        // days from the first duty date
	dateAt map[model.Date]int
	demand []int // c(f)
	avail  []bool
	// availCount[s] is a(s); availUpTo[s*nd+f] counts the dates <= f on
	// which s is available.
	availCount []int
	availUpTo  []int32

	pinWork [][]int // per date, people pinned to work
	pinOff  []bool  // person x date: pinned not to work
	pinned  []bool  // person x date: pinned to work

	groups   []group
	groupsOf [][]int // per person, the groups they count for

	spacing int // days; 0 is off
	windows []window

	// Requests, summed per person-date: reqs[s] lists, by date, what being
	// on duty and being off cost s.
	reqs     [][]reqCost
	requests []request

	fair         bool
	history      []int   // History.Duties
	percent      []int64 // p(s)
	histDates    []int64 // History.Dates
	bigN, bigW   int64   // N and W of the Definitions, when fits64
	floatN       float64 // N and W as floats, when not fits64
	floatW       float64
	low, high    []int
	share        []float64
	fits64       bool // N*w(s) and Total*W fit in int64
	maxDeviation int  // the largest deviation any count can give
}

// group is a unit or role minimum: at least min members on every date.
type group struct {
	rule   string // "unit mottagning", "role senior"
	min    int
	member []bool
}

type window struct{ days, max int }

type reqCost struct{ f, on, off int }

type request struct {
	s, f   int
	avoid  bool
	weight int
}

func (in *instance) at(s, f int) int { return s*in.nd + f }

// newInstance indexes a valid problem.
func newInstance(p *model.Problem) *instance {
	facts := p.Facts()
	in := &instance{p: p, facts: facts, n: len(p.Staff), dates: facts.Dates, demand: facts.Demand}
	in.nd = len(in.dates)
	in.dateAt = make(map[model.Date]int, in.nd)
	in.day = make([]int, in.nd)
	for f, d := range in.dates {
		in.dateAt[d] = f
		in.day[f] = in.dates[0].DaysUntil(d)
	}
	staffAt := make(map[string]int, in.n)
	for s, st := range p.Staff {
		staffAt[st.ID] = s
	}
	in.availability()
	in.rules(staffAt)
	in.fairness()
	return in
}

// availability flattens the facts' availability and counts, per person,
// the available dates up to each date.
func (in *instance) availability() {
	n, nd := in.n, in.nd
	in.avail = make([]bool, n*nd)
	in.availCount = make([]int, n)
	in.availUpTo = make([]int32, n*nd)
	for s := range n {
		c := 0
		for f := range nd {
			ok := in.facts.Available[s][f]
			in.avail[in.at(s, f)] = ok
			if ok {
				c++
			}
			in.availUpTo[in.at(s, f)] = int32(c)
		}
		in.availCount[s] = c
	}
}

func (in *instance) rules(staffAt map[string]int) {
	n, nd := in.n, in.nd
	r := in.p.Rules
	in.pinWork = make([][]int, nd)
	in.pinOff = make([]bool, n*nd)
	in.pinned = make([]bool, n*nd)
	for _, pin := range in.p.Pins {
		s, f := staffAt[pin.Staff], in.dateAt[pin.Date]
		if pin.Work {
			in.pinWork[f] = append(in.pinWork[f], s)
			in.pinned[in.at(s, f)] = true
		} else {
			in.pinOff[in.at(s, f)] = true
		}
	}
	in.groupsOf = make([][]int, n)
	add := func(rule string, min int, in1 func(model.Staff) bool) {
		g := group{rule: rule, min: min, member: make([]bool, n)}
		for s, st := range in.p.Staff {
			if in1(st) {
				g.member[s] = true
				in.groupsOf[s] = append(in.groupsOf[s], len(in.groups))
			}
		}
		in.groups = append(in.groups, g)
	}
	for _, m := range r.UnitMinimums {
		add("unit "+m.Unit, m.Min, func(st model.Staff) bool { return st.Unit == m.Unit })
	}
	for _, m := range r.RoleMinimums {
		add("role "+m.Role, m.Min, func(st model.Staff) bool { return slices.Contains(st.Roles, m.Role) })
	}
	in.spacing = 7 * r.Spacing.Weeks
	for _, w := range r.Windows {
		in.windows = append(in.windows, window{days: 7 * w.Weeks, max: w.Max})
	}
	in.reqs = make([][]reqCost, n)
	for _, q := range in.p.Requests {
		s, f := staffAt[q.Staff], in.dateAt[q.Date]
		w := q.Weight
		if w == 0 {
			w = 1
		}
		rq := request{s: s, f: f, avoid: q.Kind == model.Avoid, weight: w}
		in.requests = append(in.requests, rq)
		rs := in.reqs[s]
		i, found := slices.BinarySearchFunc(rs, f, func(r reqCost, f int) int { return r.f - f })
		if !found {
			rs = slices.Insert(rs, i, reqCost{f: f})
		}
		if rq.avoid {
			rs[i].on += w
		} else {
			rs[i].off += w
		}
		in.reqs[s] = rs
	}
}

// fairness computes N and W for the greedy's comparisons, and takes
// every person's share, floor and ceiling from the facts.
func (in *instance) fairness() {
	n := in.n
	in.fair = !in.p.Rules.Fairness.Off
	in.history = make([]int, n)
	in.percent = make([]int64, n)
	in.histDates = make([]int64, n)
	in.low, in.high = make([]int, n), make([]int, n)
	in.share = make([]float64, n)
	bigN, bigW := new(big.Int), new(big.Int)
	for _, c := range in.demand {
		bigN.Add(bigN, big.NewInt(int64(c)))
	}
	w := make([]*big.Int, n)
	for s, st := range in.p.Staff {
		in.history[s] = st.History.Duties
		bigN.Add(bigN, big.NewInt(int64(st.History.Duties)))
		pc := int64(st.Percent)
		if pc == 0 {
			pc = 100
		}
		in.percent[s], in.histDates[s] = pc, int64(st.History.Dates)
		w[s] = big.NewInt(pc * (int64(in.availCount[s]) + in.histDates[s]))
		bigW.Add(bigW, w[s])
	}
	in.bigN, in.bigW = bigN.Int64(), bigW.Int64()
	in.floatN, _ = new(big.Float).SetInt(bigN).Float64()
	in.floatW, _ = new(big.Float).SetInt(bigW).Float64()
	// The greedy compares N*p(s)*(History.Dates+available so far) -
	// Total*W in int64. Within the model's limits (model.MaxStaff and
	// the rest) both terms stay below 2^55; check anyway, since
	// the limits are the model's to change.
	limit := big.NewInt(1 << 62)
	maxW, maxTotal := big.NewInt(0), int64(in.nd)
	for s := range n {
		if w[s].Cmp(maxW) > 0 {
			maxW = w[s]
		}
		maxTotal = max(maxTotal, int64(in.history[s])+int64(in.nd))
	}
	in.fits64 = new(big.Int).Mul(bigN, maxW).Cmp(limit) < 0 &&
		new(big.Int).Mul(big.NewInt(maxTotal), bigW).Cmp(limit) < 0
	for s, sh := range in.facts.Shares {
		in.low[s], in.high[s], in.share[s] = sh.Low, sh.High, sh.Value
	}
	for s := range n {
		in.maxDeviation = max(in.maxDeviation, in.low[s], in.history[s]+in.nd-in.high[s])
	}
}

// deviation is the deviation of person s with total duties.
func (in *instance) deviation(s, total int) int {
	return max(0, in.low[s]-total, total-in.high[s])
}

// swing is how much more the requests of s cost when s is on duty on f
// than when s is off.
func (in *instance) swing(s, f int) int {
	rs := in.reqs[s]
	if len(rs) > 8 {
		i, found := slices.BinarySearchFunc(rs, f, func(r reqCost, f int) int { return r.f - f })
		if !found {
			return 0
		}
		return rs[i].on - rs[i].off
	}
	for _, r := range rs {
		if r.f == f {
			return r.on - r.off
		}
	}
	return 0
}
