// Package report turns bench runs into evidence: a [Measure] per runner
// and instance (status, D, W and their bounds, the checker's findings,
// wall time, encode and solve time, peak memory), [CrossCheck] of every
// claim against every other, and the outputs: JSON lines ([WriteJSONL],
// one object per run, so that shards merge by concatenation and [Merge]),
// a Markdown table ([Markdown]) and charts ([TimeChart], [QualityCharts],
// [SaveCharts]) drawn with gonum.org/v1/plot.
//
// [Shard] splits a sweep's work list deterministically, so that a batch
// system (a Kubernetes indexed Job, a Slurm array) can run shard i of n on
// each machine.
//
// Peak memory. A Measure says how its PeakBytes was taken ([MemoryRSS] or
// [MemoryHeap]). The bench command runs every run in a child process of
// itself by default and reports the child's whole-process peak resident
// set from its rusage, which on Linux includes the external solver the
// child waited for (cbc): one figure, comparable across in-process and
// external runners. With -inprocess it samples the Go runtime's memory
// instead, which misses what external processes use.
package report
