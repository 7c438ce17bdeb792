package solver_test

import (
	"slices"
	"time"

	"github.com/rostersat/rostersat/model"
)

// grids is a brute force over rule instances, written from the model's
// Definitions and the instance kinds of model.Rule alone: it enumerates
// every rota of a tiny problem that keeps availability, and says which
// rule instances each breaks. It shares nothing with the solver.
type grids struct {
	p      *model.Problem
	dates  []model.Date
	can    [][]bool // available (pins aside)
	demand []int
	lo, hi []int
}

func newGrids(p *model.Problem) *grids {
	g := &grids{p: p, dates: p.Period.DutyDates()}
	S, F := len(p.Staff), len(g.dates)
	g.demand = make([]int, F)
	for f, d := range g.dates {
		g.demand[f] = p.Rules.Coverage.PerDate
		if g.demand[f] == 0 {
			g.demand[f] = model.DefaultStaffPerDate
		}
		for _, dc := range p.Rules.Coverage.Dates {
			if dc.Date == d {
				g.demand[f] = dc.Count
			}
		}
	}
	g.can = make([][]bool, S)
	var N, W int64
	weight := make([]int64, S)
	for s, st := range p.Staff {
		g.can[s] = make([]bool, F)
		a := 0
		for f, d := range g.dates {
			ok := (st.Start.IsZero() || !d.Before(st.Start)) && (st.End.IsZero() || !d.After(st.End))
			for _, w := range st.OffWeekdays {
				ok = ok && time.Weekday(w) != d.Weekday()
			}
			for _, ab := range p.Absences {
				ok = ok && !(ab.Staff == st.ID && !d.Before(ab.First) && !d.After(ab.Last))
			}
			g.can[s][f] = ok
			if ok {
				a++
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
	for _, c := range g.demand {
		N += int64(c)
	}
	g.lo, g.hi = make([]int, S), make([]int, S)
	for s := range S {
		if W > 0 {
			g.lo[s] = int(N * weight[s] / W)
			g.hi[s] = int((N*weight[s] + W - 1) / W)
		}
	}
	return g
}

// cells is the number of available person-dates, the exponent of the
// enumeration.
func (g *grids) cells() int {
	n := 0
	for _, row := range g.can {
		for _, ok := range row {
			if ok {
				n++
			}
		}
	}
	return n
}

// each calls fn with every rota that keeps availability.
func (g *grids) each(fn func(on [][]bool)) {
	S, F := len(g.can), len(g.dates)
	var cells [][2]int
	for s := range S {
		for f := range F {
			if g.can[s][f] {
				cells = append(cells, [2]int{s, f})
			}
		}
	}
	on := make([][]bool, S)
	for s := range on {
		on[s] = make([]bool, F)
	}
	for mask := uint64(0); mask < 1<<len(cells); mask++ {
		for i, c := range cells {
			on[c[0]][c[1]] = mask&(1<<i) != 0
		}
		fn(on)
	}
}

// broken returns the rule instances the rota breaks.
func (g *grids) broken(on [][]bool) []model.Rule {
	p := g.p
	var out []model.Rule
	grades := func(from, to int, one func(k int) model.Rule) {
		for k := from; k <= to; k++ {
			out = append(out, one(k))
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
	for f, d := range g.dates {
		n := 0
		for s := range on {
			if on[s][f] {
				n++
			}
		}
		if n < g.demand[f] {
			grades(n+1, g.demand[f], func(k int) model.Rule { return model.Rule{Kind: model.RuleCoverage, Date: d, Count: k} })
		}
		grades(g.demand[f], n-1, func(k int) model.Rule { return model.Rule{Kind: model.RuleCoverageMax, Date: d, Count: k} })
		most := map[string]int{}
		for _, m := range p.Rules.UnitMinimums {
			most[m.Unit] = max(most[m.Unit], m.Min)
		}
		for _, u := range p.Units {
			k := 0
			for s := range on {
				if on[s][f] && p.Staff[s].Unit == u.ID {
					k++
				}
			}
			grades(k+1, most[u.ID], func(c int) model.Rule {
				return model.Rule{Kind: model.RuleUnitMinimum, Date: d, Unit: u.ID, Count: c}
			})
		}
		least := map[string]int{}
		for _, m := range p.Rules.UnitMaximums {
			if l, seen := least[m.Unit]; !seen || m.Max < l {
				least[m.Unit] = m.Max
			}
		}
		for _, u := range p.Units {
			k := 0
			for s := range on {
				if on[s][f] && p.Staff[s].Unit == u.ID {
					k++
				}
			}
			if l, ok := least[u.ID]; ok && k > l {
				out = append(out, model.Rule{Kind: model.RuleUnitMaximum, Date: d, Unit: u.ID, Count: l})
			}
		}
		mostRole := map[string]int{}
		for _, m := range p.Rules.RoleMinimums {
			mostRole[m.Role] = max(mostRole[m.Role], m.Min)
		}
		for _, r := range p.Roles {
			k := 0
			for s := range on {
				if on[s][f] && has(s, r.ID) {
					k++
				}
			}
			grades(k+1, mostRole[r.ID], func(c int) model.Rule {
				return model.Rule{Kind: model.RuleRoleMinimum, Date: d, Role: r.ID, Count: c}
			})
		}
	}
	for s, st := range p.Staff {
		var mine []model.Date
		for f, v := range on[s] {
			if v {
				mine = append(mine, g.dates[f])
			}
		}
		spaced := false
		for i := 1; i < len(mine); i++ {
			spaced = spaced || mine[i-1].DaysUntil(mine[i]) < 7*p.Rules.Spacing.Weeks
		}
		if spaced {
			out = append(out, model.Rule{Kind: model.RuleSpacing, Staff: st.ID})
		}
		if weeks := p.Rules.MaxGap.Weeks; weeks > 0 {
			start, gapped := -1, false
			for f := range on[s] {
				if !g.can[s][f] || on[s][f] {
					start = -1
					continue
				}
				if start < 0 {
					start = f
				}
				gapped = gapped || g.dates[start].DaysUntil(g.dates[f]) >= 7*weeks-7
			}
			if gapped {
				out = append(out, model.Rule{Kind: model.RuleMaxGap, Staff: st.ID})
			}
		}
		for w, win := range p.Rules.Windows {
			for i := win.Max; i < len(mine); i++ {
				if mine[i-win.Max].DaysUntil(mine[i]) < 7*win.Weeks {
					out = append(out, model.Rule{Kind: model.RuleWindow, Staff: st.ID, Window: w})
					break
				}
			}
		}
	}
	for _, pin := range p.Pins {
		for s, st := range p.Staff {
			for f, d := range g.dates {
				if st.ID == pin.Staff && d == pin.Date && g.can[s][f] && on[s][f] != pin.Work {
					out = append(out, model.Rule{Kind: model.RulePin, Staff: pin.Staff, Date: pin.Date, Work: pin.Work})
				}
			}
		}
	}
	return out
}

// keepsAll reports whether some rota breaks none of the instances in keep.
func (g *grids) keepsAll(keep []model.Rule) bool {
	want := map[model.Rule]bool{}
	for _, r := range keep {
		want[r] = true
	}
	found := false
	g.each(func(on [][]bool) {
		if found {
			return
		}
		for _, r := range g.broken(on) {
			if want[r] {
				return
			}
		}
		found = true
	})
	return found
}

// leastDrop returns the least number of instances any rota breaks, and
// the lexicographically best level values, in the order of p.Levels(),
// among the rotas that break no instance outside dropped.
func (g *grids) leastDrop(dropped []model.Rule) (least int, best []int) {
	allowed := map[model.Rule]bool{}
	for _, r := range dropped {
		allowed[r] = true
	}
	least = -1
	g.each(func(on [][]bool) {
		b := g.broken(on)
		if least < 0 || len(b) < least {
			least = len(b)
		}
		for _, r := range b {
			if !allowed[r] {
				return
			}
		}
		d, w := g.score(on)
		var values []int
		for _, k := range g.p.Levels() {
			values = append(values, map[model.LevelKind]int{model.LevelFairness: d, model.LevelRequests: w}[k])
		}
		if best == nil || slices.Compare(values, best) < 0 {
			best = values
		}
	})
	return least, best
}

// score returns the deviation and request cost of a rota.
func (g *grids) score(on [][]bool) (d, w int) {
	p := g.p
	for s, st := range p.Staff {
		t := st.History.Duties
		for _, v := range on[s] {
			if v {
				t++
			}
		}
		d = max(d, g.lo[s]-t, t-g.hi[s])
	}
	for _, q := range p.Requests {
		weight := max(q.Weight, 1)
		for s, st := range p.Staff {
			for f, dd := range g.dates {
				if st.ID == q.Staff && dd == q.Date && on[s][f] == (q.Kind == model.Avoid) {
					w += weight
				}
			}
		}
	}
	return d, w
}
