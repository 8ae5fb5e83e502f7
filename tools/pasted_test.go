package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestPastedErrorOverMCP: diagnose_access explains a pasted error over MCP
// without a token, and its structuredContent carries what was read
// (pasted_error) with the schema's enums.
func TestPastedErrorOverMCP(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   map[string]any
		fields map[string]string
		says   string
	}{
		{"masked 404 from the Python SDK", map[string]any{"target": "notion_client.errors.APIResponseError: Could not find database with ID: XXX"},
			map[string]string{"verdict": "not_shared", "checked_live": "false", "pasted_error.kind": "object_not_found",
				"pasted_error.wrapper": "python_notion_client", "pasted_error.id_state": "masked", "pasted_error.object": "database"}, "masked"},
		{"uuid error in the error argument", map[string]any{"target": sandbox.TasksURL,
			"error": "path failed validation: path.database_id should be a valid uuid, instead was `\"" + strings.ReplaceAll(sandbox.TasksDatabaseID, "-", "") + "?\"`."},
			map[string]string{"verdict": "invalid_input", "use.database_id": sandbox.TasksDatabaseID, "pasted_error.kind": "invalid_uuid",
				"pasted_error.field": "path.database_id"}, "Trim the value"},
		{"code alone", map[string]any{"target": "rate_limited"},
			map[string]string{"verdict": "rate_limited", "pasted_error.wrapper": "code_only"}, "Retry-After"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rig := newFaultRig(t, faultRigOptions{env: map[string]string{}})
			res := rig.call(t, 10*time.Second, "diagnose_access", c.args)
			if res.IsError || res.RPCError != "" {
				t.Fatalf("error: %s", res.raw)
			}
			for path, want := range c.fields {
				if got := dotted(res.Structured, path); got != want {
					t.Errorf("%s = %q, want %q\n%s", path, got, want, res.Text)
				}
			}
			if !strings.Contains(res.Text, c.says) {
				t.Errorf("result lacks %q:\n%s", c.says, res.Text)
			}
			if n := len(rig.ws.Requests()); n != 0 {
				t.Errorf("%d requests reached Notion without a token", n)
			}
		})
	}
}
