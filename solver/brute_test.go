package solver_test

import (
	"math/big"
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// bruteForce enumerates every assignment of a tiny problem straight from
// the definitions in the model package, sharing nothing with the encoder.
// It returns whether any schedule satisfies the hard rules and the
// lexicographically least level values among them, in the order of
// p.Levels() (each level the deviation D, the request cost W, the
// changes from the baseline, the class deviation or the rhythm).
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
	// Rhythm, from its definition: each person's available dates in
	// order, and the range [lo, hi] of the ideal interval I = a/t*, with
	// t* = N*w/W - History.Duties, exact in big.Rat (due[s] false when a
	// is 0 or t* <= 0: no rhythm).
	avail := make([][]int, S)
	due := make([]bool, S)
	rlo, rhi := make([]int, S), make([]int, S)
	for s, st := range p.Staff {
		for f := range F {
			if can0[s][f] {
				avail[s] = append(avail[s], f)
			}
		}
		a := int64(len(avail[s]))
		tstar := new(big.Rat).Neg(big.NewRat(int64(st.History.Duties), 1))
		if W > 0 {
			tstar.Add(tstar, big.NewRat(N*weight[s], W))
		}
		if a == 0 || tstar.Sign() <= 0 {
			continue
		}
		due[s] = true
		I := new(big.Rat).Quo(big.NewRat(a, 1), tstar)
		fl := new(big.Int).Quo(I.Num(), I.Denom()) // I > 0: truncation is the floor
		ce := new(big.Int).Set(fl)
		if !I.IsInt() {
			ce.Add(ce, big.NewInt(1))
		}
		rlo[s] = int(min(fl.Int64(), a))
		rhi[s] = int(min(ce.Int64(), a+1))
	}
	rhythm := func(on [][]bool) int {
		total := 0
		for s := range S {
			if !due[s] {
				continue
			}
			// t(0) = -1, the positions of the duties, t(m+1) = a.
			t := []int{-1}
			for i, f := range avail[s] {
				if on[s][f] {
					t = append(t, i)
				}
			}
			t = append(t, len(avail[s]))
			m := len(t) - 2
			for j := 0; j <= m; j++ {
				g := t[j+1] - t[j]
				if j >= 1 && j <= m-1 {
					total += max(0, rlo[s]-g)
				}
				total += max(0, g-rhi[s])
			}
		}
		return total
	}
	// Classes, from their definition: each class's dates, and everyone's
	// floor and ceiling of N(k)*w(k, s)/W(k), history aside.
	type class struct {
		dates  []int
		lo, hi []int
	}
	var classes []class
	for _, dc := range p.Period.Classes {
		k := class{lo: make([]int, S), hi: make([]int, S)}
		var Nk, Wk int64
		wk := make([]int64, S)
		for _, d := range dc.Dates {
			if f := slices.Index(dates, d); f >= 0 {
				k.dates = append(k.dates, f)
				Nk += int64(demand[f])
			}
		}
		for s, st := range p.Staff {
			pct := int64(st.Percent)
			if pct == 0 {
				pct = 100
			}
			n := int64(0)
			for _, f := range k.dates {
				if can0[s][f] {
					n++
				}
			}
			wk[s] = pct * n
			Wk += wk[s]
		}
		for s := range S {
			if Wk > 0 {
				k.lo[s] = int(Nk * wk[s] / Wk)
				k.hi[s] = int((Nk*wk[s] + Wk - 1) / Wk)
			}
		}
		classes = append(classes, k)
	}
	classDeviation := func(on [][]bool) int {
		d := 0
		for _, k := range classes {
			for s := range S {
				n := 0
				for _, f := range k.dates {
					if on[s][f] {
						n++
					}
				}
				d = max(d, k.lo[s]-n, n-k.hi[s])
			}
		}
		return d
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
			switch k {
			case model.LevelFairness:
				values[i] = d
			case model.LevelRequests:
				values[i] = cost
			case model.LevelChanges:
				values[i] = changes
			case model.LevelClasses:
				values[i] = classDeviation(on)
			case model.LevelRhythm:
				values[i] = rhythm(on)
			default:
				panic("bruteForce: unknown level " + string(k))
			}
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
