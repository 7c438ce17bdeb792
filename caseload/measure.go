package caseload

import "github.com/rostersat/rostersat/model"

// score is the four measures of an assignment, by the definitions.
type score struct {
	moves, balance, deviation, spread, near, affinity int
}

// of returns the measure of a level.
func (sc score) of(kind model.LevelKind) int {
	switch kind {
	case model.LevelMoves:
		return sc.moves
	case model.LevelBalance:
		return sc.balance
	case model.LevelSpread:
		return sc.spread
	case model.LevelDeadlines:
		return sc.near
	}
	return sc.affinity
}

// loads is what each worker carries under an assignment: per pool and
// pool member the three measures, and per worker the near
// investigations.
type loads struct {
	pool  [][][3]int
	near  []int
	worst [][3]int // per pool and measure: D(u, m)
}

// measureOf scores an assignment (a worker per case, -1 for none).
func measureOf(p *model.CaseProblem, f *model.CaseFacts, pl *places, assign []int) (score, loads) {
	var sc score
	l := loads{pool: make([][][3]int, len(f.Pools)), near: make([]int, len(p.Staff))}
	for k, pool := range f.Pools {
		l.pool[k] = make([][3]int, len(pool.Staff))
	}
	for c, s := range assign {
		if s < 0 {
			continue
		}
		if cur := f.Current[c]; cur >= 0 && cur != s {
			sc.moves++
		}
		if k := index(f.Candidates[c], s); k >= 0 {
			sc.affinity += f.Costs[c][k]
		}
		if f.Near[c] {
			l.near[s]++
			sc.near = max(sc.near, l.near[s])
		}
		k := pl.pool[p.Cases[c].Unit]
		if j := pl.at(k, s); j >= 0 {
			for m := range 3 {
				l.pool[k][j][m] += f.Amount[c][m]
			}
		}
	}
	l.worst = make([][3]int, len(f.Pools))
	for k, pool := range f.Pools {
		for j := range pool.Staff {
			for m := range 3 {
				load := l.pool[k][j][m]
				dev := max(0, pool.Low[m][j]-load, load-pool.High[m][j])
				l.worst[k][m] = max(l.worst[k][m], dev)
				sc.spread += dev
			}
		}
		for _, d := range l.worst[k] {
			sc.balance += d
			sc.deviation = max(sc.deviation, d)
		}
	}
	return sc, l
}

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
