package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestLate2026OverMCP runs the behaviours Notion added by late 2026 through
// the MCP layer, as a client sees them: personal access tokens, views,
// linked databases, overloads, workspace limits, edge blocks, the 403 of a
// missing Read content, and incomplete listings.
func TestLate2026OverMCP(t *testing.T) {
	type mcase struct {
		name   string
		tok    string
		fault  *sandbox.Fault
		tool   string
		args   map[string]any
		fields map[string]string // dotted structuredContent paths and the values wanted
		says   string            // a phrase the JSON text must hold
		never  string            // a phrase it must not hold
	}
	compact := func(id string) string { return strings.ReplaceAll(id, "-", "") }
	cases := []mcase{
		{name: "PAT validate_token", tok: sandbox.TokenPersonal, tool: "validate_token", args: map[string]any{},
			fields: map[string]string{"status": "valid", "kind": "personal_access_token", "person.name": sandbox.UserAdaName},
			says:   "one year", never: "Add connections"},
		{name: "PAT diagnose 404", tok: sandbox.TokenPersonal, tool: "diagnose_access", args: map[string]any{"target": sandbox.FinanceURL, "api_version": "2022-06-28"},
			fields: map[string]string{"verdict": "not_shared", "integration.kind": "personal_access_token"}, says: "cannot open it", never: "Add connections"},
		{name: "PAT listing", tok: sandbox.TokenPersonal, tool: "list_shared_databases", args: map[string]any{},
			fields: map[string]string{"integration.kind": "personal_access_token", "complete": "true"}},
		{name: "view alone", tok: sandbox.TokenValid, tool: "diagnose_access", args: map[string]any{"target": "?v=" + compact(sandbox.TasksViewID)},
			fields: map[string]string{"verdict": "wrong_type", "object.type": "view", "use.database_id": sandbox.TasksDatabaseID}},
		{name: "linked database 2025", tok: sandbox.TokenValid, tool: "diagnose_access", args: map[string]any{"target": sandbox.LinkedTasksURL},
			fields: map[string]string{"verdict": "linked_database", "use.database_id": sandbox.TasksDatabaseID}, says: "↗"},
		{name: "linked database 2022", tok: sandbox.TokenValid, tool: "diagnose_access", args: map[string]any{"target": sandbox.LinkedTasksDatabaseID, "api_version": "2022-06-28"},
			fields: map[string]string{"verdict": "linked_database", "use.database_id": sandbox.TasksDatabaseID}},
		{name: "529", tok: sandbox.TokenValid, fault: &sandbox.Fault{Kind: sandbox.Fault529, RetryAfter: "120"}, tool: "diagnose_access", args: map[string]any{"target": sandbox.TasksURL},
			fields: map[string]string{"verdict": "rate_limited"}, says: "overloaded", never: "status.notion.so"},
		{name: "workspace 429", tok: sandbox.TokenValid, fault: &sandbox.Fault{Kind: sandbox.Fault429Workspace, PathPrefix: "/v1/databases"}, tool: "diagnose_access",
			args: map[string]any{"target": sandbox.TasksURL, "api_version": "2022-06-28"}, fields: map[string]string{"verdict": "rate_limited"}, says: "whole workspace", never: "give it its own integration"},
		{name: "Cloudflare 403", tok: sandbox.TokenValid, fault: &sandbox.Fault{Kind: sandbox.FaultHTML403}, tool: "diagnose_access", args: map[string]any{"target": sandbox.TasksURL},
			fields: map[string]string{"verdict": "api_unreachable"}, says: "network rule blocked", never: "Capabilities"},
		{name: "403 Read content", tok: sandbox.TokenNoReadContent, tool: "diagnose_access", args: map[string]any{"target": sandbox.TasksURL},
			fields: map[string]string{"verdict": "missing_capability"}, says: "Read content"},
		{name: "incomplete list", tok: sandbox.TokenValid, fault: &sandbox.Fault{Kind: sandbox.FaultIncomplete}, tool: "list_shared_databases", args: map[string]any{"api_version": "2022-06-28"},
			fields: map[string]string{"complete": "false", "incomplete_reason": "notion_incomplete"}, says: "only guarantees objects shared directly"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rig := newFaultRig(t, faultRigOptions{env: map[string]string{"NOTION_TOKEN": c.tok}})
			if c.fault != nil {
				rig.ws.Inject(*c.fault)
			}
			res := rig.call(t, 10*time.Second, c.tool, c.args)
			if res.IsError || res.RPCError != "" {
				t.Fatalf("error: %s", res.raw)
			}
			for path, want := range c.fields {
				if got := dotted(res.Structured, path); got != want {
					t.Errorf("%s = %q, want %q\n%s", path, got, want, res.Text)
				}
			}
			if c.says != "" && !strings.Contains(res.Text, c.says) {
				t.Errorf("result lacks %q:\n%s", c.says, res.Text)
			}
			if c.never != "" && strings.Contains(res.Text, c.never) {
				t.Errorf("result says %q:\n%s", c.never, res.Text)
			}
		})
	}
}

// dotted reads a dotted path of a decoded JSON object as text.
func dotted(m map[string]any, path string) string {
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = o[k]
	}
	switch v := cur.(type) {
	case string:
		return v
	case bool:
		if v {
			return "true"
		}
		return "false"
	case nil:
		return ""
	}
	return "?"
}
