package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/bench"
	"github.com/rostersat/rostersat/bench/baseline"
	"github.com/rostersat/rostersat/bench/report"
	"github.com/rostersat/rostersat/model"
)

// TestMain lets the test binary serve as its own worker, as the bench
// binary does.
func TestMain(m *testing.M) {
	if os.Getenv(envWorker) != "" {
		os.Exit(worker())
	}
	// Under -race a process sleeps a second at exit unless told not to;
	// the workers inherit this.
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	os.Exit(m.Run())
}

// fake is a runner for tests.
type fake struct {
	name string
	run  func(ctx context.Context, p *model.Problem) (*model.Schedule, error)
}

func (f fake) Name() string { return f.name }
func (f fake) Run(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
	return f.run(ctx, p)
}

func init() {
	// broken claims a schedule with nobody on duty.
	register(entry{name: "test-broken", kind: report.KindBaseline, make: func() bench.Runner {
		return fake{"test-broken", func(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
			return &model.Schedule{Status: model.Feasible}, nil
		}}
	}})
	// boaster passes off the greedy schedule as optimal.
	register(entry{name: "test-boaster", kind: report.KindBaseline, make: func() bench.Runner {
		return fake{"test-boaster", func(ctx context.Context, p *model.Problem) (*model.Schedule, error) {
			s, err := baseline.Greedy{}.Run(ctx, p)
			if s != nil {
				s.Status = model.Optimal
				for i := range s.Objective.Levels {
					s.Objective.Levels[i].Bound = s.Objective.Levels[i].Value
				}
			}
			return s, err
		}}
	}})
	register(entry{name: "test-panic", kind: report.KindBaseline, make: func() bench.Runner {
		return fake{"test-panic", func(context.Context, *model.Problem) (*model.Schedule, error) { panic("boom") }}
	}})
}

// tinyDir writes two tiny instances: five people, four Fridays, requests
// that greedy does not meet.
func tinyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i, name := range []string{"tiny-a", "tiny-b"} {
		fr := []model.Date{model.MustDate("2024-02-02"), model.MustDate("2024-02-09"), model.MustDate("2024-02-16"), model.MustDate("2024-02-23")}
		p := model.Problem{
			Name:   name,
			Period: model.Period{Start: model.MustDate("2024-02-01"), End: model.MustDate("2024-02-29")},
			Rules:  model.Rules{Coverage: model.Coverage{PerDate: 1 + i}},
		}
		for _, id := range []string{"a", "b", "c", "d", "e"} {
			p.Staff = append(p.Staff, model.Staff{ID: id})
		}
		for k, id := range []string{"a", "b", "c", "d"} {
			p.Requests = append(p.Requests, model.Request{Staff: id, Date: fr[k], Kind: model.Avoid, Weight: 3})
			p.Requests = append(p.Requests, model.Request{Staff: "e", Date: fr[k], Kind: model.Prefer, Weight: 1})
		}
		b, err := json.Marshal(p)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".json"), b, 0o644))
	}
	return dir
}

func readRuns(t *testing.T, path string) []report.Measure {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	ms, err := report.ReadJSONL(f)
	require.NoError(t, err)
	return ms
}

func TestBenchEndToEnd(t *testing.T) {
	in := tinyDir(t)
	for _, mode := range []string{"child", "inprocess"} {
		t.Run(mode, func(t *testing.T) {
			out := t.TempDir()
			args := []string{"-instances", in, "-runners", "gophersat,cbc,greedy,rotation", "-timeout", "20s", "-out", out}
			if mode == "inprocess" {
				args = append(args, "-inprocess", "-charts=false")
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, &stdout, &stderr)
			require.Equal(t, exitOK, code, stderr.String())
			ms := readRuns(t, filepath.Join(out, "runs.jsonl"))
			require.Len(t, ms, 8)
			for _, m := range ms {
				assert.Empty(t, m.Violations, "%s on %s", m.Runner, m.Instance)
				assert.Contains(t, []string{"tiny-a", "tiny-b"}, m.Instance)
				assert.Equal(t, 5, m.Staff)
				assert.Equal(t, 4, m.Dates)
				if m.Skipped != "" {
					assert.Equal(t, "cbc", m.Runner)
					assert.Contains(t, stderr.String(), "SKIP cbc")
					continue
				}
				assert.Positive(t, m.PeakBytes, "%s", m.Runner)
				want := report.MemoryRSS
				if mode == "inprocess" {
					want = report.MemoryHeap
				}
				assert.Equal(t, want, m.Memory)
				if m.Runner == "gophersat" || m.Runner == "cbc" {
					assert.Equal(t, model.Optimal, m.Status)
					assert.Equal(t, 0, m.Deviation)
				}
			}
			files := []string{"report.md", "time.png", "quality.png"}
			if mode == "inprocess" {
				files = files[:1]
			}
			for _, f := range files {
				st, err := os.Stat(filepath.Join(out, f))
				require.NoError(t, err, f)
				assert.Positive(t, st.Size())
			}
			md, err := os.ReadFile(filepath.Join(out, "report.md"))
			require.NoError(t, err)
			assert.Contains(t, string(md), "| tiny-a | gophersat | optimal |")
		})
	}
}

func TestBenchShardsAndMerge(t *testing.T) {
	in := tinyDir(t)
	root := t.TempDir()
	var dirs []string
	for i := 0; i < 3; i++ {
		out := filepath.Join(root, "shard"+string(rune('0'+i)))
		dirs = append(dirs, out)
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"-instances", in, "-runners", "gophersat,greedy,rotation",
			"-timeout", "20s", "-out", out, "-shard", string(rune('0'+i)) + "/3", "-inprocess", "-charts=false"}, &stdout, &stderr)
		require.Equal(t, exitOK, code, stderr.String())
		_, err := os.Stat(filepath.Join(out, "runs-"+string(rune('0'+i))+"-of-3.jsonl"))
		require.NoError(t, err)
	}
	seen := map[report.Item]int{}
	for i, d := range dirs {
		for _, m := range readRuns(t, filepath.Join(d, "runs-"+string(rune('0'+i))+"-of-3.jsonl")) {
			seen[m.Key()]++
		}
	}
	assert.Len(t, seen, 6, "2 instances × 3 runners")
	for k, n := range seen {
		assert.Equal(t, 1, n, "%v", k)
	}
	merged := filepath.Join(root, "merged")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-merge", strings.Join(dirs, ","), "-out", merged, "-format", "svg"}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	ms := readRuns(t, filepath.Join(merged, "runs.jsonl"))
	assert.Len(t, ms, 6)
	for _, f := range []string{"report.md", "time.svg", "quality.svg"} {
		_, err := os.Stat(filepath.Join(merged, f))
		assert.NoError(t, err, f)
	}
}

func TestBenchFailsLoudly(t *testing.T) {
	in := tinyDir(t)
	tests := []struct {
		name    string
		runners string
		want    []string
	}{
		{"violations", "test-broken,greedy", []string{"FAIL tiny-a: test-broken's schedule breaks"}},
		{"optimum disagreement", "test-boaster,gophersat", []string{"FAIL tiny-a: optimum claims disagree: gophersat has D=0 W=", "test-boaster has D=0 W="}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"-instances", in, "-runners", tc.runners, "-timeout", "20s", "-out", t.TempDir(), "-charts=false"}, &stdout, &stderr)
			assert.Equal(t, exitFailed, code)
			for _, w := range tc.want {
				assert.Contains(t, stderr.String(), w)
			}
		})
	}
}

func TestRunnerPanicIsAnError(t *testing.T) {
	in := tinyDir(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-instances", in, "-runners", "test-panic", "-out", out, "-inprocess", "-charts=false"}, &stdout, &stderr)
	assert.Equal(t, exitOK, code, stderr.String())
	ms := readRuns(t, filepath.Join(out, "runs.jsonl"))
	require.Len(t, ms, 2)
	assert.Contains(t, ms[0].Error, "panic: boom")
	assert.Equal(t, model.Unknown, ms[0].Status)
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"bad size", []string{"-sizes", "XXL"}, exitUsage},
		{"bad seeds", []string{"-seeds", "3-1"}, exitUsage},
		{"bad runner", []string{"-runners", "nobody"}, exitUsage},
		{"bad shard", []string{"-shard", "2/2"}, exitUsage},
		{"bad timeout", []string{"-timeout", "0s"}, exitUsage},
		{"bad format", []string{"-format", "gif"}, exitUsage},
		{"stray argument", []string{"extra"}, exitUsage},
		{"unknown flag", []string{"-nope"}, exitUsage},
		{"help", []string{"-h"}, exitOK},
		{"list", []string{"-list"}, exitOK},
		{"merge nothing", []string{"-merge", "/nonexistent/dir", "-out", "/nonexistent/out"}, exitTrouble},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, tc.code, run(context.Background(), tc.args, &stdout, &stderr), stderr.String())
		})
	}
}

func TestSelectRunners(t *testing.T) {
	got, err := selectRunners("all")
	require.NoError(t, err)
	assert.Equal(t, []string{"sat", "cbc", "gophersat", "greedy", "local-search", "rotation"}, got)
	got, err = selectRunners("greedy,all,sat-no-flow,greedy")
	require.NoError(t, err)
	assert.Equal(t, []string{"greedy", "sat", "cbc", "gophersat", "local-search", "rotation", "sat-no-flow"}, got)
	_, err = selectRunners(" , ")
	assert.Error(t, err)
}

// TestSavedInstancesRerun generates S, saves it, and reruns the saved
// file: the same answer.
func TestSavedInstancesRerun(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-sizes", "S", "-runners", "greedy", "-out", out, "-save-instances", "-inprocess", "-charts=false"}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	first := readRuns(t, filepath.Join(out, "runs.jsonl"))
	out2 := t.TempDir()
	code = run(context.Background(), []string{"-instances", filepath.Join(out, "instances"), "-runners", "greedy", "-out", out2, "-inprocess", "-charts=false"}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	second := readRuns(t, filepath.Join(out2, "runs.jsonl"))
	require.Len(t, first, 1)
	require.Len(t, second, 1)
	assert.Equal(t, "S-seed1", second[0].Instance)
	assert.Equal(t, first[0].RequestCost, second[0].RequestCost)
	assert.Equal(t, first[0].Deviation, second[0].Deviation)
}

func TestListInstancesNamesGenerated(t *testing.T) {
	insts, err := listInstances(config{sizes: "S,st", seeds: "1-2"})
	require.NoError(t, err)
	var names []string
	for _, in := range insts {
		names = append(names, in.name)
	}
	assert.Equal(t, []string{"S-seed1", "S-seed2", "ST-seed1", "ST-seed2"}, names)
}

// TestVary reads -vary flags and expands them into named instances, the
// last flag varying fastest, with the rules set on each.
func TestVary(t *testing.T) {
	c, err := parseFlags([]string{"-sizes", "S", "-seeds", "1", "-vary", "rules.spacing.weeks=2,6", "-vary", "rules.coverage.perDate=n/5,3"}, io.Discard)
	require.NoError(t, err)
	ins, err := listInstances(c)
	require.NoError(t, err)
	var names []string
	for _, in := range ins {
		names = append(names, in.name)
	}
	require.Equal(t, []string{"S-seed1-spacing2-perDaten_5", "S-seed1-spacing2-perDate3", "S-seed1-spacing6-perDaten_5", "S-seed1-spacing6-perDate3"}, names)
	require.NoError(t, ins[2].load())
	require.Equal(t, 6, ins[2].p.Rules.Spacing.Weeks)
	require.Equal(t, len(ins[2].p.Staff)/5, ins[2].p.Rules.Coverage.PerDate)

	for _, bad := range []string{"rules.spacing.weeks", "rules.nothing=1", "rules.spacing.weeks=-1", "rules.windows=26", "rules.coverage.perDate=n/0"} {
		_, err := parseFlags([]string{"-vary", bad}, io.Discard)
		require.Error(t, err, bad)
	}
}
