package casesim

import (
	"fmt"
	"strings"
)

// Table writes the results as a markdown table under a title line.
func Table(results []Result, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Intake simulation: %s\n\n", title)
	b.WriteString("| policy | highest load (points/FTE) | mean spread in a unit | investigations late / done | moved cases | weeks without a plan |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %.1f | %.1f | %d / %d | %d | %d |\n", r.Policy, r.MaxLoad, r.MeanSpread, r.Late, r.Done, r.Moves, r.Failed)
	}
	return b.String()
}
