package caseload_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// This file checks Assign against a brute force written from the
// definitions in the model package documentation ("Caseloads") alone: it
// enumerates every assignment of a staff member to each case of tiny
// random problems, keeps those that satisfy the hard rules, and finds the
// lexicographic optimum over the problem's levels.

// bruteProblems is how many random problems TestBruteForceCaseloads solves.
const bruteProblems = 1000

// bruteDates are plan dates, some near a month's end so that the child
// deadline (Opened plus four months) meets short months.
var bruteDates = []string{"2024-03-04", "2024-02-29", "2023-06-30", "2024-12-31", "2023-03-01"}

// genCaseProblem builds a small random CaseProblem from rng; it may be
// invalid (the caller validates it).
func genCaseProblem(rng *rand.Rand, index int) *model.CaseProblem {
	D := model.MustDate(bruteDates[rng.IntN(len(bruteDates))])
	p := &model.CaseProblem{Name: fmt.Sprintf("brute-%d", index), Date: D}
	chance := func(percent int) bool { return rng.IntN(100) < percent }

	nStaff := 1 + rng.IntN(4)
	maxCases := 6
	for maxCases > 1 && pow(nStaff, maxCases) > 4096 {
		maxCases--
	}
	nCases := 1 + rng.IntN(maxCases)

	nUnits := 1 + rng.IntN(2)
	for u := range nUnits {
		p.Units = append(p.Units, model.Unit{ID: fmt.Sprintf("u%d", u+1)})
	}
	useRole := chance(35)
	if useRole {
		p.Roles = []model.Role{{ID: "r"}}
	}
	percents := []int{0, 50, 80, 100}
	for i := range nStaff {
		s := model.Staff{ID: fmt.Sprintf("s%d", i+1), Percent: percents[rng.IntN(len(percents))]}
		switch {
		case chance(10): // no unit: holds only the cases of the whole office
		case chance(75): // the units in turn, so that most units have someone
			s.Unit = p.Units[i%nUnits].ID
		default:
			s.Unit = p.Units[rng.IntN(nUnits)].ID
		}
		if useRole && chance(60) {
			s.Roles = []string{"r"}
		}
		switch rng.IntN(10) {
		case 0: // starts after the date
			s.Start = D.AddDays(1 + rng.IntN(20))
		case 1: // ended before the date
			s.End = D.AddDays(-1 - rng.IntN(20))
		case 2: // employed on the date, starting or ending on it
			s.Start = D.AddDays(-rng.IntN(2))
			s.End = D.AddDays(rng.IntN(2))
		case 3: // employed over the date
			s.Start = D.AddDays(-30)
			s.End = D.AddDays(30)
		}
		p.Staff = append(p.Staff, s)
		switch rng.IntN(9) {
		case 0: // long absence covering the date
			first := D.AddDays(-rng.IntN(15))
			p.Absences = append(p.Absences, model.Absence{Staff: s.ID, First: first, Last: first.AddDays(13 + rng.IntN(20))})
		case 2: // short absence covering the date
			first := D.AddDays(-rng.IntN(3))
			p.Absences = append(p.Absences, model.Absence{Staff: s.ID, First: first, Last: D.AddDays(rng.IntN(4))})
		case 3: // long absence not covering the date
			first := D.AddDays(1 + rng.IntN(5))
			p.Absences = append(p.Absences, model.Absence{Staff: s.ID, First: first, Last: first.AddDays(20)})
		case 4: // an absence around the long-leave length, covering the date
			first := D.AddDays(-rng.IntN(4))
			p.Absences = append(p.Absences, model.Absence{Staff: s.ID, First: first, Last: first.AddDays(3 + rng.IntN(14))})
		}
	}
	if chance(30) {
		p.LongLeaveDays = 3 + rng.IntN(14)
	}
	p.ReleaseOnLeave = chance(40)

	genCapacity := func() model.Capacity {
		var c model.Capacity
		if chance(50) {
			c.Investigations = rng.IntN(5)
		}
		if chance(50) {
			c.FollowUps = rng.IntN(5)
		}
		if chance(50) {
			c.Weight = rng.IntN(12)
		}
		if c.Weight > 0 && chance(50) {
			c.DutyReduction = 1 + rng.IntN(3)
		}
		return c
	}
	p.Capacity = genCapacity()
	for _, s := range p.Staff {
		if chance(20) {
			p.Capacities = append(p.Capacities, model.StaffCapacity{Staff: s.ID, Capacity: genCapacity()})
		}
	}
	if p.Capacity.DutyReduction > 0 || slices.ContainsFunc(p.Capacities, func(c model.StaffCapacity) bool { return c.Capacity.DutyReduction > 0 }) {
		for _, s := range p.Staff {
			if chance(50) {
				p.OnDuty = append(p.OnDuty, s.ID)
			}
		}
	}

	kinds := model.CaseKinds()
	groups := []string{"", "", "", "", "g1", "g2"}
	for i := range nCases {
		c := model.Case{ID: fmt.Sprintf("c%d", i+1), Kind: kinds[rng.IntN(len(kinds))], Weight: rng.IntN(4)}
		switch {
		case chance(20): // a case of the whole office
		case chance(70): // mostly the unit of some worker
			c.Unit = p.Staff[rng.IntN(nStaff)].Unit
		default:
			c.Unit = p.Units[rng.IntN(nUnits)].ID
		}
		c.Child = chance(50)
		if chance(60) {
			if chance(20) {
				// a month's last day, so that four months later may have no such day
				c.Opened = model.NewDate(D.Year, D.Month, 1).AddMonths(-1 - rng.IntN(5)).AddDays(-1)
			} else {
				c.Opened = D.AddDays(-rng.IntN(150))
			}
		}
		if c.Kind == model.Investigation && chance(40) {
			c.Deadline = D.AddDays(rng.IntN(70) - 20)
			if !c.Opened.IsZero() && c.Deadline.Before(c.Opened) {
				c.Deadline = c.Opened.AddDays(rng.IntN(40))
			}
		}
		c.Group = groups[rng.IntN(len(groups))]
		if chance(60) {
			c.Worker = p.Staff[rng.IntN(nStaff)].ID
		}
		if useRole && chance(20) {
			c.Roles = []string{"r"}
		}
		for _, s := range p.Staff {
			if chance(35) {
				c.Affinity = append(c.Affinity, model.Affinity{Staff: s.ID, Cost: rng.IntN(4)})
			}
		}
		p.Cases = append(p.Cases, c)
	}
	if chance(40) {
		p.NearDeadlineDays = 1 + rng.IntN(60)
	}
	if chance(35) {
		ks := model.CaseLevelKinds()
		rng.Shuffle(len(ks), func(i, j int) { ks[i], ks[j] = ks[j], ks[i] })
		p.Objective = ks[:1+rng.IntN(len(ks))]
	}
	return p
}

func pow(b, e int) int {
	r := 1
	for range e {
		r *= b
	}
	return r
}

// bruteFacts are what the definitions derive from a problem before any
// assignment.
type bruteFacts struct {
	p        *model.CaseProblem
	staffIdx map[string]int
	employed []bool
	onLeave  []bool
	pct      []int
	// limits per staff: investigations, follow-ups, weight; 0 is none.
	limInv, limFU, limW []int
	kept                []bool
	keeper              []int // index of the keeper of a kept case
	mayHold             [][]bool
	weight              []int
	near                []bool
	units               []string // the units the cases name, empty included
	pool                map[string][]int
	total               map[string][3]int
}

func newBruteFacts(p *model.CaseProblem) *bruteFacts {
	D := p.Date
	f := &bruteFacts{p: p, staffIdx: map[string]int{}, pool: map[string][]int{}, total: map[string][3]int{}}
	L := p.LongLeaveDays
	if L == 0 {
		L = model.DefaultLongLeaveDays
	}
	for i, s := range p.Staff {
		f.staffIdx[s.ID] = i
		emp := (s.Start.IsZero() || !s.Start.After(D)) && (s.End.IsZero() || !D.After(s.End))
		f.employed = append(f.employed, emp)
		leave := false
		for _, a := range p.Absences {
			if a.Staff == s.ID && !a.First.After(D) && !D.After(a.Last) && a.First.DaysUntil(a.Last)+1 >= L {
				leave = true
			}
		}
		f.onLeave = append(f.onLeave, leave)
		pc := s.Percent
		if pc == 0 {
			pc = 100
		}
		f.pct = append(f.pct, pc)
		c := p.Capacity
		for _, sc := range p.Capacities {
			if sc.Staff == s.ID {
				c = sc.Capacity
			}
		}
		scale := func(lim int) int {
			if lim == 0 {
				return 0
			}
			return max(1, lim*pc/100)
		}
		w := scale(c.Weight)
		if w > 0 && slices.Contains(p.OnDuty, s.ID) {
			w = max(1, w-c.DutyReduction)
		}
		f.limInv = append(f.limInv, scale(c.Investigations))
		f.limFU = append(f.limFU, scale(c.FollowUps))
		f.limW = append(f.limW, w)
	}
	N := p.NearDeadlineDays
	if N == 0 {
		N = model.DefaultNearDeadlineDays
	}
	horizon := D.AddDays(N)
	for _, c := range p.Cases {
		k := c.Worker != "" && f.onLeave[f.staffIdx[c.Worker]] && !p.ReleaseOnLeave
		f.kept = append(f.kept, k)
		keeper := -1
		if k {
			keeper = f.staffIdx[c.Worker]
		}
		f.keeper = append(f.keeper, keeper)
		row := make([]bool, len(p.Staff))
		for si, s := range p.Staff {
			if k {
				row[si] = si == keeper
				continue
			}
			ok := f.employed[si] && !f.onLeave[si] && (c.Unit == "" || c.Unit == s.Unit)
			for _, r := range c.Roles {
				if !slices.Contains(s.Roles, r) {
					ok = false
				}
			}
			row[si] = ok
		}
		f.mayHold = append(f.mayHold, row)
		w := c.Weight
		if w == 0 {
			w = 1
		}
		f.weight = append(f.weight, w)
		near := false
		if c.Kind == model.Investigation {
			dl := c.Deadline
			if dl.IsZero() && c.Child && !c.Opened.IsZero() {
				dl = c.Opened.AddMonths(model.ChildInvestigationMonths)
			}
			near = !dl.IsZero() && !dl.After(horizon)
		}
		f.near = append(f.near, near)
		if !slices.Contains(f.units, c.Unit) {
			f.units = append(f.units, c.Unit)
		}
	}
	for _, u := range f.units {
		for si, s := range p.Staff {
			if f.employed[si] && !f.onLeave[si] && (u == "" || s.Unit == u) {
				f.pool[u] = append(f.pool[u], si)
			}
		}
		var t [3]int
		for ci, c := range p.Cases {
			if c.Unit == u && !f.kept[ci] {
				m := f.measures(ci)
				for k := range t {
					t[k] += m[k]
				}
			}
		}
		f.total[u] = t
	}
	return f
}

// measures returns the investigations, follow-ups and weight of case ci.
func (f *bruteFacts) measures(ci int) [3]int {
	var m [3]int
	switch f.p.Cases[ci].Kind {
	case model.Investigation:
		m[0] = 1
	case model.FollowUp:
		m[1] = 1
	}
	m[2] = f.weight[ci]
	return m
}

// load returns the investigations, follow-ups and weight that worker si
// carries in the assignment a.
func (f *bruteFacts) load(a []int, si int) [3]int {
	var load [3]int
	for ci, w := range a {
		if w == si {
			m := f.measures(ci)
			for k := range load {
				load[k] += m[k]
			}
		}
	}
	return load
}

// feasible says whether the assignment (a staff index per case) keeps
// every hard rule, and if not, why.
func (f *bruteFacts) feasible(a []int) (bool, string) {
	p := f.p
	for ci, si := range a {
		if si < 0 || si >= len(p.Staff) || !f.mayHold[ci][si] {
			return false, fmt.Sprintf("case %s: worker may not hold it", p.Cases[ci].ID)
		}
	}
	group := map[string]int{}
	for ci, c := range p.Cases {
		if c.Group == "" {
			continue
		}
		if w, ok := group[c.Group]; ok && w != a[ci] {
			return false, fmt.Sprintf("group %s has two workers", c.Group)
		}
		group[c.Group] = a[ci]
	}
	for si := range p.Staff {
		if f.onLeave[si] {
			continue
		}
		load := f.load(a, si)
		for k, lim := range []int{f.limInv[si], f.limFU[si], f.limW[si]} {
			if lim > 0 && load[k] > lim {
				return false, fmt.Sprintf("%s carries %d > %d of measure %d", p.Staff[si].ID, load[k], lim, k)
			}
		}
	}
	return true, ""
}

// bruteScore holds the four measures of an assignment.
type bruteScore struct{ moves, balance, deviation, spread, near, affinity int }

func (s bruteScore) of(k model.LevelKind) int {
	switch k {
	case model.LevelMoves:
		return s.moves
	case model.LevelBalance:
		return s.balance
	case model.LevelSpread:
		return s.spread
	case model.LevelDeadlines:
		return s.near
	case model.LevelAffinity:
		return s.affinity
	}
	panic("unknown level " + string(k))
}

func (f *bruteFacts) score(a []int) bruteScore {
	p := f.p
	var s bruteScore
	for ci, c := range p.Cases {
		if a[ci] < 0 {
			continue // no worker (a relaxation's): neither moved nor costing
		}
		w := p.Staff[a[ci]].ID
		if c.Worker != "" && c.Worker != w {
			s.moves++
		}
		for _, af := range c.Affinity {
			if af.Staff == w {
				s.affinity += af.Cost
			}
		}
	}
	for si := range p.Staff {
		n := 0
		for ci, w := range a {
			if w == si && f.near[ci] {
				n++
			}
		}
		s.near = max(s.near, n)
	}
	for _, u := range f.units {
		pool := f.pool[u]
		sumP := 0
		for _, si := range pool {
			sumP += f.pct[si]
		}
		t := f.total[u]
		var worst [3]int // D(u, m)
		for _, si := range pool {
			var load [3]int
			for ci, c := range p.Cases {
				if c.Unit == u && a[ci] == si {
					m := f.measures(ci)
					for k := range load {
						load[k] += m[k]
					}
				}
			}
			for k := range 3 {
				num := t[k] * f.pct[si]
				low := num / sumP
				high := (num + sumP - 1) / sumP
				worst[k] = max(worst[k], low-load[k], load[k]-high)
				s.spread += max(0, low-load[k], load[k]-high)
			}
		}
		for _, d := range worst {
			s.balance += d
			s.deviation = max(s.deviation, d)
		}
	}
	return s
}

// bruteOptimum returns the lexicographic optimum over p.Levels() of every
// feasible assignment, and whether there is one.
func bruteOptimum(f *bruteFacts) ([]int, bool) {
	p := f.p
	levels := p.Levels()
	nS, nC := len(p.Staff), len(p.Cases)
	a := make([]int, nC)
	var best []int
	found := false
	for range pow(nS, nC) {
		if ok, _ := f.feasible(a); ok {
			s := f.score(a)
			vals := make([]int, len(levels))
			for i, k := range levels {
				vals[i] = s.of(k)
			}
			if !found || slices.Compare(vals, best) < 0 {
				best, found = vals, true
			}
		}
		for i := range a {
			a[i]++
			if a[i] < nS {
				break
			}
			a[i] = 0
		}
	}
	return best, found
}

func TestBruteForceCaseloads(t *testing.T) {
	start := time.Now()
	solved, infeasible := 0, 0
	attempts := 0
	// coverage counts problems where an optimum level is not zero, and
	// where some feature is in play, to show the generator reaches them.
	coverage := map[string]int{}
	for index := 0; solved+infeasible < bruteProblems; index++ {
		rng := rand.New(rand.NewPCG(uint64(index), 0xCA5E10AD))
		p := genCaseProblem(rng, index)
		attempts++
		if p.Validate() != nil {
			continue
		}
		js, err := json.MarshalIndent(p, "", "  ")
		require.NoError(t, err)
		msg := fmt.Sprintf("problem %d:\n%s", index, js)

		f := newBruteFacts(p)
		best, found := bruteOptimum(f)
		levels := p.Levels()

		settings := []string{"default", "without bounds", "search by pools on every problem"}
		for o, opts := range [][]caseload.Option{nil, {caseload.WithoutBounds()}, {caseload.WithPoolsFrom(1)}} {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			plan, err := caseload.Assign(ctx, p, opts...)
			cancel()
			what := fmt.Sprintf("%s\nsetting: %s", msg, settings[o])
			if !found {
				require.Error(t, err, what)
				require.True(t, errors.Is(err, caseload.ErrInfeasible), "%v\n%s", err, what)
				require.NotNil(t, plan, what)
				require.Equal(t, model.Infeasible, plan.Status, what)
				continue
			}
			require.NoError(t, err, what)
			require.NotNil(t, plan, what)
			require.Equal(t, model.Optimal, plan.Status, what)
			require.Len(t, plan.Objective.Levels, len(levels), what)
			for i, k := range levels {
				l := plan.Objective.Levels[i]
				require.Equal(t, k, l.Kind, what)
				require.Equal(t, best[i], l.Value, "level %s: plan %+v, brute force %v\n%s", k, plan.Objective, best, what)
				require.Equal(t, l.Value, l.Bound, "level %s\n%s", k, what)
			}
			require.Len(t, plan.Cases, len(p.Cases), what)
			a := make([]int, len(p.Cases))
			for ci, c := range plan.Cases {
				require.Equal(t, p.Cases[ci].ID, c.Case, what)
				si, ok := f.staffIdx[c.Worker]
				require.True(t, ok, "case %s: unknown worker %q\n%s", c.Case, c.Worker, what)
				a[ci] = si
				require.Equal(t, p.Cases[ci].Worker != "" && p.Cases[ci].Worker != c.Worker, c.Moved, "case %s moved\n%s", c.Case, what)
			}
			ok, why := f.feasible(a)
			require.True(t, ok, "plan breaks a hard rule: %s\n%s", why, what)
			s := f.score(a)
			got := bruteScore{plan.Objective.Moves, plan.Objective.Balance, plan.Objective.Deviation, plan.Objective.Spread, plan.Objective.NearDeadline, plan.Objective.Affinity}
			require.Equal(t, s, got, "measures of the plan's assignment %+v\n%s", plan.Cases, what)
			for i, k := range levels {
				require.Equal(t, s.of(k), plan.Objective.Levels[i].Value, "level %s\n%s", k, what)
			}
		}
		if found {
			solved++
			for i, k := range levels {
				if best[i] > 0 {
					coverage[string(k)+">0"]++
				}
			}
			if slices.Contains(f.kept, true) {
				coverage["kept"]++
			}
			if len(p.OnDuty) > 0 {
				coverage["onDuty"]++
			}
			if len(p.Objective) > 0 {
				coverage["objective"]++
			}
		} else {
			infeasible++
		}
	}
	t.Logf("%d problems (%d optimal, %d infeasible) from %d generated, in %v; among the optimal: %v",
		solved+infeasible, solved, infeasible, attempts, time.Since(start), coverage)
}

// TestRelaxationAgainstBruteForce: on every random problem and every
// level of its order, the
// relaxation's bound under the brute force's optima of the levels before
// lies at or below the brute force's optimum of the level. A bound above
// it would let the search prove a wrong value.
func TestRelaxationAgainstBruteForce(t *testing.T) {
	checked, tight := 0, 0
	for index := 0; checked < bruteProblems; index++ {
		rng := rand.New(rand.NewPCG(uint64(index), 0x5E1A7))
		p := genCaseProblem(rng, index)
		if index%3 == 0 {
			keptGroup(p)
		}
		if p.Validate() != nil {
			continue
		}
		best, found := bruteOptimum(newBruteFacts(p))
		if !found {
			continue
		}
		levels := p.Levels()
		if index%3 == 0 {
			// The kept group's problems, end to end.
			plan, err := caseload.Assign(context.Background(), p)
			require.NoError(t, err)
			for i, l := range plan.Objective.Levels {
				require.Equal(t, best[i], l.Value, "level %s", l.Kind)
				require.Equal(t, best[i], l.Bound, "level %s", l.Kind)
			}
		}
		for i, kind := range levels {
			bound, ok := caseload.RelaxedBound(p, kind, levels[:i], best[:i])
			if !ok {
				continue
			}
			checked++
			js, _ := json.Marshal(p)
			require.LessOrEqual(t, bound, best[i], "level %s at %d of %v, settled %v: %s", kind, i, levels, best[:i], js)
			if bound == best[i] {
				tight++
			}
		}
	}
	t.Logf("%d bounds checked, %d of them the optimum", checked, tight)
}

// keptGroup sends the worker of p's first held case on long leave, with
// every case they hold in one group that costs 3 a case with them: kept
// cases in a group, with an affinity, which the generator draws rarely.
func keptGroup(p *model.CaseProblem) {
	for _, c := range p.Cases {
		if c.Worker == "" {
			continue
		}
		p.ReleaseOnLeave = false
		p.Absences = append(p.Absences, model.Absence{Staff: c.Worker, First: p.Date.AddDays(-30), Last: p.Date.AddDays(60)})
		for i := range p.Cases {
			if p.Cases[i].Worker == c.Worker {
				p.Cases[i].Group = "kept"
				p.Cases[i].Affinity = append(p.Cases[i].Affinity, model.Affinity{Staff: c.Worker, Cost: 3})
			}
		}
		return
	}
}
