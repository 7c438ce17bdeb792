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
	for _, r := range e.Reasons {
		fmt.Fprintf(&b, "  - %s\n", r.Text)
	}
	if !e.Minimal && len(e.Reasons) > 0 {
		b.WriteString("  (the deadline came before this list was proven minimal)\n")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

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
