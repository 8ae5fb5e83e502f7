// Package sandboxtest helps tests run against the sandbox workspace: a
// clock that makes retry and Retry-After waits instant, and sessions whose
// Notion clients use it and are never held back by the rate limit.
package sandboxtest

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// Clock is a notion.Clock whose Sleep returns at once (or with ctx's error)
// and moves its time forward. It records every wait. Safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

// NewClock returns a Clock set to a fixed date.
func NewClock() *Clock { return &Clock{now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)} }

// Now implements notion.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep implements notion.Clock.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

// Sleeps lists the waits so far.
func (c *Clock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// Env is a process environment for session.Config.Getenv.
type Env map[string]string

// Get returns the variable's value.
func (e Env) Get(k string) string { return e[k] }

// Options tune Session; the zero value is fine.
type Options struct {
	Transport http.RoundTripper // default ws.Transport()
	Timeout   time.Duration     // per request; default 5 s
	Clock     *Clock            // default a NewClock
	Logger    zerolog.Logger    // default none
	// Session, if set, edits the configuration before the session is built.
	Session func(*session.Config)
}

// Session builds a session on ws whose clients never really wait.
func Session(t testing.TB, ws *sandbox.Workspace, env Env, o Options) *session.Session {
	t.Helper()
	if o.Transport == nil {
		o.Transport = ws.Transport()
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	if o.Clock == nil {
		o.Clock = NewClock()
	}
	cfg := session.Config{
		Getenv:    env.Get,
		Transport: o.Transport,
		Timeout:   o.Timeout,
		Logger:    o.Logger,
		Client: func(c notion.Config, tk *token.Token) (*notion.Client, error) {
			c.Clock, c.Rate, c.Burst, c.Limiter = o.Clock, 1e6, 1<<20, nil
			return notion.New(c, tk)
		},
	}
	if o.Session != nil {
		o.Session(&cfg)
	}
	s, err := session.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
