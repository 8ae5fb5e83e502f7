package notion

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestHungServerHitsTimeout(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // hang until the client gives up
	})
	c, _, _ := newTestClient(t, api.URL, func(cfg *Config) { cfg.Timeout = 50 * time.Millisecond })
	_, err := c.RetrievePage(context.Background(), V20250903, "1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d")
	e, ok := AsError(err)
	if !ok || e.Code != CodeTimeout || e.Status != 0 || e.Attempts != 1 || !e.IsTimeout() || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %#v", err)
	}
	if n := len(api.Requests()); n != 1 {
		t.Errorf("%d requests, want 1 (a timed-out request is not retried)", n)
	}
}

func TestCancellationStopsRequests(t *testing.T) {
	t.Run("cancelled before the call", func(t *testing.T) {
		api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, meBody) })
		c, _, _ := newTestClient(t, api.URL, nil)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.Me(ctx, V20250903)
		if e, ok := AsError(err); !ok || e.Code != CodeCanceled || !errors.Is(err, ctx.Err()) || len(api.Requests()) != 0 {
			t.Fatalf("err = %v after %d requests", err, len(api.Requests()))
		}
	})
	t.Run("cancelled during backoff", func(t *testing.T) {
		api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 503, notionError(503, "service_unavailable", "down"))
		})
		c, clk, _ := newTestClient(t, api.URL, nil)
		ctx, cancel := context.WithCancel(context.Background())
		clk.onSleep = func(ctx context.Context, d time.Duration) error {
			cancel() // the MCP client cancels while we wait to retry
			<-ctx.Done()
			return ctx.Err()
		}
		_, err := c.RetrieveDatabase(ctx, V20250903, "2f26ee68df304251aad48ddc420cba3d")
		if e, ok := AsError(err); !ok || e.Code != CodeCanceled || !errors.Is(err, context.Canceled) || e.Attempts != 1 {
			t.Fatalf("err = %#v", err)
		}
		if n := len(api.Requests()); n != 1 {
			t.Errorf("%d requests after cancel, want 1", n)
		}
	})
	t.Run("cancelled during a request", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
			cancel()
			<-r.Context().Done()
		})
		c, _, _ := newTestClient(t, api.URL, nil)
		_, err := c.Search(ctx, V20250903, SearchRequest{})
		if e, ok := AsError(err); !ok || e.Code != CodeCanceled || !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %#v", err)
		}
		if n := len(api.Requests()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}
