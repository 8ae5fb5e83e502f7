package transport

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
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

// TestToolResultLine: the hand-written answer line of the common result
// shapes is, byte for byte, the line encoding/json writes for them.
func TestToolResultLine(t *testing.T) {
	for _, s := range toolResultSeeds {
		checkToolResultLine(t, s.text, s.structured, s.isError)
	}
	// Shapes it leaves to encoding/json.
	image := mcp.NewToolResultImage("alt", "aGk=", "image/png")
	annotated := mcp.NewToolResultText("a")
	annotated.Content[0] = mcp.TextContent{Type: "text", Text: "a", Annotated: mcp.Annotated{Annotations: &mcp.Annotations{Priority: ptr(1.0)}}}
	mapped := mcp.NewToolResultText("m")
	mapped.StructuredContent = map[string]any{"a": 1}
	rawMsg := mcp.NewToolResultStructured(json.RawMessage(`{ "a" : 1 }`), "r")
	for name, r := range map[string]*mcp.CallToolResult{"image": image, "annotated": annotated, "map": mapped, "json.RawMessage": rawMsg} {
		if _, ok := toolResultLine(r, json.RawMessage(`1`)); ok {
			t.Errorf("%s: written by hand, want encoding/json", name)
		}
	}
}

func ptr[T any](v T) *T { return &v }

var toolResultSeeds = []struct {
	text, structured string
	isError          bool
}{
	{`{"id":"c6eda3ce-7299-81de-014c-afc354107b25"}`, `{"id":"c6eda3ce-7299-81de-014c-afc354107b25"}`, false},
	{"plain text", "", false},
	{"went wrong: \u2028 \"quoted\" <b>&</b> \x00 \xff", "", true},
	{`{"a":"\u003c\u0026\u003e \u2028","n":[1,2.5,null,true]}`, `{"a":"\u003c\u0026\u003e \u2028","n":[1,2.5,null,true]}`, false},
	{"", "[]", false},
}

func FuzzToolResultLine(f *testing.F) {
	for _, s := range toolResultSeeds {
		f.Add(s.text, s.structured, s.isError)
	}
	f.Fuzz(checkToolResultLine)
}

// checkToolResultLine compares the two encodings of a result with text
// content and, when structured is set, structured content encoded as
// json.Marshal would.
func checkToolResultLine(t *testing.T, text, structured string, isError bool) {
	r := mcp.NewToolResultText(text)
	r.IsError = isError
	if structured != "" {
		var v any
		if json.Unmarshal([]byte(structured), &v) != nil {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			return
		}
		r.StructuredContent = rawjson.Compact(b)
	}
	for _, id := range []json.RawMessage{json.RawMessage(`7`), json.RawMessage(`"x\u00e9"`)} {
		got, ok := toolResultLine(r, id)
		if !ok {
			t.Fatalf("%q, %q: not written by hand", text, structured)
		}
		var want bytes.Buffer
		want.WriteString(`{"jsonrpc":"2.0","id":` + string(id) + `,"result":`)
		if err := json.NewEncoder(&want).Encode(toolResultValue(r)); err != nil {
			t.Fatal(err)
		}
		w := append(bytes.TrimSuffix(want.Bytes(), []byte("\n")), '}', '\n')
		if !bytes.Equal(got, w) {
			t.Fatalf("by hand:\n%s\nencoding/json:\n%s", got, w)
		}
	}
}
