package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// ExtractArgs are the arguments of extract_notion_id.
type ExtractArgs struct {
	Input string `json:"input" jsonschema:"A Notion link, ID, collection:// or view:// reference, or pasted text."`
}

// ExtractResult is the structured result of extract_notion_id: the ID
// parser's own result, the one ID-extraction type of the project.
type ExtractResult = notionid.Result

// ExtractNotionID runs the tool's logic; the CLI's `id` command calls it too.
func ExtractNotionID(input string) (ExtractResult, error) {
	r, err := notionid.Parse(input)
	if err != nil {
		return ExtractResult{}, err
	}
	if r.Warnings == nil {
		r.Warnings = []string{} // always an array in the result
	}
	return *r, nil
}

// extractNotionIDName is the one offline tool's name.
const extractNotionIDName = "extract_notion_id"

// Offline reports whether the named tool never calls Notion (its
// openWorldHint is false): its calls take microseconds, and the stdio loop
// answers them at once instead of queueing them behind Notion-bound ones.
func Offline(tool string) bool { return tool == extractNotionIDName }

func extractNotionID(*Deps) server.ServerTool {
	tool := mcp.NewTool(extractNotionIDName,
		mcp.WithDescription("Offline: turn a pasted Notion link, ID, reference or error into the API ID, "+
			"saying what it names (database, view, data source, row) and what was wrong."),
		inputSchema[ExtractArgs](nil),
		outputSchema[ExtractResult](map[string][]string{
			"kind":   {notionid.KindPageOrDatabase, notionid.KindDatabase, notionid.KindDataSource, notionid.KindView, notionid.KindUnknown},
			"source": {notionid.SourceURL, notionid.SourceID, notionid.SourceReference, notionid.SourceText},
		}),
		readOnly("Extract a Notion ID", false),
	)
	return server.ServerTool{Tool: tool, Handler: structured(func(_ context.Context, _ mcp.CallToolRequest, a ExtractArgs) (ExtractResult, error) {
		return ExtractNotionID(a.Input)
	})}
}
