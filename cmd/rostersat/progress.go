package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rostersat/rostersat/model"
)

// progress is the live line on stderr: the best value of every level so
// far, its proven bound, and the time, rewritten in place. It is off
// unless stderr is a terminal.
type progress struct {
	w    io.Writer
	on   bool
	last int // length of the line shown, to clear it
}

func progressLine(stderr io.Writer, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	on := false
	if ok && !quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: stderr, on: on}
}

func (p *progress) show(levels []model.Level, elapsed time.Duration) {
	if !p.on {
		return
	}
	var parts []string
	for _, l := range levels {
		v := "-"
		if l.Value >= 0 {
			v = fmt.Sprint(l.Value)
		}
		parts = append(parts, fmt.Sprintf("%s %s (bound %d)", l.Kind, v, l.Bound))
	}
	line := fmt.Sprintf("%6.1fs  %s", elapsed.Seconds(), strings.Join(parts, ", "))
	fmt.Fprintf(p.w, "\r%-*s", p.last, line)
	p.last = len(line)
}

// done ends the line, so that what follows starts on its own.
func (p *progress) done() {
	if p.on && p.last > 0 {
		fmt.Fprintf(p.w, "\r%-*s\r", p.last, "")
		p.last = 0
	}
}
