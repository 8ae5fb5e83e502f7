package listing_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

const hostileToken = "ntn_" + "55501234567" + "HostileServerQ7w2XZ9kLmN4pR8sT1vY3b"

// hostileSession talks to h over loopback HTTP, never held back by the rate
// limit, with the per-request timeout and answer size bound (0: 32 MiB)
// given.
func hostileSession(t *testing.T, h sandboxtest.Hostile, timeout time.Duration, maxBody int64) *session.Session {
	t.Helper()
	srv := h.Server(t)
	sess, err := session.New(session.Config{
		BaseURL: srv.URL,
		Timeout: timeout,
		Getenv:  func(k string) string { return map[string]string{"NOTION_TOKEN": hostileToken}[k] },
		Client: func(cfg notion.Config, tok *token.Token) (*notion.Client, error) {
			cfg.Rate, cfg.Burst, cfg.Limiter, cfg.MaxBody = 1e9, 1e6, nil, maxBody
			return notion.New(cfg, tok)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// measure runs fn and reports its wall time and the bytes it allocated
// (runtime.ReadMemStats around the call), and the live heap after it.
func measure(fn func()) (took time.Duration, alloc, heap uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	start := time.Now()
	fn()
	took = time.Since(start)
	runtime.ReadMemStats(&ms)
	alloc = ms.TotalAlloc - before
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return took, alloc, ms.HeapAlloc
}

// TestHostileServerListing: whatever the server does, a listing ends
// within its call deadline, with bounded allocation, and says why it is
// incomplete; its result stays under the size bound. The object and answer
// size bounds are set low, so that a few requests reach them
// (TestBoundsAsDocumented holds the real ones); the request bound is the
// real one, 200 requests of one result each.
func TestHostileServerListing(t *testing.T) {
	tests := []struct {
		name     string
		h        sandboxtest.Hostile
		timeout  time.Duration // per request
		objects  int           // the object bound; 0: MaxObjects
		maxBody  int64         // the answer size bound; 0: 32 MiB
		reason   string        // incomplete_reason; "" for an error
		errHas   string
		requests int // at most
		maxAlloc uint64
	}{
		// 100,000 results: tools.TestHostile100kResults.
		{name: "endless pages", h: sandboxtest.Hostile{Results: -1}, objects: 500, reason: listing.ReasonObjectCap, requests: 7, maxAlloc: 32 << 20},
		{name: "endless small pages", h: sandboxtest.Hostile{Results: -1, PerPage: 1}, reason: listing.ReasonRequestCap, requests: listing.MaxSearchRequests + 2, maxAlloc: 64 << 20},
		{name: "cursor cycle", h: sandboxtest.Hostile{Results: -1, Cycle: 3}, reason: listing.ReasonCursorLoop, requests: 5, maxAlloc: 16 << 20},
		// One page of 100 titles of 2,100 runes: each is cut, and all fit.
		{name: "long titles", h: sandboxtest.Hostile{Results: 100, Title: strings.Repeat("Ω long ", 300)}, requests: 2, maxAlloc: 32 << 20},
		// An answer of 4 MiB against a bound of 1 MiB.
		{name: "huge body", h: sandboxtest.Hostile{Results: 1, HugeBody: 4 << 20}, maxBody: 1 << 20, errHas: "larger than 1 MiB", requests: 2, maxAlloc: 64 << 20},
		{name: "slow body", h: sandboxtest.Hostile{Results: 100, Trickle: 20 * time.Millisecond}, timeout: 300 * time.Millisecond, errHas: "within", requests: 2, maxAlloc: 16 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.timeout == 0 {
				tt.timeout = 5 * time.Second
			}
			sess := hostileSession(t, tt.h, tt.timeout, tt.maxBody)
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
			defer cancel()
			var r *listing.Result
			var err error
			took, alloc, heap := measure(func() {
				r, err = listing.List(ctx, sess, listing.WithCaps(listing.Request{Refresh: true}, 0, tt.objects))
			})
			t.Logf("%s: %s, %d MB allocated, %d MB live after", tt.name, took.Round(time.Millisecond), alloc>>20, heap>>20)
			if took > 50*time.Second || alloc > tt.maxAlloc {
				t.Errorf("took %s, allocated %d bytes", took, alloc)
			}
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("err = %v, want one saying %q", err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(r)
			if tt.reason == "" {
				for _, d := range r.Databases {
					if n := utf8.RuneCountInString(d.Title); n > listing.MaxTitleRunes {
						t.Fatalf("a title of %d runes", n)
					}
				}
				if !r.Complete || r.Count != tt.h.Results || len(b) > listing.MaxResultBytes {
					t.Errorf("complete %v, %d databases, %d bytes", r.Complete, r.Count, len(b))
				}
				return
			}
			if r.Complete || r.Incomplete != tt.reason || r.Requests > tt.requests || len(b) > listing.MaxResultBytes {
				t.Errorf("complete %v reason %q after %d requests, %d bytes", r.Complete, r.Incomplete, r.Requests, len(b))
			}
			if len(r.Hints) == 0 || !strings.Contains(strings.Join(r.Hints, " "), "query") {
				t.Errorf("no advice: %q", r.Hints)
			}
		})
	}
}

// TestBoundsAsDocumented: the listing's bounds are the ones the README
// states under "Every call has an end" (the hostile tests lower some).
func TestBoundsAsDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	thousands := func(n int) string {
		if n < 1000 {
			return strconv.Itoa(n)
		}
		return fmt.Sprintf("%d,%03d", n/1000, n%1000)
	}
	want := fmt.Sprintf("at %s search requests or at %s results, and keeps its result under %d KiB (titles cut at %d characters)",
		thousands(listing.MaxSearchRequests), thousands(listing.MaxObjects), listing.MaxResultBytes>>10, listing.MaxTitleRunes)
	if !strings.Contains(readme, want) {
		t.Errorf("the README does not say %q", want)
	}
}
