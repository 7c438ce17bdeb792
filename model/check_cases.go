package model

import (
	"fmt"
	"slices"
)

// CaseViolation is one way a caseload plan breaks a rule or misreports a
// figure.
type CaseViolation struct {
	// Rule is the kind of rule broken: RuleCaseWorker, RuleCaseGroup,
	// RuleCapacity, or RuleStructure and RuleObjective for figures.
	Rule RuleKind `json:"rule"`
	// Case and Staff name the case and the worker concerned, if any.
	Case  string `json:"case,omitempty"`
	Staff string `json:"staff,omitempty"`
	// Msg says what is wrong, naming the values.
	Msg string `json:"msg"`
}

// String returns the rule and the message.
func (v CaseViolation) String() string { return string(v.Rule) + ": " + v.Msg }

// CheckCases re-verifies a caseload plan against p by the definitions of
// the package documentation (Caseloads), recomputing every figure from p
// and the workers in plan.Cases; it shares no code with the caseload
// solver or with CaseFactsOf. The assignments are the truth: loads,
// shares and the objective are checked against them.
//
// It returns the violations in a fixed order, nil for a sound plan, at
// most MaxViolations one by one and one more that counts the rest. An
// Infeasible or Unknown plan must give no case a worker; it may list no
// cases at all. CheckCases never
// panics; a nil p or plan, or a problem beyond the limits of Validate, is
// one RuleStructure violation.
func CheckCases(p *CaseProblem, plan *CasePlan) []CaseViolation {
	return checkCases(p, plan, nil)
}

// CheckCasesRelaxed is CheckCases for a plan that may break the dropped
// rule instances (a relaxation's): it returns every violation CheckCases
// would but those of a dropped instance, which the plan is free to
// break. The figures are checked all the same. With no dropped instances
// it is CheckCases.
func CheckCasesRelaxed(p *CaseProblem, plan *CasePlan, dropped []CaseRule) []CaseViolation {
	return checkCases(p, plan, dropped)
}

func checkCases(p *CaseProblem, plan *CasePlan, dropped []CaseRule) []CaseViolation {
	switch {
	case p == nil:
		return []CaseViolation{{Rule: RuleStructure, Msg: "there is no problem to check the plan against"}}
	case plan == nil:
		return []CaseViolation{{Rule: RuleStructure, Msg: "there is no plan to check"}}
	case len(p.Cases) > MaxCases || len(p.Staff) > MaxStaff || len(p.Absences) > MaxAbsences:
		return []CaseViolation{{Rule: RuleStructure, Msg: "the problem is beyond the limits Validate sets: it cannot be checked"}}
	}
	c := caseChecker{p: p, plan: plan, dropped: map[CaseRule]bool{}}
	for _, r := range dropped {
		c.dropped[r] = true
	}
	c.run()
	if c.more > 0 {
		c.out = append(c.out, CaseViolation{Rule: RuleStructure, Msg: fmt.Sprintf("%d more violations are not listed", c.more)})
	}
	return c.out
}

type caseChecker struct {
	p    *CaseProblem
	plan *CasePlan
	out  []CaseViolation
	more int
	// dropped are the rule instances the plan may break (a relaxation's).
	dropped map[CaseRule]bool

	who      map[string]int // staff ID to position
	worker   []int          // per case: the plan's worker, -1 for none
	away     []bool         // per worker: on long leave
	working  []bool         // per worker: employed on the date
	loads    [][3]int       // per worker: investigations, follow-ups, points
	near     []int          // per worker: near investigations
	limit    [][3]int
	moves    int
	affinity int
	dev      int
	balance  int
	spread   int
	nearMax  int
}

func (c *caseChecker) flag(rule RuleKind, cs, staff, format string, args ...any) {
	if len(c.out) >= MaxViolations {
		c.more++
		return
	}
	c.out = append(c.out, CaseViolation{Rule: rule, Case: cs, Staff: staff, Msg: fmt.Sprintf(format, args...)})
}

func (c *caseChecker) run() {
	p, plan := c.p, c.plan
	c.who = map[string]int{}
	for i, s := range p.Staff {
		c.who[s.ID] = i
	}
	if len(plan.Cases) == 0 && (plan.Status == Unknown || plan.Status == Infeasible) {
		return // no plan, and nothing listed
	}
	if len(plan.Cases) != len(p.Cases) {
		c.flag(RuleStructure, "", "", "the plan lists %d cases, the problem has %d", len(plan.Cases), len(p.Cases))
		return
	}
	c.worker = make([]int, len(p.Cases))
	for i, a := range plan.Cases {
		c.worker[i] = -1
		if a.Case != p.Cases[i].ID {
			c.flag(RuleStructure, a.Case, "", "case %d of the plan is %q, the problem's is %q", i, a.Case, p.Cases[i].ID)
			return
		}
		if a.Worker == "" {
			continue
		}
		w, ok := c.who[a.Worker]
		if !ok {
			c.flag(RuleStructure, a.Case, a.Worker, "case %q goes to %q, who is not on the staff", a.Case, a.Worker)
			return
		}
		c.worker[i] = w
	}
	if plan.Status != Optimal && plan.Status != Feasible {
		for i, w := range c.worker {
			if w >= 0 {
				c.flag(RuleStructure, p.Cases[i].ID, p.Staff[w].ID, "a plan with status %s gives case %q to %q", plan.Status, p.Cases[i].ID, p.Staff[w].ID)
			}
		}
		return
	}
	c.readStaff()
	c.assignments()
	c.groups()
	c.capacities()
	c.shares()
	c.objective()
}

// readStaff works out leave, employment and limits on the plan's date.
func (c *caseChecker) readStaff() {
	p := c.p
	n := len(p.Staff)
	c.away, c.working, c.limit = make([]bool, n), make([]bool, n), make([][3]int, n)
	c.loads, c.near = make([][3]int, n), make([]int, n)
	minDays := DefaultLongLeaveDays
	if p.LongLeaveDays > 0 {
		minDays = p.LongLeaveDays
	}
	day := p.Date.dayNumber()
	for _, a := range p.Absences {
		i, ok := c.who[a.Staff]
		first, last := a.First.dayNumber(), a.Last.dayNumber()
		if ok && first <= day && day <= last && last-first+1 >= int64(minDays) {
			c.away[i] = true
		}
	}
	own := map[string]Capacity{}
	for _, o := range p.Capacities {
		own[o.Staff] = o.Capacity
	}
	duty := map[string]bool{}
	for _, id := range p.OnDuty {
		duty[id] = true
	}
	for i, s := range p.Staff {
		c.working[i] = !(!s.Start.IsZero() && s.Start.dayNumber() > day) && !(!s.End.IsZero() && s.End.dayNumber() < day)
		capa, ok := own[s.ID]
		if !ok {
			capa = p.Capacity
		}
		pct := int64(s.Percent)
		if pct == 0 {
			pct = 100
		}
		for m, full := range []int{capa.Investigations, capa.FollowUps, capa.Weight} {
			if full == 0 {
				continue
			}
			c.limit[i][m] = int(max(1, int64(full)*pct/100))
		}
		if c.limit[i][2] > 0 && duty[s.ID] {
			c.limit[i][2] = max(1, c.limit[i][2]-capa.DutyReduction)
		}
	}
}

// kept says a case stays with its worker on long leave.
func (c *caseChecker) kept(cs Case) bool {
	i, ok := c.who[cs.Worker]
	return cs.Worker != "" && ok && c.away[i] && !c.p.ReleaseOnLeave
}

func (c *caseChecker) assignments() {
	p := c.p
	nearDays := DefaultNearDeadlineDays
	if p.NearDeadlineDays > 0 {
		nearDays = p.NearDeadlineDays
	}
	horizon := p.Date.dayNumber() + int64(nearDays)
	for i, cs := range p.Cases {
		w := c.worker[i]
		free := c.dropped[CaseRule{Kind: RuleCaseWorker, Case: cs.ID}]
		if w < 0 {
			if free {
				continue
			}
			c.flag(RuleCaseWorker, cs.ID, "", "case %q has no worker", cs.ID)
			continue
		}
		s := p.Staff[w]
		switch {
		case free:
		case c.kept(cs) && s.ID != cs.Worker:
			c.flag(RuleCaseWorker, cs.ID, s.ID, "case %q stays with %q, on long leave, but goes to %q", cs.ID, cs.Worker, s.ID)
		case c.kept(cs):
		case !c.working[w]:
			c.flag(RuleCaseWorker, cs.ID, s.ID, "case %q goes to %q, who is not employed on %s", cs.ID, s.ID, p.Date)
		case c.away[w]:
			c.flag(RuleCaseWorker, cs.ID, s.ID, "case %q goes to %q, who is on long leave on %s", cs.ID, s.ID, p.Date)
		case cs.Unit != "" && s.Unit != cs.Unit:
			c.flag(RuleCaseWorker, cs.ID, s.ID, "case %q of unit %q goes to %q of unit %q", cs.ID, cs.Unit, s.ID, s.Unit)
		default:
			for _, r := range cs.Roles {
				if !slices.Contains(s.Roles, r) {
					c.flag(RuleCaseWorker, cs.ID, s.ID, "case %q needs role %q, which %q does not hold", cs.ID, r, s.ID)
				}
			}
		}
		points := cs.Weight
		if points == 0 {
			points = 1
		}
		c.loads[w][2] += points
		if cs.Kind == Investigation {
			c.loads[w][0]++
			var due int64
			has := true
			switch {
			case !cs.Deadline.IsZero():
				due = cs.Deadline.dayNumber()
			case cs.Child && !cs.Opened.IsZero():
				due = cs.Opened.AddMonths(ChildInvestigationMonths).dayNumber()
			default:
				has = false
			}
			if has && due <= horizon {
				c.near[w]++
			}
		}
		if cs.Kind == FollowUp {
			c.loads[w][1]++
		}
		if cs.Worker != "" && cs.Worker != s.ID {
			c.moves++
		}
		for _, a := range cs.Affinity {
			if a.Staff == s.ID {
				c.affinity += a.Cost
			}
		}
		if c.plan.Cases[i].Moved != (cs.Worker != "" && cs.Worker != s.ID) {
			c.flag(RuleStructure, cs.ID, s.ID, "case %q is reported moved=%v, but it had worker %q and now has %q", cs.ID, c.plan.Cases[i].Moved, cs.Worker, s.ID)
		}
	}
}

func (c *caseChecker) groups() {
	first := map[string]int{}
	for i, cs := range c.p.Cases {
		if cs.Group == "" || c.worker[i] < 0 {
			continue
		}
		j, ok := first[cs.Group]
		if !ok {
			first[cs.Group] = i
			continue
		}
		if c.worker[j] != c.worker[i] && !c.dropped[CaseRule{Kind: RuleCaseGroup, Group: cs.Group}] {
			c.flag(RuleCaseGroup, cs.ID, c.p.Staff[c.worker[i]].ID, "case %q of group %q goes to %q, case %q of the same group to %q",
				cs.ID, cs.Group, c.p.Staff[c.worker[i]].ID, c.p.Cases[j].ID, c.p.Staff[c.worker[j]].ID)
		}
	}
}

var checkMeasureNames = [3]string{"investigations", "follow-ups", "points"}

func (c *caseChecker) capacities() {
	for i, s := range c.p.Staff {
		if c.away[i] {
			continue
		}
		for m := range 3 {
			l := c.limit[i][m]
			if c.dropped[CaseRule{Kind: RuleCapacity, Staff: s.ID, Measure: Measures()[m], Count: l}] {
				continue
			}
			if l > 0 && c.loads[i][m] > l {
				c.flag(RuleCapacity, "", s.ID, "%q carries %d %s, more than the limit %d", s.ID, c.loads[i][m], checkMeasureNames[m], l)
			}
		}
	}
}

// shares recomputes every worker's share of every unit's cases and the
// plan's Deviation, and compares the reported loads and shares.
func (c *caseChecker) shares() {
	p := c.p
	var units []string
	for _, cs := range p.Cases {
		if !slices.Contains(units, cs.Unit) {
			units = append(units, cs.Unit)
		}
	}
	want := make([][]CaseShare, len(p.Staff))
	for _, u := range units {
		var total [3]int64
		var pool []int
		var pctSum int64
		for i, s := range p.Staff {
			if c.working[i] && !c.away[i] && (u == "" || s.Unit == u) {
				pool = append(pool, i)
				if s.Percent == 0 {
					pctSum += 100
				} else {
					pctSum += int64(s.Percent)
				}
			}
		}
		load := map[int]*[3]int{}
		for _, i := range pool {
			load[i] = &[3]int{}
		}
		for k, cs := range p.Cases {
			if cs.Unit != u {
				continue
			}
			amount := [3]int64{boolInt64(cs.Kind == Investigation), boolInt64(cs.Kind == FollowUp), int64(cs.Weight) + boolInt64(cs.Weight == 0)}
			if !c.kept(cs) {
				for m := range 3 {
					total[m] += amount[m]
				}
			}
			if l, ok := load[c.worker[k]]; ok {
				for m := range 3 {
					l[m] += int(amount[m])
				}
			}
		}
		var worst [3]int
		for _, i := range pool {
			pct := int64(p.Staff[i].Percent)
			if pct == 0 {
				pct = 100
			}
			share := CaseShare{Unit: u}
			ranges := []*ShareRange{&share.Investigations, &share.FollowUps, &share.Weight}
			for m := range 3 {
				num := total[m] * pct
				low := num / pctSum
				high := low
				if low*pctSum < num {
					high++
				}
				got := load[i][m]
				*ranges[m] = ShareRange{Load: got, Low: int(low), High: int(high)}
				worst[m] = max(worst[m], int(low)-got, got-int(high))
				c.spread += max(0, int(low)-got, got-int(high))
			}
			want[i] = append(want[i], share)
		}
		for _, d := range worst {
			c.dev = max(c.dev, d)
			c.balance += d
		}
	}
	if len(c.plan.Staff) != len(p.Staff) {
		c.flag(RuleStructure, "", "", "the plan lists %d workers, the problem has %d", len(c.plan.Staff), len(p.Staff))
		return
	}
	for i, s := range p.Staff {
		r := c.plan.Staff[i]
		c.nearMax = max(c.nearMax, c.near[i])
		l := c.loads[i]
		lim := Capacity{Investigations: c.limit[i][0], FollowUps: c.limit[i][1], Weight: c.limit[i][2]}
		switch {
		case r.Staff != s.ID:
			c.flag(RuleStructure, "", r.Staff, "worker %d of the plan is %q, the problem's is %q", i, r.Staff, s.ID)
		case r.OnLeave != c.away[i]:
			c.flag(RuleStructure, "", s.ID, "%q is reported onLeave=%v, but is %v", s.ID, r.OnLeave, c.away[i])
		case r.Investigations != l[0] || r.FollowUps != l[1] || r.Weight != l[2]:
			c.flag(RuleStructure, "", s.ID, "%q is reported to carry %d/%d/%d (investigations/follow-ups/points), but carries %d/%d/%d",
				s.ID, r.Investigations, r.FollowUps, r.Weight, l[0], l[1], l[2])
		case r.NearDeadline != c.near[i]:
			c.flag(RuleStructure, "", s.ID, "%q is reported to hold %d near-deadline investigations, but holds %d", s.ID, r.NearDeadline, c.near[i])
		case r.Capacity != lim:
			c.flag(RuleStructure, "", s.ID, "%q is reported to have capacity %+v, but has %+v", s.ID, r.Capacity, lim)
		case !slices.Equal(r.Shares, want[i]):
			c.flag(RuleStructure, "", s.ID, "%q is reported to have shares %+v, but has %+v", s.ID, r.Shares, want[i])
		}
	}
}

func boolInt64(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (c *caseChecker) objective() {
	o := c.plan.Objective
	for _, f := range []struct {
		name      string
		got, want int
	}{{"moves", o.Moves, c.moves}, {"balance", o.Balance, c.balance}, {"deviation", o.Deviation, c.dev}, {"spread", o.Spread, c.spread}, {"nearDeadline", o.NearDeadline, c.nearMax}, {"affinity", o.Affinity, c.affinity}} {
		if f.got != f.want {
			c.flag(RuleObjective, "", "", "objective.%s is reported as %d, but is %d", f.name, f.got, f.want)
		}
	}
	kinds := c.p.Objective
	if len(kinds) == 0 {
		kinds = []LevelKind{LevelMoves, LevelBalance, LevelDeadlines, LevelAffinity}
	}
	if len(o.Levels) != len(kinds) {
		c.flag(RuleObjective, "", "", "the plan reports %d objective levels, the problem has %d", len(o.Levels), len(kinds))
		return
	}
	values := map[LevelKind]int{LevelMoves: c.moves, LevelBalance: c.balance, LevelSpread: c.spread, LevelDeadlines: c.nearMax, LevelAffinity: c.affinity}
	for i, l := range o.Levels {
		switch {
		case l.Kind != kinds[i]:
			c.flag(RuleObjective, "", "", "objective level %d is %q, the problem's is %q", i, l.Kind, kinds[i])
		case l.Value != values[l.Kind]:
			c.flag(RuleObjective, "", "", "objective level %q is reported as %d, but is %d", l.Kind, l.Value, values[l.Kind])
		case l.Bound > l.Value || l.Bound < 0:
			c.flag(RuleObjective, "", "", "objective level %q has bound %d outside 0 to its value %d", l.Kind, l.Bound, l.Value)
		case c.plan.Status == Optimal && l.Bound != l.Value:
			c.flag(RuleObjective, "", "", "the plan is optimal, but level %q has bound %d below its value %d", l.Kind, l.Bound, l.Value)
		}
	}
}
