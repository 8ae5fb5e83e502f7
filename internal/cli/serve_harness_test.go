package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// safety is how long a test waits for something that should happen at once.
// It is a net for hangs, never a way to let time pass.
const safety = 20 * time.Second

// stdioServer is one serve loop run in-process over in-memory pipes, as a client
// would drive it. Each has its own MCP session, so tests may run in parallel.
type stdioServer struct {
	tb     testing.TB
	rt     *runtime
	in     *io.PipeWriter
	client *testsupport.PipeClient
	exit   chan int // serve's exit status
	signal context.CancelFunc
	stderr *testsupport.LockedBuffer
	seen   []message // lines read by reply while looking for another
}

// startServer serves in demo mode with the given environment (nothing else
// of the process environment leaks in) and logs at warn level, which is
// where mcp-go reports trouble and the tools report panics. The session is
// initialized (protocol 2025-11-25), as a client does first.
func startServer(tb testing.TB, env map[string]string, args ...string) *stdioServer {
	tb.Helper()
	s := startUninitialized(tb, env, args...)
	s.send(`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	if m := s.reply(`"init"`); m.Error != nil {
		tb.Fatalf("initialize: %s", m.Raw)
	}
	return s
}

// startUninitialized is startServer without the handshake.
func startUninitialized(tb testing.TB, env map[string]string, args ...string) *stdioServer {
	tb.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	s := &stdioServer{tb: tb, in: inW, client: testsupport.NewPipeClient(tb, "the server", safety, inW, outR, 1<<14), exit: make(chan int, 1), stderr: &testsupport.LockedBuffer{}}
	a := &app{IO: IO{Stdin: inR, Stdout: outW, Stderr: s.stderr, Getenv: func(k string) string { return env[k] }}}
	if _, err := a.parse("serve", append([]string{"--demo", "--log-level", "warn"}, args...)); err != nil {
		tb.Fatal(err)
	}
	rt, err := a.newRuntime()
	if err != nil {
		tb.Fatal(err)
	}
	s.rt = rt
	ctx, cancel := context.WithCancel(context.Background())
	s.signal = cancel
	go func() {
		code := serve(ctx, a, rt, nil)
		rt.close()
		outW.Close()
		s.exit <- code
	}()
	tb.Cleanup(func() {
		// A test that failed half-way still stops its server.
		inW.Close()
		cancel()
		s.client.Discard()
		select {
		case code := <-s.exit:
			s.exit <- code
		case <-time.After(safety):
			tb.Errorf("server still running %v after the test ended", safety)
		}
	})
	return s
}

// send writes lines to the server's input, each followed by a newline.
func (s *stdioServer) send(lines ...string) {
	s.tb.Helper()
	s.client.Send(lines...)
}

// write writes raw bytes to the server's input.
func (s *stdioServer) write(p []byte) {
	s.tb.Helper()
	s.client.Write(p)
}

// next returns the next stdout line, which must be a JSON-RPC 2.0 message;
// ok is false at the end of stdout.
func (s *stdioServer) next() (m message, ok bool) {
	s.tb.Helper()
	line, ok := s.client.Line(func() string { return "; stderr:\n" + s.stderr.String() })
	if !ok {
		return message{}, false
	}
	m, err := parseMessage(line)
	if err != nil {
		s.tb.Fatalf("stdout carried a line that is not JSON-RPC 2.0 (%v): %.300q", err, line)
	}
	return m, true
}

// reply returns the response whose id is the JSON text id, keeping the other
// lines it reads in s.seen.
func (s *stdioServer) reply(id string) message {
	s.tb.Helper()
	for {
		m, ok := s.next()
		if !ok {
			s.tb.Fatalf("stdout ended before the reply to %s; stderr:\n%s", id, s.stderr)
		}
		if m.isResponse() && string(m.ID) == id {
			return m
		}
		s.seen = append(s.seen, m)
	}
}

// replies returns the responses to the given ids (JSON texts), in whatever
// order they come, keeping the other lines it reads in s.seen.
func (s *stdioServer) replies(ids ...string) map[string]message {
	s.tb.Helper()
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	got := map[string]message{}
	for len(got) < len(want) {
		m, ok := s.next()
		if !ok {
			s.tb.Fatalf("stdout ended with %d of %d replies; stderr:\n%s", len(got), len(want), s.stderr)
		}
		if id := string(m.ID); m.isResponse() && want[id] {
			if _, dup := got[id]; dup {
				s.tb.Fatalf("two replies to %s: %s", id, m.Raw)
			}
			got[id] = m
			continue
		}
		s.seen = append(s.seen, m)
	}
	return got
}

// ping checks that the server still answers.
func (s *stdioServer) ping(id string) {
	s.tb.Helper()
	s.send(`{"jsonrpc":"2.0","id":` + id + `,"method":"ping"}`)
	if m := s.reply(id); m.Error != nil || string(m.Result) != "{}" {
		s.tb.Fatalf("ping %s: got %s", id, m.Raw)
	}
}

// extract calls extract_notion_id and checks its answer.
func (s *stdioServer) extract(id string) {
	s.tb.Helper()
	s.send(extractCall(id))
	checkExtract(s.tb, s.reply(id))
}

const (
	extractInput = "https://www.notion.so/acme/Tasks-1f2e3d4c5b6a79880123456789abcdef?v=aa11bb22cc33dd44ee55ff6677889900"
	extractID    = "1f2e3d4c-5b6a-7988-0123-456789abcdef"
)

func extractCall(id string) string {
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"` + extractInput + `"}}}`
}

func checkExtract(tb testing.TB, m message) {
	tb.Helper()
	var r struct {
		IsError    bool `json:"isError"`
		Structured struct {
			ID string `json:"id"`
		} `json:"structuredContent"`
	}
	if m.Error != nil || json.Unmarshal(m.Result, &r) != nil || r.IsError || r.Structured.ID != extractID {
		tb.Fatalf("extract_notion_id %s: got %.500s", m.ID, m.Raw)
	}
}

// finish closes the input, reads stdout to its end (checking every line)
// and returns the exit status and the lines read after the input closed.
func (s *stdioServer) finish() (int, []message) {
	s.tb.Helper()
	s.in.Close()
	var rest []message
	for {
		m, ok := s.next()
		if !ok {
			break
		}
		rest = append(rest, m)
	}
	select {
	case code := <-s.exit:
		s.exit <- code
		return code, rest
	case <-time.After(safety):
		s.tb.Fatalf("stdout closed but serve did not return")
		return -1, nil
	}
}

// message is one JSON-RPC 2.0 message the server wrote.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  json.RawMessage `json:"result"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Raw []byte `json:"-"`
}

func (m message) isResponse() bool { return m.Method == "" }

// parseMessage checks that line is one JSON-RPC 2.0 message as the
// specification defines it: a request or notification (method, optional
// id, no result or error) or a response (an id that is a string, a number
// or null, and exactly one of result and error, an error having an integer
// code and a string message).
func parseMessage(line []byte) (message, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return message{}, fmt.Errorf("not a JSON object: %v", err)
	}
	var m message
	if err := json.Unmarshal(line, &m); err != nil {
		return message{}, err
	}
	m.Raw = line
	if !utf8.Valid(line) {
		return m, fmt.Errorf("not UTF-8")
	}
	if m.JSONRPC != "2.0" {
		return m, fmt.Errorf("jsonrpc is %s", fields["jsonrpc"])
	}
	id, hasID := fields["id"]
	if hasID {
		if len(id) == 0 || !(id[0] == '"' || id[0] == '-' || (id[0] >= '0' && id[0] <= '9') || string(id) == "null") {
			return m, fmt.Errorf("id %s is not a string, a number or null", id)
		}
	}
	_, hasResult := fields["result"]
	_, hasError := fields["error"]
	if _, hasMethod := fields["method"]; hasMethod {
		if m.Method == "" || hasResult || hasError {
			return m, fmt.Errorf("a request or notification with an empty method, a result or an error")
		}
		return m, nil
	}
	if !hasID || hasResult == hasError {
		return m, fmt.Errorf("a response needs an id and exactly one of result and error")
	}
	if hasError {
		var e struct {
			Code    *json.Number `json:"code"`
			Message *string      `json:"message"`
		}
		if err := json.Unmarshal(fields["error"], &e); err != nil || e.Code == nil || e.Message == nil {
			return m, fmt.Errorf("error object %s lacks a code or a message", fields["error"])
		}
		if _, err := e.Code.Int64(); err != nil {
			return m, fmt.Errorf("error code %s is not an integer", *e.Code)
		}
	} else if string(id) == "null" {
		return m, fmt.Errorf("a result with a null id")
	}
	return m, nil
}
