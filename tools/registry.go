// Package tools defines notion-mcp's MCP tools, prompts and resources, one
// file per tool, and builds the server that serves them.
package tools

import (
	"context"
	_ "embed"
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
// types, about a millisecond: that happens beside the start-up path, so
// initialize is answered at once, and tools/list and tools/call wait for it.
func NewServer(d *Deps, version string) *server.MCPServer {
	ready := make(chan struct{})
	hooks := &server.Hooks{}
	hooks.AddBeforeListTools(func(context.Context, any, *mcp.ListToolsRequest) { <-ready })
	hooks.AddBeforeCallTool(func(context.Context, any, *mcp.CallToolRequest) { <-ready })
	s := server.NewMCPServer("notion-mcp", version,
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
	go func() {
		s.AddTools(Tools(d)...)
		close(ready)
	}()
	return s
}
