package pasted

import (
	"encoding/json"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// Bounds on what one field may hold.
const (
	maxMessage = 500
	maxShown   = 80
	maxPath    = 200
)

var (
	reJSONMessage = lazy(`"message"\s*:\s*"((?:[^"\\]|\\.)*)"`)
	reJSMessage   = lazy(`\bmessage:\s*'((?:[^'\\]|\\.)*)'`)
	reLineMessage = lazy(`(?i)(?:APIResponseError|NotionApiException|NotionError|Notion::[A-Za-z:]+|Error):\s*([^\r\n]+)`)
	reCode        = lazy(`(?i)["']?\bcode["']?\s*[:=]\s*["'\x60]?([A-Za-z_]{5,40})`)

	reStatus = []*lazyRE{
		lazy(`"status"\s*:\s*(\d{3})\b`),
		lazy(`(?i)\bstatus(?:[ _]?code)?\s*[:=]\s*(\d{3})\b`),
		lazy(`(?i)\bHTTP/\d(?:\.\d)?\s+(\d{3})\b`),
		lazy(`(?i)\bHTTP\s*(\d{3})\b`),
		lazy(`\b(\d{3}) (?:Client|Server) Error\b`),
		lazy(`(?i)\bstatus code (\d{3})\b`),
		lazy(`(?i)\bfailed with status:? (\d{3})\b`),
		lazy(`\b([45]\d\d) (?:Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b`),
	}
	reStatusWords = lazy(`(?i)\b(bad gateway|gateway time-?out|service unavailable|too many requests)\b`)

	reUUIDField = lazy(`(?i)\b((?:path|body|query)(?:\.[A-Za-z0-9_\[\]]+)+)\s+should be (?:a )?valid uuid`)
	reUUIDAny   = lazy(`(?i)\b(?:should be|is not|must be|expected) (?:a )?valid uuid`)
	reInsteadOf = lazy(`(?i)valid uuid[^\r\n]{0,40}?instead was\s*`)
	// "body.parent.database_id should be defined, instead was `undefined`":
	// an ID field sent empty, read like a rejected uuid.
	reIDDefined = lazy(`(?i)\b((?:path|body)(?:\.[A-Za-z0-9_\[\]]+)*_id)\s+should be defined,\s*instead was\s*`)
	reField     = lazy(`(?i)\b(?:path|body)\.(?:[a-z0-9_\[\]]+\.)*([a-z_]+)_id\b`)

	reVersion    = lazy(`(?i)notion[-_ ]?version["']?\s*[:=]\s*["'\x60]?(\d{4}-\d{2}-\d{2})`)
	reMinVersion = lazy(`(?i)minimum_api_version["']?\s*:\s*["']?(\d{4}-\d{2}-\d{2})`)
	reIntName    = lazy(`shared with your integration\s*["'“]([^"'”\r\n]{1,100})["'”]`)
	reIntID      = lazy(`(?i)integration_id["']?\s*:\s*["']([0-9a-f-]{32,36})["']`)
	reEndpoint   = lazy(`(?i)(?:\b(GET|POST|PATCH|PUT|DELETE)\s+)?(?:https?://api\.notion\.com)?(/v1/[a-z_]+(?:/[^\s"'\x60?#,)\]}]*)?)`)
	reDatabaseID = lazy(`(?i)"database_id"\s*:\s*"([0-9a-f-]{32,36})"`)
	reChildren   = lazy(`(?i)child_data_source_ids["']?\s*:\s*\[([^\]]*)\]`)
	reReason     = lazy(`(?i)rate_limit_reason["']?\s*:\s*["']([a-z_ -]{1,60})["']`)
	reRetry      = lazy(`(?i)retry[-_]after["']?\s*[:=]\s*["']?(\d{1,6})`)
	reObject     = lazy(`(?i)could not find (page|database|block|data[_ ]source)\b`)
	reProvided   = lazy(`(?i)provided (page|database|block|data_source)_id\b`)
)

// scan reads text once into an Error; id is notionid's reading of the same text.
func scan(text string, id *notionid.Result) Error {
	e := Error{IDResult: id}
	if strings.TrimSpace(text) == "" {
		return e
	}
	l := notionid.ASCIILower(text)
	e.Code, e.Wrapper = codeIn(text, l)
	e.Message = messageIn(text, l)
	e.Status = statusIn(text, l)
	if e.Status == 0 && e.Code != "" {
		e.Status = codes[e.Code]
	}
	e.Object = objectIn(text, l)
	if on(l, "/v1/") {
		e.Method, e.Endpoint = endpointIn(text)
	}
	if e.Object == "" {
		e.Object = objectOfPath(e.Endpoint)
	}
	// Each pattern runs only when its keyword is in the text: most pastes
	// hold few of them, and a regexp pass over 64 KiB is not free.
	if on(l, "version") {
		e.APIVersion = first(reVersion, text)
		e.MinVersion = first(reMinVersion, text)
	}
	if on(l, "shared with your integration") {
		e.Integration = first(reIntName, strings.ReplaceAll(text, `\"`, `"`))
	}
	if on(l, "integration_id") {
		e.IntegrationID = strings.ToLower(first(reIntID, text))
	}
	if on(l, `"database_id"`) {
		e.DatabaseID = strings.ToLower(first(reDatabaseID, text))
	}
	if on(l, "child_data_source_ids") {
		if m := reChildren.FindStringSubmatch(text); m != nil {
			e.ChildDataSourceIDs = hexIDs(m[1])
		}
	}
	if on(l, "rate_limit_reason") {
		e.RateLimitReason = strings.ToLower(first(reReason, text))
	}
	if on(l, "retry") {
		e.RetryAfter = first(reRetry, text)
	}
	e.CFRay = strings.Contains(l, "cf-ray") || strings.Contains(l, "cloudflare")
	e.NotionRequestID = strings.Contains(l, "x-notion-request-id") || strings.Contains(l, "request_id")
	var shown bool
	if on(l, "valid uuid", "should be defined") {
		e.Field, e.Value, shown = uuidIn(text)
	}
	e.Family = familyOf(&e, l)
	e.WorkspaceLimit = (e.Family == RateLimited || e.Family == Overload) &&
		(strings.Contains(e.RateLimitReason, "workspace") || strings.Contains(l, "workspace limit") ||
			strings.Contains(l, "workspace rate") || strings.Contains(l, "workspace-wide") || strings.Contains(l, "per workspace") ||
			strings.Contains(l, "this workspace"))
	if e.Family == InvalidUUID && shown {
		e.Bad = takeApart(e.Value)
	}
	e.Wrapper = wrapperOf(&e, l)
	idState(&e, text, l)
	// Nothing read here may carry a token on into a result.
	e.Message, e.Value, e.IDShown = scrub(e.Message), scrub(e.Value), scrub(e.IDShown)
	e.Endpoint, e.Integration = scrub(e.Endpoint), scrub(e.Integration)
	return e
}

func messageIn(text, l string) string {
	for _, re := range []*lazyRE{reJSONMessage, reJSMessage} {
		if !on(l, "message") {
			break
		}
		if m := re.FindStringSubmatch(text); m != nil {
			return clip(unescape(m[1], re == reJSMessage), maxMessage)
		}
	}
	if on(l, "error", "exception", "notion::") {
		if m := reLineMessage.FindStringSubmatch(text); m != nil && phraseAt(notionid.ASCIILower(m[1])) >= 0 {
			return clip(strings.TrimSpace(m[1]), maxMessage)
		}
	}
	if i := phraseAt(l); i >= 0 {
		start := strings.LastIndexAny(text[:i], "\r\n") + 1
		end := len(text)
		if j := strings.IndexAny(text[i:], "\r\n"); j >= 0 {
			end = i + j
		}
		return clip(strings.Trim(strings.TrimSpace(text[start:end]), `'"`), maxMessage)
	}
	return ""
}

// phrases are the stable parts of Notion's messages.
var phrases = []string{
	"could not find ", "api token is invalid", "restricted from accessing the public api",
	"insufficient permissions", "valid uuid", "invalid request url", "notion-version header",
	"multiple data sources", "is a page, not a database", "is a database, not a page",
	"is a linked database", "linked databases", "does not contain any data sources",
	"rate limited", "should be \"page\" or \"data_source\"",
	"unexpected error occurred", "notion is unavailable", "has timed out", "etimedout", "econnreset", "econnrefused", "enotfound",
}

func phraseAt(l string) int {
	best := -1
	for _, p := range phrases {
		if i := strings.Index(l, p); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

func unescape(s string, single bool) string {
	if single {
		return strings.NewReplacer(`\'`, `'`, `\\`, `\`, `\n`, " ").Replace(s)
	}
	var out string
	if json.Unmarshal([]byte(`"`+s+`"`), &out) == nil {
		return out
	}
	return s
}

func objectIn(text, l string) string {
	if !on(l, "could not find", "provided ", "path.", "body.") {
		return ""
	}
	if m := reObject.FindStringSubmatch(text); m != nil {
		return strings.ReplaceAll(strings.ToLower(m[1]), " ", "_")
	}
	if m := reProvided.FindStringSubmatch(text); m != nil {
		return strings.ToLower(m[1])
	}
	if m := reField.FindStringSubmatch(text); m != nil {
		switch k := strings.ToLower(m[1]); k {
		case "page", "database", "block", "data_source":
			return k
		}
	}
	return ""
}

func endpointIn(text string) (method, path string) {
	m := reEndpoint.FindStringSubmatch(text)
	if m == nil {
		return "", ""
	}
	return strings.ToUpper(m[1]), clip(strings.TrimRight(m[2], ".:;"), maxPath)
}

// objectOfPath: the object an endpoint names by ID (POST /v1/pages, which
// creates a page in a parent, names none).
func objectOfPath(p string) string {
	for _, k := range [][2]string{{"/v1/databases/", "database"}, {"/v1/data_sources/", "data_source"}, {"/v1/pages/", "page"}, {"/v1/blocks/", "block"}} {
		if strings.HasPrefix(strings.ToLower(p), k[0]) && len(p) > len(k[0]) {
			return k[1]
		}
	}
	return ""
}

// uuidIn reads a uuid validation error: its field and the rejected value,
// as Notion quotes it (`"abc?"` in backticks since 2025, "abc" before).
func uuidIn(text string) (field, value string, shown bool) {
	if m := reUUIDField.FindStringSubmatch(text); m != nil {
		field = m[1]
	}
	loc := reInsteadOf.FindStringIndex(text)
	if loc == nil {
		m := reIDDefined.FindStringSubmatchIndex(text)
		if m == nil {
			return field, "", false
		}
		field, loc = text[m[2]:m[3]], m[:2]
	}
	return field, quoted(strings.ReplaceAll(text[loc[1]:min(len(text), loc[1]+600)], `\"`, `"`)), true
}

// quoted reads the value at the start of s: in backticks, in quotes, or up
// to the end of the line.
func quoted(s string) string {
	if s == "" {
		return ""
	}
	var v string
	switch q := s[0]; q {
	case '`', '"', '\'':
		end := strings.IndexByte(s[1:], q)
		if q == '"' {
			// a value may itself end in a quote: take the last quote before ". or the line's end
			line, _, _ := strings.Cut(s[1:], "\n")
			if k := strings.LastIndex(line, `"`); k >= 0 {
				end = k
			}
		}
		if end < 0 {
			v = s[1:]
		} else {
			v = s[1 : 1+end]
		}
		if q == '`' {
			v = strings.TrimSpace(v)
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
		}
	default:
		v, _, _ = strings.Cut(s, "\n")
		v = strings.TrimRight(strings.TrimSpace(v), ".")
	}
	return clip(v, maxShown*2)
}

// on reports whether l holds any of keys.
func on(l string, keys ...string) bool {
	for _, k := range keys {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

func first(re *lazyRE, s string) string {
	if m := re.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
