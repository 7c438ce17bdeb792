// Package sweep varies the rules of a rota problem for policy studies:
// a Variation ("rules.spacing.weeks=4,6") is a knob and its values, and
// Combinations expands several into every combination, each applied to a
// problem with Apply. The bench command and the command line's sweep use
// it alike.
package sweep
