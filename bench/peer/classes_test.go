package peer

import (
	"context"
	"fmt"
	"math/rand"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// TestCBCClassesAgreeWithSolver solves small random problems with a date
// class by cbc's three stages and by the solver, whose classes level the
// brute force of package solver checks: every level agrees, and gophersat
// skips them.
func TestCBCClassesAgreeWithSolver(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not on PATH")
	}
	rng := rand.New(rand.NewSource(13))
	tested, above := 0, 0
	for seed := 0; tested < 40 && seed < 2000; seed++ {
		p := randomProblem(rng)
		if p == nil || p.Rules.Fairness.Off {
			continue
		}
		dates := p.Period.DutyDates()
		var cls []model.Date
		for _, d := range dates {
			if rng.Intn(2) == 0 {
				cls = append(cls, d)
			}
		}
		if len(cls) == 0 {
			continue
		}
		p.Period.Classes = []model.DateClass{{ID: "unpopular", Dates: cls}}
		tested++
		want, err := solver.Solve(context.Background(), p)
		name := fmt.Sprintf("seed %d", seed)
		got, cerr := (&CBC{}).Run(context.Background(), p)
		if err != nil {
			require.ErrorIs(t, err, solver.ErrInfeasible, name)
			require.NoError(t, cerr, name)
			require.Equal(t, model.Infeasible, got.Status, name)
			continue
		}
		require.NoError(t, cerr, name)
		require.Equal(t, model.Optimal, got.Status, name)
		require.Empty(t, model.Check(p, got), name)
		require.Equal(t, want.Objective.Levels, got.Objective.Levels, name)
		if want.Objective.ClassDeviation > 0 {
			above++
		}
		_, gerr := Gophersat{}.Run(context.Background(), p)
		var skip *SkipError
		require.ErrorAs(t, gerr, &skip, name)
	}
	require.Equal(t, 40, tested)
	t.Logf("%d of %d with a class deviation above 0", above, tested)
}
