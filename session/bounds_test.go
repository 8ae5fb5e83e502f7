package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// distinctToken is the i-th of a series of distinct Notion-shaped tokens.
func distinctToken(i int) *token.Token {
	h := sha256.Sum256([]byte(fmt.Sprint(i)))
	return token.New("ntn_"+hex.EncodeToString(h[:])[:46], "argument")
}

// TestStateBounded: more distinct tokens than any bound leave at most MaxTokens clients,
// MaxResults results and MaxSecrets redactor entries, and the heap after
// them is bounded; idle tokens and expired results are dropped.
func TestStateBounded(t *testing.T) {
	s, _, clk, _ := newSession(t, nil, "")
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	big := strings.Repeat("x", 16<<10) // a 16 KB result per token: 80 MB if none were dropped
	const n = token.MaxSecrets + 1000  // past every bound, the largest first
	for i := range n {
		tok := distinctToken(i)
		s.Redactor().AddToken(tok)
		if _, err := s.Client(tok); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Remember(s, tok, "k", false, func() (any, error) { return big + fmt.Sprint(i), nil }); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	grew := int64(ms.HeapAlloc) - int64(before)
	t.Logf("%d tokens: %d clients, %d results, %d secrets kept; heap grew %d KB", n, s.Tokens(), s.Results(), s.Redactor().Len(), grew>>10)
	if s.Tokens() != MaxTokens || s.Results() != MaxResults || s.Redactor().Len() != token.MaxSecrets {
		t.Errorf("kept %d clients, %d results, %d secrets", s.Tokens(), s.Results(), s.Redactor().Len())
	}
	if grew > 48<<20 {
		t.Errorf("the heap grew %d MB", grew>>20)
	}
	// Results expire with their TTL, tokens when idle.
	clk.add(DefaultResultTTL)
	if _, _, err := Remember(s, distinctToken(1), "k", false, func() (any, error) { return "fresh", nil }); err != nil {
		t.Fatal(err)
	}
	if s.Results() != 1 {
		t.Errorf("%d results after the TTL, want only the new one", s.Results())
	}
	clk.add(TokenIdleTTL + time.Second)
	if _, err := s.Client(distinctToken(2)); err != nil {
		t.Fatal(err)
	}
	if s.Tokens() != 1 {
		t.Errorf("%d clients after the idle TTL, want only the new one", s.Tokens())
	}
}

// TestOneLimiterForAllTokens: requests with distinct tokens share one rate
// limiter, so the process as a whole keeps to its rate.
func TestOneLimiterForAllTokens(t *testing.T) {
	clk := &fakeSleeper{}
	lim := notion.NewLimiter(3, 1, clk)
	s, ws, _, _ := newSessionWith(t, func(c *Config) { c.Limiter = lim })
	_ = ws
	for i := range 4 {
		if _, _, err := s.Me(context.Background(), distinctToken(i), true); err == nil {
			continue
		}
	}
	// One request passes on the burst; the next three each wait a third of
	// a second for the shared bucket, whichever token they carry.
	if got := clk.slept(); len(got) != 3 {
		t.Errorf("waits %v: want 3, one per request past the burst", got)
	}
}

// fakeSleeper is a notion.Clock whose sleeps take no time but move it on.
type fakeSleeper struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (f *fakeSleeper) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.now.IsZero() {
		f.now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return f.now
}

func (f *fakeSleeper) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	return ctx.Err()
}

func (f *fakeSleeper) slept() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

func newSessionWith(t *testing.T, edit func(*Config)) (*Session, any, *clock, any) {
	t.Helper()
	s, ws, clk, built := newSession(t, nil, "")
	cfg := s.cfg
	edit(&cfg)
	cfg.Logger = zerolog.Nop()
	s2, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s2, ws, clk, built
}
