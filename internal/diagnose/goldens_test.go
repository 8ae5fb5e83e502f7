package diagnose

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestDiagnoseSandboxResponses pastes the sandbox's recorded error
// responses (request line, headers and body, each file citing the public
// source its text follows) as a user would paste a raw response, and checks
// the offline verdict of each.
func TestDiagnoseSandboxResponses(t *testing.T) {
	for file, c := range map[string]struct {
		verdict string
		step    string
	}{
		"database_bad_uuid":           {InvalidInput, "?v="},
		"database_is_page":            {WrongType, "Open as full page"},
		"database_is_page_2022":       {WrongType, "Open as full page"},
		"database_linked_2022":        {LinkedDatabase, "source database"},
		"query_linked_2022":           {LinkedDatabase, "share the database itself"},
		"database_multi_2022":         {UnsupportedInAPIVersion, "/v1/data_sources/"},
		"html_403_blocked":            {APIUnreachable, "VPN"},
		"missing_version":             {UnsupportedInAPIVersion, "Notion-Version: 2025-09-03"},
		"page_is_database":            {WrongType, "GET /v1/databases/"},
		"page_not_found_2022":         {NotShared, "Add connections"},
		"page_not_found_2025":         {NotShared, `"Acme Sync"`},
		"page_no_read_content":        {MissingCapability, "tick Read content"},
		"rate_limited":                {RateLimited, "3 requests per second"},
		"rate_limited_workspace":      {RateLimited, "every script and connection in the workspace"},
		"restricted":                  {MissingCapability, "Capabilities"},
		"search_2025_database_filter": {UnsupportedInAPIVersion, `"value":"data_source"`},
		"service_overload":            {RateLimited, "retry"},
		"unauthorized":                {TokenInvalid, "Bearer"},
	} {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "sandbox", "testdata", "golden", file+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if strings.HasPrefix(text, "# source:") {
				_, text, _ = strings.Cut(text, "\n") // the citation is ours, not part of the paste
			}
			s := newSession(t, sandbox.New(sandbox.Options{}), env{}, sessionOpts{})
			r, err := Diagnose(context.Background(), s, Request{Target: text})
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != c.verdict || r.CheckedLive {
				t.Fatalf("verdict %s (live %v), want %s offline: %s", r.Verdict, r.CheckedLive, c.verdict, r.Summary)
			}
			if !stepsSay(r.Steps, c.step) {
				t.Errorf("no step says %q:\n%s", c.step, strings.Join(r.Steps, "\n"))
			}
		})
	}
}
