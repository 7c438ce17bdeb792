package solver

import (
	"cmp"
	"slices"
)

// requestWeight trades a unit of request weight against being one duty
// behind the pro-rata target in the greedy's choice.
const requestWeight = 5

// warmStart builds a schedule greedily, date by date, as an office would
// by hand with a good spreadsheet: on each date it takes the people
// furthest behind their pro-rata target, first for the unit and role
// minimums, then for the rest of the demand, keeping the spacing, the
// windows and the deviation bound d (none for noDeviation) where it can and heeding
// requests. The targets are
// the duties each person carries in the flow relaxation when there is one
// (they already reconcile shares with unit minimums), else the shares. It
// need not satisfy every rule; the SAT search starts from it.
func warmStart(in *instance, targets []int, d int) [][]bool {
	S, F := len(in.p.Staff), len(in.dates)
	on := grid[bool](S, F)
	free := make([]int, S) // free dates per person
	for s := range S {
		for f := range F {
			if in.free(s, f) {
				free[s]++
			}
		}
	}
	target := make([]float64, S)
	limit := make([]int, S)
	for s := range S {
		target[s] = min(float64(in.cap[s]), max(0, in.share[s]-float64(in.hist[s])))
		if targets != nil {
			target[s] = float64(targets[s])
		}
		limit[s] = in.hi[s] + d - in.hist[s]
		if d == noDeviation {
			limit[s] = in.cap[s]
		}
	}
	seen := make([]int, S)   // free dates passed so far
	worked := make([]int, S) // duties given so far
	scores := make([]float64, S)
	mine := make([][]int, S) // each person's duties so far, in date order
	var cands []int
	for f := range F {
		if in.halt.now() {
			break // partial: the caller checks ctx before using it
		}
		cands = cands[:0]
		for s := range S {
			if in.free(s, f) {
				seen[s]++
				cands = append(cands, s)
			}
		}
		score := func(s int) float64 {
			behind := target[s]*float64(seen[s])/float64(max(1, free[s])) - float64(worked[s])
			if !in.fits(s, mine[s], f) {
				behind -= 100 // spacing or a window: only if nobody else can
			}
			if worked[s] >= limit[s] {
				behind -= 100 // over the deviation bound: likewise
			}
			if in.pin[s][f] > 0 {
				behind += 1000
			}
			return behind + requestWeight*float64(in.costFalse[s][f]-in.costTrue[s][f])
		}
		// Each score once: in the comparison it was computed n log n
		// times (14 s of 60 at 20,000 staff and 450 dates).
		for _, s := range cands {
			scores[s] = score(s)
		}
		slices.SortStableFunc(cands, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
		unitNeed := slices.Clone(in.unitNeed[f])
		roleNeed := slices.Clone(in.roleNeed[f])
		taken := 0
		take := func(s int) {
			on[s][f] = true
			worked[s]++
			mine[s] = append(mine[s], f)
			taken++
			if u := in.unitOf[s]; u >= 0 {
				unitNeed[u]--
			}
			for _, r := range in.roleOf[s] {
				roleNeed[r]--
			}
		}
		helps := func(s int) bool {
			if u := in.unitOf[s]; u >= 0 && unitNeed[u] > 0 {
				return true
			}
			for _, r := range in.roleOf[s] {
				if roleNeed[r] > 0 {
					return true
				}
			}
			return in.pin[s][f] > 0
		}
		for _, s := range cands {
			if taken < in.lower[f] && helps(s) {
				take(s)
			}
		}
		for _, s := range cands {
			if taken < in.lower[f] && !on[s][f] {
				take(s)
			}
		}
	}
	return on
}
