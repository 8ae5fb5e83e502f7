package listing_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// benchDatabases is the workspace size of the benchmarks: 5000 generated
// databases (every 10th with two data sources) besides the fixtures.
const benchDatabases = 5000

// benchEnv is a zero-latency sandbox behind a session whose clock jumps an
// hour at every reading, so that neither the identity nor the result cache
// ever answers: every listing makes its requests.
func benchEnv(b *testing.B) *env {
	var hours atomic.Int64
	start := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	return newEnv(b, envOptions{sandbox: sandbox.Options{ExtraDatabases: benchDatabases}, clock: func() time.Time {
		return start.Add(time.Duration(hours.Add(1)) * time.Hour)
	}})
}

// BenchmarkList5000 is one complete listing of 5000+ databases (one op),
// rate limit lifted: users/me, every search page and, under 2025-09-03,
// the retrieval of each database with several data sources.
func BenchmarkList5000(b *testing.B) {
	for _, v := range []string{v25, v22} {
		b.Run(v, func(b *testing.B) {
			e := benchEnv(b)
			ctx := context.Background()
			// One listing first, untimed, as BenchmarkRequestsOnly5000 does
			// to learn the requests: both then start warm.
			if _, err := listing.List(ctx, e.sess, listing.Request{APIVersion: v, MaxBytes: -1}); err != nil {
				b.Fatal(err)
			}
			count := 0
			b.ReportAllocs()
			cpu := testsupport.CPUTime()
			for b.Loop() {
				e.ws.ResetRequests() // the sandbox's log would otherwise grow with b.N
				r, err := listing.List(ctx, e.sess, listing.Request{APIVersion: v, MaxBytes: -1})
				if err != nil || r.Cached {
					b.Fatalf("cached %v, err %v", r != nil && r.Cached, err)
				}
				count = r.Count
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(count), "ns/database")
			b.ReportMetric(float64(len(e.ws.Requests())), "requests/op")
		})
	}
}

// BenchmarkRequestsOnly5000 makes exactly the requests of BenchmarkList5000
// (same notion.Client, same Notion-Version headers, bodies and order of
// pages, retrievals four at a time as the listing does them) and decodes
// them as the client does, but does nothing with the results: the
// difference is the cost of the listing itself.
func BenchmarkRequestsOnly5000(b *testing.B) {
	for _, v := range []string{v25, v22} {
		b.Run(v, func(b *testing.B) {
			e := benchEnv(b)
			ro := newRequestsOnly(b, e, v)
			b.ReportAllocs()
			cpu := testsupport.CPUTime()
			for b.Loop() {
				e.ws.ResetRequests()
				ro.run(b)
			}
			if n := len(e.ws.Requests()); n != ro.ref.Requests {
				b.Fatalf("%d requests per op, the listing makes %d", n, ro.ref.Requests)
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(ro.ref.Count), "ns/database")
			b.ReportMetric(float64(ro.ref.Requests), "requests/op")
		})
	}
}

// requestsOnly replays a listing's requests without the listing.
type requestsOnly struct {
	e         *env
	c         *notion.Client
	v         string
	meVersion string
	filter    string
	multi     []string        // the databases the listing retrieves
	ref       *listing.Result // the listing replayed
}

func newRequestsOnly(b *testing.B, e *env, v string) *requestsOnly {
	c, err := e.sess.Client(token.New(sandbox.TokenValid, "bench"))
	if err != nil {
		b.Fatal(err)
	}
	ref, err := listing.List(context.Background(), e.sess, listing.Request{APIVersion: v, MaxBytes: -1})
	if err != nil {
		b.Fatal(err)
	}
	ro := &requestsOnly{e: e, c: c, v: v, ref: ref, filter: "database"}
	if notion.HasDataSources(v) {
		ro.filter = "data_source"
	}
	for _, d := range ref.Databases {
		if len(d.DataSources) > 1 {
			ro.multi = append(ro.multi, d.ID)
		}
	}
	// users/me goes with the session's version, whatever the listing's.
	ro.meVersion, _ = e.sess.Version("")
	return ro
}

func (ro *requestsOnly) run(b *testing.B) {
	ctx := context.Background()
	if _, err := ro.c.Me(ctx, ro.meVersion); err != nil {
		b.Fatal(err)
	}
	seen := 0
	for cursor := ""; ; {
		p, err := ro.c.Search(ctx, ro.v, notion.SearchRequest{Filter: ro.filter, StartCursor: cursor, PageSize: listing.PageSize})
		if err != nil {
			b.Fatal(err)
		}
		seen += len(p.Results)
		if !p.HasMore || p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if seen == 0 {
		b.Fatal("nothing found")
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(4, len(ro.multi)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < len(ro.multi); k = int(next.Add(1)) - 1 {
				if _, err := ro.c.RetrieveDatabase(ctx, ro.v, ro.multi[k]); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// reportCPU reports the process CPU time per op since start (all
// goroutines, the garbage collector's included): a figure that other
// processes on the machine disturb far less than ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	if end := testsupport.CPUTime(); end > 0 {
		b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
