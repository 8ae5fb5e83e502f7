package notion

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// testSecret has the real shape: ntn_ + 11 digits + 35 alphanumerics.
const testSecret = "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"

var testTok = token.New(testSecret, "env:NOTION_TOKEN")

// fakeClock records sleeps and, if advance is set, moves time forward by
// them at once, so retry and rate-limit waits take no real time.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	sleeps  []time.Duration
	advance bool
	// onSleep, if set, runs instead of returning at once (e.g. to block
	// until ctx is cancelled).
	onSleep func(ctx context.Context, d time.Duration) error
}

func newFakeClock(advance bool) *fakeClock {
	return &fakeClock{now: time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC), advance: advance}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	if c.advance {
		c.now = c.now.Add(d)
	}
	hook := c.onSleep
	c.mu.Unlock()
	if hook != nil {
		return hook(ctx, d)
	}
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// recorded is one request as the server saw it.
type recorded struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   string
}

// fakeAPI is an httptest server answering with a scripted handler and
// recording what reached it.
type fakeAPI struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

func newFakeAPI(t *testing.T, h func(n int, w http.ResponseWriter, r *http.Request)) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), string(b)})
		n := len(f.reqs)
		f.mu.Unlock()
		h(n, w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) Requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

// newTestClient returns a Client pointed at baseURL with a fake advancing
// clock, a generous rate limit and trace-level logs captured.
func newTestClient(t *testing.T, baseURL string, mod func(*Config)) (*Client, *fakeClock, *testsupport.LockedBuffer) {
	t.Helper()
	clk := newFakeClock(true)
	logs := &testsupport.LockedBuffer{}
	cfg := Config{BaseURL: baseURL, Clock: clk, Logger: zerolog.New(logs).Level(zerolog.TraceLevel), Rate: 1000, Burst: 1000}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg, testTok)
	if err != nil {
		t.Fatal(err)
	}
	return c, clk, logs
}

func writeJSON(w http.ResponseWriter, status int, body string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		w.Header().Set(headers[i], headers[i+1])
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func notionError(status int, code, msg string) string {
	return `{"object":"error","status":` + strconv.Itoa(status) + `,"code":"` + code + `","message":"` + msg + `","request_id":"req-` + code + `"}`
}

const meBody = `{"object":"user","id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","name":"Acme Sync","avatar_url":null,"type":"bot",
"bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Acme","workspace_id":"6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
"workspace_limits":{"max_file_upload_size_in_bytes":5368709120}},"request_id":"7e0c1f52-body"}`

// assertNoSecret fails if s holds the token or a large piece of it.
func assertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	for _, piece := range []string{testSecret, testSecret[4:], testSecret[10:30], testSecret[30:]} {
		if strings.Contains(s, piece) {
			t.Errorf("%s leaks the token: %s", what, s)
			return
		}
	}
}
