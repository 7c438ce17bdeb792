package solver

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// ErrInfeasible is matched, with errors.Is, by every error that says no
// schedule satisfies the hard rules.
var ErrInfeasible = errors.New("solver: no schedule satisfies the hard rules")

// InfeasibleError says that no schedule exists, and why: a set of rule
// instances that cannot all hold, each with what it asks in the
// scheduler's words, and the counting arguments that prove the clash
// where one applies.
type InfeasibleError struct {
	// Reasons are the rule instances that clash. When Minimal is set they
	// are a subset-minimal conflicting set: without any one of them the
	// others can all hold.
	Reasons []Reason
	// Arguments say, in numbers, why the reasons clash, where the solver
	// found a counting argument ("the 7 people holding role senior can
	// work at most 56 duties on these 30 dates: 56 < 60 needed").
	Arguments []string
	// Minimal says whether the reasons were proven minimal; false when
	// the deadline or the memory budget came first, or for a large clash
	// of counting (a window's span of more than 64 instances, a span past
	// the budget), which is shrunk by the counting alone.
	Minimal bool
}

// errorItems bounds how many sentences Error writes; the rest are in
// Reasons and Arguments.
const errorItems = 3

// Error returns one line: the count of clashing rules and the first
// arguments and reasons.
func (e *InfeasibleError) Error() string {
	var b strings.Builder
	b.WriteString(ErrInfeasible.Error())
	switch n := len(e.Reasons); {
	case n == 1:
		b.WriteString(": 1 rule cannot hold")
	case n > 1:
		fmt.Fprintf(&b, ": %d rules clash", n)
	}
	items := append(append([]string(nil), e.Arguments...), reasonTexts(e.Reasons)...)
	for i, s := range items {
		if i == errorItems {
			fmt.Fprintf(&b, "; and %d more", len(items)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(s)
	}
	return b.String()
}

// Explain returns the whole explanation, a sentence a line: the counting
// arguments first, then every clashing rule.
func (e *InfeasibleError) Explain() string {
	var b strings.Builder
	b.WriteString(ErrInfeasible.Error())
	b.WriteString(":\n")
	for _, a := range e.Arguments {
		b.WriteString("  ")
		b.WriteString(a)
		b.WriteString("\n")
	}
	if len(e.Arguments) > 0 && len(e.Reasons) > 0 {
		b.WriteString("  the rules that clash:\n")
	}
	for _, r := range e.Reasons {
		b.WriteString("  - ")
		b.WriteString(r.Text)
		b.WriteString("\n")
	}
	if !e.Minimal && len(e.Reasons) > 0 {
		b.WriteString("  (the deadline came before this list was proven minimal)\n")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

func reasonTexts(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text
	}
	return out
}

// Reason is one rule instance of an explanation or a relaxation.
type Reason struct {
	// Rule is the instance.
	Rule model.Rule
	// Needed is what the instance asks for: people on duty for coverage
	// and minimums (at most that many for RuleCoverageMax), days between
	// duties for spacing, the most duties in the window for a window, 1
	// for a pin.
	Needed int
	// Available are the people who could meet a coverage or minimum
	// instance on its date (available, and not pinned off), in problem
	// order.
	Available []string
	// Text says it all in the scheduler's words.
	Text string
}

// String returns Text.
func (r Reason) String() string { return r.Text }

// InternalError reports a failure inside rostersat: a schedule that the
// independent checker rejected, or a search that broke one of its own
// invariants. It is a bug, never a property of the problem: please
// report it with the problem that caused it.
type InternalError struct {
	// Msg says what failed.
	Msg string
	// Violations are the checker's findings, for a rejected schedule.
	Violations []model.Violation
	// Err is the failure underneath, if any.
	Err error
}

func (e *InternalError) Error() string {
	var b strings.Builder
	b.WriteString("solver: internal error: ")
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	for i, v := range e.Violations {
		if i == errorItems {
			fmt.Fprintf(&b, "; and %d more", len(e.Violations)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(v.String())
	}
	return b.String()
}

// Unwrap returns Err.
func (e *InternalError) Unwrap() error { return e.Err }
