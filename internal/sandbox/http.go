package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"time"
)

// maxBody bounds request bodies; Notion's own limit is far larger than any
// read request needs.
const maxBody = 1 << 20

// Handler serves the API under /v1/ as api.notion.com does. FaultHang holds
// the request until the client goes away (or Serve's context ends) and then
// drops the connection; FaultResetMidBody drops it after half the body. Both
// drop it by panicking with http.ErrAbortHandler, as net/http expects, so
// they need a net/http server (httptest.Server will do).
func (w *Workspace) Handler() http.Handler { return handler{w} }

type handler struct{ w *Workspace }

func (h handler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return // the client went away mid-request
	}
	out := h.w.respond(r.Method, r.URL, r.Header, body)
	ctx := r.Context()
	if out.hang {
		<-ctx.Done()
		// Drop the connection rather than let net/http send an empty 200.
		panic(http.ErrAbortHandler)
	}
	if h.w.wait(ctx) != nil {
		return
	}
	hdr := rw.Header()
	for k, v := range out.header {
		hdr[k] = v
	}
	hdr.Set("Content-Length", strconv.Itoa(len(out.body)))
	rw.WriteHeader(out.status)
	if out.resetAt == 0 {
		rw.Write(out.body)
		return
	}
	rw.Write(out.body[:out.resetAt])
	http.NewResponseController(rw).Flush()
	panic(http.ErrAbortHandler)
}

// Serve serves w over HTTP on addr (e.g. "127.0.0.1:0" for any free port)
// until ctx is done, then shuts down; it first writes the actual address
// to logw as "notion sandbox listening on http://HOST:PORT". It returns nil
// when stopped by ctx.
func Serve(ctx context.Context, addr string, w *Workspace, logw io.Writer) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen: %w", err)
	}
	srv := &http.Server{
		Handler:           w.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// Requests inherit ctx, so hung requests end when Serve is stopped.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(logw, "sandbox: ", 0),
	}
	fmt.Fprintf(logw, "notion sandbox listening on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("sandbox: serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("sandbox: serve: %w", err)
	}
	return nil
}
