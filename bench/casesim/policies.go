package casesim

import (
	"context"

	"github.com/rostersat/rostersat/model"
)

// RoundRobin gives each new case to the next worker of its unit who may
// hold it, in staff order, whatever their load.
type RoundRobin struct{ next map[string]int }

// Name is "round-robin".
func (*RoundRobin) Name() string { return "round-robin" }

// Assign gives out the new cases; existing cases stay.
func (rr *RoundRobin) Assign(_ context.Context, p *model.CaseProblem) ([]string, error) {
	if rr.next == nil {
		rr.next = map[string]int{}
	}
	f := model.CaseFactsOf(p)
	out := current(p)
	for c, cs := range p.Cases {
		if out[c] != "" || len(f.Candidates[c]) == 0 {
			continue
		}
		k := rr.next[cs.Unit] % len(f.Candidates[c])
		rr.next[cs.Unit]++
		out[c] = p.Staff[f.Candidates[c][k]].ID
	}
	return out, nil
}

// LeastLoaded gives each new case, in arrival order, to the worker who
// may hold it with the fewest points per full-time equivalent, among
// those with room for it if any has room.
type LeastLoaded struct{}

// Name is "least-loaded".
func (LeastLoaded) Name() string { return "least-loaded" }

// Assign gives out the new cases; existing cases stay.
func (LeastLoaded) Assign(_ context.Context, p *model.CaseProblem) ([]string, error) {
	return leastLoaded(p, false), nil
}

// Queue holds each unit's new cases in arrival order until a worker who
// may hold one has room for it, then gives it to the least loaded of
// those: nobody passes their capacity, and cases wait instead.
type Queue struct{}

// Name is "queue".
func (Queue) Name() string { return "queue" }

// Assign gives out the new cases that fit; the others stay unassigned.
func (Queue) Assign(_ context.Context, p *model.CaseProblem) ([]string, error) {
	return leastLoaded(p, true), nil
}

func current(p *model.CaseProblem) []string {
	out := make([]string, len(p.Cases))
	for c, cs := range p.Cases {
		out[c] = cs.Worker
	}
	return out
}

// leastLoaded gives out the new cases by points per full-time
// equivalent; with wait, a case that fits nobody's capacity waits.
func leastLoaded(p *model.CaseProblem, wait bool) []string {
	f := model.CaseFactsOf(p)
	out := current(p)
	index := map[string]int{}
	for s, st := range p.Staff {
		index[st.ID] = s
	}
	points := make([]int, len(p.Staff))
	for c, id := range out {
		if id != "" {
			points[index[id]] += f.Amount[c][2]
		}
	}
	pct := func(s int) int {
		if p.Staff[s].Percent == 0 {
			return 100
		}
		return p.Staff[s].Percent
	}
	for c := range p.Cases {
		if out[c] != "" {
			continue
		}
		best, fits := -1, false
		for _, s := range f.Candidates[c] {
			room := f.Limits[s][2] == 0 || points[s]+f.Amount[c][2] <= f.Limits[s][2]
			better := best < 0 || (room && !fits) || (room == fits && points[s]*pct(best) < points[best]*pct(s))
			if better {
				best, fits = s, room
			}
		}
		if best < 0 || (wait && !fits) {
			continue
		}
		out[c] = p.Staff[best].ID
		points[best] += f.Amount[c][2]
	}
	return out
}
