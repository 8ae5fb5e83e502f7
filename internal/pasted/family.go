package pasted

import (
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// familyOf names the error the text shows, the most specific first: a
// message names its cause more precisely than a code, a code more than a
// status. Messages are matched on their stable part, so the 2022 and 2026
// wordings both count (see NOTION_API_NOTES.md, "Errors, newer shapes").
func familyOf(e *Error, l string) Family {
	switch {
	case on(l, "notion.so/api/v3", "notion.com/api/v3", "/api/v3/", "token_v2"):
		return PrivateAPI
	case on(l, "is a linked database", "do not support linked databases", "does not support linked databases"):
		return Linked
	case on(l, "does not contain any data sources accessible"):
		return NoDataSources
	case on(l, "multiple data sources"):
		return MultipleDataSources
	case on(l, "is a page, not a database"):
		return IsPage
	case on(l, "is a database, not a page"):
		return IsDatabase
	case on(l, `should be "page" or "data_source"`, `should be \"page\" or \"data_source\"`):
		return SearchFilter
	case on(l, "valid uuid") && reUUIDAny.MatchString(l) || e.Value != "":
		return InvalidUUID
	case on(l, "restricted from accessing the public api"):
		return AccountRestricted
	case e.Code == "missing_version", on(l, "notion-version header"):
		return MissingVersion
	case e.Code == "invalid_request_url", on(l, "invalid request url"):
		return InvalidRequestURL
	case e.Status == 403 && !e.NotionRequestID && e.CFRay && e.Code == "":
		// An HTML 403 from the edge is a network rule, not a capability
		// (notion-sdk-js src/errors.ts).
		return Blocked
	case e.Code == "restricted_resource", on(l, "insufficient permissions"):
		return Restricted
	case e.Code == "object_not_found", reObject.MatchString(l) && e.Code != "validation_error":
		// "Could not find property with name or id" is a 400 about a
		// property, not this family.
		return NotFound
	case e.Code == "unauthorized", on(l, "api token is invalid"):
		return Unauthorized
	case e.Code == "service_overload", e.Status == 529:
		return Overload
	case e.Code == "rate_limited", e.Status == 429, on(l, "you have been rate limited"):
		return RateLimited
	case e.Status >= 500, codes[e.Code] >= 500, on(l, "unexpected error occurred", "notion is unavailable"):
		return Server
	case on(l, "has timed out", "requesttimeouterror", "etimedout", "econnreset", "econnrefused", "enotfound",
		"connection refused", "connection reset", "no such host", "timed out", "timeout awaiting", "context deadline exceeded"):
		// notion-sdk-js RequestTimeoutError: "Request to Notion API has timed out".
		return Network
	case e.Status == 404:
		return NotFound
	case e.Status == 401:
		return Unauthorized
	case e.Status == 403:
		return Restricted
	case e.Code != "", e.Status != 0:
		return Other
	}
	return FamilyNone
}

// wrapperOf names the wrapper the error came in.
func wrapperOf(e *Error, l string) string {
	if e.Family == FamilyNone {
		return ""
	}
	has := func(s string) bool { return strings.Contains(l, s) }
	switch {
	case has("@notionhq/client") || has("request fail {") || has("request fail:"):
		return WrapJSLog
	case has("notion_client.errors") || has("notion_client"):
		return WrapPython
	case has("notionapiexception") || has("notion.client."):
		return WrapDotNet
	case has("notion::"):
		return WrapRuby
	case has("apiresponseerror"):
		return WrapJSError
	case has(`"object":"error"`) || has(`"object": "error"`) || has(`\"object\":\"error\"`):
		return WrapJSON
	case has("client error:") || has("server error:") || has("for url:"):
		return WrapHTTPLibrary
	case has("<html") || has("<!doctype html"):
		return WrapHTML
	case e.Message != "":
		return WrapMessage
	case e.Code != "" && !statusShown(l):
		return WrapCode
	}
	return WrapStatusLine
}

var reStatusShown = lazy(`\b[45]\d\d\b`)

func statusShown(l string) bool { return reStatusShown.MatchString(l) }

// Markers after which an error shows the object's ID.
var idMarkers = []string{"with id:", "with id ", "provided id ", "provided database_id ", "provided page_id ",
	"provided block_id ", "provided data_source_id ", "/v1/databases/", "/v1/pages/", "/v1/blocks/", "/v1/data_sources/"}

// idState says whether the ID in the text can be used, and shows it when not.
func idState(e *Error, text, l string) {
	if e.IDResult != nil {
		e.ID, e.IDState = e.IDResult.ID, IDOK
		return
	}
	if e.Bad != nil {
		switch e.Bad.Kind {
		case BadPlaceholder, BadUnset:
			e.IDState, e.IDShown = IDPlaceholder, clip(e.Value, maxShown)
		case BadMasked:
			e.IDState, e.IDShown = IDMasked, clip(e.Value, maxShown)
		case BadShort:
			e.IDState, e.IDShown = IDTruncated, clip(e.Value, maxShown)
		}
		return
	}
	for _, m := range idMarkers {
		from := 0
		for n := 0; n < 20; n++ {
			i := strings.Index(l[from:], m)
			if i < 0 {
				break
			}
			at := from + i + len(m)
			from = at
			tok := tokenAt(text, at)
			if st := classify(tok); st != IDNone {
				e.IDState, e.IDShown = st, clip(tok, maxShown)
				return
			}
		}
	}
	// A masked UUID anywhere, e.g. "ID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
	if !on(l, "xxxx", "****", "####", "•") {
		return
	}
	if m := reMaskedUUID.FindString(text); m != "" {
		e.IDState, e.IDShown = IDMasked, clip(m, maxShown)
	}
}

var reMaskedUUID = lazy(`(?i)\b[x*•#]{8}-[x*•#]{4}-[x*•#-]{4,}`)

// tokenAt is the word at i: up to a space, a quote or the end of a sentence.
func tokenAt(text string, i int) string {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	j := i
	for j < len(text) && j-i < maxShown*2 && !strings.ContainsRune(" \t\r\n\"'`,;)]}/", rune(text[j])) {
		j++
	}
	tok := text[i:j]
	// "…af71-….": drop the sentence's full stop, keep an ellipsis.
	for strings.HasSuffix(tok, ".") && !strings.HasSuffix(tok, "...") {
		tok = tok[:len(tok)-1]
	}
	return tok
}

// classify says why a token standing where an ID belongs is not one.
func classify(tok string) IDState {
	if tok == "" {
		return IDNone
	}
	lt := strings.ToLower(tok)
	if isPlaceholder(tok) {
		return IDPlaceholder
	}
	core := strings.TrimRight(tok, ".…")
	ellipsis := core != tok
	masks, hex, other := 0, 0, 0
	for i := 0; i < len(core); i++ {
		switch c := core[i]; {
		case c == '*' || c == '#' || c == 'x' || c == 'X':
			masks++
		case isHex(c):
			hex++
		case c == '-':
		default:
			other++
		}
	}
	if strings.Contains(core, "•") {
		masks += 3
		other = 0
	}
	switch {
	case masks >= 3 && other == 0:
		return IDMasked
	case other == 0 && hex >= 4 && hex < 32 && (ellipsis || hex >= 24):
		return IDTruncated
	case lt == "undefined" || lt == "null" || lt == "none":
		return IDPlaceholder
	}
	return IDNone
}

var rePlaceholder = lazy(`(?i)^(?:<[^>]*>|\{[^}]*\}|\[[^\]]*\]|\$\{?[A-Z_]+\}?|:[a-z_]+|your[-_ ][a-z_ -]*|[A-Z]+_ID|process\.env\.[A-Za-z_]+|os\.environ.*|undefined|null|none|nil)$`)

func isPlaceholder(s string) bool { return rePlaceholder.MatchString(s) }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hexIDs lists the whole IDs in s (notionid.IDsIn), without repeats.
func hexIDs(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range notionid.IDsIn(s) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
