package gen_test

import (
	"bytes"
	"fmt"

	"github.com/rostersat/rostersat/bench/gen"
	"github.com/rostersat/rostersat/model"
)

// The Värmdö office of the 2023-24 trial, drawn with seed 1, written to
// JSON and read back.
func Example() {
	p, err := gen.Office(gen.S, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	dates := p.Period.DutyDates()
	fmt.Printf("%s: %d staff in %d units, %d duty Fridays from %s to %s, %d on duty\n",
		p.Name, len(p.Staff), len(p.Units), len(dates), dates[0], dates[len(dates)-1], p.Rules.Coverage.PerDate)
	fmt.Println("minimums:", p.Rules.UnitMinimums, p.Rules.RoleMinimums)

	var buf bytes.Buffer
	if err := gen.Write(&buf, p); err != nil {
		fmt.Println(err)
		return
	}
	q, err := gen.Read(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("read back:", q.Name, len(q.Absences) == len(p.Absences), len(q.Requests) == len(p.Requests))
	// Output:
	// S-seed1: 28 staff in 4 units, 30 duty Fridays from 2023-11-17 to 2024-06-14, 4 on duty
	// minimums: [{mottagning 1}] [{senior 1}]
	// read back: S-seed1 true true
}

// A custom shape: a 300-person office over two years of Fridays, with a
// unit of six that forces D >= 3.
func ExampleGenerate() {
	spec := gen.Spec{
		Name:       "two-years",
		Staff:      300,
		Start:      model.MustDate("2025-01-03"),
		Dates:      104,
		Units:      12,
		TightUnit:  6,
		TightBound: 3,
	}
	p, err := gen.Generate(spec, 42)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name, len(p.Staff), len(p.Period.DutyDates()), p.Rules.Coverage.PerDate, p.Rules.UnitMinimums)
	// Output:
	// two-years-seed42 300 104 43 [{mottagning-1 2} {barn-och-unga-1 2} {forsorjningsstod-3 1}]
}
