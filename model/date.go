package model

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day with no time of day and no time zone, written
// "2006-01-02" in JSON. The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// dateLayout is the one textual form of a Date, in JSON and in messages.
const dateLayout = "2006-01-02"

// NewDate returns the Date of year, month and day, normalised the way
// time.Date normalises (2024-02-30 becomes 2024-03-01).
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads a Date written "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD: %w", s, err)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in programs and tests; it panics on a
// malformed literal, so never call it on user input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns d moved n days forward (backward for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil returns the number of days from d to e, negative when e is earlier.
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Round(time.Hour).Hours()) / 24
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes d as "2006-01-02"; it also makes Date usable as a JSON
// string and map key.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2006-01-02"; the empty string gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Weekday is a day of the week written by its English name in JSON
// ("Friday"), so that files stay readable.
type Weekday time.Weekday

// String returns the English name, as time.Weekday does.
func (w Weekday) String() string { return time.Weekday(w).String() }

// MarshalText writes the English name of w.
func (w Weekday) MarshalText() ([]byte, error) {
	if w < 0 || w > 6 {
		return nil, fmt.Errorf("weekday %d: want 0 (Sunday) to 6 (Saturday)", int(w))
	}
	return []byte(w.String()), nil
}

// UnmarshalText reads an English weekday name, in any letter case.
func (w *Weekday) UnmarshalText(b []byte) error {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(string(b), d.String()) {
			*w = Weekday(d)
			return nil
		}
	}
	return fmt.Errorf("weekday %q: want an English day name such as Friday", string(b))
}
