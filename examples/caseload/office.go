package main

import (
	"fmt"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
)

// planDate is the Monday the plan is made for: the week of Friday 8
// March 2024.
var planDate = model.MustDate("2024-03-04")

// office is the Värmdö office of the Friday rota (the same 28 people,
// units and absences) with its open cases on planDate: per unit a
// number of investigations and follow-ups, most with a worker already,
// a fifth new from the common intake; unaccompanied minors (who need
// the role ensamkommande, held by Nadia and Mikael) in barn och unga,
// young adults 18-25 (unga-vuxna, held by Emma and Leila) prioritised
// in vuxen, siblings as groups. The cases are made by fixed arithmetic,
// so the plan is the same on every run.
func office(onDuty []string) *model.CaseProblem {
	rota := scenario.Problem()
	p := &model.CaseProblem{
		Name:     "Värmdö IFO, ärendefördelning vecka 10 2024",
		Date:     planDate,
		Units:    rota.Units,
		Roles:    append(append([]model.Role(nil), rota.Roles...), model.Role{ID: "ensamkommande", Name: "Ensamkommande barn"}, model.Role{ID: "unga-vuxna", Name: "Unga vuxna 18-25"}),
		Staff:    append([]model.Staff(nil), rota.Staff...),
		Absences: append(rota.Absences, model.Absence{Staff: "hanna", First: model.MustDate("2024-02-12"), Last: model.MustDate("2024-07-31"), Kind: model.ParentalLeave}),
		// The reference of the seed texts: about twelve investigations or
		// eighteen follow-ups at a time, 40 points in all, four points
		// less in a week with Friday duty.
		Capacity: model.Capacity{Investigations: 12, FollowUps: 18, Weight: 40, DutyReduction: 4},
		OnDuty:   onDuty,
	}
	for i := range p.Staff {
		p.Staff[i].Roles = append([]string(nil), p.Staff[i].Roles...)
		switch p.Staff[i].ID {
		case "nadia", "mikael":
			p.Staff[i].Roles = append(p.Staff[i].Roles, "ensamkommande")
		case "emma", "leila":
			p.Staff[i].Roles = append(p.Staff[i].Roles, "unga-vuxna")
		}
	}
	members := map[string][]string{}
	for _, s := range p.Staff {
		members[s.Unit] = append(members[s.Unit], s.ID)
	}
	n := 0
	add := func(c model.Case) {
		n++
		c.ID = fmt.Sprintf("%s-%03d", shortUnit[c.Unit], n)
		p.Cases = append(p.Cases, c)
	}
	for _, u := range []struct {
		unit            string
		investigations  int
		followUps, kids int
	}{
		{scenario.Mottagning, 50, 20, 30},
		{scenario.BarnOchUnga, 50, 60, 40},
		{scenario.Vuxen, 45, 75, 0},
		{scenario.Forsorjningsstod, 20, 90, 0},
	} {
		staff := members[u.unit]
		for i := range u.investigations + u.followUps {
			c := model.Case{Unit: u.unit, Kind: model.FollowUp, Weight: 1 + i%3}
			if i < u.investigations {
				c.Kind = model.Investigation
				c.Opened = planDate.AddDays(-(7 + i*5%110))
				c.Child = i < u.kids
				if !c.Child {
					c.Deadline = c.Opened.AddMonths(4)
				}
			}
			// Four in five have a worker, dealt round the unit unevenly:
			// the first worker of each unit got a few extra last month.
			if i%5 != 4 {
				c.Worker = staff[(i*i+i/3)%len(staff)]
			}
			switch {
			case u.unit == scenario.BarnOchUnga && i%11 == 0:
				c.Roles = []string{"ensamkommande"}
				c.Worker = []string{"nadia", "mikael", ""}[i%3]
			case u.unit == scenario.Vuxen && i%9 == 0:
				c.Roles = []string{"unga-vuxna"}
				c.Worker = []string{"emma", "leila", ""}[i%3]
			}
			if i%13 == 6 && c.Worker != "" {
				// A language only some share: it costs 2 to give the case
				// to anyone but the first two of the unit.
				for _, s := range staff[2:] {
					c.Affinity = append(c.Affinity, model.Affinity{Staff: s, Cost: 2})
				}
			}
			add(c)
			if i%17 == 3 && c.Kind == model.Investigation {
				// A sibling: one family, one worker.
				p.Cases[len(p.Cases)-1].Group = "familj-" + p.Cases[len(p.Cases)-1].ID
				sib := p.Cases[len(p.Cases)-1]
				add(sib)
			}
		}
	}
	return p
}

var shortUnit = map[string]string{
	scenario.Mottagning: "mot", scenario.BarnOchUnga: "bou", scenario.Vuxen: "vux", scenario.Forsorjningsstod: "fsd",
}

// flows are the office's intake a month and the months a case stays
// open, per unit and kind: the figures the reference caseload needs.
var flows = []caseload.Flow{
	{Unit: scenario.Mottagning, Kind: model.Investigation, PerMonth: 30, Months: 1.5},
	{Unit: scenario.BarnOchUnga, Kind: model.Investigation, PerMonth: 22, Months: 3.5},
	{Unit: scenario.BarnOchUnga, Kind: model.FollowUp, PerMonth: 6, Months: 14},
	{Unit: scenario.Vuxen, Kind: model.Investigation, PerMonth: 14, Months: 3},
	{Unit: scenario.Vuxen, Kind: model.FollowUp, PerMonth: 5, Months: 15},
	{Unit: scenario.Forsorjningsstod, Kind: model.Investigation, PerMonth: 12, Months: 1},
	{Unit: scenario.Forsorjningsstod, Kind: model.FollowUp, PerMonth: 9, Months: 10},
}
