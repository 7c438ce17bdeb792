package model

// Plan writes the plan of an assignment: assign[c] is the position of
// case c's worker, -1 for none; nil means no plan (every load zero and
// no objective). Every figure is computed by the definitions (Caseloads),
// the measures of the objective included; each level of p.Levels() is
// listed with its value and a bound of 0, which the caller raises to what
// it proved. The caseload solver and the heuristics and peers that make
// plans share it; CheckCases does not.
func (f *CaseFacts) Plan(p *CaseProblem, status Status, assign []int) *CasePlan {
	plan := &CasePlan{Status: status, Cases: make([]CaseAssignment, len(p.Cases)), Staff: make([]CaseLoad, len(p.Staff))}
	load := make([][3]int, len(p.Staff))
	near := make([]int, len(p.Staff))
	pool := map[string]int{}
	member := make([]map[int]int, len(f.Pools))
	poolLoad := make([][][3]int, len(f.Pools))
	for k, pl := range f.Pools {
		pool[pl.Unit] = k
		member[k] = make(map[int]int, len(pl.Staff))
		for j, s := range pl.Staff {
			member[k][s] = j
		}
		poolLoad[k] = make([][3]int, len(pl.Staff))
	}
	var o CaseObjective
	for c, cs := range p.Cases {
		plan.Cases[c].Case = cs.ID
		if assign == nil || assign[c] < 0 {
			continue
		}
		s := assign[c]
		plan.Cases[c].Worker = p.Staff[s].ID
		plan.Cases[c].Moved = cs.Worker != "" && cs.Worker != p.Staff[s].ID
		if plan.Cases[c].Moved {
			o.Moves++
		}
		for k, cand := range f.Candidates[c] {
			if cand == s {
				o.Affinity += f.Costs[c][k]
			}
		}
		if f.Near[c] {
			near[s]++
			o.NearDeadline = max(o.NearDeadline, near[s])
		}
		k := pool[cs.Unit]
		j, in := member[k][s]
		for m := range 3 {
			load[s][m] += f.Amount[c][m]
			if in {
				poolLoad[k][j][m] += f.Amount[c][m]
			}
		}
	}
	for s, st := range p.Staff {
		lim := f.Limits[s]
		plan.Staff[s] = CaseLoad{Staff: st.ID, OnLeave: f.OnLeave[s],
			Investigations: load[s][0], FollowUps: load[s][1], Weight: load[s][2], NearDeadline: near[s],
			Capacity: Capacity{Investigations: lim[0], FollowUps: lim[1], Weight: lim[2]}}
	}
	for k, pl := range f.Pools {
		var worst [3]int // D(u, m)
		for j, s := range pl.Staff {
			share := CaseShare{Unit: pl.Unit}
			for m, rg := range []*ShareRange{&share.Investigations, &share.FollowUps, &share.Weight} {
				got := poolLoad[k][j][m]
				*rg = ShareRange{Load: got, Low: pl.Low[m][j], High: pl.High[m][j]}
				dev := max(0, pl.Low[m][j]-got, got-pl.High[m][j])
				worst[m] = max(worst[m], dev)
				o.Spread += dev
			}
			plan.Staff[s].Shares = append(plan.Staff[s].Shares, share)
		}
		for _, d := range worst {
			o.Balance += d
			o.Deviation = max(o.Deviation, d)
		}
	}
	if assign != nil {
		for _, kind := range p.Levels() {
			o.Levels = append(o.Levels, Level{Kind: kind, Value: o.Measure(kind)})
		}
		plan.Objective = o
	}
	return plan
}

// Measure returns the plan's measure of a level kind: Moves, Balance,
// Spread, NearDeadline or Affinity; 0 for a kind of the rota.
func (o CaseObjective) Measure(kind LevelKind) int {
	switch kind {
	case LevelMoves:
		return o.Moves
	case LevelBalance:
		return o.Balance
	case LevelSpread:
		return o.Spread
	case LevelDeadlines:
		return o.NearDeadline
	case LevelAffinity:
		return o.Affinity
	}
	return 0
}
