package sandbox

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

const (
	v22 = Version20220628
	v25 = Version20250903
	v26 = Version20260311
)

// at reads a dotted path ("parent.type", "results.0.id") in a decoded object.
func at(m map[string]any, dotted string) any {
	var cur any = m
	for _, k := range strings.Split(dotted, ".") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			i := 0
			for _, d := range k {
				i = i*10 + int(d-'0')
			}
			if i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

// expect is a check of one reply.
type expect func(t *testing.T, r reply)

// is checks fields: pairs of dotted path and wanted value.
func is(pairs ...any) expect {
	return func(t *testing.T, r reply) {
		t.Helper()
		for i := 0; i < len(pairs); i += 2 {
			k := pairs[i].(string)
			if got := at(r.obj, k); !reflect.DeepEqual(got, pairs[i+1]) {
				t.Errorf("%s = %#v, want %#v", k, got, pairs[i+1])
			}
		}
	}
}

// has checks that the keys exist (present, maybe null) at the top level.
func has(keys ...string) expect {
	return func(t *testing.T, r reply) {
		t.Helper()
		for _, k := range keys {
			if _, ok := r.obj[k]; !ok {
				t.Errorf("missing key %q", k)
			}
		}
	}
}

// lacks checks that the keys are absent at the top level.
func lacks(keys ...string) expect {
	return func(t *testing.T, r reply) {
		t.Helper()
		for _, k := range keys {
			if _, ok := r.obj[k]; ok {
				t.Errorf("unexpected key %q", k)
			}
		}
	}
}

// stub checks an object stripped to exactly {"object","id"}.
func stub(object, id string) expect {
	return func(t *testing.T, r reply) {
		t.Helper()
		want := map[string]any{"object": object, "id": id}
		if !reflect.DeepEqual(r.obj, want) {
			t.Errorf("got %s, want exactly %v", r.raw, want)
		}
	}
}

type endpointCase struct {
	name                         string
	method, path, version, token string
	body                         string
	status                       int
	code, message                string // errors only
	checks                       []expect
}

func runCases(t *testing.T, w *Workspace, cases []endpointCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			method := c.method
			if method == "" {
				method = "GET"
			}
			r := call(t, w, method, c.path, c.version, c.token, c.body)
			if c.code != "" {
				wantError(t, r, c.status, c.code, c.message)
			} else if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.raw)
			}
			for _, check := range c.checks {
				check(t, r)
			}
		})
	}
}

func TestHeadersAndTokens(t *testing.T) {
	w := New(Options{})
	me := path("users", "me")
	runCases(t, w, []endpointCase{
		{name: "missing version", path: me, token: TokenValid, status: 400, code: "missing_version", message: MsgMissingVersion},
		{name: "unknown version", path: me, version: "2021-08-16", token: TokenValid, status: 400, code: "validation_error",
			message: `Notion-Version header failed validation: Notion-Version header should be "2022-06-28", "2025-09-03", or "2026-03-11", instead was "2021-08-16".`},
		{name: "no token", path: me, version: v25, status: 401, code: "unauthorized", message: MsgUnauthorized},
		{name: "unknown token", path: me, version: v25, token: "ntn_123", status: 401, code: "unauthorized", message: MsgUnauthorized},
		{name: "revoked", path: me, version: v25, token: TokenRevoked, status: 401, code: "unauthorized", message: MsgUnauthorized},
		{name: "rate limited", path: me, version: v25, token: TokenRateLimited, status: 429, code: "rate_limited", message: MsgRateLimited,
			checks: []expect{func(t *testing.T, r reply) {
				if got := r.header.Get("Retry-After"); got != RateLimitRetryAfter {
					t.Errorf("Retry-After %q", got)
				}
			}}},
	})
	for _, v := range []string{v22, v25, v26} {
		runCases(t, w, []endpointCase{
			{name: "valid " + v, path: me, version: v, token: TokenValid, status: 200, checks: []expect{
				is("object", "user", "id", AcmeSyncBotID, "name", AcmeSyncName, "type", "bot", "avatar_url", nil,
					"bot.owner.type", "workspace", "bot.owner.workspace", true, "bot.workspace_name", AcmeWorkspaceName,
					"bot.workspace_id", AcmeWorkspaceID, "bot.workspace_limits.max_file_upload_size_in_bytes", 5368709120.0),
				has("request_id"),
			}},
		})
	}
	bots := []struct{ tok, id, name, ws string }{
		{TokenLegacy, AcmeSyncBotID, AcmeSyncName, AcmeWorkspaceID},
		{TokenDemo, AcmeSyncBotID, AcmeSyncName, AcmeWorkspaceID},
		{TokenNoReadContent, AcmeMetadataBotID, AcmeMetadataName, AcmeWorkspaceID},
		{TokenRestricted, AcmeLimitedBotID, AcmeLimitedName, AcmeWorkspaceID},
		{TokenNothingShared, FreshBotID, FreshName, AcmeWorkspaceID},
		{TokenOtherWorkspace, GlobexBotID, GlobexBotName, GlobexWorkspaceID},
	}
	for _, b := range bots {
		runCases(t, w, []endpointCase{{name: "bot " + b.name, path: me, version: v25, token: b.tok, status: 200,
			checks: []expect{is("id", b.id, "name", b.name, "bot.workspace_id", b.ws)}}})
	}
	for _, r := range w.Requests() {
		if r.TokenLabel == TokenValid || strings.Contains(r.TokenLabel, "ntn_") {
			t.Errorf("raw token in log: %+v", r)
		}
	}
}

func TestPages(t *testing.T) {
	w := New(Options{})
	tasksPage := MsgIsDatabase(TasksDatabaseID)
	runCases(t, w, []endpointCase{
		{name: "team home 2022", path: path("pages", TeamHomePageID), version: v22, token: TokenValid, status: 200, checks: []expect{
			is("object", "page", "id", TeamHomePageID, "parent.type", "workspace", "parent.workspace", true,
				"archived", false, "in_trash", false, "properties.title.type", "title",
				"properties.title.title.0.plain_text", TeamHomeTitle, "url", PageURL(TeamHomeTitle, TeamHomePageID), "public_url", nil),
			has("created_time", "last_edited_time", "created_by", "last_edited_by", "cover", "icon", "request_id"),
		}},
		{name: "sub-page", path: path("pages", RoadmapPageID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("parent.type", "page_id", "parent.page_id", ProjectsPageID, "properties.title.title.0.plain_text", RoadmapTitle)}},
		{name: "row 2022", path: path("pages", TasksRowID), version: v22, token: TokenValid, status: 200,
			checks: []expect{is("parent", map[string]any{"type": "database_id", "database_id": TasksDatabaseID},
				"properties.Name.title.0.plain_text", TasksRowTitle)}},
		{name: "row 2025", path: path("pages", TasksRowID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("parent", map[string]any{"type": "data_source_id", "data_source_id": TasksDataSourceID, "database_id": TasksDatabaseID},
				"archived", false, "in_trash", false)}},
		{name: "row 2026", path: path("pages", TasksRowID), version: v26, token: TokenValid, status: 200,
			checks: []expect{is("parent.type", "data_source_id", "in_trash", false), lacks("archived")}},
		{name: "trashed 2025", path: path("pages", TrashedPageID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("in_trash", true, "archived", true)}},
		{name: "trashed 2026", path: path("pages", TrashedPageID), version: v26, token: TokenValid, status: 200,
			checks: []expect{is("in_trash", true), lacks("archived")}},
		{name: "upper compact id", path: path("pages", strings.ToUpper(Compact(TeamHomePageID))), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("id", TeamHomePageID)}},
		{name: "database id", path: path("pages", Compact(TasksDatabaseID)), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: tasksPage},
		{name: "unshared database id", path: path("pages", FinanceDatabaseID), version: v22, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("page", FinanceDatabaseID, ""), checks: []expect{lacks("additional_data")}},
		{name: "unshared 2025 names integration", path: path("pages", PrivateNotesPageID), version: v25, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("page", PrivateNotesPageID, AcmeSyncName),
			checks: []expect{is("additional_data.integration_id", AcmeSyncBotID)}},
		{name: "view id", path: path("pages", TasksViewID), version: v22, token: TokenValid, status: 404, code: "object_not_found"},
		{name: "data source id", path: path("pages", TasksDataSourceID), version: v25, token: TokenValid, status: 404, code: "object_not_found",
			message: MsgNotFound("page", TasksDataSourceID, AcmeSyncName)},
		{name: "malformed", path: path("pages", url.PathEscape("Team-Home-c118?pvs=4")), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: MsgInvalidUUID("page_id", "Team-Home-c118?pvs=4")},
		{name: "no read content", path: path("pages", TeamHomePageID), version: v25, token: TokenNoReadContent, status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "restricted", path: path("pages", TeamHomePageID), version: v25, token: TokenRestricted,
			status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "other workspace", path: path("pages", TeamHomePageID), version: v25, token: TokenOtherWorkspace,
			status: 404, code: "object_not_found", message: MsgNotFound("page", TeamHomePageID, GlobexBotName)},
		{name: "globex page with acme token", path: path("pages", GlobexWikiPageID), version: v25, token: TokenValid,
			status: 404, code: "object_not_found"},
		{name: "globex page with its token", path: path("pages", GlobexWikiPageID), version: v25, token: TokenOtherWorkspace,
			status: 200, checks: []expect{is("properties.title.title.0.plain_text", GlobexWikiTitle)}},
		{name: "nothing shared", path: path("pages", TeamHomePageID), version: v25, token: TokenNothingShared,
			status: 404, code: "object_not_found", message: MsgNotFound("page", TeamHomePageID, FreshName)},
	})
}

func TestDatabases(t *testing.T) {
	w := New(Options{})
	runCases(t, w, []endpointCase{
		{name: "tasks 2022", path: path("databases", TasksDatabaseID), version: v22, token: TokenValid, status: 200, checks: []expect{
			is("object", "database", "title.0.plain_text", TasksTitle, "is_inline", false, "archived", false,
				"parent.type", "page_id", "parent.page_id", TeamHomePageID, "properties.Name.type", "title",
				"url", "https://app.notion.com/p/"+Compact(TasksDatabaseID)),
			has("description", "properties"), lacks("data_sources"),
		}},
		{name: "tasks 2025", path: path("databases", TasksDatabaseID), version: v25, token: TokenLegacy, status: 200, checks: []expect{
			is("data_sources", []any{map[string]any{"id": TasksDataSourceID, "name": TasksTitle}}, "archived", false, "in_trash", false),
			lacks("properties"),
		}},
		{name: "tasks 2026", path: path("databases", TasksDatabaseID), version: v26, token: TokenValid, status: 200,
			checks: []expect{lacks("properties", "archived"), has("data_sources", "in_trash")}},
		{name: "inline", path: path("databases", SprintBacklogDatabaseID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("is_inline", true, "parent.page_id", SprintBoardPageID, "data_sources.0.id", SprintBacklogDataSourceID)}},
		{name: "multi-source 2022", path: path("databases", ContentCalendarDatabaseID), version: v22, token: TokenValid,
			status: 400, code: "validation_error", message: MsgMultipleDataSources},
		{name: "multi-source 2025", path: path("databases", ContentCalendarDatabaseID), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("title.0.plain_text", ContentCalendarTitle, "data_sources", []any{
				map[string]any{"id": PostsDataSourceID, "name": PostsTitle},
				map[string]any{"id": CampaignsDataSourceID, "name": CampaignsTitle}})}},
		{name: "page id", path: path("databases", SprintBoardPageID), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: MsgIsPage2026(SprintBoardPageID)},
		{name: "page id 2022", path: path("databases", SprintBoardPageID), version: v22, token: TokenValid,
			status: 400, code: "validation_error", message: MsgIsPage(SprintBoardPageID)},
		{name: "data source id", path: path("databases", TasksDataSourceID), version: v25, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("database", TasksDataSourceID, AcmeSyncName)},
		{name: "url pasted", path: path("databases", url.PathEscape(TasksURL)), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: MsgInvalidUUID("database_id", TasksURL)},
		{name: "id with view", path: path("databases", url.PathEscape(Compact(TasksDatabaseID)+"?v="+Compact(TasksViewID))), version: v22,
			token: TokenValid, status: 400, code: "validation_error",
			message: "path failed validation: path.database_id should be a valid uuid, instead was `\"" + Compact(TasksDatabaseID) + "?v=" + Compact(TasksViewID) + "\"`."},
		{name: "unshared", path: path("databases", FinanceDatabaseID), version: v22, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("database", FinanceDatabaseID, "")},
		{name: "no read content", path: path("databases", TasksDatabaseID), version: v22, token: TokenNoReadContent, status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "globex", path: path("databases", GlobexCRMDatabaseID), version: v25, token: TokenOtherWorkspace, status: 200,
			checks: []expect{is("parent.page_id", GlobexWikiPageID, "data_sources.0.id", GlobexCRMDataSourceID)}},
	})
}

func TestDataSources(t *testing.T) {
	w := New(Options{})
	runCases(t, w, []endpointCase{
		{name: "2022 has none", path: path("data_sources", TasksDataSourceID), version: v22, token: TokenValid,
			status: 400, code: "invalid_request_url", message: MsgInvalidRequestURL},
		{name: "posts", path: path("data_sources", PostsDataSourceID), version: v25, token: TokenValid, status: 200, checks: []expect{
			is("object", "data_source", "title.0.plain_text", PostsTitle, "archived", false, "in_trash", false,
				"parent", map[string]any{"type": "database_id", "database_id": ContentCalendarDatabaseID},
				"database_parent", map[string]any{"type": "workspace", "workspace": true}, "properties.Title.type", "title"),
			has("url", "created_time", "last_edited_time", "request_id"),
		}},
		{name: "tasks 2026", path: path("data_sources", Compact(TasksDataSourceID)), version: v26, token: TokenValid, status: 200,
			checks: []expect{is("database_parent.page_id", TeamHomePageID, "in_trash", false), lacks("archived")}},
		{name: "database id", path: path("data_sources", TasksDatabaseID), version: v25, token: TokenValid,
			status: 404, code: "object_not_found", message: MsgNotFound("data_source", TasksDatabaseID, AcmeSyncName)},
		{name: "malformed", path: path("data_sources", "collection:%2F%2F"+TasksDataSourceID), version: v25, token: TokenValid,
			status: 400, code: "validation_error", message: MsgInvalidUUID("data_source_id", "collection://"+TasksDataSourceID)},
		{name: "unshared", path: path("data_sources", FinanceDataSourceID), version: v26, token: TokenValid, status: 404, code: "object_not_found"},
		{name: "no read content", path: path("data_sources", CampaignsDataSourceID), version: v25, token: TokenNoReadContent, status: 403, code: "restricted_resource", message: MsgRestricted},
		{name: "restricted", path: path("data_sources", CampaignsDataSourceID), version: v25, token: TokenRestricted,
			status: 403, code: "restricted_resource"},
	})
}

func TestWriteAttemptsAreRefusedAndCounted(t *testing.T) {
	w := New(Options{})
	writes := []struct{ method, path string }{
		{"POST", "/v1/pages"}, {"PATCH", path("pages", TeamHomePageID)}, {"DELETE", path("blocks", TeamHomeParagraphID)},
		{"PATCH", path("blocks", TeamHomePageID, "children")}, {"POST", "/v1/databases"}, {"PATCH", path("data_sources", TasksDataSourceID)},
		{"POST", "/v1/comments"},
	}
	for _, c := range writes {
		r := call(t, w, c.method, c.path, v25, TokenValid, `{}`)
		wantError(t, r, 400, "invalid_request_url", MsgInvalidRequestURL)
	}
	call(t, w, "GET", "/v1/users", v25, TokenValid, "")
	call(t, w, "POST", "/v1/search", v25, TokenValid, `{}`)
	call(t, w, "POST", path("data_sources", TasksDataSourceID, "query"), v25, TokenValid, `{}`)
	call(t, w, "PATCH", path("pages", TeamHomePageID), "", "", "") // refused before auth, still a write
	if got, want := w.Writes(), len(writes)+1; got != want {
		t.Errorf("Writes() = %d, want %d", got, want)
	}
	if got := w.Count("PATCH", "/v1/"); got != 4 {
		t.Errorf("Count(PATCH) = %d, want 4", got)
	}
	for _, r := range w.Requests() {
		wantWrite := r.Method != "GET" && r.Path != "/v1/search" && !strings.HasSuffix(r.Path, "/query")
		if r.Write != wantWrite {
			t.Errorf("%s %s: Write = %v", r.Method, r.Path, r.Write)
		}
	}
	w.ResetRequests()
	if w.Writes() != 0 || len(w.Requests()) != 0 {
		t.Error("ResetRequests left entries")
	}
}
