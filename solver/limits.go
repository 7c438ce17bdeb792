package solver

// The limits are what the rule instances ask, written into the tables that
// the bounds and the heuristics read: people on duty per date (at least,
// at most), the minimum of each unit and role per date, whether a
// person's spacing, longest gap and windows apply, and the pins. Each kind of rule
// writes its own part (restrict, in its file), so the bounds and the
// heuristics hold for any set of instances: all of a problem's, or those
// a relaxation keeps.
type limits struct {
	lower, upper       []int    // people on duty per date
	unitNeed, roleNeed [][]int  // per date and unit or role: at least
	unitMost           [][]int  // per date and unit: at most, -1 for no limit
	spaced             []bool   // per person: the spacing applies
	gapped             []bool   // per person: the longest gap applies
	windowed           [][]bool // per person and window: the window applies
	pin                [][]int8 // per person and date: +1 must work, -1 must not
	pinnedOn           []int    // per date: the people pin holds +1 on (kept by setPin)
}

// setPin writes v (+1, 0 or -1) into the pin table and keeps the count of
// pinned people per date, which coverageTop reads for every date: counting
// a column of 20,000 rows took longer than a deadline's grace.
func (l *limits) setPin(s, f int, v int8) {
	if l.pin[s][f] > 0 {
		l.pinnedOn[f]--
	}
	l.pin[s][f] = v
	if v > 0 {
		l.pinnedOn[f]++
	}
}

// restrict fills in's limits from its rule instances, then what follows
// from them: each person's cap and the request costs that pins fix.
func (in *instance) restrict() {
	in.restrictLimits()
	in.requests()
}

// restrictLimits fills the limits and the caps, for a use that needs no
// request costs (a flow's yes or no).
func (in *instance) restrictLimits() {
	S, F := len(in.p.Staff), len(in.dates)
	in.lower, in.upper = make([]int, F), make([]int, F)
	for f := range in.upper {
		in.upper[f] = S
	}
	in.unitNeed, in.roleNeed = grid[int](F, len(in.unitMin)), grid[int](F, len(in.roleMin))
	in.unitMost = grid[int](F, len(in.unitMin))
	for _, row := range in.unitMost {
		for u := range row {
			row[u] = -1
		}
	}
	in.spaced, in.gapped, in.windowed = make([]bool, S), make([]bool, S), grid[bool](S, len(in.windows))
	in.pin, in.pinnedOn = grid[int8](S, F), make([]int, F)
	for _, r := range in.rules.all {
		r.restrict(in)
	}
	in.caps()
}

// exact reports whether date f asks for an exact number of people, as
// every date does until a relaxation drops part of its coverage.
func (in *instance) exact(f int) bool { return in.lower[f] == in.upper[f] }
