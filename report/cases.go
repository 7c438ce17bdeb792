package report

import (
	"fmt"
	"io"
	"math"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
)

// Caseload writes each worker's load against their capacity and their
// share of their unit's points, with the cases moved to and from them,
// and a closing line with the plan's objective. A worker on long leave
// shows their load alone: they keep their cases (unless the problem
// releases them) and no limit applies.
func Caseload(w io.Writer, p *model.CaseProblem, plan *model.CasePlan, l Labels) {
	in, out := map[string]int{}, map[string]int{}
	for i, a := range plan.Cases {
		if a.Moved {
			in[a.Worker]++
			out[p.Cases[i].Worker]++
		}
	}
	rows := []string{"worker\tinvestigations\tfollow-ups\tpoints\tshare of points\tnear deadline\tmoved in/out"}
	for i, ld := range plan.Staff {
		st := p.Staff[i]
		name := l.Label(st) + percent(st)
		if ld.OnLeave {
			name += " (on leave)"
		}
		share := ""
		for _, sh := range ld.Shares {
			mark := ""
			if sh.Weight.Load < sh.Weight.Low || sh.Weight.Load > sh.Weight.High {
				mark = " *"
			}
			share += fmt.Sprintf("%d-%d%s ", sh.Weight.Low, sh.Weight.High, mark)
		}
		limits := ld.Capacity
		if ld.OnLeave {
			// Away: they keep what they hold, take nothing new, and no
			// limit applies.
			limits = model.Capacity{}
		}
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%d\t%d/%d", name,
			ofLimit(ld.Investigations, limits.Investigations), ofLimit(ld.FollowUps, limits.FollowUps),
			ofLimit(ld.Weight, limits.Weight), share, ld.NearDeadline, in[ld.Staff], out[ld.Staff]))
	}
	table(w, rows)
	o := plan.Objective
	fmt.Fprintf(w, "  %d cases moved, loads within %d of their shares (* outside), at most %d near-deadline investigations each, affinity cost %d\n",
		o.Moves, o.Deviation, o.NearDeadline, o.Affinity)
}

// ofLimit writes a load and its limit, as "9/12", or the load alone.
func ofLimit(n, limit int) string {
	if limit == 0 {
		return fmt.Sprint(n)
	}
	return fmt.Sprintf("%d/%d", n, limit)
}

// Reference writes the reference caseload table: per unit and kind the
// intake, the mean time open, the cases open at a time, the staffing,
// and the cases per full-time worker.
func Reference(w io.Writer, rows []caseload.ReferenceRow) {
	out := []string{"unit\tkind\tnew a month\tmonths open\topen at a time\tstaff (FTE)\tper worker"}
	for _, r := range rows {
		per := fmt.Sprintf("%.1f", r.PerWorker)
		if math.IsInf(r.PerWorker, 1) {
			per = "no staff"
		}
		if r.TooSlow {
			per += " (open longer than 4 months: deadlines missed)"
		}
		out = append(out, fmt.Sprintf("%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%s", r.Unit, r.Kind, r.PerMonth, r.Months, r.Open, r.Staff, per))
	}
	table(w, out)
}
