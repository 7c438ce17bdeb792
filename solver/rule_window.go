package solver

import (
	"fmt"

	"github.com/rostersat/rostersat/internal/card"
	"github.com/rostersat/rostersat/model"
)

// Windows: at most Max duties of one person within any span of Weeks
// weeks, one instance per window rule and person who could break it.

// window is window w of person s.
type window struct{ s, w int }

func windowRules(in *instance) []rule {
	var out []window
	for w := range in.windows {
		for s := range in.p.Staff {
			if len(windowSpans(in, s, w)) > 0 {
				out = append(out, window{s, w})
			}
		}
	}
	return boxed(out)
}

// windowSpans returns the spans of person s's available dates that window
// w constrains: for each available date, the available dates from it
// that fit in the window, when there are more than Max of them. Only
// spans that start on one of the person's dates matter.
func windowSpans(in *instance, s, w int) [][]int {
	days, most := 7*in.windows[w].Weeks, in.windows[w].Max
	var fs []int
	for f, ok := range in.avail[s] {
		if ok {
			fs = append(fs, f)
		}
	}
	var out [][]int
	end := 0
	for i := range fs {
		for end < len(fs) && in.gap(fs[i], fs[end]) < days {
			end++
		}
		if end-i > most {
			out = append(out, fs[i:end])
		}
	}
	return out
}

func (r window) id(in *instance) model.Rule {
	return model.Rule{Kind: model.RuleWindow, Staff: in.p.Staff[r.s].ID, Window: r.w}
}

// encode caps the person's duties within every span at the window's Max,
// by one counter along the person's dates that every span reads
// (card.Sequence): measured on the Värmdö office under a 20-week window of
// 3 duties, a totalizer per span left gini without a rota after 20 s.
// The counter counts to one past the most duties the window alone
// allows, the greedy packing of its spans, which makes it exact.
func (r window) encode(e *encoding, hard card.Sink) {
	in := e.in
	days, most := 7*in.windows[r.w].Weeks, in.windows[r.w].Max
	fs, ms := e.duties(r.s)
	var spans [][2]int
	end := 0
	for i := range fs {
		for end < len(fs) && in.gap(fs[i], fs[end]) < days {
			end++
		}
		if end-i > most {
			spans = append(spans, [2]int{i, end})
		}
	}
	packed := 0
	var taken []int
	for _, f := range fs {
		if n := len(taken); most > 0 && (n < most || in.gap(taken[n-most], f) >= days) {
			taken = append(taken, f)
			packed++
		}
	}
	card.Sequence(e.ses, hard, ms, spans, most, packed+1)
}

// breach counts the duties that come too soon: those that are the
// (Max+1)-th within a span.
func (r window) breach(t *tally) int {
	in := t.in
	days, most := 7*in.windows[r.w].Weeks, in.windows[r.w].Max
	var fs []int
	for f, v := range t.on[r.s] {
		if v {
			fs = append(fs, f)
		}
	}
	n := 0
	for i := range fs {
		if i >= most && (most == 0 || in.gap(fs[i-most], fs[i]) < days) {
			n++
		}
	}
	return n
}

func (r window) scope() (int, int) { return -1, r.s }

func (r window) restrict(in *instance) { in.windowed[r.s][r.w] = true }

func (r window) reason(in *instance) Reason {
	w := in.windows[r.w]
	return Reason{Rule: r.id(in), Needed: w.Max,
		Text: fmt.Sprintf("%s works at most %s in any %s (rules.windows[%d])", in.p.Staff[r.s].ID, duties(w.Max), weeks(w.Weeks), r.w)}
}
