package diagnose

import (
	"slices"

	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// advice is a verdict whose summary and steps do not depend on the error's
// details.
type advice struct {
	verdict string
	summary string
	steps   []string
}

// fixedAdvice: the pasted error families whose offline explanation is the
// same whatever the text holds.
var fixedAdvice = map[pasted.Family]advice{
	pasted.Blocked: {APIUnreachable,
		"A network rule blocked the request before it reached Notion's API: the 403 is an HTML page from the edge (cf-ray) without a Notion request id, so it is not a missing capability. A proxy, VPN, firewall or a security rule for your network or IP address does this.",
		[]string{
			"Try again from another network or without the VPN or proxy; if that works, ask the network's admin to allow api.notion.com.",
			"Check HTTPS_PROXY and NOTION_BASE_URL settings of the app.",
		}},
	pasted.Network: {APIUnreachable,
		"Your app got no answer from Notion's API (a timeout, a DNS failure, or a refused or reset connection): the request may never have reached Notion, so it says nothing about the ID, the token or sharing. A slow network, a proxy or firewall, or a very heavy query can cause it.",
		[]string{
			"Check https://status.notion.so and that the machine can reach api.notion.com (DNS, proxy settings such as HTTPS_PROXY, firewall).",
			"Retry with backoff; if one query keeps timing out, lower its page_size and filter more narrowly, or raise the client's timeout.",
		}},
	pasted.MissingVersion: {UnsupportedInAPIVersion,
		"Notion rejected the request because its Notion-Version header is missing or is not a version Notion knows (400 missing_version, \"Notion-Version header failed validation\"). The same error comes from an HTTP client or proxy that drops custom headers.",
		[]string{
			"Send the header Notion-Version: 2025-09-03 (or 2026-03-11; 2022-06-28 for code written for the older API) with every request; the official SDKs send it themselves unless a custom header setting overrides it.",
			"Check that nothing between your code and Notion (a proxy, a fetch wrapper) drops the header.",
		}},
	pasted.SearchFilter: {UnsupportedInAPIVersion,
		"Since API 2025-09-03 search filters on \"page\" or \"data_source\"; the request sent \"database\", which only 2022-06-28 takes.",
		[]string{"Send the filter {\"property\":\"object\",\"value\":\"data_source\"} with 2025-09-03 or later (results are data sources, whose parent.database_id is the database), or send Notion-Version: 2022-06-28 to keep \"database\"."}},
	// invalid_input: the request went to the private API, so nothing about
	// public-API access (token, sharing, capabilities) applies to it.
	pasted.PrivateAPI: {InvalidInput,
		"This error comes from Notion's private API (www.notion.so/api/v3, used with a token_v2 browser cookie), not the public API at api.notion.com: integration tokens, sharing with connections and this diagnosis do not apply to it. The private API is undocumented, changes without notice and is often blocked (a Cloudflare 403).",
		[]string{
			"Use the public API instead: create an integration at " + token.Portal + ", share the pages with it (••• → Connections → Add connections), and call https://api.notion.com/v1/… with Authorization: Bearer <token>.",
			"If a tool you use needs token_v2, its failures are that tool's: the cookie expires when you log out of Notion; ask the tool's maintainers.",
		}},
	pasted.AccountRestricted: {TokenInvalid,
		"Notion refused the token because the Notion account behind it is restricted from accessing the public API (401, \"This user's account is restricted from accessing the public API.\"): the message names the account, not the token, so a new token made by the same account will most likely fail too. Notion does not document the reasons; a guest account or a workspace rule about connections are the plausible ones.",
		[]string{
			"Ask a workspace owner to check Settings → Connections (older screens: Integrations): whether members may create and use connections or personal access tokens, and whether your account (a guest?) may.",
			"Create the integration from a workspace owner's or member's account in " + token.Portal + ", share the pages with it, and use its token.",
			"If it persists, contact Notion support with the request_id from the error.",
		}},
}

// apply writes a into r; the steps are r's own copy, since callers append.
func (a advice) apply(r *Result) {
	r.Verdict, r.Summary, r.Steps = a.verdict, a.summary, slices.Clone(a.steps)
}
