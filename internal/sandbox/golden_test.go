package sandbox

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the sandbox's answers")

// TestGolden keeps one complete answer per endpoint, version and notable
// case under testdata/golden, so that any change of shape shows in review.
// Each case runs on a fresh workspace, so request IDs are stable.
func TestGolden(t *testing.T) {
	cases := []struct{ name, method, path, version, token, body string }{
		{"users_me_2025", "GET", "/v1/users/me", v25, TokenValid, ""},
		{"page_team_home_2022", "GET", path("pages", TeamHomePageID), v22, TokenValid, ""},
		{"page_row_2022", "GET", path("pages", TasksRowID), v22, TokenValid, ""},
		{"page_row_2025", "GET", path("pages", TasksRowID), v25, TokenValid, ""},
		{"page_trashed_2026", "GET", path("pages", TrashedPageID), v26, TokenValid, ""},
		{"page_no_read_content", "GET", path("pages", TeamHomePageID), v25, TokenNoReadContent, ""},
		{"page_is_database", "GET", path("pages", TasksDatabaseID), v25, TokenValid, ""},
		{"page_not_found_2022", "GET", path("pages", PrivateNotesPageID), v22, TokenValid, ""},
		{"page_not_found_2025", "GET", path("pages", PrivateNotesPageID), v25, TokenValid, ""},
		{"database_tasks_2022", "GET", path("databases", TasksDatabaseID), v22, TokenValid, ""},
		{"database_tasks_2025", "GET", path("databases", TasksDatabaseID), v25, TokenValid, ""},
		{"database_inline_2026", "GET", path("databases", SprintBacklogDatabaseID), v26, TokenValid, ""},
		{"database_multi_2022", "GET", path("databases", ContentCalendarDatabaseID), v22, TokenValid, ""},
		{"database_multi_2025", "GET", path("databases", ContentCalendarDatabaseID), v25, TokenValid, ""},
		{"database_is_page", "GET", path("databases", SprintBoardPageID), v25, TokenValid, ""},
		{"database_bad_uuid", "GET", path("databases", "Tasks-c6eda3ce%3Fv%3D6577"), v25, TokenValid, ""},
		{"data_source_posts_2025", "GET", path("data_sources", PostsDataSourceID), v25, TokenValid, ""},
		{"data_source_2022", "GET", path("data_sources", PostsDataSourceID), v22, TokenValid, ""},
		{"data_source_database_id", "GET", path("data_sources", TasksDatabaseID), v25, TokenValid, ""},
		{"block_paragraph_2022", "GET", path("blocks", TeamHomeParagraphID), v22, TokenValid, ""},
		{"block_children_sprint_board_2025", "GET", path("blocks", SprintBoardPageID, "children"), v25, TokenValid, ""},
		{"search_2022", "POST", "/v1/search", v22, TokenValid, `{"query":"sprint"}`},
		{"search_2025", "POST", "/v1/search", v25, TokenValid, `{"filter":{"property":"object","value":"data_source"},"page_size":2}`},
		{"search_2025_database_filter", "POST", "/v1/search", v25, TokenValid, `{"filter":{"property":"object","value":"database"}}`},
		{"query_sprint_2022", "POST", path("databases", SprintBacklogDatabaseID, "query"), v22, TokenValid, `{"page_size":1}`},
		{"query_campaigns_2025", "POST", path("data_sources", CampaignsDataSourceID, "query"), v25, TokenValid, `{"page_size":1}`},
		{"missing_version", "GET", "/v1/users/me", "", TokenValid, ""},
		{"unauthorized", "GET", "/v1/users/me", v25, TokenRevoked, ""},
		{"restricted", "POST", "/v1/search", v25, TokenRestricted, "{}"},
		{"rate_limited", "GET", "/v1/users/me", v25, TokenRateLimited, ""},
		{"write_refused", "PATCH", path("pages", TeamHomePageID), v25, TokenValid, `{"archived":true}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, New(Options{}), c.method, c.path, c.version, c.token, c.body)
			got := goldenText(t, c.method+" "+c.path+" ("+c.version+")", r)
			file := filepath.Join("testdata", "golden", c.name+".txt")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("answer differs from %s (run go test -update and review the diff):\n%s", file, got)
			}
		})
	}
}

// goldenText renders a reply: the request, status, the headers that matter
// and the indented body.
func goldenText(t *testing.T, request string, r reply) []byte {
	var b bytes.Buffer
	b.WriteString(request + "\n")
	b.WriteString("HTTP " + strconv.Itoa(r.status) + "\n")
	for _, h := range []string{"Content-Type", "Retry-After", "Cf-Ray", "X-Notion-Request-Id"} {
		if v := r.header.Get(h); v != "" {
			b.WriteString(h + ": " + v + "\n")
		}
	}
	b.WriteString("\n")
	if err := json.Indent(&b, r.raw, "", "  "); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	b.WriteString("\n")
	return b.Bytes()
}
