package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/rostersat/rostersat/caseload"
	"github.com/rostersat/rostersat/model"
	"github.com/rostersat/rostersat/solver"
)

// maxBody bounds a request body: room for a large office, far from the
// model's own limit.
const maxBody = 32 << 20

// newHandler serves /rota and /cases with solves bounded by timeout.
func newHandler(timeout time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /rota", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel, ok := deadline(w, r, timeout)
		if !ok {
			return
		}
		defer cancel()
		p, err := model.DecodeProblem(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			badInput(w, err)
			return
		}
		s, err := solver.Solve(ctx, p)
		var ie *solver.InfeasibleError
		switch {
		case errors.As(err, &ie):
			reply(w, http.StatusUnprocessableEntity, map[string]any{"error": ie.Error(), "reasons": ie.Reasons, "arguments": ie.Arguments})
		case invalid(err):
			badInput(w, err)
		case s != nil && (s.Status == model.Optimal || s.Status == model.Feasible):
			reply(w, http.StatusOK, s)
		case r.Context().Err() != nil:
			// The client went away; nobody reads the answer.
		default:
			reply(w, http.StatusServiceUnavailable, map[string]any{"error": errText(err)})
		}
	})
	mux.HandleFunc("POST /cases", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel, ok := deadline(w, r, timeout)
		if !ok {
			return
		}
		defer cancel()
		p, err := model.DecodeCaseProblem(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			badInput(w, err)
			return
		}
		plan, err := caseload.Assign(ctx, p)
		var ie *caseload.InfeasibleError
		switch {
		case errors.As(err, &ie):
			reply(w, http.StatusUnprocessableEntity, map[string]any{"error": ie.Error(), "reasons": ie.Reasons, "arguments": ie.Arguments})
		case invalid(err):
			badInput(w, err)
		case plan != nil && (plan.Status == model.Optimal || plan.Status == model.Feasible):
			reply(w, http.StatusOK, plan)
		case r.Context().Err() != nil:
		default:
			reply(w, http.StatusServiceUnavailable, map[string]any{"error": errText(err)})
		}
	})
	return mux
}

// deadline is the request's context bounded by the service's timeout, or
// by the shorter one the query asks for ("?timeout=5s").
func deadline(w http.ResponseWriter, r *http.Request, most time.Duration) (context.Context, context.CancelFunc, bool) {
	d := most
	if q := r.URL.Query().Get("timeout"); q != "" {
		t, err := time.ParseDuration(q)
		if err != nil || t <= 0 {
			reply(w, http.StatusBadRequest, map[string]any{"error": "timeout " + q + ": want a positive duration such as 5s"})
			return nil, nil, false
		}
		d = min(d, t)
	}
	ctx, cancel := context.WithTimeout(r.Context(), d)
	return ctx, cancel, true
}

// invalid says the error is the problem's fault: field errors from
// Validate.
func invalid(err error) bool {
	var fe *model.FieldError
	return errors.As(err, &fe)
}

// badInput answers 400 with every field error, or 413 for a body over
// the limit.
func badInput(w http.ResponseWriter, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		reply(w, http.StatusRequestEntityTooLarge, map[string]any{"error": "the body is larger than the limit of 32 MiB"})
		return
	}
	var fields []map[string]any
	for _, e := range unjoin(err) {
		var fe *model.FieldError
		if errors.As(e, &fe) {
			fields = append(fields, map[string]any{"field": fe.Field, "value": fe.Value, "msg": fe.Msg})
		}
	}
	reply(w, http.StatusBadRequest, map[string]any{"error": err.Error(), "fields": fields})
}

// unjoin lists the errors joined in err (by errors.Join, possibly
// wrapped), or err itself.
func unjoin(err error) []error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			return j.Unwrap()
		}
	}
	return []error{err}
}

func errText(err error) string {
	if err == nil {
		return "no answer"
	}
	return err.Error()
}

func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // a client gone away is not ours to report
}
