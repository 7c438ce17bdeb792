package solver

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
)

// Plan is a rota kept ready for the questions a scheduler asks every day:
// can two people swap dates, who can stand in for someone, can someone
// take leave and what changes if so. It holds the problem, the rota and
// one engine session with every rule instance encoded; each question is
// a few assumptions on that session, or a count on the rota, never a
// solve from scratch.
//
// The answers are those of the re-plan of the rota: the problem with the
// rota as its baseline (frozen as the problem's own baseline is, if it has
// one) and changes as the first level, then the problem's other levels.
// A Plan answers one question at a time; it is safe to share between
// goroutines, which then take turns.
type Plan struct {
	mu  sync.Mutex
	p   *model.Problem  // the re-plan: the rota as baseline, changes first
	cur *model.Schedule // the rota the questions start from
	on  [][]bool        // cur as a grid
	in  *instance       // of p
	e   *encoding       // the session, with every rule instance of p
	cfg config
	// asked counts the questions on the session: each leaves definitions
	// behind, so after maxQuestions the session is built anew.
	asked int
}

// maxQuestions bounds the questions one session answers before it is
// built anew. Each question leaves definitions and learnt clauses behind
// that every later call propagates: measured on the Värmdö office, the
// 30th question on one session took three times as long as the first.
const maxQuestions = 8

// Answer is the answer to a what-if question.
type Answer struct {
	// Yes says whether it can be done and every hard rule still hold.
	Yes bool
	// Schedule is the rota that results when Yes, with its objective
	// levels (changes first, counted from the plan's rota); nil when not.
	Schedule *model.Schedule
	// Diff is what changes from the plan's rota when Yes.
	Diff model.Diff
	// Reasons are, when not, the rule instances that stand in the way, in
	// the scheduler's words (for a question that needs a search, a
	// minimal set that clashes).
	Reasons []Reason
	// Unavailable says, when not, who cannot work a date the question
	// puts them on, and why.
	Unavailable []string
}

// Replacement is someone who can take a person's duty on a date.
type Replacement struct {
	Staff string
	Name  string
	// Cost is what the move adds to the request cost (negative when it
	// meets more requests than it breaks).
	Cost int
	// Duties is the replacement's Total after the move; Share, Low and
	// High their share and its range.
	Duties    int
	Share     float64
	Low, High int
}

// QuestionError says that a question does not fit the plan: an unknown
// person or date, or someone not on duty where the question has them.
// Question names the argument, Value its value.
type QuestionError struct {
	Question string
	Value    any
	Msg      string
}

func (e *QuestionError) Error() string {
	return fmt.Sprintf("solver: %s = %v: %s", e.Question, e.Value, e.Msg)
}

// NewPlan keeps the schedule s of p ready for questions. s must have a
// rota that model.Check accepts for p. Building the session takes about as
// long as encoding p for Solve; each question then takes milliseconds on
// an office of a hundred.
func NewPlan(ctx context.Context, p *model.Problem, s *model.Schedule, opts ...Option) (pl *Plan, err error) {
	defer walled(&err, func() { pl = nil })
	if p == nil || s == nil {
		return nil, errors.New("solver: NewPlan needs a problem and its schedule")
	}
	if err := p.ValidateContext(ctx); err != nil {
		return nil, fmt.Errorf("solver: invalid problem: %w", err)
	}
	if s.Status != model.Optimal && s.Status != model.Feasible {
		return nil, &QuestionError{Question: "schedule.status", Value: s.Status, Msg: "the schedule has no rota"}
	}
	if vs := model.Check(p, s); len(vs) > 0 {
		return nil, &QuestionError{Question: "schedule", Value: fmt.Sprintf("%d violations", len(vs)), Msg: "the schedule breaks the problem's rules, first: " + vs[0].String()}
	}
	pl = &Plan{cur: s}
	for _, o := range opts {
		o(&pl.cfg)
	}
	pl.p = replanOf(p, s)
	if err := pl.p.ValidateContext(ctx); err != nil {
		return nil, &InternalError{Msg: "the re-plan of a checked schedule is invalid", Err: err}
	}
	if err := pl.build(ctx); err != nil {
		return nil, err
	}
	return pl, nil
}

// replanOf is p with the rota of s as its baseline, frozen as p's own
// baseline is, and changes as the first level.
func replanOf(p *model.Problem, s *model.Schedule) *model.Problem {
	q := *p
	var frozen model.Date
	var near []model.NearWeight
	if p.Baseline != nil {
		frozen, near = p.Baseline.FrozenUntil, p.Baseline.Near
	}
	q.Baseline = s.Baseline(frozen)
	q.Baseline.Near = near
	if len(p.Rules.Objective) > 0 {
		q.Rules.Objective = []model.LevelKind{model.LevelChanges}
		for _, k := range p.Rules.Objective {
			if k != model.LevelChanges {
				q.Rules.Objective = append(q.Rules.Objective, k)
			}
		}
	}
	return &q
}

// build makes the plan's instance and session.
func (pl *Plan) build(ctx context.Context) error {
	h := &halt{ctx: ctx}
	pl.in = buildInstance(pl.p, h)
	if pl.in == nil {
		return ctx.Err()
	}
	pl.on = grid[bool](len(pl.p.Staff), len(pl.in.dates))
	for f, r := range pl.cur.Dates {
		for _, id := range r.Staff {
			pl.on[pl.in.staffAt[id]][f] = true
		}
	}
	if pl.cfg.budget <= 0 {
		pl.cfg.budget = DefaultMemoryBudget(len(pl.p.Staff), len(pl.in.dates))
	}
	if need := encodingEstimate(pl.in); need > pl.cfg.budget {
		return &BudgetError{Budget: pl.cfg.budget, Estimate: need}
	}
	e := newEncoding(pl.in, encodeOptions{hint: pl.on})
	e.groupCuts(func(s int) int { return pl.in.cap[s] })
	if h.stopped() {
		return ctx.Err()
	}
	e.ses.Reserve(reserveFor(pl.in))
	pl.e, pl.asked = e, 0
	return nil
}

// Swap asks whether a, on duty on x, and b, on duty on y, can swap: a
// works y and b works x, nothing else changes.
func (pl *Plan) Swap(ctx context.Context, a string, x model.Date, b string, y model.Date) (*Answer, error) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	sa, fx, err := pl.onDuty("a", a, "x", x, true)
	if err != nil {
		return nil, err
	}
	sb, fy, err := pl.onDuty("b", b, "y", y, true)
	if err != nil {
		return nil, err
	}
	if _, _, err := pl.onDuty("a", a, "y", y, false); err != nil {
		return nil, err
	}
	if _, _, err := pl.onDuty("b", b, "x", x, false); err != nil {
		return nil, err
	}
	return pl.moved(ctx, []step{{sa, fx, false}, {sb, fy, false}, {sa, fy, true}, {sb, fx, true}})
}

// Replacements returns who can take a's duty on x in a's place, with
// nothing else changing, every hard rule kept and the rota's fairness
// deviation no higher than now: cheapest first (by the request cost the
// move adds), then those furthest below their share, then in staff order.
// Shares stay those of the problem: to record that a is away, and let
// the rota change further, ask Leave.
func (pl *Plan) Replacements(ctx context.Context, a string, x model.Date) ([]Replacement, error) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	sa, f, err := pl.onDuty("a", a, "x", x, true)
	if err != nil {
		return nil, err
	}
	in := pl.in
	t := pl.tally()
	d, _ := evaluate(in, pl.on)
	t.put(sa, f, false)
	var out []Replacement
	for sb := range in.p.Staff {
		if sb%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if sb == sa || t.on[sb][f] || !in.free(sb, f) {
			continue
		}
		t.put(sb, f, true)
		ok := in.deviation(sa, t.count[sa]) <= d && in.deviation(sb, t.count[sb]) <= d &&
			len(breaches(in, &t, []int{f}, []int{sa, sb})) == 0
		t.put(sb, f, false)
		if !ok {
			continue
		}
		st := in.p.Staff[sb]
		cost := in.costTrue[sb][f] - in.costFalse[sb][f] + in.costFalse[sa][f] - in.costTrue[sa][f]
		out = append(out, Replacement{Staff: st.ID, Name: st.DisplayName(), Cost: cost, Duties: in.hist[sb] + t.count[sb] + 1,
			Share: in.share[sb], Low: in.lo[sb], High: in.hi[sb]})
	}
	slices.SortStableFunc(out, func(p, q Replacement) int {
		if p.Cost != q.Cost {
			return p.Cost - q.Cost
		}
		dp, dq := float64(p.Duties)-p.Share, float64(q.Duties)-q.Share
		switch {
		case dp < dq:
			return -1
		case dp > dq:
			return 1
		}
		return 0
	})
	return out, nil
}

// Leave asks whether the absence can be granted: the person is away
// from First to Last, and the rota is re-planned with the fewest changes
// from the plan's rota, then the problem's other levels. The answer is
// the re-plan's, the same a Solve of the problem with the absence added
// and the plan's rota as baseline would give.
func (pl *Plan) Leave(ctx context.Context, absence model.Absence) (ans *Answer, err error) {
	defer walled(&err, func() { ans = nil })
	pl.mu.Lock()
	defer pl.mu.Unlock()
	start := time.Now()
	if _, ok := pl.in.staffAt[absence.Staff]; !ok {
		return nil, &QuestionError{Question: "absence.staff", Value: absence.Staff, Msg: "unknown staff"}
	}
	// A frozen date has happened: the leave cannot take anyone off it.
	var frozenOn []Reason
	sa := pl.in.staffAt[absence.Staff]
	for f, fr := range pl.in.facts.Frozen {
		if d := pl.in.dates[f]; fr && pl.on[sa][f] && !d.Before(absence.First) && !d.After(absence.Last) {
			frozenOn = append(frozenOn, frozen{f}.reason(pl.in))
		}
	}
	if frozenOn != nil {
		return &Answer{Reasons: frozenOn}, nil
	}
	q := *pl.p
	q.Absences = append(slices.Clip(pl.p.Absences), absence)
	if err := q.ValidateContext(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &QuestionError{Question: "absence", Value: absence, Msg: err.Error()}
	}
	if pl.asked >= maxQuestions {
		if err := pl.build(ctx); err != nil {
			return nil, err
		}
	}
	pl.asked++
	h := &halt{ctx: ctx}
	in := buildInstance(&q, h)
	if in == nil {
		return nil, ctx.Err()
	}
	e := pl.e
	base, scope := pl.leaveBase(in, sa)
	for f, date := range in.dates {
		if m := e.x[sa][f]; m != z.LitNull && !date.Before(absence.First) && !date.After(absence.Last) {
			base = append(base, m.Not())
		}
	}
	lb, ok, _ := flowBound(in)
	if h.stopped() {
		return nil, ctx.Err()
	}
	if !ok {
		return pl.refused(ctx, in, true)
	}
	r := &search{ctx: ctx, cfg: pl.cfg, in: in, order: q.Levels(), start: start}
	// The warm start: the plan's rota less the leave, each date it leaves
	// short filled as a re-plan's is.
	warm := baselineRota(in)
	keeps := !h.stopped() && in.rules.keeps(in, warm)
	if !keeps {
		repair(in, warm, noDeviation)
		keeps = !h.stopped() && in.rules.keeps(in, warm)
	}
	o := &engine.Optimizer{S: e.ses, Base: base, Warm: e.literals(warm), WarmIsModel: keeps, Scope: scope}
	// Once answered, the question's clauses are switched off for good:
	// gini then drops them as satisfied, instead of watching them.
	defer card.Clause(e.ses, o.Scope.Not())
	made := map[int]z.Lit{}
	for _, k := range r.order {
		switch k {
		case model.LevelChanges:
			o.Levels = append(o.Levels, r.changeLevel(e, true))
		case model.LevelFairness:
			o.Levels = append(o.Levels, engine.Max{
				AtMost: func(d int) z.Lit { return e.shareAtMost(in, made, d) },
				Lower:  lb,
				Value:  func() int { d, _ := evaluate(in, e.rota(e.ses)); return d },
			})
		case model.LevelRequests:
			o.Levels = append(o.Levels, r.requestLevel(e, o, 0, priced{w: -1}, true))
		case model.LevelClasses:
			o.Levels = append(o.Levels, classLevel(in, e))
		case model.LevelRhythm:
			o.Levels = append(o.Levels, rhythmLevel(in, e))
		}
	}
	var rota [][]bool
	o.Better = func([]int) { rota = e.rota(e.ses) }
	err = o.Run(ctx)
	var clash *engine.Infeasible
	switch {
	case errors.As(err, &clash):
		return pl.refused(ctx, in, false)
	case err != nil && rota == nil:
		return nil, err
	}
	status := model.Optimal
	if o.Settled < len(r.order) {
		status = model.Feasible
	}
	s := in.facts.Schedule(&q, status, rota)
	s.SetLevels(r.order, o.Bounds)
	s.Stats = model.Stats{Total: time.Since(start)}
	if vs := model.Check(&q, s); len(vs) > 0 {
		return nil, &InternalError{Msg: "a what-if schedule fails the independent checker", Violations: vs}
	}
	return &Answer{Yes: true, Schedule: s, Diff: model.Compare(&q, pl.cur.Dates, s)}, err
}

// leaveBase returns the assumptions under which the plan's session holds
// the rules of in, the plan's problem with person s away on more dates,
// and the question's scope literal. Every rule but one asks no more of a
// rota when someone is away: the longest gap asks less, since an absence
// breaks a run of available dates. So s's gap instance is left out (its
// guard not assumed) and written again for in, under the scope; the
// others are assumed by their guards, and with them the master guard,
// unless there is a gap instance to leave out (the cuts behind the master
// guard then stay off: weaker, never wrong).
func (pl *Plan) leaveBase(in *instance, s int) ([]z.Lit, z.Lit) {
	e := pl.e
	scope := e.ses.Lit()
	gap := -1
	for i, r := range pl.in.rules.all {
		if g, ok := r.(*maxGap); ok && g.s == s {
			gap = i
		}
	}
	if gap < 0 {
		return []z.Lit{e.all}, scope
	}
	var base []z.Lit
	for i, g := range e.guard {
		if i != gap {
			base = append(base, g)
		}
	}
	maxGap{s}.encodeFor(in, e, engine.Guarded(e.ses, scope))
	return base, scope
}

// refused is the answer No to a question that leaves no rota: the rule
// instances that clash, minimal, from an explanation of in.
func (pl *Plan) refused(ctx context.Context, in *instance, flowProof bool) (*Answer, error) {
	ie, _, err := explain(ctx, in, nil, flowProof)
	if ie == nil {
		return nil, err
	}
	return &Answer{Reasons: ie.Reasons}, nil
}

// step puts person s on (on true) or off date f.
type step struct {
	s, f int
	on   bool
}

// moved answers a question that is a set of moves on the rota: yes, with
// the new rota, when every rule instance the moves touch still holds,
// else the instances they break and who cannot work where they are put.
func (pl *Plan) moved(ctx context.Context, moves []step) (*Answer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	in := pl.in
	t := pl.tally()
	var dates, people []int
	ans := &Answer{}
	for _, m := range moves {
		t.put(m.s, m.f, m.on)
		dates, people = append(dates, m.f), append(people, m.s)
		if m.on && !in.avail[m.s][m.f] {
			id := in.p.Staff[m.s].ID
			ans.Unavailable = append(ans.Unavailable, fmt.Sprintf("%s cannot work %s: %s", id, in.dates[m.f], in.p.Unavailable(id, in.dates[m.f])))
		}
	}
	for _, i := range breaches(in, &t, dates, people) {
		ans.Reasons = append(ans.Reasons, in.rules.all[i].reason(in))
	}
	if len(ans.Reasons) > 0 || len(ans.Unavailable) > 0 {
		return ans, nil
	}
	s := in.facts.Schedule(pl.p, model.Feasible, t.on)
	s.SetLevels(pl.p.Levels(), nil)
	if vs := model.Check(pl.p, s); len(vs) > 0 {
		return nil, &InternalError{Msg: "a what-if schedule fails the independent checker", Violations: vs}
	}
	return &Answer{Yes: true, Schedule: s, Diff: model.Compare(pl.p, pl.cur.Dates, s)}, nil
}

// breaches returns the rule instances that the rota of t breaks among
// those scoped to the dates and to the people: the only ones a move on
// them can break, since the plan's rota keeps every rule.
func breaches(in *instance, t *tally, dates, people []int) []int {
	var out []int
	for _, f := range dates {
		for _, i := range in.rules.byDate[f] {
			if in.rules.all[i].breach(t) > 0 {
				out = append(out, i)
			}
		}
	}
	for _, s := range people {
		for _, i := range in.rules.byPerson[s] {
			if in.rules.all[i].breach(t) > 0 {
				out = append(out, i)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tally returns the plan's rota as a tally, to try moves on.
func (pl *Plan) tally() tally {
	t := newTally(pl.in)
	for s, row := range pl.on {
		for f, v := range row {
			if v {
				t.put(s, f, true)
			}
		}
	}
	return t
}

// onDuty checks a question's person and date: known, a duty date, and
// the person on duty there (want true) or not (want false).
func (pl *Plan) onDuty(who, id, when string, d model.Date, want bool) (int, int, error) {
	s, ok := pl.in.staffAt[id]
	if !ok {
		return 0, 0, &QuestionError{Question: who, Value: id, Msg: "unknown staff"}
	}
	f, ok := pl.in.dateAt[d]
	if !ok {
		return 0, 0, &QuestionError{Question: when, Value: d, Msg: "not a duty date of the period"}
	}
	if pl.on[s][f] != want {
		msg := "not on duty then"
		if !want {
			msg = "already on duty then"
		}
		return 0, 0, &QuestionError{Question: who, Value: id, Msg: msg + " (" + when + " = " + d.String() + ")"}
	}
	return s, f, nil
}
