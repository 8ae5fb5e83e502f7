package tools

import (
	"context"
	_ "embed"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var (
	//go:embed guides/setup.md
	setupGuide string
	//go:embed guides/errors.md
	errorGuide string
)

// Resources lists the guides served as MCP resources.
func Resources() []server.ServerResource {
	return []server.ServerResource{
		guide("notion-mcp://guide/setup", "Notion integration setup guide",
			"Create an integration, store its token safely, share pages and databases, find the right IDs.", setupGuide),
		guide("notion-mcp://guide/errors", "Notion API error reference",
			"Every Notion API error code: what it means and what to do.", errorGuide),
	}
}

func guide(uri, name, desc, text string) server.ServerResource {
	r := mcp.NewResource(uri, name, mcp.WithResourceDescription(desc), mcp.WithMIMEType("text/markdown"))
	return server.ServerResource{Resource: r, Handler: func(context.Context, mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
		return []mcp.ResourceContents{mcp.TextResourceContents{URI: uri, MIMEType: "text/markdown", Text: text}}, nil
	}}
}
