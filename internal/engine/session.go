package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/irifrance/gini"
	"github.com/irifrance/gini/z"
)

// Outcome is the answer of one SAT call.
type Outcome int

// The outcomes of [Session.Solve].
const (
	Unknown Outcome = iota // cancelled before an answer
	Sat
	Unsat
)

// ErrUnsafe says that a session may no longer be solved: gini v1.0.1 ends
// the host process (log.Fatalf) on a second Solve of a formula that is
// unsatisfiable without assumptions (defect #1 in doc.go). The caller
// builds a fresh session instead.
var ErrUnsafe = errors.New("engine: the session is unsafe to solve again")

// Session owns one gini instance and is the only code that calls it. It
// walls off gini's defects:
//   - #1: gini ends the process on a second Solve of a formula that is
//     unsatisfiable without assumptions. Encoders guard every rule clause
//     with a literal that is assumed (see [Guarded]) and make it a unit
//     clause only once a model shows it satisfiable, so the formula alone
//     is always satisfiable and every UNSAT depends on assumptions; they
//     say so with [Session.Satisfiable]. As a second wall, a session not
//     built that way refuses to solve again after an UNSAT that may not
//     depend on the assumptions;
//   - #2: Try is never used; cancellation goes through GoSolve and Stop;
//   - #4: a session belongs to one goroutine.
//
// A Session is a [card.Sink] and a [card.Hinter], so encodings write
// straight into it.
type Session struct {
	g       *gini.Gini
	vars    int
	clauses int
	open    bool // a clause is being added

	solves    int
	solveTime time.Duration

	hint []int8  // per variable: +1 when its positive literal is the preferred value
	pool []z.Lit // variables made in advance; see Reserve

	sat         bool // some call answered SAT
	satisfiable bool // the formula alone is satisfiable by construction
	suspect     bool // UNSAT under assumptions before any SAT: the formula alone may be UNSAT
	dead        bool // UNSAT without assumptions
	why         []z.Lit
}

// New returns a session with gini's variable and clause stores made to
// measure (vars and clauses are estimates; growing them one variable at
// a time showed as a tenth of the time on small problems).
func New(vars, clauses int) *Session {
	return &Session{g: gini.NewVc(max(vars, 16), max(clauses, 16)), hint: make([]int8, 0, vars+1)}
}

// Satisfiable declares that the formula without assumptions is
// satisfiable by construction (every clause that could clash carries a
// guard), so that an UNSAT before the first SAT does not make the session
// suspect.
func (s *Session) Satisfiable() { s.satisfiable = true }

// Lit returns a fresh literal; gini creates variables only through it
// (defect #6 in doc.go).
func (s *Session) Lit() z.Lit {
	if n := len(s.pool); n > 0 {
		m := s.pool[n-1]
		s.pool = s.pool[:n-1]
		return m
	}
	s.vars++
	return s.g.Lit()
}

// Reserve makes n variables now for later Lit calls. gini re-derives every
// variable's phase from literal counts whenever the number of variables
// has grown since the last solve (internal/xo phases.init), which throws
// away the phases saved from the last model; encodings added between
// solves from a reserve leave the count, and so the saved phases, alone.
func (s *Session) Reserve(n int) {
	made := make([]z.Lit, 0, n)
	for range n {
		s.vars++
		made = append(made, s.g.Lit())
	}
	slices.Reverse(made) // hand them out in creation order
	s.pool = append(made, s.pool...)
}

// HintedLit returns a fresh literal whose positive polarity is v's; the
// counters built on top of it then record, through Hint, the value they
// have under the preferred inputs.
func (s *Session) HintedLit(v bool) z.Lit {
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
func (s *Session) Hint(m z.Lit) int8 {
	if int(m.Var()) >= len(s.hint) || s.hint[m.Var()] == 0 {
		return 0
	}
	if m.IsPos() {
		return 1
	}
	return -1
}

// Add adds a literal of the current clause, or ends it on z.LitNull.
func (s *Session) Add(m z.Lit) {
	if m == z.LitNull {
		if !s.open {
			// Never hand gini an empty clause; say it with a fresh variable.
			v := s.Lit()
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

// Solve runs one SAT call under the assumptions. It returns Unknown and
// ctx's error when ctx ends first. After Unsat, Failed holds the failed
// assumptions.
func (s *Session) Solve(ctx context.Context, assumptions []z.Lit) (Outcome, error) {
	if s.dead || s.suspect {
		return Unknown, ErrUnsafe
	}
	if err := ctx.Err(); err != nil {
		return Unknown, err
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
		return Sat, nil
	case -1:
		s.why = s.g.Why(s.why[:0])
		switch {
		case len(s.why) == 0:
			s.dead = true
		case !s.sat && !s.satisfiable:
			s.suspect = true
		}
		return Unsat, nil
	}
	if err := ctx.Err(); err != nil {
		return Unknown, err
	}
	return Unknown, fmt.Errorf("engine: gini answered unknown (%d) to a call nobody cancelled", r)
}

// cancellable runs Solve in gini's own goroutine and stops it when ctx
// ends. It polls rather than blocking in Wait, because gini's Wait holds
// the lock that Stop needs.
func (s *Session) cancellable(ctx context.Context) int {
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

// Value reads m in the model of the last SAT answer.
func (s *Session) Value(m z.Lit) bool { return s.g.Value(m) }

// Failed returns the failed assumptions of the last UNSAT answer. The
// slice is reused by the next call.
func (s *Session) Failed() []z.Lit { return s.why }

// Dead reports whether the session proved its formula unsatisfiable
// without assumptions; it then refuses every further call.
func (s *Session) Dead() bool { return s.dead }

// Stats counts what the session handed to gini and how long gini took.
type Stats struct {
	Variables, Clauses, Solves int
	SolveTime                  time.Duration
}

// Stats returns the session's counts so far.
func (s *Session) Stats() Stats {
	return Stats{Variables: s.vars, Clauses: s.clauses, Solves: s.solves, SolveTime: s.solveTime}
}
