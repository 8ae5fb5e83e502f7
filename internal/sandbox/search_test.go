package sandbox

import (
	"fmt"
	"sort"
	"testing"
)

func TestSearchValidation(t *testing.T) {
	w := New(Options{})
	s := "/v1/search"
	runCases(t, w, []endpointCase{
		{name: "database filter in 2025", method: "POST", path: s, version: v25, token: TokenValid,
			body: `{"filter":{"property":"object","value":"database"}}`, status: 400, code: "validation_error",
			message: `body failed validation: body.filter.value should be "page" or "data_source", instead was "database".`},
		{name: "data_source filter in 2022", method: "POST", path: s, version: v22, token: TokenValid,
			body: `{"filter":{"property":"object","value":"data_source"}}`, status: 400, code: "validation_error",
			message: `body failed validation: body.filter.value should be "page" or "database", instead was "data_source".`},
		{name: "empty filter", method: "POST", path: s, version: v22, token: TokenValid,
			body: `{"filter":{"value":"","property":""}}`, status: 400, code: "validation_error",
			message: `body failed validation: body.filter.property should be "object", instead was "".`},
		{name: "page_size 101", method: "POST", path: s, version: v25, token: TokenValid, body: `{"page_size":101}`,
			status: 400, code: "validation_error", message: "body failed validation: body.page_size should be ≤ `100`, instead was `101`."},
		{name: "page_size 0", method: "POST", path: s, version: v25, token: TokenValid, body: `{"page_size":0}`,
			status: 400, code: "validation_error", message: "body failed validation: body.page_size should be ≥ `1`, instead was `0`."},
		{name: "page_size string", method: "POST", path: s, version: v25, token: TokenValid, body: `{"page_size":"50"}`,
			status: 400, code: "validation_error", message: "body failed validation: body.page_size should be a number or `undefined`, instead was `\"50\"`."},
		{name: "cursor object", method: "POST", path: s, version: v25, token: TokenValid, body: `{"start_cursor":{}}`,
			status: 400, code: "validation_error", message: "body failed validation: body.start_cursor should be a string or `undefined`, instead was `{}`."},
		{name: "invalid cursor", method: "POST", path: s, version: v25, token: TokenValid, body: `{"start_cursor":"not-a-cursor"}`,
			status: 400, code: "validation_error", message: MsgInvalidCursor("not-a-cursor")},
		{name: "bad sort", method: "POST", path: s, version: v25, token: TokenValid,
			body: `{"sort":{"direction":"up","timestamp":"last_edited_time"}}`, status: 400, code: "validation_error"},
		{name: "bad json", method: "POST", path: s, version: v25, token: TokenValid, body: `{`, status: 400, code: "invalid_json"},
		{name: "restricted", method: "POST", path: s, version: v25, token: TokenRestricted, body: `{}`, status: 403, code: "restricted_resource"},
		{name: "GET is not search", method: "GET", path: s, version: v25, token: TokenValid, status: 400, code: "invalid_request_url"},
	})
}

// titles returns the plain-text title of search results: a page's title
// property, a database's or data source's title.
func titles(r reply) []string {
	var out []string
	for _, x := range r.results() {
		if tt, ok := at(x, "title.0.plain_text").(string); ok {
			out = append(out, tt)
			continue
		}
		for _, p := range x["properties"].(map[string]any) {
			if pm := p.(map[string]any); pm["type"] == "title" {
				out = append(out, at(pm, "title.0.plain_text").(string))
			}
		}
	}
	return out
}

func TestSearchResults(t *testing.T) {
	w := New(Options{})
	s := "/v1/search"
	dsParent := map[string]any{"type": "database_id", "database_id": ContentCalendarDatabaseID}
	runCases(t, w, []endpointCase{
		{name: "2022 databases skip multi-source", method: "POST", path: s, version: v22, token: TokenValid,
			body: `{"filter":{"property":"object","value":"database"}}`, status: 200, checks: []expect{
				is("type", "page_or_database", "page_or_database", map[string]any{}),
				func(t *testing.T, r reply) {
					if got := fmt.Sprint(titles(r)); got != "[Tasks Sprint Backlog]" {
						t.Errorf("titles %s", got)
					}
				}}},
		{name: "2025 data sources", method: "POST", path: s, version: v25, token: TokenValid,
			body: `{"filter":{"property":"object","value":"data_source"}}`, status: 200, checks: []expect{
				is("type", "page_or_data_source", "results.2.object", "data_source", "results.2.parent", dsParent,
					"results.2.database_parent.type", "workspace"),
				func(t *testing.T, r reply) {
					if got := fmt.Sprint(titles(r)); got != "[Tasks Sprint Backlog Posts Campaigns]" {
						t.Errorf("titles %s", got)
					}
				}}},
		{name: "query matches database title of a source", method: "POST", path: s, version: v26, token: TokenValid,
			body: `{"query":"content CALENDAR"}`, status: 200, checks: []expect{func(t *testing.T, r reply) {
				if got := fmt.Sprint(titles(r)); got != "[Posts Campaigns]" {
					t.Errorf("titles %s", got)
				}
			}}},
		{name: "query page", method: "POST", path: s, version: v22, token: TokenValid,
			body: `{"query":"roadmap","filter":{"property":"object","value":"page"}}`, status: 200,
			checks: []expect{is("results.0.id", RoadmapPageID, "has_more", false, "next_cursor", nil)}},
		{name: "trash is not searched", method: "POST", path: s, version: v25, token: TokenValid,
			body: `{"query":"launch plan"}`, status: 200, checks: []expect{is("results", []any{})}},
		{name: "unshared is not searched", method: "POST", path: s, version: v25, token: TokenValid,
			body: `{"query":"finance"}`, status: 200, checks: []expect{is("results", []any{})}},
		{name: "nothing shared", method: "POST", path: s, version: v25, token: TokenNothingShared, status: 200,
			checks: []expect{is("results", []any{}, "has_more", false)}},
		{name: "other workspace", method: "POST", path: s, version: v25, token: TokenOtherWorkspace,
			body: `{"filter":{"property":"object","value":"data_source"}}`, status: 200,
			checks: []expect{is("results.0.id", GlobexCRMDataSourceID, "results.0.database_parent.page_id", GlobexWikiPageID, "results.1", nil)}},
		{name: "no read content", method: "POST", path: s, version: v25, token: TokenNoReadContent,
			body: `{"filter":{"property":"object","value":"data_source"},"page_size":1}`, status: 200,
			checks: []expect{is("results", []any{map[string]any{"object": "data_source", "id": TasksDataSourceID}},
				"has_more", true, "next_cursor", SprintBacklogDataSourceID)}},
		{name: "ascending", method: "POST", path: s, version: v22, token: TokenValid,
			body: `{"sort":{"direction":"ascending","timestamp":"last_edited_time"},"page_size":1}`, status: 200,
			checks: []expect{is("results.0.id", TasksRowID)}}, // the oldest edit
	})
}

func TestSearchOrder(t *testing.T) {
	w := New(Options{ExtraDatabases: 30})
	r := call(t, w, "POST", "/v1/search", v25, TokenValid, `{}`)
	res := r.results()
	if len(res) != 100 && r.obj["has_more"] == true {
		t.Fatalf("%d results with has_more", len(res))
	}
	ok := sort.SliceIsSorted(res, func(i, j int) bool {
		a, b := res[i]["last_edited_time"].(string), res[j]["last_edited_time"].(string)
		if a != b {
			return a > b
		}
		return res[i]["id"].(string) < res[j]["id"].(string)
	})
	if !ok {
		t.Error("results not ordered by last_edited_time desc, id")
	}
	if res[0]["id"] != TeamHomePageID {
		t.Errorf("first result %v, want Team Home (edited last)", res[0]["id"])
	}
}

// TestSearchPaginationAtScale pages through every result with 1000 extra
// databases, in both vocabularies: complete, no duplicates, stable cursors.
func TestSearchPaginationAtScale(t *testing.T) {
	const n = 1000
	w := New(Options{ExtraDatabases: n})
	multi := n / 10
	pages := 6 + TasksRowCount + SprintBacklogRowCount + 3 + 2 // Team Home, Projects, Roadmap, Sprint Board, Weekly Review, Generated Databases + rows
	cases := []struct {
		version, filter string
		want            int
	}{
		{v22, "database", 2 + n - multi},                // Tasks, Sprint Backlog, single-source generated
		{v25, "data_source", 4 + (n - multi) + 2*multi}, // Tasks, Sprint Backlog, Posts, Campaigns
		{v26, "", pages + 4 + (n - multi) + 2*multi},
		{v22, "", pages + 2 + n - multi},
		{v22, "page", pages},
	}
	for _, c := range cases {
		t.Run(c.version+"/"+c.filter, func(t *testing.T) {
			t.Parallel()
			ids, requests := searchAll(t, w, c.version, TokenValid, c.filter, 100)
			if len(ids) != c.want {
				t.Errorf("%d results, want %d", len(ids), c.want)
			}
			if want := (c.want + 99) / 100; requests != want {
				t.Errorf("%d requests, want %d", requests, want)
			}
			seen := make(map[string]bool, len(ids))
			for _, id := range ids {
				if seen[id] {
					t.Fatalf("duplicate %s", id)
				}
				seen[id] = true
			}
			if c.filter == "database" && (!seen[GeneratedDatabaseID(1)] || seen[GeneratedDatabaseID(10)]) {
				t.Error("want single-source generated databases only")
			}
			if c.filter == "data_source" && (!seen[GeneratedDataSourceID(10, 1)] || seen[GeneratedDatabaseID(1)]) {
				t.Error("want every generated data source, and no database")
			}
		})
	}
}

func TestSearchCursorStable(t *testing.T) {
	w := New(Options{ExtraDatabases: 300})
	first := call(t, w, "POST", "/v1/search", v25, TokenValid, `{"page_size":7}`)
	body := `{"page_size":7,"start_cursor":"` + first.str("next_cursor") + `"}`
	a, b := call(t, w, "POST", "/v1/search", v25, TokenValid, body), call(t, w, "POST", "/v1/search", v25, TokenValid, body)
	if fmt.Sprint(a.results()) != fmt.Sprint(b.results()) || len(a.results()) != 7 {
		t.Error("cursor not stable")
	}
}
