//go:build !unix

package main

import (
	"os"
	"os/exec"
)

// maxRSS is unknown off Unix.
func maxRSS(*os.ProcessState) int64 { return 0 }

// ownGroup does nothing off Unix: cancelling kills the worker alone.
func ownGroup(*exec.Cmd) {}
