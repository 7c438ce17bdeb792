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
		return Date{}, &TextError{What: "date", Text: s, Want: "want a real day written YYYY-MM-DD"}
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
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday; counting days is much cheaper than
	// building a time.Time, and the rota asks for weekdays millions of
	// times.
	return time.Weekday(((d.dayNumber()+4)%7 + 7) % 7)
}

// AddDays returns d moved n days forward (backward for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil returns the number of days from d to e, negative when e is
// earlier. It counts whole days, so it holds for any two dates, however
// far apart (a time.Duration would stop at 292 years).
func (d Date) DaysUntil(e Date) int {
	return int(e.dayNumber() - d.dayNumber())
}

// dayNumber is the number of days from 1970-01-01 to d: by the civil
// calendar's arithmetic (H. Hinnant's days_from_civil) for a month in
// range, by package time, which normalises, for any other.
func (d Date) dayNumber() int64 {
	if d.Month >= time.January && d.Month <= time.December {
		y, m := int64(d.Year), int64(d.Month)
		if m <= 2 {
			y--
		}
		era := y
		if era < 0 {
			era -= 399
		}
		era /= 400
		yoe := y - era*400
		mp := (m + 9) % 12
		doy := (153*mp+2)/5 + int64(d.Day) - 1
		doe := yoe*365 + yoe/4 - yoe/100 + doy
		return era*146097 + doe - 719468
	}
	const day = 24 * 60 * 60
	secs := d.Time().Unix()
	n := secs / day
	if secs%day < 0 {
		n--
	}
	return n
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

// swedishDays are the Swedish weekday names, Sunday first, as
// time.Weekday counts.
var swedishDays = [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}

// UnmarshalText reads a weekday name in English or Swedish ("Friday",
// "fredag"), in any letter case.
func (w *Weekday) UnmarshalText(b []byte) error {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(string(b), d.String()) || strings.EqualFold(string(b), swedishDays[d]) {
			*w = Weekday(d)
			return nil
		}
	}
	return &TextError{What: "weekday", Text: string(b), Want: "want a day name such as Friday or fredag"}
}

// AddMonths returns the same day of the month n months later (earlier
// for negative n), or that month's last day when it has no such day: 31
// October plus four months is 28 or 29 February, as a legal time limit
// counts.
func (d Date) AddMonths(n int) Date {
	m := int(d.Month) - 1 + n
	y := d.Year + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	first := Date{Year: y, Month: time.Month(m + 1), Day: 1}
	last := first.AddDays(32)
	last = Date{Year: last.Year, Month: last.Month, Day: 1}.AddDays(-1)
	return Date{Year: y, Month: time.Month(m + 1), Day: min(d.Day, last.Day)}
}
