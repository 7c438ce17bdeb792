package caseload

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// ErrInfeasible is matched, with errors.Is, by every error that says no
// plan satisfies the hard rules.
var ErrInfeasible = errors.New("caseload: no plan satisfies the hard rules")

// InfeasibleError says that no plan exists, and why: rule instances that
// cannot all hold, each in an office's words, and the counting that
// proves the clash where there is one.
type InfeasibleError struct {
	// Reasons are the clashing rule instances; when Minimal is set, none
	// of them can be left out.
	Reasons []Reason
	// Arguments say in numbers why they clash ("unit vuxen: 41
	// investigations need a worker, and the 6 workers who may hold them
	// have room for 36").
	Arguments []string
	// Minimal says the reasons were proven minimal; false when the
	// deadline came first.
	Minimal bool
}

// Reason is one clashing rule instance.
type Reason struct {
	Rule model.CaseRule
	// Text says what the instance asks, with the facts that make it
	// hard ("case u-17 (unit vuxen, role ensamkommande) has a worker who
	// may hold it: of the 6 workers of unit vuxen, none holds role
	// ensamkommande").
	Text string
}

// Error returns the first arguments and reasons on one line.
func (e *InfeasibleError) Error() string {
	var b strings.Builder
	b.WriteString(ErrInfeasible.Error())
	items := append(append([]string(nil), e.Arguments...), texts(e.Reasons)...)
	for i, s := range items {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(items)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(s)
	}
	return b.String()
}

// Explain returns the whole explanation, a sentence a line.
func (e *InfeasibleError) Explain() string {
	var b strings.Builder
	b.WriteString(ErrInfeasible.Error())
	b.WriteString(":\n")
	for _, a := range e.Arguments {
		fmt.Fprintf(&b, "  %s\n", a)
	}
	if len(e.Arguments) > 0 && len(e.Reasons) > 0 {
		b.WriteString("  the rules that clash:\n")
	}
	for _, line := range grouped(e.Reasons) {
		fmt.Fprintf(&b, "  - %s\n", line)
	}
	if !e.Minimal && len(e.Reasons) > 0 {
		b.WriteString("  (this list is not proven minimal)\n")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

// grouped writes the reasons a line each, but the cases that need a
// worker for the same reason in one line: a clash of 138 cases and 7
// limits reads as 8 lines, not 145.
func grouped(rs []Reason) []string {
	var out []string
	cases := map[string][]string{} // what follows "needs a worker" to the cases
	var order []string
	for _, r := range rs {
		rest, ok := strings.CutPrefix(r.Text, "case "+r.Rule.Case+" needs a worker")
		if r.Rule.Kind != model.RuleCaseWorker || !ok {
			continue
		}
		if _, seen := cases[rest]; !seen {
			order = append(order, rest)
		}
		cases[rest] = append(cases[rest], r.Rule.Case)
	}
	for _, rest := range order {
		ids := cases[rest]
		if len(ids) == 1 {
			out = append(out, "case "+ids[0]+" needs a worker"+rest)
			continue
		}
		shown := ids
		more := ""
		if len(ids) > 8 {
			shown, more = ids[:8], fmt.Sprintf(" and %d more", len(ids)-8)
		}
		out = append(out, fmt.Sprintf("%d cases need a worker (%s%s)%s", len(ids), strings.Join(shown, ", "), more,
			strings.Replace(rest, " may hold it", " may hold each", 1)))
	}
	for _, r := range rs {
		if r.Rule.Kind != model.RuleCaseWorker || !strings.HasPrefix(r.Text, "case "+r.Rule.Case+" needs a worker") {
			out = append(out, r.Text)
		}
	}
	return out
}

func texts(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text
	}
	return out
}

// InternalError is a failure inside rostersat, never the input's fault.
type InternalError struct {
	Msg string
	// Violations are the checker's findings, for a rejected plan.
	Violations []model.CaseViolation
	Err        error
}

func (e *InternalError) Error() string {
	s := "caseload: internal error: " + e.Msg
	if len(e.Violations) > 0 {
		s += fmt.Sprintf(" (%d violations, the first: %s)", len(e.Violations), e.Violations[0])
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the failure underneath.
func (e *InternalError) Unwrap() error { return e.Err }
