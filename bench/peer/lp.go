package peer

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/rostersat/rostersat/model"
)

// Stage is one of the stages of the lexicographic objective. The zero
// Stage is stage 1: minimise the Deviation D. [RequestStage] is the last:
// minimise W. With Period.Classes, [ClassStage] comes between them.
type Stage struct {
	// RequestCost, when set, asks for the last stage: minimise the
	// request cost W with D fixed at Deviation (and K at ClassDeviation,
	// with classes). With Rules.Fairness.Off the deviation is left free
	// and Deviation is ignored.
	RequestCost bool
	// Deviation is the value D is fixed at in the later stages.
	Deviation int
	// Classes, when set, asks for the classes stage: minimise the class
	// deviation K with D fixed at Deviation.
	Classes bool
	// ClassDeviation is the value K is fixed at in the last stage.
	ClassDeviation int
}

// ClassStage fixes D at d and minimises K.
func ClassStage(d int) Stage { return Stage{Classes: true, Deviation: d} }

// RequestClassStage fixes D at d and K at k and minimises W.
func RequestClassStage(d, k int) Stage {
	return Stage{RequestCost: true, Deviation: d, ClassDeviation: k}
}

// DeviationStage is stage 1: minimise D.
func DeviationStage() Stage { return Stage{} }

// RequestStage is stage 2: fix D at d and minimise W.
func RequestStage(d int) Stage { return Stage{RequestCost: true, Deviation: d} }

// String names the stage for logs and file names.
func (st Stage) String() string {
	switch {
	case st.Classes:
		return fmt.Sprintf("classes(D=%d)", st.Deviation)
	case st.RequestCost && st.ClassDeviation > 0:
		return fmt.Sprintf("request-cost(D=%d,K=%d)", st.Deviation, st.ClassDeviation)
	case st.RequestCost:
		return fmt.Sprintf("request-cost(D=%d)", st.Deviation)
	}
	return "deviation"
}

// size counts what an export handed to a solver.
type size struct{ vars, rows int }

// WriteLP writes stage of p as a mixed-integer program in CPLEX LP format,
// the input of CBC, HiGHS, GLPK, SCIP and CPLEX itself. It validates p first
// and writes nothing for an invalid problem.
//
// Variables: x_s_f is binary and means staff[s] is on duty on duty date f
// (both 0-based, in problem order); it exists only when s is available on
// f. D is the integer fairness deviation. A fixed variable one (= 1)
// carries the constant part of the request cost, so that the objective
// value of stage 2 is W itself; a fixed variable zero (= 0) stands in a row
// that has no variables but a right-hand side it cannot meet, so that such
// a problem is reported infeasible rather than rejected by the reader.
//
// Rows: cov_f (exactly c(f) people), unit_i_f and role_i_f (minimums),
// space_s_f and win_i_s_f (at most 1, or Max, duties of s among the duty
// dates from f within 7*Weeks days), lo_s and hi_s (Low(s) - D <= Total(s)
// <= High(s) + D, History.Duties moved to the right-hand side). Pins are
// fixed bounds; in stage 2 so is D.
func WriteLP(w io.Writer, p *model.Problem, stage Stage) error {
	in, err := newInstance(p)
	if err != nil {
		return err
	}
	_, err = in.writeLP(w, stage)
	return err
}

func (in *instance) xname(k int) string {
	c := in.vars[k]
	return "x_" + strconv.Itoa(c.s) + "_" + strconv.Itoa(c.f)
}

// lpWriter writes terms and wraps long lines.
type lpWriter struct {
	*bufio.Writer
	col int
}

func (lw *lpWriter) term(coef int, name string, first bool) {
	if lw.col > 72 {
		lw.WriteString("\n  ")
		lw.col = 2
	}
	var t string
	switch {
	case first && coef == 1:
		t = name
	case first && coef == -1:
		t = "- " + name
	case first:
		t = strconv.Itoa(coef) + " " + name
	case coef == 1:
		t = " + " + name
	case coef == -1:
		t = " - " + name
	case coef < 0:
		t = " - " + strconv.Itoa(-coef) + " " + name
	default:
		t = " + " + strconv.Itoa(coef) + " " + name
	}
	lw.WriteString(t)
	lw.col += len(t)
}

func (lw *lpWriter) line(s string) {
	lw.WriteString(s)
	lw.WriteString("\n")
	lw.col = 0
}

func (lw *lpWriter) start(s string) {
	lw.WriteString(s)
	lw.col = len(s)
}

var opText = [...]string{opGE: " >= ", opLE: " <= ", opEQ: " = "}

func (in *instance) writeLP(w io.Writer, stage Stage) (size, error) {
	lw := &lpWriter{Writer: bufio.NewWriterSize(w, 1<<16)}
	rows, pins := in.hardRows()
	useD := in.fairness || !stage.RequestCost
	useK := in.classes != nil && (stage.Classes || stage.RequestCost)
	name := in.p.Name
	if name == "" {
		name = "(unnamed)"
	}
	lw.line(fmt.Sprintf("\\ rostersat %q, stage %s", name, stage))
	lw.line(fmt.Sprintf("\\ %d staff, %d duty dates, %d variables x_<staff>_<date> (0-based, problem order)", len(in.p.Staff), len(in.dates), len(in.vars)))
	lw.line("Minimize")
	needOne := false
	if stage.RequestCost {
		lw.start(" obj: ")
		first := true
		for k, c := range in.cost {
			if c != 0 {
				lw.term(c, in.xname(k), first)
				first = false
			}
		}
		if in.constant != 0 || first {
			lw.term(in.constant, "one", first)
			needOne = true
		}
		lw.line("")
	} else if stage.Classes {
		lw.line(" obj: K")
	} else {
		lw.line(" obj: D")
	}
	lw.line("Subject To")
	needZero := false
	for _, r := range rows {
		lw.start(" " + r.name + ": ")
		for i, k := range r.vars {
			lw.term(1, in.xname(k), i == 0)
		}
		if len(r.vars) == 0 {
			lw.term(1, "zero", true)
			needZero = true
		}
		lw.line(opText[r.op] + strconv.Itoa(r.rhs))
	}
	nrows := len(rows)
	if useD {
		for _, fr := range in.fairRows() {
			nrows += in.rangeRows(lw, fmt.Sprint(fr.s), fr.vars, "D", fr.lo, fr.hi, "lo_", "hi_")
		}
	}
	if useK {
		for _, cr := range in.classes {
			nrows += in.rangeRows(lw, fmt.Sprintf("%d_%d", cr.k, cr.s), cr.vars, "K", cr.low, cr.high, "clo_", "chi_")
		}
	}
	lw.line("Bounds")
	for _, pn := range pins {
		v := 0
		if pn.work {
			v = 1
		}
		lw.line(fmt.Sprintf(" %s = %d", in.xname(pn.k), v))
	}
	nvars := len(in.vars)
	if useD {
		nvars++
		if stage.RequestCost || stage.Classes {
			lw.line(fmt.Sprintf(" D = %d", stage.Deviation))
		} else {
			lw.line(" D >= 0")
		}
	}
	if useK {
		nvars++
		if stage.RequestCost {
			lw.line(fmt.Sprintf(" K = %d", stage.ClassDeviation))
		} else {
			lw.line(" K >= 0")
		}
	}
	if needOne {
		lw.line(" one = 1")
		nvars++
	}
	if needZero {
		lw.line(" zero = 0")
		nvars++
	}
	if useD || useK {
		lw.line("Generals")
	}
	if useD {
		lw.line(" D")
	}
	if useK {
		lw.line(" K")
	}
	if len(in.vars) > 0 {
		lw.line("Binaries")
		for k := range in.vars {
			lw.line(" " + in.xname(k))
		}
	}
	lw.line("End")
	return size{vars: nvars, rows: nrows}, lw.Flush()
}

// rangeRows writes lo - dev <= sum of vars <= hi + dev as the rows
// loName+id and hiName+id, and returns how many it wrote: sum + dev >= lo
// is slack when lo <= 0, and sum - dev <= hi when the sum cannot exceed
// hi.
func (in *instance) rangeRows(lw *lpWriter, id string, vars []int, dev string, lo, hi int, loName, hiName string) int {
	n := 0
	if lo > 0 {
		lw.start(" " + loName + id + ": ")
		for i, k := range vars {
			lw.term(1, in.xname(k), i == 0)
		}
		lw.term(1, dev, len(vars) == 0)
		lw.line(" >= " + strconv.Itoa(lo))
		n++
	}
	if len(vars) > hi {
		lw.start(" " + hiName + id + ": ")
		for i, k := range vars {
			lw.term(1, in.xname(k), i == 0)
		}
		lw.term(-1, dev, false)
		lw.line(" <= " + strconv.Itoa(hi))
		n++
	}
	return n
}
