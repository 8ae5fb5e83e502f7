package notion

import (
	"context"
	"sync"
	"time"
)

// Clock is the time source for rate limiting, backoff and Retry-After waits.
// Tests inject a fake one so that waits take no real time.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or returns ctx.Err() as soon as ctx is done.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

// Now returns the wall clock time.
func (realClock) Now() time.Time { return time.Now() }

// Sleep waits on a timer or ctx.
func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Limiter is a rate limiter that several Clients can share (Config.Limiter).
// Safe for concurrent use.
type Limiter struct{ l *limiter }

// NewLimiter returns a token bucket of rate requests per second and burst
// saved up (defaults DefaultRate and DefaultBurst for values <= 0), timed
// by c (nil: real time).
func NewLimiter(rate float64, burst int, c Clock) *Limiter {
	if rate <= 0 {
		rate = DefaultRate
	}
	if burst <= 0 {
		burst = DefaultBurst
	}
	if c == nil {
		c = realClock{}
	}
	return &Limiter{l: newLimiter(rate, burst, c)}
}

// limiter is a token bucket: rate tokens per second, up to burst saved up.
// Each caller reserves a token at once (the bucket may go negative) and then
// waits outside the lock, so concurrent callers are spaced 1/rate apart in
// arrival order and a slow waiter never blocks the others' bookkeeping.
type limiter struct {
	clock Clock
	rate  float64
	burst float64

	mu     sync.Mutex
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, c Clock) *limiter {
	return &limiter{clock: c, rate: rate, burst: float64(burst), tokens: float64(burst)}
}

// reserve takes a token and returns how long to wait before using it.
func (l *limiter) reserve() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if !l.last.IsZero() && now.After(l.last) {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	if l.last.IsZero() || now.After(l.last) {
		l.last = now
	}
	l.tokens--
	if l.tokens >= 0 {
		return 0
	}
	return time.Duration(-l.tokens / l.rate * float64(time.Second))
}

// unreserve gives back a token whose wait was abandoned.
func (l *limiter) unreserve() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tokens = min(l.burst, l.tokens+1)
}

// wait blocks until the caller may send a request. If ctx's deadline comes
// before that, it returns at once with the wait it would have needed.
func (l *limiter) wait(ctx context.Context) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	d := l.reserve()
	if d <= 0 {
		return 0, nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		l.unreserve()
		return d, errPastDeadline
	}
	if err := l.clock.Sleep(ctx, d); err != nil {
		l.unreserve()
		return d, err
	}
	return d, nil
}

// errPastDeadline: a wait would end after the context's deadline.
var errPastDeadline = pastDeadline{}

type pastDeadline struct{}

// Error describes the refusal to wait.
func (pastDeadline) Error() string { return "the wait would end after the deadline" }
