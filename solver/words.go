package solver

import (
	"fmt"
	"strings"
)

// The words of explanations: short helpers that write counts and lists
// the way a scheduler would.

// headCount writes a head count: "1 person", "4 people".
func headCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d people", n)
}

// weeks writes a number of weeks: "1 week", "4 weeks".
func weeks(n int) string {
	if n == 1 {
		return "1 week"
	}
	return fmt.Sprintf("%d weeks", n)
}

// duties writes a number of duties: "1 duty", "3 duties".
func duties(n int) string {
	if n == 1 {
		return "1 duty"
	}
	return fmt.Sprintf("%d duties", n)
}

// listMax bounds the names a sentence lists before "and N more".
const listMax = 6

// list writes names as "a, b and c", or "a, b, ... and 7 more".
func list(names []string) string {
	switch n := len(names); {
	case n == 0:
		return ""
	case n == 1:
		return names[0]
	case n > listMax:
		return strings.Join(names[:listMax], ", ") + fmt.Sprintf(" and %d more", n-listMax)
	default:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
}

// canWork says who can work: "nobody can work", "2 people can work: anna
// and bo", or with of, "1 of them can work: anna".
func canWork(in *instance, who []int, of string) string {
	n := len(who)
	if n == 0 {
		if of != "" {
			return "none " + of + " can work"
		}
		return "nobody can work"
	}
	subject := headCount(n)
	if of != "" {
		subject = fmt.Sprintf("%d %s", n, of)
	}
	return fmt.Sprintf("%s can work: %s", subject, list(in.ids(who)))
}

// freeOn returns the people for whom member holds who may be on duty on
// f (available and not pinned off), in problem order.
func (in *instance) freeOn(f int, member func(s int) bool) []int {
	var out []int
	for s := range in.p.Staff {
		if in.free(s, f) && member(s) {
			out = append(out, s)
		}
	}
	return out
}

// ids returns the staff IDs of people.
func (in *instance) ids(people []int) []string {
	out := make([]string, len(people))
	for i, s := range people {
		out[i] = in.p.Staff[s].ID
	}
	return out
}
