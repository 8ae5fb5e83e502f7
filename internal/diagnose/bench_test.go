package diagnose_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/diagnose"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// countingTransport counts requests, and round trips: the busy periods in
// which at least one request is in flight. Requests made in parallel share a
// round trip as long as each takes long enough to overlap the others, which
// a sandbox with latency guarantees.
type countingTransport struct {
	next     http.RoundTripper
	requests atomic.Int64

	mu       sync.Mutex
	inflight int
	waves    int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.requests.Add(1)
	c.mu.Lock()
	if c.inflight == 0 {
		c.waves++
	}
	c.inflight++
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.inflight--
		c.mu.Unlock()
	}()
	return c.next.RoundTrip(r)
}

// benchSession is a session on rt whose rate limiter never delays.
func benchSession(b *testing.B, rt http.RoundTripper) *session.Session {
	b.Helper()
	return sandboxtest.Session(b, nil, nil, sandboxtest.Options{Transport: rt})
}

// BenchmarkDiagnose diagnoses an accessible database link and a link to a
// database not shared with the integration, over the zero-latency
// in-process sandbox. "cold" starts each diagnosis on a new session (so the
// token's identity is looked up, as on a server's first call); "warm" reuses
// one session, whose identity cache saves GET /v1/users/me. requests/op
// counts Notion API requests; roundtrips/op is measured once, outside the
// timed loop, on a sandbox with 20 ms latency.
func BenchmarkDiagnose(b *testing.B) {
	for _, c := range []struct{ name, target, verdict string }{
		{"accessible_database", sandbox.TasksURL, diagnose.Accessible},
		{"not_shared", sandbox.FinanceURL, diagnose.NotShared},
	} {
		req := diagnose.Request{Target: c.target, Token: token.Request{Literal: sandbox.TokenValid}}
		run := func(b *testing.B, s *session.Session) {
			r, err := diagnose.Diagnose(context.Background(), s, req)
			if err != nil {
				b.Fatal(err)
			}
			if r.Verdict != c.verdict {
				b.Fatalf("verdict %q, want %q: %s", r.Verdict, c.verdict, r.Summary)
			}
		}

		slow := &countingTransport{next: sandbox.New(sandbox.Options{Latency: 20 * time.Millisecond}).Transport()}
		ss := benchSession(b, slow)
		run(b, ss)
		coldTrips := float64(slow.waves)
		run(b, ss)
		warmTrips := float64(slow.waves) - coldTrips

		ws := sandbox.New(sandbox.Options{})
		b.Run(c.name+"/cold", func(b *testing.B) {
			ct := &countingTransport{next: ws.Transport()}
			b.ReportAllocs()
			for b.Loop() {
				run(b, benchSession(b, ct))
			}
			b.ReportMetric(float64(ct.requests.Load())/float64(b.N), "requests/op")
			b.ReportMetric(coldTrips, "roundtrips/op")
		})
		b.Run(c.name+"/warm", func(b *testing.B) {
			ct := &countingTransport{next: ws.Transport()}
			s := benchSession(b, ct)
			run(b, s)
			ct.requests.Store(0)
			b.ReportAllocs()
			for b.Loop() {
				run(b, s)
			}
			b.ReportMetric(float64(ct.requests.Load())/float64(b.N), "requests/op")
			b.ReportMetric(warmTrips, "roundtrips/op")
		})
	}
}
