// Package listing lists what a Notion integration can see: one entry per
// database (not per data source) with the IDs to use, in both API
// generations, complete across pages, with hints when the answer is empty
// or stripped.
package listing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// PageSize is the search page size: Notion's maximum.
const PageSize = 100

// The bounds of one listing, whatever the server answers: a search that
// keeps paging, cycles its cursors or returns a huge workspace ends, and one
// answer cannot flood a client's context. A listing cut by one of them is
// complete: false with the reason in incomplete_reason.
const (
	MaxSearchRequests = 200       // search pages per listing (databases and pages together)
	MaxObjects        = 10000     // search results read per listing
	MaxResultBytes    = 256 << 10 // JSON size of one result
	MaxTitleRunes     = 500       // longer titles are cut, with "…"
)

// Reasons a listing is incomplete.
const (
	ReasonLimit      = "limit"       // the call's limit
	ReasonCursorLoop = "cursor_loop" // search handed back a cursor it had already given
	ReasonRequestCap = "request_cap" // MaxSearchRequests
	ReasonObjectCap  = "object_cap"  // MaxObjects
	ReasonResultSize = "result_size" // MaxResultBytes
	// ReasonNotionIncomplete: a search answer's request_status said
	// "incomplete" (notion-sdk-js RequestStatusResponse): Notion left
	// results out.
	ReasonNotionIncomplete = "notion_incomplete"
	// ReasonDeadline: the call's deadline (--call-timeout) would have
	// passed before the listing ended (slow answers, or waits for Notion's
	// rate limit): it answers with what it had found (see softContext).
	ReasonDeadline = "deadline"
)

// IncompleteReasons lists every reason, for the tool's output schema.
var IncompleteReasons = []string{ReasonLimit, ReasonCursorLoop, ReasonRequestCap, ReasonObjectCap, ReasonResultSize, ReasonNotionIncomplete, ReasonDeadline}

// Parent is where a database or page lives.
type Parent struct {
	Type string `json:"type"`
	ID   string `json:"id,omitempty"`
}

// DataSource is one data source of a database (API 2025-09-03 and later).
type DataSource struct {
	ID   string `json:"id" jsonschema:"For queries: /v1/data_sources/{id}."`
	Name string `json:"name"`
}

// Database is one shared database.
type Database struct {
	ID             string       `json:"id" jsonschema:"The database ID, as in its link."`
	Title          string       `json:"title"`
	URL            string       `json:"url"`
	DataSources    []DataSource `json:"data_sources"`
	Parent         Parent       `json:"parent"`
	IsInline       *bool        `json:"is_inline,omitempty"`
	LastEditedTime string       `json:"last_edited_time,omitempty"`
	InTrash        bool         `json:"in_trash"`
	Partial        bool         `json:"partial,omitempty" jsonschema:"Only the ID came: no Read content."`
}

// Page is one shared top-level page.
type Page struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Parent Parent `json:"parent"`
}

// Integration names the token's bot, or for a personal access token its
// person.
type Integration struct {
	Name          string `json:"name"`
	WorkspaceName string `json:"workspace_name"`
	Kind          string `json:"kind,omitempty" jsonschema:"internal, public or personal_access_token."`
}

// Result is a listing.
type Result struct {
	Databases   []Database   `json:"databases"`
	Pages       []Page       `json:"pages,omitempty"`
	Count       int          `json:"count"`
	Complete    bool         `json:"complete" jsonschema:"False when limit or a bound cut it."`
	Incomplete  string       `json:"incomplete_reason,omitempty" jsonschema:"Why complete is false."`
	LeftOut     int          `json:"left_out,omitempty" jsonschema:"Entries found but left out to keep the result small."`
	APIVersion  string       `json:"api_version"`
	Integration *Integration `json:"integration,omitempty"`
	Hints       []string     `json:"hints"`
	Requests    int          `json:"requests" jsonschema:"Notion requests made."`
	Retrievals  int          `json:"database_retrievals" jsonschema:"Multi-source databases retrieved."`
	Cached      bool         `json:"cached"`
	Sandbox     bool         `json:"sandbox,omitempty" jsonschema:"From the built-in sandbox, not Notion."`
}

// Request is what to list.
type Request struct {
	Query        string
	APIVersion   string
	Limit        int // 0: all
	IncludePages bool
	Refresh      bool
	// MaxBytes bounds the result's JSON size: 0 means MaxResultBytes (what
	// a tool answers), a negative value no bound (a person's terminal).
	MaxBytes int
	Token    token.Request
	// Progress, if set, is called after each search page and each database
	// retrieval with the number of objects received so far, which rises;
	// calls are never concurrent.
	Progress func(seen int)
	// maxRequests and maxObjects replace MaxSearchRequests and MaxObjects
	// when above 0: only this package's tests set them (export_test.go), to
	// reach a bound in a few requests.
	maxRequests, maxObjects int
}

// bounds starts the count of a listing for req.
func (req Request) bounds() *bounds {
	b := &bounds{}
	b.maxRequests, b.maxObjects = req.caps()
	return b
}

// caps are the request and object bounds of req.
func (req Request) caps() (requests, objects int) {
	requests, objects = MaxSearchRequests, MaxObjects
	if req.maxRequests > 0 {
		requests = req.maxRequests
	}
	if req.maxObjects > 0 {
		objects = req.maxObjects
	}
	return requests, objects
}

// List lists what the token's integration can see. Token and API problems
// are errors whose text says what to do.
func List(ctx context.Context, s *session.Session, req Request) (*Result, error) {
	v, err := s.Version(req.APIVersion)
	if err != nil {
		return nil, argerr.Wrap(err)
	}
	if req.Limit < 0 {
		return nil, argerr.Errorf("limit must be 0 (all) or more")
	}
	t, err := s.Token(req.Token)
	if err != nil {
		if errors.Is(err, token.ErrMissing) {
			return nil, fmt.Errorf("%v. Call validate_token for the set-up steps", err)
		}
		return nil, argerr.Wrap(err)
	}
	maxRequests, maxObjects := req.caps()
	key := fmt.Sprintf("list|%s|%q|%d|%v|%d|%d|%d", v, req.Query, req.Limit, req.IncludePages, req.MaxBytes, maxRequests, maxObjects)
	got, cached, err := session.Remember(s, t, key, req.Refresh, func() (*Result, error) {
		return list(ctx, s, t, v, req)
	})
	if err != nil {
		return nil, explain(err)
	}
	if got.Incomplete == ReasonDeadline {
		// Cut by this call's deadline, not by the workspace: the next
		// call tries again.
		session.Forget(s, t, key)
	}
	r := *got
	r.Cached = cached
	if cached {
		r.Requests, r.Retrievals = 0, 0
	}
	return &r, nil
}

func list(ctx context.Context, s *session.Session, t *token.Token, v string, req Request) (*Result, error) {
	trace := &notion.Trace{}
	ctx = notion.WithTrace(ctx, trace)
	c, err := s.Client(t)
	if err != nil {
		return nil, err
	}
	me, _, err := s.Me(ctx, t, false)
	if err != nil {
		return nil, err
	}
	r := &Result{APIVersion: v, Complete: true, Sandbox: s.Sandbox(), Databases: []Database{}, Hints: []string{}}
	r.Integration = &Integration{Name: me.Name, Kind: me.Kind()}
	if me.Bot != nil {
		r.Integration.WorkspaceName = me.Bot.WorkspaceName
	}
	filter := "database"
	if notion.HasDataSources(v) {
		filter = "data_source"
	}
	g := newGrouper()
	seen := 0
	b := req.bounds()
	// Notion's answers are read under a deadline a little before the
	// call's, so that a listing too long for it answers with what it
	// found instead of failing at the deadline.
	sctx, cancel := softContext(ctx)
	defer cancel()
	cut := func(err error) bool { // err ran out of time: the listing answers incomplete
		if !cutByDeadline(ctx, sctx, err) {
			return false
		}
		if r.Complete {
			r.Complete, r.Incomplete = false, ReasonDeadline
		}
		return true
	}
	err = search(sctx, c, v, req.Query, filter, b, func(objs []notion.Object) bool {
		seen += len(objs)
		for _, o := range objs {
			g.add(o)
		}
		if req.Progress != nil {
			req.Progress(seen)
		}
		return req.Limit == 0 || g.count() < req.Limit
	})
	switch {
	case errors.Is(err, errLimit):
		r.Complete, r.Incomplete = false, b.reason
	case err != nil && seen > 0 && cut(err):
	case err != nil:
		return nil, err
	}
	if b.notionIncomplete && r.Complete {
		r.Complete, r.Incomplete = false, ReasonNotionIncomplete
	}
	dbs := g.entries()
	if req.Limit > 0 && len(dbs) > req.Limit {
		dbs, r.Complete, r.Incomplete = dbs[:req.Limit], false, ReasonLimit
	}
	var retrieved func(int)
	if req.Progress != nil {
		base := seen
		retrieved = func(n int) { req.Progress(base + n) }
	}
	if r.Retrievals, err = completeMultiSource(sctx, c, v, dbs, retrieved); err != nil && !cut(err) {
		return nil, err
	}
	seen += r.Retrievals
	partial := g.partial
	sortDatabases(dbs)
	r.Databases = values(dbs)
	r.Count = len(r.Databases)
	if req.IncludePages {
		var stripped int
		r.Pages, stripped, err = pages(sctx, c, v, req.Query, b, &seen, req.Progress)
		if errors.Is(err, errLimit) {
			if r.Complete {
				r.Complete, r.Incomplete = false, b.reason
			}
		} else if err != nil && !cut(err) {
			return nil, err
		}
		partial += stripped
	}
	r.Requests = len(trace.Exchanges())
	switch {
	case req.MaxBytes == 0:
		fit(r, MaxResultBytes)
	case req.MaxBytes > 0:
		fit(r, req.MaxBytes)
	default:
		fit(r, -1)
	}
	r.Hints = hints(r, v, req, partial)
	return r, nil
}

var errLimit = errors.New("limit reached")

// softContext is ctx with a deadline a little before ctx's own: a tenth of
// the time left, at most 2 s, is kept back to answer with what was found.
func softContext(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, dl.Add(-min(2*time.Second, time.Until(dl)/10)))
}

// cutByDeadline reports whether err, from a request made under sctx
// (softContext(ctx)), means the listing ran out of time rather than
// failed: sctx ended while ctx goes on, or a wait for Notion's rate limit
// (this client's own pacing, or a 429 or 529's Retry-After) would have
// passed sctx's deadline.
func cutByDeadline(ctx, sctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	if sctx.Err() != nil {
		return true
	}
	var ne *notion.Error
	if !errors.As(err, &ne) {
		return false
	}
	if ne.Paced() {
		return true
	}
	dl, ok := sctx.Deadline()
	return ok && (ne.Status == http.StatusTooManyRequests || ne.IsOverloaded()) && ne.RetryAfter > 0 && time.Until(dl) <= ne.RetryAfter
}

// bounds counts what one listing has read, across its searches, and says
// why it stopped early.
type bounds struct {
	maxRequests, maxObjects int // Request.caps
	requests, objects       int
	reason                  string
	notionIncomplete        bool // a search answer said request_status "incomplete"
}

// search pages through POST /v1/search until has_more is false, handing
// each page to fn. It stops with errLimit, the reason in b, when fn returns
// false, a cursor comes back that was already given (a loop, however long
// its cycle), or a bound is reached.
func search(ctx context.Context, c *notion.Client, v, query, filter string, b *bounds, fn func([]notion.Object) bool) error {
	cursor := ""
	given := map[string]bool{"": true} // at most b.maxRequests entries
	stop := func(reason string) error {
		b.reason = reason
		return errLimit
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if b.requests >= b.maxRequests {
			return stop(ReasonRequestCap)
		}
		if b.objects >= b.maxObjects {
			return stop(ReasonObjectCap)
		}
		b.requests++
		p, err := c.Search(ctx, v, notion.SearchRequest{Query: query, Filter: filter, StartCursor: cursor, PageSize: PageSize})
		if err != nil {
			return err
		}
		if p.Incomplete {
			b.notionIncomplete = true
		}
		objs, cut := p.Results, false
		if room := b.maxObjects - b.objects; len(objs) > room {
			objs, cut = objs[:room], true
		}
		b.objects += len(objs)
		more := fn(objs)
		switch {
		case cut:
			return stop(ReasonObjectCap)
		case !p.HasMore || p.NextCursor == "":
			return nil
		case !more:
			return stop(ReasonLimit)
		case given[p.NextCursor]:
			return stop(ReasonCursorLoop)
		}
		given[p.NextCursor] = true
		cursor = p.NextCursor
	}
}

// retrievalWorkers bounds the concurrent database retrievals; the client's
// rate limiter paces them anyway, so more would only queue.
const retrievalWorkers = 4

// completeMultiSource retrieves the databases that have several data
// sources: their own title and link differ from their sources'. The first
// failure cancels the retrievals still to come. done, if set, is called
// after each retrieval with the number finished so far, never concurrently.
func completeMultiSource(ctx context.Context, c *notion.Client, v string, dbs []*Database, done func(int)) (int, error) {
	if !notion.HasDataSources(v) {
		return 0, nil
	}
	var idx []int
	for i := range dbs {
		if len(dbs[i].DataSources) > 1 && !dbs[i].Partial {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return 0, nil
	}
	// At most retrievalWorkers retrievals at once; the first failure
	// cancels the rest.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(retrievalWorkers)
	var (
		mu       sync.Mutex
		finished int
	)
	for _, i := range idx {
		g.Go(func() error {
			if gctx.Err() != nil {
				return nil // a retrieval failed: the rest are not started
			}
			d, err := c.RetrieveDatabase(gctx, v, dbs[i].ID)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			mergeDatabase(dbs[i], d)
			finished++
			if done != nil {
				done(finished)
			}
			return nil
		})
	}
	err := g.Wait()
	if ctxErr := ctx.Err(); ctxErr != nil {
		// The caller's cancellation, not a failure it caused below.
		return len(idx), ctxErr
	}
	return len(idx), err
}

func mergeDatabase(dst *Database, d *notion.Database) {
	if d.Partial {
		return
	}
	dst.Title, dst.IsInline, dst.InTrash = d.Title, d.IsInline, d.InTrash
	if d.URL != "" {
		dst.URL = d.URL
	}
	if p := parentOf(d.Parent); p.Type != "" {
		dst.Parent = p
	}
	if d.LastEditedTime != "" {
		dst.LastEditedTime = d.LastEditedTime
	}
	if len(d.DataSources) > 0 {
		dst.DataSources = dst.DataSources[:0]
		for _, ds := range d.DataSources {
			dst.DataSources = append(dst.DataSources, DataSource(ds))
		}
	}
}

// pages lists the top-level shared pages: those whose parent is the
// workspace, or a page the integration cannot see (not database rows, nor
// pages inside another listed page), and counts the stripped ones (kept:
// their parent is unknown).
func pages(ctx context.Context, c *notion.Client, v, query string, b *bounds, seen *int, progress func(int)) ([]Page, int, error) {
	out := []Page{}
	stripped := 0
	ids := map[string]bool{}
	err := search(ctx, c, v, query, "page", b, func(objs []notion.Object) bool {
		*seen += len(objs)
		for _, o := range objs {
			p := o.Page
			if p == nil || ids[p.ID] {
				continue
			}
			parent := parentOf(p.Parent)
			if p.Partial || parent.Type == "workspace" || parent.Type == "page" {
				if p.Partial {
					stripped++
				}
				ids[p.ID] = true
				out = append(out, Page{ID: p.ID, Title: p.Title, URL: p.URL, Parent: parent})
			}
		}
		if progress != nil {
			progress(*seen)
		}
		return true
	})
	// Top-level only: a page whose parent page is in the list is inside
	// another shared page, not one of the places sharing starts from.
	top := out[:0]
	for _, p := range out {
		if p.Parent.Type != "page" || !ids[p.Parent.ID] {
			top = append(top, p)
		}
	}
	out = top
	slices.SortStableFunc(out, func(a, b Page) int {
		if c := compareFold(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, stripped, err
}

// sortDatabases orders by title ignoring case, then ID, then first data
// source (stripped entries have no title and no database ID): a total
// order, so the unstable sort is deterministic. Pointers are sorted, not
// the large structs.
func sortDatabases(dbs []*Database) {
	slices.SortFunc(dbs, func(a, b *Database) int {
		if c := compareFold(a.Title, b.Title); c != 0 {
			return c
		}
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return strings.Compare(firstSource(a), firstSource(b))
	})
}

func firstSource(d *Database) string {
	if len(d.DataSources) == 0 {
		return ""
	}
	return d.DataSources[0].ID
}

// values copies the entries out, in order.
func values(dbs []*Database) []Database {
	out := make([]Database, len(dbs))
	for i, d := range dbs {
		out[i] = *d
	}
	return out
}

// compareFold compares a and b as strings.ToLower(a) and strings.ToLower(b)
// would compare, without building them (sorting thousands of titles would
// otherwise allocate two strings per comparison).
func compareFold(a, b string) int {
	for a != "" && b != "" {
		var ra, rb rune
		if c := a[0]; c < utf8.RuneSelf {
			ra, a = lowerASCII(c), a[1:]
		} else {
			r, n := utf8.DecodeRuneInString(a)
			ra, a = unicode.ToLower(r), a[n:]
		}
		if c := b[0]; c < utf8.RuneSelf {
			rb, b = lowerASCII(c), b[1:]
		} else {
			r, n := utf8.DecodeRuneInString(b)
			rb, b = unicode.ToLower(r), b[n:]
		}
		if ra != rb {
			return cmp.Compare(ra, rb)
		}
	}
	return cmp.Compare(len(a), len(b))
}

func lowerASCII(c byte) rune {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return rune(c)
}

// parentOf names a parent the way users see it.
func parentOf(p notion.Parent) Parent {
	switch p.Type {
	case "workspace":
		return Parent{Type: "workspace"}
	case "page_id":
		return Parent{Type: "page", ID: p.ID}
	case "block_id":
		return Parent{Type: "block", ID: p.ID}
	case "database_id", "data_source_id":
		return Parent{Type: "database", ID: p.DatabaseID}
	}
	return Parent{Type: p.Type, ID: p.ID}
}

// explained is an error rewritten to say what to do; it keeps the original
// (a *notion.Error) in its chain.
type explained struct {
	msg string
	err error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.err }

// explain turns an API failure into a message that says what to do. A
// cancellation stays recognisable with errors.Is(err, context.Canceled).
func explain(err error) error {
	var ne *notion.Error
	if !errors.As(err, &ne) || errors.Is(err, context.Canceled) {
		return err
	}
	var msg string
	switch {
	case ne.IsUnauthorized():
		msg = fmt.Sprintf("notion rejected the token (401 unauthorized): it was revoked, regenerated or mistyped. Call validate_token for the fix steps%s", requestID(ne))
	case ne.Paced():
		msg = fmt.Sprintf("the listing could not finish before the call's deadline while keeping to Notion's limit of about 3 requests per second; call again in %s, or pass a query or limit to list less", ne.WaitText())
	case ne.IsBlocked():
		msg = fmt.Sprintf("a network rule blocked the request before it reached Notion's API (an HTML 403 from Notion's edge, cf-ray %s, no Notion request ID): a proxy, VPN or firewall, not a missing capability; allow https://api.notion.com or try another network, then call again", ne.CFRay)
	case ne.IsOverloaded():
		msg = fmt.Sprintf("notion is overloaded (529 service_overload, not an outage) and the listing could not finish; wait %s and call again%s", ne.WaitText(), requestID(ne))
	case ne.WorkspaceLimited():
		msg = fmt.Sprintf("notion is rate-limiting the whole workspace (429, rate_limit_reason %q): every connection of the workspace shares this budget, so a separate integration does not help; wait %s and call again, and slow other scripts of the workspace%s", ne.RateLimitReason(), ne.WaitText(), requestID(ne))
	case ne.IsRateLimited():
		msg = fmt.Sprintf("notion is rate-limiting this integration (429) and the listing could not finish; wait %s and call again%s", ne.WaitText(), requestID(ne))
	case ne.IsRestricted() && ne.Path == "/v1/users/me":
		msg = fmt.Sprintf("notion refused GET /v1/users/me (403 %s: %s), which answers whatever a connection's capabilities are: the token's account or workspace is restricted from the public API. Call validate_token for the steps%s", ne.Code, ne.Message, requestID(ne))
	case ne.IsRestricted():
		msg = fmt.Sprintf("the integration lacks the Read content capability (403 restricted_resource on %s: %s); enable it in %s → the connection → Capabilities, then call again", ne.Path, ne.Message, token.Portal)
	case ne.IsTimeout(), ne.IsNetwork(), ne.IsServer():
		msg = fmt.Sprintf("notion's API could not be reached or failed (%s); check https://status.notion.so and the network, then call again", ne.Error())
	default:
		msg = "listing failed: " + ne.Error() + ". Call again; if it keeps failing, check NOTION_BASE_URL / --base-url points at the Notion API and run the server with --log-level debug to see every request."
	}
	return &explained{msg: msg, err: err}
}

func requestID(ne *notion.Error) string {
	if ne.RequestID == "" {
		return ""
	}
	return " (request_id " + ne.RequestID + ")"
}
