package caseload_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// This file checks Relax against a brute force over every assignment of
// a worker, or none, to each case of tiny problems: for each it lists the
// rule instances it breaks by the definitions of the model package
// documentation (Caseloads), through bruteFacts, which shares no code
// with the encoder.

// bruteBroken lists the rule instances assignment a breaks (-1 is no
// worker): a case without a worker who may hold it, a group whose
// assigned cases have two workers, a load above a limit.
func (f *bruteFacts) bruteBroken(a []int) []model.CaseRule {
	p := f.p
	var out []model.CaseRule
	for ci, si := range a {
		if si < 0 || !f.mayHold[ci][si] {
			out = append(out, model.CaseRule{Kind: model.RuleCaseWorker, Case: p.Cases[ci].ID})
		}
	}
	var names []string
	workers := map[string][]int{}
	for ci, c := range p.Cases {
		if c.Group == "" || a[ci] < 0 {
			continue
		}
		if !slices.Contains(names, c.Group) {
			names = append(names, c.Group)
		}
		if !slices.Contains(workers[c.Group], a[ci]) {
			workers[c.Group] = append(workers[c.Group], a[ci])
		}
	}
	for _, g := range names {
		if len(workers[g]) > 1 {
			out = append(out, model.CaseRule{Kind: model.RuleCaseGroup, Group: g})
		}
	}
	for si, s := range p.Staff {
		if f.onLeave[si] {
			continue
		}
		load := f.load(a, si)
		for k, lim := range []int{f.limInv[si], f.limFU[si], f.limW[si]} {
			if lim > 0 && load[k] > lim {
				out = append(out, model.CaseRule{Kind: model.RuleCapacity, Staff: s.ID, Measure: model.Measures()[k], Count: lim})
			}
		}
	}
	return out
}

// eachAssignment calls fn with every assignment of a worker or none (-1)
// to each case.
func eachAssignment(nS, nC int, fn func(a []int)) {
	a := make([]int, nC)
	for i := range a {
		a[i] = -1
	}
	for range pow(nS+1, nC) {
		fn(a)
		for i := range a {
			a[i]++
			if a[i] < nS {
				break
			}
			a[i] = -1
		}
	}
}

// bruteLeast is the fewest rule instances any assignment breaks.
func bruteLeast(f *bruteFacts) int {
	least := -1
	eachAssignment(len(f.p.Staff), len(f.p.Cases), func(a []int) {
		if n := len(f.bruteBroken(a)); least < 0 || n < least {
			least = n
		}
	})
	return least
}

// bruteRelaxedOptimum is the lexicographic optimum over p.Levels() of the
// assignments that break no instance outside dropped, and leave the cases
// whose instance is dropped without a worker (Relax's meaning of dropping
// one: not to give the case to someone who may not hold it).
func bruteRelaxedOptimum(f *bruteFacts, dropped []model.CaseRule) ([]int, bool) {
	var best []int
	found := false
	eachAssignment(len(f.p.Staff), len(f.p.Cases), func(a []int) {
		for ci, c := range f.p.Cases {
			if a[ci] >= 0 && slices.Contains(dropped, model.CaseRule{Kind: model.RuleCaseWorker, Case: c.ID}) {
				return
			}
		}
		for _, r := range f.bruteBroken(a) {
			if !slices.Contains(dropped, r) {
				return
			}
		}
		s := f.score(a)
		var vals []int
		for _, k := range f.p.Levels() {
			vals = append(vals, s.of(k))
		}
		if !found || slices.Compare(vals, best) < 0 {
			best, found = vals, true
		}
	})
	return best, found
}

// planAssignment reads the plan's worker of each case, -1 for none.
func planAssignment(f *bruteFacts, plan *model.CasePlan) []int {
	a := make([]int, len(f.p.Cases))
	for ci, c := range plan.Cases {
		a[ci] = -1
		if c.Worker != "" {
			a[ci] = f.staffIdx[c.Worker]
		}
	}
	return a
}

// checkRelaxation checks a relaxation of a tiny problem against the brute
// force: the least weight, proven; the plan sound without the dropped
// instances, breaking each of them; its levels optimal among the plans
// that break nothing else.
func checkRelaxation(t *testing.T, p *model.CaseProblem, rx *caseload.Relaxation, what string) {
	t.Helper()
	f := newBruteFacts(p)
	require.True(t, rx.Least, what)
	require.Equal(t, bruteLeast(f), rx.Weight, "weight\n%s", what)
	require.Len(t, rx.Dropped, rx.Weight, what)
	require.NotNil(t, rx.Plan, what)
	require.Contains(t, []model.Status{model.Optimal, model.Feasible}, rx.Plan.Status, what)
	require.Empty(t, model.CheckCasesRelaxed(p, rx.Plan, rx.Rules()), what)
	a := planAssignment(f, rx.Plan)
	broken := f.bruteBroken(a)
	require.ElementsMatch(t, rx.Rules(), broken, "the plan breaks exactly the dropped instances\n%s", what)
	for _, r := range rx.Rules() {
		if r.Kind == model.RuleCaseWorker {
			require.Equal(t, -1, a[slices.IndexFunc(p.Cases, func(c model.Case) bool { return c.ID == r.Case })], "case %s has no worker\n%s", r.Case, what)
		}
	}
	for _, d := range rx.Dropped {
		require.NotEmpty(t, d.Text, what)
	}
	if rx.Plan.Status == model.Optimal {
		best, found := bruteRelaxedOptimum(f, rx.Rules())
		require.True(t, found, what)
		var got []int
		for _, l := range rx.Plan.Objective.Levels {
			got = append(got, l.Value)
		}
		require.Equal(t, best, got, "levels of the relaxed plan\n%s", what)
	}
}

func TestRelaxFeasible(t *testing.T) {
	p := unit(3, 4, 5, model.Capacity{Investigations: 2, FollowUps: 2})
	p.Cases[0].Worker, p.Cases[1].Worker = "w1", "w1"
	want, err := caseload.Assign(context.Background(), p)
	require.NoError(t, err)
	rx, err := caseload.Relax(context.Background(), p)
	require.NoError(t, err)
	require.True(t, rx.Least)
	require.Zero(t, rx.Weight)
	require.Empty(t, rx.Dropped)
	require.Equal(t, model.Optimal, rx.Plan.Status)
	require.Equal(t, want.Objective.Levels, rx.Plan.Objective.Levels)
	require.Equal(t, want.Cases, rx.Plan.Cases)
	require.Empty(t, model.CheckCases(p, rx.Plan))
	require.Equal(t, "To have a plan, drop 0 rule(s) (the least there is):\n", rx.Explain())
}

func TestRelaxInfeasible(t *testing.T) {
	absent := unit(2, 2, 0, model.Capacity{})
	absent.Roles = []model.Role{{ID: "ensamkommande"}}
	absent.Staff[0].Roles = []string{"ensamkommande"}
	absent.Cases[0].Roles = []string{"ensamkommande"}
	absent.Absences = []model.Absence{{Staff: "w1", First: model.MustDate("2024-02-01"), Last: model.MustDate("2024-04-30")}}

	split := unit(2, 2, 0, model.Capacity{})
	split.Units = append(split.Units, model.Unit{ID: "barn"})
	split.Staff[1].Unit = "barn"
	split.Cases[1].Unit = "barn"
	split.Cases[0].Group, split.Cases[1].Group = "familj", "familj"

	lone := unit(1, 4, 0, model.Capacity{Investigations: 1})
	lone.Cases[0].Worker = "w1"

	two := unit(2, 3, 3, model.Capacity{Investigations: 1, FollowUps: 1})
	two.Cases[0].Worker, two.Cases[3].Worker = "w2", "w2"

	for _, tc := range []struct {
		name   string
		p      *model.CaseProblem
		weight int
		kinds  []model.RuleKind // the kinds dropped, when only one set is least
	}{
		{"more investigations than room", unit(2, 5, 0, model.Capacity{Investigations: 2}), 1, nil},
		{"the only candidate is on leave", absent, 1, []model.RuleKind{model.RuleCaseWorker}},
		{"a group across two units", split, 1, nil},
		{"one worker, four cases, room for one", lone, 1, []model.RuleKind{model.RuleCapacity}},
		{"too many of two kinds", two, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.p.Validate())
			_, err := caseload.Assign(context.Background(), tc.p)
			require.ErrorIs(t, err, caseload.ErrInfeasible)
			start := time.Now()
			rx, err := caseload.Relax(context.Background(), tc.p)
			t.Logf("Relax in %v", time.Since(start))
			require.NoError(t, err)
			require.Equal(t, tc.weight, rx.Weight)
			require.Equal(t, model.Optimal, rx.Plan.Status)
			checkRelaxation(t, tc.p, rx, tc.name)
			if tc.kinds != nil {
				var kinds []model.RuleKind
				for _, d := range rx.Dropped {
					kinds = append(kinds, d.Rule.Kind)
				}
				require.Equal(t, tc.kinds, kinds)
			}
			ex := rx.Explain()
			require.Contains(t, ex, fmt.Sprintf("To have a plan, drop %d rule(s) (the least there is):\n", tc.weight))
			for _, d := range rx.Dropped {
				require.Contains(t, ex, "  - "+d.Text+"\n")
			}
		})
	}
}

// relaxProblems is how many random valid problems TestRelaxBruteForce
// relaxes.
const relaxProblems = 300

func TestRelaxBruteForce(t *testing.T) {
	start := time.Now()
	done, infeasible := 0, 0
	for index := 0; done < relaxProblems; index++ {
		rng := rand.New(rand.NewPCG(uint64(index), 0x4E1A5))
		p := genCaseProblem(rng, index)
		if index%2 == 1 {
			// Tight limits, for more problems without a plan.
			p.Capacity = model.Capacity{Investigations: 1 + rng.IntN(2), FollowUps: 1 + rng.IntN(2)}
			p.Capacities, p.OnDuty = nil, nil
		}
		if p.Validate() != nil {
			continue
		}
		done++
		js, err := json.Marshal(p)
		require.NoError(t, err)
		what := fmt.Sprintf("problem %d: %s", index, js)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		rx, err := caseload.Relax(ctx, p)
		cancel()
		require.NoError(t, err, what)
		if rx.Weight > 0 {
			infeasible++
		} else {
			plan, err := caseload.Assign(context.Background(), p)
			require.NoError(t, err, what)
			require.Equal(t, plan.Objective, rx.Plan.Objective, what)
		}
		checkRelaxation(t, p, rx, what)
	}
	require.GreaterOrEqual(t, infeasible, relaxProblems/5, "the generator makes problems without a plan")
	t.Logf("%d problems, %d without a plan, in %v", done, infeasible, time.Since(start))
}

func TestRelaxValidationAndContext(t *testing.T) {
	rx, err := caseload.Relax(context.Background(), &model.CaseProblem{})
	require.Error(t, err)
	require.Nil(t, rx)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rx, err = caseload.Relax(ctx, unit(2, 5, 0, model.Capacity{Investigations: 2}))
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rx)
	require.False(t, rx.Least)
	require.Equal(t, model.Unknown, rx.Plan.Status)
}

// TestRelaxCountsRoom: 41 investigations for six workers who may carry
// six each. The least, one limit dropped, is a pigeonhole formula for
// SAT alone; the counting cuts prove it at once. The plan without it is
// then proven optimal: its balance by the linear relaxation's bound and
// the dive at it (relaxation.go), which SAT alone had not proven in 60 s.
func TestRelaxCountsRoom(t *testing.T) {
	p := unit(6, 41, 0, model.Capacity{Investigations: 6})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rx, err := caseload.Relax(ctx, p)
	require.NoError(t, err, "the plan after the drop is proven by the relaxation's bound and its dive")
	require.True(t, rx.Least)
	require.Equal(t, 1, rx.Weight)
	require.Equal(t, model.RuleCapacity, rx.Dropped[0].Rule.Kind)
	require.Equal(t, model.Optimal, rx.Plan.Status)
	require.Empty(t, model.CheckCasesRelaxed(p, rx.Plan, rx.Rules()))
}

func FuzzRelax(f *testing.F) {
	f.Add(`{"date":"2024-03-04","staff":[{"id":"a"},{"id":"b"}],"capacity":{"investigations":1},"cases":[{"id":"1","kind":"investigation","worker":"a"},{"id":"2","kind":"investigation","worker":"a"},{"id":"3","kind":"investigation"}]}`)
	f.Add(`{"date":"2024-03-04","units":[{"id":"u"},{"id":"v"}],"staff":[{"id":"a","unit":"u"},{"id":"b","unit":"v"}],"cases":[{"id":"1","kind":"follow-up","unit":"u","group":"g"},{"id":"2","kind":"other","unit":"v","group":"g","weight":3}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := model.DecodeCaseProblem(stringsReader(s))
		if err != nil || p.Validate() != nil || len(p.Cases)*len(p.Staff) > 400 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rx, err := caseload.Relax(ctx, p)
		if ctx.Err() != nil {
			return
		}
		require.NoError(t, err)
		require.Len(t, rx.Dropped, rx.Weight)
		require.Empty(t, model.CheckCasesRelaxed(p, rx.Plan, rx.Rules()))
	})
}

// TestRelaxPastTheBudget: where the encoding would pass the budget,
// Relax drops what the greedy plan breaks, not proven least, with the
// budget's error, and the plan passes the checker without them.
func TestRelaxPastTheBudget(t *testing.T) {
	p := unit(6, 41, 0, model.Capacity{Investigations: 6})
	rx, err := caseload.Relax(context.Background(), p, caseload.WithMemoryBudget(1))
	var be *caseload.BudgetError
	require.ErrorAs(t, err, &be)
	require.NotNil(t, rx)
	require.False(t, rx.Least)
	require.NotEmpty(t, rx.Dropped)
	require.Equal(t, len(rx.Dropped), rx.Weight)
	require.Equal(t, model.Feasible, rx.Plan.Status)
	require.Empty(t, model.CheckCasesRelaxed(p, rx.Plan, rx.Rules()))
	require.NotEmpty(t, model.CheckCases(p, rx.Plan), "the plan breaks the dropped rules")
	require.Contains(t, rx.Explain(), "not proven least")
}

// TestRelaxReportsProgress: the search for the least reports its count
// and bound, ending at the least (1), and the levels' search after it
// reports as Assign's.
func TestRelaxReportsProgress(t *testing.T) {
	p := unit(6, 41, 0, model.Capacity{Investigations: 6})
	var drops, levels []caseload.Progress
	rx, err := caseload.Relax(context.Background(), p, caseload.WithProgress(func(pr caseload.Progress) {
		if pr.Dropping {
			drops = append(drops, pr)
			return
		}
		levels = append(levels, pr)
	}))
	require.NoError(t, err)
	require.Equal(t, 1, rx.Weight)
	require.NotEmpty(t, drops)
	for _, pr := range drops {
		require.Empty(t, pr.Levels)
		require.LessOrEqual(t, pr.DropBound, pr.Drop)
	}
	last := drops[len(drops)-1]
	require.Equal(t, 1, last.Drop)
	require.Equal(t, 1, last.DropBound)
	require.NotEmpty(t, levels)
	require.NotEmpty(t, levels[len(levels)-1].Levels)
}

// TestRelaxDropCosts: 41 investigations for six workers of six. Dropping
// one limit is the fewest; when a limit costs 10 and a case without a
// worker 1, leaving five cases without a worker is cheaper.
func TestRelaxDropCosts(t *testing.T) {
	p := unit(6, 41, 0, model.Capacity{Investigations: 6})
	rx, err := caseload.Relax(context.Background(), p, caseload.WithDropCosts(map[model.RuleKind]int{model.RuleCapacity: 10}))
	require.NoError(t, err)
	require.True(t, rx.Least)
	require.Equal(t, 5, rx.Weight)
	require.Len(t, rx.Dropped, 5)
	for _, d := range rx.Dropped {
		require.Equal(t, model.RuleCaseWorker, d.Rule.Kind)
	}
	require.Empty(t, model.CheckCasesRelaxed(p, rx.Plan, rx.Rules()))
	require.Equal(t, model.Optimal, rx.Plan.Status)

	rx, err = caseload.Relax(context.Background(), p, caseload.WithDropCosts(map[model.RuleKind]int{model.RuleCapacity: 3, model.RuleCaseWorker: 2}))
	require.NoError(t, err)
	require.Equal(t, 3, rx.Weight, "one limit at 3 against five cases at 2")
	require.Equal(t, model.RuleCapacity, rx.Dropped[0].Rule.Kind)
	require.Contains(t, rx.Explain(), "drop 1 rule(s) (cost 3, the least there is)")

	for _, bad := range []map[model.RuleKind]int{{model.RuleCapacity: 0}, {"limit": 2}} {
		_, err = caseload.Relax(context.Background(), p, caseload.WithDropCosts(bad))
		require.ErrorContains(t, err, "WithDropCosts")
	}
}

// bruteLeastCost is the least summed cost of the instances any
// assignment breaks, each costing its kind's entry (1 when absent).
func bruteLeastCost(f *bruteFacts, costs map[model.RuleKind]int) int {
	least := -1
	eachAssignment(len(f.p.Staff), len(f.p.Cases), func(a []int) {
		n := 0
		for _, r := range f.bruteBroken(a) {
			c, ok := costs[r.Kind]
			if !ok {
				c = 1
			}
			n += c
		}
		if least < 0 || n < least {
			least = n
		}
	})
	return least
}

// TestRelaxDropCostsBruteForce: with random costs per kind, Relax's
// weight is the brute force's least cost, and its plan breaks only what
// it drops.
func TestRelaxDropCostsBruteForce(t *testing.T) {
	kinds := []model.RuleKind{model.RuleCaseWorker, model.RuleCaseGroup, model.RuleCapacity}
	done, dropped := 0, 0
	for index := 0; done < relaxProblems/2; index++ {
		rng := rand.New(rand.NewPCG(uint64(index), 0xC057))
		p := genCaseProblem(rng, index)
		p.Capacity = model.Capacity{Investigations: 1 + rng.IntN(2), FollowUps: 1 + rng.IntN(2)}
		p.Capacities, p.OnDuty = nil, nil
		if p.Validate() != nil {
			continue
		}
		done++
		costs := map[model.RuleKind]int{}
		for _, k := range kinds {
			costs[k] = 1 + rng.IntN(4)
		}
		js, err := json.Marshal(p)
		require.NoError(t, err)
		what := fmt.Sprintf("problem %d, costs %v: %s", index, costs, js)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		rx, err := caseload.Relax(ctx, p, caseload.WithDropCosts(costs))
		cancel()
		require.NoError(t, err, what)
		require.True(t, rx.Least, what)
		require.Equal(t, bruteLeastCost(newBruteFacts(p), costs), rx.Weight, what)
		sum := 0
		for _, d := range rx.Dropped {
			sum += costs[d.Rule.Kind]
		}
		require.Equal(t, sum, rx.Weight, what)
		require.Empty(t, model.CheckCasesRelaxed(p, rx.Plan, rx.Rules()), what)
		if rx.Weight > 0 {
			dropped++
		}
	}
	require.GreaterOrEqual(t, dropped, relaxProblems/10, "the generator makes problems without a plan")
	t.Logf("%d problems, %d without a plan", done, dropped)
}
