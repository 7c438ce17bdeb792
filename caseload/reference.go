package caseload

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/rostersat/rostersat/model"
)

// Flow is the steady intake of one kind of case in one unit: how many
// arrive a month, and how long one stays open on average.
type Flow struct {
	Unit     string         `json:"unit"`
	Kind     model.CaseKind `json:"kind"`
	PerMonth float64        `json:"perMonth"`
	Months   float64        `json:"months"`
}

// ReferenceRow is the caseload an office can sustain for one flow.
type ReferenceRow struct {
	Flow
	// Open is the number of cases open at a time in the steady state:
	// PerMonth x Months (Little's law, L = lambda W), whatever the
	// distribution of arrivals and durations.
	Open float64 `json:"open"`
	// Staff is the unit's staffing in full-time equivalents over the year
	// from the problem's date: each worker's Percent, less the share of
	// the year they are absent or not employed.
	Staff float64 `json:"staff"`
	// PerWorker is Open / Staff: the cases each full-time worker carries
	// at a time, the reference the office asks for. Infinite with no
	// staff.
	PerWorker float64 `json:"perWorker"`
	// TooSlow says an investigation concerning a child stays open longer
	// on average than the limit of ChildInvestigationMonths: the flow
	// cannot keep its deadlines however the cases are shared.
	TooSlow bool `json:"tooSlow,omitempty"`
}

// Reference computes the reference caseload per unit and kind from the
// flows (Little's law) and the staffing of p (its Staff, Absences and
// Date; the cases play no part). Errors name the flow at fault.
func Reference(p *model.CaseProblem, flows []Flow) ([]ReferenceRow, error) {
	if p == nil {
		return nil, errors.New("caseload: reference: nil problem")
	}
	units := map[string]bool{}
	for _, u := range p.Units {
		units[u.ID] = true
	}
	var errs []error
	for i, f := range flows {
		field := func(name string) string { return fmt.Sprintf("flows[%d].%s", i, name) }
		switch {
		case f.Unit != "" && !units[f.Unit]:
			errs = append(errs, &model.FieldError{Field: field("unit"), Value: f.Unit, Msg: "unknown unit"})
		case !slices.Contains(model.CaseKinds(), f.Kind):
			errs = append(errs, &model.FieldError{Field: field("kind"), Value: string(f.Kind), Msg: fmt.Sprintf("want one of %v", model.CaseKinds())})
		case !(f.PerMonth >= 0) || math.IsInf(f.PerMonth, 0):
			errs = append(errs, &model.FieldError{Field: field("perMonth"), Value: f.PerMonth, Msg: "want a number of cases, 0 or more"})
		case !(f.Months >= 0) || math.IsInf(f.Months, 0):
			errs = append(errs, &model.FieldError{Field: field("months"), Value: f.Months, Msg: "want a duration in months, 0 or more"})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	staff := unitStaffing(p)
	out := make([]ReferenceRow, len(flows))
	for i, f := range flows {
		r := ReferenceRow{Flow: f, Open: f.PerMonth * f.Months, Staff: staff[f.Unit]}
		r.PerWorker = math.Inf(1)
		if r.Staff > 0 {
			r.PerWorker = r.Open / r.Staff
		} else if r.Open == 0 {
			r.PerWorker = 0
		}
		r.TooSlow = f.Kind == model.Investigation && f.Months > model.ChildInvestigationMonths
		out[i] = r
	}
	return out, nil
}

// unitStaffing is the full-time equivalents of each unit (and of the
// whole office, under "") over the 365 days from p.Date.
func unitStaffing(p *model.CaseProblem) map[string]float64 {
	const days = 365
	from := p.Date
	to := from.AddDays(days - 1)
	away := map[string][]model.Absence{}
	for _, a := range p.Absences {
		away[a.Staff] = append(away[a.Staff], a)
	}
	out := map[string]float64{}
	for _, s := range p.Staff {
		first, last := from, to
		if !s.Start.IsZero() && s.Start.After(first) {
			first = s.Start
		}
		if !s.End.IsZero() && s.End.Before(last) {
			last = s.End
		}
		if last.Before(first) {
			continue
		}
		// Days at work: employed days less the days of any absence,
		// overlapping absences counted once.
		off := make([]bool, days)
		for _, a := range away[s.ID] {
			for d := max(0, from.DaysUntil(a.First)); d <= min(days-1, from.DaysUntil(a.Last)); d++ {
				off[d] = true
			}
		}
		at := 0
		for d := from.DaysUntil(first); d <= from.DaysUntil(last); d++ {
			if !off[d] {
				at++
			}
		}
		pct := s.Percent
		if pct == 0 {
			pct = 100
		}
		fte := float64(pct) / 100 * float64(at) / days
		out[s.Unit] += fte
		if s.Unit != "" {
			out[""] += fte
		}
	}
	return out
}
