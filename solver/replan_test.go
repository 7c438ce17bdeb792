package solver_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// replanProblem makes a re-plan of a random problem: the rota solved for
// it is published, then someone falls ill on a few dates, the rota is
// frozen up to a random date, and changes close to the freeze may cost
// more. The level order is sometimes the office's own. It returns nil
// when the first problem has no rota.
func replanProblem(seed uint64, maxStaff, maxDates int) *model.Problem {
	p := randomProblem(seed, maxStaff, maxDates)
	pub, err := solver.Solve(context.Background(), p)
	if err != nil {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x4e91a))
	dates := p.Period.DutyDates()
	q := *p
	q.Absences = append([]model.Absence(nil), p.Absences...)
	frozenUntil := model.Date{}
	if k := rng.IntN(len(dates)); k > 0 {
		frozenUntil = dates[k-1]
	}
	q.Baseline = pub.Baseline(frozenUntil)
	for range 1 + rng.IntN(2) {
		f := dates[rng.IntN(len(dates))]
		if !f.After(frozenUntil) && !frozenUntil.IsZero() {
			continue // what is frozen has happened
		}
		q.Absences = append(q.Absences, model.Absence{Staff: p.Staff[rng.IntN(len(p.Staff))].ID, First: f, Last: f, Kind: model.SickLeave})
	}
	if rng.IntN(3) == 0 {
		q.Baseline.Near = []model.NearWeight{{Days: 7, Weight: 3}}
	}
	switch rng.IntN(6) {
	case 0:
		q.Rules.Objective = []model.LevelKind{model.LevelFairness, model.LevelChanges, model.LevelRequests}
	case 1:
		q.Rules.Objective = []model.LevelKind{model.LevelChanges}
	}
	if q.Rules.Fairness.Off && len(q.Rules.Objective) > 0 && q.Rules.Objective[0] == model.LevelFairness {
		q.Rules.Objective = nil
	}
	// A pin may now clash with the new absence, or a frozen date hold
	// someone who since fell ill: keep to valid problems.
	if q.Validate() != nil {
		q.Pins = nil
		if q.Validate() != nil {
			return nil
		}
	}
	return &q
}

// TestReplanBruteForce confirms re-plans by enumeration: the change count
// is the least there is given the freeze, the later levels are optimal
// among the rotas with that many changes, and the frozen dates keep
// their rosters (model.Check).
func TestReplanBruteForce(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 60
	}
	solved, changed, infeasible := 0, 0, 0
	for seed := range uint64(n) {
		p := replanProblem(seed, 5, 5)
		if p == nil {
			continue
		}
		feasible, best := bruteForce(p)
		s, err := solver.Solve(context.Background(), p)
		if !feasible {
			infeasible++
			require.ErrorIs(t, err, solver.ErrInfeasible, "seed %d", seed)
			continue
		}
		require.NoError(t, err, "seed %d", seed)
		require.Equal(t, model.Optimal, s.Status, "seed %d", seed)
		require.Empty(t, model.Check(p, s), "seed %d", seed)
		for i, l := range s.Objective.Levels {
			require.Equal(t, best[i], l.Value, "seed %d: level %s of %v", seed, l.Kind, p.Levels())
			require.Equal(t, l.Value, l.Bound, "seed %d: bound of level %s", seed, l.Kind)
		}
		solved++
		if s.Objective.Changes > 0 {
			changed++
		}
	}
	t.Logf("%d re-plans solved, %d with changes, %d infeasible", solved, changed, infeasible)
	require.Greater(t, solved, n/3)
	require.Greater(t, changed, solved/5, "too few re-plans had to change anything")
}

// TestReplanFrozenNeverChange solves larger random re-plans and checks
// that every frozen date keeps its published roster.
func TestReplanFrozenNeverChange(t *testing.T) {
	n := 80
	if testing.Short() {
		n = 20
	}
	for seed := range uint64(n) {
		p := replanProblem(2000+seed, 12, 10)
		if p == nil {
			continue
		}
		s, err := solver.Solve(context.Background(), p)
		if errors.Is(err, solver.ErrInfeasible) {
			continue
		}
		require.NoError(t, err, "seed %d", seed)
		require.Empty(t, model.Check(p, s), "seed %d", seed)
		for _, r := range p.Baseline.Dates {
			if p.Baseline.Frozen(r.Date) {
				require.Equal(t, r.Staff, s.Duties(r.Date), "seed %d: frozen %s", seed, r.Date)
			}
		}
	}
}
