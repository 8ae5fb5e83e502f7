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
