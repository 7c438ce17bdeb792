package model

// The limits on the size of a problem, so that no input can make the
// solver or the checker allocate without end. Validate rejects anything
// larger, and reports at most MaxErrors problems. Every count an input
// can carry has one.
const (
	// MaxStaff is the most people a problem may have.
	MaxStaff = 20000
	// MaxDutyDates is the most duty dates a period may have.
	MaxDutyDates = 1000
	// MaxPeriodDays is the longest period, in days (about ten years). It
	// also bounds Period.Include and Period.Exclude.
	MaxPeriodDays = 3700
	// MaxUnits and MaxRoles bound Problem.Units and Problem.Roles, and
	// with them Rules.UnitMinimums and Rules.RoleMinimums.
	MaxUnits = 1000
	MaxRoles = 1000
	// MaxRolesPerPerson bounds Staff.Roles.
	MaxRolesPerPerson = 100
	// MaxWindows bounds Rules.Windows: each window is a rule on every
	// person, so its cost grows with staff times dates.
	MaxWindows = 16
	// MaxClasses bounds Period.Classes: each class is a counter on every
	// person. A class has at most MaxDutyDates dates.
	MaxClasses = 16
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
	// MaxIDLength is the longest ID of a person, unit or role, in bytes.
	MaxIDLength = 256
	// MaxErrors is the most problems Validate reports one by one; the
	// rest are counted in one last error.
	MaxErrors = 100
)

// MaxViolations is the most violations Check returns one by one; the rest
// are counted in one last violation.
const MaxViolations = 1000

// The limits on the size of a CaseProblem, which its Validate enforces as
// Problem's does.
const (
	// MaxCases is the most cases a problem may have.
	MaxCases = 100000
	// MaxCaseWeight is the heaviest case, in points.
	MaxCaseWeight = 100
	// MaxCapacity is the largest capacity limit.
	MaxCapacity = 100000
	// MaxAffinities bounds the Affinity entries of all cases together.
	MaxAffinities = 1000000
	// MaxCasePairs bounds the pairs of a case and a worker of its unit:
	// each is a variable of the solver, and each weighs on the counters
	// of the worker's load.
	MaxCasePairs = 2000000
)
