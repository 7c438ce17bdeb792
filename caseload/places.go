package caseload

import "github.com/rostersat/rostersat/model"

// places finds a worker's place in a pool. A worker is in at most two
// pools, their unit's and the whole office's, so it keeps two numbers a
// worker instead of a table of pools by workers.
type places struct {
	pool          map[string]int // unit to pool
	unit          []string       // per pool
	inUnit, inAll []int          // per worker: place in their unit's pool and in the office's, -1 if none
	staffUnit     []string
}

func placesOf(p *model.CaseProblem, f *model.CaseFacts) *places {
	pl := &places{pool: map[string]int{}, inUnit: make([]int, len(p.Staff)), inAll: make([]int, len(p.Staff))}
	for s := range p.Staff {
		pl.inUnit[s], pl.inAll[s] = -1, -1
		pl.staffUnit = append(pl.staffUnit, p.Staff[s].Unit)
	}
	for k, pool := range f.Pools {
		pl.pool[pool.Unit] = k
		pl.unit = append(pl.unit, pool.Unit)
		for j, s := range pool.Staff {
			if pool.Unit == "" {
				pl.inAll[s] = j
			} else {
				pl.inUnit[s] = j
			}
		}
	}
	return pl
}

// at returns worker s's place in pool k, -1 when not in it.
func (pl *places) at(k, s int) int {
	switch {
	case pl.unit[k] == "":
		return pl.inAll[s]
	case pl.staffUnit[s] == pl.unit[k]:
		return pl.inUnit[s]
	}
	return -1
}
