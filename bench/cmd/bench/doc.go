// Command bench runs rostersat's SAT solver, the heuristic baselines and
// the peer solvers side by side on generated or stored instances, checks
// every schedule with model.Check, cross-checks every claim against every
// other, and writes the evidence.
//
//	go run ./bench/cmd/bench -sizes S,M,L -runners all -out results/
//
// Flags:
//
//	-sizes S,M        generated sizes: S, M, L, XL, ST, MT (bench/gen)
//	-seeds 1          generator seeds: 1,2,5-7
//	-instances dir    read the *.json instances of dir instead (the library's JSON)
//	-runners all      comma list of runners, or all; -list shows them
//	-timeout 2m       time limit of each run
//	-out results      where runs.jsonl, report.md, time.png and quality.png go
//	-shard 0/1        run shard i of n (0-based) of the (instance, runner) list
//	-merge d1,d2      run nothing: merge the *.jsonl of these directories (or
//	                  files) into -out and rebuild the table and charts
//	-inprocess        run runners inside the bench process (see Memory)
//	-format png       chart format, png or svg
//	-charts=false     skip the charts
//	-save-instances   write the instances used to -out/instances/NAME.json
//	-list             list the runners
//
// Runners. "all" is sat (solver.Solve with default options), cbc and
// gophersat (bench/peer), rotation, greedy and local-search
// (bench/baseline). sat-no-counting, sat-no-flow, sat-no-pricing and
// sat-stratified run
// the solver with one option changed, to measure its effect; name them
// explicitly. A runner that cannot run here (cbc not installed) is
// reported as skipped, never as a failure.
//
// Sharding. The work list is every (instance, runner) pair; -shard i/n
// keeps every n-th of them in sorted order (report.Shard), so that n
// machines (a Kubernetes indexed Job, a Slurm array) cover it exactly once
// with the same flags. Each writes runs-i-of-n.jsonl; concatenate them, or
// run -merge over the directories, to get the whole report.
//
// Memory and time. By default every run happens in a child process: the
// bench binary starts itself as a worker, which reads the problem, runs
// the runner under its deadline and writes the schedule back. The peak
// memory reported is the child's whole-process maximum resident set
// (rusage Maxrss), which on Linux includes the cbc process the child
// waited for; a runner that overruns its deadline by the grace period
// (10 s or a tenth of the timeout) is killed and reported as timed out.
// The time is the wall time of the Run call inside the worker (process
// start and reading the problem excluded; for cbc it includes writing the
// LP files and starting cbc). With -inprocess, runs happen in the bench
// process and the peak is the Go runtime's memory high-water mark
// (report.MemoryHeap).
//
// Exit status: 0 when every schedule passed the checker and no claims
// disagree; 1 when any did not (each failure is printed, naming the
// runners and their values); 2 for bad flags; 3 when the bench itself
// could not do its work.
package main
