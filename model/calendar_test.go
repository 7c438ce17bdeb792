package model_test

import (
	"testing"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dates(ss ...string) []model.Date {
	out := make([]model.Date, len(ss))
	for i, s := range ss {
		out[i] = model.MustDate(s)
	}
	return out
}

func TestDutyDates(t *testing.T) {
	tests := []struct {
		name   string
		period model.Period
		want   []model.Date
	}{
		{"Fridays of the first trial weeks", model.Period{Start: model.MustDate("2023-11-17"), End: model.MustDate("2023-12-08")},
			dates("2023-11-17", "2023-11-24", "2023-12-01", "2023-12-08")},
		{"Julafton is no Friday in 2023, Långfredagen 2024 is skipped", model.Period{Start: model.MustDate("2024-03-20"), End: model.MustDate("2024-04-06")},
			dates("2024-03-22", "2024-04-05")},
		{"Midsommarafton 2024 is skipped", model.Period{Start: model.MustDate("2024-06-14"), End: model.MustDate("2024-06-28")},
			dates("2024-06-14", "2024-06-28")},
		{"Julafton and Nyårsafton 2027 fall on Fridays", model.Period{Start: model.MustDate("2027-12-17"), End: model.MustDate("2028-01-07")},
			dates("2027-12-17", "2028-01-07")},
		{"Kristi himmelfärds dag is a Thursday, its Friday stays", model.Period{Start: model.MustDate("2024-05-09"), End: model.MustDate("2024-05-10")},
			dates("2024-05-10")},
		{"holidays kept on request", model.Period{Start: model.MustDate("2024-03-29"), End: model.MustDate("2024-03-29"), KeepHolidays: true},
			dates("2024-03-29")},
		{"include and exclude", model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2024-01-14"),
			Include: dates("2024-01-03", "2024-01-12"), Exclude: dates("2024-01-05")},
			dates("2024-01-03", "2024-01-12")},
		{"other weekdays", model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2024-01-07"), Weekdays: []model.Weekday{1, 4}},
			dates("2024-01-04")}, // Monday 1 January is Nyårsdagen
		{"empty when reversed", model.Period{Start: model.MustDate("2024-01-07"), End: model.MustDate("2024-01-01")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.period.DutyDates())
		})
	}
}

// TestTrialFridays pins the Värmdö trial: from the first free Friday to the
// last before summer, Långfredagen is the only Friday holiday.
func TestTrialFridays(t *testing.T) {
	got := model.Period{Start: model.MustDate("2023-11-17"), End: model.MustDate("2024-06-14")}.DutyDates()
	require.Len(t, got, 30)
	assert.NotContains(t, got, model.MustDate("2024-03-29"))
	hs := model.SwedishHolidays(model.MustDate("2024-01-01"), model.MustDate("2024-12-31"))
	names := map[string]bool{}
	for _, h := range hs {
		names[h.Name] = true
	}
	for _, n := range []string{"Långfredagen", "Midsommarafton", "Julafton", "Nyårsafton", "Sveriges nationaldag"} {
		assert.True(t, names[n], n)
	}
}

func TestDate(t *testing.T) {
	d := model.MustDate("2024-02-28")
	assert.Equal(t, "2024-03-01", d.AddDays(2).String())
	assert.Equal(t, 2, d.DaysUntil(d.AddDays(2)))
	assert.Equal(t, -7, d.DaysUntil(d.AddDays(-7)))
	assert.True(t, d.Before(d.AddDays(1)))
	assert.Equal(t, "Wednesday", d.Weekday().String())
	_, err := model.ParseDate("2024-13-01")
	require.Error(t, err)
	var z model.Date
	require.NoError(t, z.UnmarshalText(nil))
	assert.True(t, z.IsZero())
	b, err := model.Weekday(5).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "Friday", string(b))
	var w model.Weekday
	require.NoError(t, w.UnmarshalText([]byte("friday")))
	assert.Equal(t, model.Weekday(5), w)
	require.Error(t, w.UnmarshalText([]byte("Fryday")))
}

// TestDaysUntil checks the day count against package time over four
// centuries, and far beyond what a time.Duration holds.
func TestDaysUntil(t *testing.T) {
	base := model.MustDate("1970-01-01")
	for d := model.MustDate("1800-01-01"); d.Before(model.MustDate("2200-01-01")); d = d.AddDays(1) {
		want := int(d.Time().Sub(base.Time()).Hours() / 24)
		if got := base.DaysUntil(d); got != want {
			t.Fatalf("%s: %d days, want %d", d, got, want)
		}
	}
	require.Equal(t, 109572, model.MustDate("1700-01-01").DaysUntil(model.MustDate("2000-01-01")))
	require.Equal(t, -3652058, model.MustDate("9999-12-31").DaysUntil(model.MustDate("0001-01-01")))
	// A day out of range normalises as time.Date does.
	require.Equal(t, 1, model.Date{Year: 2024, Month: 2, Day: 29}.DaysUntil(model.Date{Year: 2024, Month: 2, Day: 30}))
	require.Equal(t, 31, model.Date{Year: 2024, Month: 12, Day: 1}.DaysUntil(model.Date{Year: 2024, Month: 13, Day: 1}))
}

func TestWeekday(t *testing.T) {
	for d := model.MustDate("1600-01-01"); d.Before(model.MustDate("2400-01-01")); d = d.AddDays(1) {
		if d.Weekday() != d.Time().Weekday() {
			t.Fatalf("%s: %s, want %s", d, d.Weekday(), d.Time().Weekday())
		}
	}
	require.Equal(t, time.Monday, model.MustDate("0001-01-01").Weekday())
}

func TestAddMonths(t *testing.T) {
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-10-31", 4, "2025-02-28"},
		{"2023-10-31", 4, "2024-02-29"},
		{"2024-01-15", 4, "2024-05-15"},
		{"2024-09-30", 4, "2025-01-30"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-01-10", -13, "2022-12-10"},
		{"2024-12-31", 12, "2025-12-31"},
	} {
		require.Equal(t, tc.want, model.MustDate(tc.from).AddMonths(tc.n).String(), "%s %+d", tc.from, tc.n)
	}
}
