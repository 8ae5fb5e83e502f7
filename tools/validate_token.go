package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/tokencheck"
)

// ValidateArgs are the arguments of validate_token.
type ValidateArgs struct {
	TokenArgs
	APIVersion string `json:"api_version,omitempty" jsonschema:"Notion-Version to send."`
}

func validateToken(d *Deps) server.ServerTool {
	tool := mcp.NewTool("validate_token",
		mcp.WithDescription("Check the Notion token without showing it: its source, format, and whether Notion accepts it "+
			"(integration, workspace), with next steps. An invalid token is status invalid, not an error."),
		inputSchema[ValidateArgs](map[string][]string{"api_version": notion.Versions}),
		outputSchema[tokencheck.Result](map[string][]string{"status": tokencheck.Statuses}),
		readOnly("Validate the Notion token", true),
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(ctx context.Context, _ mcp.CallToolRequest, a ValidateArgs) (*tokencheck.Result, error) {
		return tokencheck.Check(ctx, d.Session, tokencheck.Request{Token: a.request(), APIVersion: a.APIVersion})
	})}
}
