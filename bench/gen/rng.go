package gen

import (
	"math/bits"
	"math/rand/v2"
)

// rng draws every random choice of a generator from one PCG source. It
// reduces the source's 64-bit words itself rather than through rand.Rand,
// whose reductions a Go release may change: PCG-DXSM is a fixed algorithm,
// so a seed gives the same instance on every Go version and platform.
type rng struct{ src *rand.PCG }

// pcgStream is the second PCG seed word: the bytes of "rostersa".
const pcgStream = 0x726f737465727361

func newRNG(seed int64) *rng { return &rng{src: rand.NewPCG(uint64(seed), pcgStream)} }

// intn returns a number in [0, n), or 0 when n <= 0 (Lemire's
// multiply-shift; the bias is below 2^-50 for the n used here).
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi], both included.
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance returns true with probability p.
func (r *rng) chance(p float64) bool {
	return float64(r.src.Uint64()>>11)/(1<<53) < p
}

// perm returns a random permutation of xs as a new slice.
func (r *rng) perm(xs []int) []int {
	out := append([]int(nil), xs...)
	for i := len(out) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return out
}
