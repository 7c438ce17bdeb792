// Package flow is a minimum-cost flow on a small directed graph, for the
// counting bounds that need more than a count: which of a pool's cases
// can go to which of its workers, within each worker's floor and
// ceiling, and at how few moved cases.
//
// It is successive shortest paths (Dijkstra on reduced costs, with node
// potentials) from one source to one sink. Costs may be negative on
// edges out of nodes that no flow enters before them in the order the
// edges were added (the graphs here are layered: source, groups of cases,
// workers, sink); the first potentials come from one pass of
// Bellman-Ford, so any graph without a negative cycle is right, only
// slower when it is not layered.
package flow
