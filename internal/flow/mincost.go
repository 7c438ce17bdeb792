package flow

import (
	"context"
	"math"
)

// MinCost is a graph for one minimum-cost flow computation.
type MinCost struct {
	head []int32 // first edge out of each node, -1 for none
	next []int32 // next edge out of the same node
	to   []int32
	cap  []int64 // residual capacity
	cost []int64
	heap nodeHeap // dijkstra's, kept between its calls
}

// New makes a graph of nodes nodes (numbered from 0), with room for
// about edges edges.
func New(nodes, edges int) *MinCost {
	g := &MinCost{head: make([]int32, nodes)}
	for i := range g.head {
		g.head[i] = -1
	}
	g.next = make([]int32, 0, 2*edges)
	g.to = make([]int32, 0, 2*edges)
	g.cap = make([]int64, 0, 2*edges)
	g.cost = make([]int64, 0, 2*edges)
	return g
}

// Edge adds u->v with capacity c (at least 0) and cost per unit of flow,
// and returns its number for Flow.
func (g *MinCost) Edge(u, v int, c, cost int64) int {
	id := len(g.to)
	for _, e := range [2]struct {
		u, v int
		c    int64
		cost int64
	}{{u, v, c, cost}, {v, u, 0, -cost}} {
		g.to = append(g.to, int32(e.v))
		g.cap = append(g.cap, e.c)
		g.cost = append(g.cost, e.cost)
		g.next = append(g.next, g.head[e.u])
		g.head[e.u] = int32(len(g.to) - 1)
	}
	return id
}

// Flow is the flow on edge e (a number Edge returned).
func (g *MinCost) Flow(e int) int64 { return g.cap[e^1] }

// Run sends as much flow from s to t as the capacities allow, at the
// least cost among all flows of that value, and returns the value and the
// cost. It stops with ctx's error when ctx ends.
func (g *MinCost) Run(ctx context.Context, s, t int) (value, cost int64, err error) {
	n := len(g.head)
	pot := g.potentials(s)
	dist := make([]int64, n)
	prev := make([]int32, n) // the edge into each node on its shortest path
	for {
		if err := ctx.Err(); err != nil {
			return value, cost, err
		}
		g.dijkstra(s, pot, dist, prev)
		if dist[t] == math.MaxInt64 {
			return value, cost, nil
		}
		for v := range n {
			if dist[v] < math.MaxInt64 {
				pot[v] += dist[v]
			}
		}
		push := int64(math.MaxInt64)
		for v := int32(t); v != int32(s); v = g.to[prev[v]^1] {
			push = min(push, g.cap[prev[v]])
		}
		for v := int32(t); v != int32(s); v = g.to[prev[v]^1] {
			e := prev[v]
			g.cap[e] -= push
			g.cap[e^1] += push
			cost += push * g.cost[e]
		}
		value += push
	}
}

// potentials are the shortest distances from s over edges with room
// (Bellman-Ford in queue order), 0 for nodes s does not reach: reduced
// costs are then at least 0 on every edge with room.
func (g *MinCost) potentials(s int) []int64 {
	n := len(g.head)
	pot := make([]int64, n)
	reached := make([]bool, n)
	queued := make([]bool, n)
	reached[s] = true
	queue := []int32{int32(s)}
	queued[s] = true
	for steps := 0; len(queue) > 0 && steps < n*len(g.to)+1; steps++ {
		u := queue[0]
		queue = queue[1:]
		queued[u] = false
		for e := g.head[u]; e >= 0; e = g.next[e] {
			v := g.to[e]
			if g.cap[e] > 0 && (!reached[v] || pot[u]+g.cost[e] < pot[v]) {
				pot[v] = pot[u] + g.cost[e]
				reached[v] = true
				if !queued[v] {
					queued[v] = true
					queue = append(queue, v)
				}
			}
		}
	}
	return pot
}

// dijkstra finds the shortest paths from s over edges with room, in
// reduced costs; a node s does not reach has distance MaxInt64.
func (g *MinCost) dijkstra(s int, pot, dist []int64, prev []int32) {
	for v := range dist {
		dist[v] = math.MaxInt64
	}
	dist[s] = 0
	h := g.heap[:0]
	h = h.push(item{node: int32(s)})
	for len(h) > 0 {
		var it item
		h, it = h.pop()
		u := it.node
		if it.dist > dist[u] {
			continue
		}
		for e := g.head[u]; e >= 0; e = g.next[e] {
			v := g.to[e]
			if g.cap[e] <= 0 {
				continue
			}
			d := dist[u] + g.cost[e] + pot[u] - pot[v]
			if d < dist[v] {
				dist[v] = d
				prev[v] = e
				h = h.push(item{node: v, dist: d})
			}
		}
	}
	g.heap = h
}

type item struct {
	node int32
	dist int64
}

// nodeHeap is a binary heap of items by distance, the steps of
// container/heap's Push and Pop (so the same order on ties) without its
// interface, whose boxing of every item was a third of a flow's time.
type nodeHeap []item

func (h nodeHeap) push(it item) nodeHeap {
	h = append(h, it)
	for j := len(h) - 1; j > 0; {
		i := (j - 1) / 2
		if i == j || !(h[j].dist < h[i].dist) {
			break
		}
		h[i], h[j] = h[j], h[i]
		j = i
	}
	return h
}

func (h nodeHeap) pop() (nodeHeap, item) {
	n := len(h) - 1
	h[0], h[n] = h[n], h[0]
	for i := 0; ; {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 {
			break
		}
		j := j1
		if j2 := j1 + 1; j2 < n && h[j2].dist < h[j1].dist {
			j = j2
		}
		if !(h[j].dist < h[i].dist) {
			break
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
	return h[:n], h[n]
}
