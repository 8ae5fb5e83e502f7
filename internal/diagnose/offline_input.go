package diagnose

import (
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
)

// badValue: Notion's "should be a valid uuid, instead was X". X is taken
// apart and the ID inside it, if any, is given back.
func (o *off) badValue() {
	r, pe := o.r, o.pe
	r.Verdict = InvalidInput
	b := pe.Bad
	if b == nil {
		b = &pasted.BadValue{Kind: pasted.BadOther}
	}
	id := b.ID
	if id == "" && o.ext != nil {
		id = o.ext.ID
	}
	field := orWord(pe.Field, "the ID")
	shown := fmt.Sprintf("%q", pe.Value)
	if pe.Value == "" {
		shown = "what your app sent"
	}
	r.Summary = fmt.Sprintf("Notion rejected %s: %s is not an ID — %s.", field, shown, badWhy(b))
	if id != "" {
		r.Summary += fmt.Sprintf(" The ID in it is %s.", id)
		r.Use = useFor(pe.Object, o.r.Expect, id)
		r.Steps = append(r.Steps, fmt.Sprintf("Send %s (or %s without dashes) as %s, and nothing else.", id, strings.ReplaceAll(id, "-", ""), field))
	}
	r.Steps = append(r.Steps, badStep(b))
	r.Summary += " Only the value is wrong so far: whether the object is shared is a separate question."
}

func badWhy(b *pasted.BadValue) string {
	switch b.Kind {
	case pasted.BadViewSuffix:
		return "it is the database ID followed by ?v=…, the view part of the link"
	case pasted.BadTrailing:
		if b.Trailing != "" {
			return fmt.Sprintf("it is the ID followed by %q", b.Trailing)
		}
		return "it is the ID with characters around it (a quote, a ? or a space)"
	case pasted.BadURL:
		return "it is a whole link, not the ID inside it"
	case pasted.BadSlug:
		return "it is the link's title words with the ID, not the ID alone"
	case pasted.BadReference:
		return "it is a collection:// or view:// reference, not a bare ID"
	case pasted.BadUnset:
		return "your code sent an empty variable (undefined, null or None): the variable or setting that should hold the ID is not set where the program runs, or is read before the .env file is loaded"
	case pasted.BadPlaceholder:
		return "it is a placeholder that was never replaced with the real ID"
	case pasted.BadMasked:
		return "it is a masked value, not the real ID"
	case pasted.BadShort:
		return "it is too short: an ID has 32 hexadecimal characters, and at least one was lost when copying"
	case pasted.BadLong:
		return "it is too long: an ID has 32 hexadecimal characters, and a character was added when copying"
	case pasted.BadTitle:
		return "it is a title or name; the API takes IDs only"
	case pasted.BadToken:
		return "it is an integration token (shown here as its fingerprint), not an ID: the ID and token settings are swapped or mixed up"
	case pasted.BadWhitespace:
		return "it is the ID with a space or line break inside it"
	case pasted.BadUpperDashes:
		return "it is 32 hexadecimal characters dashed in the wrong places"
	}
	return "an ID is 32 hexadecimal characters, with or without dashes"
}

func badStep(b *pasted.BadValue) string {
	switch b.Kind {
	case pasted.BadViewSuffix:
		return "Drop everything from ?v= on: that part names a view of the database, which these endpoints cannot use."
	case pasted.BadURL, pasted.BadSlug:
		return "Take the ID out of the link in your code (the last 32 hexadecimal characters of the path, before any ?), or paste the link to extract_notion_id."
	case pasted.BadTrailing, pasted.BadWhitespace:
		return "Trim the value: a trailing ? or quote comes from copying a link or from quotes kept by a .env loader (write NOTION_DATABASE_ID=abc… without quotes, on one line)."
	case pasted.BadUnset:
		return "Set the variable your code reads for the ID (e.g. process.env.NOTION_DATABASE_ID, os.environ[\"NOTION_DATABASE_ID\"]) where the program runs, and load the .env file before reading it."
	case pasted.BadPlaceholder, pasted.BadMasked:
		return "Replace it with the real ID: open the page or database → Share → Copy link; the ID is the last 32 characters before any ?."
	case pasted.BadReference:
		return "Send the bare ID: collection://<id> names a data source, usable as /v1/data_sources/<id> with Notion-Version 2025-09-03 or later; view:// names a view, which these endpoints cannot use."
	case pasted.BadToken:
		return "Put the token in the token setting (NOTION_TOKEN) and the page or database ID in the ID setting; the token was sent in a URL, so regenerate it in the integration's settings (Configuration → Refresh)."
	case pasted.BadTitle:
		return "Find the ID: list_shared_databases lists titles with their IDs; or open it → Share → Copy link and pass the link to extract_notion_id."
	}
	return "Copy the link again (Share → Copy link) and take all 32 hexadecimal characters; extract_notion_id checks it."
}

// useFor puts id in the field of Use that the request asked for.
func useFor(object, expect, id string) *Use {
	switch orWord(object, expect) {
	case TypeDatabase:
		return &Use{DatabaseID: id}
	case TypeDataSource:
		return &Use{DataSourceIDs: []string{id}}
	case TypePage:
		return &Use{PageID: id}
	case TypeBlock:
		return &Use{BlockID: id}
	}
	return nil
}

// requestURL: "Invalid request URL" is a link or view ID put into the path,
// or an endpoint the sent version lacks; the text's endpoint and version
// decide, else both are said.
func (o *off) requestURL() {
	r, pe := o.r, o.pe
	p := strings.ToLower(pe.Endpoint)
	linkInPath := strings.Contains(p, "http") || strings.Contains(p, "notion.so") || strings.Contains(p, "notion.site") ||
		strings.Contains(p, "notion.com") || strings.Contains(p, "%3a") || strings.Contains(p, "%2f")
	// The link's ?v= view ID sent in the path: the path holds the view's digits.
	viewInPath := o.ext != nil && o.ext.ViewID != "" && !strings.HasPrefix(p, "/v1/views") &&
		strings.Contains(strings.ReplaceAll(p, "-", ""), strings.ReplaceAll(o.ext.ViewID, "-", ""))
	newOnly := strings.HasPrefix(p, "/v1/data_sources") || strings.HasPrefix(p, "/v1/views")
	oldVersion := pe.APIVersion != "" && !notion.HasDataSources(pe.APIVersion)
	linkStep := "Put only the ID in the path: the last 32 hexadecimal characters of the link, before any ?; the part after ?v= is a view ID, which /v1/databases/{id} does not take."
	versionStep := "Send Notion-Version: 2025-09-03 (or 2026-03-11): /v1/data_sources and /v1/views exist only from 2025-09-03; @notionhq/client 5 and later send it by default, other clients have a Notion-Version option."
	switch {
	case viewInPath:
		r.Verdict = InvalidInput
		r.Summary = fmt.Sprintf("Notion answered 400 invalid_request_url because the request path holds the view ID %s (the part after ?v= in the link), not the database ID %s.", o.ext.ViewID, o.ext.ID)
		r.Use = &Use{DatabaseID: o.ext.ID}
		r.Steps = []string{fmt.Sprintf("Send the database ID %s, the part of the link before ?v=; the view ID %s can only be read with GET /v1/views/{id} (2025-09-03 and later).", o.ext.ID, o.ext.ViewID)}
	case linkInPath:
		r.Verdict = InvalidInput
		r.Summary = fmt.Sprintf("Notion answered 400 invalid_request_url because the request path holds a link, not an ID (%s).", pe.Endpoint)
		if id := o.id(); id != "" {
			r.Summary += fmt.Sprintf(" The ID in it is %s.", id)
			r.Use = useFor(pe.Object, r.Expect, id)
		}
		r.Steps = []string{linkStep}
	case newOnly && (oldVersion || pe.APIVersion == ""):
		r.Verdict = UnsupportedInAPIVersion
		r.Summary = fmt.Sprintf("Notion answered 400 invalid_request_url for %s, an endpoint that exists only from API 2025-09-03", pe.Endpoint)
		if oldVersion {
			r.Summary += fmt.Sprintf(", and the request was sent with %s.", pe.APIVersion)
		} else {
			r.Summary += ": the request was most likely sent with 2022-06-28. If it was sent with 2025-09-03 already, look for a link or view ID in the path instead."
		}
		r.Steps = []string{versionStep}
	default:
		r.Verdict = InvalidInput
		r.Summary = "Notion answered 400 invalid_request_url (\"Invalid request URL.\"). Two causes give it: a link or a view ID put into the request path where the bare ID belongs, or an endpoint that the Notion-Version sent does not have (/v1/data_sources or /v1/views with 2022-06-28)."
		r.Steps = []string{linkStep, versionStep}
	}
}

func (o *off) multipleSources() {
	r, pe := o.r, o.pe
	r.Verdict = UnsupportedInAPIVersion
	db := orWord(pe.DatabaseID, o.id())
	r.Use = &Use{DatabaseID: db, DataSourceIDs: pe.ChildDataSourceIDs}
	if db == "" && len(pe.ChildDataSourceIDs) == 0 {
		r.Use = nil
	}
	minV := orWord(pe.MinVersion, notion.V20250903)
	r.Summary = fmt.Sprintf("The database has several data sources, which API version 2022-06-28 cannot read; Notion needs %s or later for it.", minV)
	r.Steps = []string{fmt.Sprintf("Send Notion-Version: %s (or later); @notionhq/client 5 and later default to 2025-09-03.", minV)}
	if len(pe.ChildDataSourceIDs) > 0 {
		r.Steps = append(r.Steps, fmt.Sprintf("Then query one of its data sources: POST /v1/data_sources/%s/query (its data sources: %s).", pe.ChildDataSourceIDs[0], strings.Join(pe.ChildDataSourceIDs, ", ")))
	} else {
		r.Steps = append(r.Steps, fmt.Sprintf("Then query one of the data sources of %s: POST /v1/data_sources/{data_source_id}/query. In Notion: ••• → Manage data sources → Copy data source ID.", orWord(db, "the database")))
	}
}

func (o *off) rateLimited() {
	r, pe := o.r, o.pe
	r.Verdict = RateLimited
	wait := "the Retry-After seconds"
	if pe.RetryAfter != "" {
		wait = pe.RetryAfter + " s (Retry-After)"
	}
	switch {
	case pe.Family == pasted.Overload:
		r.Summary = "Notion is overloaded (529 service_overload): this is neither your request rate nor an outage, and it passes; treat it like a 429."
		r.Steps = []string{fmt.Sprintf("Wait %s, then retry with backoff; keep retrying 529s as you retry 429s.", wait)}
	case pe.WorkspaceLimit:
		r.Summary = fmt.Sprintf("Notion rate-limited the whole workspace (429%s): the workspace's limit is shared by all of its connections, so another integration would not help.", reason(pe))
		r.Steps = []string{
			fmt.Sprintf("Wait %s — workspace limits can ask for more than a minute — then retry with backoff.", wait),
			"Spread the work: fewer parallel requests across every script and connection in the workspace, page_size 100 for reads, and no polling loops.",
		}
	default:
		r.Summary = "Notion rate-limited your integration (429 rate_limited): about 3 requests per second on average per connection, with short bursts. If every connection of the workspace gets 429s at once, the workspace-wide limit is the cause instead, and only waiting helps."
		r.Steps = []string{
			fmt.Sprintf("Wait %s, then retry with exponential backoff.", wait),
			"Lower the rate to about 3 requests per second: queue requests instead of running them in parallel; other scripts using the same token share its budget.",
		}
	}
}

func reason(pe *pasted.Error) string {
	if pe.RateLimitReason == "" {
		return ""
	}
	return ", rate_limit_reason " + pe.RateLimitReason
}

func (o *off) server() {
	r, pe := o.r, o.pe
	r.Verdict = APIUnreachable
	r.Summary = fmt.Sprintf("Notion's API failed on its side (%s): not a problem of the ID, the token or sharing. A 502 or 504 page can also come from a proxy between your app and Notion, and a 504 on one large query can mean the query is too heavy.", orWord(describe(pe), "5xx"))
	r.Steps = []string{
		"Check https://status.notion.so, then retry with backoff: 5xx errors pass.",
		"If one query keeps timing out (504), lower its page_size and filter more narrowly.",
	}
}
