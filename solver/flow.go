package solver

// maxflow is Dinic's algorithm on an adjacency-list graph. It is small and
// self-contained because the bounds need nothing more.
type maxflow struct {
	head  []int32 // first edge of each node, -1 for none
	next  []int32 // next edge of the same tail
	to    []int32
	cap   []int32
	level []int32
	iter  []int32
	queue []int32
	halt  *halt  // stops run early, with a flow that is not maximal
	steps uint32 // edges looked at, for tick
}

// haltEdges is how many edges the searches look at between two reads of
// the halt's context. Asking once a node is not enough: at the largest
// size a date has 20,000 edges, scattered in memory, and 256 such dates
// between two reads took 100-350 ms (the calls that ran past their
// deadline were all there). 4,096 edges take some 50-200 us.
const haltEdges = 4096

// tick counts one edge looked at and reports whether to stop: once the
// halt has stopped, at every edge, so that a search unwinding from deep
// inside does not go on in the nodes above.
func (g *maxflow) tick() bool {
	if g.steps++; g.steps%haltEdges == 0 {
		return g.halt.check()
	}
	return g.halt.stopped()
}

// newMaxflow makes a graph of nodes, with room for about edges edges.
func newMaxflow(nodes, edges int) *maxflow {
	g := &maxflow{}
	g.reset(nodes, edges)
	return g
}

// reset empties g into a graph of nodes with room for about edges edges,
// keeping its memory where it has room.
func (g *maxflow) reset(nodes, edges int) {
	g.head = fill(g.head, nodes, -1)
	g.next = resize(g.next, 2*edges)[:0]
	g.to = resize(g.to, 2*edges)[:0]
	g.cap = resize(g.cap, 2*edges)[:0]
}

// edge adds u->v with capacity c and its residual twin.
func (g *maxflow) edge(u, v, c int) {
	for _, e := range [2][3]int{{u, v, c}, {v, u, 0}} {
		g.to = append(g.to, int32(e[1]))
		g.cap = append(g.cap, int32(e[2]))
		g.next = append(g.next, g.head[e[0]])
		g.head[e[0]] = int32(len(g.to) - 1)
	}
}

func (g *maxflow) bfs(s, t int) bool {
	g.level = fill(g.level, len(g.head), -1)
	g.queue = append(g.queue[:0], int32(s))
	g.level[s] = 0
	for i := 0; i < len(g.queue); i++ {
		if g.halt.now() {
			return false // one search of the whole graph outlasts a deadline
		}
		u := g.queue[i]
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if g.tick() {
				return false
			}
			if v := g.to[e]; g.cap[e] > 0 && g.level[v] < 0 {
				g.level[v] = g.level[u] + 1
				g.queue = append(g.queue, v)
			}
		}
	}
	return g.level[t] >= 0
}

func (g *maxflow) dfs(u, t int32, f int32) int32 {
	if u == t {
		return f
	}
	if g.halt.now() {
		return 0 // one augmenting search can visit most of the graph
	}
	for ; g.iter[u] >= 0; g.iter[u] = g.next[g.iter[u]] {
		if g.tick() {
			return 0
		}
		e := g.iter[u]
		v := g.to[e]
		if g.cap[e] > 0 && g.level[v] == g.level[u]+1 {
			if d := g.dfs(v, t, min(f, g.cap[e])); d > 0 {
				g.cap[e] -= d
				g.cap[e^1] += d
				return d
			}
		}
	}
	return 0
}

// run returns the maximum flow from s to t.
func (g *maxflow) run(s, t int) int {
	total := 0
	for !g.halt.now() && g.bfs(s, t) {
		g.iter = append(g.iter[:0], g.head...)
		for !g.halt.now() {
			f := g.dfs(int32(s), int32(t), 1<<30)
			if f == 0 {
				break
			}
			total += int(f)
		}
	}
	return total
}

// fill returns b with length n, every entry v, reusing its memory.
func fill(b []int32, n int, v int32) []int32 {
	b = resize(b, n)
	for i := range b {
		b[i] = v
	}
	return b
}

// boundedFlow finds whether a flow exists that meets lower and upper
// bounds on every edge, by the textbook reduction to one max flow.
type boundedFlow struct {
	g      *maxflow
	excess []int
	n      int
}

// reuse empties b for a network of nodes and about edges edges, keeping
// its memory when it has room: the bound's bisection builds one network
// after another of about the same size, 0.5 GB each at the largest size,
// and allocating and clearing a new one each time took a fifth of a whole
// solve there (5.1-5.4 s against 3.8-4.3 s). A nil b makes a new one.
// The reduction adds a source, a sink and an edge per node.
func (b *boundedFlow) reuse(nodes, edges int) *boundedFlow {
	if b == nil {
		b = &boundedFlow{g: &maxflow{}}
	}
	b.g.reset(nodes+2, edges+nodes)
	b.excess = resize(b.excess, nodes)
	clear(b.excess)
	b.n = nodes
	return b
}

// edge adds u->v carrying between lo and hi units and returns a handle
// for reading its flow.
func (b *boundedFlow) edge(u, v, lo, hi int) flowEdge {
	e := flowEdge{index: -1, lo: lo}
	if hi > lo {
		e.index = len(b.g.to)
		e.span = hi - lo
		b.g.edge(u, v, hi-lo)
	}
	b.excess[v] += lo
	b.excess[u] -= lo
	return e
}

// flowEdge identifies an edge of a boundedFlow.
type flowEdge struct {
	index    int // of the residual edge in the max-flow graph, -1 if fixed
	lo, span int
}

// flow returns what e carries in the flow found by feasible.
func (b *boundedFlow) flow(e flowEdge) int {
	if e.index < 0 {
		return e.lo
	}
	return e.lo + e.span - int(b.g.cap[e.index])
}

// feasible reports whether a circulation meets every bound; a source and
// sink must already be joined by an unbounded edge from sink to source.
func (b *boundedFlow) feasible() bool {
	src, dst := b.n, b.n+1
	need := 0
	for v, x := range b.excess {
		switch {
		case x > 0:
			b.g.edge(src, v, x)
			need += x
		case x < 0:
			b.g.edge(v, dst, -x)
		}
	}
	return b.g.run(src, dst) == need
}
