package tools

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestCallDeadline: every call ends at the server's call deadline, whether
// Notion hangs (the handler stops on its context) or a handler ignores its
// context altogether (the call is answered without it).
func TestCallDeadline(t *testing.T) {
	t.Parallel() // mostly waiting for deadlines
	r := newFaultRig(t, faultRigOptions{
		env:         map[string]string{"NOTION_TOKEN": sandbox.TokenValid},
		timeout:     time.Minute, // one request would wait far longer than the call may
		callTimeout: 300 * time.Millisecond,
	})
	r.ws.Inject(sandbox.Fault{Kind: sandbox.FaultHang})
	// A handler that ignores its context, for the second subtest.
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	r.srv.AddTool(mcp.NewTool("stuck"), func(ctx context.Context, _ mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		<-release
		return mcp.NewToolResultText("too late"), nil
	})

	// The two subtests wait at the same time.
	t.Run("Notion hangs", func(t *testing.T) {
		t.Parallel()
		for _, tool := range []string{"validate_token", "list_shared_databases", "diagnose_access"} {
			args := map[string]any{"refresh": true}
			switch tool {
			case "validate_token":
				args = map[string]any{}
			case "diagnose_access":
				args = map[string]any{"target": sandbox.TasksURL}
			}
			start := time.Now()
			// The test's own context allows a minute: only the server's deadline
			// can end the call in time.
			res := r.call(t, time.Minute, tool, args)
			took := time.Since(start)
			if took > 3*time.Second {
				t.Errorf("%s: answered after %s; the call deadline is 300ms", tool, took)
			}
			if !strings.Contains(res.raw, "deadline") && !strings.Contains(res.raw, "unreachable") && !strings.Contains(res.raw, "api_unreachable") {
				t.Errorf("%s: the answer does not say the deadline passed: %s", tool, res.raw)
			}
		}
	})

	t.Run("a handler ignores its context", func(t *testing.T) {
		t.Parallel()
		start := time.Now()
		res := r.call(t, time.Minute, "stuck", map[string]any{})
		if took := time.Since(start); took > 300*time.Millisecond+overstay+2*time.Second {
			t.Errorf("a stuck handler held the call for %s", took)
		}
		if !res.IsError || !strings.Contains(res.Text, "did not finish within its deadline of 300ms (--call-timeout)") {
			t.Errorf("stuck handler: %s", res.raw)
		}
	})
}
