package solver

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/z"
)

// outcome is the answer of one SAT call.
type outcome int

const (
	unknown outcome = iota // cancelled before an answer
	sat
	unsat
)

// errUnsafe says that the session may no longer be solved: gini v1.0.1
// ends the host process (log.Fatalf) on a second Solve of a formula that
// is unsatisfiable without assumptions (shared/GINI.md #1). The caller
// builds a fresh session instead.
var errUnsafe = errors.New("solver session is unsafe to solve again")

// session owns one gini instance and is the only code that calls it. It
// walls off gini's defects:
//   - #1: gini ends the process on a second Solve of a formula that is
//     unsatisfiable without assumptions. The encoder guards every rule
//     clause with a literal that is assumed (see guarded), and made a unit
//     clause only once a model shows the rules satisfiable, so the formula
//     alone is always satisfiable and every UNSAT depends on assumptions. As a second wall, a session not built that way
//     refuses to solve again after an UNSAT that may not depend on the
//     assumptions (dead or suspect below);
//   - #2: Try is never used; cancellation goes through GoSolve and Stop;
//   - #4: a session belongs to one Solve call and one goroutine.
type session struct {
	g       *gini.Gini
	vars    int
	clauses int
	open    bool // a clause is being added

	solves    int
	solveTime time.Duration

	hint []int8  // per variable: +1 when its positive literal is the preferred value
	pool []z.Lit // variables made in advance; see reserve

	sat         bool // some call answered SAT
	satisfiable bool // the formula alone is satisfiable by construction
	suspect     bool // UNSAT under assumptions before any SAT: the formula alone may be UNSAT
	dead        bool // UNSAT without assumptions: no schedule exists
	why         []z.Lit
}

func newSession() *session { return &session{g: gini.New()} }

// newSessionSized is newSession with gini's variable and clause stores
// made to measure: growing them one variable at a time showed as a tenth of
// the time on small offices.
func newSessionSized(vars, clauses int) *session {
	return &session{g: gini.NewVc(vars, clauses), hint: make([]int8, 0, vars+1)}
}

// Lit returns a fresh literal; gini creates variables only through it
// (GINI.md #6).
func (s *session) Lit() z.Lit {
	if n := len(s.pool); n > 0 {
		m := s.pool[n-1]
		s.pool = s.pool[:n-1]
		return m
	}
	s.vars++
	return s.g.Lit()
}

// reserve makes n variables now for later Lit calls. gini re-derives every
// variable's phase from literal counts whenever the number of variables
// has grown since the last solve (internal/xo phases.init), which throws
// away the phases saved from the last model; encodings added between
// solves from a reserve leave the count, and so the saved phases, alone.
func (s *session) reserve(n int) {
	for range n {
		s.vars++
		s.pool = append(s.pool, s.g.Lit())
	}
	slices.Reverse(s.pool) // hand them out in creation order
}

// HintedLit returns a fresh literal whose positive polarity is v's; the
// counters built on top of it then record, through Hint, the value they
// have under the warm start, which the first solve assumes.
func (s *session) HintedLit(v bool) z.Lit {
	m := s.Lit()
	for int(m.Var()) >= len(s.hint) {
		s.hint = append(s.hint, 0)
	}
	s.hint[m.Var()] = 1
	if !v {
		return m.Not()
	}
	return m
}

// Hint returns the preferred value of m: +1 true, -1 false, 0 none.
func (s *session) Hint(m z.Lit) int8 {
	if int(m.Var()) >= len(s.hint) || s.hint[m.Var()] == 0 {
		return 0
	}
	if m.IsPos() {
		return 1
	}
	return -1
}

// Add adds a literal of the current clause, or ends it on z.LitNull.
func (s *session) Add(m z.Lit) {
	if m == z.LitNull {
		if !s.open {
			// Never hand gini an empty clause; say it with a fresh variable.
			v := s.g.Lit()
			s.vars++
			s.g.Add(v)
			s.g.Add(z.LitNull)
			s.g.Add(v.Not())
			s.clauses++
		}
		s.clauses++
		s.open = false
	} else {
		s.open = true
	}
	s.g.Add(m)
}

// pollStart and pollMax bound the interval at which a cancellable solve
// checks for its answer: short at first, so small problems lose nothing,
// longer later, so large ones spend nothing on polling.
const (
	pollStart = 20 * time.Microsecond
	pollMax   = 5 * time.Millisecond
)

// solve runs one SAT call under the assumptions. It returns unknown and
// ctx's error when ctx ends first. After unsat, failed() holds the failed
// assumptions.
func (s *session) solve(ctx context.Context, assumptions []z.Lit) (outcome, error) {
	if s.dead || s.suspect {
		return unknown, errUnsafe
	}
	if err := ctx.Err(); err != nil {
		return unknown, err
	}
	start := time.Now()
	s.solves++
	s.g.Assume(assumptions...)
	var r int
	if ctx.Done() == nil {
		r = s.g.Solve()
	} else {
		r = s.cancellable(ctx)
	}
	s.solveTime += time.Since(start)
	switch r {
	case 1:
		s.sat = true
		return sat, nil
	case -1:
		s.why = s.g.Why(s.why[:0])
		switch {
		case len(s.why) == 0:
			s.dead = true
		case !s.sat && !s.satisfiable:
			s.suspect = true
		}
		return unsat, nil
	}
	if err := ctx.Err(); err != nil {
		return unknown, err
	}
	return unknown, context.Canceled
}

// cancellable runs Solve in gini's own goroutine and stops it when ctx
// ends. It polls rather than blocking in Wait, because gini's Wait holds
// the lock that Stop needs.
func (s *session) cancellable(ctx context.Context) int {
	h := s.g.GoSolve()
	wait := pollStart
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		if r, done := h.Test(); done {
			return r
		}
		select {
		case <-ctx.Done():
			return h.Stop()
		case <-timer.C:
			wait = min(2*wait, pollMax)
			timer.Reset(wait)
		}
	}
}

// value reads m in the model of the last SAT answer.
func (s *session) value(m z.Lit) bool { return s.g.Value(m) }

// failed returns the failed assumptions of the last UNSAT answer.
func (s *session) failed() []z.Lit { return s.why }
