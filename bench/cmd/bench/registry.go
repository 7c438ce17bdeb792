package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/bench/baseline"
	"github.com/rostersat/rostersat/bench/peer"
	"github.com/rostersat/rostersat/bench/report"
)

// entry is a registered runner.
type entry struct {
	name string
	kind string // one of report.Kind*
	// inAll says whether "-runners all" includes it; option variants of
	// the solver are left out and must be named.
	inAll bool
	doc   string
	make  func() bench.Runner
}

// registry lists the runners by name. sat.go adds the solver's entries.
var registry = map[string]entry{}

func register(e entry) { registry[e.name] = e }

func init() {
	register(entry{name: "cbc", kind: report.KindPeer, inAll: true,
		doc:  "COIN-OR CBC on the two-stage MIP of bench/peer (skipped when cbc is not on PATH)",
		make: func() bench.Runner { return &peer.CBC{} }})
	register(entry{name: "gophersat", kind: report.KindPeer, inAll: true,
		doc:  "pure-Go gophersat on the pseudo-Boolean model of bench/peer",
		make: func() bench.Runner { return peer.Gophersat{} }})
	for _, r := range baseline.All() {
		r := r
		register(entry{name: r.Name(), kind: report.KindBaseline, inAll: true,
			doc:  "heuristic baseline of bench/baseline",
			make: func() bench.Runner { return r }})
	}
}

// names returns every registered name in order: solver, peers, baselines.
func names() []string {
	order := map[string]int{report.KindSolver: 0, report.KindPeer: 1, report.KindBaseline: 2}
	var out []string
	for n := range registry {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := registry[out[i]], registry[out[j]]
		if order[a.kind] != order[b.kind] {
			return order[a.kind] < order[b.kind]
		}
		return a.name < b.name
	})
	return out
}

// selectRunners reads the -runners flag: "all", or a comma list that may
// also contain "all".
func selectRunners(list string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
		case f == "all":
			for _, n := range names() {
				if registry[n].inAll {
					add(n)
				}
			}
		default:
			if _, ok := registry[f]; !ok {
				return nil, fmt.Errorf("runner %q: want all or some of %s", f, strings.Join(names(), ", "))
			}
			add(f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no runner selected")
	}
	return out, nil
}
