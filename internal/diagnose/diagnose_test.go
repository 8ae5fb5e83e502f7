package diagnose

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// dcase is one diagnosis against the sandbox and what it must conclude.
type dcase struct {
	name    string
	tok     string // put in NOTION_TOKEN; "" leaves the environment empty
	req     Request
	faults  []sandbox.Fault
	opts    sessionOpts
	rename  string // users/me reports this workspace name instead of Acme's
	verdict string

	bot      string // the integration named in the steps; "" when unknown
	mention  string // the object (title, URL or ID) named in the steps
	objID    string // Object.ID; "" means no Object
	objType  string
	use      *Use // exact; nil means no Use
	dbsHere  []ChildDatabase
	offline  bool   // checked_live false, no evidence, no request
	attempts int    // most attempts per logical request (retries); default 1
	summary  string // a phrase the summary must hold
	extra    func(t *testing.T, r *Result)
}

func TestDiagnoseVerdicts(t *testing.T) {
	cases := verdictCases()
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.verdict] = true
	}
	for _, v := range Verdicts {
		if !seen[v] {
			t.Errorf("no case reaches the verdict %s", v)
		}
	}
	for _, c := range cases {
		t.Run(c.verdict+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			runCase(t, c)
		})
	}
}

func runCase(t *testing.T, c dcase) {
	ws := sandbox.New(sandbox.Options{})
	for _, f := range c.faults {
		ws.Inject(f)
	}
	if c.rename != "" {
		c.opts.rt = renameWorkspace{next: ws.Transport(), name: c.rename}
	}
	r, out := diagnoseWant(t, ws, c.tok, c.opts, c.req, c.verdict)
	if r.Summary == "" || len(r.Steps) == 0 || !contains(Expectations, r.Expect) {
		t.Errorf("summary, steps and expect must be set:\n%s", out)
	}
	if c.summary != "" && !strings.Contains(r.Summary, c.summary) {
		t.Errorf("summary lacks %q: %s", c.summary, r.Summary)
	}
	if c.bot != "" {
		if r.Integration == nil || r.Integration.Name != c.bot {
			t.Errorf("integration %+v, want %q", r.Integration, c.bot)
		}
		if !stepsSay(r.Steps, `"`+c.bot+`"`) {
			t.Errorf("no step names the integration %q: %q", c.bot, r.Steps)
		}
	}
	if c.mention != "" && !stepsSay(r.Steps, c.mention) {
		t.Errorf("no step names the object %q: %q", c.mention, r.Steps)
	}
	switch {
	case c.objID == "" && r.Object != nil:
		t.Errorf("object %+v, want none", r.Object)
	case c.objID != "" && (r.Object == nil || r.Object.ID != c.objID || r.Object.Type != c.objType):
		t.Errorf("object %+v, want %s %s", r.Object, c.objType, c.objID)
	}
	if !reflect.DeepEqual(r.Use, c.use) {
		got, _ := json.Marshal(r.Use)
		want, _ := json.Marshal(c.use)
		t.Errorf("use %s, want %s", got, want)
	}
	if !reflect.DeepEqual(r.DatabasesHere, c.dbsHere) {
		t.Errorf("databases_in_page %+v, want %+v", r.DatabasesHere, c.dbsHere)
	}
	checkRequests(t, c, r, ws)
	if c.extra != nil {
		c.extra(t, r)
	}
	if c.verdict == NotShared && r.Object == nil && r.CheckedLive || c.verdict == WorkspaceMismatch {
		confirmed404(t, r)
	}
}

// confirmed404: "not shared" and "another workspace" rest on a 404 from
// every object endpoint, the data source one included in every version.
func confirmed404(t *testing.T, r *Result) {
	t.Helper()
	for _, ep := range []string{"/v1/pages/", "/v1/databases/", "/v1/data_sources/", "/v1/blocks/"} {
		ok := false
		for _, ev := range r.Evidence {
			ok = ok || strings.HasPrefix(ev.Request, "GET "+ep) && ev.Status == 404
		}
		if !ok {
			t.Errorf("%s without a 404 from %s: %+v", r.Verdict, ep, r.Evidence)
		}
	}
}

// checkRequests: offline answers make no request; live ones make at most
// six after users/me, and the evidence lists exactly what the sandbox saw.
func checkRequests(t *testing.T, c dcase, r *Result, ws *sandbox.Workspace) {
	t.Helper()
	log := ws.Requests()
	if c.offline {
		if r.CheckedLive || len(r.Evidence) != 0 || len(log) != 0 {
			t.Errorf("offline answer: checked_live %v, %d evidence, %d requests", r.CheckedLive, len(r.Evidence), len(log))
		}
		return
	}
	if !r.CheckedLive {
		t.Errorf("checked_live false for a live answer")
	}
	evAfter, logAfter := 0, 0
	for _, ev := range r.Evidence {
		if ev.Request != "GET /v1/users/me" {
			evAfter++
		}
		if ev.APIVersion == "" || !strings.HasPrefix(ev.Request, "GET /v1/") && ev.Request != "POST /v1/search" {
			t.Errorf("evidence %+v", ev)
		}
	}
	for _, q := range log {
		if q.Write {
			t.Errorf("a write reached the sandbox: %s %s", q.Method, q.Path)
		}
		if q.Path != "/v1/users/me" {
			logAfter++
		}
	}
	attempts := max(c.attempts, 1)
	if evAfter > 6 || logAfter > 6*attempts {
		t.Errorf("%d logical requests (%d sent) after users/me, want at most 6", evAfter, logAfter)
	}
	if len(log) < len(r.Evidence) || len(log) > attempts*len(r.Evidence) {
		t.Errorf("the sandbox saw %d requests for %d evidence entries (at most %d attempts each)", len(log), len(r.Evidence), attempts)
	}
}

// TestDiagnoseProbesInParallel: the probes (page, database and data
// source) go out together, so a diagnosis takes about one round trip after
// users/me, not one per probe. A barrier holds the probes until three are in
// flight at once: probes sent one by one would each wait out the barrier and
// never be three at once.
func TestDiagnoseProbesInParallel(t *testing.T) {
	for _, c := range []struct {
		name string
		req  Request
	}{
		{"holder page", Request{Target: sandbox.SprintBoardURL, Expect: TypeDatabase}},
		{"not shared", Request{Target: sandbox.FinanceURL}},
		{"database", Request{Target: sandbox.TasksURL}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws := sandbox.New(sandbox.Options{})
			fl := &inflight{next: ws.Transport(), gate: 3}
			s := newSession(t, ws, env{"NOTION_TOKEN": sandbox.TokenValid}, sessionOpts{rt: fl, timeout: 2 * gateWait})
			r, err := Diagnose(context.Background(), s, c.req)
			if err != nil {
				t.Fatal(err)
			}
			if fl.Max() < 3 {
				t.Errorf("at most %d requests in flight at once: the probes did not all go out together", fl.Max())
			}
			t.Logf("%s: %d requests, %d at once", r.Verdict, len(r.Evidence), fl.Max())
		})
	}
}

// TestDiagnoseRateLimitedIsQuick: with the real clock, a 429 asking to wait
// 30 s is reported at once rather than waited out twice.
func TestDiagnoseRateLimitedIsQuick(t *testing.T) {
	ws := sandbox.New(sandbox.Options{})
	s, err := session.New(session.Config{
		Getenv:    env{"NOTION_TOKEN": sandbox.TokenRateLimited}.Get,
		Transport: ws.Transport(),
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r, err := Diagnose(context.Background(), s, Request{Target: sandbox.TasksURL})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); r.Verdict != RateLimited || took > 5*time.Second {
		t.Errorf("verdict %s after %v, want rate_limited at once", r.Verdict, took)
	}
}

func TestDiagnoseArguments(t *testing.T) {
	ws := sandbox.New(sandbox.Options{})
	s := newSession(t, ws, env{"NOTION_TOKEN": sandbox.TokenValid}, sessionOpts{})
	dir := t.TempDir()
	for name, req := range map[string]Request{
		"bad version":      {Target: sandbox.TasksURL, APIVersion: "2021-05-13"},
		"bad expect":       {Target: sandbox.TasksURL, Expect: "table"},
		"two sources":      {Target: sandbox.TasksURL, Token: token.Request{TokenEnv: "NOTION_TOKEN", Literal: sandbox.TokenValid}},
		"env file missing": {Target: sandbox.TasksURL, Token: token.Request{EnvFile: dir + "/nope.env"}},
	} {
		if _, err := Diagnose(context.Background(), s, req); err == nil || !errors.Is(err, argerr.ErrInvalid) {
			t.Errorf("%s: err %v, want argerr.ErrInvalid", name, err)
		}
	}
	if n := len(ws.Requests()); n != 0 {
		t.Errorf("%d requests for bad arguments", n)
	}
}

// TestDiagnoseCachedIdentity: a second diagnosis with the same token reuses
// the bot identity and sends only the probes.
func TestDiagnoseCachedIdentity(t *testing.T) {
	ws := sandbox.New(sandbox.Options{})
	s := newSession(t, ws, env{"NOTION_TOKEN": sandbox.TokenValid}, sessionOpts{})
	for range 2 {
		if _, err := Diagnose(context.Background(), s, Request{Target: sandbox.TasksURL}); err != nil {
			t.Fatal(err)
		}
	}
	if n := ws.Count("GET", "/v1/users/me"); n != 1 {
		t.Errorf("users/me asked %d times, want 1", n)
	}
}

func TestSlugVerdict(t *testing.T) {
	for _, c := range []struct {
		slug, name string
		want       int
	}{
		{"acme", "Acme", slugSame},
		{"acme-corp", "Acme Corp", slugSame},
		{"acmecorp", "Acme Corp.", slugSame},
		{"acme", "ACME, Inc.", slugSame},
		{"acme-corp", "Acme Corporation", slugSame},
		{"acme-hq", "The Acme Company", slugSame},
		{"jane-doe", "Jane Doe's Notion", slugSame},
		{"janedoe", "Jane Doe’s Workspace", slugSame},
		{"jdoe", "Jane Doe's Notion", slugUnsure},
		{"globex", "Jane's Notion", slugUnsure},
		{"glossy-ferry-9d7", "Acme", slugUnsure},
		{"acme", "株式会社アクメ", slugUnsure},
		{"globex", "Acme", slugOther},
		{"acme", "Globex", slugOther},
		{"team-globex", "Acme Team", slugOther},
		{"", "Acme", slugNone},
		{"acme", "", slugNone},
	} {
		if got := slugVerdict(c.slug, c.name); got != c.want {
			t.Errorf("slugVerdict(%q, %q) = %d, want %d", c.slug, c.name, got, c.want)
		}
	}
}
