package model

import (
	"sort"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/se"
)

// Holiday names a Swedish holiday on a date.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// SwedishHolidays returns the Swedish public holidays and the de facto
// holidays (Midsommarafton, Julafton, Nyårsafton) from first to last, both
// included, in date order. The list is that of github.com/rickar/cal/v2/se.
func SwedishHolidays(first, last Date) []Holiday {
	var out []Holiday
	for y := first.Year; y <= last.Year; y++ {
		for _, h := range se.Holidays {
			out = appendHoliday(out, h, y, first, last)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

func appendHoliday(out []Holiday, h *cal.Holiday, year int, first, last Date) []Holiday {
	actual, _ := h.Calc(year)
	if actual.IsZero() {
		return out
	}
	d := DateOf(actual)
	if d.Before(first) || d.After(last) {
		return out
	}
	return append(out, Holiday{Date: d, Name: h.Name})
}

// DutyDates returns the duty dates of the period in increasing order: every
// day from Start to End whose weekday is one of Weekdays (Friday when
// empty), less Swedish holidays unless KeepHolidays is set, plus Include,
// less Exclude. It returns nil when End is before Start or either is unset;
// Validate reports those.
func (p Period) DutyDates() []Date {
	if p.Start.IsZero() || p.End.IsZero() || p.End.Before(p.Start) {
		return nil
	}
	weekdays := map[time.Weekday]bool{time.Friday: len(p.Weekdays) == 0}
	for _, w := range p.Weekdays {
		weekdays[time.Weekday(w)] = true
	}
	skip := map[Date]bool{}
	if !p.KeepHolidays {
		for _, h := range SwedishHolidays(p.Start, p.End) {
			skip[h.Date] = true
		}
	}
	include := map[Date]bool{}
	for _, d := range p.Include {
		include[d] = true
	}
	for _, d := range p.Exclude {
		skip[d] = true
		include[d] = false
	}
	var out []Date
	for t, end := p.Start.Time(), p.End.Time(); !t.After(end); t = t.AddDate(0, 0, 1) {
		d := DateOf(t)
		if include[d] || (weekdays[t.Weekday()] && !skip[d]) {
			out = append(out, d)
		}
	}
	return out
}
