package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// Failure is a result that makes a bench run fail loudly: two runners
// proving different optima, a proven bound another runner's checked
// schedule beats, an infeasibility claim another runner refutes, or a
// schedule the checker rejects.
type Failure struct {
	// Instance is where it happened; Runners are the runners involved.
	Instance string
	Runners  []string
	// Msg names the runners and their values.
	Msg string
}

// String returns the instance and the message.
func (f Failure) String() string { return f.Instance + ": " + f.Msg }

// CrossCheck returns every failure among ms, in instance order:
//   - a schedule with model.Check violations;
//   - two runners that both claim Status Optimal on an instance but differ
//     in (D, W) (in W alone with fairness off);
//   - a runner's proven lower bound on D above the D of another runner's
//     checked schedule, or its bound on W above the W of a checked
//     schedule with the same D;
//   - a runner claiming Infeasible where another found a checked schedule.
//
// Skips, errors without a schedule and timeouts are not failures.
func CrossCheck(ms []Measure) []Failure {
	byInstance := map[string][]Measure{}
	var names []string
	for _, m := range ms {
		if m.Skipped != "" {
			continue
		}
		if _, ok := byInstance[m.Instance]; !ok {
			names = append(names, m.Instance)
		}
		byInstance[m.Instance] = append(byInstance[m.Instance], m)
	}
	sort.Strings(names)
	var out []Failure
	for _, name := range names {
		out = append(out, crossCheck(name, byInstance[name])...)
	}
	return out
}

func crossCheck(instance string, ms []Measure) []Failure {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Runner < ms[j].Runner })
	var out []Failure
	fail := func(msg string, runners ...string) {
		out = append(out, Failure{Instance: instance, Runners: runners, Msg: msg})
	}
	sound := func(m Measure) bool { return m.Solved() && len(m.Violations) == 0 }
	for _, m := range ms {
		if len(m.Violations) > 0 {
			fail(fmt.Sprintf("%s's schedule breaks %d rule(s): %s", m.Runner, len(m.Violations), strings.Join(m.Violations, "; ")), m.Runner)
		}
	}
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if a.Status == model.Optimal && b.Status == model.Optimal && len(a.Violations)+len(b.Violations) == 0 {
				sameD := a.Deviation == b.Deviation || a.FairnessOff
				if !sameD || a.RequestCost != b.RequestCost {
					fail(fmt.Sprintf("optimum claims disagree: %s has D=%d W=%d, %s has D=%d W=%d",
						a.Runner, a.Deviation, a.RequestCost, b.Runner, b.Deviation, b.RequestCost), a.Runner, b.Runner)
				}
			}
		}
	}
	for _, a := range ms {
		for _, b := range ms {
			if a.Runner == b.Runner || !sound(b) || (a.Status == model.Optimal && b.Status == model.Optimal) {
				continue // two optimum claims are compared above
			}
			if a.Status == model.Infeasible {
				fail(fmt.Sprintf("%s claims infeasible, but %s found a schedule the checker accepts (D=%d W=%d)",
					a.Runner, b.Runner, b.Deviation, b.RequestCost), a.Runner, b.Runner)
				continue
			}
			if a.Status != model.Optimal && a.Status != model.Feasible && a.Status != model.Unknown {
				continue
			}
			if !a.FairnessOff && a.DeviationBound > b.Deviation {
				fail(fmt.Sprintf("%s proves D >= %d, but %s's checked schedule has D=%d",
					a.Runner, a.DeviationBound, b.Runner, b.Deviation), a.Runner, b.Runner)
			}
			if a.Solved() && (a.Deviation == b.Deviation || a.FairnessOff) && a.RequestCostBound > b.RequestCost {
				fail(fmt.Sprintf("%s proves W >= %d at D=%d, but %s's checked schedule has W=%d",
					a.Runner, a.RequestCostBound, a.Deviation, b.Runner, b.RequestCost), a.Runner, b.Runner)
			}
		}
	}
	return out
}
