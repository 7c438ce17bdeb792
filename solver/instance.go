package solver

import (
	"github.com/rostersat/rostersat/model"
)

// instance is a validated problem turned into indices: staff 0..S-1 in
// problem order, duty dates 0..F-1 in date order. The encoder, the bounds
// and the heuristics work on it and never look at the problem's strings
// again. Its hard rules are the rule instances in rules (see rules.go).
type instance struct {
	p      *model.Problem
	facts  *model.Facts
	dates  []model.Date
	day    []int // day number of each date, for gaps without calendar arithmetic
	demand []int // people on duty per date

	avail [][]bool // avail[s][f]: s is available on f (pins aside)

	hist   []int // History.Duties
	lo, hi []int // floor and ceiling of the share, on Total
	share  []float64
	cap    []int // most period duties s can take under the person's own rules

	unitOf   []int   // unit index per person, -1 for none
	unitMin  []int   // per unit: the largest UnitMinimum naming it
	unitMax  []int   // per unit: the smallest UnitMaximum naming it, -1 for none
	roleHold [][]int // per role: the people holding it
	roleOf   [][]int // per person: the roles they hold
	roleMin  []int   // per role: the largest RoleMinimum naming it

	spacingDays int        // two duties of one person lie at least this many days apart
	gapDays     int        // a run of dates a person is available on, this many days from first to last, holds a duty; -1: off
	runs        [][][2]int // per person: gapRuns, filled on first use (the repair asks on every move)
	windows     []model.Window

	staffAt map[string]int     // staff ID to index
	dateAt  map[model.Date]int // duty date to index

	// Request costs per person-date: what x=true and x=false cost, and the
	// cost no schedule can avoid (requests on dates a person cannot work
	// or is pinned for). Read only: rows without a request share one row of zeros.
	costTrue, costFalse [][]int
	fixedCost           int

	rules  rules // the hard rule instances
	limits       // what they ask, for the bounds and heuristics

	halt *halt // when the loops outside gini stop; nil: never
}

func newInstance(p *model.Problem) *instance { return buildInstance(p, nil) }

// buildInstance is newInstance whose steps stop with h: it returns nil
// when h has stopped it.
func buildInstance(p *model.Problem, h *halt) *instance {
	facts := p.Facts()
	if h.check() {
		return nil
	}
	in := &instance{p: p, facts: facts, dates: facts.Dates, demand: facts.Demand, avail: facts.Available, halt: h}
	S, F := len(p.Staff), len(in.dates)
	in.dateAt = make(map[model.Date]int, F)
	in.day = make([]int, F)
	for f, d := range in.dates {
		in.dateAt[d] = f
		if f > 0 {
			in.day[f] = in.day[f-1] + in.dates[f-1].DaysUntil(d)
		}
	}
	in.staffAt = make(map[string]int, S)
	for s, st := range p.Staff {
		in.staffAt[st.ID] = s
	}
	in.hist = make([]int, S)
	in.lo, in.hi, in.share = make([]int, S), make([]int, S), make([]float64, S)
	for s, st := range p.Staff {
		in.hist[s] = st.History.Duties
		sh := facts.Shares[s]
		in.lo[s], in.hi[s], in.share[s] = sh.Low, sh.High, sh.Value
	}
	// The problem's pins, from which the pin instances are made; the
	// instances then write the table the heuristics read (restrict).
	in.pin, in.pinnedOn = grid[int8](S, F), make([]int, F)
	for _, pin := range p.Pins {
		s, f := in.staffAt[pin.Staff], in.dateAt[pin.Date]
		if pin.Work {
			in.setPin(s, f, 1)
		} else {
			in.setPin(s, f, -1)
		}
	}
	in.spacingDays = 7 * p.Rules.Spacing.Weeks
	in.gapDays = -1
	if g := p.Rules.MaxGap.Weeks; g > 0 {
		in.gapDays = 7*g - 7
		in.runs = make([][][2]int, len(p.Staff))
	}
	in.windows = p.Rules.Windows
	in.groups()
	if h.check() {
		return nil
	}
	in.rules = newRules(in)
	if h.check() {
		return nil
	}
	in.restrict()
	if h.check() {
		return nil
	}
	return in
}

// resize returns s with length n, reusing its memory when it is large
// enough; the contents are not kept: for the scratch that a loop sizes
// anew at each step (the Lagrangian's program, the flow's network).
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// grid returns a rows x cols table on one backing array: one allocation
// instead of one per row (20,000 at the largest size), whose fresh pages
// need no clearing.
func grid[T any](rows, cols int) [][]T {
	g := make([][]T, rows)
	cells := make([]T, rows*cols)
	for i := range g {
		g[i] = cells[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return g
}

// caps bounds each person's period duties from above by packing their
// free dates greedily under the person's own rules, spacing and windows:
// taking the earliest date that keeps them is optimal for rules of the
// form "at most k duties in any span of d days" (an exchange argument:
// the greedy's j-th date is never later than any rota's j-th).
func (in *instance) caps() {
	in.cap = make([]int, len(in.p.Staff))
	taken := make([]int, 0, len(in.dates))
	for s := range in.cap {
		if in.halt.now() {
			// Stopped: the rest get the trivial cap, every date, so that
			// whatever reads the caps after the halt still reads bounds.
			for r := s; r < len(in.cap); r++ {
				in.cap[r] = len(in.dates)
			}
			return
		}
		taken = taken[:0]
		for f := range in.dates {
			if in.free(s, f) && in.fits(s, taken, f) {
				taken = append(taken, f)
			}
		}
		in.cap[s] = len(taken)
	}
}

// fits reports whether date f, later than every date of taken (person
// s's dates in order), keeps the person's spacing and windows.
func (in *instance) fits(s int, taken []int, f int) bool {
	if n := len(taken); in.spaced[s] && n > 0 && in.gap(taken[n-1], f) < in.spacingDays {
		return false
	}
	for w, win := range in.windows {
		if n := len(taken); in.windowed[s][w] && (win.Max == 0 || n >= win.Max && in.gap(taken[n-win.Max], f) < 7*win.Weeks) {
			return false
		}
	}
	return true
}

func (in *instance) groups() {
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
	in.unitMax = make([]int, len(p.Units))
	for u := range in.unitMax {
		in.unitMax[u] = -1
	}
	for _, m := range p.Rules.UnitMaximums {
		u := unitIndex[m.Unit]
		if in.unitMax[u] < 0 || m.Max < in.unitMax[u] {
			in.unitMax[u] = m.Max
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

// requests sums the request costs per person-date; those of person-dates
// whose value is forced (not free, or pinned to work) are fixed. The
// tables are read only after it.
func (in *instance) requests() {
	S, F := len(in.p.Staff), len(in.dates)
	// People without requests share one row of zeros, read only: at the
	// largest size two full tables took 320 MB and up to 0.2 s to
	// allocate, mostly for people who asked for nothing.
	zero := make([]int, F)
	in.costTrue, in.costFalse = make([][]int, S), make([][]int, S)
	for s := range S {
		in.costTrue[s], in.costFalse[s] = zero, zero
	}
	own := make([]bool, S)
	in.fixedCost = 0
	for _, q := range in.p.Requests {
		s, f := in.staffAt[q.Staff], in.dateAt[q.Date]
		w := q.Weight
		if w == 0 {
			w = 1
		}
		avoid := q.Kind == model.Avoid
		// Where the value of x is forced, the request's cost is fixed:
		// off duty, a wish to work is unmet; pinned to work, a wish to be
		// off.
		switch {
		case !in.free(s, f):
			if !avoid {
				in.fixedCost += w
			}
			continue
		case in.pin[s][f] > 0:
			if avoid {
				in.fixedCost += w
			}
			continue
		}
		if !own[s] {
			own[s] = true
			in.costTrue[s], in.costFalse[s] = make([]int, F), make([]int, F)
		}
		if avoid {
			in.costTrue[s][f] += w
		} else {
			in.costFalse[s][f] += w
		}
	}
}

// gap returns the days from date f to date g.
func (in *instance) gap(f, g int) int { return in.day[g] - in.day[f] }

// free reports whether person s may be on duty on f under every rule:
// available and not pinned off. The heuristics and bounds work on free
// person-dates; the encoding gives every available one a variable, so
// that a pin is a rule instance like any other.
func (in *instance) free(s, f int) bool { return in.avail[s][f] && in.pin[s][f] >= 0 }

// deviation returns the fairness deviation of person s with n period duties.
func (in *instance) deviation(s, n int) int {
	t := in.hist[s] + n
	return max(0, in.lo[s]-t, t-in.hi[s])
}
