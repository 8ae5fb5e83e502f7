package diagnose

import (
	"context"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/notionid"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// decide turns the probes' answers into one verdict with its steps, then
// weighs what the pasted error says against it.
func decide(ctx context.Context, r *Result, p *prober, ext *notionid.Result, pe *pasted.Error) {
	pg, db, ds, bl, vw := p.get(TypePage), p.get(TypeDatabase), p.get(TypeDataSource), p.get(TypeBlock), p.get(TypeView)
	all := []*outcome{pg, db, ds, bl, vw}
	name := r.Integration.Name

	for _, o := range all {
		if o != nil && o.err != nil && o.err.IsUnauthorized() {
			r.Verdict = TokenInvalid
			r.Summary = fmt.Sprintf("Notion rejected the token of %q (401) while checking the ID: it was revoked or regenerated a moment ago.", name)
			r.Steps = append(stepsNewToken(name), againStep(p.id))
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
	case db.found() && db.db.NoDataSources:
		linkedFound(ctx, r, p, db.db.Title, true)
	case db.says("is a linked database"), db.says("does not contain any data sources accessible"):
		linkedFound(ctx, r, p, "", db.says("does not contain any data sources accessible"))
	case db.found():
		databaseFound(r, db.db, p.v)
	case ds.found():
		dataSourceFound(ctx, r, p, ds.ds)
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
	case vw.found():
		viewFound(ctx, r, p, vw.view)
	default:
		notFound(r, p, all, ext, pe)
	}
	if r.Object != nil && r.Object.InTrash {
		r.Summary += " It is in the trash: restore it in Notion (Trash → Restore) or the API will treat it as archived."
	}
	if r.Object != nil {
		appSide(r, pe)
	}
	malformedInApp(r, p, pe)
	alsoPasted(r, pe, p.id)
}

// appSide weighs a pasted 404 against an object this token can see: the
// 404 came from the user's app, so its integration is not this one, or the
// object was shared since.
func appSide(r *Result, pe *pasted.Error) {
	if r.Verdict == MissingCapability || pe.Family != pasted.NotFound {
		return
	}
	name, what := r.Integration.Name, named(r.Object.Title, r.Object.ID)
	other := pe.Integration
	switch {
	case other != "" && !strings.EqualFold(other, name) && r.Verdict == Accessible:
		r.Verdict = NotShared
		r.Summary = fmt.Sprintf("%q (this server's token) can read %s, but your app's error comes from the integration %q, which cannot: it is not shared with %q.", name, what, other, other)
		r.Steps = []string{
			fmt.Sprintf("Open %s in Notion as a full page → ••• → Connections → Add connections, pick %q and confirm.", what, other),
			fmt.Sprintf("Or give your app the token of %q, which can already read it (compare fingerprints with validate_token).", name),
		}
	case other != "" && !strings.EqualFold(other, name):
		r.Steps = append([]string{fmt.Sprintf("Your app's error comes from the integration %q, not %q: share %s with %q as well (••• → Connections → Add connections), or give your app %q's token.", other, name, what, other, name)}, r.Steps...)
	case r.Verdict == Accessible:
		r.Summary += fmt.Sprintf(" Your app's error says Notion could not find it: if it still fails, your app sends another ID or endpoint, or a token of another integration than %q (compare fingerprints with validate_token); or it was shared after the error.", name)
	}
}

// malformedInApp: a pasted "should be a valid uuid" means the app sent a
// link or a ?v= part instead of the ID; for an object that is otherwise
// fine that is the whole problem.
func malformedInApp(r *Result, p *prober, pe *pasted.Error) {
	if pe.Family != pasted.InvalidUUID {
		return
	}
	step := fmt.Sprintf("Make your app send the ID alone, %s (or %s), not the whole link, a ?v= part or quotes.", p.id, strings.ReplaceAll(p.id, "-", ""))
	if r.Verdict == Accessible {
		r.Verdict = InvalidInput
		r.Summary = "Your app sent something that is not an ID (Notion: \"should be a valid uuid\"); the ID in it is fine: " + r.Summary
	}
	r.Steps = append([]string{step}, r.Steps...)
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
	case o.view != nil:
		typ, id = TypeView, o.view.ID
	default:
		typ, id = TypeBlock, o.block.ID
	}
	r.Verdict = MissingCapability
	r.Object = &Object{ID: id, Type: typ}
	r.Summary = fmt.Sprintf("The %s %s is shared with %q, but Notion returned it stripped to its ID: the integration lacks the Read content capability, so titles, properties and content are hidden.", label(typ), id, name)
	r.Steps = []string{
		fmt.Sprintf("Open %s, choose %q, open Capabilities and tick Read content (and Update or Insert content if your app writes), then Save.", token.Portal, name),
		fmt.Sprintf("Run diagnose_access again on %s: it should now come back whole.", id),
	}
}

func databaseFound(r *Result, d *notion.Database, v string) {
	r.Object = &Object{ID: d.ID, Type: TypeDatabase, Title: d.Title, URL: d.URL, InTrash: d.InTrash}
	r.Use = &Use{DatabaseID: d.ID}
	for _, s := range d.DataSources {
		r.Use.DataSourceIDs = append(r.Use.DataSourceIDs, s.ID)
	}
	name, what := r.Integration.Name, named(d.Title, d.ID)
	switch r.Expect {
	case TypeDataSource:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is the ID of the database %s, not of a data source: /v1/data_sources/{id} needs one of its data source IDs.", d.ID, titled(d.Title))
		r.Steps = []string{
			fmt.Sprintf("%q can read the database %s; keep that ID for /v1/databases/{id}.", name, what),
			dataSourceStep(r.Use.DataSourceIDs, d.Title),
		}
	case TypePage:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is the database %s, not a page.", d.ID, titled(d.Title))
		r.Steps = []string{
			fmt.Sprintf("%q can read the database %s: read it with GET /v1/databases/%s; to read a row, use the row's page ID (open the row as a page and copy its link).", name, what, d.ID),
		}
	default:
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read the database %s.", name, titled(d.Title))
		r.Steps = []string{fmt.Sprintf("%q can read %s: use %s as the database ID (GET /v1/databases/%s).", name, what, d.ID, d.ID)}
		if notion.HasDataSources(v) && len(d.DataSources) > 0 {
			r.Summary += fmt.Sprintf(" Since API %s, query it through its data source (POST /v1/data_sources/%s/query), not /v1/databases/{id}/query.", v, d.DataSources[0].ID)
			r.Steps = append(r.Steps, dataSourceStep(r.Use.DataSourceIDs, d.Title))
		}
		if e := r.Extracted; e != nil && e.PeekPageID != "" && e.PeekPageID != d.ID {
			r.Steps = append(r.Steps, fmt.Sprintf("The link's ?p= names the row %s, opened in peek: if that row is what fails, diagnose %s with expect page.", e.PeekPageID, e.PeekPageID))
		}
	}
}

func dataSourceStep(ids []string, title string) string {
	if len(ids) == 0 {
		return fmt.Sprintf("Find the data source IDs of %s with list_shared_databases (API 2025-09-03 or later).", titled(title))
	}
	return fmt.Sprintf("For queries and schema of %s, use its data source ID %s: POST /v1/data_sources/%s/query with Notion-Version 2025-09-03 or later.", titled(title), strings.Join(ids, " or "), ids[0])
}

func dataSourceFound(ctx context.Context, r *Result, p *prober, d *notion.DataSource) {
	r.Object = &Object{ID: d.ID, Type: TypeDataSource, Title: d.Name, URL: d.URL, InTrash: d.InTrash}
	dbID := d.Parent.DatabaseID
	r.Use = &Use{DataSourceIDs: []string{d.ID}, DatabaseID: dbID}
	name, what := r.Integration.Name, named(d.Name, d.ID)
	if !notion.HasDataSources(p.v) && r.Expect != TypePage {
		legacyDataSource(ctx, r, p, d, dbID)
		return
	}
	switch r.Expect {
	case TypeDatabase:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is a data source ID (%s), not a database ID: the database that holds it is %s.", d.ID, titled(d.Name), dbID)
		r.Steps = []string{
			fmt.Sprintf("For /v1/databases/{id} use the database ID %s; keep %s (%q can read it) for /v1/data_sources/{id} and its /query.", dbID, what, name),
		}
	case TypePage:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is a data source (%s), not a page.", d.ID, titled(d.Name))
		r.Steps = []string{fmt.Sprintf("%q can read the data source %s: query its rows with POST /v1/data_sources/%s/query (Notion-Version 2025-09-03 or later) and use a row's id as the page ID.", name, what, d.ID)}
	default:
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read the data source %s of database %s.", name, titled(d.Name), dbID)
		r.Steps = []string{fmt.Sprintf("%q can read %s: query it with POST /v1/data_sources/%s/query (Notion-Version 2025-09-03 or later); its database ID is %s.", name, what, d.ID, dbID)}
	}
}

// legacyDataSource: a data source ID met under 2022-06-28, which has no
// data sources. Its database ID works there unless the database has several
// data sources.
func legacyDataSource(ctx context.Context, r *Result, p *prober, d *notion.DataSource, dbID string) {
	name, what := r.Integration.Name, named(d.Name, d.ID)
	_, err := p.c.RetrieveDatabase(ctx, p.v, dbID)
	multi := err != nil && strings.Contains(strings.ToLower(err.Error()), "multiple data sources")
	switch {
	case multi:
		r.Verdict = UnsupportedInAPIVersion
		r.Summary = fmt.Sprintf("%s is the data source %s of database %s, which has several data sources: API %s knows neither data sources nor such databases.", d.ID, titled(d.Name), dbID, p.v)
		r.Steps = []string{
			"Send the header Notion-Version: 2025-09-03 (or 2026-03-11); @notionhq/client 5 and later default to it.",
			fmt.Sprintf("Then query %s with POST /v1/data_sources/%s/query (%q can read it).", what, d.ID, name),
		}
	case r.Expect == TypeDatabase:
		r.Verdict = WrongType
		r.Summary = fmt.Sprintf("%s is a data source ID (%s), not a database ID: with API %s use the ID of its database, %s.", d.ID, titled(d.Name), p.v, dbID)
		r.Steps = []string{fmt.Sprintf("Use the database ID %s (%q can read it) with /v1/databases/{id}; %s is only for /v1/data_sources/{id} under 2025-09-03 or later.", dbID, name, d.ID)}
	default:
		r.Verdict = UnsupportedInAPIVersion
		r.Summary = fmt.Sprintf("%s is the data source %s of database %s; data sources exist only from API 2025-09-03, not in %s.", d.ID, titled(d.Name), dbID, p.v)
		r.Steps = []string{
			fmt.Sprintf("Either send Notion-Version: 2025-09-03 and use %s with /v1/data_sources/{id} (%q can read it),", what, name),
			fmt.Sprintf("or stay on %s and use the database ID %s with /v1/databases/{id} and /query.", p.v, dbID),
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
	name := r.Integration.Name
	if r.Expect == ExpectAny {
		r.Verdict = Accessible
		r.Summary = fmt.Sprintf("%q can read this %s block%s.", name, b.Type, where)
		r.Steps = []string{fmt.Sprintf("%q can read it: use %s with /v1/blocks/{id}.", name, b.ID)}
		return
	}
	r.Verdict = WrongType
	r.Summary = fmt.Sprintf("%s is a %s block%s, not a %s.", b.ID, b.Type, where, label(r.Expect))
	r.Steps = []string{fmt.Sprintf("Copy the link of the page or database itself (Share → Copy link), not of a block in it (a link ending in #… names a block); %q can read the block %s.", name, b.ID)}
	if r.Use.PageID != "" {
		r.Steps = append(r.Steps, fmt.Sprintf("The page that holds it is %s: diagnose that ID.", r.Use.PageID))
	}
}

// unsupported: a database with several data sources read with 2022-06-28.
func unsupported(ctx context.Context, r *Result, p *prober) {
	r.Verdict = UnsupportedInAPIVersion
	r.Object = &Object{ID: p.id, Type: TypeDatabase}
	r.Use = &Use{DatabaseID: p.id}
	if d, err := p.c.RetrieveDatabase(ctx, notion.V20250903, p.id); err == nil {
		r.Object.Title, r.Object.URL = d.Title, d.URL
		for _, s := range d.DataSources {
			r.Use.DataSourceIDs = append(r.Use.DataSourceIDs, s.ID)
		}
	}
	r.Summary = fmt.Sprintf("The database %s has several data sources, which API version %s cannot read; it is shared with %q and readable with 2025-09-03 or later.", titled(r.Object.Title), p.v, r.Integration.Name)
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

// named names an object in a step: its title and ID, or the ID alone.
func named(title, id string) string {
	if title == "" {
		return id
	}
	return fmt.Sprintf("%q (%s)", title, id)
}

func label(typ string) string { return strings.ReplaceAll(typ, "_", " ") }
