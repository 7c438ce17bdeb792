package report

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

func opt(runner string, d, w int) Measure {
	kind := KindPeer
	if runner == "sat" {
		kind = KindSolver
	}
	return Measure{Instance: "M-seed1", Size: "M", Staff: 120, Dates: 52, Runner: runner, Kind: kind,
		Status: model.Optimal, Deviation: d, DeviationBound: d, RequestCost: w, RequestCostBound: w, Seconds: 1}
}

func feasible(runner string, d, w int) Measure {
	m := opt(runner, d, w)
	m.Status, m.DeviationBound, m.RequestCostBound, m.Kind = model.Feasible, 0, 0, KindBaseline
	return m
}

func TestCrossCheck(t *testing.T) {
	fairOff := func(m Measure) Measure { m.FairnessOff = true; return m }
	tests := []struct {
		name string
		ms   []Measure
		want []string // substrings, one per expected failure, in order
	}{
		{"agreement", []Measure{opt("sat", 1, 10), opt("cbc", 1, 10), feasible("greedy", 2, 40)}, nil},
		{"D disagrees", []Measure{opt("sat", 1, 10), opt("cbc", 2, 10)},
			[]string{"optimum claims disagree: cbc has D=2 W=10, sat has D=1 W=10"}},
		{"W disagrees", []Measure{opt("sat", 1, 10), opt("cbc", 1, 11)},
			[]string{"optimum claims disagree: cbc has D=1 W=11, sat has D=1 W=10"}},
		{"fairness off compares W only", []Measure{fairOff(opt("sat", 1, 10)), fairOff(opt("cbc", 3, 10))}, nil},
		{"violations", []Measure{func() Measure {
			m := feasible("greedy", 0, 5)
			m.Violations = []string{"coverage: 2025-01-03 has 3 people on duty, want exactly 4"}
			return m
		}()}, []string{"greedy's schedule breaks 1 rule(s): coverage: 2025-01-03"}},
		{"infeasible refuted", []Measure{func() Measure {
			m := opt("sat", 0, 0)
			m.Status = model.Infeasible
			return m
		}(), feasible("greedy", 3, 50)}, []string{"sat claims infeasible, but greedy found a schedule the checker accepts (D=3 W=50)"}},
		{"D bound beaten", []Measure{opt("sat", 2, 10), feasible("greedy", 1, 50)},
			[]string{"sat proves D >= 2, but greedy's checked schedule has D=1"}},
		{"W bound beaten at equal D", []Measure{opt("sat", 1, 10), feasible("greedy", 1, 9)},
			[]string{"sat proves W >= 10 at D=1, but greedy's checked schedule has W=9"}},
		{"W bound at another D is no claim", []Measure{opt("sat", 1, 10), feasible("greedy", 2, 9)}, nil},
		{"skips and errors are not failures", []Measure{opt("sat", 1, 10),
			{Instance: "M-seed1", Runner: "cbc", Skipped: "cbc not found"},
			{Instance: "M-seed1", Runner: "gophersat", Status: model.Unknown, Error: "context deadline exceeded", TimedOut: true}}, nil},
		{"a rejected schedule is not a witness", []Measure{opt("sat", 2, 10), func() Measure {
			m := feasible("greedy", 1, 5)
			m.Violations = []string{"spacing: ..."}
			return m
		}()}, []string{"greedy's schedule breaks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := CrossCheck(tc.ms)
			require.Len(t, got, len(tc.want), "%v", got)
			for i, w := range tc.want {
				assert.Contains(t, got[i].String(), w)
				assert.True(t, strings.HasPrefix(got[i].String(), "M-seed1: "))
			}
		})
	}
}

func TestCrossCheckNamesRunners(t *testing.T) {
	got := CrossCheck([]Measure{opt("sat", 1, 10), opt("cbc", 2, 10)})
	require.Len(t, got, 1)
	assert.ElementsMatch(t, []string{"sat", "cbc"}, got[0].Runners)
	assert.Equal(t, "M-seed1", got[0].Instance)
}

func TestShard(t *testing.T) {
	var items []Item
	for _, in := range []string{"S-seed1", "S-seed2", "M-seed1", "L-seed1", "ST-seed1"} {
		for _, r := range []string{"sat", "cbc", "gophersat", "greedy"} {
			items = append(items, Item{Instance: in, Runner: r})
		}
	}
	for n := 1; n <= 7; n++ {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			seen := map[Item]int{}
			shuffled := append([]Item(nil), items...)
			rand.New(rand.NewSource(int64(n))).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			for i := 0; i < n; i++ {
				a, err := Shard(items, i, n)
				require.NoError(t, err)
				b, err := Shard(shuffled, i, n)
				require.NoError(t, err)
				assert.Equal(t, a, b, "the split depends on the set, not the order")
				assert.InDelta(t, len(items)/n, len(a), 1)
				for _, it := range a {
					seen[it]++
				}
			}
			require.Len(t, seen, len(items))
			for it, c := range seen {
				assert.Equal(t, 1, c, "%v", it)
			}
		})
	}
	t.Run("duplicates", func(t *testing.T) {
		got, err := Shard(append(items[:2:2], items[:2]...), 0, 1)
		require.NoError(t, err)
		assert.Len(t, got, 2)
	})
	for _, bad := range [][2]int{{0, 0}, {-1, 2}, {2, 2}} {
		_, err := Shard(items, bad[0], bad[1])
		assert.Error(t, err)
	}
}

func sample() []Measure {
	ms := []Measure{opt("sat", 0, 6), opt("cbc", 0, 6), feasible("greedy", 0, 81),
		{Instance: "M-seed1", Size: "M", Staff: 120, Dates: 52, Runner: "gophersat", Kind: KindPeer, Status: model.Feasible,
			Deviation: 3, RequestCost: 88, Seconds: 20, TimedOut: true, Error: "context deadline exceeded"},
	}
	s := opt("sat", 1, 10)
	s.Instance, s.Size, s.Staff, s.Dates, s.Seconds = "ST-seed1", "ST", 28, 30, 0.02
	c := opt("cbc", 1, 10)
	c.Instance, c.Size, c.Staff, c.Dates, c.Seconds = "ST-seed1", "ST", 28, 30, 0.08
	return append(ms, s, c, Measure{Instance: "ST-seed1", Size: "ST", Staff: 28, Dates: 30, Runner: "cbc-old", Kind: KindPeer, Skipped: "cbc not found"})
}

func TestJSONLMergeRoundTrip(t *testing.T) {
	ms := sample()
	var whole bytes.Buffer
	require.NoError(t, WriteJSONL(&whole, ms))
	back, err := ReadJSONL(bytes.NewReader(whole.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, ms, back)

	// Two shards written apart, concatenated, merged: the same runs.
	var items []Item
	for _, m := range ms {
		items = append(items, m.Key())
	}
	var cat bytes.Buffer
	var parts [][]Measure
	for i := 0; i < 2; i++ {
		mine, err := Shard(items, i, 2)
		require.NoError(t, err)
		var part []Measure
		for _, it := range mine {
			for _, m := range ms {
				if m.Key() == it {
					part = append(part, m)
				}
			}
		}
		require.NoError(t, WriteJSONL(&cat, part))
		cat.WriteString("\n") // a blank line between files is harmless
		parts = append(parts, part)
	}
	read, err := ReadJSONL(&cat)
	require.NoError(t, err)
	merged, err := Merge(read)
	require.NoError(t, err)
	want := append([]Measure(nil), ms...)
	Sort(want)
	assert.Equal(t, want, merged)
	merged2, err := Merge(parts...)
	require.NoError(t, err)
	assert.Equal(t, want, merged2)

	var a, b bytes.Buffer
	require.NoError(t, Markdown(&a, ms))
	require.NoError(t, Markdown(&b, merged))
	assert.Equal(t, a.String(), b.String(), "the table does not depend on the order of the runs")
}

func TestMergeDuplicates(t *testing.T) {
	first, second := opt("sat", 0, 6), opt("sat", 0, 6)
	second.Seconds = 2
	got, err := Merge([]Measure{first}, []Measure{second})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrDuplicate))
	require.Len(t, got, 1)
	assert.Equal(t, 2.0, got[0].Seconds, "the later run wins")
}

func TestReadJSONLErrors(t *testing.T) {
	_, err := ReadJSONL(strings.NewReader("{\"instance\":\"a\",\"runner\":\"b\"}\n{oops\n"))
	assert.ErrorContains(t, err, "line 2")
	_, err = ReadJSONL(strings.NewReader("{\"instance\":\"a\"}\n"))
	assert.ErrorContains(t, err, "line 1")
	_, err = ReadJSONL(strings.NewReader("{\"instance\":\"a\",\"runner\":\"b\",\"status\":\"splendid\"}\n"))
	assert.Error(t, err)
}

func TestMarkdown(t *testing.T) {
	ms := sample()
	ms = append(ms, func() Measure {
		m := feasible("local|search", 0, 9)
		m.Violations = []string{"a", "b"}
		return m
	}())
	var b bytes.Buffer
	require.NoError(t, Markdown(&b, ms))
	out := b.String()
	for _, want := range []string{
		// Columns: the solver, then peers, then baselines.
		"| instance | staff × dates | sat | cbc | cbc-old | gophersat | greedy | local\\|search |\n",
		// ST-seed1 is smaller than M-seed1: it comes first.
		"| ST-seed1 | 28 × 30 | 0.02 s (0.25) | 0.08 s (1.00) | skipped | | | |\n",
		"| M-seed1 | 120 × 52 | 1 s (1.00) | 1 s (1.00) | | 20 s | 1 s | 1 s |\n",
		"| M-seed1 | 120 × 52 | optimal (0, 6) | optimal (0, 6) | | feasible, timeout (3, 88) | feasible (0, 81) | feasible (0, 9) 2 violations |\n",
		"| M-seed1 | gophersat | feasible, timeout | 3 | 0 | 88 | 0 | 20 s | - | | | | ok | context deadline exceeded |\n",
		"| ST-seed1 | cbc-old | skipped | | | | | 0 s | - | | | | | cbc not found |\n",
		"| 2 violations |",
	} {
		assert.Contains(t, out, want)
	}
}

func TestSeconds(t *testing.T) {
	for in, want := range map[float64]string{0: "0 s", 0.0004: "<0.001 s", 0.0123456: "0.0123 s", 1.5: "1.5 s", 162.4: "162 s", 1234: "1.23e+03 s"} {
		assert.Equal(t, want, Seconds(in), "%v", in)
	}
}

func TestSaveCharts(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"png", "svg"} {
		paths, err := SaveCharts(dir, sample(), format)
		require.NoError(t, err)
		require.Len(t, paths, 2)
		for _, p := range paths {
			st, err := os.Stat(p)
			require.NoError(t, err)
			assert.Greater(t, st.Size(), int64(1000))
			assert.Equal(t, "."+format, filepath.Ext(p))
		}
	}
	_, err := SaveCharts(dir, nil, "png")
	assert.Error(t, err)
	_, err = SaveCharts(dir, sample(), "gif")
	assert.Error(t, err)
}

func TestRatio(t *testing.T) {
	for in, want := range map[float64]string{0: "0.00", 0.1: "0.10", 0.87: "0.87", 11.084: "11.08", 0.0359: "0.036", 0.00094: "0.00094"} {
		assert.Equal(t, want, Ratio(in), "%v", in)
	}
}
