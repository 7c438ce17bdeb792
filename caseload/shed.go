package caseload

// fewestToShed returns which of a worker's units (a case, or a group's
// cases) to give up so that what is left keeps within bounds, giving up
// the fewest cases. units[i] holds the unit's amount of each measure,
// sizes[i] its number of cases, and excess[m] how much of measure m must
// go. It is a covering knapsack, solved exactly by dynamic programming
// over the excess covered so far (one dimension per measure, each capped
// at its excess). It returns the positions of the units to give up, the
// number of cases in them, and whether that is the proven least; a
// table above maxShedStates entries is covered greedily instead (the
// most of the most passed measure per case first), which is not proven.
// An excess that no choice covers gives the units that cover the most
// and false.
func fewestToShed(units [][]int, sizes []int, excess []int) ([]int, int, bool) {
	states := 1
	for _, e := range excess {
		states *= e + 1
		if states > maxShedStates {
			break
		}
	}
	if states == 1 {
		return nil, 0, true
	}
	if states*(len(units)+1) > maxShedStates {
		out, n := shedGreedily(units, sizes, excess)
		return out, n, false
	}
	dims := len(excess)
	// A state is the covered amounts, in mixed radix (excess[m]+1).
	stride := make([]int, dims)
	stride[dims-1] = 1
	for m := dims - 2; m >= 0; m-- {
		stride[m] = stride[m+1] * (excess[m+1] + 1)
	}
	digit := func(s, m int) int { return s / stride[m] % (excess[m] + 1) }
	cover := func(s int, u []int) int {
		to := 0
		for m := range dims {
			to += min(excess[m], digit(s, m)+u[m]) * stride[m]
		}
		return to
	}
	const inf = 1 << 30
	// rows[i][s]: the fewest cases among units before i that cover s.
	rows := make([][]int32, len(units)+1)
	rows[0] = make([]int32, states)
	for s := range rows[0] {
		rows[0][s] = inf
	}
	rows[0][0] = 0
	for i, u := range units {
		prev := rows[i]
		next := append([]int32(nil), prev...)
		for s, from := range prev {
			if from < inf {
				if k := cover(s, u); from+int32(sizes[i]) < next[k] {
					next[k] = from + int32(sizes[i])
				}
			}
		}
		rows[i+1] = next
	}
	full := states - 1
	if rows[len(units)][full] == inf {
		out, n := shedGreedily(units, sizes, excess)
		return out, n, false
	}
	var out []int
	state := full
	for i := len(units); i > 0; i-- {
		if rows[i][state] == rows[i-1][state] {
			continue
		}
		for s, from := range rows[i-1] {
			if from < inf && cover(s, units[i-1]) == state && from+int32(sizes[i-1]) == rows[i][state] {
				state = s
				break
			}
		}
		out = append(out, i-1)
	}
	return out, int(rows[len(units)][full]), true
}

// maxShedStates bounds the dynamic programme's table, in entries.
const maxShedStates = 1 << 20

// shedGreedily covers the excess by the unit with the most of the most
// passed measure per case, until none is passed or nothing is left.
func shedGreedily(units [][]int, sizes []int, excess []int) ([]int, int) {
	excess = append([]int(nil), excess...)
	taken := make([]bool, len(units))
	var out []int
	n := 0
	for {
		worst := -1
		for m, e := range excess {
			if e > 0 && (worst < 0 || e > excess[worst]) {
				worst = m
			}
		}
		if worst < 0 {
			return out, n
		}
		pick := -1
		for i, u := range units {
			if !taken[i] && u[worst] > 0 && (pick < 0 || u[worst]*sizes[pick] > units[pick][worst]*sizes[i]) {
				pick = i
			}
		}
		if pick < 0 {
			return out, n
		}
		taken[pick] = true
		out = append(out, pick)
		n += sizes[pick]
		for m := range excess {
			excess[m] = max(0, excess[m]-units[pick][m])
		}
	}
}
