package session

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

func newSession(t *testing.T, env map[string]string, demo string) (*Session, *sandbox.Workspace, *clock, *atomic.Int32) {
	t.Helper()
	ws := sandbox.New(sandbox.Options{})
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var built atomic.Int32
	s, err := New(Config{
		Getenv:    func(k string) string { return env[k] },
		Transport: ws.Transport(),
		Logger:    zerolog.Nop(),
		DemoToken: demo,
		Clock:     clk.Now,
		Client: func(c notion.Config, tk *token.Token) (*notion.Client, error) {
			built.Add(1)
			return notion.New(c, tk)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, ws, clk, &built
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{Getenv: func(string) string { return "" }, BaseURL: "http://example.com"},
		{Getenv: func(string) string { return "" }, APIVersion: "2021-05-13"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted a bad configuration", cfg)
		}
	}
}

func TestTokenSourcesAndDemoFallback(t *testing.T) {
	s, _, _, _ := newSession(t, map[string]string{"NOTION_API_KEY": sandbox.TokenValid}, "")
	tk, err := s.Token(token.Request{})
	if err != nil || tk.Source() != "env:NOTION_API_KEY" {
		t.Fatalf("Token() = %v, %v; want the token from NOTION_API_KEY", tk, err)
	}

	s, _, _, _ = newSession(t, nil, "")
	if _, err := s.Token(token.Request{}); !errors.Is(err, token.ErrMissing) {
		t.Errorf("no token anywhere: err = %v, want ErrMissing", err)
	}

	s, _, _, _ = newSession(t, nil, sandbox.TokenDemo)
	tk, err = s.Token(token.Request{})
	if err != nil || tk.Source() != "demo" {
		t.Errorf("demo mode without a token: %v, %v; want the demo token", tk, err)
	}
	// A source the call names is never replaced by the demo token.
	if _, err := s.Token(token.Request{TokenEnv: "MY_TOKEN"}); !errors.Is(err, token.ErrMissing) {
		t.Errorf("demo mode, token_env unset: err = %v, want ErrMissing", err)
	}
}

func TestMeIsCachedPerTokenAndExpires(t *testing.T) {
	s, ws, clk, built := newSession(t, map[string]string{"NOTION_TOKEN": sandbox.TokenValid}, "")
	tk, _ := s.Token(token.Request{})
	ctx := context.Background()
	u, cached, err := s.Me(ctx, tk, false)
	if err != nil || cached || u.Name != sandbox.AcmeSyncName {
		t.Fatalf("first Me = %+v, cached %v, %v", u, cached, err)
	}
	if _, cached, _ = s.Me(ctx, tk, false); !cached {
		t.Error("second Me within the TTL made a request")
	}
	if _, cached, _ = s.Me(ctx, tk, true); cached {
		t.Error("Me with fresh set used the cache")
	}
	clk.add(DefaultIdentityTTL + time.Second)
	if _, cached, _ = s.Me(ctx, tk, false); cached {
		t.Error("Me after the TTL used the cache")
	}
	if n := ws.Count("GET", "/v1/users/me"); n != 3 {
		t.Errorf("%d users/me requests, want 3", n)
	}
	// The same token from another source shares the client (and its limiter).
	again := token.New(sandbox.TokenValid, "argument")
	c1, _ := s.Client(tk)
	c2, _ := s.Client(again)
	if c1 != c2 || built.Load() != 1 {
		t.Errorf("one token got %d clients", built.Load())
	}
	// A failure is not cached.
	bad := token.New(sandbox.TokenRevoked, "argument")
	for range 2 {
		if _, _, err := s.Me(ctx, bad, false); err == nil {
			t.Fatal("Me with a revoked token succeeded")
		}
	}
	if n := ws.Count("GET", "/v1/users/me"); n != 5 {
		t.Errorf("%d users/me requests after two failures, want 5 (failures are not cached)", n)
	}
}

func TestMeConcurrentCallsShareOneRequest(t *testing.T) {
	s, ws, _, _ := newSession(t, map[string]string{"NOTION_TOKEN": sandbox.TokenValid}, "")
	tk, _ := s.Token(token.Request{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := s.Me(context.Background(), tk, false); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := ws.Count("GET", "/v1/users/me"); n != 1 {
		t.Errorf("20 concurrent Me calls made %d requests, want 1", n)
	}
}

func TestRemember(t *testing.T) {
	s, _, clk, _ := newSession(t, map[string]string{"NOTION_TOKEN": sandbox.TokenValid}, "")
	tk, _ := s.Token(token.Request{})
	calls := 0
	fn := func() (int, error) { calls++; return calls, nil }
	for _, c := range []struct {
		refresh    bool
		advance    time.Duration
		want       int
		wantCached bool
	}{
		{false, 0, 1, false},
		{false, 10 * time.Second, 1, true},
		{true, 0, 2, false},
		{false, DefaultResultTTL, 3, false},
	} {
		clk.add(c.advance)
		v, cached, err := Remember(s, tk, "k", c.refresh, fn)
		if err != nil || v != c.want || cached != c.wantCached {
			t.Errorf("Remember(refresh %v, +%v) = %v, cached %v, %v; want %d, cached %v", c.refresh, c.advance, v, cached, err, c.want, c.wantCached)
		}
	}
	if _, _, err := Remember(s, tk, "e", false, func() (string, error) { return "", errors.New("boom") }); err == nil {
		t.Error("an error was swallowed")
	}
	v, cached, _ := Remember(s, tk, "e", false, func() (string, error) { return "ok", nil })
	if cached || v != "ok" {
		t.Error("an error was remembered")
	}
	// The same key read as another type is no hit.
	if n, cached, _ := Remember(s, tk, "e", false, func() (int, error) { return 7, nil }); cached || n != 7 {
		t.Errorf("a string result read as an int: %d, cached %v", n, cached)
	}
}

func TestVersion(t *testing.T) {
	s, _, _, _ := newSession(t, nil, "")
	if v, _ := s.Version(""); v != notion.DefaultVersion {
		t.Errorf("default version %q", v)
	}
	if v, err := s.Version(notion.V20220628); err != nil || v != notion.V20220628 {
		t.Errorf("Version(2022-06-28) = %q, %v", v, err)
	}
	if _, err := s.Version("2099-01-01"); err == nil {
		t.Error("an unknown version was accepted")
	}
}

func TestLogStartupNamesTheSourceAndMakesNoRequest(t *testing.T) {
	var buf bytes.Buffer
	ws := sandbox.New(sandbox.Options{})
	s, err := New(Config{
		Getenv: func(k string) string {
			return map[string]string{"NOTION_TOKEN": `"` + sandbox.TokenValid + `"`, "NOTION_API_KEY": sandbox.TokenLegacy}[k]
		},
		Transport: ws.Transport(),
		Logger:    zerolog.New(&buf),
	})
	if err != nil {
		t.Fatal(err)
	}
	s.LogStartup()
	out := buf.String()
	for _, want := range []string{"env:NOTION_TOKEN", token.Fingerprint(sandbox.TokenValid), "token_problems", "env:NOTION_API_KEY"} {
		if !strings.Contains(out, want) {
			t.Errorf("start-up log lacks %q: %s", want, out)
		}
	}
	if strings.Contains(out, sandbox.TokenValid[4:16]) || strings.Contains(out, sandbox.TokenLegacy[7:19]) {
		t.Errorf("start-up log shows a token: %s", out)
	}
	if n := len(ws.Requests()); n != 0 {
		t.Errorf("start-up made %d requests", n)
	}
}

// gatedTransport holds every users/me request until open is closed.
type gatedTransport struct {
	next    http.RoundTripper
	arrived chan struct{}
	open    chan struct{}
}

func (g gatedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/v1/users/me" {
		g.arrived <- struct{}{}
		select {
		case <-g.open:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return g.next.RoundTrip(r)
}

// A caller waiting on a lookup another caller started leaves when its own
// context ends, the lookup goes on for the others, and the one who stays
// gets the answer; when every caller has left, the lookup is cancelled and
// the next caller starts a new one.
func TestMeWaitHonoursEachCallersContext(t *testing.T) {
	ws := sandbox.New(sandbox.Options{})
	g := gatedTransport{next: ws.Transport(), arrived: make(chan struct{}, 4), open: make(chan struct{})}
	s, err := New(Config{
		Getenv:    func(k string) string { return map[string]string{"NOTION_TOKEN": sandbox.TokenValid}[k] },
		Transport: g,
		Logger:    zerolog.Nop(),
	})
	if err != nil {
		t.Fatal(err)
	}
	tk, _ := s.Token(token.Request{})

	type answer struct {
		u      *notion.User
		cached bool
		err    error
	}
	stay := make(chan answer, 1)
	go func() {
		u, cached, err := s.Me(context.Background(), tk, false)
		stay <- answer{u, cached, err}
	}()
	<-g.arrived // the lookup is under way, held at the transport
	leaveCtx, leave := context.WithCancel(context.Background())
	left := make(chan error, 1)
	go func() {
		_, _, err := s.Me(leaveCtx, tk, false)
		left <- err
	}()
	leave()
	if err := <-left; !errors.Is(err, context.Canceled) {
		t.Fatalf("the caller that left got %v, want context.Canceled", err)
	}
	close(g.open)
	if a := <-stay; a.err != nil || a.u == nil || a.cached {
		t.Fatalf("the caller that stayed: %+v", a)
	}
	if n := ws.Count("GET", "/v1/users/me"); n != 1 {
		t.Errorf("%d users/me requests, want 1", n)
	}

	// Every caller leaves: the lookup is cancelled, and the next one starts
	// its own.
	g2 := gatedTransport{next: ws.Transport(), arrived: make(chan struct{}, 4), open: make(chan struct{})}
	s2, _ := New(Config{Getenv: s.cfg.Getenv, Transport: g2, Logger: zerolog.Nop()})
	tk2, _ := s2.Token(token.Request{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, _, err := s2.Me(ctx, tk2, false); done <- err }()
	<-g2.arrived
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	close(g2.open)
	if u, cached, err := s2.Me(context.Background(), tk2, false); err != nil || u == nil || cached {
		t.Errorf("after everyone left, a new caller: %v, cached %v, %v", u, cached, err)
	}
}
