// Package export writes a rota in the formats an office opens without
// Go: CSV for a spreadsheet, iCalendar (.ics) for Outlook and Google
// Calendar (through github.com/arran4/golang-ical), and a self-contained
// HTML page to read or print. Every writer gives the same bytes for the
// same schedule.
package export
