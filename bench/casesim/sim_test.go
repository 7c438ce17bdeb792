package casesim_test

import (
	"context"
	"testing"
	"time"

	"github.com/rostersat/rostersat/bench/casesim"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// TestRunIsDeterministic simulates six weeks of a small office under each
// policy twice: the same seed gives the same figures, rostersat has a
// plan every week, and only it moves existing cases.
func TestRunIsDeterministic(t *testing.T) {
	office, err := gen.CaseOffice(gen.CaseSpec{Workers: 10, Cases: 100, New: 20}, 3)
	require.NoError(t, err)
	cfg := casesim.Config{Office: office, Weeks: 6, WorkWeeks: map[model.CaseKind]float64{model.Investigation: 6, model.FollowUp: 20, model.OtherCase: 4},
		PerWeek: map[string]map[model.CaseKind]float64{}, FollowUpShare: 0.3, Seed: 7, Timeout: 20 * time.Second}
	for _, u := range office.Units {
		cfg.PerWeek[u.ID] = map[model.CaseKind]float64{model.Investigation: 1.5, model.FollowUp: 0.5}
	}
	results := map[string]casesim.Result{}
	for _, pol := range []func() casesim.Policy{
		func() casesim.Policy { return casesim.Optimum{} },
		func() casesim.Policy { return &casesim.RoundRobin{} },
		func() casesim.Policy { return casesim.LeastLoaded{} },
		func() casesim.Policy { return casesim.Queue{} },
	} {
		a, err := casesim.Run(context.Background(), cfg, pol())
		require.NoError(t, err)
		b, err := casesim.Run(context.Background(), cfg, pol())
		require.NoError(t, err)
		require.Equal(t, a, b, a.Policy)
		require.Len(t, a.Weekly, 6)
		results[a.Policy] = a
	}
	require.Zero(t, results["rostersat"].Failed)
	for _, name := range []string{"round-robin", "least-loaded", "queue"} {
		require.Zero(t, results[name].Moves, name)
	}
	table := casesim.Table([]casesim.Result{results["rostersat"], results["queue"]}, "test")
	require.Contains(t, table, "| rostersat |")
}
