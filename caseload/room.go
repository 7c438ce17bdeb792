package caseload

import (
	"cmp"
	"slices"

	"github.com/rostersat/rostersat/model"
)

// noRoom finds a unit whose cases need more of a measure than every
// worker who may hold them has room for, and returns the proof: the
// rule instances of enough of those cases (the lightest first) and of
// the workers' limits, or nil when every unit has room.
//
// It is the counting a SAT search finds late: 41 investigations for six
// workers who may carry six each is a pigeonhole formula, which takes
// resolution exponential time; counted, it takes a sum.
func (r *run) noRoom() *InfeasibleError {
	p, f := r.p, r.f
	for _, pool := range f.Pools {
		for m, measure := range model.Measures() {
			room, limited := roomOf(f, pool, m)
			if !limited {
				continue
			}
			var cases []int
			need, whole := 0, true
			for c, cs := range p.Cases {
				if cs.Unit == pool.Unit && !f.Kept[c] && f.Amount[c][m] > 0 {
					cases = append(cases, c)
					need += f.Amount[c][m]
				}
			}
			if need <= room {
				continue
			}
			slices.SortStableFunc(cases, func(a, b int) int { return cmp.Compare(f.Amount[a][m], f.Amount[b][m]) })
			need = 0
			for i, c := range cases {
				need += f.Amount[c][m]
				whole = whole && len(f.Candidates[c]) == len(pool.Staff)
				if need > room {
					cases = cases[:i+1]
					break
				}
			}
			// Minimal when every case may go to every worker of the pool
			// and dropping the lightest case, or any limit, leaves room.
			ie := &InfeasibleError{Minimal: whole && need-f.Amount[cases[0]][m] <= room}
			for _, c := range cases {
				cr := model.CaseRule{Kind: model.RuleCaseWorker, Case: p.Cases[c].ID}
				ie.Reasons = append(ie.Reasons, Reason{Rule: cr, Text: r.text(cr)})
			}
			for _, s := range pool.Staff {
				cr := model.CaseRule{Kind: model.RuleCapacity, Staff: p.Staff[s].ID, Measure: measure, Count: f.Limits[s][m]}
				ie.Reasons = append(ie.Reasons, Reason{Rule: cr, Text: r.text(cr)})
			}
			var rules []model.CaseRule
			for _, rs := range ie.Reasons {
				rules = append(rules, rs.Rule)
			}
			ie.Arguments = r.arguments(rules)
			return ie
		}
	}
	return nil
}

// roomOf is the room of a pool's workers in measure m, the sum of their
// limits, and whether every one of them has a limit there (else the room
// is unbounded and the sum means nothing).
func roomOf(f *model.CaseFacts, pool model.CasePool, m int) (room int, limited bool) {
	for _, s := range pool.Staff {
		if f.Limits[s][m] == 0 {
			return 0, false
		}
		room += f.Limits[s][m]
	}
	return room, true
}
