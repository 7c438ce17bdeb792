package baseline

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// TestLocalSearchRepairs starts the search from rotas that break hard
// rules, as Greedy's would when it has to give up spacing, and checks
// that the search mends them.
func TestLocalSearchRepairs(t *testing.T) {
	friday := func(i int) model.Date { return model.MustDate("2024-01-05").AddDays(7 * i) }
	for _, tc := range []struct {
		name  string
		edit  func(*model.Problem)
		start [][]int // people on duty per date
	}{
		{"spacing", func(p *model.Problem) { p.Rules.Spacing.Weeks = 2 },
			[][]int{{0}, {0}, {0}, {0}, {0}, {0}}},
		{"window", func(p *model.Problem) { p.Rules.Windows = []model.Window{{Weeks: 3, Max: 1}} },
			[][]int{{0}, {1}, {1}, {0}, {2}, {2}}},
		{"role minimum", func(p *model.Problem) {
			p.Roles = []model.Role{{ID: "senior"}}
			p.Staff[3].Roles = []string{"senior"}
			p.Staff[2].Roles = []string{"senior"}
			p.Rules.RoleMinimums = []model.RoleMinimum{{Role: "senior", Min: 1}}
		}, [][]int{{0}, {1}, {2}, {0}, {1}, {3}}},
		{"pinned person stays", func(p *model.Problem) {
			p.Rules.Spacing.Weeks = 2
			p.Pins = []model.Pin{{Staff: "a", Date: friday(1), Work: true}}
		}, [][]int{{0}, {0}, {0}, {1}, {2}, {3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &model.Problem{
				Period: model.Period{Start: friday(0), End: friday(5)},
				Staff:  []model.Staff{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
				Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1}},
			}
			tc.edit(p)
			require.NoError(t, p.Validate())
			st := newState(newInstance(p))
			for f, ps := range tc.start {
				for _, s := range ps {
					st.add(s, f)
				}
			}
			require.NotEmpty(t, st.broken(), "the start must break a rule")
			ls := newSearch(st, 1, DefaultSample)
			require.Positive(t, ls.hard)
			require.NoError(t, ls.run(context.Background(), 2000, time.Now(), -1))
			assert.Zero(t, ls.hard)
			assert.Empty(t, st.broken())
			s, err := st.schedule(time.Now())
			require.NoError(t, err)
			assert.Empty(t, model.Check(p, s))
			// The counters the search kept agree with a fresh count.
			fresh := newSearch(st, 1, DefaultSample)
			assert.Equal(t, fresh.now(), ls.now())
			assert.Equal(t, fresh.pen, ls.pen)
			assert.Equal(t, fresh.cnt, ls.cnt)
		})
	}
}

// TestSearchCountersStayExact runs the search on a generated office with
// windows and pins added and compares every counter it keeps move by move
// with a count from scratch.
func TestSearchCountersStayExact(t *testing.T) {
	p, err := gen.Office(gen.ST, 4)
	require.NoError(t, err)
	p.Rules.Windows = []model.Window{{Weeks: 10, Max: 2}}
	dates := p.Period.DutyDates()
	p.Pins = []model.Pin{{Staff: p.Staff[1].ID, Date: dates[5]}, {Staff: p.Staff[2].ID, Date: dates[6]}}
	require.NoError(t, p.Validate())
	in := newInstance(p)
	st, err := greedy(context.Background(), in)
	require.NoError(t, err)
	ls := newSearch(st, 7, DefaultSample)
	for range 20 {
		require.NoError(t, ls.run(context.Background(), 150, time.Now(), -1))
		fresh := newSearch(st, 7, DefaultSample)
		require.Equal(t, fresh.now(), ls.now())
		require.Equal(t, fresh.pen, ls.pen)
		require.Equal(t, fresh.cnt, ls.cnt)
		require.Equal(t, fresh.hist, ls.hist)
		require.ElementsMatch(t, fresh.off, ls.off)
		require.Equal(t, st.deviation(), ls.d)
		require.Equal(t, st.requestCost(), ls.w)
	}
}
