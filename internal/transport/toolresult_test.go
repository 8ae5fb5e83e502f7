package transport

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// TestToolResultJSON: the loop's encoding of a tool result says what
// mcp-go's own encoding says, for every shape a tool returns (and for the
// shapes it hands back to mcp-go).
func TestToolResultJSON(t *testing.T) {
	structured := mcp.NewToolResultStructured(json.RawMessage(`{"id": "a<b>&", "n":[1, 2]}`), `{"id":"a<b>&"}`)
	withRaw := mcp.NewToolResultText("raw")
	withRaw.RawStructuredContent = json.RawMessage(`{"raw" : true}`)
	withMeta := mcp.NewToolResultText("meta")
	withMeta.Meta = &mcp.Meta{AdditionalFields: map[string]any{"k": "v"}}
	typed := mcp.NewToolResultText("typed")
	typed.ResultType = "complete"
	mapped := mcp.NewToolResultText("map")
	mapped.StructuredContent = map[string]any{"b": 1, "a": []any{"x"}}
	state := mcp.NewToolResultText("state")
	state.RequestState = "opaque"
	for name, r := range map[string]*mcp.CallToolResult{
		"structured": structured,
		"error":      mcp.NewToolResultError("went wrong: \u2028 \"quoted\""),
		"no content": {},
		"raw":        withRaw,
		"meta":       withMeta,
		"resultType": typed,
		"map":        mapped,
		"state":      state,
		"image":      mcp.NewToolResultImage("alt", "aGk=", "image/png"),
	} {
		got, err := json.Marshal(toolResultValue(r))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := r.MarshalJSON()
		if err != nil {
			t.Fatalf("%s: mcp-go: %v", name, err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%s: not JSON: %s", name, got)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatalf("%s: mcp-go's is not JSON: %s", name, want)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
		// The value form encodes as the pointer form.
		v, err := resultLine(*r, json.RawMessage(`1`))
		p, err2 := resultLine(r, json.RawMessage(`1`))
		if err != nil || err2 != nil || string(v) != string(p) {
			t.Errorf("%s: value %s (%v), pointer %s (%v)", name, v, err, p, err2)
		}
	}
}
