package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSeeds reads a list of seeds such as "1,2,5-7": numbers and
// ranges, each seed once, a range at most 10,000 long.
func ParseSeeds(s string) ([]int64, error) {
	var out []int64
	seen := map[int64]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(f, "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		b := a
		if err == nil && isRange {
			b, err = strconv.ParseInt(hi, 10, 64)
		}
		if err != nil || b < a || b-a > 10000 {
			return nil, fmt.Errorf("-seeds %q: want numbers and ranges such as 1,2,5-7", s)
		}
		for v := a; v <= b; v++ {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-seeds %q: no seed", s)
	}
	return out, nil
}
