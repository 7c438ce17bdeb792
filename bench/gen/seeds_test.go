package gen

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSeeds(t *testing.T) {
	got, err := ParseSeeds("1, 3-5,4,9")
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 3, 4, 5, 9}, got)
	for _, bad := range []string{"", "x", "5-3", "1-999999"} {
		_, err := ParseSeeds(bad)
		assert.Error(t, err, bad)
	}
}
