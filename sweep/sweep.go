package sweep

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// A Variation is one -vary flag: a rule knob and the values to sweep.
// Every problem is run once per combination of the values, so that a
// policy grid (spacing 2, 4, 6, 8 weeks x staff per Friday n/7, n/5) is
// one command.
type Variation struct {
	Key    string
	Values []string
}

// Flag collects -vary flags; it is a flag.Value.
type Flag []Variation

// String writes the flags back.
func (v *Flag) String() string {
	var parts []string
	for _, x := range *v {
		parts = append(parts, x.Key+"="+strings.Join(x.Values, ","))
	}
	return strings.Join(parts, " ")
}

// Set reads "key=v1,v2"; the key must be one of Knobs. Its errors do
// not repeat s, which the flag package's message already quotes.
func (v *Flag) Set(s string) error {
	key, list, ok := strings.Cut(s, "=")
	if !ok || list == "" {
		return errors.New("want key=value,value, such as rules.spacing.weeks=4,6")
	}
	if _, known := knobs[key]; !known {
		return fmt.Errorf("unknown knob %q, want one of %s", key, Knobs())
	}
	x := Variation{Key: key, Values: strings.Split(list, ",")}
	probe := gridProbe()
	for _, val := range x.Values {
		if err := knobs[key].apply(probe, val); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	*v = append(*v, x)
	return nil
}

// A knob sets one rule of a problem from a value on the command line.
type knob struct {
	doc   string
	apply func(p *model.Problem, value string) error
	label func(value string) string // for instance names
}

// knobs are the rules -vary can sweep.
var knobs = map[string]knob{
	"rules.spacing.weeks": {"weeks between two duties of one person", func(p *model.Problem, v string) error {
		n, err := weeksValue(v)
		p.Rules.Spacing.Weeks = n
		return err
	}, func(v string) string { return "spacing" + v }},
	"rules.coverage.perDate": {`people on duty per date: a count, or "n/K" (such as n/7) of the staff`, func(p *model.Problem, v string) error {
		n, err := perDateValue(v, len(p.Staff))
		p.Rules.Coverage.PerDate = n
		return err
	}, func(v string) string { return "perDate" + strings.ReplaceAll(v, "/", "_") }},
	"rules.maxGap.weeks": {"the longest gap without a duty, in weeks (0: off)", func(p *model.Problem, v string) error {
		n, err := weeksValue(v)
		p.Rules.MaxGap.Weeks = n
		return err
	}, func(v string) string { return "gap" + v }},
	"rules.windows": {`one window "weeks:max", or "none"`, func(p *model.Problem, v string) error {
		if v == "none" {
			p.Rules.Windows = nil
			return nil
		}
		w, m, ok := strings.Cut(v, ":")
		weeks, err1 := strconv.Atoi(w)
		most, err2 := strconv.Atoi(m)
		if !ok || err1 != nil || err2 != nil || weeks < 1 || most < 0 {
			return fmt.Errorf("window %q: want weeks:max, such as 26:4", v)
		}
		p.Rules.Windows = []model.Window{{Weeks: weeks, Max: most}}
		return nil
	}, func(v string) string { return "window" + strings.ReplaceAll(v, ":", "_") }},
	"period.classes.every": {"a date class of every Nth duty date, from the Nth on (0: none), fairly shared (the classes level)", func(p *model.Problem, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > model.MaxDutyDates {
			return fmt.Errorf("class spacing %q: want 0 (none) to %d", v, model.MaxDutyDates)
		}
		p.Period.Classes = nil
		if n == 0 {
			return nil
		}
		dates := p.Period.DutyDates()
		var cls []model.Date
		for i := n - 1; i < len(dates); i += n {
			cls = append(cls, dates[i])
		}
		if len(cls) > 0 {
			p.Period.Classes = []model.DateClass{{ID: fmt.Sprintf("every%d", n), Dates: cls}}
		}
		return nil
	}, func(v string) string { return "classes" + v }},
	"rules.rhythm.on": {"rhythm as a level after fairness: true or false", func(p *model.Problem, v string) error {
		on, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("rhythm %q: want true or false", v)
		}
		p.Rules.Rhythm.On = on
		return nil
	}, func(v string) string { return "rhythm" + v }},
	"rules.unitMaximums": {`at most this many of every unit on a date, or "none"`, func(p *model.Problem, v string) error {
		p.Rules.UnitMaximums = nil
		if v == "none" {
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("unit maximum %q: want a count or none", v)
		}
		for _, u := range p.Units {
			p.Rules.UnitMaximums = append(p.Rules.UnitMaximums, model.UnitMaximum{Unit: u.ID, Max: n})
		}
		return nil
	}, func(v string) string { return "unitMax" + v }},
}

// Knobs names the rules a variation can set, for a flag's usage line.
func Knobs() string {
	return strings.Join(slices.Sorted(maps.Keys(knobs)), ", ")
}

// gridProbe is a problem to try values on before any instance exists.
func gridProbe() *model.Problem {
	return &model.Problem{Staff: make([]model.Staff, 35), Units: []model.Unit{{ID: "u"}}}
}

func weeksValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > model.MaxWeeks {
		return 0, fmt.Errorf("weeks %q: want 0 to %d", v, model.MaxWeeks)
	}
	return n, nil
}

func perDateValue(v string, staff int) (int, error) {
	if d, ok := strings.CutPrefix(v, "n/"); ok {
		k, err := strconv.Atoi(d)
		if err != nil || k < 1 {
			return 0, fmt.Errorf("per date %q: want a count, or n/K with K at least 1 (such as n/7)", v)
		}
		return max(1, staff/k), nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("per date %q: want a count, or n/K with K at least 1 (such as n/7)", v)
	}
	return n, nil
}

// A Setting is one value of one knob.
type Setting struct{ Key, Value string }

// Combinations returns every combination of the variations' values, in
// flag order, the last varying fastest; one empty combination without
// variations.
func Combinations(vs []Variation) [][]Setting {
	out := [][]Setting{nil}
	for _, v := range vs {
		var next [][]Setting
		for _, c := range out {
			for _, val := range v.Values {
				next = append(next, append(append([]Setting(nil), c...), Setting{v.Key, val}))
			}
		}
		out = next
	}
	return out
}

// Apply sets the rules of p.
func Apply(p *model.Problem, ss []Setting) error {
	for _, s := range ss {
		if err := knobs[s.Key].apply(p, s.Value); err != nil {
			return err
		}
	}
	return nil
}

// Suffix names the settings for a problem's name, as
// "-spacing6-perDaten_5".
func Suffix(ss []Setting) string {
	out := ""
	for _, s := range ss {
		out += "-" + knobs[s.Key].label(s.Value)
	}
	return out
}

// Label writes the settings for people, as "rules.spacing.weeks=6
// rules.coverage.perDate=n/5"; "as given" without any.
func Label(ss []Setting) string {
	if len(ss) == 0 {
		return "as given"
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.Key + "=" + s.Value
	}
	return strings.Join(parts, " ")
}
