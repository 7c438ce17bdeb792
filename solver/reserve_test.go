package solver

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

func TestReserveCells(t *testing.T) {
	office := func(staff int, start, end string, weekdays ...model.Weekday) *model.Problem {
		p := &model.Problem{Period: model.Period{Start: model.MustDate(start), End: model.MustDate(end), Weekdays: weekdays}}
		for i := range staff {
			p.Staff = append(p.Staff, model.Staff{ID: fmt.Sprint("s", i)})
		}
		return p
	}
	for _, tc := range []struct {
		name string
		p    *model.Problem
		want int64
	}{
		{"Fridays of a year", office(28, "2024-01-01", "2024-12-31"), 28 * 53},
		{"every day of 1,000 days", office(10, "2024-01-01", "2026-09-26", 0, 1, 2, 3, 4, 5, 6), 10 * 1000},
		{"weekdays named twice count once", office(1, "2024-01-01", "2024-01-14", 5, 5, 1), 2 * 3},
		{"a period past the date limit", office(2, "2000-01-01", "2099-12-31", 0, 1, 2, 3, 4, 5, 6), 2 * model.MaxDutyDates},
		{"an empty period", office(5, "2024-01-02", "2024-01-01"), 0},
		{"no staff", office(0, "2024-01-01", "2024-12-31"), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, reserveCells(tc.p))
		})
	}
}

func TestWithFinishReserve(t *testing.T) {
	big := &model.Problem{Period: model.Period{Start: model.MustDate("2024-01-01"), End: model.MustDate("2026-09-26"),
		Weekdays: []model.Weekday{0, 1, 2, 3, 4, 5, 6}}}
	for i := range model.MaxStaff {
		big.Staff = append(big.Staff, model.Staff{ID: fmt.Sprint("s", i)})
	}
	t.Run("no deadline, no reserve", func(t *testing.T) {
		ctx, cancel := withFinishReserve(context.Background(), big)
		defer cancel()
		_, ok := ctx.Deadline()
		require.False(t, ok)
	})
	t.Run("the reserve of the largest size", func(t *testing.T) {
		parent, cancelParent := context.WithTimeout(context.Background(), time.Hour)
		defer cancelParent()
		ctx, cancel := withFinishReserve(parent, big)
		defer cancel()
		want, _ := parent.Deadline()
		got, ok := ctx.Deadline()
		require.True(t, ok)
		require.Equal(t, time.Duration(model.MaxStaff*1000)*reservePerCell, want.Sub(got))
	})
	t.Run("at most a quarter of the time left", func(t *testing.T) {
		parent, cancelParent := context.WithTimeout(context.Background(), 400*time.Millisecond)
		defer cancelParent()
		ctx, cancel := withFinishReserve(parent, big)
		defer cancel()
		want, _ := parent.Deadline()
		got, _ := ctx.Deadline()
		require.LessOrEqual(t, want.Sub(got), 100*time.Millisecond)
		require.Greater(t, want.Sub(got), time.Duration(0))
	})
	t.Run("the early deadline reads as the caller's", func(t *testing.T) {
		parent, cancelParent := context.WithTimeout(context.Background(), 40*time.Millisecond)
		defer cancelParent()
		ctx, cancel := withFinishReserve(parent, big)
		defer cancel()
		<-ctx.Done()
		require.ErrorIs(t, context.Cause(ctx), context.DeadlineExceeded)
		require.NoError(t, parent.Err(), "the reserve ends the search before the caller's deadline")
	})
}

// TestMaxflowStopsOnHalt: one breadth-first search of a large graph, or
// one augmenting search in it, can outlast a deadline, so each asks the
// halt itself.
func TestMaxflowStopsOnHalt(t *testing.T) {
	const n = 100000
	build := func(h *halt) *maxflow {
		g := newMaxflow(n, n)
		for u := 0; u+1 < n; u++ {
			g.edge(u, u+1, 1)
		}
		g.halt = h
		return g
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	require.Equal(t, 1, build(nil).run(0, n-1), "a path carries one unit")
	require.Equal(t, 0, build(&halt{ctx: ended}).run(0, n-1))

	require.True(t, build(nil).bfs(0, n-1))
	g := build(&halt{ctx: ended})
	require.False(t, g.bfs(0, n-1), "the search stops before it reaches the sink")
	require.True(t, g.halt.stopped())

	g = build(nil)
	require.True(t, g.bfs(0, n-1))
	g.iter = append(g.iter[:0], g.head...)
	g.halt = &halt{ctx: ended}
	require.Zero(t, g.dfs(0, n-1, 1), "the augmenting search stops before it reaches the sink")
	require.True(t, g.halt.stopped())
}

// TestMaxflowStopsInsideANode: a node with far more edges than the halt's
// reading interval (a date at the largest size has 20,000) is not
// scanned to the end once the context has ended.
func TestMaxflowStopsInsideANode(t *testing.T) {
	const leaves = 20 * haltEdges
	g := newMaxflow(leaves+3, leaves+1)
	hub, sink := 1, leaves+2
	g.edge(0, hub, leaves)
	for v := range leaves {
		g.edge(hub, 2+v, 1)
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	g.halt = &halt{ctx: ended}
	require.False(t, g.bfs(0, sink))
	require.True(t, g.halt.stopped())
	reached := 0
	for v := range leaves {
		if g.level[2+v] >= 0 {
			reached++
		}
	}
	require.LessOrEqual(t, reached, haltEdges, "the hub's edges were scanned past the first reading")

	// The augmenting search: the hub's edges all lead nowhere (no
	// capacity) but the last, to the sink.
	g = newMaxflow(leaves+3, leaves+2)
	g.edge(0, hub, 1)
	g.edge(hub, sink, 1)
	for v := range leaves {
		g.edge(hub, 2+v, 0)
	}
	require.True(t, g.bfs(0, sink))
	g.iter = append(g.iter[:0], g.head...)
	g.halt = &halt{ctx: ended}
	require.Zero(t, g.dfs(0, int32(sink), 1), "the augmenting search scanned the hub's edges to the sink")
	require.True(t, g.halt.stopped())
}
