package gen

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/rostersat/rostersat/model"
)

// Size names one of the benchmark's instance shapes.
type Size string

// The instance shapes of the benchmark.
const (
	// S is the Värmdö office of the 2023-24 trial: 28 staff in four
	// units, the 30 duty Fridays from 2023-11-17 to 2024-06-14, four on duty.
	S Size = "S"
	// M is 120 staff in 8 units over 52 duty Fridays from 2025-01-03.
	M Size = "M"
	// L is 500 staff in 20 units over 52 duty Fridays.
	L Size = "L"
	// XL is 2,000 staff in 80 units over 52 duty Fridays.
	XL Size = "XL"
	// ST is S with a unit of five that must staff every Friday: its members
	// must work more than their share, and the counting bound is D = 1.
	ST Size = "ST"
	// MT is M with a unit of five that must staff every Friday; the
	// counting bound is D = 3.
	MT Size = "MT"
)

// Sizes returns every Size in the order S, M, L, XL, ST, MT.
func Sizes() []Size { return []Size{S, M, L, XL, ST, MT} }

// ParseSize reads a size name in any letter case.
func ParseSize(s string) (Size, error) {
	for _, z := range Sizes() {
		if strings.EqualFold(s, string(z)) {
			return z, nil
		}
	}
	return "", fmt.Errorf("size %q: want one of %v", s, Sizes())
}

// Spec returns the shape of size, to generate as it is or to change.
func (s Size) Spec() (Spec, error) {
	year := Spec{Start: model.NewDate(2025, time.January, 3), Dates: 52}
	switch s {
	case S, ST:
		sp := Spec{Name: string(s), Staff: 28, Units: 4,
			Start: model.NewDate(2023, time.November, 17), End: model.NewDate(2024, time.June, 14)}
		if s == ST {
			sp.TightUnit, sp.TightBound = 5, 1
		}
		return sp, nil
	case M, MT:
		year.Name, year.Staff, year.Units = string(s), 120, 8
		if s == MT {
			year.TightUnit, year.TightBound = 5, 3
		}
		return year, nil
	case L:
		year.Name, year.Staff, year.Units = string(s), 500, 20
		return year, nil
	case XL:
		year.Name, year.Staff, year.Units = string(s), 2000, 80
		return year, nil
	}
	return Spec{}, fmt.Errorf("size %q: want one of %v", string(s), Sizes())
}

// Office generates the instance of size for seed; see [Generate].
func Office(size Size, seed int64) (*model.Problem, error) {
	sp, err := size.Spec()
	if err != nil {
		return nil, err
	}
	return Generate(sp, seed)
}

// Spec is the shape of an office; [Generate] draws the details. Every
// field without a documented default is required.
type Spec struct {
	// Name labels the instance: the problem is named "Name-seedN".
	Name string
	// Staff is the number of people, 14 to model.MaxStaff.
	Staff int
	// Start is the first day of the period. The duty dates are its
	// Fridays, less Swedish holidays.
	Start model.Date
	// End is the last day of the period. Zero means: as long as it takes
	// to hold Dates duty dates.
	End model.Date
	// Dates is the number of duty dates when End is zero, 1 to
	// model.MaxDutyDates; it is ignored otherwise.
	Dates int
	// Units is the number of units, 1 to Staff/5. They cycle through the
	// four units of the Värmdö reorganisation (mottagning, barn-och-unga,
	// vuxen, forsorjningsstod), numbered when there are more than four, and
	// their sizes follow the weights 9:8:6:5.
	Units int
	// PerDate is the number of people on duty per date. Zero means Staff/7
	// rounded, at least 1. It may be at most Staff/5.
	PerDate int
	// TightUnit, when above zero, makes the last unit exactly that many
	// people, 4 to 10, all with the same Percent and never more than one
	// away at a time, and asks for one of them on every duty date: too few
	// to keep within their share. Zero is off. It needs Units >= 2.
	TightUnit int
	// TightBound is the lower bound on D that the tight unit is to force,
	// 1 to 10, by counting: its members must supply one duty per date, each
	// at most min(High(s)+D, cap(s)), where cap(s) is the most duties their
	// availability and the spacing allow, so D is at least the smallest D
	// with sum min(High(s)+D, cap(s)) >= the number of duty dates. The
	// generator sets the members' Percent to the highest of 100, 95, ...,
	// 50 that gives this bound. It needs TightUnit.
	TightBound int
}

// The proportions of a generated office; doc.go explains each.
const (
	spacingWeeks     = 4
	seniorShare      = 0.25 // of each unit, rounded
	offFridayShare   = 0.04 // Percent 80, OffWeekdays Friday
	partTimeShare    = 0.08 // Percent 75, 80 or 90
	longLeavePer28   = 2    // parental or sick leave, per 28 staff
	turnoverPer28    = 1    // hires, and leavers, per 28 staff
	trainingPer28    = 1    // one-day training absences, per 28 staff
	christmasShare   = 0.40
	sportlovShare    = 0.25
	easterShare      = 0.25
	summerShare      = 0.15
	requestShare     = 0.10 // of available person-dates
	avoidShare       = 2.0 / 3
	maxWeight        = 5
	unitMinimumShare = 0.6 // of a unit's expected people per date
)

var unitKinds = []struct {
	id, name string
	weight   int
}{
	{"mottagning", "Mottagning", 9},
	{"barn-och-unga", "Barn och unga", 8},
	{"vuxen", "Vuxen", 6},
	{"forsorjningsstod", "Försörjningsstöd", 5},
}

// SeniorRole is the ID of the role that RoleMinimums ask for.
const SeniorRole = "senior"

func (sp Spec) check() error {
	var errs []error
	fail := func(field string, v any, msg string, args ...any) {
		errs = append(errs, fmt.Errorf("spec.%s = %v: %s", field, v, fmt.Sprintf(msg, args...)))
	}
	if sp.Staff < 14 || sp.Staff > model.MaxStaff {
		fail("Staff", sp.Staff, "want 14 to %d", model.MaxStaff)
	}
	if sp.Start.IsZero() {
		fail("Start", sp.Start, "is required")
	}
	if sp.End.IsZero() {
		if sp.Dates < 1 || sp.Dates > model.MaxDutyDates {
			fail("Dates", sp.Dates, "want 1 to %d when End is zero", model.MaxDutyDates)
		}
	} else if sp.End.Before(sp.Start) {
		fail("End", sp.End, "is before Start %s", sp.Start)
	} else if n := sp.Start.DaysUntil(sp.End) + 1; n > model.MaxPeriodDays {
		fail("End", sp.End, "the period has %d days, more than %d", n, model.MaxPeriodDays)
	}
	if sp.Units < 1 || sp.Units > sp.Staff/5 {
		fail("Units", sp.Units, "want 1 to Staff/5 = %d", sp.Staff/5)
	}
	if sp.PerDate < 0 || sp.PerDate > sp.Staff/5 {
		fail("PerDate", sp.PerDate, "want 0 (Staff/7) to Staff/5 = %d", sp.Staff/5)
	}
	if sp.TightUnit != 0 {
		switch {
		case sp.TightUnit < spacingWeeks || sp.TightUnit > 10:
			fail("TightUnit", sp.TightUnit, "want 0 (off) or %d to 10: with %d weeks' spacing fewer cannot cover every Friday",
				spacingWeeks, spacingWeeks)
		case sp.Units < 2:
			fail("TightUnit", sp.TightUnit, "needs Units >= 2, have %d", sp.Units)
		case sp.Staff-sp.TightUnit < 5*(sp.Units-1):
			fail("TightUnit", sp.TightUnit, "leaves %d staff for %d other units, fewer than 5 each",
				sp.Staff-sp.TightUnit, sp.Units-1)
		}
	}
	switch {
	case sp.TightUnit == 0 && sp.TightBound != 0:
		fail("TightBound", sp.TightBound, "needs TightUnit")
	case sp.TightUnit != 0 && (sp.TightBound < 1 || sp.TightBound > 10):
		fail("TightBound", sp.TightBound, "want 1 to 10")
	}
	return errors.Join(errs...)
}

// Generate draws an office of shape sp from seed. The same spec and seed
// give the same problem, field for field, on every platform and Go
// version; the problem passes Validate. See the package documentation for
// what is drawn and in what proportions.
func Generate(sp Spec, seed int64) (*model.Problem, error) {
	if err := sp.check(); err != nil {
		return nil, err
	}
	b := &builder{sp: sp, r: newRNG(seed)}
	if err := b.period(); err != nil {
		return nil, err
	}
	b.p.Name = fmt.Sprintf("%s-seed%d", sp.Name, seed)
	b.units()
	b.staff()
	b.rules()
	b.attributes()
	b.vacations()
	if err := b.guard(); err != nil {
		return nil, err
	}
	if err := b.tighten(); err != nil {
		return nil, err
	}
	if err := b.loosen(); err != nil {
		return nil, err
	}
	b.requests()
	b.finish()
	if err := b.p.Validate(); err != nil {
		return nil, fmt.Errorf("gen: generated %s is invalid (a bug): %w", b.p.Name, err)
	}
	return b.p, nil
}

type absence struct {
	person    int
	a         model.Absence
	removable bool
	removed   bool
}

type builder struct {
	sp    Spec
	r     *rng
	p     *model.Problem
	dates []model.Date
	day   []int // day number of each duty date from the period start
	c     int

	unitOf     []int // unit index of each person
	unitSize   []int
	unitFirst  []int // index of a unit's first member
	senior     []bool
	tight      []bool
	offFriday  []bool
	absences   []absence
	absencesOf [][]int  // indices into absences, per person
	avail      [][]bool // person x duty date
}

func (b *builder) period() error {
	per := model.Period{Start: b.sp.Start, End: b.sp.End}
	if per.End.IsZero() {
		first := b.sp.Start.AddDays((int(time.Friday) - int(b.sp.Start.Weekday()) + 7) % 7)
		per.End = first.AddDays(7 * (b.sp.Dates - 1))
		for len(per.DutyDates()) < b.sp.Dates {
			// Each step adds a Friday; holidays cost a few at most.
			per.End = per.End.AddDays(7)
			if b.sp.Start.DaysUntil(per.End)+1 > model.MaxPeriodDays {
				return fmt.Errorf("spec.Dates = %d: the period would exceed %d days", b.sp.Dates, model.MaxPeriodDays)
			}
		}
	}
	b.dates = per.DutyDates()
	if len(b.dates) == 0 {
		return fmt.Errorf("spec.End = %s: no duty Friday from %s", per.End, per.Start)
	}
	b.day = make([]int, len(b.dates))
	for i, d := range b.dates {
		b.day[i] = per.Start.DaysUntil(d)
	}
	b.c = b.sp.PerDate
	if b.c == 0 {
		b.c = max(1, int(math.Round(float64(b.sp.Staff)/7)))
	}
	b.p = &model.Problem{Period: per}
	return nil
}

// units sizes the units by their kind weights (largest remainder), the
// tight unit last with exactly TightUnit members.
func (b *builder) units() {
	n := b.sp.Units
	b.unitSize = make([]int, n)
	rest, k := b.sp.Staff, n
	if b.sp.TightUnit > 0 {
		b.unitSize[n-1] = b.sp.TightUnit
		rest, k = rest-b.sp.TightUnit, n-1
	}
	total := 0
	for i := range k {
		total += unitKinds[i%4].weight
	}
	type rem struct{ i, r int }
	rems := make([]rem, k)
	given := 0
	for i := range k {
		w := unitKinds[i%4].weight
		b.unitSize[i] = rest * w / total
		given += b.unitSize[i]
		rems[i] = rem{i, rest * w % total}
	}
	sort.SliceStable(rems, func(x, y int) bool { return rems[x].r > rems[y].r })
	for j := 0; given < rest; j++ {
		b.unitSize[rems[j%k].i]++
		given++
	}
	for i := range n {
		kind := unitKinds[i%4]
		u := model.Unit{ID: kind.id, Name: kind.name}
		if n > 4 {
			u.ID = fmt.Sprintf("%s-%d", kind.id, i/4+1)
			u.Name = fmt.Sprintf("%s %d", kind.name, i/4+1)
		}
		b.p.Units = append(b.p.Units, u)
	}
}

func (b *builder) staff() {
	n := b.sp.Staff
	width := len(fmt.Sprint(n))
	b.unitOf = make([]int, 0, n)
	b.unitFirst = make([]int, len(b.unitSize))
	b.senior = make([]bool, n)
	b.tight = make([]bool, n)
	for u, size := range b.unitSize {
		b.unitFirst[u] = len(b.unitOf)
		members := make([]int, size)
		for j := range size {
			members[j] = len(b.unitOf)
			b.unitOf = append(b.unitOf, u)
		}
		seniors := max(1, int(math.Round(float64(size)*seniorShare)))
		for _, s := range b.r.perm(members)[:seniors] {
			b.senior[s] = true
		}
		if b.sp.TightUnit > 0 && u == len(b.unitSize)-1 {
			for _, s := range members {
				b.tight[s] = true
			}
		}
	}
	b.p.Roles = []model.Role{{ID: SeniorRole, Name: "Senior socialsekreterare"}}
	b.p.Staff = make([]model.Staff, n)
	for s := range n {
		st := model.Staff{
			ID:   fmt.Sprintf("s%0*d", width, s+1),
			Name: firstNames[b.r.intn(len(firstNames))] + " " + lastNames[b.r.intn(len(lastNames))],
			Unit: b.p.Units[b.unitOf[s]].ID,
		}
		if b.senior[s] {
			st.Roles = []string{SeniorRole}
		}
		b.p.Staff[s] = st
	}
}

// perDateShare is the expected number of a group of size people on duty
// per date.
func (b *builder) perDateShare(size int) float64 {
	return float64(size*b.c) / float64(b.sp.Staff)
}

func (b *builder) rules() {
	r := &b.p.Rules
	r.Coverage.PerDate = b.c
	r.Spacing.Weeks = spacingWeeks
	minimum := func(u int) {
		expected := b.perDateShare(b.unitSize[u])
		m := int(unitMinimumShare * expected)
		if m == 0 && expected >= 1.2 {
			m = 1
		}
		if m > 0 { // a unit expected to have fewer than 1.2 on duty gets none
			r.UnitMinimums = append(r.UnitMinimums, model.UnitMinimum{Unit: b.p.Units[u].ID, Min: m})
		}
	}
	minimum(0)
	if b.sp.Units >= 8 {
		minimum(1)
	}
	if b.sp.TightUnit > 0 {
		r.UnitMinimums = append(r.UnitMinimums, model.UnitMinimum{Unit: b.p.Units[len(b.unitSize)-1].ID, Min: 1})
	}
	r.RoleMinimums = []model.RoleMinimum{{Role: SeniorRole, Min: max(1, int(math.Round(float64(b.c)/6)))}}
}

// count returns Staff*share rounded, at least least.
func (b *builder) count(share float64, least int) int {
	return max(least, int(math.Round(float64(b.sp.Staff)*share)))
}

// attributes draws part-time patterns, long leaves and employment dates,
// each for a fixed number of people outside the tight unit, along one
// random permutation.
func (b *builder) attributes() {
	n := b.sp.Staff
	b.offFriday = make([]bool, n)
	var free []int
	for s := range n {
		if !b.tight[s] {
			free = append(free, s)
		}
	}
	order := b.r.perm(free)
	next := 0
	take := func(k int, ok func(int) bool) []int {
		var out []int
		for i := next; i < len(order) && len(out) < k; i++ {
			if s := order[i]; ok(s) {
				out = append(out, s)
				order[i], order[next] = order[next], order[i]
				next++
			}
		}
		return out
	}
	all := func(int) bool { return true }
	for _, s := range take(b.count(offFridayShare, 1), func(s int) bool { return !b.senior[s] }) {
		b.offFriday[s] = true
		b.p.Staff[s].Percent = 80
		b.p.Staff[s].OffWeekdays = []model.Weekday{model.Weekday(time.Friday)}
	}
	percents := []int{75, 80, 80, 90}
	for _, s := range take(b.count(partTimeShare, 2), all) {
		b.p.Staff[s].Percent = percents[b.r.intn(len(percents))]
	}
	nd := len(b.dates)
	for _, s := range take(b.count(float64(longLeavePer28)/28, 2), all) {
		kind, weeks := model.ParentalLeave, b.r.between(12, 26)
		if b.r.chance(0.4) {
			kind, weeks = model.SickLeave, b.r.between(3, 12)
		}
		days := 7 * weeks
		periodDays := b.p.Period.Start.DaysUntil(b.p.Period.End) + 1
		start := b.p.Period.Start.AddDays(b.r.between(-days/2, max(-days/2, periodDays-14)))
		if bl, ok := (block{first: start, last: start.AddDays(days - 1)}).clip(b.p.Period.Start, b.p.Period.End); ok {
			b.addAbsence(s, bl.first, bl.last, kind, false)
		}
	}
	turnover := b.count(float64(turnoverPer28)/28, 1)
	for _, s := range take(turnover, all) {
		i := b.r.between(nd/5, max(nd/5, nd/2-1))
		b.p.Staff[s].Start = b.dates[i].AddDays(-4) // the Monday of that week
	}
	for _, s := range take(turnover, all) {
		i := b.r.between(nd/2, max(nd/2, 4*nd/5-1))
		b.p.Staff[s].End = b.dates[i].AddDays(-1) // leaves on the Thursday
	}
}

func (b *builder) addAbsence(s int, first, last model.Date, kind model.AbsenceKind, removable bool) {
	b.absences = append(b.absences, absence{
		person:    s,
		a:         model.Absence{Staff: b.p.Staff[s].ID, First: first, Last: last, Kind: kind},
		removable: removable,
	})
}

// vacations draws the vacation blocks and one-day trainings. Members of the
// tight unit take the blocks in turn, one member per block, so that at
// most one of them is ever away.
func (b *builder) vacations() {
	per := b.p.Period
	blocks := holidayBlocks(per.Start, per.End)
	share := map[string]float64{"christmas": christmasShare, "sportlov": sportlovShare, "easter": easterShare}
	for _, bl := range blocks {
		for s := range b.sp.Staff {
			if !b.tight[s] && !b.offFriday[s] && b.r.chance(share[bl.name]) && b.employed(s, bl) {
				b.addAbsence(s, bl.first, bl.last, model.Vacation, true)
			}
		}
	}
	var summers []block
	for y := per.Start.Year; y <= per.End.Year; y++ {
		summers = append(summers, block{"summer", isoWeekMonday(y, 27), isoWeekMonday(y, 34).AddDays(6)})
	}
	for _, su := range summers {
		if _, ok := su.clip(per.Start, per.End); !ok {
			continue
		}
		for s := range b.sp.Staff {
			if b.tight[s] || b.offFriday[s] || !b.r.chance(summerShare) {
				continue
			}
			first := su.first.AddDays(7 * b.r.between(0, 4))
			v, ok := block{first: first, last: first.AddDays(7*b.r.between(3, 4) - 1)}.clip(per.Start, per.End)
			if ok && b.employed(s, v) {
				b.addAbsence(s, v.first, v.last, model.Vacation, true)
			}
		}
		// The tight unit's turn in summer: three weeks from week 28.
		blocks = append(blocks, block{"summer", su.first.AddDays(7), su.first.AddDays(7*4 - 1)})
	}
	if b.sp.TightUnit > 0 {
		sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].first.Before(blocks[j].first) })
		first := b.unitFirst[len(b.unitSize)-1]
		k := 0
		for _, bl := range blocks {
			if v, ok := bl.clip(per.Start, per.End); ok {
				b.addAbsence(first+k%b.sp.TightUnit, v.first, v.last, model.Vacation, true)
				k++
			}
		}
	}
	for range b.count(float64(trainingPer28)/28, 1) {
		s := b.r.intn(b.sp.Staff)
		if b.tight[s] {
			continue
		}
		d := b.dates[b.r.intn(len(b.dates))]
		b.addAbsence(s, d, d, model.Training, true)
	}
}

// employed reports whether person s is employed on some day of bl.
func (b *builder) employed(s int, bl block) bool {
	st := b.p.Staff[s]
	return (st.Start.IsZero() || !bl.last.Before(st.Start)) && (st.End.IsZero() || !bl.first.After(st.End))
}

func (b *builder) available(s, f int) bool {
	st := b.p.Staff[s]
	d := b.dates[f]
	if b.offFriday[s] || (!st.Start.IsZero() && d.Before(st.Start)) || (!st.End.IsZero() && d.After(st.End)) {
		return false
	}
	return true
}

// computeAvail fills the availability of person s from employment,
// part-time pattern and the absences not removed.
func (b *builder) computeAvail(s int) {
	row := b.avail[s]
	for f := range b.dates {
		row[f] = b.available(s, f)
	}
	for _, a := range b.absencesOf[s] {
		ab := &b.absences[a]
		if ab.removed {
			continue
		}
		for f, d := range b.dates {
			if !d.Before(ab.a.First) && !d.After(ab.a.Last) {
				row[f] = false
			}
		}
	}
}

// group is a set of people of whom need must be on duty on every date.
type group struct {
	name    string
	members []int
	need    int
}

func (b *builder) groups() []group {
	all := make([]int, b.sp.Staff)
	for s := range all {
		all[s] = s
	}
	gs := []group{{"coverage", all, b.c}}
	for _, m := range b.p.Rules.UnitMinimums {
		var members []int
		for s, st := range b.p.Staff {
			if st.Unit == m.Unit {
				members = append(members, s)
			}
		}
		gs = append(gs, group{"unit " + m.Unit, members, m.Min})
	}
	for _, m := range b.p.Rules.RoleMinimums {
		var members []int
		for s := range b.p.Staff {
			if b.senior[s] {
				members = append(members, s)
			}
		}
		gs = append(gs, group{"role " + m.Role, members, m.Min})
	}
	return gs
}

// guard makes sure that absences leave every group enough people: on each
// date at least 2*need + 2 are available (a manager who signs off
// vacations keeps that many in; in a group that small, all but one, and
// never fewer than need + 1), and within each
// spacing window, where nobody can work twice, at least need per date of
// the window are available on one of its dates. Where that fails it takes
// back vacations and trainings, newest first, until it holds. These are
// necessary conditions, not a proof; the tests confirm feasibility by
// solving every size with the baselines.
func (b *builder) guard() error {
	n := b.sp.Staff
	b.avail = make([][]bool, n)
	b.absencesOf = make([][]int, n)
	for i, a := range b.absences {
		b.absencesOf[a.person] = append(b.absencesOf[a.person], i)
	}
	for s := range n {
		b.avail[s] = make([]bool, len(b.dates))
		b.computeAvail(s)
	}
	seen := make([]int, n) // window stamp per person
	stamp := 0
	for _, g := range b.groups() {
		for {
			bad, want := b.shortage(g, seen, &stamp)
			if bad == nil {
				break
			}
			if !b.takeBack(g, bad) {
				return fmt.Errorf("gen: %s (%d people, %d needed per date) cannot have %d people available "+
					"from %s to %s however absences are drawn: the spec leaves it too small",
					g.name, len(g.members), g.need, want, b.dates[bad[0]], b.dates[bad[len(bad)-1]])
			}
		}
	}
	return nil
}

// shortage returns the dates of the first place where g has too few
// people, and how many it should have, or nil.
func (b *builder) shortage(g group, seen []int, stamp *int) ([]int, int) {
	spacing := 7 * spacingWeeks
	for f := range b.dates {
		cnt := 0
		for _, s := range g.members {
			if b.avail[s][f] {
				cnt++
			}
		}
		if want := max(g.need+1, min(2*g.need+2, len(g.members)-1)); cnt < want {
			return []int{f}, want
		}
		*stamp++
		distinct, j := 0, f
		for ; j < len(b.dates) && b.day[j]-b.day[f] < spacing; j++ {
			for _, s := range g.members {
				if b.avail[s][j] && seen[s] != *stamp {
					seen[s] = *stamp
					distinct++
				}
			}
		}
		if distinct < g.need*(j-f) {
			out := make([]int, 0, j-f)
			for k := f; k < j; k++ {
				out = append(out, k)
			}
			return out, g.need * (j - f)
		}
	}
	return nil, 0
}

// takeBack removes the newest removable absence of a member of g that
// covers one of dates, and reports whether there was one.
func (b *builder) takeBack(g group, dates []int) bool {
	member := make(map[int]bool, len(g.members))
	for _, s := range g.members {
		member[s] = true
	}
	for i := len(b.absences) - 1; i >= 0; i-- {
		ab := &b.absences[i]
		if !ab.removable || ab.removed || !member[ab.person] {
			continue
		}
		for _, f := range dates {
			d := b.dates[f]
			if !d.Before(ab.a.First) && !d.After(ab.a.Last) {
				ab.removed = true
				b.computeAvail(ab.person)
				return true
			}
		}
	}
	return false
}

// requests draws a request on about requestShare of available
// person-dates: Avoid two times in three, weight 1 to maxWeight.
func (b *builder) requests() {
	for s, st := range b.p.Staff {
		for f, d := range b.dates {
			if !b.avail[s][f] || !b.r.chance(requestShare) {
				continue
			}
			q := model.Request{Staff: st.ID, Date: d, Kind: model.Prefer, Weight: b.r.between(1, maxWeight)}
			if b.r.chance(avoidShare) {
				q.Kind = model.Avoid
			}
			b.p.Requests = append(b.p.Requests, q)
		}
	}
}

// finish writes the absences kept, by person and then date.
func (b *builder) finish() {
	var kept []absence
	for _, a := range b.absences {
		if !a.removed {
			kept = append(kept, a)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].person != kept[j].person {
			return kept[i].person < kept[j].person
		}
		return kept[i].a.First.Before(kept[j].a.First)
	})
	for _, a := range kept {
		b.p.Absences = append(b.p.Absences, a.a)
	}
}

// countingBound returns the smallest D at which members can supply min
// people on every duty date, each giving at most min(High(s)+D, cap(s)),
// where cap(s) is the most duties availability and spacing allow; -1 when
// no D will do.
func (b *builder) countingBound(members []int, min_ int) int {
	nd := len(b.dates)
	var bigW int64
	a := make([]int64, b.sp.Staff)
	for s := range a {
		for f := range nd {
			if b.avail[s][f] {
				a[s]++
			}
		}
		bigW += b.percent(s) * a[s]
	}
	if bigW == 0 {
		return -1
	}
	highs, caps := make([]int, len(members)), make([]int, len(members))
	bigN := int64(b.c * nd)
	for i, s := range members {
		highs[i] = int((bigN*b.percent(s)*a[s] + bigW - 1) / bigW)
		last := -1
		for f := range nd {
			if b.avail[s][f] && (last < 0 || b.day[f]-b.day[last] >= 7*spacingWeeks) {
				caps[i]++
				last = f
			}
		}
	}
	for d := 0; d <= nd; d++ {
		supply := 0
		for i := range members {
			supply += min(highs[i]+d, caps[i])
		}
		if supply >= min_*nd {
			return d
		}
	}
	return -1
}

// percent is p(s) of the Definitions.
func (b *builder) percent(s int) int64 {
	if pc := b.p.Staff[s].Percent; pc != 0 {
		return int64(pc)
	}
	return 100
}

// tighten sets the Percent of the tight unit's members to the highest of
// 100, 95, ..., 50 at which the counting bound on D is TightBound.
func (b *builder) tighten() error {
	if b.sp.TightUnit == 0 {
		return nil
	}
	var members []int
	for s := range b.sp.Staff {
		if b.tight[s] {
			members = append(members, s)
		}
	}
	for pc := 100; pc >= 50; pc -= 5 {
		for _, s := range members {
			b.p.Staff[s].Percent = pc % 100 // 100 is written as 0, full time
		}
		if b.countingBound(members, 1) == b.sp.TightBound {
			return nil
		}
	}
	return fmt.Errorf("spec.TightBound = %d: no Percent from 100 down to 50 gives the %d members of %s that bound",
		b.sp.TightBound, len(members), b.p.Units[len(b.unitSize)-1].ID)
}

// loosen makes sure that no other minimum forces anyone above their share,
// so that perfect fairness stays possible as far as counting can tell: while
// the seniors cannot cover their minimum within their shares, it makes the
// most available full-timer who is not a senior one; a unit in that state
// is an error in the spec.
func (b *builder) loosen() error {
	for _, g := range b.groups()[1:] {
		if b.sp.TightUnit > 0 && g.name == "unit "+b.p.Units[len(b.unitSize)-1].ID {
			continue
		}
		for b.countingBound(g.members, g.need) != 0 {
			if !strings.HasPrefix(g.name, "role ") {
				return fmt.Errorf("gen: %s is too small to keep its minimum %d within its members' shares", g.name, g.need)
			}
			best, bestA := -1, -1
			for s := range b.sp.Staff {
				if b.senior[s] || b.tight[s] || b.p.Staff[s].Percent != 0 {
					continue
				}
				a := 0
				for f := range b.dates {
					if b.avail[s][f] {
						a++
					}
				}
				if a > bestA {
					best, bestA = s, a
				}
			}
			if best < 0 {
				return fmt.Errorf("gen: %s cannot keep its minimum %d within its members' shares", g.name, g.need)
			}
			b.senior[best] = true
			b.p.Staff[best].Roles = []string{SeniorRole}
			g.members = append(g.members, best)
		}
	}
	return nil
}
