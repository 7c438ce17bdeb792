package export_test

import (
	"context"
	"fmt"
	"os"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/export"
	"github.com/rostersat/rostersat/solver"
)

// The first Friday of the Värmdö rota as CSV, a row per person on
// duty.
func ExampleCSV() {
	p := scenario.Problem()
	s, err := solver.Solve(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Dates = s.Dates[:1]
	if err := export.CSV(os.Stdout, p, s); err != nil {
		fmt.Println(err)
	}
	// Output:
	// date,staff,name,unit
	// 2023-11-17,anna,Anna Lindqvist,mottagning
	// 2023-11-17,frida,Frida Wallin,barn-och-unga
	// 2023-11-17,jonas,Jonas Strand,vuxen
	// 2023-11-17,johanna,Johanna Berg,forsorjningsstod
}
