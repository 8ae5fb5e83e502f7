package diagnose

import (
	"context"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// decide turns the probes' answers into one verdict with its steps.
func decide(ctx context.Context, r *Result, p *prober, ext *notionid.Result, text string) {
	pg, db, ds, bl := p.get(TypePage), p.get(TypeDatabase), p.get(TypeDataSource), p.get(TypeBlock)
	all := []*outcome{pg, db, ds, bl}
	name := r.Integration.Name

	for _, o := range all {
		if o != nil && o.err != nil && o.err.IsUnauthorized() {
			r.Verdict = TokenInvalid
			r.Summary = fmt.Sprintf("Notion rejected the token of %q (401) while checking the ID: it was revoked or regenerated a moment ago.", name)
			r.Steps = stepsNewToken()
			return
		}
	}
	for _, o := range all {
		if o.found() && o.partial() {
			partialVerdict(r, o, name)
			return
		}
	}
	switch {
	case db.found():
		databaseFound(r, db.db, p.v)
	case ds.found():
		dataSourceFound(r, ds.ds)
	case pg.found():
		pageFound(ctx, r, p, pg.page)
	case bl.found():
		blockFound(r, bl.block)
	case db.says("multiple data sources"):
		unsupported(ctx, r, p)
	case db.says("is a page, not a database"):
		// The page endpoint failed for another reason; the 400 still proves
		// the ID is a readable page.
		pageFound(ctx, r, p, &notion.Page{ID: p.id})
	default:
		notFound(r, p, all, ext, text)
	}
	if r.Object != nil && r.Object.InTrash {
		r.Summary += " It is in the trash: restore it in Notion (Trash → Restore) or the API will treat it as archived."
	}
}

func partialVerdict(r *Result, o *outcome, name string) {
	typ, id := TypePage, ""
	switch {
	case o.db != nil:
		typ, id = TypeDatabase, o.db.ID
	case o.ds != nil:
		typ, id = TypeDataSource, o.ds.ID
	case o.page != nil:
		id = o.page.ID
	default:
		typ, id = TypeBlock, o.block.ID
	}
	r.Verdict = MissingCap
	r.Object = &Object{ID: id, Type: typ}
	r.Summary = fmt.Sprintf("The %s is shared with %q, but Notion returned it stripped to its ID: the integration lacks the Read content capability, so titles, properties and content are hidden.", label(typ), name)
	r.Steps = []string{
		fmt.Sprintf("Open https://www.notion.so/profile/integrations, choose %q, open Capabilities and tick Read content (and Update or Insert content if your app writes), then Save.", name),
		"Run diagnose_access again: the object should now come back whole.",
	}
}

func databaseFound(r *Result, d *notion.Database, v string) {
	r.Object = &Object{ID: d.ID, Type: TypeDatabase, Title: d.Title, URL: d.URL, InTrash: d.InTrash}
	r.Use = &Use{DatabaseID: d.ID}
	for _, s := range d.DataSources {
		r.Use.DataSourceIDs = append(r.Use.DataSourceIDs, s.ID)
	}
	name := r.Integration.Name
	switch r.Expect {
	case TypeDataSource:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is the ID of the database %s, not of a data source: /v1/data_sources/{id} needs one of its data source IDs.", d.ID, titled(d.Title))
		r.Steps = []string{dataSourceStep(r.Use.DataSourceIDs, d.Title)}
	case TypePage:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is the database %s, not a page.", d.ID, titled(d.Title))
		r.Steps = []string{
			fmt.Sprintf("Read it with GET /v1/databases/%s; to read a row, use the row's page ID (open the row as a page and copy its link).", d.ID),
		}
	default:
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read the database %s.", name, titled(d.Title))
		r.Steps = []string{fmt.Sprintf("Use %s as the database ID (GET /v1/databases/%s).", d.ID, d.ID)}
		if v != notion.V20220628 && len(d.DataSources) > 0 {
			r.Summary += fmt.Sprintf(" Since API %s, query it through its data source (POST /v1/data_sources/%s/query), not /v1/databases/{id}/query.", v, d.DataSources[0].ID)
			r.Steps = append(r.Steps, dataSourceStep(r.Use.DataSourceIDs, d.Title))
		}
	}
}

func dataSourceStep(ids []string, title string) string {
	if len(ids) == 0 {
		return "Find its data source IDs with list_shared_databases (API 2025-09-03 or later)."
	}
	return fmt.Sprintf("For queries and schema of %s, use its data source ID %s: POST /v1/data_sources/%s/query with Notion-Version 2025-09-03 or later.", titled(title), strings.Join(ids, " or "), ids[0])
}

func dataSourceFound(r *Result, d *notion.DataSource) {
	r.Object = &Object{ID: d.ID, Type: TypeDataSource, Title: d.Name, URL: d.URL, InTrash: d.InTrash}
	dbID := d.Parent.DatabaseID
	if dbID == "" {
		dbID = d.Parent.ID
	}
	r.Use = &Use{DataSourceIDs: []string{d.ID}, DatabaseID: dbID}
	switch r.Expect {
	case TypeDatabase:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is a data source ID (%s), not a database ID: the database that holds it is %s.", d.ID, titled(d.Name), dbID)
		r.Steps = []string{
			fmt.Sprintf("For /v1/databases/{id} use the database ID %s; keep %s for /v1/data_sources/{id} and its /query.", dbID, d.ID),
		}
	case TypePage:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is a data source (%s), not a page.", d.ID, titled(d.Name))
		r.Steps = []string{fmt.Sprintf("Query its rows with POST /v1/data_sources/%s/query and use a row's id as the page ID.", d.ID)}
	default:
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read the data source %s of database %s.", r.Integration.Name, titled(d.Name), dbID)
		r.Steps = []string{fmt.Sprintf("Query it with POST /v1/data_sources/%s/query (Notion-Version 2025-09-03 or later); its database ID is %s.", d.ID, dbID)}
	}
}

func pageFound(ctx context.Context, r *Result, p *prober, pg *notion.Page) {
	r.Object = &Object{ID: pg.ID, Type: TypePage, Title: pg.Title, URL: pg.URL, InTrash: pg.InTrash}
	r.Use = &Use{PageID: pg.ID}
	row := pg.Parent.Type == "database_id" || pg.Parent.Type == "data_source_id"
	rowDB := pg.Parent.DatabaseID
	if rowDB == "" && pg.Parent.Type == "database_id" {
		rowDB = pg.Parent.ID
	}
	switch r.Expect {
	case TypeDatabase, TypeDataSource:
		r.Verdict = WrongType
		if row {
			r.Use.DatabaseID = rowDB
			r.Summary = fmt.Sprintf("%s is a row (page %s) of a database, not the database: the database ID is %s.", pg.ID, titled(pg.Title), rowDB)
			r.Steps = []string{fmt.Sprintf("Use the database ID %s; a link opened from a row (or with ?p=) names the row.", rowDB)}
			return
		}
		r.DatabasesHere = childDatabases(ctx, p.c, p.v, pg.ID)
		r.Summary = fmt.Sprintf("%s is the page %s, not a database.", pg.ID, titled(pg.Title))
		switch len(r.DatabasesHere) {
		case 0:
			r.Summary += " It holds no database of its own."
			r.Steps = []string{
				"Open the database itself as a full page (an inline database: ••• → Open as full page), then Share → Copy link and use the ID in that link.",
				"If what you see on the page is a linked database (a view of a database kept elsewhere), open the original database and use its ID.",
			}
		default:
			var names []string
			for _, d := range r.DatabasesHere {
				names = append(names, fmt.Sprintf("%s (%s)", titled(d.Title), d.ID))
			}
			r.Summary += " It holds " + strings.Join(names, ", ") + ": you probably copied the link of the page around an inline database."
			r.Use.DatabaseID = r.DatabasesHere[0].ID
			r.Steps = []string{
				fmt.Sprintf("Use the database ID %s for %s instead of the page's ID.", r.DatabasesHere[0].ID, titled(r.DatabasesHere[0].Title)),
				"Next time, open the inline database as a full page (••• → Open as full page) before Share → Copy link.",
			}
		}
	default:
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read the page %s.", r.Integration.Name, titled(pg.Title))
		r.Steps = []string{fmt.Sprintf("Use %s as the page ID (GET /v1/pages/%s; its content: GET /v1/blocks/%s/children).", pg.ID, pg.ID, pg.ID)}
		if row {
			r.Use.DatabaseID = rowDB
			r.Summary += fmt.Sprintf(" It is a row of the database %s.", rowDB)
		}
	}
}

func blockFound(r *Result, b *notion.Block) {
	r.Object = &Object{ID: b.ID, Type: TypeBlock, Title: b.Title, InTrash: b.InTrash}
	r.Use = &Use{BlockID: b.ID}
	if b.Parent.Type == "page_id" {
		r.Use.PageID = b.Parent.ID
	}
	where := ""
	if r.Use.PageID != "" {
		where = " inside the page " + r.Use.PageID
	}
	if r.Expect == ExpectAny {
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read this %s block%s.", r.Integration.Name, b.Type, where)
		r.Steps = []string{fmt.Sprintf("Use %s with /v1/blocks/{id}.", b.ID)}
		return
	}
	r.Verdict = WrongType
	r.Summary = fmt.Sprintf("%s is a %s block%s, not a %s.", b.ID, b.Type, where, label(r.Expect))
	r.Steps = []string{"Copy the link of the page or database itself (Share → Copy link), not of a block in it (a link ending in #… names a block)."}
}

// unsupported: a database with several data sources read with 2022-06-28.
func unsupported(ctx context.Context, r *Result, p *prober) {
	r.Verdict = Unsupported
	r.Object = &Object{ID: p.id, Type: TypeDatabase}
	r.Use = &Use{DatabaseID: p.id}
	if d, err := p.c.RetrieveDatabase(ctx, notion.V20250903, p.id); err == nil {
		r.Object.Title, r.Object.URL = d.Title, d.URL
		for _, s := range d.DataSources {
			r.Use.DataSourceIDs = append(r.Use.DataSourceIDs, s.ID)
		}
	}
	r.Summary = fmt.Sprintf("The database %s has several data sources, which API version %s cannot read; it is shared and readable with 2025-09-03 or later.", titled(r.Object.Title), p.v)
	r.Steps = []string{
		"Send the header Notion-Version: 2025-09-03 (or 2026-03-11); @notionhq/client 5 and later default to it.",
		dataSourceStep(r.Use.DataSourceIDs, r.Object.Title),
	}
}

func titled(t string) string {
	if t == "" {
		return "(untitled)"
	}
	return fmt.Sprintf("%q", t)
}

func label(typ string) string { return strings.ReplaceAll(typ, "_", " ") }
