package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// randomFactsProblem makes a seeded problem with absences, part-timers,
// history, coverage overrides and requests, for the facts to derive.
func randomFactsProblem(seed uint64) *model.Problem {
	rng := rand.New(rand.NewPCG(seed, 77))
	start := model.MustDate("2024-01-05")
	p := &model.Problem{Period: model.Period{Start: start, End: start.AddDays(7 * (3 + rng.IntN(8)))}}
	dates := p.Period.DutyDates()
	n := 3 + rng.IntN(8)
	for i := range n {
		st := model.Staff{ID: fmt.Sprintf("s%d", i)}
		if rng.IntN(3) == 0 {
			st.Percent = 20 + rng.IntN(81)
		}
		if rng.IntN(3) == 0 {
			st.History = model.History{Duties: rng.IntN(20), Dates: rng.IntN(60)}
		}
		if rng.IntN(5) == 0 {
			st.Start = dates[rng.IntN(len(dates))]
		}
		p.Staff = append(p.Staff, st)
		if rng.IntN(2) == 0 {
			d := dates[rng.IntN(len(dates))]
			p.Absences = append(p.Absences, model.Absence{Staff: st.ID, First: d, Last: d.AddDays(7 * rng.IntN(3))})
		}
	}
	p.Rules.Coverage.PerDate = 1 + rng.IntN(n-1)
	if rng.IntN(2) == 0 {
		p.Rules.Coverage.Dates = []model.DateCount{{Date: dates[rng.IntN(len(dates))], Count: rng.IntN(n)}}
	}
	for range rng.IntN(2 * n) {
		q := model.Request{Staff: p.Staff[rng.IntN(n)].ID, Date: dates[rng.IntN(len(dates))], Kind: model.Avoid, Weight: rng.IntN(5)}
		if rng.IntN(2) == 0 {
			q.Kind = model.Prefer
		}
		p.Requests = append(p.Requests, q)
	}
	return p
}

// TestFactsAgreeWithCheck writes random rotas of random problems through
// Facts.Schedule and lets the independent checker judge them: a rota may
// break rules, but the schedule never misreports its shape, its shares or
// its objective.
func TestFactsAgreeWithCheck(t *testing.T) {
	for seed := range uint64(300) {
		p := randomFactsProblem(seed)
		require.NoError(t, p.Validate(), "seed %d", seed)
		facts := p.Facts()
		rng := rand.New(rand.NewPCG(seed, 5))
		on := make([][]bool, len(p.Staff))
		for s := range on {
			on[s] = make([]bool, len(facts.Dates))
			for f := range on[s] {
				on[s][f] = facts.Available[s][f] && rng.IntN(3) == 0
			}
		}
		s := facts.Schedule(p, model.Feasible, on)
		s.SetLevels(p.Levels(), nil)
		for _, v := range model.Check(p, s) {
			switch v.Rule {
			case model.RuleStructure, model.RuleObjective, model.RuleAvailability:
				t.Fatalf("seed %d: %v", seed, v)
			}
		}
	}
}

// TestSharesBeyondInt64 makes the products of the shares overflow int64
// (a problem Validate refuses, which Facts must still derive exactly):
// the math/big path gives the floors and ceilings worked out by hand.
func TestSharesBeyondInt64(t *testing.T) {
	p := &model.Problem{
		Period: model.Period{Start: model.MustDate("2024-01-05"), End: model.MustDate("2024-01-05")},
		Staff: []model.Staff{
			{ID: "a", History: model.History{Duties: 1 << 40, Dates: 1 << 40}},
			{ID: "b", History: model.History{Duties: 1 << 40, Dates: 3 << 40}},
		},
		Rules: model.Rules{Coverage: model.Coverage{PerDate: 1}},
	}
	sh := p.Facts().Shares
	// N = 2^41+1 duties, w = 100*(2^40+1) and 100*(3*2^40+1): a gets a
	// quarter, just over.
	require.Equal(t, 1<<39, sh[0].Low)
	require.Equal(t, 1<<39+1, sh[0].High)
	require.InDelta(t, float64(1<<39), sh[0].Value, 1)
	require.Equal(t, 3<<39, sh[1].Low)
	require.Equal(t, 3<<39+1, sh[1].High)
}
