package stdio

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("ReadString: %v", err)
	}
	return line
}

// eofAfter reports whether reading reaches EOF before d.
func eofAfter(r *bufio.Reader, d time.Duration) bool {
	done := make(chan error, 1)
	go func() { _, err := r.ReadString('\n'); done <- err }()
	select {
	case err := <-done:
		return err == io.EOF
	case <-time.After(d):
		return false
	}
}

func TestEOFWaitsForAnswers(t *testing.T) {
	var out bytes.Buffer
	c := New(strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"tools/call"}`+"\n"), &out, Options{})
	r := bufio.NewReader(c)
	readLine(t, r)
	if c.Pending() != 1 {
		t.Fatalf("pending = %d, want 1", c.Pending())
	}
	done := make(chan error, 1)
	go func() { _, err := r.ReadString('\n'); done <- err }()
	select {
	case err := <-done:
		t.Fatalf("input ended (%v) while a request was unanswered", err)
	case <-time.After(50 * time.Millisecond):
	}
	// A notification does not answer the request; the response does.
	c.Write([]byte(`{"jsonrpc":"2.0","method":"notifications/progress","params":{"result":1}}` + "\n"))
	c.Write([]byte(`{"jsonrpc":"2.0","id":1,"result":{}}` + "\n"))
	if err := <-done; err != io.EOF {
		t.Fatalf("after the answer: err = %v, want EOF", err)
	}
	if got := strings.Count(out.String(), "\n"); got != 2 {
		t.Errorf("wrote %d lines, want 2", got)
	}
}

func TestStopEndsAfterGrace(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	c := New(pr, io.Discard, Options{Grace: 20 * time.Millisecond})
	go pw.Write([]byte(`{"jsonrpc":"2.0","id":"a","method":"tools/call"}` + "\n"))
	r := bufio.NewReader(c)
	readLine(t, r)
	c.Stop()
	if !eofAfter(r, 5*time.Second) {
		t.Fatal("Stop with an unanswered request did not end the input after the grace period")
	}
}

func TestStopEndsAtOnceWhenIdle(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	c := New(pr, io.Discard, Options{Grace: time.Hour})
	c.Stop()
	if !eofAfter(bufio.NewReader(c), 5*time.Second) {
		t.Fatal("Stop with nothing in flight did not end the input")
	}
}

func TestLastLineWithoutNewline(t *testing.T) {
	c := New(strings.NewReader(`{"jsonrpc":"2.0","method":"x"}`), io.Discard, Options{})
	r := bufio.NewReader(c)
	if line := readLine(t, r); !strings.HasSuffix(line, "}\n") {
		t.Errorf("line = %q", line)
	}
	if _, err := r.ReadString('\n'); err != io.EOF {
		t.Errorf("err = %v, want EOF", err)
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		line      string
		req, resp bool
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"ping"}`, true, false},
		{`{"jsonrpc":"2.0","id":null,"method":"ping"}`, false, false},
		{`{"jsonrpc":"2.0","method":"notifications/initialized"}`, false, false},
		{`{"jsonrpc":"2.0","id":1,"result":{}}`, false, true},
		{`{"jsonrpc":"2.0","id":"x","error":{"code":1}}`, false, true},
		{`{"jsonrpc":"2.0","id":null,"error":{"code":-32700}}`, false, false},
		{`not json`, false, false},
		{`[{"jsonrpc":"2.0","id":1,"method":"ping"}]`, false, false},
	} {
		if got := isRequest([]byte(tc.line)); got != tc.req {
			t.Errorf("isRequest(%s) = %v", tc.line, got)
		}
		if got := isResponse([]byte(tc.line)); got != tc.resp {
			t.Errorf("isResponse(%s) = %v", tc.line, got)
		}
	}
}
