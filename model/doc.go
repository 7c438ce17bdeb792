// Package model is the typed domain of rostersat: staff, a period of duty
// dates, absences, rules and requests (a [Problem]), the rota that answers
// it (a [Schedule]), validation ([Problem.Validate]) and an independent
// checker ([Check]). It knows nothing of SAT; the solver package turns a
// Problem into clauses.
//
// # How to call it
//
// Build a Problem in Go, or read one with the strict decoder, which names
// any field it cannot use (unknown fields included):
//
//	p := &model.Problem{
//		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-06-28")},
//		Staff:  []model.Staff{{ID: "anna"}, {ID: "bo"}, {ID: "cilla"}},
//		Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1}, Spacing: model.Spacing{Weeks: 2}},
//	}
//	p, err := model.DecodeProblem(f) // the same from JSON; a *FieldError names the field and its line
//	p, err := model.DecodeProblemYAML(f) // or from YAML (scenario.yaml), as strictly, naming the YAML's line
//	if err := p.Validate(); err != nil {
//		// every problem found, each a *FieldError: errors.As, or print them
//	}
//	s, err := solver.Solve(ctx, p) // the rota (package solver)
//	for _, v := range model.Check(p, s) {
//		fmt.Println(v) // the independent checker: nothing for a solver's schedule
//	}
//
// The command line (cmd/rostersat) reads the same problem from YAML or
// JSON, with staff, absences and requests from CSV files.
//
// # Definitions
//
// These definitions are the contract between the solver and the checker;
// both implement them separately.
//
// Duty dates are [Period.DutyDates]. The demand c(f) of duty date f is the
// count of the entry of Rules.Coverage.Dates for f if there is one, else
// Rules.Coverage.PerDate, else [DefaultStaffPerDate].
//
// Person s is available on duty date f when f is within employment
// (Start <= f when Start is set, f <= End when End is set), f's weekday is
// not in OffWeekdays, and no absence of s has First <= f <= Last. Pins do
// not change availability.
//
// Hard rules, all of which a schedule must satisfy:
//   - exactly c(f) distinct people are on duty on every duty date f, each
//     of them available on f;
//   - for each UnitMinimum, at least Min people of that unit on every f;
//   - for each RoleMinimum, at least Min people holding the role on every f;
//   - Spacing: two duty dates of one person differ by at least 7*Weeks days;
//   - each Window: for every person and every day d, at most Max of the
//     person's duty dates lie in [d, d+7*Weeks-1];
//   - every Pin: Work pins are on duty on the date, others are not.
//
// Fairness. Let a(s) be the number of duty dates on which s is available,
// p(s) the Percent (100 when zero), the weight w(s) = p(s) * (a(s) +
// History.Dates), N = sum of c(f) over duty dates + sum of History.Duties
// over staff, and W = sum of w(s). The share of s is N*w(s)/W (0 when W is
// 0); Low(s) and High(s) are its floor and ceiling, computed exactly in
// integers. Total(s) = History.Duties + the number of duty dates of s in
// the schedule. The deviation of s is max(0, Low(s) - Total(s), Total(s) -
// High(s)) and the schedule's Deviation D is the largest deviation over all
// staff (0 with no staff).
//
// Requests. An Avoid request costs its weight (1 when zero) if the person is
// on duty on its date; a Prefer request costs its weight if the person is
// not. RequestCost W is the sum over all requests (duplicates count each
// time).
//
// Classes. For each DateClass k, let C(k) be its dates, a(k, s) the
// number of them on which s is available, w(k, s) = p(s) * a(k, s),
// N(k) the sum of c(f) over C(k) and W(k) the sum of w(k, s). The share
// of s in k is N(k)*w(k, s)/W(k) (0 when W(k) is 0), with floor Low(k,
// s) and ceiling High(k, s) exact in integers; history does not count.
// With n(k, s) the duties of s on dates of C(k), the deviation of s in k
// is max(0, Low(k, s) - n(k, s), n(k, s) - High(k, s)), and the
// schedule's ClassDeviation is the largest over every class and person
// (0 with no classes).
//
// Rhythm. Let f(0) < ... < f(a-1) be the duty dates on which s is
// available (a = a(s)), and let the duties of s be the positions t(1) <
// ... < t(m) in that list. The ideal number of this period's duties of
// s is t*(s) = N*w(s)/W - History.Duties. When a is 0 or t*(s) <= 0 the
// rhythm of s is 0. Otherwise the ideal interval is I(s) = a/t*(s),
// counted in available duty dates, and lo(s) = min(floor(I), a), hi(s)
// = min(ceil(I), a+1), exact in integers. With t(0) = -1 and t(m+1) =
// a, the gaps are g(j) = t(j+1) - t(j) for j = 0 to m. The rhythm of s
// is the sum over the inner gaps (j = 1 to m-1) of max(0, lo(s) - g(j))
// plus the sum over all gaps, the lead-in and the tail included, of
// max(0, g(j) - hi(s)): zero when every gap between duties lies within
// [lo, hi] and the first and last duty lie within hi dates of the
// period's ends. The schedule's Rhythm is the sum over staff.
//
// Unit maximums and gaps. A unit maximum of m allows at most m people of
// the unit on duty on every duty date (of several naming one unit, the
// smallest). MaxGap of G weeks: for every person s and every run of
// consecutive duty dates f..g of the period (consecutive among the duty
// dates) on all of which s is available, with g at least 7G-7 days after
// f (so that the run covers G weeks, counting a week from its last date),
// s is on duty on one of them.
//
// Re-planning. A problem with a Baseline re-plans a published rota. A duty
// date d on or before Baseline.FrozenUntil keeps its published roster
// exactly: the schedule's roster of d is the published one (every such
// date must have one). On every other duty date d with a published
// roster, each person whose duty differs (on duty and not published, or
// published and not on duty) is one change, costing c(d): the Weight of
// the first Baseline.Near entry with Days >= the days from FrozenUntil to
// d (from the day before Period.Start when nothing is frozen), else 1.
// Changes C is the sum of those costs. A duty date without a published
// roster has no changes.
//
// Rule instances. Each hard rule is a set of instances ([Rule]), so that
// an explanation can name the ones that clash and a relaxation can drop
// one at a time: the coverage of f is "at least k on duty on f" for k = 1
// to c(f) and "at most k" for k = c(f) upwards; a unit (role) minimum of m
// is "at least k of the unit (holding the role) on f" for k = 1 to m, on
// every f (of several minimums naming one unit or role, the largest); the
// spacing is one instance per person, each window one per person, each
// pin one, each frozen date one, a unit maximum one per unit and date
// (at most m), the gap one per person. Availability is a fact, not a rule. A schedule breaks an
// instance exactly when it breaks the rule as stated above at that grade;
// [Violation.Breaks] lists the instances each violation breaks.
//
// Levels. The objective is lexicographic over the levels of
// [Problem.Levels], most important first: Rules.Objective when set, else
// changes (C, with a Baseline), fairness (D, unless Fairness.Off),
// classes (ClassDeviation, with Period.Classes), rhythm (Rhythm, with
// Rules.Rhythm.On), then requests (W). A
// schedule is optimal when no schedule is better on a level while equal
// on every level before it.//
// # Caseloads
//
// A [CaseProblem] is measured by these definitions; the caseload solver
// and [CheckCases] implement them separately.
//
// Let D be CaseProblem.Date. Worker s is employed when Start <= D (if
// Start is set) and D <= End (if End is set). s is on long leave when an
// absence of s has First <= D <= Last and lasts at least L days (Last -
// First + 1 >= L; L is LongLeaveDays, or DefaultLongLeaveDays when zero).
// A case is kept when its Worker is on long leave and ReleaseOnLeave is
// false: it stays with that worker. Worker s may hold case c when c is
// kept by s, or when c is not kept, s is employed and not on long leave,
// c.Unit is empty or equals s.Unit, and s holds every role of c.Roles.
//
// Capacity. The capacity of s is its CaseProblem.Capacities entry, else
// Capacity. Each non-zero limit C is scaled to max(1, floor(C * p(s) /
// 100)), p(s) the Percent (100 when zero); the weight limit of s in
// OnDuty is then max(1, limit - DutyReduction). A zero limit is none.
//
// Hard rules, all of which a plan must satisfy: every case has exactly
// one worker, who may hold it; cases with one non-empty Group have one
// worker; every worker not on long leave holds at most their limit of
// investigations, of follow-ups, and of weight (Weight, 1 when zero,
// summed over all their cases).
//
// Balance. For each unit u that a case names (u empty for cases of the
// whole office) the pool P(u) is the workers who are employed, not on
// long leave, and of unit u (any unit when u is empty). The measures are
// investigations (1 for an investigation), follow-ups (1 for a
// follow-up) and weight (the case's weight). T(u, m) is the sum of
// measure m over the cases of unit u that are not kept. The share of s in
// P(u) is T(u, m) * p(s) / (sum of p over P(u)); Low and High are its
// floor and ceiling, exact in integers. The load of s is the sum of m
// over the cases of unit u that s holds; its deviation is max(0, Low -
// load, load - High). The deviation D(u, m) of unit u in measure m is
// the largest over s in P(u) (0 for an empty pool). The plan's Balance
// is the sum of D(u, m) over the units the cases name and the three
// measures, and its Deviation the largest D(u, m) (0 when there is
// none). Balance is what is minimised: each unit and measure as even as
// it can be, so that one whose loads cannot be evened out (a worker
// holding more investigations than their share, who keeps them) leaves
// no room for the others to drift. The plan's Spread is the sum of the
// deviations themselves, over every u, m and s in P(u): below the
// largest, each worker as close to their share as they can be.
//
// Deadlines. The deadline of an investigation is its Deadline, else, for
// a Child case with Opened set, Opened plus ChildInvestigationMonths
// (the same day of the month, or the month's last day when it has no
// such day); other cases have none. An investigation is near when it has
// a deadline on or before D plus N days (N is NearDeadlineDays, or
// DefaultNearDeadlineDays when zero). NearDeadline is the most near
// investigations any one worker holds (0 when there are none).
//
// Moves is the number of cases with a Worker that the plan gives to
// someone else. Affinity is the sum over cases of the Cost of the
// case's Affinity entry for its worker (0 without one). The objective is
// lexicographic over [CaseProblem.Levels]: by default moves, balance
// (Balance), deadlines (NearDeadline), then affinity; spread (Spread)
// only when Objective names it.
//
// Rule instances of a caseload plan ([CaseRule]): one per case (it has a
// worker who may hold it), one per group (one worker), and one per
// worker and limit (at most the limit of investigations, follow-ups or
// weight).
package model
