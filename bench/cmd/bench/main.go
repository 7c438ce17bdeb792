package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/bench/report"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/sweep"
)

func main() {
	if os.Getenv(envWorker) != "" {
		os.Exit(worker())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the command line.
type config struct {
	sizes     string
	seeds     string
	runners   string
	timeout   time.Duration
	out       string
	shard     string
	instances string
	merge     string
	inProcess bool
	format    string
	charts    bool
	save      bool
	list      bool
	vary      sweep.Flag
}

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // a cross-check failure or a rejected schedule
	exitUsage   = 2
	exitTrouble = 3 // the bench itself could not do its work
)

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.sizes, "sizes", "S,M", "comma list of generated sizes: S, M, L, XL, ST, MT")
	fs.StringVar(&c.seeds, "seeds", "1", "generator seeds: a comma list of numbers and ranges such as 1-5")
	fs.StringVar(&c.runners, "runners", "all", "comma list of runners, or all (see -list)")
	fs.DurationVar(&c.timeout, "timeout", 2*time.Minute, "time limit of each run")
	fs.StringVar(&c.out, "out", "results", "directory for runs.jsonl, report.md and the charts")
	fs.StringVar(&c.shard, "shard", "0/1", "run shard i of n (0-based) of the (instance, runner) work list")
	fs.StringVar(&c.instances, "instances", "", "read instances from the *.json files of this directory instead of generating them")
	fs.StringVar(&c.merge, "merge", "", "run nothing: merge the *.jsonl of these comma-separated directories or files into -out, with table and charts")
	fs.BoolVar(&c.inProcess, "inprocess", false, "run runners in the bench process (peak memory is then the Go heap's, and a runner that ignores its deadline cannot be stopped)")
	fs.StringVar(&c.format, "format", "png", "chart format: png or svg")
	fs.BoolVar(&c.charts, "charts", true, "draw the charts (time and quality)")
	fs.BoolVar(&c.save, "save-instances", false, "write every instance this run uses to -out/instances/NAME.json, for -instances to rerun")
	fs.BoolVar(&c.list, "list", false, "list the runners and exit")
	fs.Var(&c.vary, "vary", "sweep a rule: key=v1,v2 (repeatable; every combination is run). Keys: "+sweep.Knobs())
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bench [flags]\n\nRuns every runner on every instance, checks and cross-checks the answers, and writes\nruns.jsonl, report.md, time.png and quality.png into -out. Flags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if c.timeout <= 0 {
		return c, fmt.Errorf("-timeout %s: want a positive duration", c.timeout)
	}
	if c.format != "png" && c.format != "svg" {
		return c, fmt.Errorf("-format %q: want png or svg", c.format)
	}
	return c, nil
}

// run is the command; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitUsage
	}
	if c.list {
		for _, n := range names() {
			e := registry[n]
			all := ""
			if !e.inAll {
				all = " (not in all)"
			}
			fmt.Fprintf(stdout, "%-16s %-8s %s%s\n", n, e.kind, e.doc, all)
		}
		return exitOK
	}
	if c.merge != "" {
		return mergeCmd(c, stdout, stderr)
	}
	return benchCmd(ctx, c, stdout, stderr)
}

// instance is one problem of the sweep, loaded on first use.
type instance struct {
	name string
	size string
	seed int64
	path string // for instances read from files
	vary []sweep.Setting
	p    *model.Problem
	json string // its file for workers, once written
}

func (in *instance) load() error {
	if in.p != nil {
		return nil
	}
	var err error
	if in.path != "" {
		in.p, err = gen.ReadFile(in.path)
	} else {
		in.p, err = gen.Office(gen.Size(in.size), in.seed)
	}
	if err != nil {
		return fmt.Errorf("instance %s: %w", in.name, err)
	}
	if err := sweep.Apply(in.p, in.vary); err != nil {
		return fmt.Errorf("instance %s: %w", in.name, err)
	}
	return nil
}

// file writes the problem as JSON for the workers, once.
func (in *instance) file(dir string) (string, error) {
	if in.json != "" {
		return in.json, nil
	}
	b, err := json.Marshal(in.p)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "problem-"+sanitize(in.name)+".json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return "", err
	}
	in.json = path
	return path, nil
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// listInstances builds the sweep's instances without generating them.
func listInstances(c config) ([]*instance, error) {
	if c.instances != "" {
		files, err := filepath.Glob(filepath.Join(c.instances, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("-instances %s: no *.json files", c.instances)
		}
		sort.Strings(files)
		var out []*instance
		for _, f := range files {
			out = append(out, &instance{name: strings.TrimSuffix(filepath.Base(f), ".json"), path: f})
		}
		return out, nil
	}
	seeds, err := gen.ParseSeeds(c.seeds)
	if err != nil {
		return nil, err
	}
	var out []*instance
	for _, s := range strings.Split(c.sizes, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		size, err := gen.ParseSize(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("-sizes: %w", err)
		}
		for _, seed := range seeds {
			for _, combo := range sweep.Combinations(c.vary) {
				out = append(out, &instance{name: fmt.Sprintf("%s-seed%d%s", size, seed, sweep.Suffix(combo)), size: string(size), seed: seed, vary: combo})
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-sizes %q: no size", c.sizes)
	}
	return out, nil
}

func benchCmd(ctx context.Context, c config, stdout, stderr io.Writer) int {
	shardI, shardN, err := sweep.ParseShard(c.shard)
	if err != nil {
		fmt.Fprintln(stderr, "bench: -shard:", err)
		return exitUsage
	}
	runners, err := selectRunners(c.runners)
	if err != nil {
		fmt.Fprintln(stderr, "bench: -runners:", err)
		return exitUsage
	}
	insts, err := listInstances(c)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitUsage
	}
	byName := map[string]*instance{}
	var items []report.Item
	for _, in := range insts {
		if _, dup := byName[in.name]; dup {
			fmt.Fprintf(stderr, "bench: instance %s listed twice\n", in.name)
			return exitUsage
		}
		byName[in.name] = in
		for _, r := range runners {
			items = append(items, report.Item{Instance: in.name, Runner: r})
		}
	}
	mine, err := report.Shard(items, shardI, shardN)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitUsage
	}
	// Run instance by instance, in sweep order, each instance's runners in
	// registry order.
	pos := map[string]int{}
	for i, in := range insts {
		pos[in.name] = i
	}
	rpos := map[string]int{}
	for i, r := range runners {
		rpos[r] = i
	}
	sort.SliceStable(mine, func(i, j int) bool {
		a, b := mine[i], mine[j]
		if pos[a.Instance] != pos[b.Instance] {
			return pos[a.Instance] < pos[b.Instance]
		}
		return rpos[a.Runner] < rpos[b.Runner]
	})

	if err := os.MkdirAll(c.out, 0o755); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitTrouble
	}
	jsonlName := "runs.jsonl"
	if shardN > 1 {
		jsonlName = fmt.Sprintf("runs-%d-of-%d.jsonl", shardI, shardN)
	}
	jf, err := os.Create(filepath.Join(c.out, jsonlName))
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitTrouble
	}
	defer jf.Close()
	tmp, err := os.MkdirTemp("", "rostersat-bench-")
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitTrouble
	}
	defer os.RemoveAll(tmp)
	x := &executor{inProcess: c.inProcess, timeout: c.timeout, tmp: tmp}

	fmt.Fprintf(stderr, "bench: %d runs (shard %d/%d of %d), timeout %s, out %s\n", len(mine), shardI, shardN, len(items), c.timeout, c.out)
	var ms []report.Measure
	saved := map[string]bool{}
	for _, it := range mine {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "bench: interrupted")
			break
		}
		in := byName[it.Instance]
		if err := in.load(); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitTrouble
		}
		if c.save && !saved[in.name] {
			saved[in.name] = true
			if err := saveInstance(c.out, in); err != nil {
				fmt.Fprintln(stderr, "bench:", err)
				return exitTrouble
			}
		}
		m := x.measure(ctx, in, it.Runner)
		ms = append(ms, m)
		if err := report.WriteJSONL(jf, []report.Measure{m}); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitTrouble
		}
		fmt.Fprintln(stderr, progress(m))
	}
	return finish(c, ms, stdout, stderr)
}

// saveInstance writes the instance as the library's JSON.
func saveInstance(out string, in *instance) error {
	dir := filepath.Join(out, "instances")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return gen.WriteFile(filepath.Join(dir, sanitize(in.name)+".json"), in.p)
}

// progress is one line per run for the log.
func progress(m report.Measure) string {
	switch {
	case m.Skipped != "":
		return fmt.Sprintf("SKIP %-14s %-12s %s", m.Runner, m.Instance, m.Skipped)
	case len(m.Violations) > 0:
		return fmt.Sprintf("FAIL %-14s %-12s %d violations: %s", m.Runner, m.Instance, len(m.Violations), m.Violations[0])
	}
	s := fmt.Sprintf("run  %-14s %-12s %-18s D=%d (>=%d) W=%d (>=%d) %s %.0f MiB",
		m.Runner, m.Instance, report.Outcome(m), m.Deviation, m.DeviationBound, m.RequestCost, m.RequestCostBound,
		report.Seconds(m.Seconds), float64(m.PeakBytes)/(1<<20))
	if m.Error != "" {
		s += " | " + firstLine(m.Error)
	}
	return s
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// finish writes the table and charts, cross-checks, and says how it went.
func finish(c config, ms []report.Measure, stdout, stderr io.Writer) int {
	report.Sort(ms)
	code := exitOK
	if len(ms) > 0 {
		if err := writeReport(c, ms); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			code = exitTrouble
		}
	}
	failures := report.CrossCheck(ms)
	for _, f := range failures {
		fmt.Fprintln(stderr, "FAIL", f)
	}
	skipped := 0
	for _, m := range ms {
		if m.Skipped != "" {
			skipped++
		}
	}
	fmt.Fprintf(stdout, "bench: %d runs, %d skipped, %d failures; report in %s\n", len(ms), skipped, len(failures), filepath.Join(c.out, "report.md"))
	if len(failures) > 0 {
		return exitFailed
	}
	return code
}

func writeReport(c config, ms []report.Measure) error {
	f, err := os.Create(filepath.Join(c.out, "report.md"))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "# rostersat bench\n\n")
	if c.charts {
		fmt.Fprintf(bw, "![time by size](time.%s)\n\n![quality](quality.%s)\n\n", c.format, c.format)
	}
	if err := report.Markdown(bw, ms); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if !c.charts {
		return nil
	}
	_, err = report.SaveCharts(c.out, ms, c.format)
	return err
}

// mergeCmd joins the JSON lines of earlier runs (shards) and rebuilds the
// report from them.
func mergeCmd(c config, stdout, stderr io.Writer) int {
	var parts [][]report.Measure
	for _, src := range strings.Split(c.merge, ",") {
		src = strings.TrimSpace(src)
		if src == "" {
			continue
		}
		files := []string{src}
		if st, err := os.Stat(src); err == nil && st.IsDir() {
			files, _ = filepath.Glob(filepath.Join(src, "*.jsonl"))
			sort.Strings(files)
		}
		for _, file := range files {
			ms, err := readJSONL(file)
			if err != nil {
				fmt.Fprintln(stderr, "bench: -merge:", err)
				return exitTrouble
			}
			parts = append(parts, ms)
		}
	}
	ms, err := report.Merge(parts...)
	if err != nil {
		fmt.Fprintln(stderr, "bench: -merge:", err)
	}
	if len(ms) == 0 {
		fmt.Fprintln(stderr, "bench: -merge: no measures found")
		return exitTrouble
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitTrouble
	}
	out := filepath.Join(c.out, "runs.jsonl")
	f, err := os.Create(out)
	if err == nil {
		err = report.WriteJSONL(f, ms)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitTrouble
	}
	return finish(c, ms, stdout, stderr)
}

func readJSONL(path string) ([]report.Measure, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ms, err := report.ReadJSONL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ms, nil
}
