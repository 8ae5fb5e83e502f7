package notion

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jomei/notionapi"
)

func TestRetryAfterWaitedOut(t *testing.T) {
	base := newFakeClock(true).Now()
	tests := []struct {
		name       string
		retryAfter string
		want       time.Duration
	}{
		{"seconds", "2", 2 * time.Second},
		{"http date", base.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					writeJSON(w, 429, notionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes."), "Retry-After", tt.retryAfter)
					return
				}
				writeJSON(w, 200, meBody, "X-Notion-Request-Id", "req-ok")
			})
			c, clk, _ := newTestClient(t, api.URL, nil)
			tr := &Trace{}
			u, err := c.Me(WithTrace(context.Background(), tr), V20220628)
			if err != nil {
				t.Fatal(err)
			}
			if u.Name != "Acme Sync" || len(api.Requests()) != 2 {
				t.Fatalf("user %+v after %d requests", u, len(api.Requests()))
			}
			if got := clk.Sleeps(); !slices.Equal(got, []time.Duration{tt.want}) {
				t.Errorf("sleeps = %v, want [%v]", got, tt.want)
			}
			ex := tr.Exchanges()
			if len(ex) != 1 || ex[0].Attempts != 2 || ex[0].Status != 200 || ex[0].RequestID != "req-ok" || ex[0].Duration != tt.want {
				t.Errorf("trace = %+v", ex)
			}
		})
	}
}

func TestRateLimitedFailsFast(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter string
		deadline   time.Duration // 0: no deadline
		want       time.Duration
	}{
		{"wait would pass the deadline", "30", 2 * time.Second, 30 * time.Second},
		{"wait beyond MaxRetryAfter", "120", 0, 120 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 429, notionError(429, "rate_limited", "You have been rate limited."), "Retry-After", tt.retryAfter)
			})
			c, clk, _ := newTestClient(t, api.URL, nil)
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.deadline)
				defer cancel()
			}
			_, err := c.Search(ctx, V20250903, SearchRequest{Query: "x"})
			e, ok := AsError(err)
			if !ok || e.Status != 429 || e.Code != "rate_limited" || e.RetryAfter != tt.want || e.Attempts != 1 || !e.IsRateLimited() {
				t.Fatalf("err = %#v", err)
			}
			if n := len(api.Requests()); n != 1 || len(clk.Sleeps()) != 0 {
				t.Errorf("%d requests, sleeps %v; want 1 request and no wait", n, clk.Sleeps())
			}
			if !strings.Contains(e.Error(), "retry after "+tt.want.String()) {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

const cloudflare502 = `<!DOCTYPE html><html><head><title>api.notion.com | 502: Bad gateway</title><style>body{}</style></head>
<body><h1>Bad gateway</h1><p>Error code 502</p><script>var x = "ignored";</script></body></html>`

// The HTML 502 goes through notionapi (Me), whose own error decoding would
// lose the status; the transport's *Error survives its *url.Error wrapping.
func TestHTMLBadGatewayRetriedThenReported(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Cf-Ray", "8c1d2e3f4a5b6c7d-AMS")
		w.WriteHeader(502)
		io.WriteString(w, cloudflare502)
	})
	c, clk, _ := newTestClient(t, api.URL, nil)
	_, err := c.Me(context.Background(), "")
	e, ok := AsError(err)
	if !ok {
		t.Fatalf("err %T %v is not *Error", err, err)
	}
	want := Error{Method: "GET", Path: "/v1/users/me", Version: DefaultVersion, Status: 502, Code: CodeHTTP,
		Message: "api.notion.com | 502: Bad gateway", CFRay: "8c1d2e3f4a5b6c7d-AMS", Attempts: 3}
	if e.Method != want.Method || e.Path != want.Path || e.Version != want.Version || e.Status != want.Status ||
		e.Code != want.Code || e.Message != want.Message || e.CFRay != want.CFRay || e.Attempts != want.Attempts || !e.IsServer() {
		t.Errorf("got  %+v\nwant %+v", *e, want)
	}
	if len(api.Requests()) != 3 {
		t.Errorf("%d requests, want 3", len(api.Requests()))
	}
	s := clk.Sleeps()
	if len(s) != 2 || s[0] < 250*time.Millisecond || s[0] > 500*time.Millisecond || s[1] < 500*time.Millisecond || s[1] > time.Second {
		t.Errorf("backoff sleeps = %v", s)
	}
	if !strings.Contains(e.Error(), "cf-ray 8c1d2e3f4a5b6c7d-AMS") || !strings.Contains(e.Error(), "3 attempts") {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestServerErrorsRetried(t *testing.T) {
	tests := []struct {
		name     string
		statuses []int // answers in order; the last repeats
		code     string
		attempts int
		ok       bool
	}{
		{"500 then ok", []int{500, 200}, "", 2, true},
		{"503 twice then ok", []int{503, 503, 200}, "", 3, true},
		{"504 always", []int{504}, "gateway_timeout", 3, false},
		{"529 always", []int{529}, "service_overload", 3, false},
		{"500 always", []int{500}, "internal_server_error", 3, false},
		{"400 not retried", []int{400}, "validation_error", 1, false},
		{"401 not retried", []int{401}, "unauthorized", 1, false},
		{"404 not retried", []int{404}, "object_not_found", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
				st := tt.statuses[min(n, len(tt.statuses))-1]
				if st == 200 {
					writeJSON(w, 200, `{"object":"block","id":"1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d","type":"paragraph","last_edited_time":"x"}`)
					return
				}
				writeJSON(w, st, notionError(st, tt.code, "failed"))
			})
			c, _, _ := newTestClient(t, api.URL, nil)
			tr := &Trace{}
			_, err := c.RetrieveBlock(WithTrace(context.Background(), tr), V20260311, "1c2b3a4d5e6f4a1b8c2d3e4f5a6b7c8d")
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v", err)
			}
			if n := len(api.Requests()); n != tt.attempts {
				t.Errorf("%d requests, want %d", n, tt.attempts)
			}
			if ex := tr.Exchanges(); len(ex) != 1 || ex[0].Attempts != tt.attempts || ex[0].Code != tt.code {
				t.Errorf("trace = %+v", ex)
			}
			if e, _ := AsError(err); err != nil && (e.Code != tt.code || e.Attempts != tt.attempts || e.RequestID != "req-"+tt.code) {
				t.Errorf("err = %+v", e)
			}
		})
	}
}

func TestPostBodyReplayed(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n < 3 {
			writeJSON(w, 503, notionError(503, "service_unavailable", "Notion is unavailable"))
			return
		}
		writeJSON(w, 200, `{"object":"list","results":[],"next_cursor":null,"has_more":false}`)
	})
	c, _, _ := newTestClient(t, api.URL, nil)
	_, err := c.Search(context.Background(), V20250903, SearchRequest{Query: "Tasks", Filter: "data_source", PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"query":"Tasks","filter":{"property":"object","value":"data_source"},"page_size":100}`
	reqs := api.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != "POST" || r.Path != "/v1/search" || r.Body != want || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("request %d: %s %s %q", i+1, r.Method, r.Path, r.Body)
		}
	}
}

func TestSearchWithoutFilterSendsNoFilter(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"object":"list","results":[],"next_cursor":null,"has_more":false}`)
	})
	c, _, _ := newTestClient(t, api.URL, nil)
	if _, err := c.Search(context.Background(), V20220628, SearchRequest{}); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[0].Body; got != `{}` {
		t.Errorf("body = %s", got)
	}
	_, err := c.Search(context.Background(), V20220628, SearchRequest{Filter: "databases"})
	if e, ok := AsError(err); !ok || e.Code != CodeInvalidArgument || len(api.Requests()) != 1 {
		t.Errorf("bad filter: %v", err)
	}
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNetworkErrorsRetried(t *testing.T) {
	dial := errors.New("dial tcp 10.0.0.1:443: connect: connection refused")
	for _, failures := range []int{2, 5} {
		calls := 0
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			calls++
			if calls <= failures {
				return nil, dial
			}
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(meBody)), Request: r}, nil
		})
		c, _, _ := newTestClient(t, "", func(cfg *Config) { cfg.Transport = rt })
		u, err := c.Me(context.Background(), V20250903)
		if failures < 3 {
			if err != nil || u.Bot == nil || u.Bot.WorkspaceID != "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b" || calls != 3 {
				t.Errorf("after %d failures: %+v, %v, %d calls", failures, u, err, calls)
			}
			continue
		}
		e, ok := AsError(err)
		if !ok || e.Code != CodeNetwork || e.Attempts != 3 || calls != 3 || !errors.Is(err, dial) || !e.IsNetwork() {
			t.Errorf("after %d failures: %#v, %d calls", failures, err, calls)
		}
	}
}

// Writes are refused by the transport itself, whoever builds the request:
// our own client, a raw http.Client or notionapi.
func TestWritesRefusedBeforeLeaving(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	c, _, _ := newTestClient(t, api.URL, nil)
	tests := []struct{ method, path string }{
		{"PATCH", "/v1/pages/1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"},
		{"DELETE", "/v1/blocks/1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"},
		{"POST", "/v1/pages"},
		{"POST", "/v1/databases"},
		{"POST", "/v1/data_sources"},
		{"POST", "/v1/comments"},
		{"PUT", "/v1/pages/x"},
		{"HEAD", "/v1/users/me"},
		{"POST", "/v1/search/../pages"},
		{"POST", "/v1/search/"},
		{"POST", "/v1/databases/x/query/../../../pages"},
		{"POST", "/v1/databases/x%2F..%2F..%2Fpages/query"},
		{"GET", "/v1/pages//x"},
		{"GET", "/v2/pages/x"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, "https://api.notion.com"+tt.path, strings.NewReader(`{"properties":{}}`))
		req.Header.Set("Notion-Version", V20250903)
		_, err := c.hc.Do(req)
		if e, ok := AsError(err); !ok || e.Code != CodeRefusedWrite || e.Status != 0 || e.Attempts != 0 || !e.IsRefusedWrite() {
			t.Errorf("%s %s: err = %v", tt.method, tt.path, err)
		}
	}
	nc := notionapi.NewClient("", notionapi.WithHTTPClient(c.hc), notionapi.WithRetry(1))
	_, err := nc.Page.Create(context.Background(), &notionapi.PageCreateRequest{Parent: notionapi.Parent{PageID: "x"}})
	if e, ok := AsError(err); !ok || e.Code != CodeRefusedWrite {
		t.Errorf("notionapi Page.Create: %v", err)
	}
	if n := len(api.Requests()); n != 0 {
		t.Fatalf("%d refused requests reached the server", n)
	}
	// The read endpoints do go out.
	for _, tt := range []struct{ method, path string }{
		{"GET", "/v1/users/me"}, {"POST", "/v1/search"},
		{"POST", "/v1/databases/2f26ee68-df30-4251-aad4-8ddc420cba3d/query"},
		{"POST", "/v1/data_sources/c174b72c-d782-432f-8dc0-b647e1c96df6/query"},
	} {
		req, _ := http.NewRequest(tt.method, "https://api.notion.com"+tt.path, strings.NewReader(`{}`))
		if resp, err := c.hc.Do(req); err != nil {
			t.Errorf("%s %s: %v", tt.method, tt.path, err)
		} else {
			resp.Body.Close()
		}
	}
	if n := len(api.Requests()); n != 4 {
		t.Errorf("%d read requests reached the server, want 4", n)
	}
}

func TestRequestHeadersAndRewrite(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, meBody) })
	c, _, _ := newTestClient(t, api.URL+"/proxy/", nil)
	if _, err := c.Me(context.Background(), V20260311); err != nil {
		t.Fatal(err)
	}
	if _, err := c.BlockChildren(context.Background(), "", "1C2B3A4D5E6F4A1B8C2D3E4F5A6B7C8D", "cur/1", 250); err == nil {
		t.Fatal("a user object is not a list") // unexpected_object, but the request went out
	}
	r := api.Requests()
	if len(r) != 2 {
		t.Fatalf("%d requests", len(r))
	}
	if r[0].Path != "/proxy/v1/users/me" || r[0].Header.Get("Notion-Version") != V20260311 ||
		r[0].Header.Get("Authorization") != "Bearer "+testSecret {
		t.Errorf("request 1: %s version %q auth ok=%v", r[0].Path, r[0].Header.Get("Notion-Version"), r[0].Header.Get("Authorization") == "Bearer "+testSecret)
	}
	if r[1].Path != "/proxy/v1/blocks/1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d/children" || r[1].RawQuery != "page_size=100&start_cursor=cur%2F1" ||
		r[1].Header.Get("Notion-Version") != DefaultVersion {
		t.Errorf("request 2: %s?%s version %q", r[1].Path, r[1].RawQuery, r[1].Header.Get("Notion-Version"))
	}
}

func TestInvalidIDNeverSent(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	c, _, _ := newTestClient(t, api.URL, nil)
	for _, id := range []string{"", "https://www.notion.so/acme/Tasks-2f26ee68df304251aad48ddc420cba3d?v=1", "../users/me",
		"2f26ee68df304251aad48ddc420cba3z", "2f26ee68df304251aad48ddc420cba3d/query", testSecret} {
		_, err := c.RetrieveDatabase(context.Background(), V20250903, id)
		e, ok := AsError(err)
		if !ok || e.Code != CodeInvalidID || e.Path != "/v1/databases/{id}" {
			t.Errorf("id %q: %v", id, err)
		}
		assertNoSecret(t, "invalid id error", err.Error())
	}
	if _, err := c.RetrievePage(context.Background(), "2099-01-01", "2f26ee68df304251aad48ddc420cba3d"); err == nil {
		t.Errorf("unknown version accepted")
	}
	if n := len(api.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestAnswerSizeBound: a 2xx answer up to MaxBody bytes is read; one byte
// more is refused, with the bound in the message and without a retry. The
// bound is small here; the default is 32 MiB.
func TestAnswerSizeBound(t *testing.T) {
	const bound = 4 << 10
	for _, extra := range []int{0, 1} {
		head := meBody[:len(meBody)-1] + `,"padding":"`
		body := head + strings.Repeat("x", bound+extra-len(head)-len(`"}`)) + `"}`
		if len(body) != bound+extra {
			t.Fatalf("test bug: a body of %d bytes", len(body))
		}
		api := newFakeAPI(t, func(_ int, w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, body) })
		c, _, _ := newTestClient(t, api.URL, func(cfg *Config) { cfg.MaxBody = bound })
		_, err := c.Me(context.Background(), V20250903)
		switch {
		case extra == 0 && err != nil:
			t.Errorf("an answer of exactly %d bytes (%d): %v", bound, len(body), err)
		case extra == 1 && (err == nil || !strings.Contains(err.Error(), "larger than 4 KiB")):
			t.Errorf("an answer of %d bytes: err = %v, want one saying it is larger than 4 KiB", len(body), err)
		}
		if n := len(api.Requests()); n != 1 {
			t.Errorf("%d requests for one answer of %d bytes", n, len(body))
		}
	}
	c, _, _ := newTestClient(t, "http://127.0.0.1:1", nil)
	if c.tr.maxBody != DefaultMaxBody || DefaultMaxBody != 32<<20 || byteSize(DefaultMaxBody) != "32 MiB" {
		t.Errorf("default bound %d bytes (%s), want 32 MiB", c.tr.maxBody, byteSize(c.tr.maxBody))
	}
	for n, want := range map[int64]string{1 << 20: "1 MiB", 3 << 10: "3 KiB", 1000: "1000 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
