package model

import "slices"

// CaseFacts are the facts of a validated CaseProblem that the caseload
// solver and heuristics build on, computed once by the definitions of the
// package documentation (Caseloads). [CheckCases] does not use them: it
// recomputes every figure on its own.
type CaseFacts struct {
	// OnLeave and Employed say, per worker, whether they are on long leave
	// and employed on the plan's date.
	OnLeave, Employed []bool
	// Limits are each worker's limits, scaled and reduced, indexed by
	// the position of the measure in Measures(); 0 is no limit.
	Limits [][3]int
	// Current is the position of each case's worker, -1 for a new case.
	Current []int
	// Kept says the case stays with its worker on long leave.
	Kept []bool
	// Candidates are, per case, the positions of the workers who may hold
	// it, in staff order.
	Candidates [][]int
	// Costs are, per case, the affinity cost of each candidate.
	Costs [][]int
	// Amount is each case's measures, indexed like Limits.
	Amount [][3]int
	// Near says an investigation's deadline is near.
	Near []bool
	// Groups are the cases of each Group with two or more cases, in the
	// order of their first case.
	Groups []CaseGroup
	// Pools are the balance pools, one per unit that a case names, in
	// the order of the first case naming it.
	Pools []CasePool
}

// CaseGroup is the cases of one Group.
type CaseGroup struct {
	Name  string
	Cases []int
}

// CasePool is the workers who share the cases of one unit, with the
// floor and ceiling of each one's share per measure.
type CasePool struct {
	// Unit is the unit; empty for the cases of the whole office.
	Unit string
	// Staff are the positions of the pool's workers, in staff order.
	Staff []int
	// Total is T(u, m) per measure.
	Total [3]int
	// Low and High are, per measure, the floor and ceiling of each
	// worker's share, aligned with Staff.
	Low, High [3][]int
}

// CaseFactsOf computes the facts of p, which must be valid.
func CaseFactsOf(p *CaseProblem) *CaseFacts {
	n := len(p.Staff)
	f := &CaseFacts{OnLeave: make([]bool, n), Employed: make([]bool, n), Limits: make([][3]int, n)}
	index := make(map[string]int, n)
	for i, s := range p.Staff {
		index[s.ID] = i
		f.Employed[i] = (s.Start.IsZero() || !p.Date.Before(s.Start)) && (s.End.IsZero() || !p.Date.After(s.End))
	}
	long := p.LongLeaveDays
	if long == 0 {
		long = DefaultLongLeaveDays
	}
	for _, a := range p.Absences {
		if !p.Date.Before(a.First) && !p.Date.After(a.Last) && a.First.DaysUntil(a.Last)+1 >= long {
			f.OnLeave[index[a.Staff]] = true
		}
	}
	f.limits(p, index)
	f.cases(p, index)
	f.pools(p)
	return f
}

// percentOf is p(s): the Percent, 100 when zero.
func percentOf(s Staff) int {
	if s.Percent == 0 {
		return 100
	}
	return s.Percent
}

func (f *CaseFacts) limits(p *CaseProblem, index map[string]int) {
	own := make(map[int]Capacity, len(p.Capacities))
	for _, c := range p.Capacities {
		own[index[c.Staff]] = c.Capacity
	}
	onDuty := make(map[int]bool, len(p.OnDuty))
	for _, id := range p.OnDuty {
		onDuty[index[id]] = true
	}
	for i, s := range p.Staff {
		c, ok := own[i]
		if !ok {
			c = p.Capacity
		}
		scale := func(limit int) int {
			if limit == 0 {
				return 0
			}
			return max(1, limit*percentOf(s)/100)
		}
		l := [3]int{scale(c.Investigations), scale(c.FollowUps), scale(c.Weight)}
		if l[2] > 0 && onDuty[i] {
			l[2] = max(1, l[2]-c.DutyReduction)
		}
		f.Limits[i] = l
	}
}

func (f *CaseFacts) cases(p *CaseProblem, index map[string]int) {
	m := len(p.Cases)
	f.Current, f.Kept = make([]int, m), make([]bool, m)
	f.Candidates, f.Costs = make([][]int, m), make([][]int, m)
	f.Amount, f.Near = make([][3]int, m), make([]bool, m)
	byUnit := map[string][]int{}
	for i, s := range p.Staff {
		if f.Employed[i] && !f.OnLeave[i] {
			if s.Unit != "" {
				byUnit[s.Unit] = append(byUnit[s.Unit], i)
			}
			byUnit[""] = append(byUnit[""], i) // a case of the whole office goes to anyone
		}
	}
	near := p.NearDeadlineDays
	if near == 0 {
		near = DefaultNearDeadlineDays
	}
	horizon := p.Date.AddDays(near)
	groups := map[string]int{}
	for c, cs := range p.Cases {
		f.Current[c] = -1
		if cs.Worker != "" {
			f.Current[c] = index[cs.Worker]
		}
		f.Kept[c] = f.Current[c] >= 0 && f.OnLeave[f.Current[c]] && !p.ReleaseOnLeave
		if f.Kept[c] {
			f.Candidates[c] = []int{f.Current[c]}
		} else {
			for _, s := range byUnit[cs.Unit] {
				if holdsAll(p.Staff[s].Roles, cs.Roles) {
					f.Candidates[c] = append(f.Candidates[c], s)
				}
			}
		}
		f.Costs[c] = make([]int, len(f.Candidates[c]))
		for _, a := range cs.Affinity {
			if k, ok := slices.BinarySearch(f.Candidates[c], index[a.Staff]); ok {
				f.Costs[c][k] = a.Cost
			}
		}
		f.Amount[c] = caseAmount(cs)
		if dl, ok := cs.DeadlineDate(); ok && cs.Kind == Investigation {
			f.Near[c] = !dl.After(horizon)
		}
		if cs.Group != "" {
			g, ok := groups[cs.Group]
			if !ok {
				g = len(f.Groups)
				groups[cs.Group] = g
				f.Groups = append(f.Groups, CaseGroup{Name: cs.Group})
			}
			f.Groups[g].Cases = append(f.Groups[g].Cases, c)
		}
	}
	f.Groups = slices.DeleteFunc(f.Groups, func(g CaseGroup) bool { return len(g.Cases) < 2 })
}

// caseAmount is a case's measures.
func caseAmount(c Case) [3]int {
	w := c.Weight
	if w == 0 {
		w = 1
	}
	var a [3]int
	switch c.Kind {
	case Investigation:
		a[0] = 1
	case FollowUp:
		a[1] = 1
	}
	a[2] = w
	return a
}

// DeadlineDate returns the case's deadline by the definitions (Caseloads),
// and whether it has one.
func (c Case) DeadlineDate() (Date, bool) {
	switch {
	case c.Kind != Investigation:
		return Date{}, false
	case !c.Deadline.IsZero():
		return c.Deadline, true
	case c.Child && !c.Opened.IsZero():
		return c.Opened.AddMonths(ChildInvestigationMonths), true
	}
	return Date{}, false
}

func holdsAll(have, need []string) bool {
	for _, r := range need {
		if !slices.Contains(have, r) {
			return false
		}
	}
	return true
}

func (f *CaseFacts) pools(p *CaseProblem) {
	at := map[string]int{}
	for c, cs := range p.Cases {
		k, ok := at[cs.Unit]
		if !ok {
			k = len(f.Pools)
			at[cs.Unit] = k
			pool := CasePool{Unit: cs.Unit}
			for i, s := range p.Staff {
				if f.Employed[i] && !f.OnLeave[i] && (cs.Unit == "" || s.Unit == cs.Unit) {
					pool.Staff = append(pool.Staff, i)
				}
			}
			f.Pools = append(f.Pools, pool)
		}
		if !f.Kept[c] {
			for m := range 3 {
				f.Pools[k].Total[m] += f.Amount[c][m]
			}
		}
	}
	for k := range f.Pools {
		pool := &f.Pools[k]
		sum := 0
		for _, s := range pool.Staff {
			sum += percentOf(p.Staff[s])
		}
		for m := range 3 {
			pool.Low[m], pool.High[m] = make([]int, len(pool.Staff)), make([]int, len(pool.Staff))
			for j, s := range pool.Staff {
				num := pool.Total[m] * percentOf(p.Staff[s])
				pool.Low[m][j] = num / sum
				pool.High[m][j] = (num + sum - 1) / sum
			}
		}
	}
}
