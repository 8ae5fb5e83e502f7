package diagnose

import (
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// The offline explanations of errors about access to an object: a 404, a
// 401 and a 403.

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
	if o.noToken {
		r.Steps = append(r.Steps, "To test the token your app uses, run validate_token with env_file pointing at your app's .env (it never enters the chat): it says whether Notion accepts it.")
	} else {
		r.Steps = append(r.Steps, "Compare with the token this server has: validate_token shows its fingerprint (prefix and last 4 characters); your app's token must match it.")
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
	r.Verdict = MissingCapability
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
	r.Steps = []string{fmt.Sprintf("Open %s, choose %s, open Capabilities, tick %s, then Save; the token stays the same.", token.Portal, o.integration(), tick)}
}
