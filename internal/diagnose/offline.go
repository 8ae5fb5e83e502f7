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
	r.Summary = fmt.Sprintf("%s is a view ID: views are not API objects, so every endpoint answers 404 for it whatever is shared.", ext.ID)
	r.Steps = []string{
		fmt.Sprintf("%s names a view of a database: open that database as a full page and use Share → Copy link; its ID is the part before ?v= (the part after is the view).", ext.ID),
		"Pass that link to diagnose_access to check the database.",
	}
}

// sharePortal is where a connection's capabilities and token live, under the
// old and the new name, so the step works whatever the user's screen shows.
const sharePortal = "https://www.notion.so/profile/integrations (Notion's Developer portal, https://www.notion.so/developers, calls integrations \"connections\")"

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
	case pasted.AccountRestricted:
		o.accountRestricted()
	case pasted.Restricted:
		o.restricted()
	case pasted.InvalidUUID:
		o.badValue()
	case pasted.InvalidRequestURL:
		o.requestURL()
	case pasted.MissingVersion:
		o.missingVersion()
	case pasted.MultipleDataSources:
		o.multipleSources()
	case pasted.SearchFilter:
		o.searchFilter()
	case pasted.IsPage, pasted.IsDatabase:
		o.wrongType()
	case pasted.Linked, pasted.NoDataSources:
		o.linked()
	case pasted.RateLimited, pasted.Overload:
		o.rateLimited()
	case pasted.Server:
		o.server()
	case pasted.Blocked:
		o.blocked()
	case pasted.PrivateAPI:
		o.privateAPI()
	default:
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
	pasted.MultipleDataSources: true, pasted.Unauthorized: true,
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

// idNote says in the summary when the error's ID cannot be used.
func (o *off) idNote() string {
	if o.ext != nil {
		return ""
	}
	switch o.pe.IDState {
	case pasted.IDMasked:
		return fmt.Sprintf(" The ID in the error is masked (%s), so it cannot be checked.", o.pe.IDShown)
	case pasted.IDTruncated:
		return fmt.Sprintf(" The ID in the error is cut off (%s), so it cannot be checked.", o.pe.IDShown)
	case pasted.IDPlaceholder:
		if o.pe.Family != pasted.InvalidUUID {
			return fmt.Sprintf(" The error shows a placeholder (%s) where the ID belongs.", o.pe.IDShown)
		}
	}
	return ""
}

// idStep asks for the full link when the error's ID is unusable.
func (o *off) idStep() string {
	if o.ext != nil {
		return ""
	}
	switch o.pe.IDState {
	case pasted.IDMasked:
		return "The ID in the error is masked: paste the full link of the page or database (Share → Copy link) to diagnose_access, or the unmasked error."
	case pasted.IDTruncated:
		return "The ID in the error is cut off: paste the full link of the page or database (Share → Copy link) to diagnose_access, or the whole error."
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

func (o *off) notFound() {
	r, pe := o.r, o.pe
	r.Verdict = NotShared
	kind := pe.Object
	what := o.the(kind)
	r.Summary = fmt.Sprintf("Notion answered 404 object_not_found (\"Could not find %s\"): most often %s is not shared with %s.", label(orWord(kind, "object")), what, o.integration())
	var alt []string
	switch kind {
	case TypeDataSource:
		alt = append(alt, "since API 2025-09-03, /v1/data_sources/{id} needs a data source ID, and a database ID there (the ID in a database's link) gives this same 404")
	case TypeDatabase:
		alt = append(alt, "a page ID (the page around an inline database) or a view ID (the part after ?v=) where the database ID belongs")
	case TypePage, TypeBlock:
		alt = append(alt, "the ID of a database or of another object where a "+label(kind)+" ID belongs")
	}
	alt = append(alt, "a token of another integration or workspace than the one it is shared with",
		"with a personal access token (which needs no sharing), a page its creator cannot open", "an object that was deleted, or a mistyped ID")
	r.Summary += " The same 404 also means: " + strings.Join(alt, "; ") + "."
	if kind == TypeDataSource {
		r.Steps = append(r.Steps, "If your code calls /v1/data_sources/{id} (dataSources.* in @notionhq/client 5 and later), pass the data source ID, not the database ID: in Notion open the database → ••• → Manage data sources → Copy data source ID, or run list_shared_databases, which shows both.")
	}
	r.Steps = append(r.Steps,
		fmt.Sprintf("Open %s in Notion as a full page → ••• → Connections → Add connections, pick %s and confirm. Sharing a parent page shares everything inside it.", orWord(o.id(), "the page or database"), o.integration()))
	if kind == TypeDatabase {
		r.Steps = append(r.Steps, "Check that the ID is the database's own: open an inline database as a full page (••• → Open as full page), then Share → Copy link; the part after ?v= is a view, not the database.")
	}
	r.Steps = append(r.Steps, "Make sure your app uses the token of that same integration, in the workspace that holds the page (compare fingerprints with validate_token).")
}

func orWord(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// stepsTokenReach: a 401 is often a token that never reached the program
// as the user thinks (NOTION_API_NOTES.md, "Where users go wrong").
func stepsTokenReach() []string {
	return []string{
		"Check that the token reaches your program: log its length and first 4 characters (never the whole token) where the client is created. The variable your code reads (NOTION_TOKEN, NOTION_API_KEY, …) must be the one you set, and a .env file must be loaded before the client is made (dotenv's config(), python-dotenv's load_dotenv()).",
		"Look for a placeholder left in a config: a value such as <your-token>, ntn_xxx or ${NOTION_TOKEN} that was never replaced.",
		"The header must be Authorization: Bearer <token>, with \"Bearer \" exactly once (SDKs add it: pass the token alone as auth). In a JSON header variable such as OPENAPI_MCP_HEADERS, escape the inner quotes inside your client's JSON config: \"{\\\"Authorization\\\": \\\"Bearer ntn_…\\\", \\\"Notion-Version\\\": \\\"2025-09-03\\\"}\".",
	}
}

func (o *off) unauthorized() {
	r := o.r
	r.Verdict = TokenInvalid
	r.Summary = "Notion rejected the token your app sent (401 unauthorized, \"API token is invalid.\"). Either the token never reached the program as you think — another variable name, a .env file not loaded, a <…> placeholder left in, header JSON mis-escaped, a missing \"Bearer \" — or it was revoked, regenerated or mistyped."
	r.Steps = append(stepsTokenReach(), stepsNewToken("")...)
	if !o.noToken {
		r.Steps = append(r.Steps, "Compare with the token this server has: validate_token shows its fingerprint (prefix and last 4 characters); your app's token must match it.")
	}
}

func (o *off) accountRestricted() {
	r := o.r
	r.Verdict = TokenInvalid
	r.Summary = "Notion refused the token because the Notion account behind it is restricted from accessing the public API (401, \"This user's account is restricted from accessing the public API.\"): the message names the account, not the token, so a new token made by the same account will most likely fail too. Notion does not document the reasons; a guest account or a workspace rule about connections are the plausible ones."
	r.Steps = []string{
		"Ask a workspace owner to check Settings → Connections (older screens: Integrations): whether members may create and use connections or personal access tokens, and whether your account (a guest?) may.",
		"Create the integration from a workspace owner's or member's account in " + sharePortal + ", share the pages with it, and use its token.",
		"If it persists, contact Notion support with the request_id from the error.",
	}
}

// capabilityFor names the capability an endpoint needs, from Notion's
// capabilities reference (developers.notion.com/reference/capabilities).
func capabilityFor(method, path string) string {
	p := strings.ToLower(path)
	switch {
	case p == "":
		return ""
	case strings.HasPrefix(p, "/v1/users"):
		return "Read user information"
	case strings.HasPrefix(p, "/v1/comments"):
		if method == "POST" {
			return "Insert comments"
		}
		if method == "GET" {
			return "Read comments"
		}
		return "Read comments (Insert comments to add one)"
	case method == "POST" && (p == "/v1/pages" || p == "/v1/databases" || p == "/v1/data_sources"),
		method == "PATCH" && strings.HasSuffix(p, "/children"):
		return "Insert content"
	case method == "PATCH" || method == "DELETE":
		return "Update content"
	case method == "GET" || strings.HasSuffix(p, "/query") || p == "/v1/search":
		return "Read content"
	}
	return ""
}

func (o *off) restricted() {
	r, pe := o.r, o.pe
	if strings.HasPrefix(strings.ToLower(pe.Endpoint), "/v1/users/me") {
		// users/me works with any capabilities (NOTION_API_NOTES.md).
		r.Verdict = TokenInvalid
		r.Summary = "Notion answered 403 on GET /v1/users/me, which works with any capabilities: this is not a missing capability. The token is refused for this workspace — a workspace rule (for example one that disables personal access tokens or connections) or a token of another kind than the endpoint accepts. Notion does not document this case; that is what is assumed here."
		r.Steps = append([]string{"Ask a workspace owner whether connections or personal access tokens are allowed in Settings → Connections."}, stepsNewToken("")...)
		return
	}
	r.Verdict = MissingCap
	capab := capabilityFor(pe.Method, pe.Endpoint)
	ep := "the endpoint"
	if pe.Endpoint != "" {
		ep = strings.TrimSpace(pe.Method + " " + pe.Endpoint)
	}
	r.Summary = fmt.Sprintf("Notion says the integration lacks a capability %s needs (403 restricted_resource, \"Insufficient permissions for this endpoint.\").", ep)
	if capab != "" {
		r.Summary += fmt.Sprintf(" %s needs %s.", ep, capab)
	}
	r.Summary += " The same 403 can also be a workspace rule that limits what connections may do; an HTML 403 page from Notion's edge (with cf-ray) is a network rule, not a capability."
	tick := "Read content at least, plus Insert content or Update content if the call writes"
	if capab != "" {
		tick = capab
	}
	r.Steps = []string{fmt.Sprintf("Open %s, choose %s, open Capabilities, tick %s, then Save; the token stays the same.", sharePortal, o.integration(), tick)}
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

func (o *off) privateAPI() {
	r := o.r
	// invalid_input: the request went to the private API, so nothing about
	// public-API access (token, sharing, capabilities) applies to it.
	r.Verdict = InvalidInput
	r.Summary = "This error comes from Notion's private API (www.notion.so/api/v3, used with a token_v2 browser cookie), not the public API at api.notion.com: integration tokens, sharing with connections and this diagnosis do not apply to it. The private API is undocumented, changes without notice and is often blocked (a Cloudflare 403)."
	r.Steps = []string{
		"Use the public API instead: create an integration at " + sharePortal + ", share the pages with it (••• → Connections → Add connections), and call https://api.notion.com/v1/… with Authorization: Bearer <token>.",
		"If a tool you use needs token_v2, its failures are that tool's: the cookie expires when you log out of Notion; ask the tool's maintainers.",
	}
}
