package diagnose

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// env is an environment for session.Config.Getenv.
type env = sandboxtest.Env

// sessionOpts tunes newSession; the zero value is fine.
type sessionOpts struct {
	rt      http.RoundTripper // default ws.Transport()
	timeout time.Duration     // per request; default 5s
}

// newSession builds a session on ws whose clients never really wait.
func newSession(t testing.TB, ws *sandbox.Workspace, e env, o sessionOpts) *session.Session {
	t.Helper()
	return sandboxtest.Session(t, ws, e, sandboxtest.Options{Transport: o.rt, Timeout: o.timeout})
}

// inflight is a RoundTripper that records the most requests it saw at once.
// With gate > 0 it is also a barrier: the probes (every request but
// users/me) are held until gate of them are in flight together, then the
// gate stays open. Probes sent one after another are each released after
// gateWait instead, and Max stays under gate: parallelism is proven without
// real latency, and a passing run never waits.
type inflight struct {
	next http.RoundTripper
	gate int
	mu   sync.Mutex
	cur  int
	max  int
	open chan struct{} // closed when gate requests were held at once
}

// gateWait bounds how long a probe is held at a gate that never opens.
const gateWait = 5 * time.Second

func (f *inflight) RoundTrip(r *http.Request) (*http.Response, error) {
	held := f.gate > 0 && !strings.HasPrefix(r.URL.Path, "/v1/users/")
	f.mu.Lock()
	if f.open == nil {
		f.open = make(chan struct{})
	}
	open := f.open
	f.cur++
	f.max = max(f.max, f.cur)
	if held && f.cur >= f.gate {
		select {
		case <-open:
		default:
			close(open)
		}
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.cur--
		f.mu.Unlock()
	}()
	if held {
		t := time.NewTimer(gateWait)
		select {
		case <-open:
		case <-t.C:
		case <-r.Context().Done():
		}
		t.Stop()
	}
	return f.next.RoundTrip(r)
}

func (f *inflight) Max() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.max
}

// renameWorkspace makes users/me report another workspace name, as a
// workspace whose name differs from its URL slug would.
type renameWorkspace struct {
	next http.RoundTripper
	name string
}

func (rw renameWorkspace) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := rw.next.RoundTrip(r)
	if err != nil || r.URL.Path != "/v1/users/me" || resp.StatusCode != 200 {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	q, _ := json.Marshal(rw.name)
	b = bytes.Replace(b, []byte(`"workspace_name":"`+sandbox.AcmeWorkspaceName+`"`), append([]byte(`"workspace_name":`), q...), 1)
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// allTokens are the sandbox's secrets; no result may contain any of them.
var allTokens = []string{
	sandbox.TokenValid, sandbox.TokenLegacy, sandbox.TokenRevoked, sandbox.TokenNoReadContent,
	sandbox.TokenRestricted, sandbox.TokenRateLimited, sandbox.TokenFlaky, sandbox.TokenOtherWorkspace,
	sandbox.TokenNothingShared, sandbox.TokenDemo, sandbox.TokenPersonal,
}

// assertNoSecret fails if out holds any 12-character slice of a token.
func assertNoSecret(t *testing.T, out []byte, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		for i := 0; i+12 <= len(s); i++ {
			if bytes.Contains(out, []byte(s[i:i+12])) {
				t.Fatalf("the result holds %q, a slice of a token (fingerprint %s)", s[i:i+12], token.Fingerprint(s))
			}
		}
	}
}

// stepsSay reports whether some step contains s.
func stepsSay(steps []string, s string) bool {
	for _, st := range steps {
		if strings.Contains(st, s) {
			return true
		}
	}
	return false
}

// diagnoseWant runs Diagnose on ws with tok as NOTION_TOKEN (none when
// empty), checks the result leaks no token and has the verdict want, and
// returns it with its indented JSON for failure messages.
func diagnoseWant(t *testing.T, ws *sandbox.Workspace, tok string, o sessionOpts, req Request, want string) (*Result, []byte) {
	t.Helper()
	e := env{}
	if tok != "" {
		e["NOTION_TOKEN"] = tok
	}
	r, err := Diagnose(context.Background(), newSession(t, ws, e, o), req)
	if err != nil {
		t.Fatalf("Diagnose: %v", err)
	}
	out, _ := json.MarshalIndent(r, "", "  ")
	assertNoSecret(t, out, allTokens...)
	if r.Verdict != want {
		t.Fatalf("verdict %s, want %s\n%s", r.Verdict, want, out)
	}
	return r, out
}
