package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Diff is what a new schedule changes in a published rota, date by date:
// who is newly on duty and who is released. Make one with [Compare].
type Diff struct {
	// Dates are the duty dates with a change, in date order.
	Dates []DateDiff `json:"dates"`
}

// DateDiff is the change on one duty date.
type DateDiff struct {
	Date Date `json:"date"`
	// On are the people newly on duty, in staff order.
	On []Move `json:"on,omitempty"`
	// Off are the people released, in staff order.
	Off []Move `json:"off,omitempty"`
}

// Move is one person put on or taken off a duty date.
type Move struct {
	Staff string `json:"staff"`
	// Name is the person's name, or the ID when the problem gives none.
	Name string `json:"name"`
	// Why says, for someone released, why they cannot work the date
	// ("sick", "vacation", "not employed", "pinned off", ...), or is
	// empty when they could but the new rota needs them elsewhere.
	Why string `json:"why,omitempty"`
}

// Compare returns what the schedule s of p changes in the published
// rosters: on every duty date of s, the people it adds and those it
// releases; a published date that is not a duty date of s releases its
// whole roster. A schedule without a rota (Unknown, Infeasible) has
// nobody on duty. IDs that name nobody in p are listed as they are.
func Compare(p *Problem, published []DutyRoster, s *Schedule) Diff {
	order := staffIndex(p)
	reasons := newOffReasons(p, order)
	move := func(id string, d Date, released bool) Move {
		m := Move{Staff: id, Name: id}
		if i, ok := order[id]; ok {
			m.Name = p.Staff[i].DisplayName()
		}
		if released {
			m.Why = reasons.why(id, d)
		}
		return m
	}
	was := map[Date][]string{}
	for _, r := range published {
		if _, dup := was[r.Date]; !dup {
			was[r.Date] = r.Staff
		}
	}
	now := map[Date][]string{}
	var dates []Date
	if s != nil {
		for _, r := range s.Dates {
			if _, dup := now[r.Date]; !dup {
				now[r.Date] = r.Staff
				dates = append(dates, r.Date)
			}
		}
	}
	for d := range was {
		if _, ok := now[d]; !ok {
			dates = append(dates, d)
		}
	}
	slices.SortFunc(dates, Date.Compare)
	var out Diff
	for _, d := range dates {
		dd := DateDiff{Date: d}
		for _, id := range difference(now[d], was[d], order) {
			dd.On = append(dd.On, move(id, d, false))
		}
		for _, id := range difference(was[d], now[d], order) {
			m := move(id, d, true)
			if _, duty := now[d]; !duty {
				m.Why = "no longer a duty date"
			}
			dd.Off = append(dd.Off, m)
		}
		if len(dd.On)+len(dd.Off) > 0 {
			out.Dates = append(out.Dates, dd)
		}
	}
	return out
}

// difference returns the IDs of a not in b, in staff order (unknown IDs
// last, as given).
func difference(a, b []string, order map[string]int) []string {
	in := map[string]bool{}
	for _, id := range b {
		in[id] = true
	}
	var out []string
	for _, id := range a {
		if !in[id] {
			in[id] = true
			out = append(out, id)
		}
	}
	rank := func(id string) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(rank(a), rank(b)) })
	return out
}

// offReasons says why people cannot work a date, from the problem.
type offReasons struct {
	p        *Problem
	staff    map[string]int
	absences map[string][]Absence
	pinned   map[Pin]bool // the off pins
}

func newOffReasons(p *Problem, staff map[string]int) *offReasons {
	o := &offReasons{p: p, staff: staff, absences: map[string][]Absence{}, pinned: map[Pin]bool{}}
	for _, a := range p.Absences {
		o.absences[a.Staff] = append(o.absences[a.Staff], a)
	}
	for _, pin := range p.Pins {
		if !pin.Work {
			o.pinned[pin] = true
		}
	}
	return o
}

// why says why the person cannot work d, in a word or two, or "".
func (o *offReasons) why(id string, d Date) string {
	if why := o.away(id, d); why != "" {
		return why
	}
	if o.pinned[Pin{Staff: id, Date: d}] {
		return "pinned off"
	}
	return ""
}

// away says why the person is not available on d, or "".
func (o *offReasons) away(id string, d Date) string {
	if i, ok := o.staff[id]; ok {
		switch st := o.p.Staff[i]; {
		case !employedOn(st, d):
			return "not employed"
		case offWeekdayOn(st, d):
			return "part-time"
		}
	}
	for _, a := range o.absences[id] {
		if !d.Before(a.First) && !d.After(a.Last) {
			return absenceWords[a.Kind]
		}
	}
	return ""
}

// Unavailable says, in a word or two, why the person with the ID is not
// available on d: "not employed", "part-time" (an off weekday), or the
// kind of absence ("sick", "vacation", ...); "" when they are available.
// Pins are decisions, not availability: they do not count.
func (p *Problem) Unavailable(id string, d Date) string {
	staff := map[string]int{}
	for i, st := range p.Staff {
		if st.ID == id {
			staff[id] = i
			break
		}
	}
	o := &offReasons{p: p, staff: staff, absences: map[string][]Absence{}}
	for _, a := range p.Absences {
		if a.Staff == id {
			o.absences[id] = append(o.absences[id], a)
		}
	}
	return o.away(id, d)
}

var absenceWords = map[AbsenceKind]string{
	"": "away", OtherAbsence: "away", Vacation: "vacation", ParentalLeave: "parental leave",
	SickLeave: "sick", Training: "training",
}

// Changes returns the number of person-dates the diff changes.
func (d Diff) Changes() int {
	n := 0
	for _, dd := range d.Dates {
		n += len(dd.On) + len(dd.Off)
	}
	return n
}

// String writes the diff a line a date, for a scheduler to paste into
// an e-mail: "2024-02-09: Ahmed H. is off (sick), Linnea Å. takes the
// duty". A diff without changes is "no changes".
func (d Diff) String() string {
	if len(d.Dates) == 0 {
		return "no changes"
	}
	var b strings.Builder
	for i, dd := range d.Dates {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(dd.String())
	}
	return b.String()
}

// String writes the change on one date, as in Diff.String.
func (dd DateDiff) String() string {
	var parts []string
	if n := len(dd.Off); n > 0 {
		who := make([]string, n)
		for i, m := range dd.Off {
			who[i] = m.Name
			if m.Why != "" && n > 1 {
				who[i] += " (" + m.Why + ")"
			}
		}
		verb := "are off"
		if n == 1 {
			verb = "is off"
			if why := dd.Off[0].Why; why != "" {
				verb += " (" + why + ")"
			}
		}
		parts = append(parts, andList(who)+" "+verb)
	}
	if n := len(dd.On); n > 0 {
		who := make([]string, n)
		for i, m := range dd.On {
			who[i] = m.Name
		}
		verb := "take the duty"
		if n == 1 {
			verb = "takes the duty"
		}
		parts = append(parts, andList(who)+" "+verb)
	}
	return fmt.Sprintf("%s: %s", dd.Date, strings.Join(parts, ", "))
}

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	switch n := len(names); n {
	case 0:
		return ""
	case 1:
		return names[0]
	default:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
}
