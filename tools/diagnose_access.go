package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/diagnose"
	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// DiagnoseArgs are the arguments of diagnose_access.
type DiagnoseArgs struct {
	TokenArgs
	Target     string `json:"target" jsonschema:"The failing ID: a link, an ID in any form, collection:// or view://, or the pasted error message or JSON body."`
	Expect     string `json:"expect,omitempty" jsonschema:"What the ID should be; default inferred from the target and error."`
	Error      string `json:"error,omitempty" jsonschema:"The error your app printed (text or Notion's JSON body), used as evidence."`
	APIVersion string `json:"api_version,omitempty" jsonschema:"Notion-Version your app sends; default the server's (2025-09-03)."`
}

func diagnoseAccess(d *Deps) server.ServerTool {
	tool := mcp.NewTool("diagnose_access",
		mcp.WithDescription("Say exactly why a Notion ID fails (\"Could not find database…\", 404, 400, 403) and how to fix it: not shared, a page or view or data source ID "+
			"where a database ID belongs, a token of another workspace, a database with several data sources on an old API version, a missing capability, "+
			"an invalid token. Probes the API read-only with few requests and returns one verdict, the IDs to use, numbered fix steps and the evidence."),
		inputSchema[DiagnoseArgs](map[string][]string{"expect": diagnose.Expectations, "api_version": notion.Versions}),
		outputSchema[diagnose.Result](map[string][]string{
			"verdict":     diagnose.Verdicts,
			"object.type": {diagnose.TypePage, diagnose.TypeDatabase, diagnose.TypeDataSource, diagnose.TypeBlock},
			"expect":      diagnose.Expectations,
		}),
		mcp.WithTitleAnnotation("Diagnose access to a Notion ID"),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithDestructiveHintAnnotation(false),
		mcp.WithIdempotentHintAnnotation(true),
		mcp.WithOpenWorldHintAnnotation(true),
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(ctx context.Context, _ mcp.CallToolRequest, a DiagnoseArgs) (*diagnose.Result, error) {
		return diagnose.Diagnose(ctx, d.Session, diagnose.Request{
			Target: a.Target, Expect: a.Expect, ErrorText: a.Error, APIVersion: a.APIVersion, Token: a.request(),
		})
	})}
}
