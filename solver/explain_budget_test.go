package solver_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/solver"
)

// TestExplainSpacingClashWithinBudget: the bench's M office at 6 weeks'
// spacing and n/5 on duty clashes in every 6-week span (about 110 people
// for 120 duties). Its explanation once wrote a counter for every span
// and the sum of everyone's duties one person at a time: at 500 staff
// that passed the default budget with no answer at all (3 GB, 12-25 s).
// With only the spans that clash most, each counted on its smaller side,
// the clash is named in about 115 MiB of heap; the old cuts passed 150.
func TestExplainSpacingClashWithinBudget(t *testing.T) {
	p, err := gen.Office(gen.M, 1)
	require.NoError(t, err)
	p.Rules.Spacing.Weeks = 6
	p.Rules.Coverage.PerDate = len(p.Staff) / 5
	_, err = solver.Solve(context.Background(), p, solver.WithMemoryBudget(140<<20))
	var clash *solver.InfeasibleError
	require.True(t, errors.As(err, &clash), "want the clash explained, got %v", err)
	require.NotEmpty(t, clash.Reasons)
}
