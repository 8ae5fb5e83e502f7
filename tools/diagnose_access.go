package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/diagnose"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
)

// DiagnoseArgs are the arguments of diagnose_access.
type DiagnoseArgs struct {
	TokenArgs
	Target     string `json:"target" jsonschema:"The failing link, ID, reference or pasted error."`
	Expect     string `json:"expect,omitempty" jsonschema:"What the ID should be; default inferred."`
	Error      string `json:"error,omitempty" jsonschema:"The error your app printed."`
	APIVersion string `json:"api_version,omitempty" jsonschema:"Notion-Version your app sends."`
}

func diagnoseAccess(d *Deps) server.ServerTool {
	tool := mcp.NewTool("diagnose_access",
		mcp.WithDescription("Say why a Notion ID fails (\"Could not find database…\") and how to fix it: not shared, wrong ID type "+
			"(page, view, data source), other workspace, old API version, missing capability, bad token. Explains pasted Notion errors without a token. "+
			"Returns a verdict, the IDs to use, steps and evidence."),
		inputSchema[DiagnoseArgs](map[string][]string{"expect": diagnose.Expectations, "api_version": notion.Versions}),
		outputSchema[diagnose.Result](map[string][]string{
			"verdict":               diagnose.Verdicts,
			"object.type":           diagnose.ObjectTypes,
			"pasted_error.id_state": pasted.IDStates,
		}),
		readOnly("Diagnose access to a Notion ID", true),
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(ctx context.Context, _ mcp.CallToolRequest, a DiagnoseArgs) (*diagnose.Result, error) {
		return diagnose.Diagnose(ctx, d.Session, diagnose.Request{
			Target: a.Target, Expect: a.Expect, ErrorText: a.Error, APIVersion: a.APIVersion, Token: a.request(),
		})
	})}
}
