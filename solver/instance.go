package solver

import (
	"time"

	"github.com/rostersat/rostersat/model"
)

// instance is a validated problem turned into indices: staff 0..S-1 in
// problem order, duty dates 0..F-1 in date order. The encoder and the
// bounds work on it and never look at the problem's strings again.
type instance struct {
	p      *model.Problem
	dates  []model.Date
	day    []int // day number of each date, for gaps without calendar arithmetic
	demand []int // people on duty per date

	avail [][]bool // avail[s][f]: s may be on duty on f (availability, less off-pins)
	pin   [][]int8 // pin[s][f]: +1 must work, -1 must not, 0 free

	hist   []int // History.Duties
	lo, hi []int // floor and ceiling of the share, on Total
	share  []float64
	cap    []int // most period duties s can take under availability and spacing

	unitOf   []int   // unit index per person, -1 for none
	unitMin  []int   // per unit: the largest UnitMinimum naming it
	roleHold [][]int // per role: the people holding it
	roleOf   [][]int // per person: the roles they hold
	roleMin  []int   // per role: the largest RoleMinimum naming it

	spacingDays int // two duties of one person lie at least this many days apart
	windows     []model.Window

	// Request costs per person-date: what x=true and x=false cost, and the
	// cost no schedule can avoid (requests on dates a person cannot work
	// or is pinned for).
	costTrue, costFalse [][]int
	fixedCost           int
}

func newInstance(p *model.Problem) *instance {
	in := &instance{p: p, dates: p.Period.DutyDates()}
	S, F := len(p.Staff), len(in.dates)
	dateIndex := make(map[model.Date]int, F)
	in.day = make([]int, F)
	for f, d := range in.dates {
		dateIndex[d] = f
		if f > 0 {
			in.day[f] = in.day[f-1] + in.dates[f-1].DaysUntil(d)
		}
	}
	staffIndex := make(map[string]int, S)
	for s, st := range p.Staff {
		staffIndex[st.ID] = s
	}

	in.demand = make([]int, F)
	per := p.Rules.Coverage.PerDate
	if per == 0 {
		per = model.DefaultStaffPerDate
	}
	for f := range in.demand {
		in.demand[f] = per
	}
	for _, dc := range p.Rules.Coverage.Dates {
		in.demand[dateIndex[dc.Date]] = dc.Count
	}

	in.avail = grid[bool](S, F)
	in.pin = grid[int8](S, F)
	for s, st := range p.Staff {
		off := map[time.Weekday]bool{}
		for _, w := range st.OffWeekdays {
			off[time.Weekday(w)] = true
		}
		for f, d := range in.dates {
			in.avail[s][f] = (st.Start.IsZero() || !d.Before(st.Start)) &&
				(st.End.IsZero() || !d.After(st.End)) && !off[d.Weekday()]
		}
	}
	for _, a := range p.Absences {
		s := staffIndex[a.Staff]
		for f, d := range in.dates {
			if !d.Before(a.First) && !d.After(a.Last) {
				in.avail[s][f] = false
			}
		}
	}
	in.fairShares()
	for _, pin := range p.Pins {
		s, f := staffIndex[pin.Staff], dateIndex[pin.Date]
		if pin.Work {
			in.pin[s][f] = 1
		} else {
			in.pin[s][f] = -1
		}
	}

	in.spacingDays = 7 * p.Rules.Spacing.Weeks
	in.windows = p.Rules.Windows
	in.caps()
	in.groups(staffIndex)
	in.requests(staffIndex, dateIndex)
	return in
}

func grid[T any](rows, cols int) [][]T {
	g := make([][]T, rows)
	for i := range g {
		g[i] = make([]T, cols)
	}
	return g
}

// fairShares computes each person's share N*w/W, exactly in integers.
func (in *instance) fairShares() {
	p := in.p
	S := len(p.Staff)
	in.hist = make([]int, S)
	in.lo, in.hi = make([]int, S), make([]int, S)
	in.share = make([]float64, S)
	w := make([]int64, S)
	var N, W int64
	for _, c := range in.demand {
		N += int64(c)
	}
	for s, st := range p.Staff {
		in.hist[s] = st.History.Duties
		N += int64(st.History.Duties)
		a := 0
		for _, ok := range in.avail[s] {
			if ok {
				a++
			}
		}
		pct := int64(st.Percent)
		if pct == 0 {
			pct = 100
		}
		w[s] = pct * int64(a+st.History.Dates)
		W += w[s]
	}
	if W == 0 {
		return
	}
	for s := range w {
		num := N * w[s]
		in.lo[s] = int(num / W)
		in.hi[s] = in.lo[s]
		if num%W != 0 {
			in.hi[s]++
		}
		in.share[s] = float64(num) / float64(W)
	}
}

// caps bounds each person's period duties from above by packing their
// available dates greedily under the spacing rule: taking the earliest
// date that keeps the spacing is optimal for a single minimum gap.
func (in *instance) caps() {
	in.cap = make([]int, len(in.p.Staff))
	for s := range in.cap {
		last := -1
		for f := range in.dates {
			if !in.avail[s][f] || in.pin[s][f] < 0 {
				continue
			}
			if last < 0 || in.gap(last, f) >= in.spacingDays {
				in.cap[s]++
				last = f
			}
		}
	}
}

func (in *instance) groups(staffIndex map[string]int) {
	p := in.p
	unitIndex := map[string]int{}
	for u, un := range p.Units {
		unitIndex[un.ID] = u
	}
	in.unitOf = make([]int, len(p.Staff))
	for s, st := range p.Staff {
		in.unitOf[s] = -1
		if u, ok := unitIndex[st.Unit]; ok {
			in.unitOf[s] = u
		}
	}
	in.unitMin = make([]int, len(p.Units))
	for _, m := range p.Rules.UnitMinimums {
		u := unitIndex[m.Unit]
		in.unitMin[u] = max(in.unitMin[u], m.Min)
	}
	roleIndex := map[string]int{}
	for r, ro := range p.Roles {
		roleIndex[ro.ID] = r
	}
	in.roleHold = make([][]int, len(p.Roles))
	in.roleOf = make([][]int, len(p.Staff))
	for s, st := range p.Staff {
		for _, r := range st.Roles {
			in.roleHold[roleIndex[r]] = append(in.roleHold[roleIndex[r]], s)
			in.roleOf[s] = append(in.roleOf[s], roleIndex[r])
		}
	}
	in.roleMin = make([]int, len(p.Roles))
	for _, m := range p.Rules.RoleMinimums {
		r := roleIndex[m.Role]
		in.roleMin[r] = max(in.roleMin[r], m.Min)
	}
}

func (in *instance) requests(staffIndex map[string]int, dateIndex map[model.Date]int) {
	S, F := len(in.p.Staff), len(in.dates)
	in.costTrue, in.costFalse = grid[int](S, F), grid[int](S, F)
	for _, q := range in.p.Requests {
		s, f := staffIndex[q.Staff], dateIndex[q.Date]
		w := q.Weight
		if w == 0 {
			w = 1
		}
		if q.Kind == model.Avoid {
			in.costTrue[s][f] += w
		} else {
			in.costFalse[s][f] += w
		}
	}
	// Where the value of x is forced, its cost is fixed.
	for s := range S {
		for f := range F {
			switch {
			case !in.free(s, f):
				in.fixedCost += in.costFalse[s][f]
				in.costTrue[s][f], in.costFalse[s][f] = 0, 0
			case in.pin[s][f] > 0:
				in.fixedCost += in.costTrue[s][f]
				in.costTrue[s][f], in.costFalse[s][f] = 0, 0
			}
		}
	}
}

// gap returns the days from date f to date g.
func (in *instance) gap(f, g int) int { return in.day[g] - in.day[f] }

// free reports whether person s gets a variable for date f: available and
// not pinned off.
func (in *instance) free(s, f int) bool { return in.avail[s][f] && in.pin[s][f] >= 0 }

// deviation returns the fairness deviation of person s with n period duties.
func (in *instance) deviation(s, n int) int {
	t := in.hist[s] + n
	return max(0, in.lo[s]-t, t-in.hi[s])
}
