package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/rostersat/rostersat/model"
)

// The kinds of runner, which say what a runner's time is compared with.
const (
	// KindSolver is rostersat's own SAT solver.
	KindSolver = "solver"
	// KindPeer is an exact solver outside the library (CBC, gophersat):
	// ratios are to the fastest peer that proved the optimum.
	KindPeer = "peer"
	// KindBaseline is a heuristic that proves nothing.
	KindBaseline = "baseline"
)

// The memory sources a Measure can report.
const (
	// MemoryRSS is the peak resident set of the process that ran the
	// runner, external solvers it started included (the child's rusage
	// Maxrss): whole-process peak, comparable across runners.
	MemoryRSS = "rss"
	// MemoryHeap is the high-water mark of the Go runtime's memory, sampled
	// while the runner ran in the bench process itself; it misses the
	// memory of external processes.
	MemoryHeap = "heap"
)

// Measure is one run of one runner on one instance: what it claimed, what
// the checker found, and what it cost. It is one line of the JSON-lines
// output; lines from several machines merge by concatenation.
type Measure struct {
	// Instance is the problem's name, such as "M-seed1".
	Instance string `json:"instance"`
	// Size is the generator's size name (S, M, ...); empty for instances
	// read from files.
	Size string `json:"size,omitempty"`
	// Seed is the generator's seed.
	Seed int64 `json:"seed,omitempty"`
	// Staff, Dates and Cells describe the instance: people, duty dates,
	// and person-dates (Staff × Dates), the x axis of the time chart.
	Staff int `json:"staff"`
	Dates int `json:"dates"`
	// FairnessOff records Rules.Fairness.Off: then only W is an objective
	// and only W is cross-checked.
	FairnessOff bool `json:"fairnessOff,omitempty"`

	// Runner is the runner's name and Kind one of the Kind constants.
	Runner string `json:"runner"`
	Kind   string `json:"kind"`

	// Status is the schedule's status; Unknown when the runner gave none.
	Status model.Status `json:"status"`
	// Deviation, RequestCost and their bounds are the schedule's
	// Objective as the runner reported it (the checker verifies them):
	// the bounds of its fairness and requests levels, 0 without one.
	Deviation        int `json:"deviation"`
	DeviationBound   int `json:"deviationBound"`
	RequestCost      int `json:"requestCost"`
	RequestCostBound int `json:"requestCostBound"`
	// Rhythm is the schedule's rhythm, always measured; RhythmBound its
	// proven bound when rhythm is a level.
	Rhythm      int `json:"rhythm"`
	RhythmBound int `json:"rhythmBound,omitempty"`
	// Violations are model.Check's findings on the schedule, one string
	// each; any makes the run fail.
	Violations []string `json:"violations,omitempty"`
	// Skipped says why the runner did not run (for example "cbc not
	// found"); a skip is never a failure.
	Skipped string `json:"skipped,omitempty"`
	// Error is the runner's error, if any. An error with a schedule (a
	// deadline, or an infeasibility proof) is an outcome, not a failure.
	Error string `json:"error,omitempty"`
	// TimedOut says the run hit Timeout.
	TimedOut bool `json:"timedOut,omitempty"`

	// Seconds is the wall time of the runner's Run call.
	Seconds float64 `json:"seconds"`
	// EncodeSeconds and SolveSeconds split it where the schedule's Stats
	// say (zero when they do not).
	EncodeSeconds float64 `json:"encodeSeconds,omitempty"`
	SolveSeconds  float64 `json:"solveSeconds,omitempty"`
	// PeakBytes is the peak memory, measured as Memory says.
	PeakBytes int64  `json:"peakBytes"`
	Memory    string `json:"memory,omitempty"`
	// Timeout is the time limit the run had, in seconds.
	Timeout float64 `json:"timeout,omitempty"`
	// Started is when the run began, for the record.
	Started time.Time `json:"started,omitzero"`
}

// Key identifies a run: its instance and runner.
func (m Measure) Key() Item { return Item{Instance: m.Instance, Runner: m.Runner} }

// Solved reports whether the measure carries a schedule with people on
// duty (Status Optimal or Feasible) and no error that voids it.
func (m Measure) Solved() bool {
	return m.Skipped == "" && (m.Status == model.Optimal || m.Status == model.Feasible)
}

// Fill copies a schedule's status, objective and stats into m.
func (m *Measure) Fill(s *model.Schedule) {
	if s == nil {
		m.Status = model.Unknown
		return
	}
	m.Status = s.Status
	m.Deviation = s.Objective.Deviation
	m.RequestCost = s.Objective.RequestCost
	if l, ok := s.Objective.Level(model.LevelFairness); ok {
		m.DeviationBound = l.Bound
	}
	if l, ok := s.Objective.Level(model.LevelRequests); ok {
		m.RequestCostBound = l.Bound
	}
	m.Rhythm = s.Objective.Rhythm
	if l, ok := s.Objective.Level(model.LevelRhythm); ok {
		m.RhythmBound = l.Bound
	}
	m.EncodeSeconds = s.Stats.Encode.Seconds()
	m.SolveSeconds = s.Stats.Solve.Seconds()
}

// WriteJSONL writes one JSON object per line.
func WriteJSONL(w io.Writer, ms []Measure) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, m := range ms {
		if err := enc.Encode(m); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadJSONL reads measures written by WriteJSONL, or several such outputs
// concatenated. Blank lines are skipped; a malformed line is an error
// naming its line number.
func ReadJSONL(r io.Reader) ([]Measure, error) {
	var out []Measure
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(trimSpace(b)) == 0 {
			continue
		}
		var m Measure
		if err := json.Unmarshal(b, &m); err != nil {
			return out, fmt.Errorf("line %d: %w", line, err)
		}
		if m.Instance == "" || m.Runner == "" {
			return out, fmt.Errorf("line %d: a measure needs an instance and a runner", line)
		}
		out = append(out, m)
	}
	return out, sc.Err()
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// ErrDuplicate is wrapped by Merge's error when two measures share a key.
var ErrDuplicate = errors.New("duplicate measure")

// Merge joins measures from several shards, sorted by instance (in order
// of size, then name) and runner. Two measures of the same instance and
// runner (overlapping shards, or a rerun) keep the later one; the error,
// wrapping ErrDuplicate, lists them, and the merged list is still
// returned.
func Merge(parts ...[]Measure) ([]Measure, error) {
	byKey := map[Item]int{}
	var out []Measure
	var dups []error
	for _, ms := range parts {
		for _, m := range ms {
			if i, ok := byKey[m.Key()]; ok {
				dups = append(dups, fmt.Errorf("%w: %s on %s", ErrDuplicate, m.Runner, m.Instance))
				out[i] = m
				continue
			}
			byKey[m.Key()] = len(out)
			out = append(out, m)
		}
	}
	Sort(out)
	return out, errors.Join(dups...)
}

// Sort orders measures by instance size (person-dates), instance name and
// runner name.
func Sort(ms []Measure) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if ca, cb := a.Staff*a.Dates, b.Staff*b.Dates; ca != cb {
			return ca < cb
		}
		if a.Instance != b.Instance {
			return a.Instance < b.Instance
		}
		return a.Runner < b.Runner
	})
}
