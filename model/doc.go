// Package model is the typed domain of rostersat: staff, a period of duty
// dates, absences, rules and requests (a [Problem]), the rota that answers
// it (a [Schedule]), validation ([Problem.Validate]) and an independent
// checker ([Check]). It knows nothing of SAT; the solver package turns a
// Problem into clauses.
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
// changes (C, with a Baseline), then fairness (D, unless Fairness.Off),
// then requests (W). A
// schedule is optimal when no schedule is better on a level while equal
// on every level before it.
package model
