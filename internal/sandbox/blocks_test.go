package sandbox

import (
	"testing"
)

func TestBlocks(t *testing.T) {
	w := New(Options{})
	runCases(t, w, []endpointCase{
		{name: "paragraph", path: path("blocks", Compact(TeamHomeParagraphID)), version: v25, token: TokenValid, status: 200, checks: []expect{
			is("object", "block", "id", TeamHomeParagraphID, "type", "paragraph", "has_children", false,
				"parent", map[string]any{"type": "page_id", "page_id": TeamHomePageID},
				"paragraph.rich_text.0.plain_text", teamHomeText, "archived", false, "in_trash", false),
		}},
		{name: "page as block", path: path("blocks", ProjectsPageID), version: v22, token: TokenValid, status: 200,
			checks: []expect{is("type", "child_page", "child_page.title", ProjectsTitle, "has_children", true, "parent.page_id", TeamHomePageID)}},
		{name: "inline database as block", path: path("blocks", SprintBacklogDatabaseID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("id", SprintBacklogDatabaseID, "type", "child_database", "child_database.title", SprintBacklogTitle,
				"parent.page_id", SprintBoardPageID)}},
		{name: "2026 block", path: path("blocks", TeamHomePageID), version: v26, token: TokenValid, status: 200,
			checks: []expect{is("type", "child_page", "parent.type", "workspace"), lacks("archived")}},
		{name: "row as block", path: path("blocks", TasksRowID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("type", "child_page", "parent.type", "data_source_id")}},
		{name: "data source id", path: path("blocks", PostsDataSourceID), version: v25, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("block", PostsDataSourceID, AcmeSyncName)},
		{name: "malformed", path: path("blocks", "block-"+Compact(TeamHomeParagraphID)), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: MsgInvalidUUID("block_id", "block-"+Compact(TeamHomeParagraphID))},
		{name: "no read content", path: path("blocks", TeamHomeParagraphID), version: v25, token: TokenNoReadContent, status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "unshared", path: path("blocks", PrivateNotesPageID), version: v22, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("block", PrivateNotesPageID, "")},
		{name: "children of holder page", path: path("blocks", SprintBoardPageID, "children"), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("object", "list", "type", "block", "block", map[string]any{}, "has_more", false, "next_cursor", nil,
				"results.0.type", "paragraph", "results.1.type", "child_database", "results.1.id", SprintBacklogDatabaseID,
				"results.1.child_database.title", SprintBacklogTitle), has("request_id")}},
		{name: "children of team home", path: path("blocks", TeamHomePageID, "children"), version: v22, token: TokenValid, status: 200,
			checks: []expect{is("results.0.id", TeamHomeParagraphID, "results.1.id", ProjectsPageID, "results.2.id", TasksDatabaseID,
				"results.2.type", "child_database")}},
		{name: "children of a database", path: path("blocks", TasksDatabaseID, "children"), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("results", []any{}, "has_more", false)}},
		{name: "children page_size 101", path: path("blocks", TeamHomePageID, "children") + "?page_size=101", version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: "query failed validation: query.page_size should be ≤ `100`, instead was `101`."},
		{name: "children page_size text", path: path("blocks", TeamHomePageID, "children") + "?page_size=ten", version: v25, token: TokenValid,
			status: 400, code: "validation_error"},
		{name: "children bad cursor", path: path("blocks", TeamHomePageID, "children") + "?start_cursor=" + RoadmapPageID, version: v25,
			token: TokenValid, status: 400, code: "validation_error", message: MsgInvalidCursor(RoadmapPageID)},
		{name: "children no read content", path: path("blocks", TeamHomePageID, "children") + "?page_size=1", version: v25,
			token: TokenNoReadContent, status: 403, code: "restricted_resource", message: MsgRestricted},
	})
}

func TestBlockChildrenPagination(t *testing.T) {
	w := New(Options{})
	var got []string
	cursor := ""
	for range 10 {
		p := path("blocks", TeamHomePageID, "children") + "?page_size=1"
		if cursor != "" {
			p += "&start_cursor=" + cursor
		}
		r := call(t, w, "GET", p, v25, TokenValid, "")
		for _, b := range r.results() {
			got = append(got, b["id"].(string))
		}
		if r.obj["has_more"] != true {
			break
		}
		cursor = r.str("next_cursor")
	}
	want := []string{TeamHomeParagraphID, ProjectsPageID, TasksDatabaseID}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("children %v, want %v", got, want)
	}
}

func TestQueries(t *testing.T) {
	w := New(Options{})
	rowParent2025 := map[string]any{"type": "data_source_id", "data_source_id": TasksDataSourceID, "database_id": TasksDatabaseID}
	count := func(n int) expect {
		return func(t *testing.T, r reply) {
			if got := len(r.results()); got != n {
				t.Errorf("%d results, want %d", got, n)
			}
		}
	}
	runCases(t, w, []endpointCase{
		{name: "database query 2022", method: "POST", path: path("databases", TasksDatabaseID, "query"), version: v22, token: TokenValid,
			status: 200, checks: []expect{count(TasksRowCount), is("type", "page_or_database", "page_or_database", map[string]any{},
				"results.0.id", TasksRowID, "results.0.parent.type", "database_id", "has_more", false)}},
		{name: "database query multi-source", method: "POST", path: path("databases", ContentCalendarDatabaseID, "query"), version: v22,
			token: TokenValid, status: 400, code: "validation_error", message: MsgMultipleDataSources},
		{name: "database query page id", method: "POST", path: path("databases", TeamHomePageID, "query"), version: v22,
			token: TokenValid, status: 400, code: "validation_error", message: MsgIsPage(TeamHomePageID)},
		{name: "database query gone in 2025", method: "POST", path: path("databases", TasksDatabaseID, "query"), version: v25,
			token: TokenValid, status: 400, code: "invalid_request_url", message: MsgInvalidRequestURL},
		{name: "data source query", method: "POST", path: path("data_sources", TasksDataSourceID, "query"), version: v25, token: TokenValid,
			body: `{"filter":{"property":"Status","select":{"equals":"Done"}}}`, status: 200,
			checks: []expect{count(TasksRowCount), is("type", "page_or_data_source", "results.0.parent", rowParent2025)}},
		{name: "campaigns", method: "POST", path: path("data_sources", CampaignsDataSourceID, "query"), version: v26, token: TokenValid,
			status: 200, checks: []expect{count(2), is("results.0.properties.Campaign.title.0.plain_text", "Spring launch")}},
		{name: "data source query with database id", method: "POST", path: path("data_sources", TasksDatabaseID, "query"), version: v25,
			token: TokenValid, status: 404, code: "object_not_found", message: MsgNotFound("data_source", TasksDatabaseID, AcmeSyncName)},
		{name: "data source query in 2022", method: "POST", path: path("data_sources", TasksDataSourceID, "query"), version: v22,
			token: TokenValid, status: 400, code: "invalid_request_url"},
		{name: "query page 1 of 3", method: "POST", path: path("data_sources", TasksDataSourceID, "query"), version: v25, token: TokenValid,
			body: `{"page_size":2}`, status: 200, checks: []expect{count(2), is("has_more", true)}},
		{name: "query bad json", method: "POST", path: path("data_sources", TasksDataSourceID, "query"), version: v25, token: TokenValid,
			body: `{"page_size":`, status: 400, code: "invalid_json", message: MsgInvalidJSON},
		{name: "query no read content", method: "POST", path: path("databases", TasksDatabaseID, "query"), version: v22,
			token: TokenNoReadContent, body: `{"page_size":1}`, status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "query unshared", method: "POST", path: path("databases", FinanceDatabaseID, "query"), version: v22, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("database", FinanceDatabaseID, "")},
	})
	// Page through the rows two at a time.
	var ids []string
	cursor := ""
	for {
		body := `{"page_size":2}`
		if cursor != "" {
			body = `{"page_size":2,"start_cursor":"` + cursor + `"}`
		}
		r := call(t, w, "POST", path("data_sources", TasksDataSourceID, "query"), v25, TokenValid, body)
		for _, x := range r.results() {
			ids = append(ids, x["id"].(string))
		}
		if r.obj["has_more"] != true {
			break
		}
		cursor = r.str("next_cursor")
	}
	if len(ids) != TasksRowCount || ids[0] != TasksRowID {
		t.Errorf("rows %v", ids)
	}
}
