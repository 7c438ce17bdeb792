package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/report"
	"github.com/rostersat/rostersat/solver"
	"github.com/rostersat/rostersat/sweep"
)

// The exit codes.
const (
	exitOK      = 0
	exitNo      = 1 // no rota or plan, violations, or the deadline first
	exitBadUsed = 2 // bad input or usage
)

// defaultTimeout bounds a run without -timeout.
const defaultTimeout = 60 * time.Second

// The extensions -out accepts: a rota is written in the format its name
// says; a plan and a schema are JSON, sweep rows CSV, a chart SVG or PNG.
var (
	rotaExts  = []string{".json", ".csv", ".ics", ".html", ".htm"}
	jsonExts  = []string{".json"}
	csvExts   = []string{".csv"}
	chartExts = []string{".svg", ".png"}
)

// options are the values of every command's flags. Each command
// registers only the flags it uses, so that its -h lists only those and
// a flag of another command is an error rather than silently ignored.
type options struct {
	timeout durationFlag
	out     outFlag
	quiet   bool
	vary    sweep.Flag
	shard   string
	chart   outFlag
	frozen  model.Date
	away    []model.Absence
	costs   dropCostFlag
}

// The flags, one function each, so that two commands with a flag
// describe it alike.

func timeoutFlag(fs *flag.FlagSet, o *options) {
	o.timeout = durationFlag(defaultTimeout)
	fs.Var(&o.timeout, "timeout", "stop after this `duration` (such as 30s or 2m); the best found is reported with its proven bounds")
}

// dropCostFlag is -drop-cost KIND=N, repeated: what dropping one rule
// instance of a kind costs when no plan keeps every rule.
type dropCostFlag map[model.RuleKind]int

func (f *dropCostFlag) String() string {
	if f == nil || len(*f) == 0 {
		return ""
	}
	var parts []string
	for _, k := range model.CaseRuleKinds() {
		if v, ok := (*f)[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%d", k, v))
		}
	}
	return strings.Join(parts, ",")
}

func (f *dropCostFlag) Set(v string) error {
	kind, n, ok := strings.Cut(v, "=")
	k := model.RuleKind(kind)
	if !ok || !slices.Contains(model.CaseRuleKinds(), k) {
		return fmt.Errorf("want KIND=N with KIND one of %v; got %q", model.CaseRuleKinds(), v)
	}
	cost, err := strconv.Atoi(n)
	if err != nil || cost < 1 {
		return fmt.Errorf("want a cost of at least 1 in %q", v)
	}
	if *f == nil {
		*f = dropCostFlag{}
	}
	(*f)[k] = cost
	return nil
}

func dropCostsFlag(fs *flag.FlagSet, o *options) {
	fs.Var(&o.costs, "drop-cost", "when no plan keeps every rule, what dropping one rule of a kind costs, as `KIND=N` "+
		"(case-worker, case-group, capacity; 1 each by default); repeat for several kinds")
}

func quietFlag(fs *flag.FlagSet, o *options) {
	fs.BoolVar(&o.quiet, "quiet", false, "no progress line on stderr, even on a terminal")
}

func rotaOutFlag(fs *flag.FlagSet, o *options) {
	o.out = outFlag{exts: rotaExts, many: true}
	fs.Var(&o.out, "out", "also write the rota to this `file`, in the format of its extension: "+orList(rotaExts)+
		" (name.<staff-id>.ics: one person's duties); repeat -out to write several from one solve")
}

// oneOutFlag is an -out that names one file, in one of exts, holding what.
func oneOutFlag(fs *flag.FlagSet, o *options, exts []string, what string) {
	o.out = outFlag{exts: exts}
	fs.Var(&o.out, "out", "also write "+what+" to this `file` ("+orList(exts)+")")
}

// A command is one subcommand of rostersat.
type command struct {
	name     string
	synopsis string   // its flags and files, as the usage shows them
	summary  string   // what it does, in a line
	files    []string // the files it takes, by what they are
	flags    func(fs *flag.FlagSet, o *options)
	run      func(o *options, files []string, stdout, stderr io.Writer) int
}

// commands are the subcommands, in the order the usage lists them.
var commands = []*command{
	{
		name: "solve", synopsis: "[-timeout d] [-out file]... [-quiet] scenario",
		summary: "build the rota: print it, the fairness table and the objective; -out also writes it",
		files:   []string{"scenario"},
		flags: func(fs *flag.FlagSet, o *options) {
			timeoutFlag(fs, o)
			rotaOutFlag(fs, o)
			quietFlag(fs, o)
		},
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			return o.solving(stderr, func(ctx context.Context, prog *progress) int {
				return solve(ctx, files[0], o.out.paths, stdout, stderr, prog)
			})
		},
	},
	{
		name: "check", synopsis: "scenario schedule.json",
		summary: "check a schedule (the JSON that solve -out schedule.json writes) against the scenario's rules",
		files:   []string{"scenario", "schedule.json"},
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			return check(files[0], files[1], stdout, stderr)
		},
	},
	{
		name: "explain", synopsis: "[-timeout d] scenario",
		summary: "why no rota exists, and the least change to the rules that gives one",
		files:   []string{"scenario"},
		flags:   timeoutFlag,
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(o.timeout))
			defer cancel()
			return explain(ctx, files[0], stdout, stderr)
		},
	},
	{
		name: "cases", synopsis: "[-timeout d] [-out plan.json] [-drop-cost kind=n] [-quiet] caseload",
		summary: "build a caseload plan",
		files:   []string{"caseload"},
		flags: func(fs *flag.FlagSet, o *options) {
			timeoutFlag(fs, o)
			oneOutFlag(fs, o, jsonExts, "the plan")
			dropCostsFlag(fs, o)
			quietFlag(fs, o)
		},
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			return o.solving(stderr, func(ctx context.Context, prog *progress) int {
				return cases(ctx, files[0], o.out.path(), o.costs, stdout, stderr, prog)
			})
		},
	},
	{
		name: "schema", synopsis: "[-out file.json]",
		summary: "the JSON Schema of scenarios, for editors (on stdout unless -out)",
		flags: func(fs *flag.FlagSet, o *options) {
			o.out = outFlag{exts: jsonExts}
			fs.Var(&o.out, "out", "write the schema to this `file` (.json) instead of stdout")
		},
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			return schema(o.out.path(), stdout, stderr)
		},
	},
	{
		name: "sweep", synopsis: "[-vary key=v1,v2]... [-shard i/n] [-out rows.csv] [-chart f.svg] [-timeout d] scenario",
		summary: "solve every variant of the rules, each within -timeout, and compare them",
		files:   []string{"scenario"},
		flags: func(fs *flag.FlagSet, o *options) {
			fs.Var(&o.vary, "vary", "a rule and the `key=v1,v2` values to try (repeatable; every combination is solved). Keys: "+sweep.Knobs())
			fs.StringVar(&o.shard, "shard", "0/1", "run the variants i, i+n, i+2n, ... of `i/n` (from 0, as the bench), for a batch array")
			oneOutFlag(fs, o, csvExts, "a row per variant")
			o.chart = outFlag{exts: chartExts}
			fs.Var(&o.chart, "chart", "also draw the objective of every variant, a panel per measure, to this `file` ("+orList(chartExts)+")")
			timeoutFlag(fs, o)
		},
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			return runSweep(files[0], o.vary, o.shard, time.Duration(o.timeout), o.out.path(), o.chart.path(), stdout, stderr)
		},
	},
	{
		name: "replan", synopsis: "[-frozen-until date] [-away staff:first:last[:kind]]... [-out file]... [-timeout d] [-quiet] scenario published.json",
		summary: "re-plan a published rota (the JSON that solve -out writes), fewest changes first",
		files:   []string{"scenario", "published.json"},
		flags: func(fs *flag.FlagSet, o *options) {
			fs.TextVar(&o.frozen, "frozen-until", model.Date{}, "keep the published rosters up to this `date` (YYYY-MM-DD)")
			fs.Func("away", "a new absence, `staff:first:last[:kind]` (repeatable)", func(v string) error {
				a, err := parseAway(v)
				if err == nil {
					o.away = append(o.away, a)
				}
				return err
			})
			rotaOutFlag(fs, o)
			timeoutFlag(fs, o)
			quietFlag(fs, o)
		},
		run: func(o *options, files []string, stdout, stderr io.Writer) int {
			return o.solving(stderr, func(ctx context.Context, prog *progress) int {
				return replan(ctx, files[0], files[1], o.frozen, o.away, o.out.paths, stdout, stderr, prog)
			})
		},
	},
}

// solving runs a command that solves: under -timeout, with the progress
// line on stderr unless -quiet.
func (o *options) solving(stderr io.Writer, run func(ctx context.Context, prog *progress) int) int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(o.timeout))
	defer cancel()
	prog := progressLine(stderr, o.quiet)
	defer prog.done()
	return run(ctx, prog)
}

// lookup returns the command of that name, nil for none.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// usage is the help of rostersat as a whole.
func usage() string {
	var b strings.Builder
	b.WriteString("usage: rostersat <command> [flags] <files>\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n  %-8s   %s\n", c.name, c.synopsis, "", c.summary)
	}
	b.WriteString(`
rostersat help <command> (or rostersat <command> -h) shows a command's flags.
On a terminal, solve, cases and replan show the best so far and the proven
bounds on stderr as they improve; -quiet turns that off.
Exit codes: 0 solved (or the schedule is sound), 1 no rota or plan, violations
or the deadline first, 2 bad input or usage.
`)
	return b.String()
}

// flagSet is the command's own flags. The flag package's own messages
// are discarded: a parse error is reported in one line by flagError, and
// the help by help, on stdout.
func (c *command) flagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("rostersat "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if c.flags != nil {
		c.flags(fs, o)
	}
	return fs
}

// help writes the command's usage, what it does and its flags.
func (c *command) help(w io.Writer) {
	fmt.Fprintf(w, "usage: rostersat %s %s\n\n%s.\n", c.name, c.synopsis, strings.ToUpper(c.summary[:1])+c.summary[1:])
	var o options
	fs := c.flagSet(&o)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		fmt.Fprintf(w, "\n%s takes no flags.\n", c.name)
		return
	}
	fmt.Fprintln(w, "\nflags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// hint is the line after a usage error.
func (c *command) hint() string {
	return fmt.Sprintf("(rostersat %s -h shows its flags and files)\n", c.name)
}

// run is the command line: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitBadUsed
	}
	name, args := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return exitOK
	case "help":
		if len(args) == 0 {
			fmt.Fprint(stdout, usage())
			return exitOK
		}
		c := lookup(args[0])
		if c == nil || len(args) > 1 {
			fmt.Fprintf(stderr, "rostersat help: want one command, one of %s; got %q\n", commandNames(), strings.Join(args, " "))
			return exitBadUsed
		}
		c.help(stdout)
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "rostersat: no command %q: want one of %s\n(rostersat help shows what each does)\n", name, commandNames())
		return exitBadUsed
	}
	var o options
	fs := c.flagSet(&o)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "rostersat %s: %s\n%s", c.name, flagError(err, fs), c.hint())
		return exitBadUsed
	}
	files := fs.Args()
	if len(files) != len(c.files) {
		fmt.Fprintf(stderr, "rostersat %s: %s\n%s", c.name, filesError(c.files, files), c.hint())
		return exitBadUsed
	}
	return c.run(&o, files, stdout, stderr)
}

// filesError says what is wrong with the files given: too few or too
// many, and a flag after the files, which the flag package does not
// read as one.
func filesError(want, got []string) string {
	msg := fmt.Sprintf("want %d file(s), %s; got %d", len(want), strings.Join(want, " "), len(got))
	if len(want) == 0 {
		msg = fmt.Sprintf("want no files; got %d", len(got))
	}
	for _, f := range got {
		if strings.HasPrefix(f, "-") {
			return msg + fmt.Sprintf(" (%s is read as a file: flags go before the files)", f)
		}
	}
	return msg
}

// The flag package's messages, which flagError rewrites.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: -(.*)$`)
	flagInvalid   = regexp.MustCompile(`^invalid (boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-([^:]+): (.*)$`)
)

// flagError writes a flag parse error as the flag and the value at
// fault and what is wanted, as `-timeout "5": want a duration such as
// 30s or 2m`.
func flagError(err error, fs *flag.FlagSet) string {
	msg := err.Error()
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, "-"+f.Name) })
		if len(names) == 0 {
			return fmt.Sprintf("no flag -%s: %s takes no flags", m[1], strings.TrimPrefix(fs.Name(), "rostersat "))
		}
		return fmt.Sprintf("no flag -%s: want one of %s", m[1], strings.Join(names, ", "))
	}
	if m := flagInvalid.FindStringSubmatch(msg); m != nil {
		why := m[4]
		if m[1] != "" {
			why = "want true or false" // the flag package says "parse error"
		}
		return fmt.Sprintf("-%s %s: %s", m[3], m[2], why)
	}
	return msg
}

// durationFlag is -timeout: a time.Duration with an error that says what
// is wanted (the flag package's says "parse error").
type durationFlag time.Duration

// String writes the duration as Go does, for the default in the help.
func (d *durationFlag) String() string { return time.Duration(*d).String() }

// Set reads a duration such as 30s, above zero: at zero every run ends
// before it starts.
func (d *durationFlag) Set(v string) error {
	x, err := time.ParseDuration(v)
	if err != nil {
		return errors.New("want a duration such as 30s or 2m")
	}
	if x <= 0 {
		return errors.New("want a duration above zero, such as 30s or 2m")
	}
	*d = durationFlag(x)
	return nil
}

// outFlag is -out (and -chart): the files to write, each ending in one
// of exts, checked when the flag is read so that a name the command
// cannot write is a usage error before any solving; many says whether
// the flag may be repeated.
type outFlag struct {
	paths []string
	exts  []string
	many  bool
}

// String lists the files, for the flag package.
func (f *outFlag) String() string { return strings.Join(f.paths, " ") }

// Set adds a file.
func (f *outFlag) Set(v string) error {
	if len(f.paths) > 0 && !f.many {
		return fmt.Errorf("given twice (first %q): this command writes one such file", f.paths[0])
	}
	ext := strings.ToLower(filepath.Ext(v))
	if !slices.Contains(f.exts, ext) {
		return fmt.Errorf("want a file name ending in %s", orList(f.exts))
	}
	f.paths = append(f.paths, v)
	return nil
}

// path is the one file, "" without the flag.
func (f *outFlag) path() string {
	if len(f.paths) == 0 {
		return ""
	}
	return f.paths[0]
}

// orList writes "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func solve(ctx context.Context, path string, outs []string, stdout, stderr io.Writer, prog *progress) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	if err := checkOuts(p, path, outs); err != nil {
		fmt.Fprintln(stderr, "rostersat solve:", err)
		return exitBadUsed
	}
	return rota(ctx, p, outs, stdout, stderr, prog, func(s *model.Schedule) {
		labels := report.Labels{}
		report.Rota(stdout, p, s, labels)
		fmt.Fprintln(stdout)
		report.Fairness(stdout, p, s, nil, labels)
		report.Measures(stdout, p, s, labels)
	})
}

// checkOuts finds, before the solve, what the -out files ask of the
// scenario at path that it cannot give: one person's calendar
// (name.<staff-id>.ics) for a staff ID it does not have. The extensions
// were checked as the flags were read.
func checkOuts(p *model.Problem, path string, outs []string) error {
	for _, out := range outs {
		person := icsPerson(out)
		if person == "" || slices.ContainsFunc(p.Staff, func(st model.Staff) bool { return st.ID == person }) {
			continue
		}
		ids := make([]string, len(p.Staff))
		for i, st := range p.Staff {
			ids[i] = st.ID
		}
		return fmt.Errorf("-out %q: %s has no staff %q for name.<staff-id>.ics; its staff IDs are %s", out, path, person, someOf(ids, 5))
	}
	return nil
}

// someOf lists the first n of xs and counts the rest.
func someOf(xs []string, n int) string {
	switch {
	case len(xs) == 0:
		return "none"
	case len(xs) <= n:
		return strings.Join(xs, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(xs[:n], ", "), len(xs)-n)
}

// rota solves p, prints it with show, then the objective, and writes
// it to every file of outs; the exit code says whether it is proven
// optimal and every file written.
func rota(ctx context.Context, p *model.Problem, outs []string, stdout, stderr io.Writer, prog *progress, show func(*model.Schedule)) int {
	s, err := solver.Solve(ctx, p, solver.WithProgress(func(pr solver.Progress) { prog.show(pr.Levels, pr.Elapsed) }))
	prog.done()
	var ie *solver.InfeasibleError
	switch {
	case errors.As(err, &ie):
		fmt.Fprint(stdout, ie.Explain())
		return exitNo
	case s == nil || (s.Status != model.Optimal && s.Status != model.Feasible):
		fmt.Fprintf(stderr, "rostersat: no rota: %v\n", errText(err))
		return exitNo
	}
	show(s)
	report.Objective(stdout, s)
	fmt.Fprintf(stdout, "status %s\n", s.Status)
	code := exitOK
	for _, out := range outs {
		// One file that cannot be written does not keep the others
		// from the rota just made.
		if err := writeSchedule(out, p, s); err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			code = exitNo
		}
	}
	if s.Status != model.Optimal {
		fmt.Fprintf(stderr, "rostersat: the deadline came first (%v): the rota keeps every rule, its optimality is bounded as shown\n", err)
		return exitNo
	}
	return code
}

func check(path, schedulePath string, stdout, stderr io.Writer) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	s, err := readSchedule(schedulePath, "check")
	if err != nil {
		fmt.Fprintln(stderr, "rostersat check:", err)
		return exitBadUsed
	}
	v := model.Check(p, s)
	for _, x := range v {
		fmt.Fprintln(stdout, x)
	}
	if len(v) > 0 {
		fmt.Fprintf(stdout, "%d violation(s)\n", len(v))
		return exitNo
	}
	fmt.Fprintln(stdout, "the schedule keeps every rule and reports its figures right")
	return exitOK
}

func explain(ctx context.Context, path string, stdout, stderr io.Writer) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	_, err := solver.Solve(ctx, p)
	var ie *solver.InfeasibleError
	if !errors.As(err, &ie) {
		if err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
		fmt.Fprintln(stdout, "a rota exists: nothing to explain")
		return exitOK
	}
	fmt.Fprint(stdout, ie.Explain())
	// The least change is found in a fraction of a second; the rota
	// without the dropped rules is then optimised, which on a tight clash
	// can run to the deadline (issue 13), so the relaxation gets at most
	// relaxTime.
	ctx, cancel := context.WithTimeout(ctx, relaxTime)
	defer cancel()
	rel, err := solver.Relax(ctx, p)
	if rel == nil {
		fmt.Fprintf(stdout, "\nno relaxation found: %v\n", err)
	} else {
		fmt.Fprint(stdout, "\n"+rel.Explain())
	}
	return exitNo
}

// replan re-plans a published schedule: its dates up to frozen are kept,
// the new absences are added, and the fewest changed person-dates come
// first (model.LevelChanges); it prints the changes as a scheduler would
// mail them.
func replan(ctx context.Context, path, publishedPath string, frozen model.Date, away []model.Absence, outs []string, stdout, stderr io.Writer, prog *progress) int {
	p, code := readProblem(path, stderr)
	if p == nil {
		return code
	}
	published, err := readSchedule(publishedPath, "replan")
	if err != nil {
		fmt.Fprintln(stderr, "rostersat replan:", err)
		return exitBadUsed
	}
	q := *p
	q.Absences = append(append([]model.Absence(nil), p.Absences...), away...)
	q.Baseline = published.Baseline(frozen)
	if err := q.Validate(); err != nil {
		fmt.Fprintf(stderr, "rostersat: the re-plan of %s:\n%v\n", path, err)
		return exitBadUsed
	}
	if err := checkOuts(&q, path, outs); err != nil {
		fmt.Fprintln(stderr, "rostersat replan:", err)
		return exitBadUsed
	}
	return rota(ctx, &q, outs, stdout, stderr, prog, func(s *model.Schedule) {
		fmt.Fprintln(stdout, model.Compare(&q, published.Dates, s))
	})
}

// parseAway reads staff:first:last[:kind].
func parseAway(v string) (model.Absence, error) {
	parts := strings.Split(v, ":")
	if len(parts) < 3 || len(parts) > 4 {
		return model.Absence{}, errors.New("want staff:first:last or staff:first:last:kind, such as ahmed:2024-02-09:2024-02-09:sick-leave")
	}
	a := model.Absence{Staff: parts[0]}
	var err error
	if a.First, err = model.ParseDate(parts[1]); err != nil {
		return a, err
	}
	if a.Last, err = model.ParseDate(parts[2]); err != nil {
		return a, err
	}
	if len(parts) == 4 {
		a.Kind = model.AbsenceKind(parts[3])
	}
	return a, nil
}

// relaxTime bounds the relaxation after an explanation.
const relaxTime = 5 * time.Second

// schema prints (or writes) the JSON Schema of rota scenarios, for
// editors.
func schema(out string, stdout, stderr io.Writer) int {
	b, err := scenarioSchema()
	if err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return exitNo
	}
	if out == "" {
		stdout.Write(append(b, '\n'))
		return exitOK
	}
	if err := writeFile(out, append(b, '\n')); err != nil {
		fmt.Fprintln(stderr, "rostersat:", err)
		return exitNo
	}
	return exitOK
}

func cases(ctx context.Context, path, out string, costs dropCostFlag, stdout, stderr io.Writer, prog *progress) int {
	p, code := readCaseProblem(path, stderr)
	if p == nil {
		return code
	}
	plan, err := caseload.Assign(ctx, p, caseload.WithProgress(func(pr caseload.Progress) { prog.show(pr.Levels, pr.Elapsed) }))
	prog.done()
	var ie *caseload.InfeasibleError
	switch {
	case errors.As(err, &ie):
		fmt.Fprint(stdout, ie.Explain())
		// Then the least to drop, as explain does for rotas; the plan
		// without it is optimised within relaxTime at most.
		ctx, cancel := context.WithTimeout(ctx, relaxTime)
		defer cancel()
		rel, err := caseload.Relax(ctx, p, caseload.WithDropCosts(costs))
		if rel == nil {
			fmt.Fprintf(stdout, "\nno relaxation found: %v\n", err)
			return exitNo
		}
		fmt.Fprint(stdout, "\n"+rel.Explain())
		if out != "" && rel.Plan != nil && (rel.Plan.Status == model.Optimal || rel.Plan.Status == model.Feasible) {
			// The plan without the dropped rules, for a user who accepts
			// them; it is said to break them, and the exit stays 1.
			if err := writeJSON(out, rel.Plan); err != nil {
				fmt.Fprintln(stderr, "rostersat:", err)
				return exitNo
			}
			fmt.Fprintf(stdout, "\nwrote %s: the plan without the %d dropped rule(s) above, which it breaks\n", out, len(rel.Dropped))
		}
		return exitNo
	case plan == nil || (plan.Status != model.Optimal && plan.Status != model.Feasible):
		fmt.Fprintf(stderr, "rostersat: no plan: %v\n", err)
		return exitNo
	}
	report.Caseload(stdout, p, plan, report.Labels{})
	fmt.Fprintf(stdout, "status %s\n", plan.Status)
	if out != "" {
		if err := writeJSON(out, plan); err != nil {
			fmt.Fprintln(stderr, "rostersat:", err)
			return exitNo
		}
	}
	if plan.Status != model.Optimal {
		fmt.Fprintf(stderr, "rostersat: not proven optimal (%v): the plan keeps every rule, its optimality is bounded as shown\n", err)
		return exitNo
	}
	return exitOK
}
