package solver

import (
	"cmp"
	"slices"
)

// dateScope indexes each date's rule instances (all but coverage, which a
// move never changes) by whom they concern: a unit, a role, one person,
// or the whole date. A move of two people changes only the instances of
// their units, roles and selves and the whole date's, so a move's cost
// need sum only those: the rest add the same before and after. At 20,000
// staff in 800 units a date has 800 unit minimums, and summing them all
// on every tried move was half of a 60 s solve.
type dateScope struct {
	keyed [][]scoped // per date, sorted by key
	whole [][]int    // per date, the instances that concern everyone on it
	keys  []int      // scratch: the keys of the people moved
}

// scoped is one instance and the key of whom it concerns.
type scoped struct{ key, rule int }

func newDateScope(in *instance, dated [][]int) dateScope {
	ds := dateScope{keyed: make([][]scoped, len(dated)), whole: make([][]int, len(dated))}
	units, roles := len(in.unitMin), len(in.roleMin)
	for f, rs := range dated {
		for _, i := range rs {
			switch r := in.rules.all[i].(type) {
			case *unitAtLeast:
				ds.keyed[f] = append(ds.keyed[f], scoped{r.u, i})
			case *unitAtMost:
				ds.keyed[f] = append(ds.keyed[f], scoped{r.u, i})
			case *roleAtLeast:
				ds.keyed[f] = append(ds.keyed[f], scoped{units + r.r, i})
			case *pin:
				ds.keyed[f] = append(ds.keyed[f], scoped{units + roles + r.s, i})
			default:
				ds.whole[f] = append(ds.whole[f], i)
			}
		}
		slices.SortStableFunc(ds.keyed[f], func(a, b scoped) int { return cmp.Compare(a.key, b.key) })
	}
	return ds
}

// moveCost is the breach of the instances on date f that concern a or b.
func (r *repairer) moveCost(f, a, b int) cost {
	in, ds := r.in, &r.scope
	units, roles := len(in.unitMin), len(in.roleMin)
	ds.keys = ds.keys[:0]
	for _, s := range [2]int{a, b} {
		if u := in.unitOf[s]; u >= 0 {
			ds.keys = append(ds.keys, u)
		}
		for _, ro := range in.roleOf[s] {
			ds.keys = append(ds.keys, units+ro)
		}
		ds.keys = append(ds.keys, units+roles+s)
	}
	slices.Sort(ds.keys)
	ds.keys = slices.Compact(ds.keys) // a shared unit or role counts once
	n := 0
	for _, i := range ds.whole[f] {
		n += in.rules.all[i].breach(&r.tally)
	}
	row := ds.keyed[f]
	for _, k := range ds.keys {
		j, _ := slices.BinarySearchFunc(row, k, func(e scoped, k int) int { return cmp.Compare(e.key, k) })
		for ; j < len(row) && row[j].key == k; j++ {
			n += in.rules.all[row[j].rule].breach(&r.tally)
		}
	}
	return cost{hard: n}
}
