package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseShard reads "i/n", such as "0/4" for the first of four shards: a
// batch array (a Kubernetes indexed Job's JOB_COMPLETION_INDEX) runs
// shard i of n, and their outputs concatenate to the whole.
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
