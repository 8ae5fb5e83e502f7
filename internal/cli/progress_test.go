package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestProgressLine: databases draws a progress line on stderr when it is a
// terminal, erases it before the result, and draws nothing with --json or
// when stderr is not a terminal. The sandbox's latency makes the listing
// last several redraws.
func TestProgressLine(t *testing.T) {
	t.Parallel() // its commands wait for the sandbox's latency
	env := map[string]string{"NOTION_MCP_SANDBOX_DATABASES": "40", "NOTION_MCP_SANDBOX_LATENCY": "40ms"}
	for _, tc := range []struct {
		name     string
		terminal bool
		args     []string
		want     bool
	}{
		{"terminal", true, []string{"databases", "--demo"}, true},
		{"terminal json", true, []string{"databases", "--demo", "--json"}, false},
		{"not a terminal", false, []string{"databases", "--demo"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			code := Main(context.Background(), tc.args, IO{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] },
				Terminal: func() bool { return tc.terminal }})
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			drew := strings.Contains(errb.String(), "databases: ") && strings.Contains(errb.String(), "requests")
			if drew != tc.want {
				t.Errorf("progress drawn %v, want %v; stderr %q", drew, tc.want, errb.String())
			}
			if tc.want && !strings.HasSuffix(errb.String(), "\r\033[K") {
				t.Errorf("the line was not erased: %q", errb.String())
			}
			if strings.Contains(out.String(), "\r") {
				t.Errorf("progress reached stdout")
			}
		})
	}
}
