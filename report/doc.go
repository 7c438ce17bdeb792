// Package report writes schedules as plain text for people: the rota a
// line a date, the fairness table (each person's share against their
// duties), the requests met and unmet, and the objective with its proven
// bounds. Everything it writes follows from the problem and the rota, so
// two runs give the same text. The example programs and the command line
// share it.
package report
