package transport

import (
	"context"
	"encoding/json"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// safety bounds waits for something that should happen at once: a net for
// hangs, never a way to let time pass.
const safety = 20 * time.Second

// gates are what the test tools wait on.
type gates struct {
	release chan struct{} // closed to let every "slow" call finish
	started chan string   // a "slow" or "stuck" call's input, when it starts
	stuck   chan struct{} // "stuck" ignores its context and waits for this
	ended   chan string   // a "slow" call's input, when it ends (cancelled or released)
}

// testServer is an mcp-go server with the tools the tests drive:
//   - echo (offline): returns its input;
//   - slow (queued): starts, then waits for release or its context;
//   - stuck (queued): starts, then ignores its context;
//   - progress (offline): writes three progress notifications through the
//     loop's WriteMessage, then returns;
//   - notify (offline): sends a notification through mcp-go's session;
//   - boom (offline): panics.
func testServer(g *gates, loop func() *Server) *server.MCPServer {
	s := server.NewMCPServer("transport-test", "1", server.WithToolCapabilities(false))
	input := func(req mcp.CallToolRequest) string { return req.GetString("input", "") }
	s.AddTool(mcp.NewTool("echo", mcp.WithString("input")), func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText(input(req)), nil
	})
	s.AddTool(mcp.NewTool("slow", mcp.WithString("input")), func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		g.started <- input(req)
		defer func() { g.ended <- input(req) }()
		select {
		case <-g.release:
			return mcp.NewToolResultText("slow " + input(req)), nil
		case <-ctx.Done():
			return mcp.NewToolResultError("cancelled: " + ctx.Err().Error()), nil
		}
	})
	s.AddTool(mcp.NewTool("stuck", mcp.WithString("input")), func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		g.started <- input(req)
		<-g.stuck
		return mcp.NewToolResultText("unstuck"), nil
	})
	s.AddTool(mcp.NewTool("progress", mcp.WithString("input")), func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		for i := range 3 {
			err := loop().WriteMessage(ctx, mcp.JSONRPCNotification{JSONRPC: "2.0", Notification: mcp.Notification{
				Method: "notifications/progress",
				Params: mcp.NotificationParams{AdditionalFields: map[string]any{"progressToken": input(req), "progress": i}},
			}})
			if err != nil {
				return nil, err
			}
		}
		return mcp.NewToolResultText("done"), nil
	})
	s.AddTool(mcp.NewTool("notify", mcp.WithString("input")), func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		err := server.ServerFromContext(ctx).SendNotificationToClient(ctx, "notifications/message", map[string]any{"level": "info", "data": input(req)})
		if err != nil {
			return nil, err
		}
		return mcp.NewToolResultText("sent"), nil
	})
	s.AddTool(mcp.NewTool("boom"), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		panic("boom")
	})
	return s
}

// queuedTools are the test tools that wait their turn.
func queuedTools(name string) bool { return name == "slow" || name == "stuck" }

// harness is one loop over in-memory pipes, driven as a client would.
type harness struct {
	tb     testing.TB
	loop   *Server
	g      *gates
	in     *io.PipeWriter
	client *testsupport.PipeClient
	done   chan error // Serve's result
	signal context.CancelFunc
}

func start(tb testing.TB, opts Options) *harness {
	tb.Helper()
	return startWith(tb, opts, testServer)
}

// startWith serves the MCPServer mk builds.
func startWith(tb testing.TB, opts Options, mk func(*gates, func() *Server) *server.MCPServer) *harness {
	tb.Helper()
	if opts.Queued == nil {
		opts.Queued = queuedTools
	}
	g := &gates{release: make(chan struct{}), started: make(chan string, 1<<14), stuck: make(chan struct{}), ended: make(chan string, 1<<14)}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	h := &harness{tb: tb, g: g, in: inW, client: testsupport.NewPipeClient(tb, "the loop", safety, inW, outR, 1<<15), done: make(chan error, 1)}
	h.loop = New(mk(g, func() *Server { return h.loop }), inR, outW, opts)
	ctx, cancel := context.WithCancel(context.Background())
	h.signal = cancel
	go func() {
		err := h.loop.Serve(ctx)
		outW.Close()
		h.done <- err
	}()
	tb.Cleanup(func() {
		inW.Close()
		cancel()
		closeOnce(g.release)
		closeOnce(g.stuck)
		h.client.Discard()
		select {
		case err := <-h.done:
			h.done <- err
		case <-time.After(safety):
			tb.Errorf("Serve still running %v after the test", safety)
		}
	})
	return h
}

var closeMu sync.Mutex

func closeOnce(c chan struct{}) {
	closeMu.Lock()
	defer closeMu.Unlock()
	select {
	case <-c:
	default:
		close(c)
	}
}

// send writes lines, each followed by a newline.
func (h *harness) send(lines ...string) {
	h.tb.Helper()
	h.client.Send(lines...)
}

// write writes raw bytes to the loop's input.
func (h *harness) write(p []byte) {
	h.tb.Helper()
	h.client.Write(p)
}

func (h *harness) next() (testsupport.Message, bool) {
	h.tb.Helper()
	return h.client.Next()
}

// reply reads until the response with id (a JSON text), keeping the rest in
// h.client.Seen.
func (h *harness) reply(id string) testsupport.Message {
	h.tb.Helper()
	return h.client.Reply(id)
}

// finish closes the input, reads the output to its end and returns Serve's
// result and the lines read after the input closed.
func (h *harness) finish() ([]testsupport.Message, error) {
	h.tb.Helper()
	h.in.Close()
	return h.drain()
}

// drain reads the output to its end.
func (h *harness) drain() ([]testsupport.Message, error) {
	h.tb.Helper()
	var rest []testsupport.Message
	for {
		m, ok := h.next()
		if !ok {
			break
		}
		rest = append(rest, m)
	}
	select {
	case err := <-h.done:
		h.done <- err
		return rest, err
	case <-time.After(safety):
		h.tb.Fatalf("output closed but Serve did not return")
		return nil, nil
	}
}

func (h *harness) initialize() {
	h.tb.Helper()
	h.send(`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	if m := h.reply(`"init"`); m.Error != nil {
		h.tb.Fatalf("initialize: %s", m.Raw)
	}
}

func (h *harness) ping(id string) {
	h.tb.Helper()
	h.send(`{"jsonrpc":"2.0","id":` + id + `,"method":"ping"}`)
	if m := h.reply(id); m.Error != nil || string(m.Result) != "{}" {
		h.tb.Fatalf("ping %s: %s", id, m.Raw)
	}
}

func toolCall(id, tool, input string) string {
	in, _ := json.Marshal(input)
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"tools/call","params":{"name":"` + tool + `","arguments":{"input":` + string(in) + `}}}`
}

func cancelLine(id string) string {
	return `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":` + id + `,"reason":"test"}}`
}

// resultText is a tools/call result's first text, and whether it is an
// isError result.
func resultText(tb testing.TB, m testsupport.Message) (string, bool) {
	tb.Helper()
	var r struct {
		IsError bool `json:"isError"`
		Content []struct {
			Text string `json:"text"`
		} `json:"content"`
	}
	if m.Error != nil || json.Unmarshal(m.Result, &r) != nil || len(r.Content) == 0 {
		tb.Fatalf("not a tool result: %s", m.Raw)
	}
	return r.Content[0].Text, r.IsError
}

func (h *harness) echo(id, input string) {
	h.tb.Helper()
	h.send(toolCall(id, "echo", input))
	if got, isErr := resultText(h.tb, h.reply(id)); isErr || got != input {
		h.tb.Fatalf("echo %s: %q (isError %v)", id, got, isErr)
	}
}

// waitStarted waits until n queued calls have started, returning their inputs.
func (h *harness) waitStarted(n int) []string {
	h.tb.Helper()
	var got []string
	for range n {
		select {
		case in := <-h.g.started:
			got = append(got, in)
		case <-time.After(safety):
			h.tb.Fatalf("%d of %d calls started in %v", len(got), n, safety)
		}
	}
	return got
}
