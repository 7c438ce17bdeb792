package bench

import (
	"context"

	"github.com/rostersat/rostersat/model"
)

// Runner is anything that turns a problem into a schedule; a researcher adds
// one by implementing it.
//
// Name is a short, stable label for reports, such as "greedy". Run solves p
// and returns its best schedule. When it cannot give a schedule that keeps
// every hard rule it says why in the error; when ctx is done it returns its
// best schedule so far together with ctx.Err(). Run must not change p.
type Runner interface {
	Name() string
	Run(ctx context.Context, p *model.Problem) (*model.Schedule, error)
}
