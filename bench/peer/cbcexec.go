package peer

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
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
