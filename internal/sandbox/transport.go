package sandbox

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Transport returns a RoundTripper that answers every request in-process,
// whatever its scheme and host, so a client configured for
// https://api.notion.com works unchanged. It honours the request's context
// (latency, hangs and body reads end when it is done) and its bodies behave
// like network ones (FaultResetMidBody fails a Read partway).
func (w *Workspace) Transport() http.RoundTripper { return transport{w} }

type transport struct{ w *Workspace }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := t.w.respond(req.Method, req.URL, req.Header, body)
	if out.hang {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if err := t.w.wait(ctx); err != nil {
		return nil, err
	}
	h := out.header.Clone()
	h.Set("Content-Length", strconv.Itoa(len(out.body)))
	rb := &responseBody{ctx: ctx, data: out.body, failAt: -1}
	if out.resetAt > 0 {
		rb.failAt = out.resetAt
	}
	return &http.Response{
		Status:        strconv.Itoa(out.status) + " " + http.StatusText(out.status),
		StatusCode:    out.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          rb,
		ContentLength: int64(len(out.body)),
		Request:       req,
	}, nil
}

// wait sleeps for the configured latency, or until ctx is done.
func (w *Workspace) wait(ctx context.Context) error {
	if w.opts.Latency <= 0 {
		return nil
	}
	t := time.NewTimer(w.opts.Latency)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errConnReset is what reading a reset connection returns.
var errConnReset error = &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}

// errBodyClosed is what reading a closed body returns, as in net/http.
var errBodyClosed = errors.New("http: read on closed response body")

// responseBody is a response body read from memory that fails like a
// network one: after Close, when the request's context ends, and at failAt
// bytes when the connection was reset.
type responseBody struct {
	ctx    context.Context
	mu     sync.Mutex
	data   []byte
	off    int
	failAt int // -1: never
	closed bool
}

func (b *responseBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.closed:
		return 0, errBodyClosed
	case b.ctx.Err() != nil:
		return 0, b.ctx.Err()
	case b.failAt >= 0 && b.off >= b.failAt:
		return 0, errConnReset
	case b.off >= len(b.data):
		return 0, io.EOF
	}
	end := len(b.data)
	if b.failAt >= 0 {
		end = b.failAt
	}
	n := copy(p, b.data[b.off:end])
	b.off += n
	return n, nil
}

func (b *responseBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return nil
}
