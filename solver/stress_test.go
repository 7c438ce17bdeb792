package solver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
	"github.com/stretchr/testify/require"
)

// checkAnswer says what is wrong with a Solve answer, or nil: the status
// and the error agree, any rota passes the checker, and no level's proven
// bound lies above its value.
func checkAnswer(p *model.Problem, s *model.Schedule, err error) error {
	switch {
	case s == nil && err == nil:
		return errors.New("no schedule and no error")
	case s == nil:
		var fe *model.FieldError
		if errors.As(err, &fe) {
			return nil
		}
		return errors.New("no schedule, and an error that is not a validation error: " + err.Error())
	case s.Status == model.Infeasible && !errors.Is(err, solver.ErrInfeasible):
		return errors.New("infeasible without ErrInfeasible")
	case s.Status == model.Optimal && err != nil:
		return errors.New("optimal with an error: " + err.Error())
	case s.Status == model.Optimal || s.Status == model.Feasible:
		if vs := model.Check(p, s); len(vs) > 0 {
			return errors.New("the checker rejects the rota: " + vs[0].String())
		}
		for _, l := range s.Objective.Levels {
			if l.Bound > l.Value {
				return fmt.Errorf("level %s: bound %d above its value %d", l.Kind, l.Bound, l.Value)
			}
		}
	}
	var ie *solver.InternalError
	if errors.As(err, &ie) {
		return err
	}
	return nil
}

// TestSolveStress solves random problems from 16 goroutines at once, each
// with a context cancelled before, during or after the solve or a short
// deadline, and checks every answer (run with -race).
func TestSolveStress(t *testing.T) {
	n := 320
	if testing.Short() {
		n = 64
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 99))
			for i := range n / 16 {
				p := randomProblem(uint64(9000+16*i+g), 12, 10)
				ctx, cancel := context.WithCancel(context.Background())
				switch rng.IntN(4) {
				case 0:
					cancel()
				case 1:
					ctx, cancel = context.WithTimeout(context.Background(), time.Duration(rng.IntN(2000))*time.Microsecond)
				case 2:
					time.AfterFunc(time.Duration(rng.IntN(500))*time.Microsecond, cancel)
				}
				s, err := solver.Solve(ctx, p)
				cancel()
				if e := checkAnswer(p, s, err); e != nil {
					errs <- e
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		require.NoError(t, e)
	}
}

// FuzzSolve solves a random problem of a fuzzed seed and size under a
// fuzzed deadline: the answer is always one checkAnswer accepts, and no
// panic escapes.
func FuzzSolve(f *testing.F) {
	f.Add(uint64(1), uint8(5), uint8(5), uint32(1000))
	f.Add(uint64(79), uint8(12), uint8(10), uint32(0))
	f.Fuzz(func(t *testing.T, seed uint64, staff, dates uint8, deadlineMicros uint32) {
		p := randomProblem(seed, 3+int(staff%14), 2+int(dates%12))
		ctx := context.Background()
		if deadlineMicros > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, time.Duration(deadlineMicros%200000)*time.Microsecond)
			defer cancel()
		}
		s, err := solver.Solve(ctx, p)
		require.NoError(t, checkAnswer(p, s, err))
	})
}

// FuzzDecodeAndSolve reads arbitrary bytes as a problem the way a
// service would (strict decoding, then Validate), and solves what is
// valid and small enough for a fuzzing loop under a deadline of at most
// 200 ms: the answer is one checkAnswer accepts, and no panic escapes.
func FuzzDecodeAndSolve(f *testing.F) {
	for _, seed := range []uint64{1, 7, 79, 300} {
		b, err := json.Marshal(randomProblem(seed, 8, 6))
		require.NoError(f, err)
		f.Add(b, uint32(100000))
	}
	f.Add([]byte(`{"period":{"start":"2024-01-05","end":"2024-03-01","weekdays":["fredag"]},"staff":[{"id":"a"},{"id":"b"},{"id":"c"}],"rules":{"coverage":{"perDate":1},"spacing":{"weeks":2}}}`), uint32(0))
	f.Fuzz(func(t *testing.T, data []byte, deadlineMicros uint32) {
		p, err := model.DecodeProblem(bytes.NewReader(data))
		if err != nil || p.Validate() != nil {
			return // the decoder's and Validate's fuzz targets cover these
		}
		if len(p.Staff)*len(p.Period.DutyDates()) > 400 {
			return // too large for a fuzzing loop; the hostile inputs cover size
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(deadlineMicros%200000)*time.Microsecond)
		defer cancel()
		s, err := solver.Solve(ctx, p)
		require.NoError(t, checkAnswer(p, s, err))
	})
}

// TestRequestSearchTerminates is the problem FuzzSolve found: 14 people,
// 3 dates and 18 requests, on which the core-guided search found the same
// core forever (a counter's output was already a soft of the level, and
// its second entry, spent, took the core). It must end at the optimum
// the brute force finds.
func TestRequestSearchTerminates(t *testing.T) {
	p := randomProblem(33, 15, 8)
	feasible, best := bruteForce(p)
	require.True(t, feasible)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := solver.Solve(ctx, p)
	require.NoError(t, err)
	require.Equal(t, model.Optimal, s.Status)
	for i, l := range s.Objective.Levels {
		require.Equal(t, best[i], l.Value)
	}
}
