package model

import "math/big"

// Interval is a person's ideal interval between duties, in the duty dates
// they are available on (see Rhythm in the package documentation): its
// value, and the range [Low, High] of gaps that cost nothing. The zero
// Interval is a person with no duties due, whose rhythm is always 0.
type Interval struct {
	Value     float64
	Low, High int
}

// Due reports whether the person has duties due, and so a rhythm.
func (iv Interval) Due() bool { return iv.High > 0 }

// intervals computes I(s) = a*W / (N*w(s) - H(s)*W) for everyone, lo and
// hi capped at a and a+1. It works in math/big: once per person, and the
// products exceed int64 near the limits.
func (p *Problem) intervals(demand []int, avail [][]bool) []Interval {
	N, w, W := p.bigWeights(demand, avail)
	out := make([]Interval, len(p.Staff))
	if W.Sign() <= 0 {
		return out
	}
	den, num, q, r := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	for s, st := range p.Staff {
		a := int64(0)
		for _, on := range avail[s] {
			if on {
				a++
			}
		}
		den.Mul(N, w[s])
		den.Sub(den, new(big.Int).Mul(big.NewInt(int64(st.History.Duties)), W))
		if a == 0 || den.Sign() <= 0 {
			continue
		}
		num.Mul(big.NewInt(a), W)
		q.DivMod(num, den, r)
		lo, hi := int64(a), int64(a+1)
		if q.IsInt64() && q.Int64() < lo {
			lo = q.Int64()
		}
		if q.IsInt64() {
			c := q.Int64()
			if r.Sign() != 0 {
				c++
			}
			hi = min(hi, c)
		}
		v, _ := new(big.Rat).SetFrac(num, den).Float64()
		out[s] = Interval{Value: v, Low: int(lo), High: int(hi)}
	}
	return out
}

// Rhythm returns the rhythm of Staff[s] in the rota row on (on[f]: on
// duty on Dates[f]): the inner gaps between duties shorter than the
// interval's Low, and every gap, lead-in and tail included, longer than
// its High, counted in the dates s is available on.
func (f *Facts) Rhythm(s int, on []bool) int {
	iv := f.Intervals[s]
	if !iv.Due() {
		return 0
	}
	cost, pos, last, a := 0, 0, -1, 0
	for d, v := range f.Available[s] {
		if !v {
			continue
		}
		if on[d] {
			g := pos - last
			if last >= 0 {
				cost += max(0, iv.Low-g)
			}
			cost += max(0, g-iv.High)
			last = pos
		}
		pos++
		a++
	}
	return cost + max(0, a-last-iv.High)
}
