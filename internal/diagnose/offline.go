package diagnose

import (
	"errors"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// viewVerdict: a view:// reference names a view, which the API never reads.
func viewVerdict(r *Result, ext *notionid.Result) {
	r.Verdict = WrongType
	r.Summary = fmt.Sprintf("%s is a view ID, not a page or database ID: pages, databases and queries need the database's ID (or its data source's). Since API 2025-09-03 GET /v1/views/{id} reads the view and names its database and data source; with a token this server does that for you.", ext.ID)
	r.Steps = []string{
		fmt.Sprintf("%s names a view of a database: open that database as a full page and use Share → Copy link; its ID is the part before ?v= (the part after is the view).", ext.ID),
		"Pass that link to diagnose_access to check the database, or set NOTION_TOKEN and diagnose the view ID again to have its database and data source looked up.",
	}
}

// offline explains a pasted error from its text alone: no token reached
// this server (tokErr is token.ErrMissing), or the text names no usable ID.
// Every recognised family gets its verdict, with the other causes the same
// text allows in the summary; only an ID with no recognised error and no
// token gets token_missing.
func offline(r *Result, ext *notionid.Result, pe *pasted.Error, tokErr error) {
	noToken := errors.Is(tokErr, token.ErrMissing)
	note := " (Read from the pasted text alone: nothing was checked live.)"
	if noToken {
		note = " (Read from the pasted text alone: no token reached this server, so nothing was checked live.)"
	}
	o := &off{r: r, ext: ext, pe: pe, noToken: noToken}
	switch pe.Family {
	case pasted.NotFound:
		o.notFound()
	case pasted.Unauthorized:
		o.unauthorized()
	case pasted.Restricted:
		o.restricted()
	case pasted.InvalidUUID:
		o.badValue()
	case pasted.InvalidRequestURL:
		o.requestURL()
	case pasted.MultipleDataSources:
		o.multipleSources()
	case pasted.IsPage, pasted.IsDatabase:
		o.wrongType()
	case pasted.Linked, pasted.NoDataSources:
		o.linked()
	case pasted.RateLimited, pasted.Overload:
		o.rateLimited()
	case pasted.Server:
		o.server()
	default:
		if a, ok := fixedAdvice[pe.Family]; ok {
			a.apply(r)
			break
		}
		if ext == nil {
			// A Notion error that is about the request, not about access
			// to an object (conflict_error, invalid_json, a property).
			r.Verdict = InvalidInput
			r.Summary = fmt.Sprintf("The pasted text is a Notion error (%s) about the request itself, not about access, and it names no ID to check.", describe(pe))
			if pe.Message != "" {
				r.Summary += fmt.Sprintf(" Notion says: %q.", pe.Message)
			}
			r.Steps = append(otherSteps(pe), stepsCopyLink()...)
			return
		}
		r.Verdict = TokenMissing
		r.Summary = "No token reached this server, so the ID could not be checked: " + errText(tokErr) + "."
		if pe.Recognised() {
			r.Summary = fmt.Sprintf("The pasted error (%s) does not say why %s fails, and no token reached this server to check it live.", describe(pe), ext.ID)
		}
		r.Steps = []string{
			fmt.Sprintf("Set NOTION_TOKEN in the env block of this server's entry in your MCP client's config (or point diagnose_access's env_file at your project's .env), then run diagnose_access again on %s.", ext.ID),
			"Meanwhile, the most common fix: open the page or database as a full page → ••• → Connections → Add connections → pick your integration.",
		}
		return
	}
	r.Summary += o.idNote() + note
	if s := o.idStep(); s != "" {
		r.Steps = append([]string{s}, r.Steps...)
	}
	if objectFamily[pe.Family] || o.id() != "" {
		r.Steps = append(r.Steps, o.liveStep())
	}
}

// objectFamily: errors about one object, which a live check can settle;
// limits, outages, blocks, versions and the private API are not.
var objectFamily = map[pasted.Family]bool{
	pasted.NotFound: true, pasted.Restricted: true, pasted.InvalidUUID: true, pasted.InvalidRequestURL: true,
	pasted.IsPage: true, pasted.IsDatabase: true, pasted.Linked: true, pasted.NoDataSources: true,
	pasted.MultipleDataSources: true,
}

// otherSteps: what to do about a Notion error that is not about access.
func otherSteps(pe *pasted.Error) []string {
	switch pe.Code {
	case "conflict_error":
		return []string{"Retry the write: another change to the same object happened at the same time (409 conflict_error)."}
	case "invalid_json":
		return []string{"Send a valid JSON body: check quoting and escaping where your code builds it (400 invalid_json)."}
	case "validation_error", "invalid_request":
		return []string{"Fix the request as Notion's message says (a property name or type, a filter, a missing field); the reference page of the endpoint lists what it takes."}
	}
	return nil
}

func errText(err error) string {
	if err == nil {
		return "none was given"
	}
	return err.Error()
}

// describe names a pasted error by its status and code.
func describe(pe *pasted.Error) string {
	var parts []string
	if pe.Status != 0 {
		parts = append(parts, fmt.Sprint(pe.Status))
	}
	if pe.Code != "" {
		parts = append(parts, pe.Code)
	}
	if len(parts) == 0 {
		return string(pe.Family)
	}
	return strings.Join(parts, " ")
}

// off holds what the offline explanations read.
type off struct {
	r       *Result
	ext     *notionid.Result
	pe      *pasted.Error
	noToken bool
}

// id is the object's ID, or what to call it when the text has none.
func (o *off) id() string {
	if o.ext != nil {
		return o.ext.ID
	}
	if o.pe.ID != "" {
		return o.pe.ID
	}
	if o.pe.Bad != nil {
		return o.pe.Bad.ID
	}
	return ""
}

// the names the object in a sentence.
func (o *off) the(kind string) string {
	if kind == "" {
		kind = "page or database"
	}
	if id := o.id(); id != "" {
		return fmt.Sprintf("the %s %s", label(kind), id)
	}
	return "the " + label(kind)
}

// integration is how the steps call the app's integration.
func (o *off) integration() string {
	if o.pe.Integration != "" {
		return fmt.Sprintf("%q", o.pe.Integration)
	}
	return "your integration (connection)"
}

// unusableID words an error's ID that is masked or cut off: what it is,
// and what to paste instead.
var unusableID = map[pasted.IDState]struct{ is, instead string }{
	pasted.IDMasked:    {"masked", "the unmasked error"},
	pasted.IDTruncated: {"cut off", "the whole error"},
}

// idNote says in the summary when the error's ID cannot be used.
func (o *off) idNote() string {
	if o.ext != nil {
		return ""
	}
	if u, ok := unusableID[o.pe.IDState]; ok {
		return fmt.Sprintf(" The ID in the error is %s (%s), so it cannot be checked.", u.is, o.pe.IDShown)
	}
	if o.pe.IDState == pasted.IDPlaceholder && o.pe.Family != pasted.InvalidUUID {
		return fmt.Sprintf(" The error shows a placeholder (%s) where the ID belongs.", o.pe.IDShown)
	}
	return ""
}

// idStep asks for the full link when the error's ID is unusable.
func (o *off) idStep() string {
	if o.ext != nil {
		return ""
	}
	if u, ok := unusableID[o.pe.IDState]; ok {
		return fmt.Sprintf("The ID in the error is %s: paste the full link of the page or database (Share → Copy link) to diagnose_access, or %s.", u.is, u.instead)
	}
	return ""
}

// liveStep says how to have it checked live.
func (o *off) liveStep() string {
	on := "the full link of the page or database"
	if id := o.id(); id != "" {
		on = id
	}
	if o.noToken {
		return fmt.Sprintf("To have it checked live, set NOTION_TOKEN in the env block of this server's entry in your MCP client's config (or point diagnose_access's env_file at your project's .env) and run diagnose_access again on %s.", on)
	}
	return fmt.Sprintf("To have it checked live with this server's token, run diagnose_access again on %s.", on)
}

func (o *off) wrongType() {
	r, id := o.r, o.id()
	r.Verdict = WrongType
	if o.pe.Family == pasted.IsPage {
		r.Use = &Use{PageID: id}
		r.Summary = fmt.Sprintf("Notion says %s is a page, not a database, so it exists and your app can read it: you probably copied the link of the page around an inline database, or a row's link.", orWord(id, "the ID"))
		r.Steps = []string{
			"Open the database itself as a full page (••• → Open as full page), then Share → Copy link, and use the ID in that link.",
			"Or, with a token, run diagnose_access again: it lists the databases inside that page with their IDs.",
		}
	} else {
		r.Use = &Use{DatabaseID: id}
		r.Summary = fmt.Sprintf("Notion says %s is a database, not a page: use it with the database endpoints (a row of it is a page with its own ID).", orWord(id, "the ID"))
		r.Steps = []string{"Read it with GET /v1/databases/" + orWord(id, "{id}") + "; a row's page ID comes from a query of its data source (or open the row as a page and copy its link)."}
	}
	if id == "" {
		r.Use = nil
	}
}

func (o *off) linked() {
	r := o.r
	r.Verdict = LinkedDatabase
	what := o.the(TypeDatabase)
	// The texts: dust-tt/dust#18188, ultimate-notion#113 (NOTION_API_NOTES.md).
	r.Summary = fmt.Sprintf("Notion says %s is a linked database — a linked view of a database that lives on another page — and the API cannot read linked databases.", what)
	if o.pe.Family == pasted.NoDataSources {
		r.Summary = fmt.Sprintf("Notion says %s has no data source this integration can read. Either it is a linked database (a linked view of a database that lives elsewhere), which the API cannot read, or its data source — the source database — is not shared with the integration.", what)
	}
	r.Steps = []string{
		"Open the linked view in Notion and click its title's ↗ (or the source database's name) to reach the source database; open that as a full page.",
		fmt.Sprintf("Share the source database with %s (••• → Connections → Add connections) and use its ID (Share → Copy link) instead of the linked view's.", o.integration()),
	}
	if o.pe.Family == pasted.NoDataSources {
		r.Steps = append(r.Steps, fmt.Sprintf("If it is not a linked view, share the database itself (or its parent page) with %s: its data source is not shared yet.", o.integration()))
	}
}
