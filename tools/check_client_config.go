package tools

import (
	"context"
	"errors"
	"os"
	"runtime"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/clients"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/internal/tokencheck"
	"github.com/notion-mcp/notion-mcp/session"
)

// ClientConfigArgs are the arguments of check_client_config.
type ClientConfigArgs struct {
	Client string `json:"client,omitempty" jsonschema:"Only this client; default all."`
	Config string `json:"config,omitempty" jsonschema:"Check this config file instead of the usual places."`
	Live   bool   `json:"live,omitempty" jsonschema:"Also ask Notion whether each token works."`
}

func checkClientConfig(d *Deps) server.ServerTool {
	tool := mcp.NewTool("check_client_config",
		mcp.WithDescription("Check this machine's MCP client configs (Claude, Cursor, VS Code, Windsurf, Codex) for Notion server mistakes: "+
			"token under a wrong name, placeholder, mis-escaped OPENAPI_MCP_HEADERS, old Notion-Version, missing command; each with a fix. "+
			"Read-only; offline unless live."),
		inputSchema[ClientConfigArgs](map[string][]string{"client": clients.Names}),
		outputSchema[clients.Report](map[string][]string{
			"configs.status":       {clients.StatusOK, clients.StatusMissing, clients.StatusInvalid},
			"configs.servers.kind": clients.Kinds, "configs.servers.token.status": clients.TokenStatuses,
		}),
		readOnly("Check MCP client configs", true), // open world only with live: true
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(ctx context.Context, _ mcp.CallToolRequest, a ClientConfigArgs) (*clients.Report, error) {
		return CheckClients(ctx, d.Session, a, nil, true)
	})}
}

// CheckClients runs check_client_config; the CLI's `clients` command calls
// it too. getenv defaults to the session's environment.
// fromTool marks the arguments as untrusted (a tool call's).
func CheckClients(ctx context.Context, s *session.Session, a ClientConfigArgs, getenv func(string) string, fromTool bool) (*clients.Report, error) {
	if getenv == nil {
		getenv = s.Getenv
	}
	dir, _ := os.Getwd()
	rep, err := clients.Check(ctx, clients.Options{
		GOOS: runtime.GOOS, Getenv: getenv, ProjectDir: dir,
		Client: a.Client, File: a.Config, Live: a.Live, FromTool: fromTool,
		Secret: s.AddSecret,
		Check: func(ctx context.Context, t *token.Token) clients.LiveResult {
			r, err := tokencheck.CheckToken(ctx, s, t, "")
			if err != nil {
				return clients.LiveResult{Status: tokencheck.StatusError, Summary: err.Error()}
			}
			lr := clients.LiveResult{Status: r.Status, Summary: r.Summary, Sandbox: r.Sandbox}
			if r.Format != nil {
				lr.Kind = r.Format.Kind
			}
			if r.Bot != nil {
				lr.Integration, lr.Workspace, lr.WorkspaceID = r.Bot.Name, r.Bot.WorkspaceName, r.Bot.WorkspaceID
			}
			return lr
		},
	})
	if errors.Is(err, clients.ErrUnknownClient) || errors.Is(err, clients.ErrNoFile) {
		return nil, err
	}
	return rep, err
}
