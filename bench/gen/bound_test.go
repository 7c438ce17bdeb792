package gen

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

// availableDates returns, per person, the duty dates on which they are
// available, by the Definitions in package model.
func availableDates(p *model.Problem) [][]model.Date {
	dates := p.Period.DutyDates()
	absences := map[string][]model.Absence{}
	for _, a := range p.Absences {
		absences[a.Staff] = append(absences[a.Staff], a)
	}
	out := make([][]model.Date, len(p.Staff))
	for s, st := range p.Staff {
	dates:
		for _, d := range dates {
			if (!st.Start.IsZero() && d.Before(st.Start)) || (!st.End.IsZero() && d.After(st.End)) {
				continue
			}
			for _, w := range st.OffWeekdays {
				if time.Weekday(w) == d.Weekday() {
					continue dates
				}
			}
			for _, a := range absences[st.ID] {
				if !d.Before(a.First) && !d.After(a.Last) {
					continue dates
				}
			}
			out[s] = append(out[s], d)
		}
	}
	return out
}

// highs returns High(s), the ceiling of each person's share, by the
// Definitions.
func highs(p *model.Problem, avail [][]model.Date) []int {
	n, w := new(big.Int), new(big.Int)
	per := p.Rules.Coverage.PerDate
	if per == 0 {
		per = model.DefaultStaffPerDate
	}
	n.SetInt64(int64(per * len(p.Period.DutyDates())))
	ws := make([]*big.Int, len(p.Staff))
	for s, st := range p.Staff {
		n.Add(n, big.NewInt(int64(st.History.Duties)))
		pc := int64(st.Percent)
		if pc == 0 {
			pc = 100
		}
		ws[s] = big.NewInt(pc * int64(len(avail[s])+st.History.Dates))
		w.Add(w, ws[s])
	}
	out := make([]int, len(p.Staff))
	for s := range p.Staff {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(n, ws[s]), w, new(big.Int))
		out[s] = int(q.Int64())
		if r.Sign() != 0 {
			out[s]++
		}
	}
	return out
}

// capacity is the most duties one person can take on the dates given with
// duties at least spacing days apart: taking the earliest date that fits,
// again and again, is optimal.
func capacity(dates []model.Date, spacing int) int {
	c := 0
	var last model.Date
	for _, d := range dates {
		if c == 0 || last.DaysUntil(d) >= spacing {
			c++
			last = d
		}
	}
	return c
}

// countingBound is the lower bound on D that the unit minimum of unit
// gives: its members must supply min duties on every duty date, each at
// most min(High(s)+D, cap(s)).
func countingBound(t *testing.T, p *model.Problem, unit string) int {
	t.Helper()
	i := slices.IndexFunc(p.Rules.UnitMinimums, func(m model.UnitMinimum) bool { return m.Unit == unit })
	require.GreaterOrEqual(t, i, 0, "no unit minimum for %s", unit)
	return groupBound(t, p, p.Rules.UnitMinimums[i].Min, func(st model.Staff) bool { return st.Unit == unit })
}

// groupBound is the counting bound for a group that needs min members on
// every duty date.
func groupBound(t *testing.T, p *model.Problem, min_ int, member func(model.Staff) bool) int {
	t.Helper()
	need := min_ * len(p.Period.DutyDates())
	avail := availableDates(p)
	high := highs(p, avail)
	for d := 0; d <= len(p.Period.DutyDates()); d++ {
		supply := 0
		for s, st := range p.Staff {
			if member(st) {
				supply += min(high[s]+d, capacity(avail[s], 7*p.Rules.Spacing.Weeks))
			}
		}
		if supply >= need {
			return d
		}
	}
	t.Fatalf("the group cannot supply %d duties at any deviation", need)
	return -1
}

func TestTightUnitBound(t *testing.T) {
	for _, tc := range []struct {
		size Size
		unit string
		want int
	}{
		{ST, "forsorjningsstod", 1},
		{MT, "forsorjningsstod-2", 3},
	} {
		for seed := int64(1); seed <= 5; seed++ {
			t.Run(string(tc.size)+"/seed"+string(rune('0'+seed)), func(t *testing.T) {
				p, err := Office(tc.size, seed)
				require.NoError(t, err)
				assert.Equal(t, tc.want, countingBound(t, p, tc.unit))
			})
		}
	}
}

func TestUntightUnitsHaveNoBound(t *testing.T) {
	// In the other sizes no unit or role minimum forces anyone above their
	// share.
	for _, size := range []Size{S, M, L} {
		for seed := int64(1); seed <= 10; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", size, seed), func(t *testing.T) {
				p, err := Office(size, seed)
				require.NoError(t, err)
				for _, m := range p.Rules.UnitMinimums {
					assert.Equal(t, 0, countingBound(t, p, m.Unit), "unit %s", m.Unit)
				}
				for _, m := range p.Rules.RoleMinimums {
					assert.Equal(t, 0, groupBound(t, p, m.Min, func(st model.Staff) bool { return slices.Contains(st.Roles, m.Role) }),
						"role %s", m.Role)
				}
			})
		}
	}
}
