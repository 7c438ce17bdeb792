package export

import (
	"fmt"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rostersat/rostersat/model"
)

// ICS writes the duties of the schedule as an iCalendar file: one
// all-day event per person and duty date, named "Fredagstjänst: Sara
// Björk" (the duty's weekday in Swedish). With person set, only that
// person's duties, for their own calendar. UIDs are stable (date and
// person), so importing a re-planned rota updates the events, and the
// time stamp is the period's start, so the same schedule gives the same
// file. Lines end in CRLF, as RFC 5545 has them.
func ICS(w io.Writer, p *model.Problem, s *model.Schedule, person string) error {
	names := map[string]string{}
	for _, st := range p.Staff {
		names[st.ID] = st.DisplayName()
	}
	if _, ok := names[person]; person != "" && !ok {
		return fmt.Errorf("export: no staff %q", person)
	}
	cal := ics.NewCalendarFor("rostersat")
	cal.SetMethod(ics.MethodPublish)
	name := p.Name
	if person != "" {
		name = names[person] + ": " + name
	}
	cal.SetXWRCalName(name)
	stamp := p.Period.Start.Time()
	for _, r := range s.Dates {
		for _, id := range r.Staff {
			if person != "" && id != person {
				continue
			}
			ev := cal.AddEvent(fmt.Sprintf("%s-%s@rostersat", r.Date, id))
			ev.SetDtStampTime(stamp)
			ev.SetAllDayStartAt(r.Date.Time())
			ev.SetAllDayEndAt(r.Date.Time().Add(24 * time.Hour))
			ev.SetSummary(fmt.Sprintf("%stjänst: %s", dayName(r.Date), names[id]))
		}
	}
	// RFC 5545 ends every line, a folded one's too, in CRLF; the
	// package's default is the newline of the OS it was built on.
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

var swedishDays = [7]string{"Söndags", "Måndags", "Tisdags", "Onsdags", "Torsdags", "Fredags", "Lördags"}

func dayName(d model.Date) string { return swedishDays[d.Weekday()] }
