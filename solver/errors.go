package solver

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// ErrInfeasible is matched, with errors.Is, by every error that says no
// schedule satisfies the hard rules.
var ErrInfeasible = errors.New("no schedule satisfies the hard rules")

// InfeasibleError says that no schedule exists, and why where the reason
// is known in domain words.
type InfeasibleError struct {
	// Reasons are sentences naming the dates, units, roles or people that
	// clash; empty when the proof came from the SAT search alone.
	Reasons []string
}

func (e *InfeasibleError) Error() string {
	if len(e.Reasons) == 0 {
		return ErrInfeasible.Error()
	}
	return ErrInfeasible.Error() + ": " + strings.Join(e.Reasons, "; ")
}

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

// InternalError reports a schedule that the independent checker rejected.
// It is a bug in rostersat, never a property of the problem: please report
// it with the problem that caused it.
type InternalError struct {
	Violations []model.Violation
}

func (e *InternalError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rostersat internal error: the solver's schedule fails %d check(s)", len(e.Violations))
	for i, v := range e.Violations {
		if i == 3 {
			b.WriteString("; ...")
			break
		}
		b.WriteString("; ")
		b.WriteString(v.String())
	}
	return b.String()
}

// shortages names dates on which the available people cannot meet the
// demand, a unit minimum or a role minimum: the common, easily explained
// causes of infeasibility.
func shortages(in *instance) []string {
	var out []string
	for f, d := range in.dates {
		avail, byUnit, byRole := 0, make([]int, len(in.unitMin)), make([]int, len(in.roleMin))
		for s := range in.p.Staff {
			if !in.free(s, f) {
				continue
			}
			avail++
			if u := in.unitOf[s]; u >= 0 {
				byUnit[u]++
			}
		}
		for r, holders := range in.roleHold {
			for _, s := range holders {
				if in.free(s, f) {
					byRole[r]++
				}
			}
		}
		if avail < in.demand[f] {
			out = append(out, fmt.Sprintf("on %s %d people are needed but only %d can work", d, in.demand[f], avail))
		}
		for u, need := range in.unitMin {
			if byUnit[u] < need {
				out = append(out, fmt.Sprintf("on %s unit %q needs %d but only %d of its people can work", d, in.p.Units[u].ID, need, byUnit[u]))
			}
		}
		for r, need := range in.roleMin {
			if byRole[r] < need {
				out = append(out, fmt.Sprintf("on %s role %q needs %d but only %d of its holders can work", d, in.p.Roles[r].ID, need, byRole[r]))
			}
		}
	}
	return out
}
