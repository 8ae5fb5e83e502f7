package tools

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// redaction passes every tool result through the session's redactor: any
// token the server resolved (whole, or a run of 8 or more of its
// characters) and anything shaped like a Notion token is masked, in the
// text and the structured content alike, whatever put it there (a proxy
// echoing the Authorization header into a 2xx body, a title, an error).
func redaction(red func() *token.Redactor) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			res, err := next(ctx, req)
			r := red()
			if res == nil || r == nil {
				return res, err
			}
			clean := "" // a text that needed no masking
			for i, c := range res.Content {
				if t, ok := c.(mcp.TextContent); ok {
					if red := r.RedactString(t.Text); red != t.Text {
						t.Text = red
						res.Content[i] = t
					} else {
						clean = t.Text
					}
				}
			}
			if res.StructuredContent != nil {
				// structured puts the same JSON in the text and the
				// structured content: when that text needed no masking,
				// neither do the same bytes again.
				if raw, ok := rawBytes(res.StructuredContent); !ok || clean == "" || string(raw) != clean {
					res.StructuredContent = redactStructured(r, res.StructuredContent)
				}
			}
			return res, err
		}
	}
}

// rawBytes returns the JSON of structured content already encoded.
func rawBytes(v any) ([]byte, bool) {
	switch b := v.(type) {
	case rawjson.Compact:
		return b, true
	case json.RawMessage:
		return b, true
	}
	return nil, false
}

// redactStructured returns v unchanged when its JSON holds nothing to mask,
// else a copy with every string redacted (walking the decoded value, so a
// replacement can never break the JSON around it).
func redactStructured(r *token.Redactor, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	if out := r.Redact(b); bytes.Equal(out, b) {
		return v
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		return v
	}
	return walkStrings(tree, r.RedactString)
}

func walkStrings(v any, f func(string) string) any {
	switch x := v.(type) {
	case string:
		return f(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, vv := range x {
			out[f(k)] = walkStrings(vv, f)
		}
		return out
	case []any:
		for i := range x {
			x[i] = walkStrings(x[i], f)
		}
		return x
	}
	return v
}
