package tools

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

var update = flag.Bool("update", false, "rewrite the tool schema snapshots in testdata/toolsnaps")

// TestToolSnapshots fails when a tool's name, description, schemas or
// annotations change without the snapshot being regenerated (go test ./tools -update).
func TestToolSnapshots(t *testing.T) {
	dir := filepath.Join("..", "testdata", "toolsnaps")
	seen := map[string]bool{}
	for _, st := range Tools(&Deps{Logger: zerolog.Nop()}) {
		name := st.Tool.Name
		seen[name+".snap"] = true
		got, err := json.MarshalIndent(st.Tool, "", "  ")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got = append(got, '\n')
		path := filepath.Join(dir, name+".snap")
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no snapshot (%v); run go test ./tools -update", name, err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s: the tool definition changed; review it and run go test ./tools -update\n--- got\n%s", name, got)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !seen[e.Name()] {
			t.Errorf("snapshot %s has no tool; delete it", e.Name())
		}
	}
}

// TestAnnotationsSetOnPurpose checks every tool sets all four hints and
// that no tool claims to change anything: the server is read-only.
func TestAnnotationsSetOnPurpose(t *testing.T) {
	for _, st := range Tools(&Deps{Logger: zerolog.Nop()}) {
		a := st.Tool.Annotations
		if a.ReadOnlyHint == nil || a.DestructiveHint == nil || a.IdempotentHint == nil || a.OpenWorldHint == nil {
			t.Errorf("%s: an annotation is left to the library's default", st.Tool.Name)
			continue
		}
		if !*a.ReadOnlyHint || *a.DestructiveHint {
			t.Errorf("%s: must be read-only and non-destructive", st.Tool.Name)
		}
		if len(st.Tool.RawOutputSchema) == 0 {
			t.Errorf("%s: no outputSchema", st.Tool.Name)
		}
	}
}

// Offline names exactly the tools whose openWorldHint is false.
func TestOffline(t *testing.T) {
	for _, st := range Tools(&Deps{}) {
		hint := st.Tool.Annotations.OpenWorldHint
		if hint == nil {
			t.Fatalf("%s sets no openWorldHint", st.Tool.Name)
		}
		if Offline(st.Tool.Name) != !*hint {
			t.Errorf("%s: Offline %v, openWorldHint %v", st.Tool.Name, Offline(st.Tool.Name), *hint)
		}
	}
	if Offline("no_such_tool") {
		t.Error("an unknown tool is offline")
	}
}

// schemas.json holds exactly the schemas reflection builds for the tools
// (go test ./tools -update rewrites it).
func TestPrecomputedSchemas(t *testing.T) {
	reflectSchemas.Store(true)
	defer reflectSchemas.Store(false)
	builtMu.Lock()
	clear(built)
	builtMu.Unlock()
	Tools(&Deps{})
	builtMu.Lock()
	got, err := json.MarshalIndent(built, "", "  ")
	builtMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile("schemas.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var want, have map[string]json.RawMessage
	if err := json.Unmarshal(schemasJSON, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &have); err != nil {
		t.Fatal(err)
	}
	for k, v := range have {
		if w, ok := want[k]; !ok || !jsonEqual(w, v) {
			t.Errorf("tools/schemas.json is stale for %s; run go test ./tools -update", k)
		}
	}
	for k := range want {
		if _, ok := have[k]; !ok {
			t.Errorf("tools/schemas.json holds %s, which no tool uses; run go test ./tools -update", k)
		}
	}
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// A type whose shape changed misses schemas.json instead of being served a
// stale schema.
func TestSchemaKeyFollowsShape(t *testing.T) {
	type a struct {
		X string `json:"x"`
	}
	type b struct {
		X string `json:"x" jsonschema:"a description"`
	}
	type c struct {
		X []a `json:"x"`
	}
	type d struct {
		X []b `json:"x"`
	}
	keys := map[string]bool{}
	for _, k := range []string{schemaKey[a]("input", nil), schemaKey[b]("input", nil), schemaKey[c]("input", nil), schemaKey[d]("input", nil)} {
		keys[strings.Fields(k)[2]] = true
	}
	if len(keys) != 4 {
		t.Errorf("shape hashes %v: a changed tag or nested type gave the same hash", keys)
	}
	if k1, k2 := schemaKey[a]("input", nil), schemaKey[a]("input", nil); k1 != k2 {
		t.Errorf("the key is not deterministic: %q, %q", k1, k2)
	}
}
