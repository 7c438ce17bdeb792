package peer

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/rostersat/rostersat/model"
)

// pbRow is a cardinality constraint over signed literals: variable v
// (1-based) or its negation -v, all with coefficient 1.
type pbRow struct {
	name string
	lits []int
	op   op
	rhs  int
}

// pbTerm is one weighted literal of the objective.
type pbTerm struct {
	coef int
	lit  int
}

// pbModel is one stage of a Problem as pseudo-Boolean constraints.
type pbModel struct {
	nvars    int
	digits   int // unary digits of D (stage 1), variables after the x's
	rows     []pbRow
	obj      []pbTerm
	objConst int // added to the objective's value to give W (stage 2)
}

// pbModel builds stage of the instance. In stage 2 (and in the decision
// problems of the runner) fairness is a pair of cardinality rows per
// person with D fixed; in stage 1, D is written in unary, digits d_1 >= d_2
// >= ..., and minimised as their count. With objective false no objective
// is set (the decision problem "D <= stage.Deviation").
func (in *instance) pbModel(stage Stage, objective bool) pbModel {
	m := pbModel{nvars: len(in.vars)}
	rows, pins := in.hardRows()
	zero := 0
	for _, r := range rows {
		pr := pbRow{name: r.name, op: r.op, rhs: r.rhs}
		if len(r.vars) == 0 {
			// 0 op rhs fails: stand in "z >= 2", which no 0/1 z meets.
			if zero == 0 {
				m.nvars++
				zero = m.nvars
			}
			pr.lits, pr.op, pr.rhs = []int{zero}, opGE, 2
		} else {
			pr.lits = make([]int, len(r.vars))
			for i, k := range r.vars {
				pr.lits[i] = k + 1
			}
		}
		m.rows = append(m.rows, pr)
	}
	for _, pn := range pins {
		lit := pn.k + 1
		name := fmt.Sprintf("pin_x%d", lit)
		if !pn.work {
			lit = -lit
		}
		m.rows = append(m.rows, pbRow{name: name, lits: []int{lit}, op: opGE, rhs: 1})
	}
	lits := func(vars []int, extra ...int) []int {
		out := make([]int, 0, len(vars)+len(extra))
		for _, k := range vars {
			out = append(out, k+1)
		}
		return append(out, extra...)
	}
	switch {
	case stage.RequestCost && in.fairness:
		d := stage.Deviation
		for _, fr := range in.fairRows() {
			if fr.lo-d > 0 {
				m.rows = append(m.rows, pbRow{name: fmt.Sprintf("lo_%d", fr.s), lits: lits(fr.vars), op: opGE, rhs: fr.lo - d})
			}
			if len(fr.vars) > fr.hi+d {
				m.rows = append(m.rows, pbRow{name: fmt.Sprintf("hi_%d", fr.s), lits: lits(fr.vars), op: opLE, rhs: fr.hi + d})
			}
		}
	case !stage.RequestCost:
		_, k := in.deviationRange()
		m.digits = k
		first := m.nvars + 1
		m.nvars += k
		digits := make([]int, k)
		negDigits := make([]int, k)
		for j := range digits {
			digits[j] = first + j
			negDigits[j] = -(first + j)
		}
		for j := 0; j+1 < k; j++ {
			m.rows = append(m.rows, pbRow{name: fmt.Sprintf("d_%d", j+2), lits: []int{digits[j], -digits[j+1]}, op: opGE, rhs: 1})
		}
		for _, fr := range in.fairRows() {
			if fr.lo > 0 {
				m.rows = append(m.rows, pbRow{name: fmt.Sprintf("lo_%d", fr.s), lits: lits(fr.vars, digits...), op: opGE, rhs: fr.lo})
			}
			if len(fr.vars) > fr.hi {
				// sum - D <= hi, with -D = (number of false digits) - k.
				m.rows = append(m.rows, pbRow{name: fmt.Sprintf("hi_%d", fr.s), lits: lits(fr.vars, negDigits...), op: opLE, rhs: fr.hi + k})
			}
		}
		if objective {
			for _, v := range digits {
				m.obj = append(m.obj, pbTerm{coef: 1, lit: v})
			}
		}
	}
	if stage.RequestCost && objective {
		m.objConst = in.constant
		for k, c := range in.cost {
			switch {
			case c > 0:
				m.obj = append(m.obj, pbTerm{coef: c, lit: k + 1})
			case c < 0:
				// c·x = |c|·(1-x) + c
				m.obj = append(m.obj, pbTerm{coef: -c, lit: -(k + 1)})
				m.objConst += c
			}
		}
	}
	return m
}

// WriteOPB writes stage of p as a pseudo-Boolean optimisation problem in
// the OPB format of the Pseudo-Boolean Competition, which gophersat,
// RoundingSat, Sat4j and clasp read. It validates p first and writes
// nothing for an invalid problem.
//
// Variable x<k+1> is the k-th available person-date, staff-major; comment
// lines "* map" give each its staff ID and date. Every hard rule is a
// cardinality constraint (a "<=" row is written negated, as OPB has only
// ">=" and "="); a pin is a unit constraint. In stage 1 the deviation D is
// written in unary with ordered digits and the objective is their count; in
// stage 2 D is fixed at stage.Deviation, fairness becomes two cardinality
// constraints per person, and the objective is the request cost less a
// constant written in a comment ("* W = objective + c"), as OPB objectives
// have no constant term. A rule that cannot hold at all (nobody available
// for a demand) is written "+1 x<z> >= 2", which no 0/1 value meets.
func WriteOPB(w io.Writer, p *model.Problem, stage Stage) error {
	in, err := newInstance(p)
	if err != nil {
		return err
	}
	if in.classes != nil {
		return fmt.Errorf("peer: the pseudo-Boolean model has no classes stage; WriteLP has")
	}
	return in.writeOPB(w, in.pbModel(stage, true), stage)
}

func (in *instance) writeOPB(w io.Writer, m pbModel, stage Stage) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "* #variable= %d #constraint= %d\n", m.nvars, len(m.rows))
	name := in.p.Name
	if name == "" {
		name = "(unnamed)"
	}
	fmt.Fprintf(bw, "* rostersat %q, stage %s\n", name, stage)
	if stage.RequestCost {
		fmt.Fprintf(bw, "* W = objective + %d\n", m.objConst)
	} else {
		fmt.Fprintf(bw, "* D = objective, digits x%d..x%d\n", len(in.vars)+1, len(in.vars)+m.digits)
	}
	for k, c := range in.vars {
		fmt.Fprintf(bw, "* map x%d %q %s\n", k+1, in.p.Staff[c.s].ID, in.dates[c.f])
	}
	if len(m.obj) > 0 {
		bw.WriteString("min:")
		for _, t := range m.obj {
			bw.WriteString(" +" + strconv.Itoa(t.coef) + " " + litText(t.lit))
		}
		bw.WriteString(" ;\n")
	}
	for _, r := range m.rows {
		bw.WriteString("* " + r.name + "\n")
		sign, rhs, rel := "+1 ", r.rhs, " >= "
		switch r.op {
		case opLE:
			sign, rhs = "-1 ", -r.rhs
		case opEQ:
			rel = " = "
		}
		for i, l := range r.lits {
			if i > 0 {
				bw.WriteByte(' ')
			}
			bw.WriteString(sign + litText(l))
		}
		bw.WriteString(rel + strconv.Itoa(rhs) + " ;\n")
	}
	return bw.Flush()
}

func litText(l int) string {
	if l < 0 {
		return "~x" + strconv.Itoa(-l)
	}
	return "x" + strconv.Itoa(l)
}
