package casesim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
)

// Policy gives out a week's new cases: it returns the worker of every
// case of p (existing cases keep theirs unless the policy moves them), or
// an error.
type Policy interface {
	Name() string
	Assign(ctx context.Context, p *model.CaseProblem) ([]string, error)
}

// Config is one simulation.
type Config struct {
	// Office gives the workers, units, roles, capacities, absences and
	// the cases open on its Date, when the simulation starts.
	Office *model.CaseProblem
	// Weeks is the number of weeks simulated; zero means 52.
	Weeks int
	// PerWeek is the mean arrivals a week per unit and kind.
	PerWeek map[string]map[model.CaseKind]float64
	// WorkWeeks is the mean work in weeks of a case per kind.
	WorkWeeks map[model.CaseKind]float64
	// FollowUpShare is the share of investigations that become a
	// follow-up when done.
	FollowUpShare float64
	// Seed draws arrivals, weights and work.
	Seed uint64
	// Timeout bounds each weekly call of a policy.
	Timeout time.Duration
}

// Result is what one policy did over the simulation.
type Result struct {
	Policy string
	// MaxLoad is the highest load of any worker in any week, in points
	// per full-time equivalent; MeanSpread the mean over weeks of the
	// largest difference of that figure within a unit.
	MaxLoad    float64
	MeanSpread float64
	// Late counts investigations finished after their deadline or still
	// open past it at the end; Done counts investigations finished.
	Late, Done int
	// Moves counts existing cases the policy gave to another worker.
	Moves int
	// Weekly are, per week, the highest load per full-time equivalent.
	Weekly []float64
	// Failed counts weeks the policy gave no answer (timeout,
	// infeasible): its new cases then waited a week.
	Failed int
}

// open is a case in the simulation.
type open struct {
	c        model.Case
	work     float64 // weeks of work left
	deadline model.Date
	hasDL    bool
}

// Run simulates cfg with the policy.
func Run(ctx context.Context, cfg Config, pol Policy) (Result, error) {
	weeks := cfg.Weeks
	if weeks == 0 {
		weeks = 52
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x636173657369))
	office := cfg.Office
	date := office.Date
	var cases []*open
	n := 0
	newID := func() string { n++; return fmt.Sprintf("s%06d", n) }
	for _, c := range office.Cases {
		o := &open{c: c, work: r.ExpFloat64() * cfg.WorkWeeks[c.Kind]}
		o.c.ID = newID()
		o.deadline, o.hasDL = c.DeadlineDate()
		cases = append(cases, o)
	}
	res := Result{Policy: pol.Name()}
	var spreadSum float64
	for week := range weeks {
		// Arrivals.
		for _, u := range office.Units {
			for _, kind := range model.CaseKinds() {
				for range poisson(r, cfg.PerWeek[u.ID][kind]) {
					c := model.Case{ID: newID(), Kind: kind, Unit: u.ID, Weight: 1 + r.IntN(3), Opened: date}
					if kind == model.Investigation {
						c.Child = r.IntN(2) == 0
						if !c.Child {
							c.Deadline = date.AddMonths(4)
						}
					}
					o := &open{c: c, work: r.ExpFloat64() * cfg.WorkWeeks[kind]}
					o.deadline, o.hasDL = c.DeadlineDate()
					cases = append(cases, o)
				}
			}
		}
		// The week's plan.
		p := *office
		p.Date = date
		p.Cases = make([]model.Case, len(cases))
		for i, o := range cases {
			p.Cases[i] = o.c
		}
		wctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
		workers, err := pol.Assign(wctx, &p)
		cancel()
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		if err != nil {
			res.Failed++
		} else {
			for i, o := range cases {
				if o.c.Worker != "" && workers[i] != o.c.Worker {
					res.Moves++
				}
				o.c.Worker = workers[i]
			}
		}
		// A week of work, and the loads it is done at.
		load := map[string]int{}
		for _, o := range cases {
			if o.c.Worker != "" {
				load[o.c.Worker] += max(o.c.Weight, 1)
			}
		}
		limit := map[string]float64{}
		perFTE := map[string]float64{}
		worst := 0.0
		byUnit := map[string][]float64{}
		for _, s := range office.Staff {
			pct := float64(s.Percent)
			if pct == 0 {
				pct = 100
			}
			limit[s.ID] = float64(office.Capacity.Weight) * pct / 100
			perFTE[s.ID] = float64(load[s.ID]) * 100 / pct
			worst = max(worst, perFTE[s.ID])
			byUnit[s.Unit] = append(byUnit[s.Unit], perFTE[s.ID])
		}
		res.Weekly = append(res.Weekly, worst)
		res.MaxLoad = max(res.MaxLoad, worst)
		spread := 0.0
		for _, xs := range byUnit {
			spread = max(spread, slices.Max(xs)-slices.Min(xs))
		}
		spreadSum += spread
		date = date.AddDays(7)
		var next []*open
		for _, o := range cases {
			if o.c.Worker != "" {
				speed := 1.0
				if l := limit[o.c.Worker]; l > 0 && float64(load[o.c.Worker]) > l {
					speed = l / float64(load[o.c.Worker])
				}
				o.work -= speed
			}
			if o.work > 0 {
				next = append(next, o)
				continue
			}
			if o.c.Kind == model.Investigation {
				res.Done++
				if o.hasDL && o.deadline.Before(date) {
					res.Late++
				}
				if r.Float64() < cfg.FollowUpShare {
					f := &open{c: o.c, work: r.ExpFloat64() * cfg.WorkWeeks[model.FollowUp]}
					f.c.ID, f.c.Kind, f.c.Deadline, f.c.Child = newID(), model.FollowUp, model.Date{}, false
					next = append(next, f)
				}
			}
		}
		cases = next
		_ = week
	}
	for _, o := range cases {
		if o.c.Kind == model.Investigation && o.hasDL && o.deadline.Before(date) {
			res.Late++
		}
	}
	res.MeanSpread = spreadSum / float64(weeks)
	return res, nil
}

// poisson draws a Poisson count with mean mu (Knuth's method; mu is a
// handful a week).
func poisson(r *rand.Rand, mu float64) int {
	if mu <= 0 {
		return 0
	}
	l, k, p := math.Exp(-mu), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// Optimum is rostersat's policy: the caseload solver's optimum under
// the office's objective (by default moves first, then balance).
type Optimum struct{}

// Name is "rostersat".
func (Optimum) Name() string { return "rostersat" }

// Assign solves the week's plan; a plan not proven optimal by the
// deadline is used as it is. When the week's cases do not fit the
// capacities at all it plans without them (the office then works over
// capacity, as it would), so that the new cases still get workers.
func (Optimum) Assign(ctx context.Context, p *model.CaseProblem) ([]string, error) {
	plan, err := caseload.Assign(ctx, p)
	if errors.Is(err, caseload.ErrInfeasible) {
		q := *p
		q.Capacity, q.Capacities = model.Capacity{}, nil
		plan, err = caseload.Assign(ctx, &q)
	}
	if plan == nil || (plan.Status != model.Optimal && plan.Status != model.Feasible) {
		if err == nil {
			err = fmt.Errorf("no plan: %s", plan.Status)
		}
		return nil, err
	}
	out := make([]string, len(plan.Cases))
	for i, a := range plan.Cases {
		out[i] = a.Worker
	}
	return out, nil
}
