package report

import (
	"fmt"
	"io"

	"github.com/rostersat/rostersat/solver"
)

// Relaxation writes the least change that gives a rota: how many rule
// instances, whether that is proven the least, and each change in the
// scheduler's words; err says why there is none when rel is nil.
func Relaxation(w io.Writer, rel *solver.Relaxation, err error) {
	if rel == nil {
		if err == nil {
			err = fmt.Errorf("no reason given")
		}
		fmt.Fprintf(w, "\nno relaxation found: %v\n", err)
		return
	}
	least := "the least there is"
	if !rel.Least {
		least = "the best found before the deadline, not proven least"
	}
	fmt.Fprintf(w, "\nTo have a rota, change %d rule(s) (%s):\n", rel.Weight, least)
	for _, c := range rel.Changes {
		fmt.Fprintf(w, "  - %s\n", c)
	}
}
