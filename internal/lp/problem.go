package lp

import (
	"fmt"
	"slices"
)

// Sense says how a row's left-hand side a·x relates to its right-hand
// side b.
type Sense int8

const (
	// AtMost is a·x <= b.
	AtMost Sense = iota
	// AtLeast is a·x >= b.
	AtLeast
	// Equal is a·x = b.
	Equal
)

// String names the sense as it is written.
func (s Sense) String() string {
	switch s {
	case AtMost:
		return "<="
	case AtLeast:
		return ">="
	case Equal:
		return "="
	}
	return fmt.Sprintf("Sense(%d)", int8(s))
}

// Term is Coef times variable Var.
type Term struct {
	Var  int
	Coef float64
}

// Problem is minimise c·x subject to its rows and x >= 0. The zero
// value is an empty problem; variables and rows are added one at a time.
type Problem struct {
	cost []float64
	rows []row
}

type row struct {
	terms []Term // by variable, no variable twice, no zero coefficient
	sense Sense
	rhs   float64
}

// AddVar adds a variable x_j >= 0 with cost c_j and returns j.
func (p *Problem) AddVar(cost float64) int {
	p.cost = append(p.cost, cost)
	return len(p.cost) - 1
}

// AddRow adds the row Σ terms (sense) rhs and returns its index. Terms
// of one variable are added up; the caller's slice is not kept. A term
// of a variable not added yet is an error.
func (p *Problem) AddRow(sense Sense, rhs float64, terms []Term) (int, error) {
	if sense < AtMost || sense > Equal {
		return 0, fmt.Errorf("lp: row %d: unknown sense %d", len(p.rows), sense)
	}
	ts := slices.Clone(terms)
	for _, t := range ts {
		if t.Var < 0 || t.Var >= len(p.cost) {
			return 0, fmt.Errorf("lp: row %d: variable %d of %d", len(p.rows), t.Var, len(p.cost))
		}
	}
	slices.SortStableFunc(ts, func(a, b Term) int { return a.Var - b.Var })
	out := ts[:0]
	for _, t := range ts {
		if n := len(out); n > 0 && out[n-1].Var == t.Var {
			out[n-1].Coef += t.Coef
			continue
		}
		out = append(out, t)
	}
	kept := out[:0]
	for _, t := range out {
		if t.Coef != 0 {
			kept = append(kept, t)
		}
	}
	p.rows = append(p.rows, row{terms: kept, sense: sense, rhs: rhs})
	return len(p.rows) - 1, nil
}

// NumVars is the number of variables.
func (p *Problem) NumVars() int { return len(p.cost) }

// NumRows is the number of rows.
func (p *Problem) NumRows() int { return len(p.rows) }
