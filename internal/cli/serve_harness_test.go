package cli

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

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
	s.client.Detail = func() string { return "; stderr:\n" + s.stderr.String() }
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
func (s *stdioServer) next() (testsupport.Message, bool) {
	s.tb.Helper()
	return s.client.Next()
}

// reply returns the response whose id is the JSON text id, keeping the other
// lines it reads in s.client.Seen.
func (s *stdioServer) reply(id string) testsupport.Message {
	s.tb.Helper()
	return s.client.Reply(id)
}

// replies returns the responses to the given ids (JSON texts), in whatever
// order they come, keeping the other lines it reads in s.client.Seen.
func (s *stdioServer) replies(ids ...string) map[string]testsupport.Message {
	s.tb.Helper()
	return s.client.Replies(ids...)
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

func checkExtract(tb testing.TB, m testsupport.Message) {
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
func (s *stdioServer) finish() (int, []testsupport.Message) {
	s.tb.Helper()
	s.in.Close()
	var rest []testsupport.Message
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
