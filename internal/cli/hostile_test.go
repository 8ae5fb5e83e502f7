package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
)

const cliEchoedToken = "ntn_" + "77701234567" + "EchoedToTermQ7w2XZ9kLmN4pR8sT1vY3bc"

// runAgainst runs a command against h with cliEchoedToken in NOTION_TOKEN.
func runAgainst(t *testing.T, h sandboxtest.Hostile, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	srv := h.Server(t)
	var out, errs bytes.Buffer
	env := map[string]string{"NOTION_TOKEN": cliEchoedToken, "NOTION_BASE_URL": srv.URL}
	code = Main(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errs.String()
}

// TestCLIOutputRedacted: what a command prints passes through the same
// redaction as tool results: a server echoing the token into titles, the
// bot's name or an error shows none of it, in text or JSON.
func TestCLIOutputRedacted(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    sandboxtest.Hostile
		args []string
	}{
		{"databases", sandboxtest.Hostile{EchoToken: true, Results: 3}, []string{"databases"}},
		{"databases --json", sandboxtest.Hostile{EchoToken: true, Results: 3}, []string{"databases", "--json"}},
		{"token", sandboxtest.Hostile{EchoToken: true}, []string{"token"}},
		{"databases error", sandboxtest.Hostile{ErrorEcho: true}, []string{"databases"}},
		{"doctor", sandboxtest.Hostile{EchoToken: true, Results: 3}, []string{"doctor"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stdout, stderr := runAgainst(t, tc.h, append(tc.args, "--log-level", "debug")...)
			for i := 0; i+8 <= len(cliEchoedToken); i++ {
				if run := cliEchoedToken[i : i+8]; strings.Contains(stdout+stderr, run) {
					t.Fatalf("output holds %q of the token:\n%s\n%s", run, stdout, stderr)
				}
			}
			if stdout+stderr == "" {
				t.Errorf("no output; stderr:\n%s", stderr)
			}
		})
	}
}
