package listing_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/session"
)

// Version shorthands.
const (
	v22 = notion.V20220628
	v25 = notion.V20250903
)

// sessionClock is the session's clock (caches): it moves only when told.
type sessionClock struct{ ns atomic.Int64 }

func (c *sessionClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *sessionClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// hookTransport runs before, if set, ahead of each request it forwards.
type hookTransport struct {
	next   http.RoundTripper
	before func(*http.Request)
}

func (h hookTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if h.before != nil {
		h.before(r)
	}
	return h.next.RoundTrip(r)
}

// env is a session talking to a sandbox with tok in NOTION_TOKEN, whose
// clients never wait for real: the rate limit is lifted and waits go to a
// fake clock.
type env struct {
	ws    *sandbox.Workspace
	sess  *session.Session
	clock *sandboxtest.Clock
	now   *sessionClock
}

type envOptions struct {
	sandbox sandbox.Options
	token   string // "" for TokenValid, "-" for none
	// before runs ahead of every request reaching the sandbox.
	before func(*http.Request)
	// clock, if set, replaces the session's fake clock (benchmarks).
	clock func() time.Time
}

func newEnv(tb testing.TB, o envOptions) *env {
	tb.Helper()
	e := &env{ws: sandbox.New(o.sandbox), clock: sandboxtest.NewClock(), now: &sessionClock{}}
	e.now.ns.Store(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC).UnixNano())
	tok := o.token
	switch tok {
	case "":
		tok = sandbox.TokenValid
	case "-": // no token at all
		tok = ""
	}
	clock := o.clock
	if clock == nil {
		clock = e.now.Now
	}
	e.sess = sandboxtest.Session(tb, e.ws, sandboxtest.Env{"NOTION_TOKEN": tok}, sandboxtest.Options{
		Transport: hookTransport{next: e.ws.Transport(), before: o.before},
		Clock:     e.clock,
		Session: func(c *session.Config) {
			c.Sandbox, c.Clock = true, clock
		},
	})
	return e
}

func (e *env) list(tb testing.TB, req listing.Request) *listing.Result {
	tb.Helper()
	r, err := listing.List(context.Background(), e.sess, req)
	if err != nil {
		tb.Fatalf("List(%+v): %v", req, err)
	}
	return r
}

// searches counts the search requests the sandbox received.
func (e *env) searches() int { return e.ws.Count(http.MethodPost, "/v1/search") }

// retrievals counts the GET /v1/databases/{id} the sandbox received.
func (e *env) retrievals() int { return e.ws.Count(http.MethodGet, "/v1/databases/") }

func ids(dbs []listing.Database) []string {
	out := make([]string, len(dbs))
	for i, d := range dbs {
		out[i] = d.ID
	}
	return out
}

func hasHint(hints []string, sub string) bool {
	for _, h := range hints {
		if strings.Contains(h, sub) {
			return true
		}
	}
	return false
}

// generated is what the listing should say of generated database i under
// version v (see sandbox.GeneratedDatabaseID); ok is false when v cannot
// list it (2022-06-28 leaves out databases with several data sources).
func generated(v string, i int) (d listing.Database, ok bool) {
	d = listing.Database{ID: sandbox.GeneratedDatabaseID(i), Title: sandbox.GeneratedTitle(i), DataSources: []listing.DataSource{}}
	if i%2 == 0 {
		d.Parent = listing.Parent{Type: "page", ID: sandbox.GeneratedHomePageID}
	} else {
		d.Parent = listing.Parent{Type: "workspace"}
	}
	multi := i%10 == 0
	switch {
	case v == v22 && multi:
		return d, false
	case v == v22:
	case multi:
		d.DataSources = []listing.DataSource{
			{ID: sandbox.GeneratedDataSourceID(i, 0), Name: d.Title + " Current"},
			{ID: sandbox.GeneratedDataSourceID(i, 1), Name: d.Title + " Archive"},
		}
	default:
		d.DataSources = []listing.DataSource{{ID: sandbox.GeneratedDataSourceID(i, 0), Name: d.Title}}
	}
	return d, true
}

// fixtures are Acme's own shared databases as listed under v.
func fixtures(v string) []listing.Database {
	tasks := listing.Database{ID: sandbox.TasksDatabaseID, Title: sandbox.TasksTitle,
		Parent: listing.Parent{Type: "page", ID: sandbox.TeamHomePageID}, DataSources: []listing.DataSource{}}
	backlog := listing.Database{ID: sandbox.SprintBacklogDatabaseID, Title: sandbox.SprintBacklogTitle,
		Parent: listing.Parent{Type: "page", ID: sandbox.SprintBoardPageID}, DataSources: []listing.DataSource{}}
	if v == v22 {
		return []listing.Database{tasks, backlog}
	}
	tasks.DataSources = []listing.DataSource{{ID: sandbox.TasksDataSourceID, Name: sandbox.TasksTitle}}
	backlog.DataSources = []listing.DataSource{{ID: sandbox.SprintBacklogDataSourceID, Name: sandbox.SprintBacklogTitle}}
	cal := listing.Database{ID: sandbox.ContentCalendarDatabaseID, Title: sandbox.ContentCalendarTitle,
		Parent: listing.Parent{Type: "workspace"}, DataSources: []listing.DataSource{
			{ID: sandbox.PostsDataSourceID, Name: sandbox.PostsTitle},
			{ID: sandbox.CampaignsDataSourceID, Name: sandbox.CampaignsTitle},
		}}
	return []listing.Database{tasks, backlog, cal}
}

// ceilDiv is the number of search pages for n results (at least one).
func ceilDiv(n, d int) int { return max(1, (n+d-1)/d) }
