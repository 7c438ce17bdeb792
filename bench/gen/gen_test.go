package gen_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/baseline"
	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// shape is what a size promises.
type shape struct {
	staff, dates, perDate, units, unitMinimums, seniorMin int
}

var shapes = map[gen.Size]shape{
	gen.S:  {28, 30, 4, 4, 1, 1},
	gen.ST: {28, 30, 4, 4, 2, 1},
	gen.M:  {120, 52, 17, 8, 2, 3},
	gen.MT: {120, 52, 17, 8, 3, 3},
	gen.L:  {500, 52, 71, 20, 2, 12},
	gen.XL: {2000, 52, 286, 80, 2, 48},
}

func office(t testing.TB, size gen.Size, seed int64) *model.Problem {
	t.Helper()
	p, err := gen.Office(size, seed)
	require.NoError(t, err)
	return p
}

func TestOfficeShape(t *testing.T) {
	for _, size := range gen.Sizes() {
		for seed := int64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", size, seed), func(t *testing.T) {
				if size == gen.XL && (testing.Short() || seed > 1) {
					t.Skip("XL: one seed, and none in -short")
				}
				p := office(t, size, seed)
				require.NoError(t, p.Validate())
				want := shapes[size]
				dates := p.Period.DutyDates()
				assert.Len(t, p.Staff, want.staff)
				assert.Len(t, dates, want.dates)
				assert.Len(t, p.Units, want.units)
				assert.Equal(t, want.perDate, p.Rules.Coverage.PerDate)
				assert.Len(t, p.Rules.UnitMinimums, want.unitMinimums)
				require.Len(t, p.Rules.RoleMinimums, 1)
				assert.Equal(t, model.RoleMinimum{Role: gen.SeniorRole, Min: want.seniorMin}, p.Rules.RoleMinimums[0])
				assert.Equal(t, 4, p.Rules.Spacing.Weeks)
				assert.Equal(t, fmt.Sprintf("%s-seed%d", size, seed), p.Name)

				// Every duty date is a Friday, and S is the trial period.
				for _, d := range dates {
					assert.Equal(t, time.Friday, d.Weekday(), "%s", d)
				}
				if size == gen.S || size == gen.ST {
					assert.Equal(t, model.MustDate("2023-11-17"), dates[0])
					assert.Equal(t, model.MustDate("2024-06-14"), dates[len(dates)-1])
				} else {
					assert.Equal(t, model.MustDate("2025-01-03"), dates[0])
				}

				seniors, offFriday, partTime := 0, 0, 0
				for _, st := range p.Staff {
					if slices.Contains(st.Roles, gen.SeniorRole) {
						seniors++
					}
					if slices.Contains(st.OffWeekdays, model.Weekday(time.Friday)) {
						offFriday++
					} else if st.Percent != 0 && st.Percent < 100 {
						partTime++
					}
				}
				assert.InDelta(t, 0.25, float64(seniors)/float64(want.staff), 0.05, "seniors %d", seniors)
				assert.GreaterOrEqual(t, offFriday, 1, "people off on Fridays")
				assert.GreaterOrEqual(t, partTime, 2, "part-timers")

				kinds := map[model.AbsenceKind]int{}
				for _, a := range p.Absences {
					kinds[a.Kind]++
				}
				assert.Positive(t, kinds[model.Vacation], "vacations")
				assert.GreaterOrEqual(t, kinds[model.ParentalLeave]+kinds[model.SickLeave], 2, "long leaves")

				// Requests on about a tenth of the available person-dates,
				// weights 1 to 5, no two on one person-date.
				avail := availablePersonDates(p)
				assert.InDelta(t, 0.10, float64(len(p.Requests))/float64(avail), 0.025,
					"%d requests on %d available person-dates", len(p.Requests), avail)
				type pd struct {
					s string
					d model.Date
				}
				seen := map[pd]bool{}
				for _, q := range p.Requests {
					assert.True(t, q.Weight >= 1 && q.Weight <= 5, "weight %d", q.Weight)
					assert.False(t, seen[pd{q.Staff, q.Date}], "two requests of %s on %s", q.Staff, q.Date)
					seen[pd{q.Staff, q.Date}] = true
				}
			})
		}
	}
}

// availablePersonDates counts the person-dates on which someone is
// available, by the Definitions.
func availablePersonDates(p *model.Problem) int {
	absences := map[string][]model.Absence{}
	for _, a := range p.Absences {
		absences[a.Staff] = append(absences[a.Staff], a)
	}
	n := 0
	for _, st := range p.Staff {
	dates:
		for _, d := range p.Period.DutyDates() {
			if (!st.Start.IsZero() && d.Before(st.Start)) || (!st.End.IsZero() && d.After(st.End)) ||
				slices.Contains(st.OffWeekdays, model.Weekday(d.Weekday())) {
				continue
			}
			for _, a := range absences[st.ID] {
				if !d.Before(a.First) && !d.After(a.Last) {
					continue dates
				}
			}
			n++
		}
	}
	return n
}

func TestOfficeIsDeterministic(t *testing.T) {
	for _, size := range gen.Sizes() {
		t.Run(string(size), func(t *testing.T) {
			if size == gen.XL && testing.Short() {
				t.Skip("XL in -short")
			}
			write := func(seed int64) []byte {
				var buf bytes.Buffer
				require.NoError(t, gen.Write(&buf, office(t, size, seed)))
				return buf.Bytes()
			}
			a, b := write(7), write(7)
			assert.True(t, bytes.Equal(a, b), "seed 7 twice gave different bytes")
			if size != gen.XL {
				assert.False(t, bytes.Equal(a, write(8)), "seeds 7 and 8 gave the same bytes")
			}
		})
	}
}

// TestOfficeIsFeasible proves each instance feasible: the greedy baseline
// finds a rota that keeps every hard rule, by model.Check. It also shows
// the optimum deviation: 0 on S, M and L, and on ST and MT the counting
// bound of TestTightUnitBound, reached by Greedy or else by local search.
func TestOfficeIsFeasible(t *testing.T) {
	for _, tc := range []struct {
		size  gen.Size
		seeds int64
		d     int // the optimum deviation
	}{
		{gen.S, 10, 0}, {gen.ST, 10, 1}, {gen.M, 4, 0}, {gen.MT, 4, 3}, {gen.L, 2, 0},
	} {
		for seed := int64(1); seed <= tc.seeds; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", tc.size, seed), func(t *testing.T) {
				if tc.size == gen.L && testing.Short() {
					t.Skip("L in -short")
				}
				p := office(t, tc.size, seed)
				s, err := baseline.Greedy{}.Run(context.Background(), p)
				require.NoError(t, err)
				require.Equal(t, model.Feasible, s.Status)
				assert.Empty(t, model.Check(p, s))
				require.GreaterOrEqual(t, s.Objective.Deviation, tc.d)
				if s.Objective.Deviation == tc.d {
					return
				}
				ls := baseline.LocalSearch{Seed: 1, Moves: 20_000, TimeLimit: -1}
				s, err = ls.Run(context.Background(), p)
				require.NoError(t, err)
				assert.Empty(t, model.Check(p, s))
				assert.Equal(t, tc.d, s.Objective.Deviation, "local search")
			})
		}
	}
}

func TestSpecs(t *testing.T) {
	for _, size := range gen.Sizes() {
		sp, err := size.Spec()
		require.NoError(t, err)
		assert.Equal(t, string(size), sp.Name)
	}
	_, err := gen.Size("XXL").Spec()
	assert.ErrorContains(t, err, `"XXL"`)
	_, err = gen.Office("XXL", 1)
	assert.ErrorContains(t, err, `"XXL"`)

	valid := gen.Spec{Name: "custom", Staff: 70, Start: model.MustDate("2026-01-02"), Dates: 20, Units: 5}
	p, err := gen.Generate(valid, 3)
	require.NoError(t, err)
	assert.Len(t, p.Period.DutyDates(), 20)
	assert.Equal(t, 10, p.Rules.Coverage.PerDate)
	assert.Equal(t, "mottagning-2", p.Units[4].ID)

	for _, tc := range []struct {
		name  string
		edit  func(*gen.Spec)
		field string
	}{
		{"too few staff", func(s *gen.Spec) { s.Staff = 3 }, "spec.Staff = 3"},
		{"no start", func(s *gen.Spec) { s.Start = model.Date{} }, "spec.Start"},
		{"no dates", func(s *gen.Spec) { s.Dates = 0 }, "spec.Dates = 0"},
		{"end before start", func(s *gen.Spec) { s.End = model.MustDate("2025-01-01") }, "spec.End = 2025-01-01"},
		{"too many units", func(s *gen.Spec) { s.Units = 15 }, "spec.Units = 15"},
		{"no units", func(s *gen.Spec) { s.Units = 0 }, "spec.Units = 0"},
		{"too many per date", func(s *gen.Spec) { s.PerDate = 30 }, "spec.PerDate = 30"},
		{"tight unit too big", func(s *gen.Spec) { s.TightUnit, s.TightBound = 11, 1 }, "spec.TightUnit = 11"},
		{"tight unit too small", func(s *gen.Spec) { s.TightUnit, s.TightBound = 3, 1 }, "spec.TightUnit = 3"},
		{"bound without unit", func(s *gen.Spec) { s.TightBound = 2 }, "spec.TightBound = 2"},
		{"unit without bound", func(s *gen.Spec) { s.TightUnit = 5 }, "spec.TightBound = 0"},
		{"bound out of reach", func(s *gen.Spec) { s.TightUnit, s.TightBound = 9, 10 }, "spec.TightBound = 10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := valid
			tc.edit(&sp)
			p, err := gen.Generate(sp, 1)
			assert.Nil(t, p)
			assert.ErrorContains(t, err, tc.field)
		})
	}
}

// TestGenerateRandomSpecs draws specs across the whole range Generate
// accepts: each gives a valid problem or an error in the spec's terms,
// never a panic or an invalid problem.
func TestGenerateRandomSpecs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	generated := 0
	for i := range 60 {
		sp := gen.Spec{Name: fmt.Sprint("random", i), Staff: 14 + r.IntN(300),
			Start: model.MustDate("2024-01-01").AddDays(r.IntN(800))}
		if r.IntN(2) == 0 {
			sp.Dates = 1 + r.IntN(80)
		} else {
			sp.End = sp.Start.AddDays(r.IntN(500))
		}
		sp.Units = 1 + r.IntN(sp.Staff/5)
		if r.IntN(2) == 0 {
			sp.PerDate = r.IntN(sp.Staff/5 + 1)
		}
		if r.IntN(3) == 0 {
			sp.TightUnit, sp.TightBound = 4+r.IntN(7), 1+r.IntN(4)
		}
		t.Run(sp.Name, func(t *testing.T) {
			p, err := gen.Generate(sp, int64(i))
			if err != nil {
				assert.Nil(t, p)
				t.Log(err)
				assert.NotContains(t, err.Error(), "a bug")
				assert.Regexp(t, `spec\.|gen: `, err.Error())
				return
			}
			generated++
			assert.NoError(t, p.Validate())
			assert.Len(t, p.Staff, sp.Staff)
		})
	}
	assert.Greater(t, generated, 30, "most random specs should generate")
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want gen.Size
		err  bool
	}{
		{"S", gen.S, false}, {"xl", gen.XL, false}, {"Mt", gen.MT, false}, {"", "", true}, {"XXL", "", true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := gen.ParseSize(tc.in)
			if tc.err {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	for _, size := range []gen.Size{gen.S, gen.MT} {
		t.Run(string(size), func(t *testing.T) {
			p := office(t, size, 2)
			var buf bytes.Buffer
			require.NoError(t, gen.Write(&buf, p))
			assert.True(t, strings.HasSuffix(buf.String(), "}\n"))
			assert.Contains(t, buf.String(), "\n  \"period\": {\n", "indented")
			q, err := gen.Read(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			assert.Equal(t, p, q)

			name := filepath.Join(t.TempDir(), "p.json")
			require.NoError(t, gen.WriteFile(name, p))
			r, err := gen.ReadFile(name)
			require.NoError(t, err)
			assert.Equal(t, p, r)
		})
	}
}

func TestReadErrors(t *testing.T) {
	var valid bytes.Buffer
	require.NoError(t, gen.Write(&valid, office(t, gen.S, 1)))
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", "EOF"},
		{"not JSON", "rota", "invalid character"},
		{"unknown field", `{"staf": []}`, `unknown field "staf"`},
		{"trailing data", valid.String() + "{}", "trailing data"},
		{"invalid problem", `{"period": {"start": "2024-01-05", "end": "2024-01-01"}, "staff": []}`, "period.end"},
		{"bad date", `{"period": {"start": "2024-13-05"}}`, "2024-13-05"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := gen.Read(strings.NewReader(tc.in))
			assert.Nil(t, p)
			assert.ErrorContains(t, err, tc.want)
		})
	}
	_, err := gen.ReadFile(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorContains(t, err, "missing.json")
	assert.Error(t, gen.Write(&bytes.Buffer{}, nil))
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	p, err := gen.Office(gen.S, 1)
	require.NoError(f, err)
	require.NoError(f, gen.Write(&buf, p))
	f.Add(buf.Bytes())
	f.Add([]byte(`{"period": {"start": "2024-01-05", "end": "2024-01-05"}, "staff": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := gen.Read(bytes.NewReader(in))
		if err != nil {
			return
		}
		// What Read accepts, Write writes and Read reads back the same.
		var out bytes.Buffer
		require.NoError(t, gen.Write(&out, p))
		q, err := gen.Read(&out)
		require.NoError(t, err)
		assert.Equal(t, p, q)
	})
}
