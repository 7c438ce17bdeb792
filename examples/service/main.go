// Command service is a small JSON service that embeds rostersat the way
// a municipality's own systems would:
//
//	POST /rota   a model.Problem as JSON  ->  200 the model.Schedule
//	POST /cases  a model.CaseProblem      ->  200 the model.CasePlan
//
// A problem that does not validate gets 400 with the field-level
// messages; one with no rota or plan gets 422 with the rules that clash;
// a body over the limit gets 413. Each request has its own deadline
// (-timeout, or less by the request's own "timeout" query parameter) and
// ends when the client goes away; solves run in parallel without shared
// state. On a deadline the best answer so far comes back (status
// "feasible", with its proven bounds).
//
//	go run ./examples/service -addr :8080
//	curl -s --data-binary @problem.json localhost:8080/rota
package main

import (
	"flag"
	"log"
	"net/http"
	"time"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	timeout := flag.Duration("timeout", 30*time.Second, "the longest solve a request may ask for")
	flag.Parse()
	srv := &http.Server{Addr: *addr, Handler: newHandler(*timeout), ReadHeaderTimeout: 10 * time.Second}
	log.Printf("rostersat service on %s", *addr)
	log.Fatal(srv.ListenAndServe())
}
