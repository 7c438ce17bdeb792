package export

import (
	"encoding/csv"
	"io"

	"github.com/rostersat/rostersat/model"
)

// CSV writes the schedule a row per person and duty date: date, staff
// ID, name, unit, under a header row.
func CSV(w io.Writer, p *model.Problem, s *model.Schedule) error {
	staff := map[string]model.Staff{}
	for _, st := range p.Staff {
		staff[st.ID] = st
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "staff", "name", "unit"}); err != nil {
		return err
	}
	for _, r := range s.Dates {
		for _, id := range r.Staff {
			if err := cw.Write([]string{r.Date.String(), id, staff[id].DisplayName(), staff[id].Unit}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
