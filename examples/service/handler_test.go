package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/examples/varmdo/scenario"
	"github.com/rostersat/rostersat/model"
)

func body(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func post(t *testing.T, srv *httptest.Server, path string, b []byte) (int, map[string]any, []byte) {
	t.Helper()
	resp, err := http.Post(srv.URL+path, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer resp.Body.Close()
	var raw bytes.Buffer
	_, _ = raw.ReadFrom(resp.Body)
	var v map[string]any
	_ = json.Unmarshal(raw.Bytes(), &v)
	return resp.StatusCode, v, raw.Bytes()
}

func TestService(t *testing.T) {
	srv := httptest.NewServer(newHandler(20 * time.Second))
	defer srv.Close()
	p := scenario.Problem()

	code, _, raw := post(t, srv, "/rota", body(t, p))
	require.Equal(t, http.StatusOK, code, string(raw))
	var s model.Schedule
	require.NoError(t, json.Unmarshal(raw, &s))
	require.Equal(t, model.Optimal, s.Status)
	require.Empty(t, model.Check(p, &s))

	bad := scenario.Problem()
	bad.Staff[0].Unit = "nowhere"
	code, v, _ := post(t, srv, "/rota", body(t, bad))
	require.Equal(t, http.StatusBadRequest, code)
	require.Equal(t, "staff[0].unit", v["fields"].([]any)[0].(map[string]any)["field"])

	code, v, _ = post(t, srv, "/rota", []byte(`{"period":{},"staff":[],"perDay":4}`))
	require.Equal(t, http.StatusBadRequest, code)
	require.Contains(t, v["error"], "perDay")

	tight := scenario.Problem()
	tight.Rules.Spacing.Weeks = 7
	code, v, _ = post(t, srv, "/rota", body(t, tight))
	require.Equal(t, http.StatusUnprocessableEntity, code)
	require.NotEmpty(t, v["reasons"])

	code, _, _ = post(t, srv, "/rota", bytes.Repeat([]byte(" "), maxBody+1))
	require.Equal(t, http.StatusRequestEntityTooLarge, code)

	resp, err := http.Post(srv.URL+"/rota?timeout=-1s", "application/json", bytes.NewReader(body(t, p)))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)

	cases := `{"date":"2024-03-04","staff":[{"id":"a"},{"id":"b"}],"capacity":{"investigations":1},
		"cases":[{"id":"1","kind":"investigation","worker":"a"},{"id":"2","kind":"investigation","worker":"a"}]}`
	code, v, raw = post(t, srv, "/cases", []byte(cases))
	require.Equal(t, http.StatusOK, code, string(raw))
	require.Equal(t, "optimal", v["status"])
	code, _, _ = post(t, srv, "/cases", []byte(strings.Replace(cases, `"investigations":1`, `"investigations":-1`, 1)))
	require.Equal(t, http.StatusBadRequest, code)
}

// TestServiceConcurrent sends eight solves at once (run with -race):
// every answer is the same optimal rota.
func TestServiceConcurrent(t *testing.T) {
	srv := httptest.NewServer(newHandler(20 * time.Second))
	defer srv.Close()
	b := body(t, scenario.Problem())
	var wg sync.WaitGroup
	answers := make([][]byte, 8)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Post(srv.URL+"/rota", "application/json", bytes.NewReader(b))
			if err != nil {
				return
			}
			defer resp.Body.Close()
			var s model.Schedule
			if json.NewDecoder(resp.Body).Decode(&s) == nil {
				s.Stats = model.Stats{}
				answers[i], _ = json.Marshal(s)
			}
		}()
	}
	wg.Wait()
	for _, a := range answers {
		require.NotEmpty(t, a)
		require.Equal(t, string(answers[0]), string(a))
	}
}

// TestClientGone: a request whose client has gone ends without an
// answer.
func TestClientGone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/rota", bytes.NewReader(body(t, scenario.Problem()))).WithContext(ctx)
	rec := httptest.NewRecorder()
	newHandler(20*time.Second).ServeHTTP(rec, req)
	require.Empty(t, rec.Body.String())
}
