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
// The objective is lexicographic: first minimise D (unless Fairness.Off),
// then W.
package model
