package notion

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Exchange is the outcome of one logical request (all its attempts), kept as
// evidence for the person debugging their setup. It holds no token and no
// response body.
type Exchange struct {
	Method    string        `json:"method"`
	Path      string        `json:"path"`
	Version   string        `json:"version"`
	Status    int           `json:"status"` // 0 when no HTTP answer was received
	Code      string        `json:"code,omitempty"`
	RequestID string        `json:"request_id,omitempty"`
	Attempts  int           `json:"attempts"`
	Duration  time.Duration `json:"duration"`
}

// Trace collects the exchanges of every request made under a context (see
// WithTrace). It is safe for concurrent use.
type Trace struct {
	mu sync.Mutex
	ex []Exchange
}

// Exchanges returns a copy of the recorded exchanges, in completion order.
func (t *Trace) Exchanges() []Exchange {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Exchange(nil), t.ex...)
}

func (t *Trace) add(e Exchange) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ex = append(t.ex, e)
}

// WithTrace returns a context under which every request made by a Client is
// appended to t once it has finished (after its retries).
func WithTrace(ctx context.Context, t *Trace) context.Context {
	return withValue(ctx, t)
}

func traceFrom(ctx context.Context) *Trace { return valueFrom[Trace](ctx) }

// callInfo is filled by the transport for the call that put it in the
// context: the attempt count and request id for decode errors, and the raw
// 2xx body for the fields notionapi drops.
type callInfo struct {
	attempts  int
	requestID string
	body      []byte
}

func withCallInfo(ctx context.Context, ci *callInfo) context.Context { return withValue(ctx, ci) }

func callInfoFrom(ctx context.Context) *callInfo { return valueFrom[callInfo](ctx) }

// ctxKey[T] is the context key of this package's *T values: each T its own
// key type, so they never collide.
type ctxKey[T any] struct{}

func withValue[T any](ctx context.Context, v *T) context.Context {
	return context.WithValue(ctx, ctxKey[T]{}, v)
}

// valueFrom returns the *T in ctx, or nil.
func valueFrom[T any](ctx context.Context) *T {
	v, _ := ctx.Value(ctxKey[T]{}).(*T)
	return v
}

// Meter counts what a progress display shows: HTTP requests sent (every
// attempt) and waits for the rate limit (this client's pacing or a 429's
// Retry-After) made under a context (see WithMeter). Unlike a Trace it
// survives a nested WithTrace. Safe for concurrent use.
type Meter struct {
	requests, waits atomic.Int64
}

// Requests is the number of HTTP requests sent so far.
func (m *Meter) Requests() int64 { return m.requests.Load() }

// Waits is the number of waits for the rate limit so far.
func (m *Meter) Waits() int64 { return m.waits.Load() }

// WithMeter returns a context under which every Client request counts in m.
func WithMeter(ctx context.Context, m *Meter) context.Context {
	return withValue(ctx, m)
}

func meterFrom(ctx context.Context) *Meter { return valueFrom[Meter](ctx) }
