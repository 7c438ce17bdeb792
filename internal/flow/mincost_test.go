package flow

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// edgeSpec is an edge of a random layered graph.
type edgeSpec struct {
	u, v      int
	cap, cost int64
}

// bruteMinCost tries every integer flow on every edge (each from 0 to
// its capacity) and returns the largest value from s to t that keeps
// conservation at the other nodes, at the least cost.
func bruteMinCost(nodes int, edges []edgeSpec, s, t int) (value, cost int64) {
	flow := make([]int64, len(edges))
	value, cost = -1, 0
	var try func(i int)
	try = func(i int) {
		if i < len(edges) {
			for x := int64(0); x <= edges[i].cap; x++ {
				flow[i] = x
				try(i + 1)
			}
			return
		}
		balance := make([]int64, nodes)
		var c int64
		for j, e := range edges {
			balance[e.u] -= flow[j]
			balance[e.v] += flow[j]
			c += flow[j] * e.cost
		}
		for v, b := range balance {
			if v != s && v != t && b != 0 {
				return
			}
		}
		if v := balance[t]; v > value || (v == value && c < cost) {
			value, cost = v, c
		}
	}
	try(0)
	return value, cost
}

// TestMinCostAgainstBruteForce: random layered graphs (source, two
// middle layers, sink), costs of either sign on the last layer as the
// caseload's floors have, against every integer flow.
func TestMinCostAgainstBruteForce(t *testing.T) {
	tested := 0
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 7))
		a, b := 1+rng.IntN(3), 1+rng.IntN(3)
		nodes := 2 + a + b
		s, tt := 0, 1
		var edges []edgeSpec
		add := func(u, v int, neg bool) {
			cost := int64(rng.IntN(4))
			if neg && rng.IntN(3) == 0 {
				cost = -int64(1 + rng.IntN(5))
			}
			edges = append(edges, edgeSpec{u, v, int64(rng.IntN(3)), cost})
		}
		for i := range a {
			add(s, 2+i, false)
			for j := range b {
				if rng.IntN(2) == 0 {
					add(2+i, 2+a+j, false)
				}
			}
		}
		for j := range b {
			add(2+a+j, tt, true)
			if rng.IntN(2) == 0 {
				add(2+a+j, tt, true) // parallel edges, as floor and rest are
			}
		}
		if len(edges) > 10 {
			continue // keep the brute force small
		}
		tested++
		g := New(nodes, len(edges))
		ids := make([]int, len(edges))
		for i, e := range edges {
			ids[i] = g.Edge(e.u, e.v, e.cap, e.cost)
		}
		value, cost, err := g.Run(context.Background(), s, tt)
		require.NoError(t, err)
		wantValue, wantCost := bruteMinCost(nodes, edges, s, tt)
		require.Equal(t, wantValue, value, "seed %d: value", seed)
		require.Equal(t, wantCost, cost, "seed %d: cost", seed)
		var sum int64
		for i, e := range edges {
			x := g.Flow(ids[i])
			require.True(t, x >= 0 && x <= e.cap, "seed %d: flow %d on an edge of capacity %d", seed, x, e.cap)
			sum += x * e.cost
		}
		require.Equal(t, cost, sum, "seed %d: the edges' flows cost what Run says", seed)
	}
	require.Greater(t, tested, 1000, "graphs small enough for the brute force")
}

func TestMinCostStopsOnContext(t *testing.T) {
	g := New(2, 1)
	g.Edge(0, 1, 5, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := g.Run(ctx, 0, 1)
	require.ErrorIs(t, err, context.Canceled)
}
