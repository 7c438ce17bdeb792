package solver

// tally is a rota under change with the counts the local searches
// (repair, balancedRota) consult on every move: duties per person and
// people on duty per date, unit and role.
type tally struct {
	in    *instance
	on    [][]bool
	count []int   // duties per person
	cov   []int   // people on duty per date
	units [][]int // people on duty per date and unit
	roles [][]int // people on duty per date and role
}

func newTally(in *instance) tally {
	S, F := len(in.p.Staff), len(in.dates)
	return tally{in: in, on: grid[bool](S, F), count: make([]int, S), cov: make([]int, F),
		units: grid[int](F, len(in.unitMin)), roles: grid[int](F, len(in.roleMin))}
}

// put puts s on or off duty on f and keeps the counts; it returns +1 or
// -1 for the change, 0 when there was none.
func (t *tally) put(s, f int, v bool) int {
	if t.on[s][f] == v {
		return 0
	}
	t.on[s][f] = v
	step := -1
	if v {
		step = 1
	}
	t.count[s] += step
	t.cov[f] += step
	if u := t.in.unitOf[s]; u >= 0 {
		t.units[f][u] += step
	}
	for _, r := range t.in.roleOf[s] {
		t.roles[f][r] += step
	}
	return step
}

// offDemand says how far date f's count lies outside its demand: above
// the most it takes (positive) or below the least it needs (negative).
func (t *tally) offDemand(f int) int {
	switch c := t.cov[f]; {
	case c > t.in.upper[f]:
		return c - t.in.upper[f]
	case c < t.in.lower[f]:
		return c - t.in.lower[f]
	}
	return 0
}
