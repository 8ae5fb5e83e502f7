package listing

import (
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// grouper folds search results into one entry per database: under
// 2025-09-03+ search returns data sources, grouped by their database.
type grouper struct {
	order   []string
	byID    map[string]*Database
	partial int
}

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

func (g *grouper) entry(key string) (*Database, bool) {
	if d, ok := g.byID[key]; ok {
		return d, false
	}
	d := &Database{DataSources: []DataSource{}}
	g.byID[key] = d
	g.order = append(g.order, key)
	return d, true
}

func (g *grouper) addDatabase(db *notion.Database) {
	d, isNew := g.entry(db.ID)
	if !isNew {
		return
	}
	d.ID, d.Title, d.URL, d.Parent = db.ID, db.Title, db.URL, parentOf(db.Parent)
	d.IsInline, d.LastEditedTime, d.InTrash, d.Partial = db.IsInline, db.LastEditedTime, db.InTrash, db.Partial
	for _, ds := range db.DataSources {
		d.DataSources = append(d.DataSources, DataSource(ds))
	}
	if db.Partial {
		g.partial++
	}
}

func (g *grouper) addDataSource(ds *notion.DataSource) {
	dbID := ds.Parent.DatabaseID
	if dbID == "" && ds.Parent.Type == "database_id" {
		dbID = ds.Parent.ID
	}
	if ds.Partial || dbID == "" {
		// A stripped data source does not say which database holds it.
		g.partial++
		d, _ := g.entry("partial:" + ds.ID)
		d.Partial = true
		d.DataSources = []DataSource{{ID: ds.ID}}
		return
	}
	d, isNew := g.entry(dbID)
	for _, have := range d.DataSources {
		if have.ID == ds.ID {
			return
		}
	}
	d.DataSources = append(d.DataSources, DataSource{ID: ds.ID, Name: ds.Name})
	if isNew {
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

func (g *grouper) databases() []Database {
	out := make([]Database, 0, len(g.order))
	for _, k := range g.order {
		out = append(out, *g.byID[k])
	}
	return out
}

func hints(r *Result, v string, partial int) []string {
	name := "your integration"
	if r.Integration != nil && r.Integration.Name != "" {
		name = fmt.Sprintf("%q", r.Integration.Name)
	}
	var h []string
	if r.Count == 0 && len(r.Pages) == 0 {
		h = append(h, fmt.Sprintf("Nothing is shared with %s yet. Share a database: open it as a full page → ••• (top right) → Connections → Add connections → search for %s → Confirm. Sharing a page also shares the databases inside it.", name, name))
	}
	if partial > 0 {
		h = append(h, fmt.Sprintf("%d objects came back with only their ID, so titles and database IDs are missing: %s lacks the Read content capability. Enable it at https://www.notion.so/profile/integrations → %s → Capabilities → Read content, then list again with refresh.", partial, name, name))
	}
	if v == notion.V20220628 {
		h = append(h, "API version 2022-06-28 lists databases, not data sources, and leaves out databases with several data sources; list with api_version 2025-09-03 to see those and their data source IDs.")
	} else if r.Count > 0 {
		h = append(h, "Use a database's id with /v1/databases/{id}; use one of its data_sources[].id for queries and schema (/v1/data_sources/{id}/query) — the two IDs differ.")
	}
	h = append(h, "Search lags a few seconds behind sharing, and linked databases (a view of a database placed on another page) never appear: share the original database.")
	return h
}
