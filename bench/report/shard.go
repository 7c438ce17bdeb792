package report

import (
	"fmt"
	"sort"
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
