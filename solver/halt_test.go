package solver

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestHaltOutlasts(t *testing.T) {
	withEnd := func(timeout time.Duration) (*halt, context.Context, func()) {
		parent, cancelParent := context.WithTimeout(context.Background(), timeout)
		ctx, end := context.WithCancelCause(parent)
		return &halt{ctx: ctx, end: end}, ctx, func() { end(nil); cancelParent() }
	}
	t.Run("a step that fits goes on", func(t *testing.T) {
		h, ctx, done := withEnd(time.Hour)
		defer done()
		require.False(t, h.outlasts(time.Millisecond))
		require.NoError(t, ctx.Err())
	})
	t.Run("a step that cannot end in time ends the call as its deadline would", func(t *testing.T) {
		h, ctx, done := withEnd(time.Hour)
		defer done()
		require.True(t, h.outlasts(2*time.Hour))
		require.True(t, h.stopped())
		require.Error(t, ctx.Err())
		require.ErrorIs(t, context.Cause(ctx), context.DeadlineExceeded)
	})
	t.Run("no deadline, no guess", func(t *testing.T) {
		ctx, end := context.WithCancelCause(context.Background())
		defer end(nil)
		h := &halt{ctx: ctx, end: end}
		require.False(t, h.outlasts(1000*time.Hour))
		require.NoError(t, ctx.Err())
	})
	t.Run("without an end it only reads ctx", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		h := &halt{ctx: ctx}
		require.False(t, h.outlasts(2*time.Hour))
		cancel()
		require.True(t, h.outlasts(0))
	})
	t.Run("a nil halt never stops", func(t *testing.T) {
		var h *halt
		require.False(t, h.outlasts(1000*time.Hour))
	})
}

func TestPinnedOnFollowsThePins(t *testing.T) {
	l := limits{pin: grid[int8](3, 2), pinnedOn: make([]int, 2)}
	l.setPin(0, 1, 1)
	l.setPin(1, 1, 1)
	l.setPin(2, 0, -1)
	require.Equal(t, []int{0, 2}, l.pinnedOn)
	l.setPin(1, 1, -1) // pinned off after on
	l.setPin(0, 1, 1)  // the same pin twice counts once
	require.Equal(t, []int{0, 1}, l.pinnedOn)
	l.setPin(0, 1, 0)
	require.Equal(t, []int{0, 0}, l.pinnedOn)
}

func TestGridRowsStayApart(t *testing.T) {
	g := grid[int](2, 2)
	g[0] = append(g[0], 7) // past its row: must not write into the next
	g[1][0] = 1
	require.Equal(t, []int{1, 0}, g[1])
	require.Equal(t, []int{0, 0, 7}, g[0])
}
