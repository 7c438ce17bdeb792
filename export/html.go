package export

import (
	"html/template"
	"io"

	"github.com/rostersat/rostersat/model"
)

// HTML writes a self-contained page (no script, no network): a grid of
// staff by duty date with duties marked and the days a person cannot
// work shaded, each person's count against the range of their share,
// their rhythm (when it is a level of the problem), and the objective
// with its proven bounds. It prints on A4 landscape.
func HTML(w io.Writer, p *model.Problem, s *model.Schedule) error {
	type cell struct{ On, Away bool }
	type row struct {
		Name, Unit string
		Cells      []cell
		Total      int
		Low, High  int
		Outside    bool
		Rhythm     int
	}
	on := map[string]map[model.Date]bool{}
	for _, r := range s.Dates {
		for _, id := range r.Staff {
			if on[id] == nil {
				on[id] = map[model.Date]bool{}
			}
			on[id][r.Date] = true
		}
	}
	duties := map[string]model.StaffDuties{}
	for _, d := range s.Staff {
		duties[d.ID] = d
	}
	facts := p.Facts()
	at := map[model.Date]int{}
	for f, d := range facts.Dates {
		at[d] = f
	}
	away := func(s int, d model.Date) bool {
		f, ok := at[d]
		return ok && s < len(facts.Available) && !facts.Available[s][f]
	}
	var rows []row
	for i, st := range p.Staff {
		d := duties[st.ID]
		r := row{Name: st.DisplayName(), Unit: st.Unit, Total: d.Total, Low: d.Low, High: d.High, Rhythm: d.Rhythm}
		r.Outside = d.Total < d.Low || d.Total > d.High
		for _, dr := range s.Dates {
			r.Cells = append(r.Cells, cell{On: on[st.ID][dr.Date], Away: away(i, dr.Date)})
		}
		rows = append(rows, r)
	}
	var dates []string
	for _, dr := range s.Dates {
		dates = append(dates, dr.Date.String()[5:])
	}
	_, rhythm := s.Objective.Level(model.LevelRhythm)
	return page.Execute(w, map[string]any{"Name": p.Name, "Dates": dates, "Rows": rows, "Objective": s.Objective, "Status": s.Status.String(), "Rhythm": rhythm})
}

var page = template.Must(template.New("rota").Parse(`<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{{.Name}}</title>
<style>
body{font-family:sans-serif;font-size:11px;margin:1em}
table{border-collapse:collapse}
th,td{border:1px solid #bbb;padding:1px 3px;text-align:center}
th.d{writing-mode:vertical-rl;font-weight:normal}
td.n{text-align:left;white-space:nowrap}
td.on{background:#2b6cb0;color:#fff}
td.away{background:#e2e2e2}
td.out{color:#c00;font-weight:bold}
@page{size:A4 landscape;margin:1cm}
</style></head><body>
<h1>{{.Name}}</h1>
<table>
<tr><th>person</th><th>unit</th>{{range .Dates}}<th class="d">{{.}}</th>{{end}}<th>duties</th><th>share</th>{{if .Rhythm}}<th>rhythm</th>{{end}}</tr>
{{range .Rows}}<tr><td class="n">{{.Name}}</td><td class="n">{{.Unit}}</td>{{range .Cells}}{{if .On}}<td class="on">&#9679;</td>{{else if .Away}}<td class="away"></td>{{else}}<td></td>{{end}}{{end}}<td{{if .Outside}} class="out"{{end}}>{{.Total}}</td><td>{{.Low}}&ndash;{{.High}}</td>{{if $.Rhythm}}<td>{{.Rhythm}}</td>{{end}}</tr>
{{end}}</table>
<p>&#9679; on duty; shaded: cannot work that day. Status {{.Status}}.
{{range .Objective.Levels}} {{.Kind}}: {{.Value}} (proven bound {{.Bound}}).{{end}}</p>
</body></html>
`))
