package sandbox

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the sandbox's answers")

// TestGolden keeps one complete answer per endpoint, version and notable
// case under testdata/golden, so that any change of shape shows in review.
// Each case runs on a fresh workspace, so request IDs are stable.
func TestGolden(t *testing.T) {
	const (
		ref      = "developers.notion.com/reference"
		urls     = "; url fields on app.notion.com (dvanoni/notero#823)"
		notes404 = "NOTION_API_NOTES Error bodies (404 messages pasted in issue threads)"
	)
	type gcase struct {
		name, method, path, version, token, body string
		source                                   string // the public source the answer's text follows
		fault                                    FaultKind
	}
	cases := []gcase{
		{"users_me_2025", "GET", "/v1/users/me", v25, TokenValid, "", ref + "/get-self", 0},
		{"users_me_personal", "GET", "/v1/users/me", v25, TokenPersonal, "", "developers.notion.com/guides/get-started/personal-access-tokens; notion-sdk-js PersonUserObjectResponse", 0},
		{"page_team_home_2022", "GET", path("pages", TeamHomePageID), v22, TokenValid, "", ref + "/retrieve-a-page" + urls, 0},
		{"page_row_2022", "GET", path("pages", TasksRowID), v22, TokenValid, "", ref + "/retrieve-a-page" + urls, 0},
		{"page_row_2025", "GET", path("pages", TasksRowID), v25, TokenValid, "", ref + "/retrieve-a-page (2025-09-03 data_source_id parent)" + urls, 0},
		{"page_trashed_2026", "GET", path("pages", TrashedPageID), v26, TokenValid, "", ref + "/changes-by-version (2026-03-11: in_trash only)" + urls, 0},
		{"page_no_read_content", "GET", path("pages", TeamHomePageID), v25, TokenNoReadContent, "", ref + "/retrieve-a-page (403 without Read content)", 0},
		{"page_stripped", "GET", path("pages", TeamHomePageID), v25, TokenValid, "", ref + "/capabilities (objects stripped to {object,id} without Read content)", FaultStripped},
		{"page_is_database", "GET", path("pages", TasksDatabaseID), v25, TokenValid, "", "NOTION_API_NOTES Error bodies (\"is a database, not a page\", pasted in issue threads)", 0},
		{"page_not_found_2022", "GET", path("pages", PrivateNotesPageID), v22, TokenValid, "", notes404, 0},
		{"page_not_found_2025", "GET", path("pages", PrivateNotesPageID), v25, TokenValid, "", notes404 + "; newer form naming the integration", 0},
		{"database_tasks_2022", "GET", path("databases", TasksDatabaseID), v22, TokenValid, "", ref + "/retrieve-a-database (2022-06-28)" + urls, 0},
		{"database_tasks_2025", "GET", path("databases", TasksDatabaseID), v25, TokenValid, "", ref + "/retrieve-a-database (2025-09-03 data_sources)" + urls, 0},
		{"database_inline_2026", "GET", path("databases", SprintBacklogDatabaseID), v26, TokenValid, "", ref + "/retrieve-a-database" + urls, 0},
		{"database_multi_2022", "GET", path("databases", ContentCalendarDatabaseID), v22, TokenValid, "", "notion-sdk-js test/Client.test.ts (additional_data of the multi-source 400)", 0},
		{"database_multi_2025", "GET", path("databases", ContentCalendarDatabaseID), v25, TokenValid, "", ref + "/retrieve-a-database (2025-09-03 data_sources)" + urls, 0},
		{"database_is_page", "GET", path("databases", SprintBoardPageID), v25, TokenValid, "", "NOTION_API_NOTES Errors, newer shapes (2026 \"Provided database_id … is a page\" wording)", 0},
		{"database_is_page_2022", "GET", path("databases", SprintBoardPageID), v22, TokenValid, "", "NOTION_API_NOTES Error bodies (the older \"Provided ID … is a page\" wording)", 0},
		{"database_bad_uuid", "GET", path("databases", "Tasks-c6eda3ce%3Fv%3D6577"), v25, TokenValid, "", "NOTION_API_NOTES Errors, newer shapes (backticked value in uuid validation errors)", 0},
		{"database_linked_2022", "GET", path("databases", LinkedTasksDatabaseID), v22, TokenValid, "", "dust-tt/dust#18188 (\"is a linked database\")", 0},
		{"database_linked_2025", "GET", path("databases", LinkedTasksDatabaseID), v25, TokenValid, "", "NOTION_API_NOTES Linked databases (2025-09-03: \"data_sources\": [])" + urls, 0},
		{"query_linked_2022", "POST", path("databases", LinkedTasksDatabaseID, "query"), v22, TokenValid, "{}", "ultimate-notion#113 (\"does not contain any data sources accessible by this API bot\")", 0},
		{"data_source_posts_2025", "GET", path("data_sources", PostsDataSourceID), v25, TokenValid, "", ref + "/retrieve-a-data-source" + urls, 0},
		{"data_source_2022", "GET", path("data_sources", PostsDataSourceID), v22, TokenValid, "", "NOTION_API_NOTES Error bodies (invalid_request_url for an endpoint the version lacks)", 0},
		{"data_source_database_id", "GET", path("data_sources", TasksDatabaseID), v25, TokenValid, "", notes404 + " (a database ID sent to /v1/data_sources)", 0},
		{"view_tasks_2025", "GET", path("views", TasksViewID), v25, TokenValid, "", ref + "/retrieve-a-view; notion-sdk-js DataSourceViewObjectResponse", 0},
		{"view_linked_2026", "GET", path("views", LinkedTasksViewID), v26, TokenValid, "", ref + "/retrieve-a-view (a linked view: its database is the linked one)", 0},
		{"view_2022", "GET", path("views", TasksViewID), v22, TokenValid, "", ref + "/retrieve-a-view (needs 2025-09-03 or later)", 0},
		{"views_list_2025", "GET", "/v1/views?data_source_id=" + TasksDataSourceID, v25, TokenValid, "", "notion-sdk-js ListDatabaseViewsResponse (references, linked views included by data source)", 0},
		{"block_paragraph_2022", "GET", path("blocks", TeamHomeParagraphID), v22, TokenValid, "", ref + "/retrieve-a-block", 0},
		{"block_children_sprint_board_2025", "GET", path("blocks", SprintBoardPageID, "children"), v25, TokenValid, "", ref + "/get-block-children", 0},
		{"search_2022", "POST", "/v1/search", v22, TokenValid, `{"query":"sprint"}`, ref + "/post-search (2022-06-28)" + urls, 0},
		{"search_2025", "POST", "/v1/search", v25, TokenValid, `{"filter":{"property":"object","value":"data_source"},"page_size":2}`, ref + "/post-search (2025-09-03)" + urls, 0},
		{"search_2025_database_filter", "POST", "/v1/search", v25, TokenValid, `{"filter":{"property":"object","value":"database"}}`, "NOTION_API_NOTES API versions (the 400 for filter value database)", 0},
		{"search_incomplete", "POST", "/v1/search", v25, TokenValid, `{"query":"sprint"}`, "notion-sdk-js RequestStatusResponse (request_status incomplete)" + urls, FaultIncomplete},
		{"query_sprint_2022", "POST", path("databases", SprintBacklogDatabaseID, "query"), v22, TokenValid, `{"page_size":1}`, ref + "/post-database-query (2022-06-28)" + urls, 0},
		{"query_campaigns_2025", "POST", path("data_sources", CampaignsDataSourceID, "query"), v25, TokenValid, `{"page_size":1}`, ref + "/query-a-data-source" + urls, 0},
		{"missing_version", "GET", "/v1/users/me", "", TokenValid, "", "NOTION_API_NOTES Error bodies (missing_version)", 0},
		{"unauthorized", "GET", "/v1/users/me", v25, TokenRevoked, "", "NOTION_API_NOTES Tokens (401 \"API token is invalid.\")", 0},
		{"restricted", "POST", "/v1/search", v25, TokenRestricted, "{}", ref + "/status-codes (403 restricted_resource)", 0},
		{"rate_limited", "GET", "/v1/users/me", v25, TokenRateLimited, "", ref + "/request-limits (429 with Retry-After)", 0},
		{"rate_limited_workspace", "GET", "/v1/users/me", v25, TokenValid, "", ref + "/request-limits (workspace limit, additional_data.rate_limit_reason; value assumed)", Fault429Workspace},
		{"service_overload", "GET", path("pages", TeamHomePageID), v25, TokenValid, "", ref + "/request-limits and notion-sdk-js APIErrorCode.ServiceOverload (529; message assumed)", Fault529},
		{"html_403_blocked", "GET", path("pages", TeamHomePageID), v25, TokenValid, "", "notion-sdk-js src/errors.ts buildUnknownResponseMessage (edge 403 with cf-ray, no x-notion-request-id)", FaultHTML403},
		{"write_refused", "PATCH", path("pages", TeamHomePageID), v25, TokenValid, `{"archived":true}`, "NOTION_API_NOTES Error bodies (invalid_request_url)", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := New(Options{})
			if c.fault != 0 {
				w.Inject(Fault{Kind: c.fault})
			}
			r := call(t, w, c.method, c.path, c.version, c.token, c.body)
			got := goldenText(t, "# source: "+c.source+"\n"+c.method+" "+c.path+" ("+c.version+")", r)
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
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		b.Write(r.raw)
		return b.Bytes()
	}
	if err := json.Indent(&b, r.raw, "", "  "); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	b.WriteString("\n")
	return b.Bytes()
}
