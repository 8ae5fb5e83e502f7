package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// ListArgs are the arguments of list_shared_databases.
type ListArgs struct {
	TokenArgs
	Query        string `json:"query,omitempty" jsonschema:"Only titles containing this."`
	APIVersion   string `json:"api_version,omitempty" jsonschema:"Notion-Version to send."`
	Limit        int    `json:"limit,omitempty" jsonschema:"Max databases; default all."`
	IncludePages bool   `json:"include_pages,omitempty" jsonschema:"Also list shared top-level pages."`
	Refresh      bool   `json:"refresh,omitempty" jsonschema:"Skip the 30-second cache."`
}

func listSharedDatabases(d *Deps) server.ServerTool {
	tool := mcp.NewTool("list_shared_databases",
		mcp.WithDescription("List the databases the integration can see: each one's ID and (API 2025-09-03+) its different data source IDs, "+
			"title, link and parent, with hints on sharing and capabilities."),
		inputSchema[ListArgs](map[string][]string{"api_version": notion.Versions}),
		outputSchema[listing.Result](map[string][]string{
			"databases.parent.type": {"workspace", "page", "block", "database"},
			"incomplete_reason":     listing.IncompleteReasons,
		}),
		readOnly("List shared databases", true),
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(ctx context.Context, req mcp.CallToolRequest, a ListArgs) (*listing.Result, error) {
		return listing.List(ctx, d.Session, listing.Request{
			Query: a.Query, APIVersion: a.APIVersion, Limit: a.Limit, IncludePages: a.IncludePages, Refresh: a.Refresh,
			Token: a.request(), Progress: d.progressFunc(ctx, req, "objects"),
		})
	})}
}
