package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// faultRig is one MCP server over a fresh sandbox workspace whose Notion
// clients use a fake clock.
type faultRig struct {
	ws    *sandbox.Workspace
	clock *sandboxtest.Clock
	sess  *session.Session
	srv   *server.MCPServer
}

type faultRigOptions struct {
	env     map[string]string
	timeout time.Duration // per Notion request; default 5 s
	logger  zerolog.Logger
	red     *token.Redactor
	// callTimeout is the deadline of each tool call; default the server's.
	callTimeout time.Duration
}

func newFaultRig(t *testing.T, o faultRigOptions) *faultRig {
	t.Helper()
	if o.timeout == 0 {
		o.timeout = 5 * time.Second
	}
	r := &faultRig{ws: sandbox.New(sandbox.Options{}), clock: sandboxtest.NewClock()}
	r.sess = sandboxtest.Session(t, r.ws, o.env, sandboxtest.Options{
		Timeout: o.timeout, Clock: r.clock, Logger: o.logger,
		Session: func(c *session.Config) { c.Redactor, c.Sandbox, c.Clock = o.red, true, r.clock.Now },
	})
	r.srv = NewServer(&Deps{Session: r.sess, Logger: o.logger, CallTimeout: o.callTimeout}, "test")
	return r
}

// mcpAnswer is a tools/call answer: a result or a JSON-RPC error.
type mcpAnswer struct {
	raw        string
	IsError    bool
	Text       string
	Structured map[string]any
	RPCError   string
}

// call sends one tools/call through the MCP layer under a deadline and
// fails the test if no answer comes within the deadline plus a margin for
// slow machines (3 s).
func (r *faultRig) call(t *testing.T, deadline time.Duration, tool string, args map[string]any) mcpAnswer {
	t.Helper()
	res, err := r.ask(deadline, tool, args)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ask is call for goroutines other than the test's: it returns the failure.
func (r *faultRig) ask(deadline time.Duration, tool string, args map[string]any) (mcpAnswer, error) {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	return askMCPTool(ctx, r.srv, deadline+3*time.Second, tool, args)
}

func callMCPTool(t *testing.T, ctx context.Context, srv *server.MCPServer, wait time.Duration, tool string, args map[string]any) mcpAnswer {
	t.Helper()
	res, err := askMCPTool(ctx, srv, wait, tool, args)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// askMCPTool sends a tools/call with HandleMessage and reads the answer; it
// gives up, with an error, if none comes within wait.
func askMCPTool(ctx context.Context, srv *server.MCPServer, wait time.Duration, tool string, args map[string]any) (mcpAnswer, error) {
	msg, err := json.Marshal(map[string]any{
		"jsonrpc": "2.0", "id": 1, "method": "tools/call",
		"params": map[string]any{"name": tool, "arguments": args},
	})
	if err != nil {
		return mcpAnswer{}, err
	}
	done := make(chan []byte, 1)
	go func() {
		b, _ := json.Marshal(srv.HandleMessage(ctx, msg))
		done <- b
	}()
	var out []byte
	select {
	case out = <-done:
	case <-time.After(wait):
		return mcpAnswer{}, fmt.Errorf("%s: no answer within %s: the call hung past its deadline", tool, wait)
	}
	var m struct {
		Result *struct {
			IsError bool `json:"isError"`
			Content []struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"content"`
			Structured map[string]any `json:"structuredContent"`
		} `json:"result"`
		Error *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(out, &m); err != nil {
		return mcpAnswer{}, fmt.Errorf("%s: answer is not JSON-RPC: %v\n%s", tool, err, out)
	}
	res := mcpAnswer{raw: string(out)}
	switch {
	case m.Error != nil:
		res.RPCError = fmt.Sprintf("%d %s", m.Error.Code, m.Error.Message)
	case m.Result != nil:
		res.IsError, res.Structured = m.Result.IsError, m.Result.Structured
		if len(m.Result.Content) > 0 {
			res.Text = m.Result.Content[0].Text
		}
	default:
		return mcpAnswer{}, fmt.Errorf("%s: answer has neither result nor error: %s", tool, out)
	}
	return res, nil
}
