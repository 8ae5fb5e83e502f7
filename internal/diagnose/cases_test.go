package diagnose

import (
	"encoding/json"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

const (
	v22 = notion.V20220628
	v25 = notion.V20250903
)

// errBody is a Notion error body as an app prints it.
func errBody(status int, code, msg, integrationID string) string {
	b := map[string]any{"object": "error", "status": status, "code": code, "message": msg, "request_id": "5b42474f-5ae7-8726-8bd7-843a274d55fc"}
	if integrationID != "" {
		b["additional_data"] = map[string]string{"integration_id": integrationID}
	}
	out, _ := json.Marshal(b)
	return string(out)
}

func compact(id string) string { return strings.ReplaceAll(id, "-", "") }

// verdictCases reaches every verdict from input a person would paste.
func verdictCases() []dcase {
	const (
		acme, meta, limited = sandbox.AcmeSyncName, sandbox.AcmeMetadataName, sandbox.AcmeLimitedName
		fresh, globex       = sandbox.FreshName, sandbox.GlobexBotName
		tasks, tasksDS      = sandbox.TasksDatabaseID, sandbox.TasksDataSourceID
		home, finance       = sandbox.TeamHomePageID, sandbox.FinanceDatabaseID
		board, backlog      = sandbox.SprintBoardPageID, sandbox.SprintBacklogDatabaseID
		cal, row            = sandbox.ContentCalendarDatabaseID, sandbox.TasksRowID
		para                = sandbox.TeamHomeParagraphID
	)
	tasksUse := &Use{DatabaseID: tasks, DataSourceIDs: []string{tasksDS}}
	backlogHere := []ChildDatabase{{ID: backlog, Title: sandbox.SprintBacklogTitle}}
	financeNotFound22 := errBody(404, "object_not_found", sandbox.MsgNotFound("database", finance, ""), "")
	tasksNotFoundFresh := errBody(404, "object_not_found", sandbox.MsgNotFound("database", tasks, fresh), sandbox.FreshBotID)
	forever := func(k sandbox.FaultKind, prefix string) sandbox.Fault {
		return sandbox.Fault{Kind: k, PathPrefix: prefix}
	}

	return []dcase{
		// accessible
		{name: "database link with view 2025", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL, APIVersion: v25},
			verdict: Accessible, bot: acme, mention: tasks, objID: tasks, objType: TypeDatabase, use: tasksUse},
		{name: "database link with view 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL, APIVersion: v22},
			verdict: Accessible, bot: acme, mention: tasks, objID: tasks, objType: TypeDatabase, use: &Use{DatabaseID: tasks}},
		{name: "peek link names the database", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksRowPeekURL},
			verdict: Accessible, bot: acme, mention: row, objID: tasks, objType: TypeDatabase, use: tasksUse},
		{name: "peek link with expect page is the row", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksRowPeekURL, Expect: TypePage},
			verdict: Accessible, bot: acme, mention: sandbox.TasksRowTitle, objID: row, objType: TypePage,
			use: &Use{PageID: row, DatabaseID: tasks, DataSourceIDs: []string{tasksDS}}},
		{name: "peek link with the row's pasted 404", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksRowPeekURL, APIVersion: v22,
			ErrorText: errBody(404, "object_not_found", sandbox.MsgNotFound("page", row, ""), "")},
			verdict: Accessible, bot: acme, mention: row, objID: row, objType: TypePage, use: &Use{PageID: row, DatabaseID: tasks}, summary: "could not find"},
		{name: "block anchor", tok: sandbox.TokenValid, req: Request{Target: sandbox.TeamHomeParagraphURL},
			verdict: Accessible, bot: acme, mention: sandbox.TeamHomeTitle, objID: home, objType: TypePage, use: &Use{PageID: home}},
		{name: "block- anchor 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.TeamHomeURL + "#block-" + compact(para), APIVersion: v22},
			verdict: Accessible, bot: acme, mention: para, objID: home, objType: TypePage, use: &Use{PageID: home}},
		{name: "upper-case compact id", tok: sandbox.TokenValid, req: Request{Target: strings.ToUpper(compact(home))},
			verdict: Accessible, bot: acme, mention: home, objID: home, objType: TypePage, use: &Use{PageID: home}},
		{name: "dashed block id", tok: sandbox.TokenValid, req: Request{Target: para},
			verdict: Accessible, bot: acme, mention: para, objID: para, objType: TypeBlock, use: &Use{BlockID: para, PageID: home}},
		{name: "collection reference", tok: sandbox.TokenValid, req: Request{Target: "collection://" + tasksDS},
			verdict: Accessible, bot: acme, mention: tasksDS, objID: tasksDS, objType: TypeDataSource, use: &Use{DataSourceIDs: []string{tasksDS}, DatabaseID: tasks}},
		{name: "legacy token", tok: sandbox.TokenLegacy, req: Request{Target: sandbox.RoadmapURL, APIVersion: v22},
			verdict: Accessible, bot: acme, mention: sandbox.RoadmapTitle, objID: sandbox.RoadmapPageID, objType: TypePage, use: &Use{PageID: sandbox.RoadmapPageID}},
		{name: "trashed page", tok: sandbox.TokenValid, req: Request{Target: sandbox.TrashedPageURL},
			verdict: Accessible, bot: acme, mention: sandbox.TrashedPageID, objID: sandbox.TrashedPageID, objType: TypePage, use: &Use{PageID: sandbox.TrashedPageID}, summary: "trash"},
		{name: "flaky token after retries", tok: sandbox.TokenFlaky, req: Request{Target: sandbox.SprintBacklogURL},
			verdict: Accessible, bot: acme, mention: backlog, objID: backlog, objType: TypeDatabase, attempts: 2,
			use: &Use{DatabaseID: backlog, DataSourceIDs: []string{sandbox.SprintBacklogDataSourceID}}},

		// not_shared
		{name: "database link 2025", tok: sandbox.TokenValid, req: Request{Target: sandbox.FinanceURL, APIVersion: v25},
			verdict: NotShared, bot: acme, mention: sandbox.FinanceTitle},
		{name: "database link 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.FinanceURL, APIVersion: v22},
			verdict: NotShared, bot: acme, mention: finance},
		{name: "pasted 404 body with request_id", tok: sandbox.TokenValid, req: Request{Target: financeNotFound22, APIVersion: v22},
			verdict: NotShared, bot: acme, mention: finance},
		{name: "newer 404 naming the same integration", tok: sandbox.TokenValid,
			req:     Request{Target: sandbox.PrivateNotesURL, ErrorText: errBody(404, "object_not_found", sandbox.MsgNotFound("page", sandbox.PrivateNotesPageID, acme), sandbox.AcmeSyncBotID)},
			verdict: NotShared, bot: acme, mention: sandbox.PrivateNotesTitle},
		{name: "newer 404 with the same name, another integration_id", tok: sandbox.TokenValid, req: Request{Target: sandbox.FinanceURL,
			ErrorText: errBody(404, "object_not_found", sandbox.MsgNotFound("database", finance, acme), "0f0e0d0c-0b0a-8908-0706-050403020100")},
			verdict: NotShared, bot: acme, mention: finance},
		{name: "view id of an unshared database", tok: sandbox.TokenValid, req: Request{Target: compact(sandbox.FinanceViewID)},
			verdict: NotShared, bot: acme, mention: sandbox.FinanceViewID, summary: "GET /v1/views/{id} answered 404"},
		{name: "nothing shared", tok: sandbox.TokenNothingShared, req: Request{Target: sandbox.TeamHomeURL},
			verdict: NotShared, bot: fresh, mention: sandbox.TeamHomeTitle},
		{name: "no token, pasted 404", req: Request{Target: financeNotFound22}, verdict: NotShared, mention: finance, offline: true, summary: "The same 404 also means"},
		{name: "flaky token", tok: sandbox.TokenFlaky, req: Request{Target: sandbox.FinanceURL}, attempts: 2,
			verdict: NotShared, bot: acme, mention: finance},
		{name: "slug acme-corp for Acme Corp", tok: sandbox.TokenValid, rename: "Acme Corp",
			req:     Request{Target: strings.Replace(sandbox.FinanceURL, "/acme/", "/acme-corp/", 1)},
			verdict: NotShared, bot: acme, mention: finance},
		{name: "personal workspace slug", tok: sandbox.TokenValid, rename: "Jane Doe's Notion",
			req:     Request{Target: strings.Replace(sandbox.FinanceURL, "/acme/", "/jdoe/", 1)},
			verdict: NotShared, bot: acme, mention: finance, summary: "does not obviously match"},
		{name: "data source id under 2022 confirmed on every type", tok: sandbox.TokenValid,
			req: Request{Target: sandbox.FinanceDataSourceID, APIVersion: v22}, verdict: NotShared, bot: acme, mention: sandbox.FinanceDataSourceID},
		{name: "app's integration differs, this one can read it", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL, ErrorText: tasksNotFoundFresh},
			verdict: NotShared, bot: acme, mention: sandbox.TasksTitle, objID: tasks, objType: TypeDatabase, use: tasksUse, summary: `"` + fresh + `"`},

		// wrong_type
		{name: "holder page for a database 2025", tok: sandbox.TokenValid, req: Request{Target: sandbox.SprintBoardURL, Expect: TypeDatabase},
			verdict: WrongType, bot: acme, mention: backlog, objID: board, objType: TypePage, use: &Use{PageID: board, DatabaseID: backlog}, dbsHere: backlogHere},
		{name: "holder page for a database 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.SprintBoardURL, Expect: TypeDatabase, APIVersion: v22},
			verdict: WrongType, bot: acme, mention: backlog, objID: board, objType: TypePage, use: &Use{PageID: board, DatabaseID: backlog}, dbsHere: backlogHere},
		{name: "pasted is a page, not a database", tok: sandbox.TokenValid,
			req:     Request{Target: compact(board), ErrorText: errBody(400, "validation_error", sandbox.MsgIsPage(board), "")},
			verdict: WrongType, bot: acme, mention: sandbox.SprintBacklogTitle, objID: board, objType: TypePage, use: &Use{PageID: board, DatabaseID: backlog}, dbsHere: backlogHere},
		{name: "holder page for a data source", tok: sandbox.TokenValid, req: Request{Target: sandbox.SprintBoardURL, Expect: TypeDataSource},
			verdict: WrongType, bot: acme, mention: sandbox.SprintBacklogDataSourceID, objID: board, objType: TypePage,
			use: &Use{PageID: board, DatabaseID: backlog, DataSourceIDs: []string{sandbox.SprintBacklogDataSourceID}}, dbsHere: backlogHere},
		{name: "collection id where a database belongs", tok: sandbox.TokenValid, req: Request{Target: "collection://" + sandbox.PostsDataSourceID, Expect: TypeDatabase},
			verdict: WrongType, bot: acme, mention: cal, objID: sandbox.PostsDataSourceID, objType: TypeDataSource,
			use: &Use{DataSourceIDs: []string{sandbox.PostsDataSourceID}, DatabaseID: cal}},
		{name: "data source id in a 2022 app", tok: sandbox.TokenValid, req: Request{Target: tasksDS, Expect: TypeDatabase, APIVersion: v22},
			verdict: WrongType, bot: acme, mention: tasks, objID: tasksDS, objType: TypeDataSource, use: &Use{DataSourceIDs: []string{tasksDS}, DatabaseID: tasks}},
		{name: "database id where a data source belongs", tok: sandbox.TokenValid, req: Request{Target: tasks, Expect: TypeDataSource},
			verdict: WrongType, bot: acme, mention: tasksDS, objID: tasks, objType: TypeDatabase, use: tasksUse},
		{name: "pasted data_source 404 for a database id", tok: sandbox.TokenValid,
			req:     Request{Target: errBody(404, "object_not_found", sandbox.MsgNotFound("data_source", tasks, acme), sandbox.AcmeSyncBotID)},
			verdict: WrongType, bot: acme, mention: tasksDS, objID: tasks, objType: TypeDatabase, use: tasksUse},
		{name: "row where a database belongs 2025", tok: sandbox.TokenValid, req: Request{Target: row, Expect: TypeDatabase},
			verdict: WrongType, bot: acme, mention: tasks, objID: row, objType: TypePage, use: &Use{PageID: row, DatabaseID: tasks, DataSourceIDs: []string{tasksDS}}},
		{name: "row where a database belongs 2022", tok: sandbox.TokenValid, req: Request{Target: strings.ToUpper(row), Expect: TypeDatabase, APIVersion: v22},
			verdict: WrongType, bot: acme, mention: tasks, objID: row, objType: TypePage, use: &Use{PageID: row, DatabaseID: tasks}},
		{name: "block where a page belongs", tok: sandbox.TokenValid, req: Request{Target: para, Expect: TypePage},
			verdict: WrongType, bot: acme, mention: para, objID: para, objType: TypeBlock, use: &Use{BlockID: para, PageID: home}},
		{name: "pasted is a database, not a page", tok: sandbox.TokenValid,
			req:     Request{Target: tasks, ErrorText: sandbox.MsgIsDatabase(tasks), APIVersion: v22},
			verdict: WrongType, bot: acme, mention: tasks, objID: tasks, objType: TypeDatabase, use: &Use{DatabaseID: tasks}},
		{name: "view reference without a token", req: Request{Target: "view://" + sandbox.TasksViewID},
			verdict: WrongType, mention: sandbox.TasksViewID, offline: true},

		// unsupported_in_api_version
		{name: "several data sources under 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.ContentCalendarURL, APIVersion: v22},
			verdict: UnsupportedInAPIVersion, mention: sandbox.ContentCalendarTitle, objID: cal, objType: TypeDatabase, summary: `"` + acme + `"`,
			use: &Use{DatabaseID: cal, DataSourceIDs: []string{sandbox.PostsDataSourceID, sandbox.CampaignsDataSourceID}}},
		{name: "pasted multiple data sources", tok: sandbox.TokenValid, req: Request{Target: cal, ErrorText: errBody(400, "validation_error", sandbox.MsgMultipleDataSources, ""), APIVersion: v22},
			verdict: UnsupportedInAPIVersion, mention: sandbox.PostsDataSourceID, objID: cal, objType: TypeDatabase,
			use: &Use{DatabaseID: cal, DataSourceIDs: []string{sandbox.PostsDataSourceID, sandbox.CampaignsDataSourceID}}},
		{name: "collection reference under 2022", tok: sandbox.TokenValid, req: Request{Target: "collection://" + tasksDS, APIVersion: v22},
			verdict: UnsupportedInAPIVersion, bot: acme, mention: tasks, objID: tasksDS, objType: TypeDataSource, use: &Use{DataSourceIDs: []string{tasksDS}, DatabaseID: tasks}},
		{name: "data source of a multi-source database under 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.PostsDataSourceID, Expect: TypeDatabase, APIVersion: v22},
			verdict: UnsupportedInAPIVersion, bot: acme, mention: sandbox.PostsDataSourceID, objID: sandbox.PostsDataSourceID, objType: TypeDataSource,
			use: &Use{DataSourceIDs: []string{sandbox.PostsDataSourceID}, DatabaseID: cal}},

		// missing_capability
		{name: "restricted 2025", tok: sandbox.TokenRestricted, req: Request{Target: sandbox.TasksURL},
			verdict: MissingCapability, bot: limited, mention: tasks},
		{name: "restricted 2022", tok: sandbox.TokenRestricted, req: Request{Target: sandbox.TeamHomeURL, APIVersion: v22},
			verdict: MissingCapability, bot: limited, mention: home},
		{name: "no read content: 403 on retrieve", tok: sandbox.TokenNoReadContent, req: Request{Target: sandbox.TasksURL},
			verdict: MissingCapability, bot: meta, mention: tasks, summary: "Read content"},
		{name: "no read content: stripped database", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL},
			faults:  []sandbox.Fault{{Kind: sandbox.FaultStripped}},
			verdict: MissingCapability, bot: acme, mention: tasks, objID: tasks, objType: TypeDatabase},
		{name: "no read content: stripped page 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.SprintBoardURL, Expect: TypeDatabase, APIVersion: v22},
			faults:  []sandbox.Fault{{Kind: sandbox.FaultStripped, PathPrefix: "/v1/pages"}},
			verdict: MissingCapability, bot: acme, mention: board, objID: board, objType: TypePage},
		{name: "offline pasted 403", req: Request{Target: tasks, ErrorText: errBody(403, "restricted_resource", sandbox.MsgRestricted, "")},
			verdict: MissingCapability, mention: tasks, offline: true},

		// token_invalid
		{name: "revoked", tok: sandbox.TokenRevoked, req: Request{Target: sandbox.TasksURL}, verdict: TokenInvalid, mention: tasks},
		{name: "only quotes", tok: `""`, req: Request{Target: sandbox.TasksURL}, verdict: TokenInvalid, mention: tasks, offline: true},
		{name: "offline pasted 401", req: Request{Target: sandbox.TasksURL, ErrorText: errBody(401, "unauthorized", sandbox.MsgUnauthorized, "")},
			verdict: TokenInvalid, mention: tasks, offline: true},

		// token_missing
		{name: "no token, no error", req: Request{Target: sandbox.TasksURL}, verdict: TokenMissing, mention: tasks, offline: true},
		{name: "token_env not set", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL, Token: token.Request{TokenEnv: "ACME_NOTION"}},
			verdict: TokenMissing, mention: tasks, offline: true},

		// invalid_input
		{name: "no id", tok: sandbox.TokenValid, req: Request{Target: "the Tasks database in our team space"}, verdict: InvalidInput, offline: true},
		{name: "a token instead of an id", tok: sandbox.TokenValid, req: Request{Target: sandbox.TokenOtherWorkspace}, verdict: InvalidInput, offline: true},
		{name: "pasted should be a valid uuid", tok: sandbox.TokenValid,
			req:     Request{Target: errBody(400, "validation_error", sandbox.MsgInvalidUUID("database_id", compact(tasks)+"?v="+compact(sandbox.TasksViewID)), "")},
			verdict: InvalidInput, bot: acme, mention: tasks, objID: tasks, objType: TypeDatabase, use: tasksUse},
		{name: "offline should be a valid uuid", req: Request{Target: sandbox.MsgInvalidUUID("database_id", sandbox.TasksURL)},
			verdict: InvalidInput, mention: compact(tasks), offline: true, use: &Use{DatabaseID: tasks}},

		// linked_database
		{name: "offline pasted linked database", req: Request{Target: errBody(400, "validation_error", "Database with ID "+cal+" is a linked database. Database retrievals do not support linked databases.", "")},
			verdict: LinkedDatabase, mention: "source database", offline: true},

		// workspace_mismatch
		{name: "Globex token, Acme link 2025", tok: sandbox.TokenOtherWorkspace, req: Request{Target: sandbox.TasksURL},
			verdict: WorkspaceMismatch, bot: globex, mention: tasks},
		{name: "Globex token, Acme link 2022", tok: sandbox.TokenOtherWorkspace, req: Request{Target: sandbox.TeamHomeURL, APIVersion: v22},
			verdict: WorkspaceMismatch, bot: globex, mention: sandbox.TeamHomeTitle},
		{name: "Acme token, Globex link", tok: sandbox.TokenValid, req: Request{Target: sandbox.GlobexCRMURL},
			verdict: WorkspaceMismatch, bot: acme, mention: sandbox.GlobexCRMDatabaseID},
		{name: "Acme token, Globex link 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.GlobexWikiURL, APIVersion: v22},
			verdict: WorkspaceMismatch, bot: acme, mention: sandbox.GlobexWikiTitle},
		{name: "app's 404 names another integration", tok: sandbox.TokenNothingShared, req: Request{Target: tasks, ErrorText: errBody(404, "object_not_found", sandbox.MsgNotFound("database", tasks, acme), sandbox.AcmeSyncBotID)},
			verdict: WorkspaceMismatch, bot: fresh, mention: tasks},

		// rate_limited
		{name: "rate-limited token", tok: sandbox.TokenRateLimited, req: Request{Target: sandbox.TasksURL}, verdict: RateLimited, mention: tasks, summary: "30s"},
		{name: "429 on the probes", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL},
			faults:  []sandbox.Fault{{Kind: sandbox.Fault429, PathPrefix: "/v1/pages", RetryAfter: "1"}, {Kind: sandbox.Fault429, PathPrefix: "/v1/databases", RetryAfter: "1"}, {Kind: sandbox.Fault429, PathPrefix: "/v1/data_sources", RetryAfter: "1"}},
			verdict: RateLimited, bot: acme, mention: tasks, attempts: 3},

		// api_unreachable
		{name: "HTML 502 forever", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL}, faults: []sandbox.Fault{forever(sandbox.FaultHTML502, "")},
			verdict: APIUnreachable, mention: tasks, attempts: 3},
		{name: "503 on one probe: 404s not confirmed", tok: sandbox.TokenValid, req: Request{Target: sandbox.FinanceURL}, faults: []sandbox.Fault{forever(sandbox.Fault503, "/v1/databases")},
			verdict: APIUnreachable, bot: acme, mention: finance, attempts: 3},
		{name: "block probe hangs", tok: sandbox.TokenValid, req: Request{Target: sandbox.FinanceURL, APIVersion: v22},
			faults: []sandbox.Fault{forever(sandbox.FaultHang, "/v1/blocks")}, opts: sessionOpts{timeout: 100e6},
			verdict: APIUnreachable, bot: acme, mention: finance},
	}
}
