package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFaultKinds(t *testing.T) {
	page := path("pages", TeamHomePageID)
	cases := []struct {
		kind   FaultKind
		path   string
		status int
		code   string
		check  func(t *testing.T, r reply)
	}{
		{kind: FaultStatus401, path: page, status: 401, code: "unauthorized"},
		{kind: Fault403Restricted, path: page, status: 403, code: "restricted_resource"},
		{kind: Fault404, path: page, status: 404, code: "object_not_found", check: func(t *testing.T, r reply) {
			if r.str("message") != MsgNotFound("page", TeamHomePageID, AcmeSyncName) {
				t.Errorf("message %q", r.str("message"))
			}
		}},
		{kind: Fault429, path: page, status: 429, code: "rate_limited", check: func(t *testing.T, r reply) {
			if r.header.Get("Retry-After") != "7" {
				t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
			}
		}},
		{kind: Fault500, path: page, status: 500, code: "internal_server_error"},
		{kind: Fault503, path: page, status: 503, code: "service_unavailable"},
		{kind: FaultHTML502, path: page, status: 502, check: func(t *testing.T, r reply) {
			if ct := r.header.Get("Content-Type"); ct != "text/html" {
				t.Errorf("Content-Type %q", ct)
			}
			if r.header.Get("Cf-Ray") == "" || !strings.Contains(string(r.raw), "502 Bad Gateway") || r.obj != nil {
				t.Errorf("want an HTML page with cf-ray, got %v %s", r.header, r.raw)
			}
		}},
		{kind: FaultMalformedJSON, path: page, status: 200, check: func(t *testing.T, r reply) {
			var v any
			var syntax *json.SyntaxError
			if err := json.Unmarshal(r.raw, &v); !errors.As(err, &syntax) {
				t.Errorf("want a JSON syntax error, got %v for %s", err, r.raw)
			}
		}},
		{kind: FaultTruncatedJSON, path: page, status: 200, check: func(t *testing.T, r reply) {
			var v any
			if err := json.Unmarshal(r.raw, &v); err == nil || !strings.HasPrefix(string(r.raw), `{"object":"page"`) {
				t.Errorf("want half a page, got %s", r.raw)
			}
		}},
		{kind: FaultUnexpectedObject, path: page, status: 200, check: func(t *testing.T, r reply) {
			if r.str("object") != "list" {
				t.Errorf("want a list, got %s", r.raw)
			}
		}},
		{kind: FaultUnexpectedObject, path: "/v1/search", status: 200, check: func(t *testing.T, r reply) {
			if r.str("object") != "page" {
				t.Errorf("want a page, got %s", r.raw)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.kind.String()+c.path, func(t *testing.T) {
			w := New(Options{})
			w.Inject(Fault{Kind: c.kind, PathPrefix: c.path, RetryAfter: "7", Times: 1})
			method := "GET"
			if c.path == "/v1/search" {
				method = "POST"
			}
			r := call(t, w, method, c.path, v25, TokenValid, "")
			if c.code != "" {
				wantError(t, r, c.status, c.code, "")
			} else if r.status != c.status {
				t.Fatalf("status %d, want %d", r.status, c.status)
			}
			if c.check != nil {
				c.check(t, r)
			}
			if again := call(t, w, method, c.path, v25, TokenValid, ""); again.status != 200 || again.obj == nil {
				t.Errorf("Times 1: second request got %d %s", again.status, again.raw)
			}
			if got := w.Requests(); len(got) != 2 || got[0].Status != c.status {
				t.Errorf("log %+v", got)
			}
		})
	}
}

func TestFaultMatching(t *testing.T) {
	w := New(Options{})
	w.Inject(Fault{Kind: Fault500, PathPrefix: "/v1/databases/", Method: "GET", Times: 2})
	w.Inject(Fault{Kind: Fault503}) // any request, forever
	db := path("databases", TasksDatabaseID)
	// Auth comes first: a bad token neither sees nor uses a fault.
	wantError(t, call(t, w, "GET", db, v22, TokenRevoked, ""), 401, "unauthorized", MsgUnauthorized)
	wantError(t, call(t, w, "GET", db, v22, TokenValid, ""), 500, "internal_server_error", MsgInternal)
	wantError(t, call(t, w, "GET", db, v22, TokenValid, ""), 500, "internal_server_error", MsgInternal)
	wantError(t, call(t, w, "GET", db, v22, TokenValid, ""), 503, "service_unavailable", MsgServiceUnavailable)
	wantError(t, call(t, w, "GET", "/v1/users/me", v22, TokenValid, ""), 503, "service_unavailable", "")
	w.ClearFaults()
	if r := call(t, w, "GET", db, v22, TokenValid, ""); r.status != 200 {
		t.Errorf("after ClearFaults: %d", r.status)
	}
	if n := w.Count("GET", "/v1/databases/"); n != 5 {
		t.Errorf("Count = %d, want 5 (faulted requests are logged)", n)
	}
}

func TestFaultHangEndsWithContext(t *testing.T) {
	w := New(Options{})
	w.Inject(Fault{Kind: FaultHang})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.notion.com/v1/users/me", nil)
	req.Header.Set("Notion-Version", v25)
	req.Header.Set("Authorization", "Bearer "+TokenValid)
	_, err := (&http.Client{Transport: w.Transport()}).Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want a deadline error", err)
	}
	if log := w.Requests(); len(log) != 1 || log[0].Status != 0 {
		t.Errorf("log %+v, want the hung request with status 0", log)
	}
}

func TestFaultResetMidBody(t *testing.T) {
	w := New(Options{})
	full := call(t, w, "GET", "/v1/users/me", v25, TokenValid, "")
	w.Inject(Fault{Kind: FaultResetMidBody})
	req, _ := http.NewRequest("GET", "https://api.notion.com/v1/users/me", nil)
	req.Header.Set("Notion-Version", v25)
	req.Header.Set("Authorization", "Bearer "+TokenValid)
	resp, err := (&http.Client{Transport: w.Transport()}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength != int64(len(full.raw)) {
		t.Errorf("status %d, length %d; want 200, %d", resp.StatusCode, resp.ContentLength, len(full.raw))
	}
	got, err := io.ReadAll(resp.Body)
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("read error %v, want ECONNRESET", err)
	}
	if len(got) != len(full.raw)/2 {
		t.Errorf("read %d bytes before the reset, want %d", len(got), len(full.raw)/2)
	}
}

func TestTransportBodyHonoursContext(t *testing.T) {
	w := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.notion.com/v1/users/me", nil)
	req.Header.Set("Notion-Version", v25)
	req.Header.Set("Authorization", "Bearer "+TokenValid)
	resp, err := w.Transport().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := io.ReadAll(resp.Body); !errors.Is(err, context.Canceled) {
		t.Errorf("read after cancel: %v", err)
	}
	resp.Body.Close()
	if _, err := resp.Body.Read(make([]byte, 1)); err == nil {
		t.Error("read after Close succeeded")
	}
	if _, err := w.Transport().RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Errorf("RoundTrip with a cancelled context: %v", err)
	}
}

func TestLatencyEndsWithContext(t *testing.T) {
	w := New(Options{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.notion.com/v1/users/me", nil)
	req.Header.Set("Notion-Version", v25)
	req.Header.Set("Authorization", "Bearer "+TokenValid)
	if _, err := (&http.Client{Transport: w.Transport()}).Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v", err)
	}
}

func TestFlakyTokenFailsEachRequestOnce(t *testing.T) {
	w := New(Options{})
	me, page := "/v1/users/me", path("pages", TeamHomePageID)
	steps := []struct {
		path   string
		body   string
		status int
	}{
		{me, "", 502}, {me, "", 200}, {me, "", 200},
		{page, "", 503}, {page, "", 200},
		{"/v1/search", `{"query":"a"}`, 502}, {"/v1/search", `{"query":"b"}`, 503}, {"/v1/search", `{"query":"a"}`, 200},
	}
	for i, s := range steps {
		method := "GET"
		if s.body != "" {
			method = "POST"
		}
		if r := call(t, w, method, s.path, v25, TokenFlaky, s.body); r.status != s.status {
			t.Errorf("step %d %s %s: %d, want %d", i, s.path, s.body, r.status, s.status)
		}
	}
	w.ResetRequests()
	if r := call(t, w, "GET", me, v25, TokenFlaky, ""); r.status != 502 {
		t.Errorf("after ResetRequests: %d, want 502", r.status)
	}
	if r := call(t, w, "GET", me, v25, TokenValid, ""); r.status != 200 {
		t.Errorf("valid token: %d", r.status)
	}
}
