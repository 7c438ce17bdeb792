package solver_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

func TestScaleProbe(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PROBE_N"))
	if n == 0 {
		t.Skip("set PROBE_N")
	}
	small := os.Getenv("PROBE_SMALL") != ""
	p := scaledOffice(n, 1, small)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	start := time.Now()
	s, err := solver.Solve(ctx, p, solver.WithCountingClauses(os.Getenv("PROBE_NOCOUNT") == ""), solver.WithStratification(os.Getenv("PROBE_STRAT") != ""), solver.WithProgress(func(pr solver.Progress) { t.Logf("%+v", pr) }))
	t.Logf("n=%d err=%v elapsed=%v", n, err, time.Since(start))
	if s != nil {
		t.Logf("status=%v obj=%+v stats=%+v violations=%d", s.Status, s.Objective, s.Stats, len(model.Check(p, s)))
	}
}
