package sandbox

import "testing"

// TestLate2026 covers what Notion added or changed by late 2026 (see
// NOTION_API_NOTES "Notion as of late 2026"): personal access tokens,
// views, linked databases, overloads, workspace limits, edge blocks,
// incomplete lists, and the 403 for a missing Read content capability.
func TestLate2026(t *testing.T) {
	w := New(Options{})
	runCases(t, w, []endpointCase{
		{name: "PAT users/me is the person", path: "/v1/users/me", version: v25, token: TokenPersonal, status: 200,
			checks: []expect{is("type", "person", "id", UserAdaID, "name", UserAdaName, "person.email", UserAdaMail), lacks("bot")}},
		{name: "PAT sees what Ada opens without sharing", path: path("pages", PrivateNotesPageID), version: v25, token: TokenPersonal, status: 200,
			checks: []expect{is("id", PrivateNotesPageID)}},
		{name: "PAT 404 names no integration", path: path("databases", FinanceDatabaseID), version: v25, token: TokenPersonal,
			status: 404, code: "object_not_found", message: MsgNotFound("database", FinanceDatabaseID, ""), checks: []expect{lacks("additional_data")}},
		{name: "view", path: path("views", TasksViewID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("object", "view", "parent.database_id", TasksDatabaseID, "data_source_id", TasksDataSourceID)}},
		{name: "view compact id", path: path("views", Compact(SprintBacklogViewID)), version: v26, token: TokenValid, status: 200,
			checks: []expect{is("parent.database_id", SprintBacklogDatabaseID, "type", "board")}},
		{name: "view of an unshared database", path: path("views", FinanceViewID), version: v25, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("view", FinanceViewID, AcmeSyncName)},
		{name: "view of another workspace", path: path("views", GlobexCRMViewID), version: v25, token: TokenValid, status: 404, code: "object_not_found"},
		{name: "view under 2022", path: path("views", TasksViewID), version: v22, token: TokenValid,
			status: 400, code: "invalid_request_url", message: MsgInvalidRequestURL},
		{name: "view without Read content", path: path("views", TasksViewID), version: v25, token: TokenNoReadContent,
			status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "view id on pages", path: path("pages", TasksViewID), version: v25, token: TokenValid, status: 404, code: "object_not_found"},
		{name: "malformed view id", path: path("views", "abc"), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: MsgInvalidUUID("view_id", "abc")},
		{name: "views by database", path: "/v1/views?database_id=" + Compact(TasksDatabaseID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("type", "view", "results", []any{map[string]any{"object": "view", "id": TasksViewID}})}},
		{name: "views by unshared database", path: "/v1/views?database_id=" + FinanceDatabaseID, version: v25, token: TokenValid,
			status: 404, code: "object_not_found"},
		{name: "views without a filter", path: "/v1/views", version: v25, token: TokenValid, status: 400, code: "validation_error"},
		{name: "linked database 2022", path: path("databases", LinkedTasksDatabaseID), version: v22, token: TokenValid,
			status: 400, code: "validation_error", message: MsgLinkedDatabase(LinkedTasksDatabaseID)},
		{name: "linked database 2025", path: path("databases", LinkedTasksDatabaseID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("data_sources", []any{}, "title.0.plain_text", TasksTitle, "parent.page_id", WeeklyReviewPageID)}},
		{name: "linked database query 2022", method: "POST", path: path("databases", LinkedFinanceDatabaseID, "query"), version: v22, token: TokenValid,
			status: 400, code: "validation_error", message: MsgNoAccessibleDataSources(LinkedFinanceDatabaseID)},
		{name: "linked database as a block", path: path("blocks", LinkedTasksDatabaseID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("type", "child_database", "child_database.title", TasksTitle)}},
		{name: "is a page, 2026 wording", path: path("databases", TeamHomePageID), version: v26, token: TokenValid,
			status: 400, code: "validation_error", message: MsgIsPage2026(TeamHomePageID)},
	})
	r := call(t, w, "POST", "/v1/search", v25, TokenValid, `{"query":"tasks","filter":{"property":"object","value":"data_source"}}`)
	if res, _ := r.obj["results"].([]any); len(res) != 1 || at(r.obj, "results.0.id") != TasksDataSourceID {
		t.Errorf("search for tasks: %s; want only the Tasks data source (linked databases are never listed)", r.raw)
	}
}

func TestLate2026Faults(t *testing.T) {
	cases := []struct {
		kind                  FaultKind
		status                int
		code, retryAfter, ray string
	}{
		{Fault529, 529, "service_overload", "1", ""},
		{Fault429Workspace, 429, "rate_limited", "90", ""},
		{FaultHTML403, 403, "", "", "-AMS"},
	}
	for _, c := range cases {
		t.Run(c.kind.String(), func(t *testing.T) {
			w := New(Options{})
			w.Inject(Fault{Kind: c.kind})
			r := call(t, w, "GET", path("pages", TeamHomePageID), v25, TokenValid, "")
			if r.status != c.status || r.header.Get("Retry-After") != c.retryAfter {
				t.Fatalf("status %d Retry-After %q, want %d %q", r.status, r.header.Get("Retry-After"), c.status, c.retryAfter)
			}
			if c.code != "" && r.obj["code"] != c.code {
				t.Errorf("code %v, want %s", r.obj["code"], c.code)
			}
			if c.kind == Fault429Workspace && at(r.obj, "additional_data.rate_limit_reason") != RateLimitReasonWorkspace {
				t.Errorf("additional_data %v", r.obj["additional_data"])
			}
			if c.ray != "" && (r.header.Get("X-Notion-Request-Id") != "" || len(r.header.Get("Cf-Ray")) < 10) {
				t.Errorf("an edge block has a cf-ray and no x-notion-request-id: %v", r.header)
			}
		})
	}
	t.Run("stripped", func(t *testing.T) {
		w := New(Options{})
		w.Inject(Fault{Kind: FaultStripped})
		stub("database", TasksDatabaseID)(t, call(t, w, "GET", path("databases", TasksDatabaseID), v25, TokenValid, ""))
	})
	t.Run("incomplete", func(t *testing.T) {
		w := New(Options{})
		w.Inject(Fault{Kind: FaultIncomplete})
		r := call(t, w, "POST", "/v1/search", v25, TokenValid, "{}")
		is("request_status.type", "incomplete")(t, r)
		r = call(t, w, "GET", path("pages", TeamHomePageID), v25, TokenValid, "")
		lacks("request_status")(t, r)
	})
}

// FuzzParseFault: ParseFault never panics and accepts only known kinds.
func FuzzParseFault(f *testing.F) {
	for _, s := range []string{"529", "html_403:/v1/pages", "429_workspace:", ":", "", "nope:/x", "stripped:/v1/pages:extra"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fl, err := ParseFault(s); err == nil && faultNames[fl.Kind] == "" {
			t.Fatalf("ParseFault(%q) = %+v", s, fl)
		}
	})
}

func TestParseFault(t *testing.T) {
	f, err := ParseFault("html_403:/v1/pages")
	if err != nil || f.Kind != FaultHTML403 || f.PathPrefix != "/v1/pages" {
		t.Errorf("ParseFault = %+v, %v", f, err)
	}
	for k := FaultKind(1); int(k) <= len(faultNames); k++ {
		if f, err := ParseFault(k.String()); err != nil || f.Kind != k || f.PathPrefix != "" {
			t.Errorf("ParseFault(%s) = %+v, %v", k, f, err)
		}
	}
	if _, err := ParseFault("nope"); err == nil {
		t.Error("an unknown fault parsed")
	}
}
