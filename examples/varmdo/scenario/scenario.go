// Package scenario is the Värmdö Friday rota of the 2023-24 trial as a
// model.Problem, for the example program, the benchmarks and anyone who wants
// a realistic office to try rules on.
package scenario

import (
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
)

// The four units of the individual and family care office (IFO) after the
// reorganisation. IDs are plain ASCII so they are easy to type; Names carry
// the Swedish spelling.
const (
	Mottagning       = "mottagning"       // common intake for all new cases
	BarnOchUnga      = "barn-och-unga"    // children and youth, unaccompanied minors included
	Vuxen            = "vuxen"            // adults; young adults 18-25 come first
	Forsorjningsstod = "forsorjningsstod" // financial support
)

// Senior is the one role of the scenario: an experienced social worker who
// can take the hard calls when the office is thin on a Friday.
const Senior = "senior"

// Labels are how the units and the seniors of the scenario appear on a
// printed rota: "BoU Sara B.*".
var Labels = report.Labels{
	Units: map[string]string{Mottagning: "MOT", BarnOchUnga: "BoU", Vuxen: "VUX", Forsorjningsstod: "FS"},
	Marks: map[string]string{Senior: "*"},
}

// d is short for model.MustDate, to keep the dates below readable.
func d(s string) model.Date { return model.MustDate(s) }

// Problem returns the Friday rota of the Värmdö trial as a model.Problem.
//
// In November 2023 Värmdö municipality gave every social worker at its
// individual and family care office Friday to Sunday off. Four of them
// still work each Friday, which with about 28 staff is every seventh
// Friday. The trial runs from the first free Friday, 17 November 2023, to
// the summer of 2024; the last Friday before the summer holidays is 14 June.
//
// The staff, absences and requests below are invented but ordinary: a
// Christmas rush of vacations, parents off in the sports break (sportlov,
// week 9 in the Stockholm region in 2024) and the Easter break, two
// parental leaves, a long sick leave, one part-timer who never works
// Fridays, one at 80 percent, and one new hire who starts in January.
//
// The hard rules are those a unit manager would set: exactly four people
// each Friday, at least one of them a senior and one from barn och unga
// (child protection cannot wait for Monday), and nobody on two Fridays less
// than four weeks apart. Fairness, the first objective, then gives everyone
// a number of Fridays proportional to the Fridays they are actually
// available and to their employment level.
func Problem() *model.Problem {
	return &model.Problem{
		Name: "Värmdö IFO, lediga fredagar 2023-11-17 till 2024-06-14",

		// Fridays from the first free Friday to the last one before the
		// summer. Swedish public holidays are skipped by default, so
		// Långfredagen (Good Friday, 2024-03-29) carries no duty.
		Period: model.Period{
			Start:    d("2023-11-17"),
			End:      d("2024-06-14"),
			Weekdays: []model.Weekday{model.Weekday(time.Friday)},
		},

		Units: []model.Unit{
			{ID: Mottagning, Name: "Mottagning"},
			{ID: BarnOchUnga, Name: "Barn och unga"},
			{ID: Vuxen, Name: "Vuxen"},
			{ID: Forsorjningsstod, Name: "Försörjningsstöd"},
		},
		Roles: []model.Role{
			{ID: Senior, Name: "Senior socialsekreterare"},
		},

		// 28 social workers: 7 in Mottagning, 8 in barn och unga, 7 in
		// Vuxen and 6 in försörjningsstöd; 7 of them seniors.
		Staff: []model.Staff{
			{ID: "anna", Name: "Anna Lindqvist", Unit: Mottagning, Roles: []string{Senior}},
			{ID: "erik", Name: "Erik Sandberg", Unit: Mottagning},
			{ID: "maria", Name: "Maria Holm", Unit: Mottagning},
			{ID: "ahmed", Name: "Ahmed Hassan", Unit: Mottagning},
			{ID: "karin", Name: "Karin Ek", Unit: Mottagning, Roles: []string{Senior}},
			{ID: "oskar", Name: "Oskar Nyberg", Unit: Mottagning},
			{ID: "linnea", Name: "Linnea Åberg", Unit: Mottagning},

			{ID: "sara", Name: "Sara Björk", Unit: BarnOchUnga, Roles: []string{Senior}},
			{ID: "johan", Name: "Johan Berglund", Unit: BarnOchUnga},
			{ID: "elin", Name: "Elin Sjöberg", Unit: BarnOchUnga, Roles: []string{Senior}},
			{ID: "nadia", Name: "Nadia Karimi", Unit: BarnOchUnga},
			{ID: "mikael", Name: "Mikael Lund", Unit: BarnOchUnga},
			{ID: "frida", Name: "Frida Wallin", Unit: BarnOchUnga},
			// A new hire who starts after the New Year.
			{ID: "amir", Name: "Amir Haddad", Unit: BarnOchUnga, Start: d("2024-01-08")},
			// Works 80 percent, so her fair share is 80 percent of a
			// full-timer's with the same availability.
			{ID: "ida", Name: "Ida Forsberg", Unit: BarnOchUnga, Percent: 80},

			{ID: "lars", Name: "Lars Engström", Unit: Vuxen, Roles: []string{Senior}},
			{ID: "emma", Name: "Emma Nilsson", Unit: Vuxen},
			{ID: "fredrik", Name: "Fredrik Holmström", Unit: Vuxen, Roles: []string{Senior}},
			{ID: "hanna", Name: "Hanna Öberg", Unit: Vuxen},
			{ID: "daniel", Name: "Daniel Persson", Unit: Vuxen},
			{ID: "leila", Name: "Leila Rahimi", Unit: Vuxen},
			{ID: "jonas", Name: "Jonas Strand", Unit: Vuxen},

			{ID: "asa", Name: "Åsa Jansson", Unit: Forsorjningsstod, Roles: []string{Senior}},
			{ID: "peter", Name: "Peter Lindgren", Unit: Forsorjningsstod},
			{ID: "sofia", Name: "Sofia Axelsson", Unit: Forsorjningsstod},
			// A part-timer who works Monday to Thursday: she is never on
			// the Friday rota, and her fair share is 0.
			{ID: "maja", Name: "Maja Eriksson", Unit: Forsorjningsstod,
				OffWeekdays: []model.Weekday{model.Weekday(time.Friday)}},
			{ID: "henrik", Name: "Henrik Dahl", Unit: Forsorjningsstod},
			{ID: "johanna", Name: "Johanna Berg", Unit: Forsorjningsstod},
		},

		Absences: []model.Absence{
			// Christmas and New Year (Fridays 22 Dec, 29 Dec, 5 Jan).
			{Staff: "anna", First: d("2023-12-18"), Last: d("2024-01-01"), Kind: model.Vacation},
			{Staff: "maria", First: d("2023-12-21"), Last: d("2024-01-05"), Kind: model.Vacation},
			{Staff: "johan", First: d("2023-12-27"), Last: d("2024-01-07"), Kind: model.Vacation},
			{Staff: "sara", First: d("2024-01-02"), Last: d("2024-01-07"), Kind: model.Vacation},
			{Staff: "emma", First: d("2023-12-20"), Last: d("2024-01-07"), Kind: model.Vacation},
			{Staff: "daniel", First: d("2023-12-23"), Last: d("2024-01-02"), Kind: model.Vacation},
			{Staff: "peter", First: d("2023-12-22"), Last: d("2023-12-29"), Kind: model.Vacation},

			// Sportlov, week 9 (26 Feb to 1 Mar): parents of school children.
			{Staff: "oskar", First: d("2024-02-26"), Last: d("2024-03-01"), Kind: model.Vacation},
			{Staff: "elin", First: d("2024-02-26"), Last: d("2024-03-01"), Kind: model.Vacation},
			{Staff: "mikael", First: d("2024-02-26"), Last: d("2024-03-01"), Kind: model.Vacation},
			{Staff: "hanna", First: d("2024-02-26"), Last: d("2024-03-01"), Kind: model.Vacation},
			{Staff: "sofia", First: d("2024-02-26"), Last: d("2024-03-01"), Kind: model.Vacation},

			// The new AI support for case documentation is introduced in
			// March 2024; two people train the rest of the office that day.
			{Staff: "ahmed", First: d("2024-03-08"), Last: d("2024-03-08"), Kind: model.Training},
			{Staff: "jonas", First: d("2024-03-08"), Last: d("2024-03-08"), Kind: model.Training},

			// Easter break, week 14 (2 to 5 April, after Annandag påsk).
			{Staff: "karin", First: d("2024-04-02"), Last: d("2024-04-05"), Kind: model.Vacation},
			{Staff: "frida", First: d("2024-04-02"), Last: d("2024-04-05"), Kind: model.Vacation},
			{Staff: "jonas", First: d("2024-04-02"), Last: d("2024-04-05"), Kind: model.Vacation},

			// Parental leave for the whole winter, back in April.
			{Staff: "nadia", First: d("2023-11-01"), Last: d("2024-03-31"), Kind: model.ParentalLeave},
			// Parental leave from spring into the summer.
			{Staff: "henrik", First: d("2024-04-15"), Last: d("2024-08-31"), Kind: model.ParentalLeave},
			// A long sick leave, mid-January to mid-April.
			{Staff: "leila", First: d("2024-01-15"), Last: d("2024-04-14"), Kind: model.SickLeave},
		},

		Rules: model.Rules{
			Coverage:     model.Coverage{PerDate: 4},
			RoleMinimums: []model.RoleMinimum{{Role: Senior, Min: 1}},
			UnitMinimums: []model.UnitMinimum{{Unit: BarnOchUnga, Min: 1}},
			Spacing:      model.Spacing{Weeks: 4},
		},

		// Soft wishes. Fairness comes first; among the fairest rotas the
		// solver picks one that leaves the least weight unmet.
		Requests: []model.Request{
			// Friday 10 May is a klämdag, squeezed between Kristi
			// himmelfärds dag and the weekend: a popular day off.
			{Staff: "lars", Date: d("2024-05-10"), Kind: model.Avoid, Weight: 2},
			{Staff: "maria", Date: d("2024-05-10"), Kind: model.Avoid, Weight: 2},
			{Staff: "sofia", Date: d("2024-05-10"), Kind: model.Avoid, Weight: 2},
			// Friday 7 June follows Nationaldagen: another klämdag.
			{Staff: "fredrik", Date: d("2024-06-07"), Kind: model.Avoid, Weight: 2},
			// The last Friday before the summer.
			{Staff: "anna", Date: d("2024-06-14"), Kind: model.Avoid},
			// A child's birthday, a wedding and a move.
			{Staff: "erik", Date: d("2024-02-09"), Kind: model.Avoid, Weight: 3},
			{Staff: "linnea", Date: d("2024-04-26"), Kind: model.Avoid, Weight: 3},
			{Staff: "peter", Date: d("2024-01-19"), Kind: model.Avoid},
			// Some would rather work a particular Friday and have another
			// one free, for example to cover a colleague's holiday.
			{Staff: "johan", Date: d("2024-05-10"), Kind: model.Prefer},
			{Staff: "oskar", Date: d("2024-01-12"), Kind: model.Prefer},
			{Staff: "johanna", Date: d("2023-12-22"), Kind: model.Prefer},
			// Ida asks for three Fridays in May, two weeks apart. The
			// four-week spacing allows two of them at most, so one request
			// must go unmet: hard rules and fairness win over wishes.
			{Staff: "ida", Date: d("2024-05-03"), Kind: model.Prefer},
			{Staff: "ida", Date: d("2024-05-17"), Kind: model.Prefer},
			{Staff: "ida", Date: d("2024-05-31"), Kind: model.Prefer},
		},
	}
}
