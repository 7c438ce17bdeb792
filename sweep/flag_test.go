package sweep

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFlagSet: a bad -vary names the part at fault without repeating the
// whole value, which the flag package's message already quotes.
func TestFlagSet(t *testing.T) {
	tests := []struct {
		in, err string
	}{
		{"rules.spacing.weeks=4,6", ""},
		{"rules.spacing.weeks", "want key=value,value, such as rules.spacing.weeks=4,6"},
		{"rules.spacing.weeks=", "want key=value,value"},
		{"rules.nothing=1", `unknown knob "rules.nothing", want one of `},
		{"rules.spacing.weeks=4,x", `rules.spacing.weeks: weeks "x": want 0 to`},
		{"rules.coverage.perDate=n/6,n/8,4", ""},
		{"rules.coverage.perDate=n/0", `per date "n/0": want a count, or n/K with K at least 1`},
		{"rules.coverage.perDate=n/x", `per date "n/x": want a count, or n/K`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var f Flag
			err := f.Set(tc.in)
			if tc.err == "" {
				require.NoError(t, err)
				require.Equal(t, tc.in, f.String())
				return
			}
			require.ErrorContains(t, err, tc.err)
			require.NotContains(t, err.Error(), `"`+tc.in+`"`, "the value is not repeated")
		})
	}
}
