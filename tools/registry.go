// Package tools defines notion-mcp's MCP tools, prompts and resources, one
// file per tool, and builds the server that serves them.
package tools

import (
	"context"
	_ "embed"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

//go:embed instructions.md
var instructions string

// Instructions is the guide sent to clients at initialize.
func Instructions() string { return instructions }

// Deps are what tools need. They are passed in, never reached globally.
type Deps struct {
	Session  *session.Session
	Logger   zerolog.Logger
	Notifier Notifier // nil: notifications go through mcp-go's queue
	// CallTimeout is the deadline of every tool call; 0 means
	// DefaultCallTimeout.
	CallTimeout time.Duration
}

// redactor is the session's, or nil without a session.
func (d *Deps) redactor() *token.Redactor {
	if d.Session == nil {
		return nil
	}
	return d.Session.Redactor()
}

// Tools lists every tool, in the order a setup uses them.
func Tools(d *Deps) []server.ServerTool {
	return []server.ServerTool{
		extractNotionID(d),
		validateToken(d),
		listSharedDatabases(d),
		diagnoseAccess(d),
		checkClientConfig(d),
	}
}

// NewServer builds the MCP server with every tool, prompt and resource.
//
// Tool definitions are built by reflecting over the argument and result
// types (about a millisecond and a megabyte of garbage): that happens at the
// first tools/list or tools/call, not at start, which a plain serve (or a
// client that only initializes) never needs.
func NewServer(d *Deps, version string) *server.MCPServer {
	var s *server.MCPServer
	var once sync.Once
	addTools := func() { once.Do(func() { s.AddTools(Tools(d)...) }) }
	hooks := &server.Hooks{}
	hooks.AddBeforeListTools(func(context.Context, any, *mcp.ListToolsRequest) { addTools() })
	hooks.AddBeforeCallTool(func(context.Context, any, *mcp.CallToolRequest) { addTools() })
	s = server.NewMCPServer("notion-mcp", version,
		server.WithInstructions(instructions),
		server.WithToolCapabilities(false),
		server.WithToolHandlerMiddleware(redaction(d.redactor)),
		server.WithToolHandlerMiddleware(deadline(d.CallTimeout, d.Logger)),
		server.WithToolHandlerMiddleware(recovery(d.Logger)),
		server.WithLogging(),
		server.WithPromptCapabilities(false),
		server.WithResourceCapabilities(false, false),
		server.WithHooks(hooks),
	)
	s.AddPrompts(Prompts()...)
	s.AddResources(Resources()...)
	return s
}

// DirectHandler returns what a transport may call for tools/call of an
// offline tool without going through srv.HandleMessage (srv built by
// NewServer with d): the tool's handler inside the same middleware
// NewServer gives every call (redaction, the deadline, panic recovery), or
// nil for a Notion-bound tool, or before the tools are registered (at the
// first tools/list or tools/call, which then goes through HandleMessage so
// that the registering hook runs). Calling it directly is equivalent
// because NewServer's server has no tool filters, input or output schema
// validation, task tools or per-session tools, and its only tool-call hook
// is that registration; the handlers read nothing HandleMessage adds to
// the context but the session, which the transport's context carries; and
// they read their arguments from Params.RawArguments (bindArgs), the only
// form the transport's direct path fills in.
func DirectHandler(d *Deps, srv *server.MCPServer) func(tool string) server.ToolHandlerFunc {
	red, dl, rec := redaction(d.redactor), deadline(d.CallTimeout, d.Logger), recovery(d.Logger)
	var wrapped sync.Map // tool name → server.ToolHandlerFunc; bounded by the offline tools
	return func(tool string) server.ToolHandlerFunc {
		if !Offline(tool) {
			return nil
		}
		if h, ok := wrapped.Load(tool); ok {
			return h.(server.ToolHandlerFunc)
		}
		t := srv.GetTool(tool)
		if t == nil {
			return nil
		}
		// In the order mcp-go applies WithToolHandlerMiddleware: the first
		// registered outermost.
		h, _ := wrapped.LoadOrStore(tool, red(dl(rec(t.Handler))))
		return h.(server.ToolHandlerFunc)
	}
}
