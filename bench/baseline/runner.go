package baseline

import (
	"context"
	"fmt"
	"time"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/model"
)

// The runners implement bench.Runner.
var (
	_ bench.Runner = Rotation{}
	_ bench.Runner = Greedy{}
	_ bench.Runner = LocalSearch{}
)

// All returns the three baselines with their default settings, simplest
// first.
func All() []bench.Runner { return []bench.Runner{Rotation{}, Greedy{}, LocalSearch{}} }

// prepare validates p and indexes it. On a nil or invalid problem it
// returns an empty schedule with status Unknown, never nil, and the
// validation error.
func prepare(name string, p *model.Problem, began time.Time) (*instance, *model.Schedule, error) {
	empty := func() *model.Schedule {
		return &model.Schedule{Status: model.Unknown, Stats: model.Stats{Total: time.Since(began)}}
	}
	if p == nil {
		return nil, empty(), fmt.Errorf("baseline: %s: problem is nil", name)
	}
	if err := p.Validate(); err != nil {
		return nil, empty(), fmt.Errorf("baseline: %s: invalid problem %q: %w", name, p.Name, err)
	}
	return newInstance(p), nil, nil
}

// finish writes st as a schedule. When ctx stopped the run, the error
// wraps ctx.Err(); a partial rota (stopped while dates were being filled)
// has status Unknown, a finished one the status its rules give it.
func finish(name string, st *state, began time.Time, ctxErr error, partial bool) (*model.Schedule, error) {
	sch, err := st.schedule(began)
	switch {
	case ctxErr != nil && partial:
		sch.Status = model.Unknown
		return sch, fmt.Errorf("baseline: %s: stopped before every date was filled: %w", name, ctxErr)
	case ctxErr != nil && err != nil:
		return sch, fmt.Errorf("baseline: %s: stopped early: %w; %w", name, ctxErr, err)
	case ctxErr != nil:
		return sch, fmt.Errorf("baseline: %s: stopped early, with a rota that keeps every hard rule: %w", name, ctxErr)
	case err != nil:
		return sch, fmt.Errorf("baseline: %s: %w", name, err)
	}
	return sch, nil
}

// Rotation is the hand-made cycle an office keeps without a tool. With k
// the staff divided by the people per date, rounded, person i belongs to
// cycle group i mod k, and group f mod k is on duty on the f-th duty date
// (counting from 0). Members who are away, pinned off, or too close to
// their last duty are skipped; the gaps, and any unit or role minimum the
// group misses, are filled first come, first served, in staff order. Work
// pins are honoured. Beyond the cycle it ignores fairness and requests.
//
// The zero Rotation is ready to use.
type Rotation struct{}

// Name returns "rotation".
func (Rotation) Name() string { return "rotation" }

// Run builds the cycle for p. See [Greedy.Run] for what it returns.
func (r Rotation) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	began := time.Now()
	in, sch, err := prepare(r.Name(), p, began)
	if err != nil {
		return sch, err
	}
	perDate := p.Rules.Coverage.PerDate
	if perDate == 0 {
		perDate = model.DefaultStaffPerDate
	}
	k := 1
	if perDate > 0 {
		k = max(1, (in.n+perDate/2)/perDate)
	}
	order := make([]int, 0, in.n)
	st, ctxErr := construct(in, func(_ *state, f int) []int {
		order = order[:0]
		for s := f % k; s < in.n; s += k {
			order = append(order, s)
		}
		for s := range in.n {
			if s%k != f%k {
				order = append(order, s)
			}
		}
		return order
	}, ctx)
	return finish(r.Name(), st, began, ctxErr, true)
}
