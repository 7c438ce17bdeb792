package solver_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// TestBindingWindows solves the Värmdö office under windows that bind,
// each of which once left the solver without a rota after minutes: a
// 20-week window of 3 duties is feasible (CBC finds a fair rota), and a
// 26-week window of 3 is not, since 26 Fridays of 4 need more duties
// than 28 people can work in 26 weeks. The deadline only keeps a
// regression from hanging CI; the answers are checked, not the time.
func TestBindingWindows(t *testing.T) {
	for _, c := range []struct {
		window model.Window
		status model.Status
		heavy  bool // seconds of search: left out under the race detector
	}{
		{model.Window{Weeks: 26, Max: 4}, model.Optimal, false},
		{model.Window{Weeks: 12, Max: 2}, model.Optimal, true},
		{model.Window{Weeks: 20, Max: 3}, model.Optimal, true},
		{model.Window{Weeks: 26, Max: 3}, model.Infeasible, true},
	} {
		if c.heavy && raceOn {
			continue
		}
		p := scenario.Problem()
		p.Rules.Windows = []model.Window{c.window}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		s, err := solver.Solve(ctx, p)
		cancel()
		require.Equal(t, c.status, s.Status, "%+v: %v", c.window, err)
		switch c.status {
		case model.Optimal:
			require.NoError(t, err)
			require.Empty(t, model.Check(p, s))
		case model.Infeasible:
			var ie *solver.InfeasibleError
			require.True(t, errors.As(err, &ie), "%v", err)
			require.NotEmpty(t, ie.Reasons)
			require.NotEmpty(t, ie.Arguments)
			require.Contains(t, ie.Arguments[0], "windows")
		}
	}
}

// TestUnitMaximumsAndGapOnVarmdo solves the Värmdö office with at most
// two people of a unit on a Friday and nobody available going ten weeks
// without a duty: the rota keeps both, and fairness stays perfect.
func TestUnitMaximumsAndGapOnVarmdo(t *testing.T) {
	p := scenario.Problem()
	for _, u := range p.Units {
		p.Rules.UnitMaximums = append(p.Rules.UnitMaximums, model.UnitMaximum{Unit: u.ID, Max: 2})
	}
	p.Rules.MaxGap = model.MaxGap{Weeks: 10}
	s, err := solver.Solve(context.Background(), p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, s.Status)
	require.Empty(t, model.Check(p, s))
	require.Equal(t, 0, s.Objective.Deviation)
}
