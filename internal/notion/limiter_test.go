package notion

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

func third(n int) time.Duration { return time.Duration(float64(n) / 3 * float64(time.Second)) }

// With time frozen, concurrent callers of one limiter get the burst at once
// and then waits spaced 1/rate apart: they share one bucket.
func TestLimiterSharedAcrossGoroutines(t *testing.T) {
	clk := newFakeClock(false)
	l := newLimiter(3, 3, clk)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var waits []time.Duration
	for range 9 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := l.wait(context.Background())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			waits = append(waits, d)
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(waits)
	want := []time.Duration{0, 0, 0, third(1), third(2), third(3), third(4), third(5), third(6)}
	if !slices.Equal(waits, want) {
		t.Errorf("waits = %v\nwant    %v", waits, want)
	}
}

func TestLimiterRefillAndCap(t *testing.T) {
	clk := newFakeClock(false)
	l := newLimiter(3, 3, clk)
	for range 3 {
		if d := l.reserve(); d != 0 {
			t.Fatalf("burst reservation waited %v", d)
		}
	}
	clk.now = clk.now.Add(time.Hour) // a long idle time refills to the burst, no more
	for i := range 4 {
		want := time.Duration(0)
		if i == 3 {
			want = third(1)
		}
		if d := l.reserve(); d != want {
			t.Errorf("reservation %d after idle: %v, want %v", i, d, want)
		}
	}
}

func TestLimiterPastDeadlineAndCancel(t *testing.T) {
	clk := newFakeClock(false)
	l := newLimiter(1, 1, clk)
	l.reserve()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	d, err := l.wait(ctx)
	if err != errPastDeadline || d != time.Second {
		t.Fatalf("wait = %v, %v", d, err)
	}
	// The abandoned reservation was given back: the next caller waits 1s, not 2s.
	if d := l.reserve(); d != time.Second {
		t.Errorf("next reservation waits %v", d)
	}
	cctx, ccancel := context.WithCancel(context.Background())
	ccancel()
	if _, err := l.wait(cctx); err != context.Canceled {
		t.Errorf("cancelled wait: %v", err)
	}
}

// Through the Client: concurrent calls with one token share the limiter,
// and a wait that would pass the deadline fails at once as rate_limited.
func TestClientLimiterShared(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, meBody) })
	clk := newFakeClock(false)
	c, _, _ := newTestClient(t, api.URL, func(cfg *Config) { cfg.Clock, cfg.Rate, cfg.Burst = clk, 3, 3 })
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Me(context.Background(), V20250903); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	s := clk.Sleeps()
	slices.Sort(s)
	if want := []time.Duration{third(1), third(2), third(3)}; !slices.Equal(s, want) {
		t.Errorf("limiter sleeps = %v, want %v", s, want)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Me(ctx, V20250903)
	e, ok := AsError(err)
	if !ok || e.Code != CodeRateLimited || e.Status != 0 || e.RetryAfter != third(4) || e.Attempts != 0 {
		t.Fatalf("err = %#v", err)
	}
	if n := len(api.Requests()); n != 6 {
		t.Errorf("%d requests, want 6", n)
	}
}
