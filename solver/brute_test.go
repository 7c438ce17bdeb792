package solver_test

import (
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// bruteForce enumerates every assignment of a tiny problem straight from
// the definitions in the model package, sharing nothing with the encoder.
// It returns whether any schedule satisfies the hard rules and the
// lexicographically least level values among them, in the order of
// p.Levels() (each level the deviation D, the request cost W or the
// changes from the baseline).
func bruteForce(p *model.Problem) (feasible bool, best []int) {
	dates := p.Period.DutyDates()
	S, F := len(p.Staff), len(dates)
	demand := make([]int, F)
	for f, d := range dates {
		demand[f] = p.Rules.Coverage.PerDate
		if demand[f] == 0 {
			demand[f] = model.DefaultStaffPerDate
		}
		for _, dc := range p.Rules.Coverage.Dates {
			if dc.Date == d {
				demand[f] = dc.Count
			}
		}
	}
	can := make([][]bool, S)
	can0 := make([][]bool, S) // available, pins aside
	must := make([][]bool, S)
	var N, W int64
	weight := make([]int64, S)
	for s, st := range p.Staff {
		can[s], can0[s], must[s] = make([]bool, F), make([]bool, F), make([]bool, F)
		a := 0
		for f, d := range dates {
			ok := (st.Start.IsZero() || !d.Before(st.Start)) && (st.End.IsZero() || !d.After(st.End))
			for _, w := range st.OffWeekdays {
				ok = ok && time.Weekday(w) != d.Weekday()
			}
			for _, ab := range p.Absences {
				ok = ok && !(ab.Staff == st.ID && !d.Before(ab.First) && !d.After(ab.Last))
			}
			can[s][f], can0[s][f] = ok, ok
			if ok {
				a++
			}
			for _, pin := range p.Pins {
				if pin.Staff == st.ID && pin.Date == d {
					can[s][f] = can[s][f] && pin.Work
					must[s][f] = pin.Work
				}
			}
		}
		pct := int64(st.Percent)
		if pct == 0 {
			pct = 100
		}
		weight[s] = pct * int64(a+st.History.Dates)
		W += weight[s]
		N += int64(st.History.Duties)
	}
	for _, c := range demand {
		N += int64(c)
	}
	lo, hi := make([]int, S), make([]int, S)
	for s := range S {
		if W > 0 {
			lo[s] = int(N * weight[s] / W)
			hi[s] = int((N*weight[s] + W - 1) / W)
		}
	}
	has := func(s int, role string) bool {
		for _, r := range p.Staff[s].Roles {
			if r == role {
				return true
			}
		}
		return false
	}
	on := make([][]bool, S)
	for s := range on {
		on[s] = make([]bool, F)
	}
	levels := p.Levels()
	// The baseline, from its definition: the published rosters by date,
	// which dates are frozen, and what a change costs on the others.
	published := map[int][]bool{}
	frozen := make([]bool, F)
	changeWeight := make([]int, F)
	if b := p.Baseline; b != nil {
		from := b.FrozenUntil
		if from.IsZero() {
			from = p.Period.Start.AddDays(-1)
		}
		for _, r := range b.Dates {
			f := slices.Index(dates, r.Date)
			pub := make([]bool, S)
			for s, st := range p.Staff {
				pub[s] = slices.Contains(r.Staff, st.ID)
			}
			published[f] = pub
			frozen[f] = !b.FrozenUntil.IsZero() && !r.Date.After(b.FrozenUntil)
			changeWeight[f] = 1
			for i := len(b.Near) - 1; i >= 0; i-- {
				if from.DaysUntil(r.Date) <= b.Near[i].Days {
					changeWeight[f] = b.Near[i].Weight
				}
			}
		}
	}
	leaf := func() {
		// Spacing and windows over whole rows.
		for s := range S {
			var mine []model.Date
			for f := range F {
				if on[s][f] {
					mine = append(mine, dates[f])
				}
			}
			for i := range mine {
				for j := i + 1; j < len(mine); j++ {
					if mine[i].DaysUntil(mine[j]) < 7*p.Rules.Spacing.Weeks {
						return
					}
				}
				for _, w := range p.Rules.Windows {
					if i+w.Max < len(mine) && mine[i].DaysUntil(mine[i+w.Max]) < 7*w.Weeks {
						return
					}
				}
			}
		}
		// The longest gap: a run of available dates without a duty,
		// 7G-7 days or more from first to last.
		if g := p.Rules.MaxGap.Weeks; g > 0 {
			for s := range S {
				start := -1
				for f := range F {
					if !can0[s][f] || on[s][f] {
						start = -1
						continue
					}
					if start < 0 {
						start = f
					}
					if dates[start].DaysUntil(dates[f]) >= 7*g-7 {
						return
					}
				}
			}
		}
		d, cost := 0, 0
		for s, st := range p.Staff {
			t := st.History.Duties
			for f := range F {
				if on[s][f] {
					t++
				}
			}
			d = max(d, lo[s]-t, t-hi[s])
		}
		for _, q := range p.Requests {
			w := q.Weight
			if w == 0 {
				w = 1
			}
			for f := range F {
				if dates[f] != q.Date {
					continue
				}
				for s := range S {
					if p.Staff[s].ID == q.Staff && on[s][f] == (q.Kind == model.Avoid) {
						cost += w
					}
				}
			}
		}
		changes := 0
		for f, pub := range published {
			for s := range S {
				if !frozen[f] && on[s][f] != pub[s] {
					changes += changeWeight[f]
				}
			}
		}
		values := make([]int, len(levels))
		for i, k := range levels {
			values[i] = map[model.LevelKind]int{model.LevelFairness: d, model.LevelRequests: cost, model.LevelChanges: changes}[k]
		}
		if best == nil || slices.Compare(values, best) < 0 {
			best = values
		}
	}
	var date func(f int)
	date = func(f int) {
		if f == F {
			leaf()
			return
		}
		for mask := 0; mask < 1<<S; mask++ {
			n, ok := 0, true
			for s := range S {
				x := mask&(1<<s) != 0
				if (x && !can[s][f]) || (!x && must[s][f]) {
					ok = false
					break
				}
				if x {
					n++
				}
			}
			if !ok || n != demand[f] {
				continue
			}
			if pub, ok := published[f]; ok && frozen[f] {
				for s := range S {
					ok = ok && pub[s] == (mask&(1<<s) != 0)
				}
				if !ok {
					continue
				}
			}
			for _, m := range p.Rules.UnitMinimums {
				k := 0
				for s := range S {
					if mask&(1<<s) != 0 && p.Staff[s].Unit == m.Unit {
						k++
					}
				}
				ok = ok && k >= m.Min
			}
			for _, m := range p.Rules.UnitMaximums {
				k := 0
				for s := range S {
					if mask&(1<<s) != 0 && p.Staff[s].Unit == m.Unit {
						k++
					}
				}
				ok = ok && k <= m.Max
			}
			for _, m := range p.Rules.RoleMinimums {
				k := 0
				for s := range S {
					if mask&(1<<s) != 0 && has(s, m.Role) {
						k++
					}
				}
				ok = ok && k >= m.Min
			}
			if !ok {
				continue
			}
			for s := range S {
				on[s][f] = mask&(1<<s) != 0
			}
			date(f + 1)
		}
		for s := range S {
			on[s][f] = false
		}
	}
	date(0)
	return best != nil, best
}
