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

// TestClassify pins down which input lines mcp-go v1.2.1 answers and with
// which id (the serve tests in internal/cli check the same against the real
// server), and which written lines count as answers.
func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		line   string
		key    string // "" when mcp-go does not answer with the line's id
		reject bool   // answered by the Conn itself
		resp   string // responseKey of the line written as output ("" when not a response)
	}{
		{line: `{"jsonrpc":"2.0","id":1,"method":"ping"}`, key: "1"},
		{line: `{"jsonrpc":"2.0","id":"x","method":"tools/call"}`, key: `"x"`},
		{line: `{"jsonrpc":"2.0","id":1.0,"method":"ping"}`, key: "1"},
		{line: `{"jsonrpc":"2.0","id":12345678901234567890,"method":"ping"}`, key: "12345678901234567000"},
		{line: `{"jsonrpc":"2.0","id":"<&>","method":"ping"}`, key: `"\u003c\u0026\u003e"`},
		{line: `{"jsonrpc":"2.0","ID":7,"METHOD":"ping"}`, key: "7"},
		{line: `{"jsonrpc":"2.0","id":null,"method":"ping"}`},
		{line: `{"jsonrpc":"2.0","method":"notifications/initialized"}`},
		// mcp-go answers these too: no method (-32601), a request that also
		// carries "error" or a null "result", and any jsonrpc other than "2.0".
		{line: `{"jsonrpc":"2.0","id":4}`, key: "4"},
		{line: `{"jsonrpc":"2.0","id":"x","error":{"code":1}}`, key: `"x"`, resp: `"x"`},
		{line: `{"jsonrpc":"2.0","id":1,"method":"ping","result":null}`, key: "1"},
		{line: `{"jsonrpc":"1.0","id":5,"result":1}`, key: "5", resp: "5"},
		// A client's response goes unanswered.
		{line: `{"jsonrpc":"2.0","id":1,"result":{}}`, resp: "1"},
		// Not decodable as mcp-go's fields: answered with a null id.
		{line: `{"jsonrpc":2,"id":3,"method":"ping"}`},
		{line: `{"jsonrpc":"2.0","id":3,"method":5}`},
		{line: `{"jsonrpc":"2.0","id":1e400,"method":"ping"}`},
		{line: `not json`},
		{line: `[{"jsonrpc":"2.0","id":1,"method":"ping"}`},
		// Answered by the Conn: mcp-go would echo these ids, which JSON-RPC
		// forbids, or call a batch a parse error.
		{line: `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, reject: true},
		{line: `{"jsonrpc":"2.0","id":true,"method":"ping"}`, reject: true},
		{line: `{"jsonrpc":"2.0","id":[1],"method":"ping"}`, reject: true},
		{line: `[{"jsonrpc":"2.0","id":1,"method":"ping"}]`, reject: true},
		{line: ` []`, reject: true},
		// Written lines: a response's key is its request's.
		{line: `{"jsonrpc":"2.0","id":"\u003c\u0026\u003e","result":{}}`, resp: `"\u003c\u0026\u003e"`},
		{line: `{"jsonrpc":"2.0","id":12345678901234567000,"result":{}}`, resp: "12345678901234567000"},
		{line: `{"jsonrpc":"2.0","id":null,"error":{"code":-32700}}`},
		{line: `{"jsonrpc":"2.0","method":"notifications/progress","params":{"result":1,"id":2}}`},
	} {
		l := classify([]byte(tc.line + "\n"))
		if l.key != tc.key || l.answered != (tc.key != "") || (l.reject != nil) != tc.reject {
			t.Errorf("classify(%s) = answered %v, key %q, reject %v; want key %q, reject %v", tc.line, l.answered, l.key, l.reject != nil, tc.key, tc.reject)
		}
		if key, ok := responseKey([]byte(tc.line)); key != tc.resp || ok != (tc.resp != "") {
			t.Errorf("responseKey(%s) = %q, %v; want %q", tc.line, key, ok, tc.resp)
		}
	}
}
