package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/diagnose"
)

// TestDoctorPastedError: doctor reads a pasted error through the same code
// as diagnose_access, and explains it without a token.
func TestDoctorPastedError(t *testing.T) {
	var out, errb bytes.Buffer
	pasted := "notion_client.errors.APIResponseError: Could not find database with ID: XXX"
	code := Main(context.Background(), []string{"doctor", "--json", pasted}, IO{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" },
	})
	if code != 1 {
		t.Fatalf("exit %d, want 1 (no token, something to fix); stderr: %s", code, errb.String())
	}
	var rep doctorReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || len(rep.Diagnoses) != 1 {
		t.Fatalf("output %s: %v", out.String(), err)
	}
	d := rep.Diagnoses[0]
	if d.Verdict != diagnose.NotShared || d.CheckedLive || !strings.Contains(d.Summary, "masked") {
		t.Errorf("diagnosis %+v", d)
	}

	out.Reset()
	code = Main(context.Background(), []string{"doctor", "HTTP 429 Too Many Requests"}, IO{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" },
	})
	if code != 1 || !strings.Contains(out.String(), "[rate_limited] (from the pasted text)") {
		t.Errorf("exit %d, output:\n%s", code, out.String())
	}
}
