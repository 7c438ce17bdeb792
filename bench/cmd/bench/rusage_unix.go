//go:build unix

package main

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// maxRSS returns the peak resident set of an ended process in bytes, 0
// when unknown. On Linux the rusage of a waited child covers the children
// it waited for in turn (the kernel takes the larger of both), so a
// worker's figure includes cbc's.
func maxRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // bytes
	}
	return int64(ru.Maxrss) * 1024 // KiB
}

// ownGroup starts cmd in a process group of its own and makes cancelling
// it kill the whole group, so that an external solver the worker started
// (cbc) does not outlive a killed worker.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
