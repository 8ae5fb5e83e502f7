package diagnose

import (
	"context"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// pageFound: the ID is a page. Where a database or data source was
// expected, it says which one the page is a row of, or which databases it
// holds (the usual wrong link: the page around an inline database).
func pageFound(ctx context.Context, r *Result, p *prober, pg *notion.Page) {
	r.Object = &Object{ID: pg.ID, Type: TypePage, Title: pg.Title, URL: pg.URL, InTrash: pg.InTrash}
	r.Use = &Use{PageID: pg.ID}
	name, what := r.Integration.Name, named(pg.Title, pg.ID)
	row := pg.Parent.Type == "database_id" || pg.Parent.Type == "data_source_id"
	rowDB := pg.Parent.DatabaseID
	if pg.Parent.Type == "data_source_id" {
		r.Use.DataSourceIDs = []string{pg.Parent.ID}
	}
	switch r.Expect {
	case TypeDatabase, TypeDataSource:
		r.Verdict = WrongType
		if row {
			r.Use.DatabaseID = rowDB
			r.Summary = fmt.Sprintf("%s is a row (page %s) of a database, not the %s: the database ID is %s.", pg.ID, titled(pg.Title), label(r.Expect), rowDB)
			r.Steps = []string{fmt.Sprintf("%q can read the row %s; use the database ID %s instead (a link opened from a row, or with ?p=, names the row).", name, what, rowDB)}
			if r.Expect == TypeDataSource && len(r.Use.DataSourceIDs) > 0 {
				r.Steps = append(r.Steps, fmt.Sprintf("For /v1/data_sources/{id}, use the row's data source ID %s.", r.Use.DataSourceIDs[0]))
			}
			return
		}
		holder(ctx, r, p, pg, what)
	default:
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read the page %s.", name, titled(pg.Title))
		r.Steps = []string{fmt.Sprintf("%q can read %s: use %s as the page ID (GET /v1/pages/%s; its content: GET /v1/blocks/%s/children).", name, what, pg.ID, pg.ID, pg.ID)}
		if row {
			r.Use.DatabaseID = rowDB
			r.Summary += fmt.Sprintf(" It is a row of the database %s.", rowDB)
		}
		if e := r.Extracted; e != nil && e.BlockID != "" && e.BlockID != pg.ID {
			r.Steps = append(r.Steps, fmt.Sprintf("The link's #… names the block %s inside it: use that ID with /v1/blocks/{id} if you meant the block.", e.BlockID))
		}
	}
}

// holder: a plain page where a database (or data source) belongs. It lists
// the databases inside the page and, for a data source, asks the first one
// for its data source IDs.
func holder(ctx context.Context, r *Result, p *prober, pg *notion.Page, what string) {
	name := r.Integration.Name
	r.DatabasesHere = childDatabases(ctx, p.c, p.v, pg.ID)
	r.Summary = fmt.Sprintf("%s is the page %s, not a %s.", pg.ID, titled(pg.Title), label(r.Expect))
	if len(r.DatabasesHere) == 0 {
		r.Summary += " It holds no database of its own."
		r.Steps = []string{
			fmt.Sprintf("%q can read the page %s, but it is not a database: open the database itself as a full page (an inline database: ••• → Open as full page), then Share → Copy link and use the ID in that link.", name, what),
			"If what you see on the page is a linked database (a view of a database kept elsewhere), open the original database and use its ID.",
		}
		return
	}
	var names []string
	for _, d := range r.DatabasesHere {
		names = append(names, fmt.Sprintf("%s (%s)", titled(d.Title), d.ID))
	}
	first := r.DatabasesHere[0]
	r.Summary += " It holds " + strings.Join(names, ", ") + ": you probably copied the link of the page around an inline database."
	r.Use.DatabaseID = first.ID
	r.Steps = []string{
		fmt.Sprintf("Use the database ID %s for %s instead of the ID of the page %s; %q can read both.", first.ID, titled(first.Title), what, name),
		"Next time, open the inline database as a full page (••• → Open as full page) before Share → Copy link.",
	}
	if r.Expect != TypeDataSource {
		return
	}
	if d, err := p.c.RetrieveDatabase(ctx, p.dsVersion(), first.ID); err == nil {
		for _, s := range d.DataSources {
			r.Use.DataSourceIDs = append(r.Use.DataSourceIDs, s.ID)
		}
	}
	r.Steps = append(r.Steps, dataSourceStep(r.Use.DataSourceIDs, first.Title))
}

// childDatabases lists the databases inside a page (its child_database
// blocks), reading at most two pages of children.
func childDatabases(ctx context.Context, c *notion.Client, v, pageID string) []ChildDatabase {
	var out []ChildDatabase
	cursor := ""
	for range 2 {
		l, err := c.BlockChildren(ctx, v, pageID, cursor, 100)
		if err != nil {
			return out
		}
		for _, b := range l.Results {
			if b.Type == "child_database" {
				out = append(out, ChildDatabase{ID: b.ID, Title: b.Title})
			}
		}
		if !l.HasMore || l.NextCursor == "" {
			return out
		}
		cursor = l.NextCursor
	}
	return out
}
