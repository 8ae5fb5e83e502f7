package diagnose

import (
	"context"
	"strings"
	"sync"

	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// outcome is what one endpoint said about the ID.
type outcome struct {
	err   *notion.Error
	page  *notion.Page
	db    *notion.Database
	ds    *notion.DataSource
	block *notion.Block
	view  *notion.View
}

// found reports a 200 with the object (possibly partial).
func (o *outcome) found() bool {
	return o != nil && o.err == nil && (o.page != nil || o.db != nil || o.ds != nil || o.block != nil || o.view != nil)
}

func (o *outcome) partial() bool {
	switch {
	case !o.found():
		return false
	case o.page != nil:
		return o.page.Partial
	case o.db != nil:
		return o.db.Partial
	case o.ds != nil:
		return o.ds.Partial
	case o.view != nil:
		return o.view.Partial
	}
	return o.block.Partial
}

func (o *outcome) status() int {
	if o == nil || o.err == nil {
		return 200
	}
	return o.err.Status
}

// says reports whether the error message contains s.
func (o *outcome) says(s string) bool {
	return o != nil && o.err != nil && strings.Contains(strings.ToLower(o.err.Message), s)
}

// prober asks each object endpoint about one ID.
type prober struct {
	c     *notion.Client
	v     string
	id    string
	botID string
	view  bool // the input names a view (view://, ?v= alone): ask the views endpoint first

	mu  sync.Mutex
	out map[string]*outcome
}

// run probes page, database and (2025-09-03+) data source in parallel: one
// round trip settles the type in almost every case. Only when none of them
// knows the ID is a second round sent, so that "not shared" is said only
// after every object type answered 404: the block endpoint, and under
// 2022-06-28 the data source endpoint with 2025-09-03 (that version has no
// data sources, but a data source ID pasted into a 2022 app is common).
//
// An ID that every endpoint answers 404 is last asked as a view (GET
// /v1/views/{id}, which needs 2025-09-03): a ?v= pasted as the ID is
// common. Input that names a view is asked as one first.
func (p *prober) run(ctx context.Context) {
	p.out = map[string]*outcome{}
	if p.view {
		p.parallel(ctx, []string{TypeView})
		if o := p.out[TypeView]; o.found() || o.status() != 404 {
			return
		}
	}
	first := []string{TypePage, TypeDatabase}
	if notion.HasDataSources(p.v) {
		first = append(first, TypeDataSource)
	}
	p.parallel(ctx, first)
	for _, o := range p.out {
		if o.found() || o.status() != 404 {
			return
		}
	}
	second := []string{TypeBlock}
	if !notion.HasDataSources(p.v) {
		second = append(second, TypeDataSource)
	}
	p.parallel(ctx, second)
	for _, o := range p.out {
		if o.found() || o.status() != 404 {
			return
		}
	}
	if !p.view {
		p.parallel(ctx, []string{TypeView})
	}
}

// dsVersion is the version the data source endpoint is asked with.
func (p *prober) dsVersion() string {
	if notion.HasDataSources(p.v) {
		return p.v
	}
	return notion.V20250903
}

func (p *prober) parallel(ctx context.Context, types []string) {
	var wg sync.WaitGroup
	for _, typ := range types {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := p.probe(ctx, typ)
			p.mu.Lock()
			p.out[typ] = o
			p.mu.Unlock()
		}()
	}
	wg.Wait()
}

func (p *prober) probe(ctx context.Context, typ string) *outcome {
	o := &outcome{}
	var err error
	switch typ {
	case TypePage:
		o.page, err = p.c.RetrievePage(ctx, p.v, p.id)
	case TypeDatabase:
		o.db, err = p.c.RetrieveDatabase(ctx, p.v, p.id)
	case TypeDataSource:
		o.ds, err = p.c.RetrieveDataSource(ctx, p.dsVersion(), p.id)
	case TypeBlock:
		o.block, err = p.c.RetrieveBlock(ctx, p.v, p.id)
	case TypeView:
		o.view, err = p.c.RetrieveView(ctx, p.dsVersion(), p.id)
	}
	if err != nil {
		o.page, o.db, o.ds, o.block, o.view = nil, nil, nil, nil, nil
		o.err = asNotionError(err)
	}
	return o
}

func asNotionError(err error) *notion.Error {
	if ne, ok := notion.AsError(err); ok {
		return ne
	}
	return &notion.Error{Code: "error", Message: err.Error()}
}

// get returns the outcome for an endpoint, or nil if it was not asked.
func (p *prober) get(typ string) *outcome { return p.out[typ] }
