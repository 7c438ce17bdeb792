package caseload

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// shrinkTime bounds the shrinking of a core to a minimal one; the
// unshrunk core is already a sound explanation.
const shrinkTime = 2 * time.Second

// explain turns a core of guards into an *InfeasibleError: the core
// shrunk to a minimal one, each instance in words, and the counting
// argument for the cases and limits in it.
func (r *run) explain(core []z.Lit) error {
	ctx, cancel := context.WithTimeout(r.ctx, shrinkTime)
	defer cancel()
	rule := make(map[z.Lit]int, len(r.e.guards))
	for i, g := range r.e.guards {
		rule[g] = i
	}
	in := map[z.Lit]bool{}
	for _, g := range core {
		in[g] = true
	}
	var off []z.Lit
	for _, g := range r.e.guards {
		if !in[g] {
			off = append(off, g)
		}
	}
	small, err := r.e.s.Shrink(ctx, core, engine.Hints{Off: off})
	ie := &InfeasibleError{Minimal: err == nil}
	var rules []model.CaseRule
	for _, g := range small {
		rules = append(rules, r.e.rules[rule[g]])
	}
	for _, cr := range rules {
		ie.Reasons = append(ie.Reasons, Reason{Rule: cr, Text: r.text(cr)})
	}
	ie.Arguments = r.arguments(rules)
	return ie
}

// text says what an instance asks, with the facts that make it hard.
func (r *run) text(cr model.CaseRule) string {
	p := r.p
	switch cr.Kind {
	case model.RuleCaseWorker:
		c := r.caseIndex(cr.Case)
		if len(r.f.Candidates[c]) > 0 {
			return fmt.Sprintf("case %s needs a worker: %s", cr.Case, r.names(r.f.Candidates[c]))
		}
		return fmt.Sprintf("case %s needs a worker, and no one may hold it: %s", cr.Case, r.why(c))
	case model.RuleCaseGroup:
		return fmt.Sprintf("the cases of group %s go to one worker", cr.Group)
	case model.RuleCapacity:
		s := r.staffIndex(cr.Staff)
		what := string(cr.Measure)
		if cr.Measure == model.MeasureWeight {
			what = "points"
		}
		return fmt.Sprintf("%s carries at most %d %s (%d%%)", p.Staff[s].DisplayName(), cr.Count, what, percent(p.Staff[s]))
	}
	return cr.String()
}

// why says why no worker may hold case c.
func (r *run) why(c int) string {
	p, cs := r.p, r.p.Cases[c]
	var unit, here []int
	for s, st := range p.Staff {
		if cs.Unit == "" || st.Unit == cs.Unit {
			unit = append(unit, s)
			if r.f.Employed[s] && !r.f.OnLeave[s] {
				here = append(here, s)
			}
		}
	}
	switch {
	case len(unit) == 0:
		return fmt.Sprintf("unit %s has no workers", cs.Unit)
	case len(here) == 0:
		return fmt.Sprintf("every worker of unit %s is on long leave or not employed on %s", cs.Unit, p.Date)
	}
	return fmt.Sprintf("of the %d workers of unit %s at work, none holds every role of %s", len(here), cs.Unit, strings.Join(cs.Roles, ", "))
}

// arguments count, per measure, what the cases in the clash need
// against the room the limits in it leave.
func (r *run) arguments(rules []model.CaseRule) []string {
	var cases []int
	limited := map[int][3]int{}
	for _, cr := range rules {
		switch cr.Kind {
		case model.RuleCaseWorker:
			cases = append(cases, r.caseIndex(cr.Case))
		case model.RuleCapacity:
			s := r.staffIndex(cr.Staff)
			l := limited[s]
			for m, ms := range model.Measures() {
				if ms == cr.Measure {
					l[m] = cr.Count
				}
			}
			limited[s] = l
		}
	}
	var out []string
	for m, ms := range model.Measures() {
		need, room := 0, 0
		var who []int
		for _, c := range cases {
			need += r.f.Amount[c][m]
		}
		for s := range r.p.Staff {
			if l, ok := limited[s]; ok && l[m] > 0 {
				room += l[m]
				who = append(who, s)
			}
		}
		if len(who) == 0 || need <= room {
			continue
		}
		what := string(ms)
		if ms == model.MeasureWeight {
			what = "points"
		}
		out = append(out, fmt.Sprintf("%s: %d cases need %d %s, and the %d workers who may hold them have room for %d",
			r.unitsOf(cases), len(cases), need, what, len(who), room))
	}
	return out
}

// unitsOf names the units of some cases.
func (r *run) unitsOf(cases []int) string {
	var units []string
	seen := map[string]bool{}
	for _, c := range cases {
		u := r.p.Cases[c].Unit
		if !seen[u] {
			seen[u] = true
			if u == "" {
				u = "the whole office"
			} else {
				u = "unit " + u
			}
			units = append(units, u)
		}
	}
	return strings.Join(units, ", ")
}

func (r *run) names(staff []int) string {
	const most = 6
	var names []string
	for i, s := range staff {
		if i == most {
			names = append(names, fmt.Sprintf("and %d more", len(staff)-most))
			break
		}
		names = append(names, r.p.Staff[s].DisplayName())
	}
	return fmt.Sprintf("%d may hold it (%s)", len(staff), strings.Join(names, ", "))
}

// caseIndex and staffIndex find a case and a worker by ID, through maps
// made on first use (explanations only).
func (r *run) caseIndex(id string) int {
	if r.caseAt == nil {
		r.caseAt = make(map[string]int, len(r.p.Cases))
		for c, cs := range r.p.Cases {
			r.caseAt[cs.ID] = c
		}
	}
	return r.caseAt[id]
}

func (r *run) staffIndex(id string) int {
	if r.staffAt == nil {
		r.staffAt = make(map[string]int, len(r.p.Staff))
		for s, st := range r.p.Staff {
			r.staffAt[st.ID] = s
		}
	}
	return r.staffAt[id]
}

func percent(s model.Staff) int {
	if s.Percent == 0 {
		return 100
	}
	return s.Percent
}
