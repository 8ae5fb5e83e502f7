package stdio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// safety bounds waits for things that should happen at once.
const safety = 10 * time.Second

// readAll reads lines from r until EOF, sending each on the returned
// channel, which is closed at EOF.
func readAll(r *bufio.Reader) <-chan string {
	ch := make(chan string, 64)
	go func() {
		defer close(ch)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				ch <- line
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

func recv(t *testing.T, ch <-chan string) (string, bool) {
	t.Helper()
	select {
	case l, ok := <-ch:
		return l, ok
	case <-time.After(safety):
		t.Fatalf("nothing read in %v", safety)
		return "", false
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// An answer to a line that was not counted as a request (mcp-go answers a
// request that carries a null "result", one without a method, …) used to
// count against the requests in flight, so EOF ended the input while a call
// was still running and mcp-go cancelled it.
func TestStrayAnswerKeepsCallsInFlight(t *testing.T) {
	in := strings.Join([]string{
		`{"jsonrpc":"2.0","id":"slow","method":"tools/call"}`,
		`{"jsonrpc":"2.0","id":1,"method":"ping","result":null}`,
		`{"jsonrpc":"2.0","id":2}`,
		`{"jsonrpc":"1.0","id":3,"result":1}`,
	}, "\n") + "\n"
	c := New(strings.NewReader(in), io.Discard, Options{Drain: time.Hour})
	lines := readAll(bufio.NewReader(c))
	for range 4 {
		recv(t, lines)
	}
	if got := c.Pending(); got != 4 {
		t.Fatalf("pending = %d after 4 answered-by-id lines, want 4", got)
	}
	// What mcp-go writes for the three odd lines, plus answers to ids that
	// were never asked and a duplicate: only the first three count.
	for _, l := range []string{
		`{"jsonrpc":"2.0","id":1,"result":{}}`,
		`{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"Method  not found"}}`,
		`{"jsonrpc":"2.0","id":3,"error":{"code":-32600,"message":"Invalid JSON-RPC version"}}`,
		`{"jsonrpc":"2.0","id":3,"error":{"code":-32600,"message":"Invalid JSON-RPC version"}}`,
		`{"jsonrpc":"2.0","id":99,"result":{}}`,
		`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}`,
	} {
		c.Write([]byte(l + "\n"))
	}
	if got := c.Pending(); got != 1 {
		t.Fatalf("pending = %d with the slow call unanswered, want 1", got)
	}
	c.Write([]byte(`{"jsonrpc":"2.0","id":"slow","result":{}}` + "\n"))
	if _, ok := recv(t, lines); ok {
		t.Fatal("read a line after the input ended")
	}
}

// A request mcp-go answers with a null id (its jsonrpc or method cannot be
// decoded) used to be counted and never matched, holding EOF open for the
// whole drain period.
func TestUnanswerableRequestDoesNotHoldEOF(t *testing.T) {
	in := `{"jsonrpc":2,"id":3,"method":"ping"}` + "\n" +
		`{"jsonrpc":"2.0","id":4,"method":5}` + "\n" +
		`{"jsonrpc":"2.0","id":1e400,"method":"ping"}` + "\n"
	c := New(strings.NewReader(in), io.Discard, Options{Drain: time.Hour})
	lines := readAll(bufio.NewReader(c))
	for range 3 {
		recv(t, lines)
	}
	if _, ok := recv(t, lines); ok {
		t.Fatal("read a line after the input ended")
	}
	if got := c.Pending(); got != 0 {
		t.Errorf("pending = %d, want 0", got)
	}
}

// Ids that JSON-RPC forbids and batches are answered by the Conn and never
// reach mcp-go, which would echo the id or call the batch a parse error;
// blank lines are dropped.
func TestRejectedLines(t *testing.T) {
	var out syncBuffer
	in := `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}` + "\n" +
		"\n \t\r\n" + // blank lines: skipped
		`[{"jsonrpc":"2.0","id":1,"method":"ping"}]` + "\n" +
		`{"jsonrpc":"2.0","id":2,"method":"ping"}` + "\n"
	c := New(strings.NewReader(in), &out, Options{})
	lines := readAll(bufio.NewReader(c))
	if l, _ := recv(t, lines); !strings.Contains(l, `"id":2`) {
		t.Fatalf("first line passed on = %q, want the ping with id 2", l)
	}
	c.Write([]byte(`{"jsonrpc":"2.0","id":2,"result":{}}` + "\n"))
	if _, ok := recv(t, lines); ok {
		t.Fatal("read a line after the input ended")
	}
	want := string(rejectBadID) + string(rejectBatch) + `{"jsonrpc":"2.0","id":2,"result":{}}` + "\n"
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

// After Stop, lines queued but not yet handed to mcp-go are dropped: the
// input ends as soon as the request mcp-go has is answered, rather than
// waiting the grace period for requests nobody will answer.
func TestStopDropsQueuedLines(t *testing.T) {
	var in strings.Builder
	for i := range 10 {
		in.WriteString(`{"jsonrpc":"2.0","id":` + strconv.Itoa(i) + `,"method":"tools/call"}` + "\n")
	}
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(in.String()))
	c := New(pr, io.Discard, Options{Grace: time.Hour})
	r := bufio.NewReader(c)
	if l, err := r.ReadString('\n'); err != nil || !strings.Contains(l, `"id":0`) {
		t.Fatalf("first line = %q, %v", l, err)
	}
	c.Stop()
	if got := c.Pending(); got != 1 {
		t.Fatalf("pending = %d, want 1 (the line handed over)", got)
	}
	lines := readAll(r)
	c.Write([]byte(`{"jsonrpc":"2.0","id":0,"result":{}}` + "\n"))
	if l, ok := recv(t, lines); ok {
		t.Fatalf("read %q after Stop, want EOF", l)
	}
}

// FuzzClassify checks that whatever the line, a response written with the
// id mcp-go echoes matches the request, and that classify never panics.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":"a\u00e9","method":"ping"}`,
		`{"jsonrpc":"2.0","id":-0.5e3,"method":"x"}`,
		"{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"x\"}",
		`[1]`,
		`{"id":{"a":[1]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l := classify(b)
		if !l.answered {
			return
		}
		// mcp-go's answer carries the id encoded from its decoded value.
		var m struct {
			ID any `json:"id"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("classify answered a line that does not decode: %v", err)
		}
		resp, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": map[string]any{}})
		if err != nil {
			t.Fatal(err)
		}
		if key, ok := responseKey(resp); !ok || key != l.key {
			t.Fatalf("response %s has key %q (%v), request key %q", resp, key, ok, l.key)
		}
	})
}
