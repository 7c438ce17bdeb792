// Package gen generates the benchmark's instances: seeded, realistic
// Friday rotas of Swedish social-services offices, from the Värmdö office
// of the 2023-24 trial up to a county-sized office of 2,000 people.
//
// [Office] returns the instance of a [Size] for a seed; [Generate] does
// the same for any [Spec], so a researcher can vary the shape. The same
// spec and seed give the same problem, byte for byte once written, on
// every platform and Go version: every choice is drawn, in a fixed order,
// from one PCG source (math/rand/v2) seeded with the seed, reduced without
// rand.Rand, and nothing depends on map order. Every problem passes
// [model.Problem.Validate].
//
// [Write] and [Read] (and [WriteFile], [ReadFile]) store a problem as the
// library's own JSON, indented, so that an instance can be rerun without
// the generator; Read validates what it reads.
//
// # The sizes
//
//	size  staff  units  duty dates                          on duty  minimums
//	S        28      4  30: Fridays 2023-11-17 .. 2024-06-14      4  mottagning 1, senior 1
//	M       120      8  52 from 2025-01-03                       17  mottagning-1 1, barn-och-unga-1 1, senior 3
//	L       500     20  52 from 2025-01-03                       71  the two units 2 each, senior 12
//	XL    2,000     80  52 from 2025-01-03                      286  the two units 2 each, senior 48
//	ST       28      4  as S                                      4  as S, and forsorjningsstod 1
//	MT      120      8  as M                                     17  as M, and forsorjningsstod-2 1
//
// Duty dates are the period's Fridays less Swedish holidays (Långfredagen,
// Midsommarafton, a Friday Annandag jul or nationaldag), as
// [model.Period.DutyDates] computes them; with no End the period is
// stretched until it holds the number of duty dates asked for.
//
// ST and MT are S and M with a deliberately small unit ([Spec.TightUnit]):
// five people, full time apart from the Percent below, who take the
// vacation blocks in turn so that at most one is away at a time, and of
// whom one must be on duty every Friday. They cannot all stay within their
// share, and counting proves it: the unit needs one duty per date, and each
// member can give at most min(High(s)+D, cap(s)), where cap(s) is the most
// duties their availability and the spacing allow; the smallest D at which
// those add up to the number of duty dates is a lower bound on D. The
// generator sets the members' Percent (100 for ST, about 90 for MT) so that
// the bound is exactly [Spec.TightBound]: D >= 1 for ST and D >= 3 for MT,
// and the baselines reach it, so those are the optima.
//
// # What is drawn
//
// The proportions are those of the Värmdö office, scaled:
//
//   - Units cycle through the four units of the Värmdö reorganisation,
//     mottagning, barn-och-unga, vuxen and forsorjningsstod, in sizes
//     9:8:6:5, numbered ("mottagning-2") when there are more than four.
//     Staff are listed unit by unit. Names are drawn from common Swedish
//     names; they have no effect.
//   - On duty per date: a seventh of the staff, rounded (Värmdö: four of
//     28, "var sjunde fredag").
//   - Role "senior": a quarter of each unit, rounded. RoleMinimums ask for
//     a sixth of the people on duty, rounded, at least one.
//   - UnitMinimums: the first unit, and from eight units also the second,
//     need 0.6 of their expected number on duty per date, rounded down, or
//     one if they expect 1.2 or more (else they get no minimum).
//   - Loosening: should the seniors' shares, counted as for the tight unit
//     below, fall short of their minimum, the most available full-timers
//     become seniors until they do not, so that D = 0 stays possible as far
//     as counting can tell.
//   - Spacing: four weeks. No Windows, Pins or History.
//   - Part time: 4% of staff (at least one) work 80% and never on Fridays
//     (OffWeekdays Friday); 8% (at least two) work 75, 80 or 90%.
//   - Long leaves: two per 28 staff, parental (12 to 26 weeks) or, two
//     times in five, sick leave (3 to 12 weeks), clipped to the period.
//   - Turnover: one per 28 staff starts during the first half of the
//     period, one leaves during the second.
//   - Vacations: Christmas (23 December to Epiphany) for 40%, sportlov (ISO
//     week 8) and the week after Easter for 25% each, three or four summer
//     weeks from July for 15%; one one-day training per 28 staff.
//   - Requests: on a tenth of the available person-dates, Avoid two times
//     in three, else Prefer, weight 1 to 5.
//
// Absences are then checked against the rules. On every date each rule's
// group (everyone for coverage, a unit, the seniors) keeps at least twice
// its minimum plus two available, and within every four-week window, where
// nobody can work twice, it keeps enough different people available for
// every date of the window; where not, vacations are taken back, newest
// first. That is a necessary condition, not a proof; the tests prove each
// instance feasible by solving it with the baselines (package
// bench/baseline) and checking the rota with [model.Check].
package gen
