package peer

import (
	"fmt"
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// instance is a Problem flattened for the exporters, following the
// Definitions of the model package word for word: duty dates and their
// demand, one variable per available person-date, each person's fair-share
// range, and the request cost as one coefficient per variable plus a
// constant. It is computed here, not borrowed from the solver or the
// checker, so that a peer is an independent witness.
type instance struct {
	p        *model.Problem
	dates    []model.Date
	demand   []int
	vars     []cell  // variable k is person vars[k].s on duty date vars[k].f
	varOf    [][]int // varOf[s][f] is the variable of s on f, or -1
	byStaff  [][]int // byStaff[s] lists the variables of s in date order
	hist     []int   // History.Duties
	share    []float64
	low      []int
	high     []int
	cost     []int // cost[k] is the net request coefficient of variable k
	constant int   // request cost that no variable changes
	fairness bool
	// classes are the rows of the classes level, one per class and
	// person: the person's variables on the class's dates and the range
	// of their share of it; nil without Period.Classes.
	classes []classRow
}

// classRow bounds one person's duties on one class's dates: Low - K <=
// sum <= High + K.
type classRow struct {
	k, s      int
	vars      []int
	low, high int
}

// cell is one available person-date.
type cell struct{ s, f int }

// newInstance validates p and flattens it.
func newInstance(p *model.Problem) (*instance, error) {
	if p == nil {
		return nil, fmt.Errorf("peer: nil problem")
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("peer: invalid problem: %w", err)
	}
	// The peers' models are two stages, fairness then requests (or
	// requests alone): other level orders are not theirs to solve.
	classes := []model.LevelKind{model.LevelFairness, model.LevelClasses, model.LevelRequests}
	switch order := p.Rules.Objective; {
	case len(order) == 0 && p.Rules.Rhythm.On:
		return nil, fmt.Errorf("peer: objective order %v: the peers solve fairness, classes and requests only", p.Levels())
	case len(order) == 0 && len(p.Period.Classes) > 0 && !slices.Equal(p.Levels(), classes):
		return nil, fmt.Errorf("peer: objective order %v: the peers solve classes only after fairness", p.Levels())
	case slices.Equal(order, classes):
	case len(order) == 0:
	case len(order) == 1 && order[0] == model.LevelRequests:
	case len(order) == 2 && order[0] == model.LevelFairness && order[1] == model.LevelRequests:
	default:
		return nil, fmt.Errorf("peer: objective order %v: the peers solve fairness then requests only", order)
	}
	in := &instance{p: p, dates: p.Period.DutyDates(), fairness: !p.Rules.Fairness.Off && (len(p.Rules.Objective) != 1)}
	dateIx := make(map[model.Date]int, len(in.dates))
	for f, d := range in.dates {
		dateIx[d] = f
	}
	perDate := p.Rules.Coverage.PerDate
	if perDate == 0 {
		perDate = model.DefaultStaffPerDate
	}
	in.demand = make([]int, len(in.dates))
	for f := range in.demand {
		in.demand[f] = perDate
	}
	for _, dc := range p.Rules.Coverage.Dates {
		if f, ok := dateIx[dc.Date]; ok {
			in.demand[f] = dc.Count
		}
	}
	staffIx := make(map[string]int, len(p.Staff))
	for s, st := range p.Staff {
		staffIx[st.ID] = s
	}
	absent := make([][]bool, len(p.Staff))
	for s := range absent {
		absent[s] = make([]bool, len(in.dates))
	}
	for _, a := range p.Absences {
		s, ok := staffIx[a.Staff]
		if !ok {
			continue
		}
		for f, d := range in.dates {
			if !d.Before(a.First) && !d.After(a.Last) {
				absent[s][f] = true
			}
		}
	}
	in.varOf = make([][]int, len(p.Staff))
	in.byStaff = make([][]int, len(p.Staff))
	for s, st := range p.Staff {
		in.varOf[s] = make([]int, len(in.dates))
		for f, d := range in.dates {
			in.varOf[s][f] = -1
			if available(st, d) && !absent[s][f] {
				in.varOf[s][f] = len(in.vars)
				in.byStaff[s] = append(in.byStaff[s], len(in.vars))
				in.vars = append(in.vars, cell{s, f})
			}
		}
	}
	in.shares()
	in.requests(staffIx, dateIx)
	if slices.Contains(p.Levels(), model.LevelClasses) {
		in.classRows()
	}
	return in, nil
}

// classRows writes the classes level's rows, with the class shares of
// model.Facts.
func (in *instance) classRows() {
	for k, c := range in.p.Facts().Classes {
		for s := range in.p.Staff {
			r := classRow{k: k, s: s, low: c.Shares[s].Low, high: c.Shares[s].High}
			for _, f := range c.Dates {
				if v := in.varOf[s][f]; v >= 0 {
					r.vars = append(r.vars, v)
				}
			}
			in.classes = append(in.classes, r)
		}
	}
}

// available says whether st can be on duty on d, absences aside.
func available(st model.Staff, d model.Date) bool {
	if !st.Start.IsZero() && d.Before(st.Start) {
		return false
	}
	if !st.End.IsZero() && d.After(st.End) {
		return false
	}
	for _, w := range st.OffWeekdays {
		if time.Weekday(w) == d.Weekday() {
			return false
		}
	}
	return true
}

// shares computes Share, Low and High exactly in integers.
func (in *instance) shares() {
	n := len(in.p.Staff)
	in.hist = make([]int, n)
	in.share = make([]float64, n)
	in.low = make([]int, n)
	in.high = make([]int, n)
	weight := make([]int64, n)
	var total, duties int64
	for _, c := range in.demand {
		duties += int64(c)
	}
	for s, st := range in.p.Staff {
		in.hist[s] = st.History.Duties
		duties += int64(st.History.Duties)
		pct := int64(st.Percent)
		if pct == 0 {
			pct = 100
		}
		weight[s] = pct * int64(len(in.byStaff[s])+st.History.Dates)
		total += weight[s]
	}
	if total == 0 {
		return
	}
	for s := range in.p.Staff {
		num := duties * weight[s]
		in.low[s] = int(num / total)
		in.high[s] = int((num + total - 1) / total)
		in.share[s] = float64(num) / float64(total)
	}
}

// requests turns requests into one net coefficient per variable and a
// constant: Avoid adds w·x, Prefer adds w·(1-x), and a Prefer request on a
// date the person is unavailable always costs w.
func (in *instance) requests(staffIx map[string]int, dateIx map[model.Date]int) {
	in.cost = make([]int, len(in.vars))
	for _, q := range in.p.Requests {
		s, ok := staffIx[q.Staff]
		f, ok2 := dateIx[q.Date]
		if !ok || !ok2 {
			continue
		}
		w := q.Weight
		if w == 0 {
			w = 1
		}
		k := in.varOf[s][f]
		switch {
		case q.Kind == model.Avoid && k >= 0:
			in.cost[k] += w
		case q.Kind == model.Prefer && k >= 0:
			in.cost[k] -= w
			in.constant += w
		case q.Kind == model.Prefer:
			in.constant += w
		}
	}
}

// devRange returns the smallest and the largest Deviation person s can
// have in any schedule, whatever the rules: a lower bound on D and a value
// of D beyond which fairness constrains nothing.
func (in *instance) devRange(s int) (lo, hi int) {
	a := len(in.byStaff[s])
	minTotal, maxTotal := in.hist[s], in.hist[s]+a
	lo = max(0, in.low[s]-maxTotal, minTotal-in.high[s])
	hi = max(0, in.low[s]-minTotal, maxTotal-in.high[s])
	return lo, hi
}

// deviationRange returns a trivial lower bound on D and a value of D at
// which every fairness constraint is slack.
func (in *instance) deviationRange() (lo, hi int) {
	for s := range in.p.Staff {
		l, h := in.devRange(s)
		lo, hi = max(lo, l), max(hi, h)
	}
	return lo, hi
}

// op is the sense of a row.
type op int

const (
	opGE op = iota
	opLE
	opEQ
)

// row is a hard constraint whose coefficients are all 1: the sum of the
// variables in vars compared with rhs. Every hard rule of the model is one.
type row struct {
	name string
	vars []int
	op   op
	rhs  int
}

// pin fixes one variable.
type pin struct {
	k    int
	work bool
}

// hardRows returns the coverage, unit, role, spacing and window rows, and
// the pins. A row with no variables is kept only when it cannot hold
// (for example a unit with nobody available on a date); the writers turn
// it into an infeasible constraint. A Work pin on an unavailable date is
// such a row too.
func (in *instance) hardRows() ([]row, []pin) {
	var rows []row
	add := func(r row) {
		if len(r.vars) == 0 && holds(r.op, 0, r.rhs) {
			return
		}
		rows = append(rows, r)
	}
	for f := range in.dates {
		var on []int
		for s := range in.p.Staff {
			if k := in.varOf[s][f]; k >= 0 {
				on = append(on, k)
			}
		}
		add(row{name: fmt.Sprintf("cov_%d", f), vars: on, op: opEQ, rhs: in.demand[f]})
	}
	for i, m := range in.p.Rules.UnitMinimums {
		if m.Min <= 0 {
			continue
		}
		in.groupRows(add, fmt.Sprintf("unit_%d", i), opGE, m.Min, func(st model.Staff) bool { return st.Unit == m.Unit })
	}
	for i, m := range in.p.Rules.RoleMinimums {
		if m.Min <= 0 {
			continue
		}
		in.groupRows(add, fmt.Sprintf("role_%d", i), opGE, m.Min, func(st model.Staff) bool { return hasRole(st, m.Role) })
	}
	if w := in.p.Rules.Spacing.Weeks; w > 0 {
		in.windowRows(add, "space", w, 1)
	}
	for i, w := range in.p.Rules.Windows {
		in.windowRows(add, fmt.Sprintf("win_%d", i), w.Weeks, w.Max)
	}
	for i, m := range in.p.Rules.UnitMaximums {
		in.groupRows(add, fmt.Sprintf("unitmax_%d", i), opLE, m.Max, func(st model.Staff) bool { return st.Unit == m.Unit })
	}
	if g := in.p.Rules.MaxGap.Weeks; g > 0 {
		in.gapRows(add, g)
	}
	staffIx := make(map[string]int, len(in.p.Staff))
	for s, st := range in.p.Staff {
		staffIx[st.ID] = s
	}
	dateIx := make(map[model.Date]int, len(in.dates))
	for f, d := range in.dates {
		dateIx[d] = f
	}
	var pins []pin
	for i, pn := range in.p.Pins {
		s, ok := staffIx[pn.Staff]
		f, ok2 := dateIx[pn.Date]
		if !ok || !ok2 {
			continue
		}
		k := in.varOf[s][f]
		switch {
		case k >= 0:
			pins = append(pins, pin{k: k, work: pn.Work})
		case pn.Work:
			add(row{name: fmt.Sprintf("pin_%d", i), op: opGE, rhs: 1})
		}
	}
	return rows, pins
}

// groupRows asks, on each date, that the members on duty compare to rhs
// by o: a minimum (opGE) or a maximum (opLE) of a unit or role.
func (in *instance) groupRows(add func(row), prefix string, o op, rhs int, member func(model.Staff) bool) {
	for f := range in.dates {
		var on []int
		for s, st := range in.p.Staff {
			if k := in.varOf[s][f]; k >= 0 && member(st) {
				on = append(on, k)
			}
		}
		add(row{name: fmt.Sprintf("%s_%d", prefix, f), vars: on, op: o, rhs: rhs})
	}
}

// gapRows asks, for the longest gap of weeks (model.Rules.MaxGap), a
// duty in every run of consecutive duty dates a person is available on
// whose first and last dates lie 7*weeks-7 days or more apart: one row a
// start, over the shortest such run from it.
func (in *instance) gapRows(add func(row), weeks int) {
	span := 7*weeks - 7
	for s := range in.p.Staff {
		for f := range in.dates {
			var run []int
			for e := f; e < len(in.dates) && in.varOf[s][e] >= 0; e++ {
				run = append(run, in.varOf[s][e])
				if in.dates[f].DaysUntil(in.dates[e]) >= span {
					add(row{name: fmt.Sprintf("gap_%d_%d", s, f), vars: run, op: opGE, rhs: 1})
					break
				}
			}
		}
	}
}

// windowRows caps every person's duties within any 7*weeks consecutive
// days at max. Only windows that start on one of the person's available
// dates matter, and a window whose variables are a subset of the previous
// one's is dropped.
func (in *instance) windowRows(add func(row), prefix string, weeks, max int) {
	span := 7 * weeks
	for s, ks := range in.byStaff {
		prevEnd := -1
		end := 0
		for i, k := range ks {
			start := in.dates[in.vars[k].f]
			if end < i {
				end = i
			}
			for end < len(ks) && start.DaysUntil(in.dates[in.vars[ks[end]].f]) < span {
				end++
			}
			if end-i <= max || end == prevEnd {
				continue
			}
			prevEnd = end
			add(row{name: fmt.Sprintf("%s_%d_%d", prefix, s, in.vars[k].f), vars: ks[i:end], op: opLE, rhs: max})
		}
	}
}

func hasRole(st model.Staff, role string) bool {
	for _, r := range st.Roles {
		if r == role {
			return true
		}
	}
	return false
}

func holds(o op, lhs, rhs int) bool {
	switch o {
	case opGE:
		return lhs >= rhs
	case opLE:
		return lhs <= rhs
	default:
		return lhs == rhs
	}
}

// fairRow is the fairness of person s: Low(s) - D <= Total(s) <= High(s) + D
// written over the person's variables, as sum >= lo - D and sum <= hi + D.
type fairRow struct {
	s      int
	vars   []int
	lo, hi int
}

// fairRows returns one fairRow per person.
func (in *instance) fairRows() []fairRow {
	out := make([]fairRow, len(in.p.Staff))
	for s := range in.p.Staff {
		out[s] = fairRow{s: s, vars: in.byStaff[s], lo: in.low[s] - in.hist[s], hi: in.high[s] - in.hist[s]}
	}
	return out
}
