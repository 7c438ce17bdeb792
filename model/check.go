package model

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
	"time"
)

// Violation is one way a schedule breaks a rule or misreports a figure.
type Violation struct {
	// Rule is the kind of rule broken.
	Rule RuleKind `json:"rule"`
	// Staff is the ID of the person concerned, if any.
	Staff string `json:"staff,omitempty"`
	// Date is the date concerned, if any.
	Date Date `json:"date,omitzero"`
	// Msg says what is wrong in domain words and names the values, so that
	// it reads on its own.
	Msg string `json:"msg"`
	// Breaks are the rule instances the violation breaks, for a violation
	// of a rule of the problem; none for structure, availability and
	// objective. A date with 2 people where 4 are needed breaks the
	// instances "at least 3" and "at least 4".
	Breaks []Rule `json:"breaks,omitempty"`
}

// String returns the rule and the message; the message already names the
// person and the date.
func (v Violation) String() string { return string(v.Rule) + ": " + v.Msg }

// Check re-verifies s against p by the Definitions of the package
// documentation, recomputing every figure from p and the rosters in
// s.Dates; it shares no code with the solver, so that a solver bug cannot
// hide behind the same mistake in the checker. The rosters are the truth:
// every other part of s is checked against them.
//
// Check returns the violations found, in a fixed order (by rule, then in
// date or staff order), and nil when s is sound. It returns at most
// MaxViolations of them one by one, then one RuleStructure violation
// that counts the rest; a problem beyond the limits of Validate gives a
// single RuleStructure violation, so that Check's work stays bounded. Only an Optimal or
// Feasible schedule carries a rota; for Infeasible and Unknown, Check only
// verifies that no one is on duty. Check never panics, whatever p and s
// hold; a nil p or s gives a single RuleStructure violation.
func Check(p *Problem, s *Schedule) []Violation {
	return check(p, s, nil)
}

// check is Check, less the violations that break only instances in
// excused.
func check(p *Problem, s *Schedule, excused map[Rule]bool) []Violation {
	switch {
	case p == nil && s == nil:
		return []Violation{{Rule: RuleStructure, Msg: "there is neither a problem nor a schedule to check"}}
	case p == nil:
		return []Violation{{Rule: RuleStructure, Msg: "there is no problem to check the schedule against"}}
	case s == nil:
		return []Violation{{Rule: RuleStructure, Msg: "there is no schedule to check"}}
	}
	if why := beyondLimits(p); why != "" {
		return []Violation{{Rule: RuleStructure, Msg: "the problem is beyond the limits Validate sets (" + why + "): it cannot be checked"}}
	}
	v := newVerifier(p, s)
	v.excused = excused
	v.run()
	v.finish()
	return v.out
}

// run makes every check of the schedule's status.
func (v *verifier) run() {
	switch v.s.Status {
	case Optimal, Feasible:
	case Infeasible, Unknown:
		v.noRota()
		return
	default:
		v.fail(RuleStructure, "", Date{}, "status %d is not a known status", int(v.s.Status))
		return
	}
	v.readRosters()
	v.markAvailability()
	demand := v.demand()
	figures, deviation := v.fairness(demand)
	rhythms, rhythm := v.rhythms(figures)
	classes, worst := v.classes(demand)
	v.staffList(figures, rhythms, classes)
	v.coverage(demand)
	v.availability()
	v.unitMinimums()
	v.unitMaximums()
	v.roleMinimums()
	v.spacing()
	v.maxGap()
	v.windows()
	v.pins()
	changes := v.frozenDates()
	v.objective(measures{deviation: deviation, cost: v.requestCost(), changes: changes, classes: worst, rhythm: rhythm})
}

// verifier holds what Check derives from the problem and the rosters;
// people and duty dates are referred to by their positions in p.Staff and
// in the duty dates.
type verifier struct {
	p   *Problem
	s   *Schedule
	out []Violation

	excused map[Rule]bool // instances whose violations are left out
	open    bool          // the last of out is still taking Breaks
	more    int           // violations past MaxViolations, counted only

	dates      []Date         // the duty dates, in order
	dateIndex  map[Date]int   // position of each duty date
	staffIndex map[string]int // position of each staff ID (its first, if listed twice)

	on        [][]bool // on[i][k]: person i is in the roster of duty date k
	onDate    [][]int  // onDate[k]: the people on duty on date k, in staff order
	duties    [][]int  // duties[i]: the duty dates of person i, in date order
	available [][]bool // available[i][k]: person i may be on duty on date k
	absences  [][]int  // absences[i]: positions in p.Absences of person i's absences
}

func newVerifier(p *Problem, s *Schedule) *verifier {
	v := &verifier{
		p:          p,
		s:          s,
		dates:      p.Period.DutyDates(),
		dateIndex:  map[Date]int{},
		staffIndex: make(map[string]int, len(p.Staff)),
	}
	for k, d := range v.dates {
		v.dateIndex[d] = k
	}
	for i, st := range p.Staff {
		if _, dup := v.staffIndex[st.ID]; !dup {
			v.staffIndex[st.ID] = i
		}
	}
	return v
}

func (v *verifier) fail(rule RuleKind, staff string, d Date, format string, args ...any) {
	v.close()
	v.out = append(v.out, Violation{Rule: rule, Staff: staff, Date: d, Msg: fmt.Sprintf(format, args...)})
	v.open = true
}

// breaks records the rule instances the last violation breaks.
func (v *verifier) breaks(rules ...Rule) {
	last := &v.out[len(v.out)-1]
	last.Breaks = append(last.Breaks, rules...)
}

// close settles the last violation once its Breaks are known: it is left
// out when it breaks only excused instances, and counted only past
// MaxViolations.
func (v *verifier) close() {
	if !v.open {
		return
	}
	v.open = false
	last := v.out[len(v.out)-1]
	excused := len(v.excused) > 0 && len(last.Breaks) > 0
	for _, r := range last.Breaks {
		excused = excused && v.excused[r]
	}
	switch {
	case excused:
		v.out = v.out[:len(v.out)-1]
	case len(v.out) > MaxViolations:
		v.out = v.out[:len(v.out)-1]
		v.more++
	}
}

// finish settles the last violation and counts those left unlisted.
func (v *verifier) finish() {
	v.close()
	if v.more > 0 {
		v.out = append(v.out, Violation{Rule: RuleStructure,
			Msg: fmt.Sprintf("%d more violations are not listed (at most %d are)", v.more, MaxViolations)})
	}
}

// beyondLimits says which size of p is beyond Validate's limits, or "".
// Check runs on any input, so it looks before it builds anything.
func beyondLimits(p *Problem) string {
	per := p.Period
	if !per.Start.IsZero() && !per.End.IsZero() && !per.End.Before(per.Start) && per.Start.DaysUntil(per.End)+1 > MaxPeriodDays {
		return fmt.Sprintf("a period of %d days", per.Start.DaysUntil(per.End)+1)
	}
	for _, c := range []struct {
		what     string
		n, limit int
	}{
		{"staff", len(p.Staff), MaxStaff}, {"absences", len(p.Absences), MaxAbsences},
		{"requests", len(p.Requests), MaxRequests}, {"pins", len(p.Pins), MaxPins},
		{"unit minimums", len(p.Rules.UnitMinimums), MaxUnits}, {"role minimums", len(p.Rules.RoleMinimums), MaxRoles},
		{"unit maximums", len(p.Rules.UnitMaximums), MaxUnits},
		{"windows", len(p.Rules.Windows), MaxWindows}, {"included dates", len(per.Include), MaxPeriodDays},
		{"excluded dates", len(per.Exclude), MaxPeriodDays}, {"coverage dates", len(p.Rules.Coverage.Dates), MaxDutyDates},
		{"date classes", len(per.Classes), MaxClasses},
	} {
		if c.n > c.limit {
			return fmt.Sprintf("%d %s, the limit is %d", c.n, c.what, c.limit)
		}
	}
	for k, c := range per.Classes {
		if len(c.Dates) > MaxDutyDates {
			return fmt.Sprintf("date class %d (%q) has %d dates, the limit is %d", k+1, c.ID, len(c.Dates), MaxDutyDates)
		}
	}
	return baselineLimits(p.Baseline)
}

// grades returns the graded instances from "at least from" to "at least
// to" of a rule, made by one. A valid problem asks for no more people
// than it has; for any other the list stops there, so that an absurd
// count cannot make Check allocate without end.
func (v *verifier) grades(from, to int, one func(k int) Rule) []Rule {
	var out []Rule
	for k := from; k <= min(to, from+len(v.p.Staff)); k++ {
		out = append(out, one(k))
	}
	return out
}

// noRota checks a schedule that claims no rota: an Infeasible or Unknown
// answer that still names people would be read as a rota by someone.
func (v *verifier) noRota() {
	for _, r := range v.s.Dates {
		if len(r.Staff) > 0 {
			v.fail(RuleStructure, "", r.Date, "the schedule is %s but lists %s on duty on %s",
				v.s.Status, headCount(len(r.Staff)), r.Date)
		}
	}
}

// readRosters checks that s.Dates lists every duty date once, in order,
// and fills on, onDate and duties from it. A duty date missing from
// s.Dates has nobody on duty.
func (v *verifier) readRosters() {
	v.on = make([][]bool, len(v.p.Staff))
	for i := range v.on {
		v.on[i] = make([]bool, len(v.dates))
	}
	seen := make([]bool, len(v.dates))
	inOrder, last := true, -1
	for _, r := range v.s.Dates {
		k, ok := v.dateIndex[r.Date]
		switch {
		case !ok:
			v.fail(RuleStructure, "", r.Date, "Dates lists %s, which is not a duty date of the period", r.Date)
			continue
		case seen[k]:
			v.fail(RuleStructure, "", r.Date, "Dates lists %s more than once", r.Date)
			continue
		}
		seen[k] = true
		inOrder = inOrder && k > last
		last = k
		v.readRoster(k, r.Staff)
	}
	for k, d := range v.dates {
		if !seen[k] {
			v.fail(RuleStructure, "", d, "Dates has no roster for the duty date %s", d)
		}
	}
	if !inOrder {
		v.fail(RuleStructure, "", Date{}, "Dates are not in date order")
	}

	v.onDate = make([][]int, len(v.dates))
	v.duties = make([][]int, len(v.p.Staff))
	for i, row := range v.on {
		for k, on := range row {
			if on {
				v.onDate[k] = append(v.onDate[k], i)
				v.duties[i] = append(v.duties[i], k)
			}
		}
	}
}

// readRoster reads the IDs on duty on duty date k.
func (v *verifier) readRoster(k int, ids []string) {
	d := v.dates[k]
	inOrder, last := true, -1
	for _, id := range ids {
		i, ok := v.staffIndex[id]
		switch {
		case !ok:
			v.fail(RuleStructure, id, d, "the roster of %s lists %q, who is not on the staff", d, id)
			continue
		case v.on[i][k]:
			v.fail(RuleStructure, id, d, "the roster of %s lists %q more than once", d, id)
			continue
		}
		v.on[i][k] = true
		inOrder = inOrder && i > last
		last = i
	}
	if !inOrder {
		v.fail(RuleStructure, "", d, "the roster of %s does not list its people in problem order", d)
	}
}

// markAvailability fills available and absences. Absences are applied by
// binary search over the sorted duty dates, so that the cost grows with the
// number of absences, not with absences times dates.
func (v *verifier) markAvailability() {
	v.available = make([][]bool, len(v.p.Staff))
	v.absences = make([][]int, len(v.p.Staff))
	// A row is the run of dates within the employment, less the off
	// weekdays: found by search and a weekday table, since a cell at a
	// time costs a third of a second at the largest size.
	weekday := make([]time.Weekday, len(v.dates))
	for k, d := range v.dates {
		weekday[k] = d.Weekday()
	}
	cells := make([]bool, len(v.p.Staff)*len(v.dates))
	for i, st := range v.p.Staff {
		row := cells[i*len(v.dates) : (i+1)*len(v.dates) : (i+1)*len(v.dates)]
		first, end := 0, len(v.dates)
		if !st.Start.IsZero() {
			first = sort.Search(len(v.dates), func(k int) bool { return !v.dates[k].Before(st.Start) })
		}
		if !st.End.IsZero() {
			end = sort.Search(len(v.dates), func(k int) bool { return v.dates[k].After(st.End) })
		}
		var off [7]bool
		for _, w := range st.OffWeekdays {
			if w >= 0 && int(w) < len(off) {
				off[w] = true
			}
		}
		for k := first; k < end; k++ {
			row[k] = !off[weekday[k]]
		}
		v.available[i] = row
	}
	for n, a := range v.p.Absences {
		i, ok := v.staffIndex[a.Staff]
		if !ok {
			continue
		}
		v.absences[i] = append(v.absences[i], n)
		first := sort.Search(len(v.dates), func(k int) bool { return !v.dates[k].Before(a.First) })
		for k := first; k < len(v.dates) && !v.dates[k].After(a.Last); k++ {
			v.available[i][k] = false
		}
	}
}

func employedOn(st Staff, d Date) bool {
	return (st.Start.IsZero() || !d.Before(st.Start)) && (st.End.IsZero() || !d.After(st.End))
}

func offWeekdayOn(st Staff, d Date) bool {
	for _, w := range st.OffWeekdays {
		if time.Weekday(w) == d.Weekday() {
			return true
		}
	}
	return false
}

// whyUnavailable lists every reason person i is not available on duty
// date k, for the message of a violation.
func (v *verifier) whyUnavailable(i, k int) string {
	st, d := v.p.Staff[i], v.dates[k]
	var why []string
	if !st.Start.IsZero() && d.Before(st.Start) {
		why = append(why, fmt.Sprintf("employment starts %s", st.Start))
	}
	if !st.End.IsZero() && d.After(st.End) {
		why = append(why, fmt.Sprintf("employment ended %s", st.End))
	}
	if offWeekdayOn(st, d) {
		why = append(why, fmt.Sprintf("%s is an off weekday", d.Weekday()))
	}
	for _, n := range v.absences[i] {
		a := v.p.Absences[n]
		if !d.Before(a.First) && !d.After(a.Last) {
			kind := a.Kind
			if kind == "" {
				kind = OtherAbsence
			}
			why = append(why, fmt.Sprintf("absent (%s) %s to %s", kind, a.First, a.Last))
		}
	}
	return strings.Join(why, "; ")
}

// demand returns c(f) for every duty date; an override for a date that is
// not a duty date is ignored, and of two overrides for one date the first
// counts.
func (v *verifier) demand() []int {
	perDate := v.p.Rules.Coverage.PerDate
	if perDate == 0 {
		perDate = DefaultStaffPerDate
	}
	c := make([]int, len(v.dates))
	for k := range c {
		c[k] = perDate
	}
	set := make([]bool, len(v.dates))
	for _, dc := range v.p.Rules.Coverage.Dates {
		if k, ok := v.dateIndex[dc.Date]; ok && !set[k] {
			c[k], set[k] = dc.Count, true
		}
	}
	return c
}

// fairFigures are one person's fairness figures. They are kept in
// math/big so that they are exact whatever the input, however large.
type fairFigures struct {
	num, den  *big.Int // the share is num/den, den > 0; 0/1 when W is 0
	low, high *big.Int // floor and ceiling of the share
	share     float64  // the share, correctly rounded
	total     *big.Int // History.Duties plus the duties in the rota
	deviation *big.Int // max(0, low-total, total-high)
}

// fairness returns every person's figures and the largest deviation D.
func (v *verifier) fairness(demand []int) ([]fairFigures, *big.Int) {
	n := v.allDuties(demand)
	weights, sum := v.weights()
	figures := make([]fairFigures, len(v.p.Staff))
	worst := new(big.Int)
	for i, st := range v.p.Staff {
		f := exactShare(n, weights[i], sum)
		f.total = big.NewInt(int64(st.History.Duties))
		f.total.Add(f.total, big.NewInt(int64(len(v.duties[i]))))
		f.deviation = new(big.Int)
		if below := new(big.Int).Sub(f.low, f.total); below.Cmp(f.deviation) > 0 {
			f.deviation = below
		}
		if above := new(big.Int).Sub(f.total, f.high); above.Cmp(f.deviation) > 0 {
			f.deviation = above
		}
		if f.deviation.Cmp(worst) > 0 {
			worst = f.deviation
		}
		figures[i] = f
	}
	return figures, worst
}

// allDuties returns N: the duties of this period, by demand, and of the
// past.
func (v *verifier) allDuties(demand []int) *big.Int {
	n := new(big.Int)
	for _, c := range demand {
		n.Add(n, big.NewInt(int64(c)))
	}
	for _, st := range v.p.Staff {
		n.Add(n, big.NewInt(int64(st.History.Duties)))
	}
	return n
}

// weights returns every person's weight w and their sum W.
func (v *verifier) weights() ([]*big.Int, *big.Int) {
	weights := make([]*big.Int, len(v.p.Staff))
	sum := new(big.Int)
	for i, st := range v.p.Staff {
		percent := st.Percent
		if percent == 0 {
			percent = 100
		}
		available := 0
		for _, ok := range v.available[i] {
			if ok {
				available++
			}
		}
		dates := new(big.Int).Add(big.NewInt(int64(st.History.Dates)), big.NewInt(int64(available)))
		weights[i] = new(big.Int).Mul(big.NewInt(int64(percent)), dates)
		sum.Add(sum, weights[i])
	}
	return weights, sum
}

// exactShare returns n*w/sum with its floor and ceiling; the share is 0
// when sum is 0.
func exactShare(n, w, sum *big.Int) fairFigures {
	if sum.Sign() == 0 {
		return fairFigures{num: new(big.Int), den: big.NewInt(1), low: new(big.Int), high: new(big.Int)}
	}
	num, den := new(big.Int).Mul(n, w), new(big.Int).Set(sum)
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	// DivMod is Euclidean division: with den > 0 the remainder is never
	// negative, so the quotient is the floor even for a negative num.
	low, rem := new(big.Int).DivMod(num, den, new(big.Int))
	high := new(big.Int).Set(low)
	if rem.Sign() != 0 {
		high.Add(high, big.NewInt(1))
	}
	share, _ := new(big.Rat).SetFrac(num, den).Float64()
	return fairFigures{num: num, den: den, low: low, high: high, share: share}
}

// staffList checks that s.Staff has one entry per person, in problem
// order, each matching the rosters, the fairness figures, the rhythm and
// the class figures.
func (v *verifier) staffList(figures []fairFigures, rhythms []rhythmFigures, classes []classFigures) {
	entry := map[string]int{}
	sameOrder := len(v.s.Staff) == len(v.p.Staff)
	faults := 0
	for j, e := range v.s.Staff {
		if j < len(v.p.Staff) && e.ID != v.p.Staff[j].ID {
			sameOrder = false
		}
		if _, ok := v.staffIndex[e.ID]; !ok {
			v.fail(RuleStructure, e.ID, Date{}, "Staff has an entry for %q, who is not on the staff", e.ID)
			faults++
			continue
		}
		if _, dup := entry[e.ID]; dup {
			v.fail(RuleStructure, e.ID, Date{}, "Staff has more than one entry for %q", e.ID)
			faults++
			continue
		}
		entry[e.ID] = j
	}
	for i, st := range v.p.Staff {
		j, ok := entry[st.ID]
		if !ok {
			v.fail(RuleStructure, st.ID, Date{}, "Staff has no entry for %q", st.ID)
			faults++
			continue
		}
		v.entryDates(i, v.s.Staff[j])
		v.entryFigures(i, v.s.Staff[j], figures[i])
		v.entryRhythm(v.s.Staff[j], rhythms[i])
		v.entryClasses(i, v.s.Staff[j], classes)
	}
	if !sameOrder && faults == 0 {
		v.fail(RuleStructure, "", Date{}, "Staff does not list the people in problem order")
	}
}

// entryDates checks that e.Dates are exactly person i's duty dates in the
// rosters, in order.
func (v *verifier) entryDates(i int, e StaffDuties) {
	listed := map[Date]bool{}
	faults := 0
	for _, d := range e.Dates {
		if listed[d] {
			continue
		}
		listed[d] = true
		if k, ok := v.dateIndex[d]; !ok || !v.on[i][k] {
			v.fail(RuleStructure, e.ID, d, "the Staff entry of %q lists %s, but %q is not on duty on %s in Dates", e.ID, d, e.ID, d)
			faults++
		}
	}
	for _, k := range v.duties[i] {
		if d := v.dates[k]; !listed[d] {
			v.fail(RuleStructure, e.ID, d, "the Staff entry of %q omits %s, on which %q is on duty in Dates", e.ID, d, e.ID)
			faults++
		}
	}
	if faults > 0 {
		return
	}
	inOrder := len(e.Dates) == len(v.duties[i])
	for n := 0; inOrder && n < len(e.Dates); n++ {
		inOrder = e.Dates[n] == v.dates[v.duties[i][n]]
	}
	if !inOrder {
		v.fail(RuleStructure, e.ID, Date{}, "the Staff entry of %q lists its dates out of order or more than once", e.ID)
	}
}

// entryFigures checks the Total, Low, High and Share of person i's entry.
func (v *verifier) entryFigures(i int, e StaffDuties, f fairFigures) {
	st := v.p.Staff[i]
	if !sameInt(f.total, e.Total) {
		v.fail(RuleStructure, e.ID, Date{}, "%q has Total %d, but History.Duties %d plus %d duties in Dates make %s",
			e.ID, e.Total, st.History.Duties, len(v.duties[i]), f.total)
	}
	if !sameInt(f.low, e.Low) {
		v.fail(RuleStructure, e.ID, Date{}, "%q has Low %d, but the floor of the share %s/%s is %s",
			e.ID, e.Low, f.num, f.den, f.low)
	}
	if !sameInt(f.high, e.High) {
		v.fail(RuleStructure, e.ID, Date{}, "%q has High %d, but the ceiling of the share %s/%s is %s",
			e.ID, e.High, f.num, f.den, f.high)
	}
	if !sameShare(e.Share, f.share) {
		v.fail(RuleStructure, e.ID, Date{}, "%q has Share %v, but the share %s/%s is %v",
			e.ID, e.Share, f.num, f.den, f.share)
	}
}

func sameInt(want *big.Int, got int) bool {
	return want.IsInt64() && want.Int64() == int64(got)
}

// sameShare compares a reported share with the exact one to 1e-9
// relative: the solver divides in float64, which need not round the same
// way. A NaN never compares equal.
func sameShare(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Abs(want)
}

func (v *verifier) coverage(demand []int) {
	for k, d := range v.dates {
		if n := len(v.onDate[k]); n != demand[k] {
			v.fail(RuleCoverage, "", d, "%s has %s on duty, want exactly %d", d, headCount(n), demand[k])
			if n > demand[k] {
				v.breaks(v.grades(demand[k], n-1, func(c int) Rule { return Rule{Kind: RuleCoverageMax, Date: d, Count: c} })...)
			} else {
				v.breaks(v.grades(n+1, demand[k], func(c int) Rule { return Rule{Kind: RuleCoverage, Date: d, Count: c} })...)
			}
		}
	}
}

func (v *verifier) availability() {
	for k, d := range v.dates {
		for _, i := range v.onDate[k] {
			if !v.available[i][k] {
				id := v.p.Staff[i].ID
				v.fail(RuleAvailability, id, d, "%q is on duty on %s but is not available: %s", id, d, v.whyUnavailable(i, k))
			}
		}
	}
}

// headCount writes a head count for a message.
func headCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d people", n)
}

// unitMinimums and roleMinimums count each date's people by unit and by
// role once, so that the work grows with the people on duty plus the
// minimums times the dates.
func (v *verifier) unitMinimums() {
	if len(v.p.Rules.UnitMinimums) == 0 {
		return
	}
	count := v.countBy(func(st Staff) []string { return []string{st.Unit} })
	for _, m := range v.p.Rules.UnitMinimums {
		for k, d := range v.dates {
			if n := count[k][m.Unit]; n < m.Min {
				v.fail(RuleUnitMinimum, "", d, "%s has %s of unit %q on duty, want at least %d", d, headCount(n), m.Unit, m.Min)
				v.breaks(v.grades(n+1, m.Min, func(c int) Rule { return Rule{Kind: RuleUnitMinimum, Date: d, Unit: m.Unit, Count: c} })...)
			}
		}
	}
}

func (v *verifier) roleMinimums() {
	if len(v.p.Rules.RoleMinimums) == 0 {
		return
	}
	count := v.countBy(func(st Staff) []string { return distinct(st.Roles) })
	for _, m := range v.p.Rules.RoleMinimums {
		for k, d := range v.dates {
			if n := count[k][m.Role]; n < m.Min {
				v.fail(RuleRoleMinimum, "", d, "%s has %s holding role %q on duty, want at least %d", d, headCount(n), m.Role, m.Min)
				v.breaks(v.grades(n+1, m.Min, func(c int) Rule { return Rule{Kind: RuleRoleMinimum, Date: d, Role: m.Role, Count: c} })...)
			}
		}
	}
}

// countBy counts, per duty date, the people on duty under each key that
// keys gives a person.
func (v *verifier) countBy(keys func(Staff) []string) []map[string]int {
	of := make([][]string, len(v.p.Staff))
	for i, st := range v.p.Staff {
		of[i] = keys(st)
	}
	out := make([]map[string]int, len(v.dates))
	for k := range v.dates {
		out[k] = map[string]int{}
		for _, i := range v.onDate[k] {
			for _, key := range of[i] {
				out[k][key]++
			}
		}
	}
	return out
}

// distinct returns the strings of list, each once, in first order.
func distinct(list []string) []string {
	var out []string
	for i, s := range list {
		dup := false
		for _, t := range list[:i] {
			dup = dup || s == t
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// spacing compares each duty of a person with the one before: dates are
// in order, so if neighbours are far enough apart, all pairs are.
func (v *verifier) spacing() {
	weeks := v.p.Rules.Spacing.Weeks
	if weeks <= 0 {
		return
	}
	gap := weeksInDays(weeks)
	for i, ks := range v.duties {
		id := v.p.Staff[i].ID
		for n := 1; n < len(ks); n++ {
			prev, d := v.dates[ks[n-1]], v.dates[ks[n]]
			if days := prev.DaysUntil(d); days < gap {
				v.fail(RuleSpacing, id, d, "%q is on duty on %s and %s, %d days apart; a %d-week spacing asks for at least %d days",
					id, prev, d, days, weeks, gap)
				v.breaks(Rule{Kind: RuleSpacing, Staff: id})
			}
		}
	}
}

// windows checks each Window: Max+1 duty dates of a person fit within
// 7*Weeks consecutive days exactly when the first and the last of them,
// taken consecutively in date order, are less than 7*Weeks days apart.
// With Max 0 every duty breaks the window.
func (v *verifier) windows() {
	for wi, w := range v.p.Rules.Windows {
		span := weeksInDays(w.Weeks)
		most := max(w.Max, 0)
		for i, ks := range v.duties {
			id := v.p.Staff[i].ID
			for n := most; n < len(ks); n++ {
				first, last := v.dates[ks[n-most]], v.dates[ks[n]]
				switch {
				case first.DaysUntil(last) >= span:
				case most == 0:
					v.fail(RuleWindow, id, last, "%q is on duty on %s, but a %d-week window allows no duties",
						id, last, w.Weeks)
					v.breaks(Rule{Kind: RuleWindow, Staff: id, Window: wi})
				default:
					v.fail(RuleWindow, id, last, "%q has %d duty dates from %s to %s, within a %d-week window (%d days) that allows at most %d",
						id, most+1, first, last, w.Weeks, span, w.Max)
					v.breaks(Rule{Kind: RuleWindow, Staff: id, Window: wi})
				}
			}
		}
	}
}

// weeksInDays returns 7*weeks, saturating instead of overflowing so that
// absurd rules cannot wrap into lax ones.
func weeksInDays(weeks int) int {
	if weeks > math.MaxInt/7 {
		return math.MaxInt
	}
	if weeks < math.MinInt/7 {
		return math.MinInt
	}
	return 7 * weeks
}

func (v *verifier) pins() {
	for _, pin := range v.p.Pins {
		on := v.onDuty(pin.Staff, pin.Date)
		switch {
		case pin.Work && !on:
			v.fail(RulePin, pin.Staff, pin.Date, "%q is pinned to work on %s but is not on duty", pin.Staff, pin.Date)
			v.breaks(Rule{Kind: RulePin, Staff: pin.Staff, Date: pin.Date, Work: true})
		case !pin.Work && on:
			v.fail(RulePin, pin.Staff, pin.Date, "%q is pinned off on %s but is on duty", pin.Staff, pin.Date)
			v.breaks(Rule{Kind: RulePin, Staff: pin.Staff, Date: pin.Date})
		}
	}
}

// onDuty reports whether the person with the ID is in the roster of d; an
// unknown person or a date that is not a duty date has nobody on duty.
func (v *verifier) onDuty(id string, d Date) bool {
	i, ok := v.staffIndex[id]
	k, isDuty := v.dateIndex[d]
	return ok && isDuty && v.on[i][k]
}

// requestCost sums the weights of unmet requests.
func (v *verifier) requestCost() int {
	cost := 0
	for _, q := range v.p.Requests {
		weight := q.Weight
		if weight == 0 {
			weight = 1
		}
		on := v.onDuty(q.Staff, q.Date)
		if (q.Kind == Avoid && on) || (q.Kind == Prefer && !on) {
			cost += weight
		}
	}
	return cost
}

// measures are the schedule's measures as Check recomputes them.
type measures struct {
	deviation *big.Int   // D, the largest deviation from a fair share
	cost      int        // W, the cost of the unmet requests
	changes   int        // C, the cost of the changes from the baseline
	classes   classWorst // ClassDeviation, and where it is
	rhythm    int64      // Rhythm, summed over staff
}

// objective checks the reported values against the recomputed ones, and
// every level: the kinds in the problem's order (Rules.Objective, else
// changes with a baseline, fairness unless it is off, classes with date
// classes, rhythm when it is on, then requests), each value the measure
// it names, each bound at most the value this schedule achieves, and
// equal to it when the schedule claims to be optimal.
func (v *verifier) objective(m measures) {
	o := v.s.Objective
	if !sameInt(m.deviation, o.Deviation) {
		v.fail(RuleObjective, "", Date{}, "Deviation is reported as %d, but the largest deviation from a fair share is %s",
			o.Deviation, m.deviation)
	}
	if m.cost != o.RequestCost {
		v.fail(RuleObjective, "", Date{}, "RequestCost is reported as %d, but the unmet requests cost %d", o.RequestCost, m.cost)
	}
	if m.changes != o.Changes {
		v.fail(RuleObjective, "", Date{}, "Changes is reported as %d, but the changes from the published rota cost %d", o.Changes, m.changes)
	}
	if !sameInt(m.classes.deviation, o.ClassDeviation) {
		v.fail(RuleObjective, "", Date{}, "ClassDeviation is reported as %d, but the largest deviation from a class share is %s%s",
			o.ClassDeviation, m.classes.deviation, m.classes.where(v.p))
	}
	if m.rhythm != int64(o.Rhythm) {
		v.fail(RuleObjective, "", Date{}, "Rhythm is reported as %d, but the gaps between everyone's duties cost %d", o.Rhythm, m.rhythm)
	}
	order := v.p.Rules.Objective
	if len(order) == 0 {
		if v.p.Baseline != nil {
			order = append(order, LevelChanges)
		}
		if !v.p.Rules.Fairness.Off {
			order = append(order, LevelFairness)
		}
		if len(v.p.Period.Classes) > 0 {
			order = append(order, LevelClasses)
		}
		if v.p.Rules.Rhythm.On {
			order = append(order, LevelRhythm)
		}
		order = append(order, LevelRequests)
	}
	if len(o.Levels) != len(order) {
		v.fail(RuleObjective, "", Date{}, "the objective reports %d levels, but the problem has %d (%v)", len(o.Levels), len(order), order)
		return
	}
	for i, l := range o.Levels {
		if l.Kind != order[i] {
			v.fail(RuleObjective, "", Date{}, "level %d is %q, but the problem's level %d is %q", i+1, l.Kind, i+1, order[i])
			continue
		}
		var value *big.Int
		switch l.Kind {
		case LevelFairness:
			value = m.deviation
		case LevelRequests:
			value = big.NewInt(int64(m.cost))
		case LevelChanges:
			value = big.NewInt(int64(m.changes))
		case LevelClasses:
			value = m.classes.deviation
		case LevelRhythm:
			value = big.NewInt(m.rhythm)
		default:
			// Validate rejects an unknown kind; it measures nothing, so no
			// value and no bound can be right.
			v.fail(RuleObjective, "", Date{}, "level %d is %q, which is not a kind of level", i+1, l.Kind)
			continue
		}
		if !sameInt(value, l.Value) {
			v.fail(RuleObjective, "", Date{}, "level %q has value %d, but the schedule's is %s", l.Kind, l.Value, value)
			continue
		}
		switch c := big.NewInt(int64(l.Bound)).Cmp(value); {
		case c > 0:
			v.fail(RuleObjective, "", Date{}, "level %q has bound %d, above the value %s this schedule achieves", l.Kind, l.Bound, value)
		case c < 0 && v.s.Status == Optimal:
			v.fail(RuleObjective, "", Date{}, "the schedule is optimal, but level %q has bound %d below its value %s", l.Kind, l.Bound, value)
		}
	}
}

// CheckRelaxed is Check for a schedule that may break the rule instances
// in dropped, as a relaxation's does: it returns the violations of Check
// less those that break only instances in dropped.
func CheckRelaxed(p *Problem, s *Schedule, dropped []Rule) []Violation {
	excused := map[Rule]bool{}
	for _, r := range dropped {
		excused[r] = true
	}
	return check(p, s, excused)
}

// rhythmFigures are one person's rhythm figures, by the definition of
// Rhythm in the package documentation.
type rhythmFigures struct {
	due      bool     // a > 0 and t* > 0: the person has a rhythm
	num, den *big.Int // I = num/den, den > 0, when due
	interval float64  // I correctly rounded; 0 when not due
	lo, hi   int64    // min(floor(I), a) and min(ceil(I), a+1)
	cost     int64    // the rhythm of the person
}

// rhythms returns every person's rhythm figures and their sum. The ideal
// number of duties t* is the share less History.Duties, so I = a/t* =
// a*den / (num - History.Duties*den) for the share num/den. Each person's
// gaps take one pass over the duty dates.
func (v *verifier) rhythms(figures []fairFigures) ([]rhythmFigures, int64) {
	out := make([]rhythmFigures, len(v.p.Staff))
	var sum int64
	for i, st := range v.p.Staff {
		// a counts the duty dates i is available on; duties are the
		// positions among them of i's duties, t(1) < ... < t(m). A duty on
		// a date i is not available on has no position: availability
		// reports it.
		var a int64
		var duties []int64
		for k, ok := range v.available[i] {
			if !ok {
				continue
			}
			if v.on[i][k] {
				duties = append(duties, a)
			}
			a++
		}
		f := figures[i]
		ideal := new(big.Int).Mul(big.NewInt(int64(st.History.Duties)), f.den)
		ideal.Sub(f.num, ideal) // t* * den
		if a == 0 || ideal.Sign() <= 0 {
			continue
		}
		r := rhythmFigures{due: true, num: new(big.Int).Mul(big.NewInt(a), f.den), den: ideal}
		q, rem := new(big.Int).DivMod(r.num, r.den, new(big.Int))
		r.lo, r.hi = a, a+1
		if q.Cmp(big.NewInt(a)) < 0 {
			r.lo = q.Int64()
		}
		if rem.Sign() != 0 {
			q.Add(q, big.NewInt(1))
		}
		if q.Cmp(big.NewInt(a+1)) < 0 {
			r.hi = q.Int64()
		}
		r.interval, _ = new(big.Rat).SetFrac(r.num, r.den).Float64()
		// The gaps g(j) = t(j+1) - t(j), with t(0) = -1 and t(m+1) = a.
		t := append(append([]int64{-1}, duties...), a)
		for j := 0; j+1 < len(t); j++ {
			g := t[j+1] - t[j]
			if j >= 1 && j+1 < len(t)-1 { // an inner gap, between duties
				r.cost += max(0, r.lo-g)
			}
			r.cost += max(0, g-r.hi)
		}
		sum += r.cost
		out[i] = r
	}
	return out, sum
}

// entryRhythm checks the Interval and Rhythm of a person's entry.
func (v *verifier) entryRhythm(e StaffDuties, r rhythmFigures) {
	if !r.due {
		if e.Interval != 0 {
			v.fail(RuleStructure, e.ID, Date{}, "%q has Interval %v, but has no duties due this period, so no interval (0)", e.ID, e.Interval)
		}
		if e.Rhythm != 0 {
			v.fail(RuleStructure, e.ID, Date{}, "%q has Rhythm %d, but has no duties due this period, so a rhythm of 0", e.ID, e.Rhythm)
		}
		return
	}
	if !sameShare(e.Interval, r.interval) {
		v.fail(RuleStructure, e.ID, Date{}, "%q has Interval %v, but the ideal interval %s/%s is %v",
			e.ID, e.Interval, r.num, r.den, r.interval)
	}
	if int64(e.Rhythm) != r.cost {
		v.fail(RuleStructure, e.ID, Date{}, "%q has Rhythm %d, but the gaps between their duties, against an interval of %d to %d available duty dates, cost %d",
			e.ID, e.Rhythm, r.lo, r.hi, r.cost)
	}
}

// classFigures are the figures of one date class: per person, the share
// and the duties on its dates.
type classFigures struct {
	shares []fairFigures // the share of each person, with floor and ceiling
	counts []int         // n(k, s): the duties of each person on its dates
}

// classWorst is the ClassDeviation and the first class and person that
// have it.
type classWorst struct {
	deviation    *big.Int
	class, staff int // positions; -1 with no deviation
}

// where names the class and the person of the deviation, for a message.
func (w classWorst) where(p *Problem) string {
	if w.class < 0 {
		return ""
	}
	return fmt.Sprintf(" (%q in class %q)", p.Staff[w.staff].ID, p.Period.Classes[w.class].ID)
}

// classes returns the figures of every date class and the largest
// deviation over classes and people. A class's dates count when they are
// duty dates, each once. Duty dates in the same classes form a group, so
// that a person's available dates are counted once per date, not once
// per class and date, and their duties from their duty dates.
func (v *verifier) classes(demand []int) ([]classFigures, classWorst) {
	cs := v.p.Period.Classes
	worst := classWorst{deviation: new(big.Int), class: -1, staff: -1}
	if len(cs) == 0 {
		return nil, worst
	}
	of := make([][]int, len(v.dates)) // of[k]: the classes duty date k is in
	need := make([]*big.Int, len(cs)) // N(k)
	for c, class := range cs {
		need[c] = new(big.Int)
		for _, d := range class.Dates {
			k, ok := v.dateIndex[d]
			if !ok || (len(of[k]) > 0 && of[k][len(of[k])-1] == c) {
				continue // not a duty date, or a repeat within the class
			}
			of[k] = append(of[k], c)
			need[c].Add(need[c], big.NewInt(int64(demand[k])))
		}
	}
	var member []int                   // the duty dates in some class, in order
	group := make([]int, len(v.dates)) // group[k]: the group of member k
	var groups [][]int                 // the classes of each group
	known := map[string]int{}
	for k, in := range of {
		if len(in) == 0 {
			continue
		}
		key := fmt.Sprint(in)
		g, ok := known[key]
		if !ok {
			g = len(groups)
			known[key] = g
			groups = append(groups, in)
		}
		member = append(member, k)
		group[k] = g
	}
	avail := make([][]int64, len(cs)) // a(k, s)
	out := make([]classFigures, len(cs))
	for c := range cs {
		avail[c] = make([]int64, len(v.p.Staff))
		out[c] = classFigures{shares: make([]fairFigures, len(v.p.Staff)), counts: make([]int, len(v.p.Staff))}
	}
	count := make([]int64, len(groups)) // one person's available dates per group
	for i := range v.p.Staff {
		row := v.available[i]
		for _, k := range member {
			if row[k] {
				count[group[k]]++
			}
		}
		for g, in := range groups {
			for _, c := range in {
				avail[c][i] += count[g]
			}
			count[g] = 0
		}
		for _, k := range v.duties[i] {
			for _, c := range of[k] {
				out[c].counts[i]++
			}
		}
	}
	for c := range cs {
		weights, sum := make([]*big.Int, len(v.p.Staff)), new(big.Int)
		for i, st := range v.p.Staff {
			percent := st.Percent
			if percent == 0 {
				percent = 100
			}
			weights[i] = new(big.Int).Mul(big.NewInt(int64(percent)), big.NewInt(avail[c][i]))
			sum.Add(sum, weights[i])
		}
		for i := range v.p.Staff {
			f := exactShare(need[c], weights[i], sum)
			n := big.NewInt(int64(out[c].counts[i]))
			dev := new(big.Int)
			if below := new(big.Int).Sub(f.low, n); below.Cmp(dev) > 0 {
				dev = below
			}
			if above := new(big.Int).Sub(n, f.high); above.Cmp(dev) > 0 {
				dev = above
			}
			if dev.Cmp(worst.deviation) > 0 {
				worst = classWorst{deviation: dev, class: c, staff: i}
			}
			out[c].shares[i] = f
		}
	}
	return out, worst
}

// entryClasses checks the Classes of person i's entry: one per date
// class, in the order of Period.Classes, each with the class's ID, the
// person's duties on its dates and their share of it.
func (v *verifier) entryClasses(i int, e StaffDuties, classes []classFigures) {
	cs := v.p.Period.Classes
	if len(e.Classes) != len(cs) {
		v.fail(RuleStructure, e.ID, Date{}, "the Staff entry of %q has %d class entries, but the period has %d date classes",
			e.ID, len(e.Classes), len(cs))
		return
	}
	for c, got := range e.Classes {
		id := cs[c].ID
		if got.Class != id {
			// The entries that follow cannot be matched either.
			v.fail(RuleStructure, e.ID, Date{}, "class entry %d of %q is for class %q, but date class %d is %q: the entries follow Period.Classes",
				c+1, e.ID, got.Class, c+1, id)
			return
		}
		f, n := classes[c].shares[i], classes[c].counts[i]
		if got.Count != n {
			v.fail(RuleStructure, e.ID, Date{}, "%q has Count %d in class %q, but is on duty on %d of its dates in Dates",
				e.ID, got.Count, id, n)
		}
		if !sameInt(f.low, got.Low) {
			v.fail(RuleStructure, e.ID, Date{}, "%q has Low %d in class %q, but the floor of the class share %s/%s is %s",
				e.ID, got.Low, id, f.num, f.den, f.low)
		}
		if !sameInt(f.high, got.High) {
			v.fail(RuleStructure, e.ID, Date{}, "%q has High %d in class %q, but the ceiling of the class share %s/%s is %s",
				e.ID, got.High, id, f.num, f.den, f.high)
		}
		if !sameShare(got.Share, f.share) {
			v.fail(RuleStructure, e.ID, Date{}, "%q has Share %v in class %q, but the class share %s/%s is %v",
				e.ID, got.Share, id, f.num, f.den, f.share)
		}
	}
}
