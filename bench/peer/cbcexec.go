package peer

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// writeLPFile creates path and writes an LP into it with write.
func writeLPFile(path string, write func(io.Writer) (size, error)) (size, error) {
	f, err := os.Create(path)
	if err != nil {
		return size{}, fmt.Errorf("cbc: %w", err)
	}
	sz, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return size{}, fmt.Errorf("cbc: writing %s: %w", path, err)
	}
	return sz, nil
}

// cbcCall is one run of the cbc binary on an LP file: its own time limit
// at ctx's deadline, the solution to sol, everything it prints to logf,
// an interrupt when ctx ends and a kill waitDelay later.
type cbcCall struct {
	bin, lp, sol, logf string
	// pre are arguments before the time limit, such as -threads.
	pre []string
	// elapsed makes the time limit wall time (-timeMode elapsed) rather
	// than cbc's default, CPU time.
	elapsed   bool
	waitDelay time.Duration // zero: 5 s
	onExit    func(*os.ProcessState)
}

// run runs the call; it returns cbc's own exit error (for messages) and
// the time it took, or an error when the log cannot be made.
func (c cbcCall) run(ctx context.Context) (runErr error, took time.Duration, err error) {
	args := append([]string{c.lp}, c.pre...)
	if dl, ok := ctx.Deadline(); ok {
		secs := max(time.Until(dl).Seconds(), 0.01)
		if c.elapsed {
			args = append(args, "-timeMode", "elapsed")
		}
		args = append(args, "-sec", strconv.FormatFloat(secs, 'f', 2, 64))
	}
	args = append(args, "-solve", "-solu", c.sol)
	out, err := os.Create(c.logf)
	if err != nil {
		return nil, 0, fmt.Errorf("cbc: %w", err)
	}
	defer out.Close()
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = c.waitDelay
	if cmd.WaitDelay == 0 {
		cmd.WaitDelay = 5 * time.Second
	}
	t := time.Now()
	runErr = cmd.Run()
	took = time.Since(t)
	if cmd.ProcessState != nil && c.onExit != nil {
		c.onExit(cmd.ProcessState)
	}
	return runErr, took, nil
}

// cutShort says a run was stopped by its deadline or cbc's time limit:
// an "Infeasible" it then writes is for a search it did not finish (seen
// on a 120-staff office under a 150 ms deadline), no proof.
func (c cbcCall) cutShort(ctx context.Context) bool {
	return ctx.Err() != nil || timedOut(c.logf)
}

// cbcAnswer is what one cbc call answered: its status and objective, and
// the lower bound its log reports (NaN when none).
type cbcAnswer struct {
	status    cbcStatus
	objective float64
	bound     float64
}

// noAnswer is a call that proved and found nothing.
var noAnswer = cbcAnswer{status: cbcNoSolution, bound: math.NaN()}

// solve runs c and reads its answer: the status line of the solution file
// and, for a solution with values, each of its columns through column,
// then complete, when set, to check the whole; then the bound from the
// log. An infeasible answer from a call cut short proves nothing and
// reads as no solution, as does a call killed before it wrote its
// solution whole. what names the call in errors; took is the time cbc
// ran.
func (c cbcCall) solve(ctx context.Context, what string, column func(name string, value float64) error, complete func() error) (cbcAnswer, time.Duration, error) {
	runErr, took, err := c.run(ctx)
	if err != nil {
		return cbcAnswer{}, took, err
	}
	ans, perr := readSolution(c.sol, column)
	if perr == nil && complete != nil && ans.status != cbcInfeasible && ans.status != cbcNoSolution {
		perr = complete()
	}
	ans.bound = readBound(c.logf)
	if perr == nil && ans.status == cbcInfeasible && c.cutShort(ctx) {
		ans.status = cbcNoSolution // no proof, so no answer
	}
	if perr != nil {
		if runErr != nil && ctx.Err() != nil {
			return noAnswer, took, nil // killed before writing anything
		}
		return cbcAnswer{}, took, fmt.Errorf("cbc on %s: %w (exit: %v; %s)", what, perr, runErr, tail(c.logf))
	}
	return ans, took, nil
}

// readSolution parses cbc's solution file: a status line such as
// "Optimal - objective value 3.00000000", then, when the status has a
// solution, one line per non-zero column: index, name, value, reduced
// cost, the index possibly preceded by "**" when the value breaks a
// bound. Each column goes to column by name and value.
func readSolution(path string, column func(name string, value float64) error) (cbcAnswer, error) {
	ans := cbcAnswer{bound: math.NaN()}
	f, err := os.Open(path)
	if err != nil {
		return ans, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if !sc.Scan() {
		return ans, fmt.Errorf("empty solution file")
	}
	ans.status, ans.objective, err = parseStatus(sc.Text())
	if err != nil || ans.status == cbcInfeasible || ans.status == cbcNoSolution {
		return ans, err
	}
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 && fields[0] == "**" {
			fields = fields[1:]
		}
		if len(fields) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(fields[2], 64)
		if err != nil {
			return ans, fmt.Errorf("solution line %q: %w", sc.Text(), err)
		}
		if err := column(fields[1], v); err != nil {
			return ans, fmt.Errorf("solution line %q: %w", sc.Text(), err)
		}
	}
	return ans, sc.Err()
}
