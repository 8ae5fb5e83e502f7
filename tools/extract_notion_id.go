package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// ExtractArgs are the arguments of extract_notion_id.
type ExtractArgs struct {
	Input string `json:"input" jsonschema:"A Notion link, an ID, a collection:// or view:// reference, or pasted text such as an error."`
}

// ExtractResult is the structured result of extract_notion_id.
type ExtractResult struct {
	ID         string   `json:"id" jsonschema:"Dashed lower-case ID to pass to the API."`
	Compact    string   `json:"compact"`
	Kind       string   `json:"kind" jsonschema:"What the ID names."`
	ViewID     string   `json:"view_id,omitempty" jsonschema:"From ?v=: a view, not the database."`
	BlockID    string   `json:"block_id,omitempty"`
	PeekPageID string   `json:"peek_page_id,omitempty" jsonschema:"From ?p=: a row in peek."`
	Workspace  string   `json:"workspace,omitempty"`
	Title      string   `json:"title,omitempty"`
	Source     string   `json:"source"`
	Warnings   []string `json:"warnings" jsonschema:"Notes for the user."`
}

func newExtractResult(r *notionid.Result) ExtractResult {
	w := r.Warnings
	if w == nil {
		w = []string{}
	}
	return ExtractResult{
		ID: r.ID, Compact: r.Compact, Kind: r.Kind, ViewID: r.ViewID, BlockID: r.BlockID,
		PeekPageID: r.PeekPageID, Workspace: r.Workspace, Title: r.Title, Source: r.Source, Warnings: w,
	}
}

// ExtractNotionID runs the tool's logic; the CLI's `id` command calls it too.
func ExtractNotionID(input string) (ExtractResult, error) {
	r, err := notionid.Parse(input)
	if err != nil {
		return ExtractResult{}, err
	}
	return newExtractResult(r), nil
}

// extractNotionIDName is the one offline tool's name.
const extractNotionIDName = "extract_notion_id"

// Offline reports whether the named tool never calls Notion (its
// openWorldHint is false): its calls take microseconds, and the stdio loop
// answers them at once instead of queueing them behind Notion-bound ones.
func Offline(tool string) bool { return tool == extractNotionIDName }

func extractNotionID(*Deps) server.ServerTool {
	tool := mcp.NewTool(extractNotionIDName,
		mcp.WithDescription("Offline, no token: turn a pasted Notion link, ID, reference or error into the ID to send to the API, "+
			"saying what it names (database, view, data source, peek row, block) and what was wrong with it."),
		inputSchema[ExtractArgs](nil),
		outputSchema[ExtractResult](map[string][]string{
			"kind":   {notionid.KindPageOrDatabase, notionid.KindDatabase, notionid.KindDataSource, notionid.KindView, notionid.KindUnknown},
			"source": {notionid.SourceURL, notionid.SourceID, notionid.SourceReference, notionid.SourceText},
		}),
		mcp.WithTitleAnnotation("Extract a Notion ID"),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithDestructiveHintAnnotation(false),
		mcp.WithIdempotentHintAnnotation(true),
		mcp.WithOpenWorldHintAnnotation(false),
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(_ context.Context, _ mcp.CallToolRequest, a ExtractArgs) (ExtractResult, error) {
		return ExtractNotionID(a.Input)
	})}
}
