package model

// The limits on the size of a problem, so that no input can make the
// solver allocate without end. Validate rejects anything larger.
const (
	// MaxStaff is the most people a problem may have.
	MaxStaff = 20000
	// MaxDutyDates is the most duty dates a period may have.
	MaxDutyDates = 1000
	// MaxPeriodDays is the longest period, in days (about ten years).
	MaxPeriodDays = 3700
	// MaxAbsences, MaxRequests and MaxPins bound those lists.
	MaxAbsences = 200000
	MaxRequests = 1000000
	MaxPins     = 1000000
	// MaxWeight is the largest request weight.
	MaxWeight = 1000000
	// MaxHistory bounds History.Duties and History.Dates.
	MaxHistory = 100000
	// MaxWeeks is the longest spacing or window, in weeks (five years).
	MaxWeeks = 260
)
