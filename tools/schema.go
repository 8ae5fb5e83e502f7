package tools

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
)

// schemaFor builds the JSON schema of T from its json and jsonschema tags
// (the jsonschema tag is the description) and sets enums by property path,
// e.g. "kind" or "databases.parent.type". It panics on a path that does not
// exist, so a renamed field cannot silently lose its enum.
func schemaFor[T any](enums map[string][]string) json.RawMessage {
	s, err := jsonschema.For[T](&jsonschema.ForOptions{})
	if err != nil {
		panic(fmt.Sprintf("schema of %T: %v", *new(T), err))
	}
	for path, values := range enums {
		p := s
		for _, name := range strings.Split(path, ".") {
			if p.Items != nil {
				p = p.Items
			}
			next, ok := p.Properties[name]
			if !ok {
				panic(fmt.Sprintf("schema of %T has no property %q", *new(T), path))
			}
			p = next
		}
		if p.Items != nil {
			p = p.Items
		}
		p.Enum = make([]any, len(values))
		for i, v := range values {
			p.Enum[i] = v
		}
	}
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return b
}

// inputSchema sets a tool's input schema to that of A.
func inputSchema[A any](enums map[string][]string) mcp.ToolOption {
	raw := schemaFor[A](enums)
	return func(t *mcp.Tool) {
		t.InputSchema = mcp.ToolInputSchema{}
		t.RawInputSchema = raw
	}
}

// outputSchema sets a tool's output schema to that of R. Results are
// produced by this server, so the schema only describes them: nested
// objects leave additionalProperties open and arrays are never null. This
// keeps tools/list small, which every client pays for in its context.
func outputSchema[R any](enums map[string][]string) mcp.ToolOption {
	var m map[string]any
	if err := json.Unmarshal(schemaFor[R](enums), &m); err != nil {
		panic(err)
	}
	slim(m)
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return mcp.WithRawOutputSchema(b)
}

// slim drops additionalProperties and turns ["null", T] types into T, all
// the way down.
func slim(v any) {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "additionalProperties")
		if t, ok := x["type"].([]any); ok && len(t) == 2 && t[0] == "null" {
			x["type"] = t[1]
		}
		for _, c := range x {
			slim(c)
		}
	case []any:
		for _, c := range x {
			slim(c)
		}
	}
}
