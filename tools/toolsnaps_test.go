package tools

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
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
