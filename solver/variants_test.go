package solver

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/internal/engine"
	"github.com/rostersat/rostersat/model"
	"github.com/stretchr/testify/require"
)

// varmdoVariant is an infeasible change to the Värmdö office, as a new
// user tries them, with the kinds of rule its explanation must name.
type varmdoVariant struct {
	name   string
	change func(p *model.Problem)
	kinds  []model.RuleKind
}

func varmdoVariants() []varmdoVariant {
	pins := func(date string, ids ...string) func(p *model.Problem) {
		return func(p *model.Problem) {
			for _, id := range ids {
				p.Pins = append(p.Pins, model.Pin{Staff: id, Date: model.MustDate(date), Work: true})
			}
		}
	}
	return []varmdoVariant{
		{"7 weeks' spacing", func(p *model.Problem) { p.Rules.Spacing.Weeks = 7 },
			[]model.RuleKind{model.RuleUnitMinimum, model.RuleSpacing}},
		{"8 weeks' spacing", func(p *model.Problem) { p.Rules.Spacing.Weeks = 8 },
			[]model.RuleKind{model.RuleUnitMinimum, model.RuleSpacing}},
		{"2 seniors a Friday", func(p *model.Problem) { p.Rules.RoleMinimums[0].Min = 2 },
			[]model.RuleKind{model.RuleRoleMinimum, model.RuleSpacing}},
		{"3 of försörjningsstöd and 2 of vuxen", func(p *model.Problem) {
			p.Rules.UnitMinimums = append(p.Rules.UnitMinimums,
				model.UnitMinimum{Unit: scenario.Forsorjningsstod, Min: 3}, model.UnitMinimum{Unit: scenario.Vuxen, Min: 2})
		}, []model.RuleKind{model.RuleCoverageMax, model.RuleUnitMinimum}},
		{"two work pins a week apart", func(p *model.Problem) {
			pins("2024-02-02", "erik")(p)
			pins("2024-02-09", "erik")(p)
		}, []model.RuleKind{model.RuleSpacing, model.RulePin}},
		{"window of 1 in 8 weeks", func(p *model.Problem) { p.Rules.Windows = []model.Window{{Weeks: 8, Max: 1}} },
			[]model.RuleKind{model.RuleUnitMinimum, model.RuleWindow}},
		{"five work pins on a Friday of four", pins("2024-02-16", "anna", "erik", "maria", "sara", "johan"),
			[]model.RuleKind{model.RuleCoverageMax, model.RulePin}},
		{"nobody of barn och unga on a Friday", func(p *model.Problem) {
			p.Rules.UnitMaximums = []model.UnitMaximum{{Unit: scenario.BarnOchUnga, Max: 0}}
		}, []model.RuleKind{model.RuleUnitMaximum, model.RuleUnitMinimum}},
	}
}

// TestVarmdoVariantsExplained solves each variant and checks its
// explanation: the kinds of rule it names, that it fits on one screen,
// and that it is minimal, by the solver itself: the reasons alone clash,
// and without any one of them the rest can all hold.
func TestVarmdoVariantsExplained(t *testing.T) {
	for _, v := range varmdoVariants() {
		t.Run(v.name, func(t *testing.T) {
			p := scenario.Problem()
			v.change(p)
			s, err := Solve(context.Background(), p)
			require.Equal(t, model.Infeasible, s.Status)
			var ie *InfeasibleError
			require.ErrorAs(t, err, &ie)
			require.True(t, errors.Is(err, ErrInfeasible))
			require.True(t, ie.Minimal)
			var kinds []model.RuleKind
			for _, r := range ie.Reasons {
				kinds = append(kinds, r.Rule.Kind)
			}
			slices.Sort(kinds)
			want := slices.Clone(v.kinds)
			slices.Sort(want)
			require.Equal(t, want, slices.Compact(kinds))
			require.NotEmpty(t, ie.Arguments, "a counting argument says why")
			require.NotContains(t, err.Error(), "\n")
			require.LessOrEqual(t, strings.Count(ie.Explain(), "\n"), 25, "one screen:\n%s", ie.Explain())

			in := newInstance(p)
			reasons := reasonInstances(t, in, ie)
			require.False(t, keepsOnly(t, in, reasons), "the reasons alone can all hold")
			for i := range reasons {
				rest := slices.Delete(slices.Clone(reasons), i, i+1)
				require.True(t, keepsOnly(t, in, rest), "without %s the rest still clash", ie.Reasons[i].Text)
			}
		})
	}
}

// keepsOnly reports whether some rota keeps the rule instances keep, every
// other instance dropped: one SAT call on the problem without them.
func keepsOnly(t *testing.T, in *instance, keep []int) bool {
	t.Helper()
	var drop []int
	for i := range in.rules.all {
		if !slices.Contains(keep, i) {
			drop = append(drop, i)
		}
	}
	e := newEncoding(in.without(drop), encodeOptions{})
	out, err := e.ses.Solve(context.Background(), []z.Lit{e.all})
	require.NoError(t, err)
	return out == engine.Sat
}

// TestRelaxVarmdoVariants relaxes each variant: those whose least
// relaxation is one instance to the proven least with an optimal
// schedule, the others with a deadline. Whatever the search reaches is a
// relaxation that keeps every rule instance it does not drop, and says
// what to change.
func TestRelaxVarmdoVariants(t *testing.T) {
	proven := map[string]bool{"2 seniors a Friday": true, "two work pins a week apart": true, "five work pins on a Friday of four": true}
	for _, v := range varmdoVariants() {
		t.Run(v.name, func(t *testing.T) {
			p := scenario.Problem()
			v.change(p)
			ctx := context.Background()
			if !proven[v.name] {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, time.Second)
				defer cancel()
			}
			rel, err := Relax(ctx, p)
			if err != nil {
				require.ErrorIs(t, err, context.DeadlineExceeded)
			}
			require.NotNil(t, rel.Schedule)
			require.Positive(t, rel.Weight)
			require.Len(t, rel.Dropped, rel.Weight, "every instance weighs 1")
			require.NotEmpty(t, rel.Changes)
			require.Empty(t, model.CheckRelaxed(p, rel.Schedule, rel.Rules()))
			if proven[v.name] {
				require.NoError(t, err)
				require.True(t, rel.Least)
				require.Equal(t, 1, rel.Weight)
				require.Equal(t, model.Optimal, rel.Schedule.Status)
			}
		})
	}
}

// officeVariants are infeasible changes to the bench's 120-staff office.
func officeVariants() []varmdoVariant {
	return []varmdoVariant{
		{"M office, 9 weeks' spacing", func(p *model.Problem) { p.Rules.Spacing.Weeks = 9 }, nil},
		{"M office, 3 times the seniors", func(p *model.Problem) {
			for i := range p.Rules.RoleMinimums {
				p.Rules.RoleMinimums[i].Min *= 3
			}
		}, nil},
	}
}

// BenchmarkExplain measures the time to a minimal explanation on the
// infeasible variants of the Värmdö office and of the bench's 120-staff
// office, and reports the size of the explanation.
func BenchmarkExplain(b *testing.B) {
	cases := varmdoVariants()
	for i := range cases {
		change := cases[i].change
		cases[i].change = func(p *model.Problem) {
			*p = *scenario.Problem()
			change(p)
		}
	}
	for _, v := range officeVariants() {
		change := v.change
		v.change = func(p *model.Problem) {
			office, err := gen.Office(gen.M, 1)
			if err != nil {
				b.Fatal(err)
			}
			*p = *office
			change(p)
		}
		cases = append(cases, v)
	}
	for _, v := range cases {
		b.Run(strings.ReplaceAll(v.name, " ", "_"), func(b *testing.B) {
			p := &model.Problem{}
			v.change(p)
			var ie *InfeasibleError
			for b.Loop() {
				_, err := Solve(context.Background(), p)
				if !errors.As(err, &ie) || !ie.Minimal {
					b.Fatalf("no minimal explanation: %v", err)
				}
			}
			b.ReportMetric(float64(len(ie.Reasons)), "reasons")
		})
	}
}

// TestExplanationWithinSpan: on an office whose whole encoding passes
// spanExplainBytes (the bench's M office at 8 weeks' spacing and n/5),
// the explanation is sought within the span that clashes by counting. It
// must still be proven minimal: the reasons alone clash, by counting
// here (the dates' coverage grades ask for more duties than the people
// can give, once each under their spacing, on dates within one
// spacing), and without any one of them (the first, the middle and the
// last of them) a SAT call finds a rota that keeps the rest.
func TestExplanationWithinSpan(t *testing.T) {
	p, err := gen.Office(gen.M, 3)
	require.NoError(t, err)
	p.Rules.Spacing.Weeks = 8
	p.Rules.Coverage.PerDate = len(p.Staff) / 5
	in := newInstance(p)
	require.NotNil(t, spanClash(in))

	ie := minimalExplanation(t, p)
	reasons := reasonInstances(t, in, ie)
	asked, spaced := map[model.Date]int{}, map[string]bool{}
	for _, r := range ie.Reasons {
		switch r.Rule.Kind {
		case model.RuleCoverage:
			asked[r.Rule.Date] = max(asked[r.Rule.Date], r.Rule.Count)
		case model.RuleSpacing:
			spaced[r.Rule.Staff] = true
		default:
			t.Fatalf("a span's explanation names coverage and spacing, not %v", r.Rule)
		}
	}
	var first, last model.Date
	need := 0
	for d, k := range asked {
		need += k
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	require.Less(t, first.DaysUntil(last), 7*p.Rules.Spacing.Weeks, "the dates lie within one spacing")
	can := 0
	for s, st := range p.Staff {
		free := 0
		for f, d := range in.dates {
			if asked[d] > 0 && in.avail[s][f] {
				free++
			}
		}
		if spaced[st.ID] {
			free = min(free, 1)
		}
		can += free
	}
	require.Less(t, can, need, "the reasons alone clash by counting")

	keeps := func(keep []int) bool {
		sub := in.keeping(slices.Sorted(slices.Values(keep)))
		e := newEncoding(sub, encodeOptions{})
		all := make([]int, len(sub.rules.all))
		for i := range all {
			all[i] = i
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		out, err := e.ses.Solve(ctx, e.guards(all))
		require.NoError(t, err)
		return out == engine.Sat
	}
	const samples = 3 // each call is an encoding of 120 people
	for j := range samples {
		i := j * (len(reasons) - 1) / (samples - 1)
		rest := slices.Delete(slices.Clone(reasons), i, i+1)
		require.True(t, keeps(rest), "without %s the rest still clash", ie.Reasons[i].Text)
	}
}

// TestExplanationWithinGroupSpan: on the bench's S office at 8 weeks'
// spacing and n/5 the clash is one role's, its seven seniors on eight
// dates, found and shrunk by flows alone; the result must be proven
// minimal as the solver's SAT calls see it: the reasons alone clash, and
// without any one of them the rest can all hold.
func TestExplanationWithinGroupSpan(t *testing.T) {
	p, err := gen.Office(gen.S, 3)
	require.NoError(t, err)
	p.Rules.Spacing.Weeks = 8
	p.Rules.Coverage.PerDate = len(p.Staff) / 5
	in := newInstance(p)
	require.NotNil(t, groupSpanClash(in))

	ie := minimalExplanation(t, p)
	reasons := reasonInstances(t, in, ie)
	kinds := map[model.RuleKind]bool{}
	for _, r := range ie.Reasons {
		kinds[r.Rule.Kind] = true
	}
	require.Equal(t, map[model.RuleKind]bool{model.RuleRoleMinimum: true, model.RuleSpacing: true}, kinds)
	require.False(t, keepsOnly(t, in, reasons), "the reasons alone can all hold")
	for i := range reasons {
		rest := slices.Delete(slices.Clone(reasons), i, i+1)
		require.True(t, keepsOnly(t, in, rest), "without %s the rest still clash", ie.Reasons[i].Text)
	}
}

// minimalExplanation solves p, which must clash, and returns its
// explanation, which must be proven minimal.
func minimalExplanation(t *testing.T, p *model.Problem) *InfeasibleError {
	t.Helper()
	_, err := Solve(context.Background(), p)
	var ie *InfeasibleError
	require.ErrorAs(t, err, &ie)
	require.True(t, ie.Minimal)
	return ie
}

// reasonInstances returns the rule instances of in that ie's reasons
// name, each of which must be one.
func reasonInstances(t *testing.T, in *instance, ie *InfeasibleError) []int {
	t.Helper()
	ids := map[model.Rule]int{}
	for i, r := range in.rules.all {
		ids[r.id(in)] = i
	}
	var out []int
	for _, r := range ie.Reasons {
		i, ok := ids[r.Rule]
		require.True(t, ok, "reason %v is no rule instance", r.Rule)
		out = append(out, i)
	}
	return out
}
