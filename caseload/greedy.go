package caseload

import (
	"cmp"
	"slices"

	"github.com/rostersat/rostersat/model"
)

// greedy is the first plan the search starts from (its literals are
// preferred, not required): every case stays where it is while its
// worker has room, and the others go, hardest first (fewest candidates),
// to the candidate with room who is furthest below their share of
// points. Groups go together. Cases that fit nowhere get no worker; the
// search then finds them one.
func greedy(p *model.CaseProblem, f *model.CaseFacts) []int {
	n := len(p.Cases)
	assign := make([]int, n)
	for c := range assign {
		assign[c] = -1
	}
	load := make([][3]int, len(p.Staff))
	fits := func(s int, cases []int) bool {
		if f.OnLeave[s] {
			return true
		}
		for m := range 3 {
			sum := load[s][m]
			for _, c := range cases {
				sum += f.Amount[c][m]
			}
			if l := f.Limits[s][m]; l > 0 && sum > l {
				return false
			}
		}
		return true
	}
	give := func(s int, cases []int) {
		for _, c := range cases {
			assign[c] = s
			for m := range 3 {
				load[s][m] += f.Amount[c][m]
			}
		}
	}
	// Units of work: a group, or a case on its own.
	groupOf := make([]int, n)
	for c := range groupOf {
		groupOf[c] = -1
	}
	for g, grp := range f.Groups {
		for _, c := range grp.Cases {
			groupOf[c] = g
		}
	}
	var units [][]int
	for c := range p.Cases {
		switch g := groupOf[c]; {
		case g < 0:
			units = append(units, []int{c})
		case f.Groups[g].Cases[0] == c:
			units = append(units, f.Groups[g].Cases)
		}
	}
	// Keep what stays: each worker keeps all their cases but the fewest
	// that bring them within their limits (fewestToShed).
	var rest [][]int
	mine := make([][][]int, len(p.Staff))
	for _, u := range units {
		cur := f.Current[u[0]]
		ok := cur >= 0
		for _, c := range u {
			ok = ok && f.Current[c] == cur && index(f.Candidates[c], cur) >= 0
		}
		if ok {
			mine[cur] = append(mine[cur], u)
		} else {
			rest = append(rest, u)
		}
	}
	amount := func(u []int, m int) int {
		sum := 0
		for _, c := range u {
			sum += f.Amount[c][m]
		}
		return sum
	}
	for s, us := range mine {
		var sum [3]int
		for _, u := range us {
			for m := range 3 {
				sum[m] += amount(u, m)
			}
		}
		if !f.OnLeave[s] {
			excess := make([]int, 3)
			amounts, sizes := make([][]int, len(us)), make([]int, len(us))
			for i, u := range us {
				amounts[i] = make([]int, 3)
				for m := range 3 {
					amounts[i][m] = amount(u, m)
				}
				sizes[i] = len(u)
			}
			for m := range 3 {
				if l := f.Limits[s][m]; l > 0 {
					excess[m] = max(0, sum[m]-l)
				}
			}
			drop, _, _ := fewestToShed(amounts, sizes, excess)
			slices.Sort(drop)
			for i := len(drop) - 1; i >= 0; i-- {
				rest = append(rest, us[drop[i]])
				us = slices.Delete(us, drop[i], drop[i]+1)
			}
		}
		for _, u := range us {
			give(s, u)
		}
	}
	// The others go where they leave the worst deviation from a share
	// least.
	pl := placesOf(p, f)
	poolLoad := make([][][3]int, len(f.Pools))
	for k, pool := range f.Pools {
		poolLoad[k] = make([][3]int, len(pool.Staff))
	}
	for c, s := range assign {
		if s < 0 {
			continue
		}
		k := pl.pool[p.Cases[c].Unit]
		if j := pl.at(k, s); j >= 0 {
			for m := range 3 {
				poolLoad[k][j][m] += f.Amount[c][m]
			}
		}
	}
	common := func(u []int) []int {
		out := slices.Clone(f.Candidates[u[0]])
		for _, c := range u[1:] {
			out = slices.DeleteFunc(out, func(s int) bool { return index(f.Candidates[c], s) < 0 })
		}
		return out
	}
	slices.SortStableFunc(rest, func(a, b []int) int {
		return cmp.Compare(len(f.Candidates[a[0]]), len(f.Candidates[b[0]]))
	})
	rooms := 0 // calls of makeRoom, each a pass over the cases
	for _, u := range rest {
		k := pl.pool[p.Cases[u[0]].Unit]
		best, bestDev := -1, 0
		for _, s := range common(u) {
			if !fits(s, u) {
				continue
			}
			dev := 0
			if j := pl.at(k, s); j >= 0 {
				dev = -1 << 30
				for m := range 3 {
					dev = max(dev, poolLoad[k][j][m]+amount(u, m)-f.Pools[k].High[m][j])
				}
			}
			if best < 0 || dev < bestDev {
				best, bestDev = s, dev
			}
		}
		if best < 0 && rooms < maxRooms {
			rooms++
			best = makeRoom(p, f, assign, load, common(u), u, fits)
		}
		if best >= 0 {
			give(best, u)
			if j := pl.at(k, best); j >= 0 {
				for m := range 3 {
					poolLoad[k][j][m] += amount(u, m)
				}
			}
		}
	}
	return assign
}

// maxRooms bounds the calls of makeRoom in one greedy plan: each passes
// over every case, and the search makes room anyway.
const maxRooms = 64

// makeRoom finds a candidate of unit u who would have room for it if one
// single case of theirs (not of a group) went to another worker with
// room for it, makes that move, and returns the candidate; -1 when there
// is none. One step of an augmenting path: enough for the first plan,
// which the search then improves.
func makeRoom(p *model.CaseProblem, f *model.CaseFacts, assign []int, load [][3]int, cands, u []int, fits func(int, []int) bool) int {
	for _, s := range cands {
		for c, at := range assign {
			if at != s || p.Cases[c].Group != "" || f.Kept[c] {
				continue
			}
			for m := range 3 {
				load[s][m] -= f.Amount[c][m]
			}
			if fits(s, u) {
				for _, t := range f.Candidates[c] {
					if t != s && fits(t, []int{c}) {
						assign[c] = t
						for m := range 3 {
							load[t][m] += f.Amount[c][m]
						}
						return s
					}
				}
			}
			for m := range 3 {
				load[s][m] += f.Amount[c][m]
			}
		}
	}
	return -1
}
