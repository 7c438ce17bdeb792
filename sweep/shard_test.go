package sweep

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		i, n int
		ok   bool
	}{
		{"0/1", 0, 1, true}, {"3/4", 3, 4, true}, {" 1 / 2 ", 1, 2, true},
		{"4/4", 0, 0, false}, {"1", 0, 0, false}, {"a/b", 0, 0, false}, {"-1/3", 0, 0, false}, {"0/0", 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			i, n, err := ParseShard(tc.in)
			if !tc.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, [2]int{tc.i, tc.n}, [2]int{i, n})
		})
	}
}
