package model

import "fmt"

// CarryHistory returns p's staff with their History moved on by the
// schedule s of p, for the problem of the next period: each person's
// Duties grow by their duties in s and their Dates by the duty dates of
// p on which they were available, so that whoever worked more than
// their share this period works less in the next. The Staff values are
// copies; p and s are not changed. It fails when s has no rota, names
// someone p does not have, or a history would pass MaxHistory.
func CarryHistory(p *Problem, s *Schedule) ([]Staff, error) {
	if p == nil || s == nil {
		return nil, fmt.Errorf("carry history: need a problem and its schedule")
	}
	if s.Status != Optimal && s.Status != Feasible {
		return nil, fmt.Errorf("carry history: schedule status %s has no rota", s.Status)
	}
	at := staffIndex(p)
	duties := make([]int, len(p.Staff))
	for _, r := range s.Dates {
		for _, id := range r.Staff {
			i, ok := at[id]
			if !ok {
				return nil, fmt.Errorf("carry history: %s: %q is on duty but not among the problem's staff", r.Date, id)
			}
			duties[i]++
		}
	}
	avail := p.Facts().Available
	out := make([]Staff, len(p.Staff))
	for i, st := range p.Staff {
		st.Roles = append([]string(nil), st.Roles...)
		st.OffWeekdays = append([]Weekday(nil), st.OffWeekdays...)
		st.History.Duties += duties[i]
		for _, on := range avail[i] {
			if on {
				st.History.Dates++
			}
		}
		if st.History.Duties > MaxHistory || st.History.Dates > MaxHistory {
			return nil, fmt.Errorf("carry history: staff %q: history %d duties on %d dates passes the limit %d", st.ID, st.History.Duties, st.History.Dates, MaxHistory)
		}
		out[i] = st
	}
	return out, nil
}
