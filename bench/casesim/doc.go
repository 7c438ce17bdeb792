// Package casesim simulates a year of weekly intake at a caseload office
// and compares policies for giving out the new cases: rostersat's
// optimum (caseload.Assign, moves first, then balance), round-robin,
// least-loaded, and a per-unit queue that holds cases until a worker has
// room.
//
// The model, kept simple and stated so that the figures can be judged:
// each week cases arrive per unit and kind by a Poisson draw; each case
// carries work in weeks (exponential, a mean per kind) that its worker
// does at a speed of 1, slowed to capacity/load when their points
// exceed their capacity; an investigation, done, becomes a follow-up
// with probability FollowUpShare; an investigation of a child must be
// done within four months of arriving (Socialtjänstlagen 11 kap. 2 §),
// others within their own deadline. Workers on long leave take nothing
// new and keep what they have. Everything is drawn from one seeded
// source, so a run is the same on every machine.
package casesim
