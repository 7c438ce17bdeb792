package model

import "slices"

// ClassFacts are the facts of one DateClass: its dates, by position in
// Facts.Dates, and everyone's share of its duties.
type ClassFacts struct {
	ID     string
	Dates  []int
	Shares []Share
}

// classes derives the facts of Period.Classes: each class's share is the
// share of the whole period computed over the class's dates alone, with
// no history. Dates that are not duty dates are passed over, as are
// repeats.
func (p *Problem) classes(dates []Date, demand []int, avail [][]bool) []ClassFacts {
	out := make([]ClassFacts, len(p.Period.Classes))
	for k, c := range p.Period.Classes {
		seen := make(map[int]bool, len(c.Dates))
		cf := ClassFacts{ID: c.ID}
		for _, d := range c.Dates {
			if i, ok := dateIndex(dates, d); ok && !seen[i] {
				seen[i] = true
				cf.Dates = append(cf.Dates, i)
			}
		}
		slices.Sort(cf.Dates)
		sub := &Problem{Staff: make([]Staff, len(p.Staff))}
		for s, st := range p.Staff {
			sub.Staff[s] = Staff{Percent: st.Percent}
		}
		cd, ca := make([]int, len(cf.Dates)), make([][]bool, len(p.Staff))
		for j, i := range cf.Dates {
			cd[j] = demand[i]
		}
		for s := range ca {
			ca[s] = make([]bool, len(cf.Dates))
			for j, i := range cf.Dates {
				ca[s][j] = avail[s][i]
			}
		}
		cf.Shares = sub.shares(cd, ca)
		out[k] = cf
	}
	return out
}

// ClassDeviation returns the deviation of Staff[s] in class k of the rota
// row on: max(0, Low - n, n - High) for the n duties of s on the class's
// dates.
func (f *Facts) ClassDeviation(k, s int, on []bool) int {
	sh := f.Classes[k].Shares[s]
	n := f.ClassCount(k, on)
	return max(0, sh.Low-n, n-sh.High)
}

// ClassCount returns the duties of the rota row on on the dates of class
// k.
func (f *Facts) ClassCount(k int, on []bool) int {
	n := 0
	for _, i := range f.Classes[k].Dates {
		if on[i] {
			n++
		}
	}
	return n
}
