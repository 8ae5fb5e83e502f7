package diagnose

import (
	"context"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// TypeView is the object type of a database view (GET /v1/views/{id},
// API 2025-09-03 and later; developers.notion.com/reference/retrieve-a-view).
const TypeView = "view"

// ObjectTypes lists the values of Object.Type, for the output schema.
var ObjectTypes = []string{TypePage, TypeDatabase, TypeDataSource, TypeBlock, TypeView}

// patExpiry is what a result says about a personal access token's life:
// developers.notion.com/guides/get-started/personal-access-tokens.
const patExpiry = "A personal access token expires one year after it was created and stops working when its person loses access or a workspace policy disables such tokens; make a new one in Notion's Developer portal (https://www.notion.so/developers → Personal access tokens) before then."

// integrationOf describes what users/me answered: a bot (an internal or
// public connection) or, for a personal access token, its person.
func integrationOf(me *notion.User) *Integration {
	in := &Integration{Name: me.Name, Kind: me.Kind()}
	if me.Bot != nil {
		in.WorkspaceName = me.Bot.WorkspaceName
	}
	if me.IsPAT() {
		in.Expiry = patExpiry
	}
	return in
}

// pat reports whether the token checked is a personal access token: it acts
// as its person, so "share it with the integration" never applies.
func (r *Result) pat() bool { return r.Integration != nil && r.Integration.Kind == notion.KindPAT }

// patNotFound: every endpoint said 404 to a personal access token. A PAT
// sees what its person can open, without any sharing, so the causes are
// that the person cannot open it, or it was deleted, mistyped or is in a
// workspace the person is not in (NOTION_API_NOTES "Personal access tokens").
func patNotFound(r *Result, p *prober, what string) {
	person := r.Integration.Name
	r.Verdict = NotShared
	r.Summary = fmt.Sprintf("The token is a personal access token of %q, which sees exactly what %q can open in Notion; none of the page, database, data source and block endpoints can see %s. So %q cannot open it (it is private to someone else or in a teamspace %q is not in), or it was deleted, or the ID is mistyped, or it is in another workspace. Sharing with a connection does not apply to a personal access token.",
		person, person, what, person, person)
	if p.get(TypeView) != nil {
		r.Summary += " Nor is it a view of a database the person can open: GET /v1/views/{id} answered 404 too."
	}
	r.Steps = []string{
		fmt.Sprintf("Open %s in Notion signed in as %q (the person who created the token). If Notion says you have no access, ask its owner or a workspace admin to give %q access (Share → Invite), or join its teamspace.", what, person, person),
		"If it cannot be found at all, it was deleted or the ID is mistyped: copy the link again with Share → Copy link.",
		fmt.Sprintf("If it belongs to another workspace, create the personal access token while signed in to an account of that workspace (Developer portal → Personal access tokens). Then diagnose again (diagnose_access on %s).", p.id),
	}
}

// viewFound: the ID is a view (GET /v1/views/{id} answered). A view is not
// a page or database: the database it belongs to and the data source it
// shows are what the API reads and queries (developers.notion.com/reference/
// retrieve-a-view: parent.database_id and data_source_id). assumed: a view of
// a linked database names the linked database as its parent; its data
// source's own database is then the source to use (no public response shows
// it, so the note is added only when the two databases differ).
func viewFound(ctx context.Context, r *Result, p *prober, vw *notion.View) {
	r.Verdict = WrongType
	r.Object = &Object{ID: vw.ID, Type: TypeView, Title: vw.Name, URL: vw.URL}
	r.Use = &Use{DatabaseID: vw.DatabaseID}
	if vw.DataSourceID != "" {
		r.Use.DataSourceIDs = []string{vw.DataSourceID}
	}
	name := r.Integration.Name
	linkedNote := ""
	if vw.DataSourceID != "" {
		if ds, err := p.c.RetrieveDataSource(ctx, p.dsVersion(), vw.DataSourceID); err == nil && ds.Parent.DatabaseID != "" && ds.Parent.DatabaseID != vw.DatabaseID {
			linkedNote = fmt.Sprintf(" The view sits on the linked database %s (a linked view placed on another page, which the API cannot read); the source database is %s.", vw.DatabaseID, ds.Parent.DatabaseID)
			r.Use.DatabaseID = ds.Parent.DatabaseID
		}
	}
	r.Summary = fmt.Sprintf("%s is the view %s of the database %s, not a page or database ID: since API 2025-09-03 GET /v1/views/{id} reads a view, but pages, databases and queries need the database ID or its data source ID.%s",
		vw.ID, titled(vw.Name), r.Use.DatabaseID, linkedNote)
	r.Steps = []string{fmt.Sprintf("%q can read the view %s: use the database ID %s with /v1/databases/{id} instead (in a link, the ID before ?v=; the part after ?v= is the view).", name, vw.ID, r.Use.DatabaseID)}
	if len(r.Use.DataSourceIDs) > 0 {
		r.Steps = append(r.Steps, fmt.Sprintf("For rows and schema, use its data source ID %s: POST /v1/data_sources/%s/query with Notion-Version 2025-09-03 or later.", r.Use.DataSourceIDs[0], r.Use.DataSourceIDs[0]))
	}
	if linkedNote != "" {
		r.Steps = append(r.Steps, "Open the linked view in Notion and click its title's ↗ to reach the source database; that is the one to use.")
	}
}

// linkedFound: the ID is a linked database — a linked view of a database
// placed on another page, which the API cannot read. Notion says so with a
// 400 "is a linked database" (2022-06-28, dust-tt/dust#18188), a 400 "does
// not contain any data sources accessible by this API bot"
// (ultimate-notion#113), or, from 2025-09-03 on, "data_sources": [] (which
// can also mean the data source itself is not shared). The source database
// is looked for by title among what the token can see.
func linkedFound(ctx context.Context, r *Result, p *prober, title string, emptySources bool) {
	r.Verdict = LinkedDatabase
	if title == "" {
		if b, err := p.c.RetrieveBlock(ctx, p.v, p.id); err == nil && b.Type == "child_database" {
			title = b.Title
		}
	}
	r.Object = &Object{ID: p.id, Type: TypeDatabase, Title: title}
	name, what := r.Integration.Name, named(title, p.id)
	src, srcDS := findSource(ctx, p, title)
	why := "Notion answers that it is a linked database"
	if emptySources {
		why = "Notion lists no data source in it (\"data_sources\": [])"
	}
	r.Summary = fmt.Sprintf("%s is a linked database: a linked view of a database that lives on another page. %s, and the API cannot read or query a linked view; use the source database instead.", what, why)
	notShared := fmt.Sprintf("not shared with %q", name)
	share := fmt.Sprintf("share that database with %q (••• → Connections → Add connections)", name)
	if r.pat() {
		notShared = fmt.Sprintf("not open to %q", name)
		share = fmt.Sprintf("make sure %q can open it (ask its owner for access if not)", name)
	}
	if emptySources {
		r.Summary += fmt.Sprintf(" An empty data_sources (like the text \"does not contain any data sources accessible by this API bot\") can also mean the database is real but its data source is %s.", notShared)
	}
	if src != "" {
		r.Use = &Use{DatabaseID: src}
		if srcDS != "" {
			r.Use.DataSourceIDs = []string{srcDS}
		}
		r.Summary += fmt.Sprintf(" The source database titled %s that %q can see is %s.", titled(title), name, src)
		r.Steps = []string{
			fmt.Sprintf("Use the source database ID %s instead of %s (check in Notion: open the linked view and click its title's ↗, which opens the source database).", src, p.id),
		}
		if srcDS != "" {
			r.Steps = append(r.Steps, fmt.Sprintf("For rows and schema, query its data source %s (POST /v1/data_sources/%s/query, Notion-Version 2025-09-03 or later).", srcDS, srcDS))
		}
	} else {
		r.Summary += fmt.Sprintf(" No database titled %s that %q can see was found, so the source is not shared with it yet (or is titled differently).", titled(title), name)
		r.Steps = []string{
			fmt.Sprintf("Open the linked view %s in Notion and click its title's ↗ (or the source database's name) to open the source database as a full page.", what),
			fmt.Sprintf("There, %s, then Share → Copy link and use the ID in that link.", share),
		}
	}
	if emptySources {
		r.Steps = append(r.Steps, fmt.Sprintf("If %s is not a linked view but the database itself, its data source is %s: %s.", p.id, notShared, share))
	}
	r.Steps = append(r.Steps, againStep(p.id))
}

// maxSourceMatches bounds the search for a linked database's source.
const maxSourceMatches = 20

// findSource searches what the token can see for a database titled title
// (case-insensitive, exact) other than the linked one; one search request.
func findSource(ctx context.Context, p *prober, title string) (db, ds string) {
	if strings.TrimSpace(title) == "" {
		return "", ""
	}
	filter := "database"
	if notion.HasDataSources(p.v) {
		filter = "data_source"
	}
	sp, err := p.c.Search(ctx, p.v, notion.SearchRequest{Query: title, Filter: filter, PageSize: maxSourceMatches})
	if err != nil {
		return "", ""
	}
	for _, o := range sp.Results {
		switch {
		case o.Database != nil && !o.Database.Partial && strings.EqualFold(o.Database.Title, title) && o.Database.ID != p.id:
			return o.Database.ID, ""
		case o.DataSource != nil && !o.DataSource.Partial && o.DataSource.Parent.DatabaseID != p.id &&
			strings.EqualFold(o.DataSource.Name, title) && o.DataSource.Parent.DatabaseID != "":
			return o.DataSource.Parent.DatabaseID, o.DataSource.ID
		}
	}
	return "", ""
}

// limitVerdict explains a 429, a 529 or an edge block met while checking
// what; it reports false for any other error. A workspace-wide 429 is shared
// by every connection of the workspace, so moving a script to its own
// integration does not help (developers.notion.com/reference/request-limits);
// a 529 is an overload to wait out, not an outage; an HTML 403 with a cf-ray
// and no Notion request ID is a network rule (notion-sdk-js src/errors.ts).
func limitVerdict(r *Result, e *notion.Error, what, id, name string) bool {
	wait := e.WaitText()
	again := fmt.Sprintf("Wait %s, then diagnose again (diagnose_access on %s).", wait, id)
	switch {
	case e.IsBlocked():
		r.Verdict = APIUnreachable
		r.Summary = fmt.Sprintf("A network rule blocked the request before it reached Notion's API (an HTML 403 from Notion's edge, cf-ray %s, no Notion request ID), so %s could not be checked: a proxy, VPN, firewall or security rule, not a missing capability.", e.CFRay, what)
		r.Steps = []string{
			"Try from another network, or turn off the VPN or proxy; if a company firewall or proxy sits in between, ask for https://api.notion.com to be allowed.",
			fmt.Sprintf("If it persists on a clean network, contact Notion support with the Cloudflare Ray ID %s.", e.CFRay),
			againStep(id),
		}
	case e.IsOverloaded():
		r.Verdict = RateLimited
		r.Summary = fmt.Sprintf("Notion is overloaded (529 service_overload) and asked to wait %s, so %s could not be checked. This is a temporary overload to wait out, like a rate limit, not an outage or a problem with the token.", wait, what)
		r.Steps = []string{again, "Apps should retry 529 like 429, honouring Retry-After (the official SDK does)."}
	case e.WorkspaceLimited():
		r.Verdict = RateLimited
		r.Summary = fmt.Sprintf("Notion is rate-limiting the whole workspace (429, rate_limit_reason %q, retry after %s), so %s could not be checked: every connection of the workspace shares this budget, not only %s.", e.RateLimitReason(), wait, what, quoted(name))
		r.Steps = []string{
			again,
			"Other connections and scripts of the same workspace count against the same limit: pause or slow the busiest ones. Moving a script to its own integration does not help against a workspace limit.",
		}
	case e.IsRateLimited():
		r.Verdict = RateLimited
		reason := ""
		if rr := e.RateLimitReason(); rr != "" {
			reason = fmt.Sprintf(", rate_limit_reason %q", rr)
		}
		r.Summary = fmt.Sprintf("Notion answered 429 (rate limited%s) while %s was checked, so it could not be; it asks to wait %s.", reason, what, wait)
		r.Steps = []string{
			fmt.Sprintf("Notion allows about 3 requests per second per connection, and the workspace has a budget of its own; pause other scripts that use %s meanwhile.", quoted(name)),
			again,
		}
	default:
		return false
	}
	return true
}

func quoted(name string) string {
	if name == "" {
		return "this token"
	}
	return fmt.Sprintf("%q", name)
}
