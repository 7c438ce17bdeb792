package solver

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/irifrance/gini/z"
	"github.com/rostersat/rostersat/internal/engine"
)

// An explanation is a subset-minimal set of rule instances that cannot
// all hold. The search assumes every instance's guard on its own (not the
// master guard), takes gini's core, and shrinks it (engine.Shrink), with
// the counting cuts for subsets of instances in place so that a clash
// that is a matter of counting is refuted at once whichever instances
// are left. Then each counting argument the instances support is said in
// numbers.

// explain proves the problem infeasible on e (nil: on a fresh session)
// and returns why. ctx ending first leaves a refuted set that is not yet
// proven minimal. The shrink starts from gini's core of every instance
// together. With flowProof the flow bound has already refuted them all,
// and the first SAT call may take at most coreCall: on a clash of
// counting (windows too tight for the demand, say) it is a pigeonhole
// proof that search finds late, and the shrink then starts from every
// instance.
func explain(ctx context.Context, in *instance, e *encoding, flowProof bool) (*InfeasibleError, engine.Stats, error) {
	if e == nil && flowProof {
		if rs := countedSpanClash(in, true); rs != nil {
			// A span that clashes by counting holds a minimal set, which
			// flows find without an encoding (clash_span_shrink.go), at
			// any size: a unit's or role's span names fewer instances
			// than the dates' (the bench's S office at 8 weeks and n/5:
			// the seniors on 8 dates); on the bench's 500-person office
			// at 6 weeks and n/5 the whole encoding took 1.5-4 s and 950
			// MB, and on its 30-person offices the SAT shrink 17-25 ms
			// against 1 ms (30 to 32 instances both ways).
			ie := explainSpan(ctx, in, rs)
			return ie, engine.Stats{}, ctx.Err()
		}
	}
	if e == nil {
		e = newEncoding(in, encodeOptions{})
	}
	e.explainCuts()
	all := make([]int, len(in.rules.all))
	for i := range all {
		all[i] = i
	}
	call, cancel := ctx, func() {}
	if flowProof {
		call, cancel = context.WithTimeout(ctx, coreCall)
	}
	out, err := e.ses.Solve(call, e.guards(all))
	cancel()
	core := all
	switch {
	case err != nil && (!flowProof || ctx.Err() != nil):
		return nil, e.ses.Stats(), err
	case err != nil:
		// The flow's proof stands; the shrink starts from everything.
	case out == engine.Sat:
		return nil, e.ses.Stats(), &InternalError{Msg: "the rules were proven to clash, but the search found a schedule that keeps them all"}
	default:
		core = e.rulesOf(e.ses.Failed())
	}
	slices.SortStableFunc(core, func(a, b int) int { return cmp.Compare(dropFirst(in.rules.all[a]), dropFirst(in.rules.all[b])) })
	mus, err := e.ses.Shrink(ctx, e.guards(core), engine.Hints{
		Off:    e.guards(in.rules.others(core)),
		Refute: func(guards []z.Lit) bool { return flowRefutesShifted(in.keeping(e.rulesOf(guards))) },
		Satisfy: func(guards []z.Lit) bool {
			kept := in.keeping(e.rulesOf(guards))
			return flowRota(kept) != nil || shiftedFlowRota(kept) != nil
		},
	})
	minimal := err == nil
	if err != nil && ctx.Err() == nil {
		return nil, e.ses.Stats(), &InternalError{Msg: "shrinking the clash", Err: err}
	}
	return infeasibleOf(in, e.rulesOf(mus), minimal), e.ses.Stats(), ctx.Err()
}

// infeasibleOf is the explanation of the clashing instances rs: their
// reasons and the counting arguments they support.
func infeasibleOf(in *instance, rs []int, minimal bool) *InfeasibleError {
	ie := &InfeasibleError{Minimal: minimal, Arguments: arguments(in, rs)}
	for _, i := range rs {
		ie.Reasons = append(ie.Reasons, in.rules.all[i].reason(in))
	}
	return ie
}

// unitsOverfill reports whether the units' minimums on some date ask for
// more people than the date takes: a clash on one date, which the
// whole encoding's core names in a few instances and a group's span
// would not.
func unitsOverfill(in *instance) bool {
	for f := range in.dates {
		n := 0
		for _, need := range in.unitNeed[f] {
			n += need
		}
		if n > in.upper[f] {
			return true
		}
	}
	return false
}

// coreCall bounds the first SAT call of an explanation that the flow has
// already proven.
const coreCall = 2 * time.Second

// dropFirst orders the candidates of a shrink: those tried first are the
// first left out, so the explanation keeps what reads best. Lower grades
// go first (a date short of people is then said at its full demand), pins
// last (they are the scheduler's own decisions).
func dropFirst(r rule) int {
	switch r := r.(type) {
	case *coverageAtLeast:
		return r.k
	case *unitAtLeast:
		return r.k
	case *roleAtLeast:
		return r.k
	case *coverageAtMost:
		return 1<<19 - r.c // the higher grades are implied by the lower
	case *window:
		return 1<<20 + 1
	case *spacing:
		return 1<<20 + 2
	}
	return 1<<20 + 3
}

// arguments returns the counting arguments that the instances of rs
// support, in numbers: a group that cannot work the duties its minimums
// ask on their dates, a date that takes fewer people than it must have,
// pins closer than a person's spacing or window allows.
func arguments(in *instance, rs []int) []string {
	x := explainedOf(in, rs)
	var out []string
	out = append(out, groupArguments(in, x)...)
	out = append(out, dateArguments(in, x)...)
	out = append(out, pinArguments(in, x)...)
	out = append(out, unitMaximumArguments(in, x)...)
	return out
}

// unitMaximumArguments finds dates whose unit maximum is below the same
// unit's minimum, or below the people of the unit pinned to work there.
func unitMaximumArguments(in *instance, x explained) []string {
	var out []string
	for _, fu := range slices.SortedFunc(maps.Keys(x.unitMost), func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) }) {
		f, u, most := fu[0], fu[1], x.unitMost[fu]
		pinned := 0
		for s, fs := range x.pinnedWork {
			if in.unitOf[s] == u && slices.Contains(fs, f) {
				pinned++
			}
		}
		unit, date := in.p.Units[u].ID, in.dates[f]
		switch need := x.units[fu]; {
		case need > most:
			out = append(out, fmt.Sprintf("%s needs at least %d of unit %s but takes at most %d", date, need, unit, most))
		case pinned > most:
			out = append(out, fmt.Sprintf("%s has %d of unit %s pinned to work but takes at most %d", date, pinned, unit, most))
		}
	}
	return out
}

// explained collects, for the arguments, which instances an explanation
// holds: per date the highest grade of each group's minimum, and per
// person which of their own rules.
type explained struct {
	coverage   map[int]int    // date: highest coverage grade
	units      map[[2]int]int // (date, unit): highest grade
	roles      map[[2]int]int // (date, role): highest grade
	most       map[int]int    // date: coverage at most
	unitMost   map[[2]int]int // (date, unit): the maximum
	spaced     map[int]bool   // person: spacing
	windows    map[[2]int]bool
	pinnedOff  map[[2]int]bool
	pinnedWork map[int][]int // person: work pin dates, in order
}

func explainedOf(in *instance, rs []int) explained {
	x := explained{coverage: map[int]int{}, units: map[[2]int]int{}, roles: map[[2]int]int{}, most: map[int]int{}, unitMost: map[[2]int]int{},
		spaced: map[int]bool{}, windows: map[[2]int]bool{}, pinnedOff: map[[2]int]bool{}, pinnedWork: map[int][]int{}}
	for _, i := range rs {
		switch r := in.rules.all[i].(type) {
		case *coverageAtLeast:
			x.coverage[r.f] = max(x.coverage[r.f], r.k)
		case *coverageAtMost:
			if c, ok := x.most[r.f]; !ok || r.c < c {
				x.most[r.f] = r.c
			}
		case *unitAtLeast:
			x.units[[2]int{r.f, r.u}] = max(x.units[[2]int{r.f, r.u}], r.k)
		case *roleAtLeast:
			x.roles[[2]int{r.f, r.r}] = max(x.roles[[2]int{r.f, r.r}], r.k)
		case *spacing:
			x.spaced[r.s] = true
		case *window:
			x.windows[[2]int{r.s, r.w}] = true
		case *pin:
			if r.work {
				x.pinnedWork[r.s] = append(x.pinnedWork[r.s], r.f)
			} else {
				x.pinnedOff[[2]int{r.s, r.f}] = true
			}
		case *unitAtMost:
			x.unitMost[[2]int{r.f, r.u}] = r.m
		case *frozen:
			// A frozen date pins everyone on it, one way or the other.
			for s, row := range in.facts.Published {
				if row[r.f] {
					x.pinnedWork[s] = append(x.pinnedWork[s], r.f)
				} else {
					x.pinnedOff[[2]int{s, r.f}] = true
				}
			}
		}
	}
	for s := range x.pinnedWork {
		slices.Sort(x.pinnedWork[s])
	}
	return x
}

// capacity returns the most duties person s can work on the dates of
// need, under the person's rules that the explanation holds: the greedy
// packing of caps, which is exact for rules of the form "at most k in
// any span".
func (x explained) capacity(in *instance, s int, need map[int]int) int {
	var taken []int
	for f := range in.dates {
		if _, asked := need[f]; !asked || !in.avail[s][f] || x.pinnedOff[[2]int{s, f}] {
			continue
		}
		if n := len(taken); n > 0 && x.spaced[s] && in.gap(taken[n-1], f) < in.spacingDays {
			continue
		}
		ok := true
		for w, win := range in.windows {
			n := len(taken)
			if x.windows[[2]int{s, w}] && (win.Max == 0 || n >= win.Max && in.gap(taken[n-win.Max], f) < 7*win.Weeks) {
				ok = false
			}
		}
		if ok {
			taken = append(taken, f)
		}
	}
	return len(taken)
}

// groupArguments compares what each group must work on the explanation's
// dates with what its members can.
func groupArguments(in *instance, x explained) []string {
	var out []string
	check := func(name string, members []int, need map[int]int) {
		total := 0
		for _, k := range need {
			total += k
		}
		if len(need) < 2 {
			return // one date: its reason says who can work it
		}
		can := 0
		for _, s := range members {
			can += x.capacity(in, s, need)
		}
		if can >= total {
			return
		}
		var under []string
		if len(x.spaced) > 0 {
			under = append(under, fmt.Sprintf("%s' spacing", weeks(in.spacingDays/7)))
		}
		if len(x.windows) > 0 {
			under = append(under, "their windows")
		}
		how := ""
		if len(under) > 0 {
			how = " under " + strings.Join(under, " and ")
		}
		out = append(out, fmt.Sprintf("%s can work at most %s on %s%s: %d < %d needed",
			name, duties(can), in.dateSpan(need), how, can, total))
	}
	everyone := make([]int, len(in.p.Staff))
	for s := range everyone {
		everyone[s] = s
	}
	check(fmt.Sprintf("the %d staff", len(in.p.Staff)), everyone, x.coverage)
	for u := range in.unitMin {
		need := map[int]int{}
		for key, k := range x.units {
			if key[1] == u {
				need[key[0]] = k
			}
		}
		var members []int
		for s := range in.p.Staff {
			if in.unitOf[s] == u {
				members = append(members, s)
			}
		}
		check(fmt.Sprintf("the %d people of unit %s", len(members), in.p.Units[u].ID), members, need)
	}
	for r := range in.roleMin {
		need := map[int]int{}
		for key, k := range x.roles {
			if key[1] == r {
				need[key[0]] = k
			}
		}
		check(fmt.Sprintf("the %d holders of role %s", len(in.roleHold[r]), in.p.Roles[r].ID), in.roleHold[r], need)
	}
	return out
}

// dateSpan names the dates of need: "2024-02-09", or "these 30 dates
// from 2023-11-17 to 2024-06-14".
func (in *instance) dateSpan(need map[int]int) string {
	var fs []int
	for f := range need {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	if len(fs) == 1 {
		return in.dates[fs[0]].String()
	}
	return fmt.Sprintf("these %d dates from %s to %s", len(fs), in.dates[fs[0]], in.dates[fs[len(fs)-1]])
}

// dateArguments finds dates whose "at most" is below what the pins and
// the minimums on them ask. (A date where too few can work needs no
// argument: its reason says who can.)
func dateArguments(in *instance, x explained) []string {
	var out []string
	for f := range in.dates {
		c, capped := x.most[f]
		if !capped {
			continue
		}
		var pinned []int
		for s, fs := range x.pinnedWork {
			if slices.Contains(fs, f) {
				pinned = append(pinned, s)
			}
		}
		slices.Sort(pinned)
		need := len(pinned)
		var parts []string
		for u := range in.unitMin {
			k := x.units[[2]int{f, u}]
			if k == 0 {
				continue
			}
			have := 0
			for _, s := range pinned {
				if in.unitOf[s] == u {
					have++
				}
			}
			if k > have {
				need += k - have
				parts = append(parts, fmt.Sprintf("%d of unit %s", k, in.p.Units[u].ID))
			}
		}
		if need <= c {
			continue
		}
		if len(pinned) > 0 {
			parts = append([]string{fmt.Sprintf("%s pinned to work (%s)", headCount(len(pinned)), list(in.ids(pinned)))}, parts...)
		}
		out = append(out, fmt.Sprintf("%s takes at most %s but needs %d: %s", in.dates[f], headCount(c), need, strings.Join(parts, ", ")))
	}
	return out
}

// pinArguments finds work pins of one person closer together than their
// spacing or a window allows.
func pinArguments(in *instance, x explained) []string {
	var out []string
	for s := range in.p.Staff {
		fs := x.pinnedWork[s]
		id := in.p.Staff[s].ID
		if x.spaced[s] {
			for i := 1; i < len(fs); i++ {
				if g := in.gap(fs[i-1], fs[i]); g < in.spacingDays {
					out = append(out, fmt.Sprintf("%s is pinned to work on %s and %s, %d days apart; the spacing asks for %d",
						id, in.dates[fs[i-1]], in.dates[fs[i]], g, in.spacingDays))
				}
			}
		}
		for w, win := range in.windows {
			if !x.windows[[2]int{s, w}] {
				continue
			}
			for i := win.Max; i < len(fs); i++ {
				if in.gap(fs[i-win.Max], fs[i]) < 7*win.Weeks {
					out = append(out, fmt.Sprintf("%s is pinned to work on %d dates from %s to %s, within %s; rules.windows[%d] allows %d",
						id, win.Max+1, in.dates[fs[i-win.Max]], in.dates[fs[i]], weeks(win.Weeks), w, win.Max))
					break
				}
			}
		}
	}
	return out
}
