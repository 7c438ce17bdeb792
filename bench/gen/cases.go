package gen

import (
	"fmt"
	"time"

	"github.com/rostersat/rostersat/model"
)

// CaseSpec is the shape of a generated caseload office.
type CaseSpec struct {
	// Workers and Cases are the numbers of caseworkers and open cases.
	Workers, Cases int
	// New is the share of cases without a worker, in percent.
	New int
	// Team is the most workers of one unit that share its cases: a
	// larger unit is split into teams (barn-och-unga-1, -2, ...), each
	// a unit of the problem with its own cases. Zero means one team per
	// unit, however large.
	Team int
}

// The caseload shapes of the benchmark: the two offices.
var (
	// CasesS is 30 workers and 400 cases, a fifth of them new.
	CasesS = CaseSpec{Workers: 30, Cases: 400, New: 20}
	// CasesL is 300 workers and 5,000 cases, a fifth of them new, the
	// units in teams of at most 12.
	CasesL = CaseSpec{Workers: 300, Cases: 5000, New: 20, Team: 12}
)

// caseUnits are the units of an individ- och familjeomsorg, with the
// share of workers and of cases each has, in percent.
var caseUnits = []struct {
	id, name      string
	workers, load int
	investigation int // percent of its cases that are investigations
}{
	{"mottagning", "Mottagning", 20, 20, 45},
	{"barn-och-unga", "Barn och unga", 35, 35, 40},
	{"vuxen", "Vuxen", 28, 28, 35},
	{"ekonomiskt-bistand", "Ekonomiskt bistånd", 17, 17, 20},
}

// CaseOffice generates a caseload problem of the given shape, the same
// for the same seed: four units, workers at 50 to 100 percent, some on
// long leave or with Friday duty, capacities of 12 investigations, 18
// follow-ups and 45 points (three quarters of it carried on average),
// cases of weight 1 to 3 of which most
// already have a worker (a few workers above their limits after a
// reorganisation), children's investigations with the four-month limit,
// siblings in groups, unaccompanied minors needing a role, and an
// affinity cost (language) on some cases.
func CaseOffice(sp CaseSpec, seed int64) (*model.CaseProblem, error) {
	if sp.Workers < len(caseUnits) || sp.Cases < 1 || sp.New < 0 || sp.New > 100 {
		return nil, fmt.Errorf("gen: case spec %+v: want at least %d workers, one case and 0 to 100 percent new", sp, len(caseUnits))
	}
	r := newRNG(seed)
	date := model.NewDate(2025, time.March, 3)
	p := &model.CaseProblem{
		Name:     fmt.Sprintf("cases-%dx%d-seed%d", sp.Workers, sp.Cases, seed),
		Date:     date,
		Roles:    []model.Role{{ID: "ensamkommande", Name: "Ensamkommande barn"}, {ID: "unga-vuxna", Name: "Unga vuxna 18-25"}},
		Capacity: model.Capacity{Investigations: 12, FollowUps: 18, Weight: 45, DutyReduction: 4},
	}
	var byUnit [][]int
	for _, u := range caseUnits {
		p.Units = append(p.Units, model.Unit{ID: u.id, Name: u.name})
		byUnit = append(byUnit, nil)
	}
	// Each unit's workers in proportion to its share, the rest to the
	// largest units first.
	var unitOf []int
	for k, u := range caseUnits {
		for range max(1, sp.Workers*u.workers/100) {
			unitOf = append(unitOf, k)
		}
	}
	for k := 0; len(unitOf) < sp.Workers; k = (k + 1) % len(caseUnits) {
		unitOf = append(unitOf, []int{1, 2, 0, 3}[k])
	}
	for i := range sp.Workers {
		u := unitOf[i]
		st := model.Staff{ID: fmt.Sprintf("w%04d", i+1), Name: fmt.Sprintf("Worker %d", i+1), Unit: caseUnits[u].id}
		switch r.intn(10) {
		case 0:
			st.Percent = 50
		case 1, 2:
			st.Percent = 80
		}
		if u == 1 && r.intn(4) == 0 {
			st.Roles = append(st.Roles, "ensamkommande")
		}
		if u == 2 && r.intn(3) == 0 {
			st.Roles = append(st.Roles, "unga-vuxna")
		}
		byUnit[u] = append(byUnit[u], i)
		p.Staff = append(p.Staff, st)
		switch r.intn(25) {
		case 0:
			p.Absences = append(p.Absences, model.Absence{Staff: st.ID, First: date.AddDays(-40), Last: date.AddDays(150), Kind: model.ParentalLeave})
		case 1:
			p.Absences = append(p.Absences, model.Absence{Staff: st.ID, First: date.AddDays(-3), Last: date.AddDays(4), Kind: model.SickLeave})
		}
		if r.intn(7) == 0 {
			p.OnDuty = append(p.OnDuty, st.ID)
		}
	}
	// Teams: a unit's workers dealt into teams of at most Team, each a
	// unit of the problem (units and teams in one order).
	type team struct {
		kind    int // the index in caseUnits
		members []int
	}
	var teams []team
	p.Units = nil
	for u, members := range byUnit {
		n := 1
		if sp.Team > 0 {
			n = (len(members) + sp.Team - 1) / sp.Team
		}
		for t := range n {
			id := caseUnits[u].id
			if n > 1 {
				id = fmt.Sprintf("%s-%d", id, t+1)
			}
			p.Units = append(p.Units, model.Unit{ID: id, Name: caseUnits[u].name})
			tm := team{kind: u}
			for i, w := range members {
				if i%n == t {
					tm.members = append(tm.members, w)
					p.Staff[w].Unit = id
				}
			}
			teams = append(teams, tm)
		}
	}
	for _, tm := range teams {
		// Every role a team's cases need has a holder.
		u, members := tm.kind, tm.members
		if u == 1 {
			p.Staff[members[0]].Roles = []string{"ensamkommande"}
		}
		if u == 2 {
			p.Staff[members[0]].Roles = []string{"unga-vuxna"}
		}
	}
	for c := 0; c < sp.Cases; c++ {
		u := pickShare(r, func(k int) int { return caseUnits[k].load })
		var mine []int // the teams of the unit, a team once per member
		for t, tm := range teams {
			if tm.kind == u {
				for range tm.members {
					mine = append(mine, t)
				}
			}
		}
		ti := mine[r.intn(len(mine))]
		tm := teams[ti]
		cs := model.Case{ID: fmt.Sprintf("c%05d", c+1), Unit: p.Units[ti].ID, Kind: model.FollowUp, Weight: caseWeight(r)}
		if r.intn(100) < caseUnits[u].investigation {
			cs.Kind = model.Investigation
		} else if r.intn(10) == 0 {
			cs.Kind = model.OtherCase
		}
		cs.Opened = date.AddDays(-r.intn(150))
		if u == 1 || u == 0 {
			cs.Child = r.intn(3) > 0
		}
		if cs.Kind == model.Investigation && !cs.Child && r.intn(2) == 0 {
			cs.Deadline = cs.Opened.AddMonths(4)
		}
		if u == 1 && r.intn(12) == 0 {
			cs.Roles = []string{"ensamkommande"}
		}
		if u == 2 && r.intn(15) == 0 {
			cs.Roles = []string{"unga-vuxna"}
		}
		members := tm.members
		if r.intn(100) >= sp.New {
			cs.Worker = p.Staff[members[r.intn(len(members))]].ID
		}
		if r.intn(10) == 0 {
			other := p.Staff[members[r.intn(len(members))]].ID
			cs.Affinity = []model.Affinity{{Staff: other, Cost: 1 + r.intn(3)}}
		}
		p.Cases = append(p.Cases, cs)
		// Siblings: the next case or two of the same unit and family.
		if r.intn(12) == 0 && c+2 < sp.Cases {
			group := "familj-" + cs.ID
			p.Cases[len(p.Cases)-1].Group = group
			for range 1 + r.intn(2) {
				c++
				sib := cs
				sib.ID, sib.Group, sib.Affinity = fmt.Sprintf("c%05d", c+1), group, nil
				sib.Weight = caseWeight(r)
				p.Cases = append(p.Cases, sib)
				if c+1 >= sp.Cases {
					break
				}
			}
		}
	}
	// A worker who holds a case that needs a role holds the role.
	index := map[string]int{}
	for i, s := range p.Staff {
		index[s.ID] = i
	}
	for i, cs := range p.Cases {
		if cs.Worker == "" || len(cs.Roles) == 0 {
			continue
		}
		st := &p.Staff[index[cs.Worker]]
		if !contains(st.Roles, cs.Roles[0]) {
			p.Cases[i].Worker = ""
		}
	}
	return p, p.Validate()
}

// caseWeight draws a case's points: 1 or 2 for two in five cases each, 3
// for one in five.
func caseWeight(r *rng) int {
	return []int{1, 1, 2, 2, 3}[r.intn(5)]
}

// pickShare draws k with probability share(k) / sum of shares.
func pickShare(r *rng, share func(k int) int) int {
	sum := 0
	for k := range caseUnits {
		sum += share(k)
	}
	x := r.intn(sum)
	for k := range caseUnits {
		if x -= share(k); x < 0 {
			return k
		}
	}
	return len(caseUnits) - 1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
