package diagnose

import (
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
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

// offline explains a pasted error when there is no token to check live.
// Errors whose cause is certain from the text get their verdict; a 404
// (six possible causes) gets token_missing with what each cause would need.
func offline(r *Result, ext *notionid.Result, text string, missing error) {
	l := strings.ToLower(text)
	note := " (Explained from the pasted text only: no token reached this server, so nothing was checked live.)"
	switch {
	case strings.Contains(l, "is a page, not a database"):
		r.Verdict = WrongType
		r.Use = &Use{PageID: ext.ID}
		r.Summary = fmt.Sprintf("Notion says %s is a page, not a database, so it exists and your app can read it: you probably copied the link of the page around an inline database.%s", ext.ID, note)
		r.Steps = []string{
			"Open the database itself as a full page (••• → Open as full page), then Share → Copy link, and use the ID in that link.",
			"Or set NOTION_TOKEN for this server and run diagnose_access again: it lists the databases inside that page with their IDs.",
		}
	case strings.Contains(l, "is a database, not a page"):
		r.Verdict = WrongType
		r.Use = &Use{DatabaseID: ext.ID}
		r.Summary = fmt.Sprintf("Notion says %s is a database, not a page: use it with /v1/databases/{id}.%s", ext.ID, note)
		r.Steps = []string{"Read it with GET /v1/databases/" + ext.ID + "; a row's page ID comes from a query of its data source."}
	case strings.Contains(l, "multiple data sources"):
		r.Verdict = Unsupported
		r.Use = &Use{DatabaseID: ext.ID}
		r.Summary = "The database has several data sources, which API version 2022-06-28 cannot read." + note
		r.Steps = []string{fmt.Sprintf("Send Notion-Version: 2025-09-03 (or later) and query one of the data sources of %s: POST /v1/data_sources/{data_source_id}/query. In Notion: ••• → Manage data sources → Copy data source ID.", ext.ID)}
	case strings.Contains(l, "restricted_resource"), strings.Contains(l, "insufficient permissions"):
		r.Verdict = MissingCap
		r.Summary = "The integration lacks a capability this endpoint needs (403 restricted_resource)." + note
		r.Steps = []string{"Open https://www.notion.so/profile/integrations, choose the integration, open Capabilities and enable what your app needs (Read content at least), then Save.", againStep(ext.ID)}
	case strings.Contains(l, "api token is invalid"), strings.Contains(l, `"unauthorized"`):
		r.Verdict = TokenInvalid
		r.Summary = "Notion rejected your app's token (401): it was revoked or regenerated, or is mistyped." + note
		r.Steps = append(stepsNewToken(""), againStep(ext.ID))
	case strings.Contains(l, "should be a valid uuid"):
		r.Verdict = InvalidInput
		r.Use = &Use{}
		r.Summary = fmt.Sprintf("Your app sent something that is not an ID (a link, a ?v= part or quotes); the ID in it is %s.%s", ext.ID, note)
		r.Steps = []string{fmt.Sprintf("Send %s (dashed) or %s instead of the whole link.", ext.ID, ext.Compact)}
	default:
		r.Verdict = TokenMissing
		r.Summary = "No token reached this server, so the ID could not be checked: " + missing.Error() + "."
		if strings.Contains(l, "could not find") {
			r.Summary = "Notion's \"Could not find …\" 404 has several causes (not shared with the integration, a page or view ID where a database ID belongs, a token of another workspace, deleted or mistyped); with a token this server tells which." + note
		}
		r.Steps = []string{
			fmt.Sprintf("Set NOTION_TOKEN in the env block of this server's entry in your MCP client's config (or point diagnose_access's env_file at your project's .env), then run diagnose_access again on %s.", ext.ID),
			"Meanwhile, the most common fix: open the page or database as a full page → ••• → Connections → Add connections → pick your integration.",
		}
	}
}
