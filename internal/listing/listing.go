// Package listing lists what a Notion integration can see: one entry per
// database (not per data source) with the IDs to use, in both API
// generations, complete across pages, with hints when the answer is empty
// or stripped.
package listing

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// PageSize is the search page size: Notion's maximum.
const PageSize = 100

// Parent is where a database or page lives.
type Parent struct {
	Type string `json:"type" jsonschema:"workspace, page, block or database."`
	ID   string `json:"id,omitempty"`
}

// DataSource is one data source of a database (API 2025-09-03 and later).
type DataSource struct {
	ID   string `json:"id" jsonschema:"Use for queries and schema: /v1/data_sources/{id}."`
	Name string `json:"name"`
}

// Database is one shared database.
type Database struct {
	ID             string       `json:"id" jsonschema:"The database ID (the one in its link)."`
	Title          string       `json:"title"`
	URL            string       `json:"url"`
	DataSources    []DataSource `json:"data_sources"`
	Parent         Parent       `json:"parent"`
	IsInline       *bool        `json:"is_inline,omitempty"`
	LastEditedTime string       `json:"last_edited_time,omitempty"`
	InTrash        bool         `json:"in_trash"`
	Partial        bool         `json:"partial,omitempty" jsonschema:"Notion sent only the ID: the integration lacks Read content."`
}

// Page is one shared top-level page.
type Page struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Parent Parent `json:"parent"`
}

// Integration names the token's bot.
type Integration struct {
	Name          string `json:"name"`
	WorkspaceName string `json:"workspace_name"`
}

// Result is a listing.
type Result struct {
	Databases   []Database   `json:"databases"`
	Pages       []Page       `json:"pages,omitempty"`
	Count       int          `json:"count" jsonschema:"Number of databases listed."`
	Complete    bool         `json:"complete" jsonschema:"False only when limit cut the listing."`
	APIVersion  string       `json:"api_version"`
	Integration *Integration `json:"integration,omitempty"`
	Hints       []string     `json:"hints"`
	Requests    int          `json:"requests" jsonschema:"Notion requests made (0 when cached)."`
	Retrievals  int          `json:"database_retrievals" jsonschema:"Databases retrieved because they have several data sources."`
	Cached      bool         `json:"cached"`
	Sandbox     bool         `json:"sandbox,omitempty" jsonschema:"True when answered by the built-in sandbox workspace, not Notion."`
}

// Request is what to list.
type Request struct {
	Query        string
	APIVersion   string
	Limit        int // 0: all
	IncludePages bool
	Refresh      bool
	Token        token.Request
	// Progress, if set, is called after each search page with the number
	// of objects seen so far.
	Progress func(seen int)
}

// ErrArguments marks a problem with the call's arguments.
var ErrArguments = errors.New("invalid arguments")

// List lists what the token's integration can see. Token and API problems
// are errors whose text says what to do.
func List(ctx context.Context, s *session.Session, req Request) (*Result, error) {
	v, err := s.Version(req.APIVersion)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrArguments, err)
	}
	if req.Limit < 0 {
		return nil, fmt.Errorf("%w: limit must be 0 (all) or more", ErrArguments)
	}
	t, err := s.Token(req.Token)
	if err != nil {
		if errors.Is(err, token.ErrMissing) {
			return nil, fmt.Errorf("%v. Call validate_token for the set-up steps", err)
		}
		return nil, fmt.Errorf("%w: %v", ErrArguments, err)
	}
	key := fmt.Sprintf("list|%s|%q|%d|%v", v, req.Query, req.Limit, req.IncludePages)
	got, cached, err := s.Remember(t, key, req.Refresh, func() (any, error) {
		return list(ctx, s, t, v, req)
	})
	if err != nil {
		return nil, explain(err)
	}
	r := *got.(*Result)
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
	r.Integration = &Integration{Name: me.Name}
	if me.Bot != nil {
		r.Integration.WorkspaceName = me.Bot.WorkspaceName
	}
	filter := "data_source"
	if v == notion.V20220628 {
		filter = "database"
	}
	g := newGrouper()
	seen := 0
	err = search(ctx, c, v, req.Query, filter, func(objs []notion.Object) bool {
		seen += len(objs)
		for _, o := range objs {
			g.add(o)
		}
		if req.Progress != nil {
			req.Progress(seen)
		}
		return req.Limit == 0 || g.count() < req.Limit
	})
	if errors.Is(err, errLimit) {
		r.Complete = false
	} else if err != nil {
		return nil, err
	}
	r.Databases = g.databases()
	if req.Limit > 0 && len(r.Databases) > req.Limit {
		r.Databases, r.Complete = r.Databases[:req.Limit], false
	}
	if r.Retrievals, err = completeMultiSource(ctx, c, v, r.Databases); err != nil {
		return nil, err
	}
	sortDatabases(r.Databases)
	r.Count = len(r.Databases)
	if req.IncludePages {
		if r.Pages, err = pages(ctx, c, v, req.Query, &seen, req.Progress); err != nil {
			return nil, err
		}
	}
	r.Requests = len(trace.Exchanges())
	r.Hints = hints(r, v, g.partial)
	return r, nil
}

var errLimit = errors.New("limit reached")

// search pages through POST /v1/search until has_more is false, handing
// each page to fn; fn returns false to stop (errLimit).
func search(ctx context.Context, c *notion.Client, v, query, filter string, fn func([]notion.Object) bool) error {
	cursor := ""
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := c.Search(ctx, v, notion.SearchRequest{Query: query, Filter: filter, StartCursor: cursor, PageSize: PageSize})
		if err != nil {
			return err
		}
		more := fn(p.Results)
		if !p.HasMore || p.NextCursor == "" {
			return nil
		}
		if !more {
			return errLimit
		}
		cursor = p.NextCursor
	}
}

// completeMultiSource retrieves the databases that have several data
// sources: their own title and link differ from their sources'. The
// retrievals run concurrently; the client's rate limiter paces them.
func completeMultiSource(ctx context.Context, c *notion.Client, v string, dbs []Database) (int, error) {
	if v == notion.V20220628 {
		return 0, nil
	}
	var idx []int
	for i := range dbs {
		if len(dbs[i].DataSources) > 1 && !dbs[i].Partial {
			idx = append(idx, i)
		}
	}
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for _, i := range idx {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			d, err := c.RetrieveDatabase(ctx, v, dbs[i].ID)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			mergeDatabase(&dbs[i], d)
		}()
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return len(idx), firstErr
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

// pages lists shared pages whose parent is the workspace or a page (not
// database rows).
func pages(ctx context.Context, c *notion.Client, v, query string, seen *int, progress func(int)) ([]Page, error) {
	out := []Page{}
	ids := map[string]bool{}
	err := search(ctx, c, v, query, "page", func(objs []notion.Object) bool {
		*seen += len(objs)
		for _, o := range objs {
			p := o.Page
			if p == nil || ids[p.ID] {
				continue
			}
			parent := parentOf(p.Parent)
			if p.Partial || parent.Type == "workspace" || parent.Type == "page" {
				ids[p.ID] = true
				out = append(out, Page{ID: p.ID, Title: p.Title, URL: p.URL, Parent: parent})
			}
		}
		if progress != nil {
			progress(*seen)
		}
		return true
	})
	sort.SliceStable(out, func(i, j int) bool { return less(out[i].Title, out[i].ID, out[j].Title, out[j].ID) })
	return out, err
}

func sortDatabases(dbs []Database) {
	sort.SliceStable(dbs, func(i, j int) bool { return less(dbs[i].Title, dbs[i].ID, dbs[j].Title, dbs[j].ID) })
}

func less(ti, ii, tj, ij string) bool {
	if a, b := strings.ToLower(ti), strings.ToLower(tj); a != b {
		return a < b
	}
	return ii < ij
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
		id := p.DatabaseID
		if id == "" {
			id = p.ID
		}
		return Parent{Type: "database", ID: id}
	}
	return Parent{Type: p.Type, ID: p.ID}
}

// explain turns an API failure into a message that says what to do.
func explain(err error) error {
	var ne *notion.Error
	if !errors.As(err, &ne) {
		return err
	}
	switch {
	case ne.IsUnauthorized():
		return fmt.Errorf("notion rejected the token (401 unauthorized): it was revoked, regenerated or mistyped. Call validate_token for the fix steps (request_id %s)", ne.RequestID)
	case ne.IsRateLimited():
		return fmt.Errorf("notion is rate-limiting this integration (429) and the listing could not finish; wait %s and call again (request_id %s)", waitText(ne), ne.RequestID)
	case ne.IsRestricted():
		return fmt.Errorf("the integration lacks a capability search needs (403 restricted_resource: %s); enable Read content at https://www.notion.so/profile/integrations → the integration → Capabilities", ne.Message)
	case ne.IsTimeout(), ne.IsNetwork(), ne.IsServer():
		return fmt.Errorf("notion's API could not be reached or failed (%s); check https://status.notion.so and the network, then call again", ne.Error())
	}
	return fmt.Errorf("listing failed: %s", ne.Error())
}

func waitText(ne *notion.Error) string {
	if ne.RetryAfter > 0 {
		return ne.RetryAfter.String()
	}
	return "a minute"
}
