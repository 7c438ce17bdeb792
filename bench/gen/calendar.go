package gen

import (
	"time"

	"github.com/rostersat/rostersat/model"
)

// easter returns Easter Sunday of year (the anonymous Gregorian algorithm
// of Meeus, Jones and Butcher).
func easter(year int) model.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return model.NewDate(year, time.Month(month), day)
}

// isoWeekMonday returns the Monday of ISO week w of year.
func isoWeekMonday(year, w int) model.Date {
	jan4 := model.NewDate(year, time.January, 4)
	// Monday of week 1 is the Monday on or before 4 January.
	back := (int(jan4.Weekday()) + 6) % 7
	return jan4.AddDays(-back + 7*(w-1))
}

// block is a span of days that many people take off together.
type block struct {
	name        string
	first, last model.Date
}

// clip returns the part of b inside [first, last] and whether any is left.
func (b block) clip(first, last model.Date) (block, bool) {
	if b.first.Before(first) {
		b.first = first
	}
	if b.last.After(last) {
		b.last = last
	}
	return b, !b.last.Before(b.first)
}

// holidayBlocks returns the vacation blocks of the Swedish school year that
// overlap [first, last], clipped to it, in date order: Christmas (23
// December to Epiphany), sportlov (ISO week 8, the Stockholm week), the
// week after Easter (Easter Monday to the Sunday after).
func holidayBlocks(first, last model.Date) []block {
	var out []block
	for y := first.Year - 1; y <= last.Year; y++ {
		e := easter(y)
		bs := []block{
			{"sportlov", isoWeekMonday(y, 8), isoWeekMonday(y, 8).AddDays(6)},
			{"easter", e.AddDays(1), e.AddDays(7)},
			{"christmas", model.NewDate(y, time.December, 23), model.NewDate(y+1, time.January, 6)},
		}
		for _, b := range bs {
			if c, ok := b.clip(first, last); ok {
				out = append(out, c)
			}
		}
	}
	return out
}
