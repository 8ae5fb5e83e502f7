package listing

import (
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// grouper folds search results into one entry per database: under
// 2025-09-03+ search returns data sources, grouped by their database.
// Entries and one-source lists are carved from blocks allocated a hundred
// or so at a time: a listing of thousands of databases then costs a few
// allocations per hundred databases, not several per database, and no
// regrowing of one large slice.
type grouper struct {
	order   []*Database // in search order
	byID    map[string]*Database
	partial int
	dbBlock []Database   // free entries
	dsBlock []DataSource // free room for one-source lists
}

const blockSize = 128

func newGrouper() *grouper { return &grouper{byID: map[string]*Database{}} }

func (g *grouper) count() int { return len(g.order) }

func (g *grouper) add(o notion.Object) {
	switch {
	case o.Database != nil:
		g.addDatabase(o.Database)
	case o.DataSource != nil:
		g.addDataSource(o.DataSource)
	}
}

// entry returns the entry for key, creating it if new.
func (g *grouper) entry(key string) (*Database, bool) {
	if d, ok := g.byID[key]; ok {
		return d, false
	}
	if len(g.dbBlock) == 0 {
		g.dbBlock = make([]Database, blockSize)
	}
	d := &g.dbBlock[0]
	g.dbBlock = g.dbBlock[1:]
	d.DataSources = []DataSource{}
	g.byID[key] = d
	g.order = append(g.order, d)
	return d, true
}

// one returns ds as a list of one, with no room to grow: appending a second
// source copies it out of the shared block.
func (g *grouper) one(ds DataSource) []DataSource {
	if len(g.dsBlock) == 0 {
		g.dsBlock = make([]DataSource, blockSize)
	}
	g.dsBlock[0] = ds
	l := g.dsBlock[0:1:1]
	g.dsBlock = g.dsBlock[1:]
	return l
}

func (g *grouper) addDatabase(db *notion.Database) {
	d, isNew := g.entry(db.ID)
	if !isNew {
		return
	}
	d.ID, d.Title, d.URL, d.Parent = db.ID, db.Title, db.URL, parentOf(db.Parent)
	d.IsInline, d.LastEditedTime, d.InTrash, d.Partial = db.IsInline, db.LastEditedTime, db.InTrash, db.Partial
	if len(db.DataSources) == 1 {
		d.DataSources = g.one(DataSource(db.DataSources[0]))
	} else {
		for _, ds := range db.DataSources {
			d.DataSources = append(d.DataSources, DataSource(ds))
		}
	}
	if db.Partial {
		g.partial++
	}
}

func (g *grouper) addDataSource(ds *notion.DataSource) {
	dbID := ds.Parent.DatabaseID
	if ds.Partial || dbID == "" {
		// A stripped data source does not say which database holds it.
		if d, isNew := g.entry("partial:" + ds.ID); isNew {
			g.partial++
			d.Partial = true
			d.DataSources = g.one(DataSource{ID: ds.ID})
		}
		return
	}
	d, isNew := g.entry(dbID)
	for _, have := range d.DataSources {
		if have.ID == ds.ID {
			return
		}
	}
	if !isNew {
		d.DataSources = append(d.DataSources, DataSource{ID: ds.ID, Name: ds.Name})
	} else {
		d.DataSources = g.one(DataSource{ID: ds.ID, Name: ds.Name})
		d.ID, d.Title, d.InTrash = dbID, ds.Name, ds.InTrash
		d.URL = ds.URL
		if d.URL == "" {
			d.URL = "https://www.notion.so/" + strings.ReplaceAll(dbID, "-", "")
		}
		d.Parent = parentOf(ds.DatabaseParent)
	}
	d.InTrash = d.InTrash && ds.InTrash
	if ds.LastEditedTime > d.LastEditedTime {
		d.LastEditedTime = ds.LastEditedTime
	}
}

// entries returns the entries in search order.
func (g *grouper) entries() []*Database { return g.order }

func hints(r *Result, v string, req Request, partial int) []string {
	name := "your integration"
	if r.Integration != nil && r.Integration.Name != "" {
		name = fmt.Sprintf("%q", r.Integration.Name)
	}
	var h []string
	share := fmt.Sprintf("Share a database: open it as a full page → ••• (top right) → Connections → Add connections → search for %s → Confirm. Sharing a page also shares the databases inside it.", name)
	if r.Integration != nil && r.Integration.Kind == notion.KindPAT {
		// A personal access token acts as its person: nothing is shared
		// with it (developers.notion.com/guides/get-started/personal-access-tokens).
		share = fmt.Sprintf("This is a personal access token: it sees what %s can open in Notion, without any sharing. Ask for access to a database (Share → Invite %s), or use the token of the person who can open it.", name, name)
	}
	switch {
	case r.Count > 0:
	case req.Query != "":
		// Something may well be shared: only the query found nothing.
		h = append(h, fmt.Sprintf("Search found no shared database matching query %q; call again without query to list everything shared with %s.", req.Query, name))
	case req.IncludePages && len(r.Pages) == 0:
		h = append(h, fmt.Sprintf("Nothing is shared with %s yet. %s", name, share))
	case len(r.Pages) > 0:
		h = append(h, fmt.Sprintf("Pages are shared with %s but no database is. %s", name, share))
	default:
		h = append(h, fmt.Sprintf("No database is shared with %s yet. %s", name, share))
	}
	if !r.Complete {
		more := ""
		if notion.HasDataSources(v) {
			more = " A listed database's data_sources can miss sources that search would have returned later; retrieve the database (/v1/databases/{id}) to see them all."
		}
		switch r.Incomplete {
		case ReasonResultSize:
			h = append(h, fmt.Sprintf("The result was cut to fit its size bound (%d KiB by default) so as not to flood the conversation: %d more entries were found but left out. Pass a query (part of a title) or a smaller limit to list what you need.%s", MaxResultBytes>>10, r.LeftOut, more))
		case ReasonCursorLoop:
			h = append(h, "Notion's search handed back a cursor it had already given, so the listing stopped to avoid paging in a loop; more databases may be shared. Call again, or pass a query to list fewer.")
		case ReasonDeadline:
			h = append(h, fmt.Sprintf("The listing stopped before the call's deadline (the server's --call-timeout, 50s by default) with what it had found: Notion answered slowly or its rate limit made the listing wait. More databases may be shared. Pass a query (part of a title) or a limit to list what you need, or call again later.%s", more))
		case ReasonNotionIncomplete:
			h = append(h, "Notion marked its search answer incomplete (request_status \"incomplete\"): it left results out, so more databases may be shared than listed. Call again later, or pass a query to narrow the search; diagnose_access checks any ID directly.")
		case ReasonRequestCap, ReasonObjectCap:
			requests, objects := req.caps()
			h = append(h, fmt.Sprintf("The listing stopped at its bound of %d search requests or %d results; more databases may be shared. Pass a query (part of a title) or a limit to list what you need.%s", requests, objects, more))
		default:
			h = append(h, fmt.Sprintf("limit %d cut the listing: more databases may be shared; call again without limit to list them all.%s", req.Limit, more))
		}
	}
	if partial > 0 {
		objects := "objects"
		if partial == 1 {
			objects = "object"
		}
		h = append(h, fmt.Sprintf("%d %s came back with only their ID, so titles and database IDs are missing: %s lacks the Read content capability. Enable it in %s → %s → Capabilities → Read content, then list again with refresh.", partial, objects, name, token.Portal, name))
	}
	if !notion.HasDataSources(v) {
		h = append(h, "API version 2022-06-28 lists databases, not data sources, and leaves out databases with several data sources; list with api_version 2025-09-03 to see those and their data source IDs.")
	} else if r.Count > 0 {
		h = append(h, "Use a database's id with /v1/databases/{id}; use one of its data_sources[].id for queries and schema (/v1/data_sources/{id}/query) — the two IDs differ.")
	}
	h = append(h, "Search only guarantees objects shared directly with the connection (Notion: search is not guaranteed to return everything); it lags a few seconds behind sharing, and linked databases (a view of a database placed on another page) never appear: share the original database. diagnose_access checks any ID directly.")
	return h
}
