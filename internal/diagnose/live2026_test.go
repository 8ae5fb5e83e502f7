package diagnose

import (
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestDiagnoseLate2026 runs the live behaviours Notion added or changed by
// late 2026 against the sandbox, in both API generations where they differ:
// personal access tokens, views, linked databases, 529, workspace 429s,
// edge blocks, and the 403 of a missing Read content capability.
func TestDiagnoseLate2026(t *testing.T) {
	const (
		acme, ada      = sandbox.AcmeSyncName, sandbox.UserAdaName
		tasks, tasksDS = sandbox.TasksDatabaseID, sandbox.TasksDataSourceID
		linked, linkFi = sandbox.LinkedTasksDatabaseID, sandbox.LinkedFinanceDatabaseID
	)
	tasksUse := &Use{DatabaseID: tasks, DataSourceIDs: []string{tasksDS}}
	noConnections := func(t *testing.T, r *Result) {
		t.Helper()
		if r.Integration == nil || r.Integration.Kind != notion.KindPAT || !strings.Contains(r.Integration.Expiry, "one year") {
			t.Errorf("integration %+v: want kind personal_access_token and its expiry", r.Integration)
		}
		for _, s := range append([]string{r.Summary}, r.Steps...) {
			if strings.Contains(s, "Add connections") {
				t.Errorf("a personal access token needs no sharing, yet: %s", s)
			}
		}
	}
	internal := func(t *testing.T, r *Result) {
		t.Helper()
		if r.Integration == nil || r.Integration.Kind != notion.KindInternal || r.Integration.Expiry != "" {
			t.Errorf("integration %+v: want kind internal", r.Integration)
		}
	}
	never := func(phrases ...string) func(t *testing.T, r *Result) {
		return func(t *testing.T, r *Result) {
			t.Helper()
			for _, s := range append([]string{r.Summary}, r.Steps...) {
				for _, p := range phrases {
					if strings.Contains(s, p) {
						t.Errorf("%q must not be said: %s", p, s)
					}
				}
			}
		}
	}
	on := func(k sandbox.FaultKind, prefix string) []sandbox.Fault {
		return []sandbox.Fault{{Kind: k, PathPrefix: prefix}}
	}
	cases := []dcase{
		// personal access tokens
		{name: "PAT reads what its person opens, unshared", tok: sandbox.TokenPersonal, req: Request{Target: sandbox.PrivateNotesURL},
			verdict: Accessible, bot: ada, mention: sandbox.PrivateNotesTitle, objID: sandbox.PrivateNotesPageID, objType: TypePage,
			use: &Use{PageID: sandbox.PrivateNotesPageID}, extra: noConnections},
		{name: "PAT 404 2025", tok: sandbox.TokenPersonal, req: Request{Target: sandbox.FinanceURL},
			verdict: NotShared, mention: sandbox.FinanceTitle, summary: "personal access token of \"" + ada + "\"", extra: noConnections},
		{name: "PAT 404 2022", tok: sandbox.TokenPersonal, req: Request{Target: sandbox.FinanceURL, APIVersion: v22},
			verdict: NotShared, mention: ada, summary: "cannot open it", extra: noConnections},
		{name: "PAT linked view of an unopenable database", tok: sandbox.TokenPersonal, req: Request{Target: linkFi},
			verdict: LinkedDatabase, objID: linkFi, objType: TypeDatabase, mention: "↗", extra: noConnections},
		{name: "internal connection is said so", tok: sandbox.TokenValid, req: Request{Target: sandbox.TeamHomeURL},
			verdict: Accessible, bot: acme, objID: sandbox.TeamHomePageID, objType: TypePage, use: &Use{PageID: sandbox.TeamHomePageID}, extra: internal},

		// views
		{name: "bare view id 2025", tok: sandbox.TokenValid, req: Request{Target: compact(sandbox.TasksViewID)},
			verdict: WrongType, bot: acme, mention: tasks, objID: sandbox.TasksViewID, objType: TypeView, use: tasksUse},
		{name: "bare view id 2022 asks views with 2025-09-03", tok: sandbox.TokenValid, req: Request{Target: sandbox.SprintBacklogViewID, APIVersion: v22},
			verdict: WrongType, bot: acme, mention: sandbox.SprintBacklogDatabaseID, objID: sandbox.SprintBacklogViewID, objType: TypeView,
			use: &Use{DatabaseID: sandbox.SprintBacklogDatabaseID, DataSourceIDs: []string{sandbox.SprintBacklogDataSourceID}}},
		{name: "?v= alone", tok: sandbox.TokenValid, req: Request{Target: "?v=" + compact(sandbox.TasksViewID)},
			verdict: WrongType, bot: acme, mention: tasks, objID: sandbox.TasksViewID, objType: TypeView, use: tasksUse},
		{name: "view reference", tok: sandbox.TokenValid, req: Request{Target: "view://" + sandbox.ContentCalendarViewID},
			verdict: WrongType, bot: acme, mention: sandbox.ContentCalendarDatabaseID, objID: sandbox.ContentCalendarViewID, objType: TypeView,
			use: &Use{DatabaseID: sandbox.ContentCalendarDatabaseID, DataSourceIDs: []string{sandbox.PostsDataSourceID}}},
		{name: "view of a linked database names the source", tok: sandbox.TokenValid, req: Request{Target: "view://" + sandbox.LinkedTasksViewID},
			verdict: WrongType, bot: acme, mention: tasks, objID: sandbox.LinkedTasksViewID, objType: TypeView, use: tasksUse, summary: "linked database"},

		// linked databases
		{name: "linked database 2022", tok: sandbox.TokenValid, req: Request{Target: linked, APIVersion: v22},
			verdict: LinkedDatabase, mention: tasks, objID: linked, objType: TypeDatabase, use: &Use{DatabaseID: tasks}, summary: "is a linked database"},
		{name: "linked database 2025", tok: sandbox.TokenValid, req: Request{Target: sandbox.LinkedTasksURL},
			verdict: LinkedDatabase, mention: tasksDS, objID: linked, objType: TypeDatabase, use: tasksUse, summary: "data source is not shared"},
		{name: "linked database 2026, source not shared", tok: sandbox.TokenValid, req: Request{Target: sandbox.LinkedFinanceURL, APIVersion: notion.V20260311},
			verdict: LinkedDatabase, bot: acme, mention: "↗", objID: linkFi, objType: TypeDatabase, summary: "No database titled"},
		{name: "linked database, source not shared 2022", tok: sandbox.TokenValid, req: Request{Target: linkFi, APIVersion: v22},
			verdict: LinkedDatabase, bot: acme, mention: "↗", objID: linkFi, objType: TypeDatabase, summary: "No database titled \"Finance\""},

		// limits, overloads, blocks
		{name: "529 on the probes", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL}, faults: on(sandbox.Fault529, "/v1/"),
			verdict: RateLimited, mention: tasks, summary: "overloaded", attempts: 3, extra: never("outage?", "status.notion.so")},
		{name: "529 on users/me", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL}, faults: on(sandbox.Fault529, "/v1/users/me"),
			verdict: RateLimited, mention: tasks, summary: "not an outage", attempts: 3},
		{name: "workspace 429 on users/me", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL}, faults: on(sandbox.Fault429Workspace, "/v1/users/me"),
			verdict: RateLimited, mention: tasks, summary: "whole workspace", extra: never("give it its own integration", "pause it or give it")},
		{name: "workspace 429 on the probes 2022", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL, APIVersion: v22}, faults: on(sandbox.Fault429Workspace, "/v1/databases"),
			verdict: RateLimited, mention: "does not help", summary: sandbox.RateLimitReasonWorkspace, extra: never("give it its own integration")},
		{name: "Cloudflare 403 on the probes", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL}, faults: append(on(sandbox.FaultHTML403, "/v1/pages"), on(sandbox.FaultHTML403, "/v1/d")...),
			verdict: APIUnreachable, mention: tasks, summary: "network rule blocked", extra: never("Capabilities", "Read content")},
		{name: "Cloudflare 403 on users/me", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL, APIVersion: v22}, faults: on(sandbox.FaultHTML403, "/v1/users/me"),
			verdict: APIUnreachable, mention: tasks, summary: "proxy, VPN, firewall"},
		{name: "403 on users/me is no capability", tok: sandbox.TokenValid, req: Request{Target: sandbox.TasksURL}, faults: on(sandbox.Fault403Restricted, "/v1/users/me"),
			verdict: TokenInvalid, mention: tasks, summary: "not a missing capability", extra: never("enable Read content")},
		{name: "403 Read content 2022", tok: sandbox.TokenNoReadContent, req: Request{Target: sandbox.TeamHomeURL, APIVersion: v22},
			verdict: MissingCapability, bot: sandbox.AcmeMetadataName, mention: "Read content", summary: "Read content"},
	}
	for _, c := range cases {
		t.Run(c.verdict+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			runCase(t, c)
		})
	}
}
