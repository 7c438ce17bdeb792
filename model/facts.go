package model

import (
	"math"
	"math/big"
	"sort"
)

// Facts are what the Definitions of the package documentation derive from
// a problem before any rota exists: its duty dates, the demand of each,
// who is available when, and everyone's fair share. People and dates are
// referred to by their positions: staff in problem order, dates in date
// order. The solver and the heuristics share these; [Check] derives its
// own, on purpose, so that a mistake here cannot hide behind the same
// mistake there.
type Facts struct {
	// Dates are the duty dates, in order (Period.DutyDates).
	Dates []Date
	// Demand[f] is c(f), the number of people on duty on Dates[f].
	Demand []int
	// Available[s][f] says whether Staff[s] is available on Dates[f]:
	// employed, not on an off weekday, not absent. Pins do not change it.
	Available [][]bool
	// Shares[s] is the fair share of Staff[s].
	Shares []Share
	// Intervals[s] is the ideal interval between the duties of Staff[s].
	Intervals []Interval
	// Classes are the facts of Period.Classes, in order.
	Classes []ClassFacts
	// Published[s][f] says whether Staff[s] is in the published roster of
	// Dates[f] (Problem.Baseline); nil without a baseline.
	Published [][]bool
	// ChangeWeight[f] is what a change on Dates[f] costs: 0 on a frozen
	// date and on a date without a published roster; nil without a
	// baseline.
	ChangeWeight []int
	// Frozen[f] says whether Dates[f] keeps its published roster exactly;
	// nil without a baseline.
	Frozen []bool
}

// Share is a person's fair share of all duties, history included:
// N*w(s)/W, with its floor and ceiling computed exactly.
type Share struct {
	Value     float64
	Low, High int
}

// Facts derives the facts of p. It assumes a valid problem (see
// [Problem.Validate]); on another it returns what it can without
// panicking: IDs that name nobody are passed over.
func (p *Problem) Facts() *Facts {
	f := &Facts{Dates: p.Period.DutyDates()}
	f.Demand = p.demand(f.Dates)
	f.Available = p.availability(f.Dates)
	f.Shares = p.shares(f.Demand, f.Available)
	f.Intervals = p.intervals(f.Demand, f.Available)
	f.Classes = p.classes(f.Dates, f.Demand, f.Available)
	f.baseline(p)
	return f
}

// baseline fills the published rosters and the change weights.
func (f *Facts) baseline(p *Problem) {
	b := p.Baseline
	if b == nil {
		return
	}
	staffAt := staffIndex(p)
	f.Published = make([][]bool, len(p.Staff))
	for s := range f.Published {
		f.Published[s] = make([]bool, len(f.Dates))
	}
	f.ChangeWeight, f.Frozen = make([]int, len(f.Dates)), make([]bool, len(f.Dates))
	for _, r := range b.Dates {
		d, ok := dateIndex(f.Dates, r.Date)
		if !ok {
			continue
		}
		f.ChangeWeight[d] = b.ChangeWeight(r.Date, p.Period.Start)
		for _, id := range r.Staff {
			if s, ok := staffAt[id]; ok {
				f.Published[s][d] = true
			}
		}
	}
	for d, date := range f.Dates {
		f.Frozen[d] = b.Frozen(date)
	}
}

// Changes returns the weighted number of person-dates on which the rota
// on differs from the published one: 0 without a baseline.
func (f *Facts) Changes(on [][]bool) int {
	n := 0
	for s, row := range f.Published {
		for d, pub := range row {
			if on[s][d] != pub {
				n += f.ChangeWeight[d]
			}
		}
	}
	return n
}

// demand returns c(f) for every date: the override of Rules.Coverage.Dates
// if there is one (the first, if several), else Rules.Coverage.PerDate,
// else DefaultStaffPerDate.
func (p *Problem) demand(dates []Date) []int {
	per := p.Rules.Coverage.PerDate
	if per == 0 {
		per = DefaultStaffPerDate
	}
	c := make([]int, len(dates))
	for i := range c {
		c[i] = per
	}
	set := make([]bool, len(dates))
	for _, dc := range p.Rules.Coverage.Dates {
		if i, ok := dateIndex(dates, dc.Date); ok && !set[i] {
			c[i], set[i] = dc.Count, true
		}
	}
	return c
}

// dateIndex finds d among the sorted dates.
func dateIndex(dates []Date, d Date) (int, bool) {
	i := sort.Search(len(dates), func(i int) bool { return !dates[i].Before(d) })
	return i, i < len(dates) && dates[i] == d
}

// availability returns available[s][f]. Absences are applied by binary
// search over the dates, so the cost grows with the number of absences,
// not with absences times dates.
func (p *Problem) availability(dates []Date) [][]bool {
	staffAt := make(map[string]int, len(p.Staff))
	avail := make([][]bool, len(p.Staff))
	weekday := make([]Weekday, len(dates))
	for f, d := range dates {
		weekday[f] = Weekday(d.Weekday())
	}
	for s, st := range p.Staff {
		if _, dup := staffAt[st.ID]; !dup {
			staffAt[st.ID] = s
		}
		off := [7]bool{}
		for _, w := range st.OffWeekdays {
			if w >= 0 && w <= 6 {
				off[w] = true
			}
		}
		// Employed from dates[lo] to dates[hi-1], the dates being in order.
		lo, hi := 0, len(dates)
		if !st.Start.IsZero() {
			lo = sort.Search(len(dates), func(i int) bool { return !dates[i].Before(st.Start) })
		}
		if !st.End.IsZero() {
			hi = sort.Search(len(dates), func(i int) bool { return dates[i].After(st.End) })
		}
		row := make([]bool, len(dates))
		for f := lo; f < hi; f++ {
			row[f] = !off[weekday[f]]
		}
		avail[s] = row
	}
	for _, a := range p.Absences {
		s, ok := staffAt[a.Staff]
		if !ok {
			continue
		}
		first := sort.Search(len(dates), func(i int) bool { return !dates[i].Before(a.First) })
		for f := first; f < len(dates) && !dates[f].After(a.Last); f++ {
			avail[s][f] = false
		}
	}
	return avail
}

// shares computes N*w(s)/W for everyone, with floor and ceiling, exactly:
// in int64 where the products fit (always, within the limits), else in
// math/big.
func (p *Problem) shares(demand []int, avail [][]bool) []Share {
	var N, W int64
	ok := true // the sums and products fit in int64
	add := func(a, b int64) int64 {
		if b > 0 && a > math.MaxInt64-b || b < 0 && a < math.MinInt64-b {
			ok = false
		}
		return a + b
	}
	for _, c := range demand {
		N = add(N, int64(c))
	}
	w := make([]int64, len(p.Staff))
	for s, st := range p.Staff {
		N = add(N, int64(st.History.Duties))
		pct, a := weightOf(st, avail[s])
		if a > math.MaxInt32 || a < math.MinInt32 || pct > math.MaxInt32 || pct < math.MinInt32 {
			ok = false
		}
		w[s] = pct * a
		W = add(W, w[s])
	}
	out := make([]Share, len(p.Staff))
	for s := range w {
		if N != 0 && (w[s] > math.MaxInt64/abs64(N) || w[s] < -math.MaxInt64/abs64(N)) {
			ok = false
		}
	}
	if !ok {
		return p.bigShares(demand, avail)
	}
	if W <= 0 {
		return out
	}
	for s := range out {
		num := N * w[s]
		lo := num / W
		if num%W < 0 {
			lo-- // the floor, for a negative num
		}
		out[s].Low, out[s].High = int(lo), int(lo)
		if num%W != 0 {
			out[s].High++
		}
		out[s].Value = float64(num) / float64(W)
	}
	return out
}

// weightOf returns the two factors of a person's weight w(s): the
// employment percent (0 read as 100) and the dates available, this
// period's and History.Dates.
func weightOf(st Staff, avail []bool) (pct, dates int64) {
	dates = int64(st.History.Dates)
	for _, on := range avail {
		if on {
			dates++
		}
	}
	pct = int64(st.Percent)
	if pct == 0 {
		pct = 100
	}
	return pct, dates
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// bigWeights returns, in math/big, the N, w(s) and W of the fair share
// N*w(s)/W.
func (p *Problem) bigWeights(demand []int, avail [][]bool) (N *big.Int, w []*big.Int, W *big.Int) {
	N = new(big.Int)
	for _, c := range demand {
		N.Add(N, big.NewInt(int64(c)))
	}
	w = make([]*big.Int, len(p.Staff))
	W = new(big.Int)
	for s, st := range p.Staff {
		N.Add(N, big.NewInt(int64(st.History.Duties)))
		pct, a := weightOf(st, avail[s])
		w[s] = new(big.Int).Mul(big.NewInt(pct), big.NewInt(a))
		W.Add(W, w[s])
	}
	return N, w, W
}

// bigShares is shares in math/big, for inputs beyond the limits.
func (p *Problem) bigShares(demand []int, avail [][]bool) []Share {
	N, w, W := p.bigWeights(demand, avail)
	out := make([]Share, len(p.Staff))
	if W.Sign() <= 0 {
		return out
	}
	q, r := new(big.Int), new(big.Int)
	for s := range out {
		num := new(big.Int).Mul(N, w[s])
		q.DivMod(num, W, r) // Euclidean: the floor, for W > 0
		out[s].Low = int(q.Int64())
		out[s].High = out[s].Low
		if r.Sign() != 0 {
			out[s].High++
		}
		out[s].Value, _ = new(big.Rat).SetFrac(num, W).Float64()
	}
	return out
}

// Deviation returns the fairness deviation of person s with total duties
// (History.Duties included): max(0, Low-total, total-High).
func (f *Facts) Deviation(s, total int) int {
	sh := f.Shares[s]
	return max(0, sh.Low-total, total-sh.High)
}

// Schedule writes the rota on (on[s][f]: Staff[s] is on duty on Dates[f])
// as a Schedule of p with the given status: the rosters, every person's
// dates, total, share, interval, rhythm and class counts, and the
// objective's Deviation, RequestCost, Changes, ClassDeviation and Rhythm.
// Objective.Levels and Stats are left for the caller, who knows what was
// proven. An Unknown or Infeasible status gives a schedule with no rota.
func (f *Facts) Schedule(p *Problem, status Status, on [][]bool) *Schedule {
	s := &Schedule{Status: status, Dates: []DutyRoster{}, Staff: []StaffDuties{}}
	if status == Unknown || status == Infeasible {
		return s
	}
	s.Dates = make([]DutyRoster, len(f.Dates))
	for d, date := range f.Dates {
		s.Dates[d] = DutyRoster{Date: date, Staff: []string{}}
	}
	s.Staff = make([]StaffDuties, len(p.Staff))
	for i, st := range p.Staff {
		sh := f.Shares[i]
		sd := StaffDuties{ID: st.ID, Dates: []Date{}, Total: st.History.Duties, Share: sh.Value, Low: sh.Low, High: sh.High}
		for d, v := range on[i] {
			if v {
				sd.Dates = append(sd.Dates, f.Dates[d])
				s.Dates[d].Staff = append(s.Dates[d].Staff, st.ID)
				sd.Total++
			}
		}
		iv := f.Intervals[i]
		sd.Interval, sd.Rhythm = iv.Value, f.Rhythm(i, on[i])
		s.Objective.Rhythm += sd.Rhythm
		for k, c := range f.Classes {
			sh := c.Shares[i]
			sd.Classes = append(sd.Classes, ClassDuties{Class: c.ID, Count: f.ClassCount(k, on[i]), Share: sh.Value, Low: sh.Low, High: sh.High})
			s.Objective.ClassDeviation = max(s.Objective.ClassDeviation, f.ClassDeviation(k, i, on[i]))
		}
		s.Staff[i] = sd
		s.Objective.Deviation = max(s.Objective.Deviation, f.Deviation(i, sd.Total))
	}
	s.Objective.RequestCost = f.RequestCost(p, on)
	s.Objective.Changes = f.Changes(on)
	return s
}

// SetLevels sets the schedule's objective levels: one per kind, in order,
// with the schedule's value for it and bounds[i] as its proven bound (0,
// which always holds, when bounds is nil).
func (s *Schedule) SetLevels(kinds []LevelKind, bounds []int) {
	s.Objective.Levels = make([]Level, len(kinds))
	for i, k := range kinds {
		l := Level{Kind: k}
		switch k {
		case LevelFairness:
			l.Value = s.Objective.Deviation
		case LevelRequests:
			l.Value = s.Objective.RequestCost
		case LevelChanges:
			l.Value = s.Objective.Changes
		case LevelClasses:
			l.Value = s.Objective.ClassDeviation
		case LevelRhythm:
			l.Value = s.Objective.Rhythm
		}
		if bounds != nil {
			l.Bound = bounds[i]
		}
		s.Objective.Levels[i] = l
	}
}

// RequestCost returns the summed weight of the requests the rota leaves
// unmet.
func (f *Facts) RequestCost(p *Problem, on [][]bool) int {
	staffAt := staffIndex(p)
	cost := 0
	for _, q := range p.Requests {
		w := q.Weight
		if w == 0 {
			w = 1
		}
		s, ok := staffAt[q.Staff]
		d, isDate := dateIndex(f.Dates, q.Date)
		onDuty := ok && isDate && on[s][d]
		if (q.Kind == Avoid && onDuty) || (q.Kind == Prefer && !onDuty) {
			cost += w
		}
	}
	return cost
}

// staffIndex maps each staff ID to its position (the first, if listed
// twice).
func staffIndex(p *Problem) map[string]int {
	at := make(map[string]int, len(p.Staff))
	for s, st := range p.Staff {
		if _, dup := at[st.ID]; !dup {
			at[st.ID] = s
		}
	}
	return at
}
