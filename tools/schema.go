package tools

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
)

// schemas.json holds every tool's input and output schema as reflection
// builds them, keyed by schemaKey. Serving them from it spares each
// process the reflection and encoding (close to a megabyte of garbage and
// milliseconds at the first tools/list). TestPrecomputedSchemas fails when
// it differs from what reflection builds; go test ./tools -update rewrites
// it along with the snapshots.
//
//go:embed schemas.json
var schemasJSON []byte

var precomputed = sync.OnceValue(func() map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(schemasJSON, &m); err != nil {
		panic("tools/schemas.json: " + err.Error())
	}
	return m
})

// reflectSchemas makes schema ignore schemas.json and record what it built
// in built: for the test that checks and rewrites the file.
var (
	reflectSchemas atomic.Bool
	builtMu        sync.Mutex
	built          = map[string]json.RawMessage{}
)

// schemaKey names a schema in schemas.json: input or output, the Go type,
// a hash of its shape (fields, their types and tags, all the way down) and
// the enums set on it. A type changed since the file was written misses,
// and its schema is built by reflection as before.
func schemaKey[T any](kind string, enums map[string][]string) string {
	t := reflect.TypeFor[T]()
	h := fnv.New64a()
	shape(h, t, map[reflect.Type]bool{})
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %016x", kind, t.String(), h.Sum64())
	for _, path := range slices.Sorted(maps.Keys(enums)) {
		b.WriteString(" " + path + "=" + strings.Join(enums[path], ","))
	}
	return b.String()
}

// shape writes what of t a JSON schema depends on.
func shape(w io.Writer, t reflect.Type, seen map[reflect.Type]bool) {
	fmt.Fprintf(w, "%s(", t.String())
	defer io.WriteString(w, ")")
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		shape(w, t.Elem(), seen)
	case reflect.Map:
		shape(w, t.Key(), seen)
		shape(w, t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(w, "%s %q %v;", f.Name, f.Tag, f.Anonymous)
			shape(w, f.Type, seen)
		}
	}
}

// schema returns the schema under key, from schemas.json or built.
func schema(key string, build func() json.RawMessage) json.RawMessage {
	if !reflectSchemas.Load() {
		if raw, ok := precomputed()[key]; ok {
			return raw
		}
	}
	raw := build()
	builtMu.Lock()
	built[key] = raw
	builtMu.Unlock()
	return raw
}

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
	raw := schema(schemaKey[A]("input", enums), func() json.RawMessage { return schemaFor[A](enums) })
	return func(t *mcp.Tool) {
		t.InputSchema = mcp.ToolInputSchema{}
		t.RawInputSchema = raw
	}
}

// outputSchema sets a tool's output schema to that of R. Results are
// produced by this server, so the schema only describes their shape:
// property names, types and enums. Descriptions and required lists are
// left out (the Go fields keep them; results carry a summary and steps in
// words), nested objects leave additionalProperties open and arrays are
// never null. This keeps tools/list small, which every client pays for in
// its context at every session.
func outputSchema[R any](enums map[string][]string) mcp.ToolOption {
	return mcp.WithRawOutputSchema(schema(schemaKey[R]("output", enums), func() json.RawMessage {
		var m map[string]any
		if err := json.Unmarshal(schemaFor[R](enums), &m); err != nil {
			panic(err)
		}
		slim(m)
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		return b
	}))
}

// slim drops additionalProperties, descriptions and required lists and
// turns ["null", T] types into T, all the way down.
func slim(v any) {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "additionalProperties")
		// The keywords are a string and a list; a property of that name
		// (in a properties map) is an object and stays.
		if _, ok := x["description"].(string); ok {
			delete(x, "description")
		}
		if _, ok := x["required"].([]any); ok {
			delete(x, "required")
		}
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

// readOnly sets a tool's title and its four hints. Every tool here only
// reads (the server never writes to a workspace), is not destructive and is
// idempotent; openWorld says whether it reaches Notion.
func readOnly(title string, openWorld bool) mcp.ToolOption {
	return func(t *mcp.Tool) {
		for _, o := range []mcp.ToolOption{
			mcp.WithTitleAnnotation(title),
			mcp.WithReadOnlyHintAnnotation(true),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(openWorld),
		} {
			o(t)
		}
	}
}
