package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/tools"
)

// runTools prints the tool definitions: markdown for the README, or JSON.
func runTools(_ context.Context, a *app, _ []string) int {
	var defs []mcp.Tool
	for _, t := range tools.Tools(&tools.Deps{Logger: zerolog.Nop()}) {
		defs = append(defs, t.Tool)
	}
	if a.opts.json {
		b, _ := json.MarshalIndent(map[string]any{"tools": defs}, "", "  ")
		fmt.Fprintln(a.Stdout, string(b))
		return 0
	}
	if a.opts.markdown {
		writeToolsMarkdown(a.Stdout, defs)
		return 0
	}
	for _, t := range defs {
		fmt.Fprintf(a.Stdout, "%-24s %s\n", t.Name, t.Description)
	}
	return 0
}

// writeToolsMarkdown renders the README's tool section from the definitions.
func writeToolsMarkdown(w io.Writer, defs []mcp.Tool) {
	for _, t := range defs {
		fmt.Fprintf(w, "### `%s`\n\n%s\n\n", t.Name, t.Description)
		ann := t.Annotations
		fmt.Fprintf(w, "Annotations: readOnly %v, destructive %v, idempotent %v, openWorld %v.\n\n",
			*ann.ReadOnlyHint, *ann.DestructiveHint, *ann.IdempotentHint, *ann.OpenWorldHint)
		if out := orderedKeys(t.RawOutputSchema); len(out) > 0 {
			fmt.Fprintf(w, "Returns (structuredContent, with the same JSON as text): `%s`.\n\n", strings.Join(out, "`, `"))
		}
		var schema struct {
			Properties map[string]struct {
				Type        any    `json:"type"`
				Description string `json:"description"`
				Enum        []any  `json:"enum"`
			} `json:"properties"`
			Required []string `json:"required"`
		}
		_ = json.Unmarshal(t.RawInputSchema, &schema)
		if len(schema.Properties) == 0 {
			continue
		}
		fmt.Fprintln(w, "| argument | type | required | description |")
		fmt.Fprintln(w, "|---|---|---|---|")
		for _, name := range orderedKeys(t.RawInputSchema) {
			p := schema.Properties[name]
			req := "no"
			for _, r := range schema.Required {
				if r == name {
					req = "yes"
				}
			}
			desc := p.Description
			if len(p.Enum) > 0 {
				var vals []string
				for _, e := range p.Enum {
					vals = append(vals, fmt.Sprintf("`%v`", e))
				}
				desc += " One of " + strings.Join(vals, ", ") + "."
			}
			fmt.Fprintf(w, "| `%s` | %v | %s | %s |\n", name, p.Type, req, strings.ReplaceAll(desc, "|", "\\|"))
		}
		fmt.Fprintln(w)
	}
}

// orderedKeys lists a schema's property names in their declared order.
func orderedKeys(raw json.RawMessage) []string {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(top["properties"])))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 {
				keys = append(keys, v)
				// skip the value
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return keys
				}
			}
		}
	}
}
