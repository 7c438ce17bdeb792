package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Item is one unit of work: a runner on an instance.
type Item struct {
	Instance string `json:"instance"`
	Runner   string `json:"runner"`
}

// Shard returns the items of shard i of n (0 <= i < n): the items sorted by
// instance and runner, then every n-th from position i. Every item falls in
// exactly one shard, the split depends only on the set of items (not on
// their order or on the machine), and neighbouring items, often of one
// size, are spread over the shards. Duplicates are dropped.
func Shard(items []Item, i, n int) ([]Item, error) {
	if n < 1 || i < 0 || i >= n {
		return nil, fmt.Errorf("shard %d/%d: want 0 <= i < n", i, n)
	}
	all := append([]Item(nil), items...)
	sort.Slice(all, func(a, b int) bool {
		if all[a].Instance != all[b].Instance {
			return all[a].Instance < all[b].Instance
		}
		return all[a].Runner < all[b].Runner
	})
	var out []Item
	pos := 0
	for k, it := range all {
		if k > 0 && it == all[k-1] {
			continue
		}
		if pos%n == i {
			out = append(out, it)
		}
		pos++
	}
	return out, nil
}

// ParseShard reads "i/n", such as "0/4" for the first of four shards.
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.Atoi(strings.TrimSpace(a))
		if err == nil {
			n, err = strconv.Atoi(strings.TrimSpace(b))
		}
	}
	if !ok || err != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("shard %q: want i/n with 0 <= i < n, such as 0/4", s)
	}
	return i, n, nil
}
