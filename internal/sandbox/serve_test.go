package sandbox

import (
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineWriter hands the first line written to it to a channel.
type lineWriter struct {
	mu   sync.Mutex
	buf  strings.Builder
	once sync.Once
	line chan string
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if s := l.buf.String(); strings.Contains(s, "\n") {
		l.once.Do(func() { l.line <- s[:strings.IndexByte(s, '\n')] })
	}
	return len(p), nil
}

// serve starts Serve on a free port and returns its base URL and a stop
// function that waits for Serve to return.
func serve(t *testing.T, w *Workspace) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	lw := &lineWriter{line: make(chan string, 1)}
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, "127.0.0.1:0", w, lw) }()
	var line string
	select {
	case line = <-lw.line:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	m := regexp.MustCompile(`^notion sandbox listening on (http://127\.0\.0\.1:\d+)$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("log line %q", line)
	}
	stop := func() error { cancel(); return <-done }
	t.Cleanup(func() { cancel() })
	return m[1], stop
}

func httpGet(ctx context.Context, base, p, token string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+p, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Notion-Version", v25)
	req.Header.Set("Authorization", "Bearer "+token)
	return http.DefaultClient.Do(req)
}

func TestServe(t *testing.T) {
	w := New(Options{})
	base, stop := serve(t, w)

	resp, err := httpGet(context.Background(), base, path("pages", TeamHomePageID), TokenValid)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"object":"page"`) ||
		resp.Header.Get("X-Notion-Request-Id") == "" || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("got %d %v %s", resp.StatusCode, resp.Header, body)
	}

	// A connection reset mid-body reaches the client as an unexpected EOF.
	w.Inject(Fault{Kind: FaultResetMidBody, Times: 1})
	resp, err = httpGet(context.Background(), base, "/v1/users/me", TokenValid)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reset mid-body: read error %v", err)
	}

	// A hung request ends with the client's context.
	w.Inject(Fault{Kind: FaultHang, Times: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := httpGet(ctx, base, "/v1/users/me", TokenValid); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hang: %v", err)
	}

	// A hung request does not keep Serve from stopping, and gets no answer.
	w.Inject(Fault{Kind: FaultHang, Times: 1})
	logged := make(chan Request, 1)
	w.mu.Lock()
	w.onRecord = func(r Request) { logged <- r }
	w.mu.Unlock()
	hung := make(chan error, 1)
	go func() {
		_, err := httpGet(context.Background(), base, "/v1/users/me", TokenValid)
		hung <- err
	}()
	if r := <-logged; r.Status != 0 {
		t.Errorf("hung request logged with status %d", r.Status)
	}
	if err := stop(); err != nil {
		t.Errorf("Serve returned %v", err)
	}
	if err := <-hung; err == nil {
		t.Error("hung request got an answer")
	}
	if _, err := httpGet(context.Background(), base, "/v1/users/me", TokenValid); err == nil {
		t.Error("server still answering after stop")
	}
}

func TestServeBadAddress(t *testing.T) {
	err := Serve(context.Background(), "256.0.0.1:0", New(Options{}), io.Discard)
	if err == nil {
		t.Fatal("want a listen error")
	}
}

func TestHandlerWithoutTransport(t *testing.T) {
	w := New(Options{})
	base, stop := serve(t, w)
	defer stop()
	resp, err := httpGet(context.Background(), base, "/v1/databases/"+ContentCalendarDatabaseID, TokenOtherWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("status %d", resp.StatusCode)
	}
	if got := w.Requests(); len(got) != 1 || got[0].TokenLabel != LabelOtherWorkspace || got[0].Version != v25 || got[0].Status != 404 {
		t.Errorf("log %+v", got)
	}
}
