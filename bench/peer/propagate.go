package peer

// fixer propagates the units of a cardinality model before gophersat sees
// it. gophersat v1.4.0 simplifies cardinality constraints wrongly at load
// time: a constraint with one literal already true is dropped as if
// satisfied even when it needs more (solver/problem.go, simplifyCard), so
// a model must reach it with no unit and no constraint that forces its
// literals. Fixing them here first is also what any preprocessor would do.
type fixer struct {
	val []int8 // val[v] for variable v (1-based): 1 true, -1 false, 0 free
}

// truth returns 1 if lit is true, -1 if false, 0 if free.
func (fx *fixer) truth(lit int) int8 {
	if lit > 0 {
		return fx.val[lit]
	}
	return -fx.val[-lit]
}

func (fx *fixer) set(lit int, true_ bool) {
	v, pos := lit, true
	if lit < 0 {
		v, pos = -lit, false
	}
	if pos == true_ {
		fx.val[v] = 1
	} else {
		fx.val[v] = -1
	}
}

// propagate fixes every literal some row forces, to a fixpoint, and
// returns the rows that still constrain free variables, rewritten over
// them. ok is false when a row cannot hold.
func propagate(m pbModel) (fx *fixer, rows []pbRow, ok bool) {
	fx = &fixer{val: make([]int8, m.nvars+1)}
	for changed := true; changed; {
		changed = false
		for _, r := range m.rows {
			t, u := 0, 0
			for _, l := range r.lits {
				switch fx.truth(l) {
				case 1:
					t++
				case 0:
					u++
				}
			}
			need := r.rhs - t
			var force int8 // 1: all free true, -1: all free false
			switch r.op {
			case opGE:
				if u < need {
					return fx, nil, false
				}
				if need > 0 && u == need {
					force = 1
				}
			case opLE:
				if need < 0 {
					return fx, nil, false
				}
				if need == 0 {
					force = -1
				}
			case opEQ:
				if need < 0 || u < need {
					return fx, nil, false
				}
				if need == 0 {
					force = -1
				} else if u == need {
					force = 1
				}
			}
			if force != 0 && u > 0 {
				for _, l := range r.lits {
					if fx.truth(l) == 0 {
						fx.set(l, force == 1)
					}
				}
				changed = true
			}
		}
	}
	for _, r := range m.rows {
		t := 0
		var free []int
		for _, l := range r.lits {
			switch fx.truth(l) {
			case 1:
				t++
			case 0:
				free = append(free, l)
			}
		}
		need := r.rhs - t
		switch {
		case r.op == opGE && need <= 0, r.op == opLE && len(free) <= need, len(free) == 0:
			continue
		}
		rows = append(rows, pbRow{name: r.name, lits: free, op: r.op, rhs: need})
	}
	return fx, rows, true
}
