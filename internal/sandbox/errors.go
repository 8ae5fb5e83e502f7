package sandbox

import (
	"fmt"
	"net/http"
)

// Messages Notion sends; tests can compare against them. The codes and
// statuses they go with are those of developers.notion.com/reference/errors
// (and notion-sdk-js src/errors.ts APIErrorCode). Where a text's source is
// not named on its line, the reference gives only a description of the
// error, not its message: that wording is assumed (it follows what users
// paste), and the client matches on codes and statuses, never on it.
const (
	// assumed: the reference's code is missing_version; the sandbox answers
	// validation_error with this text, as for an unknown version.
	MsgMissingVersion = "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."
	MsgUnauthorized   = "API token is invalid."                       // assumed wording; 401 unauthorized per the reference
	MsgRestricted     = "Insufficient permissions for this endpoint." // assumed wording; 403 restricted_resource per the reference
	// The 429 text as NOTION_API_NOTES "Error bodies" quotes it.
	MsgRateLimited = "You have been rate limited. Please try again in a few minutes."
	// The 400 invalid_request_url text (NOTION_API_NOTES "Errors, newer shapes").
	MsgInvalidRequestURL = "Invalid request URL."
	MsgInvalidJSON       = "Error parsing JSON body." // assumed wording; 400 invalid_json per the reference
	// The multi-source 400, with the additional_data of notion-sdk-js
	// test/Client.test.ts (see errMultipleDataSources).
	MsgMultipleDataSources = "Databases with multiple data sources are not supported in this API version."
	MsgInternal            = "Unexpected error occurred."                     // assumed wording; 500 internal_server_error per the reference
	MsgServiceUnavailable  = "Notion is unavailable, please try again later." // assumed wording; 503 service_unavailable per the reference
	// MsgServiceOverload is the 529 service_overload message. Notion's
	// reference names the code (developers.notion.com/reference/request-limits,
	// notion-sdk-js src/errors.ts APIErrorCode.ServiceOverload) but no public
	// response shows its text: this wording is assumed, and nothing may rely
	// on it.
	MsgServiceOverload = "Notion is overloaded, please try again later."
)

// RateLimitReasonWorkspace is the additional_data.rate_limit_reason of a
// workspace-wide 429. developers.notion.com/reference/request-limits says
// such bodies carry a rate_limit_reason and that a workspace limit is shared
// by all its connections; the value itself is not published, so this one is
// assumed (clients must treat any value containing "workspace" as
// workspace-wide and show others verbatim).
const RateLimitReasonWorkspace = "workspace_rate_limit"

// RateLimitRetryAfter is the Retry-After TokenRateLimited's 429s carry: a
// whole number of seconds, as developers.notion.com/reference/request-limits
// says; the value 30 itself is the sandbox's choice.
const RateLimitRetryAfter = "30"

// MsgNotFound returns the 404 message for an object of type what ("page",
// "database", "data_source", "block"). With integration "" it is the
// 2022-06-28 form; otherwise the newer form naming the integration, which the
// sandbox sends under 2025-09-03 and later (with additional_data.integration_id).
// Both wordings are pasted in public issue threads (NOTION_API_NOTES "Error
// bodies"); which API version brings the newer one is assumed.
func MsgNotFound(what, id, integration string) string {
	m := "Could not find " + what + " with ID: " + id + ". Make sure the relevant pages and databases are shared with your integration"
	if integration == "" {
		return m + "."
	}
	return m + " " + jsQuote(integration) + "."
}

// MsgIsPage returns the 400 message for a page ID sent to the database API
// under 2022-06-28 (the wording pasted in issue threads before 2026).
func MsgIsPage(id string) string {
	return "Provided ID " + id + " is a page, not a database. Use the retrieve page API instead, i.e. GET https://api.notion.com/v1/pages/" + id
}

// MsgIsPage2026 returns the newer wording of the same 400, which the sandbox
// sends from 2025-09-03 on (pasted in 2026 issue threads, see
// NOTION_API_NOTES "Errors, newer shapes"; the stable part "is a page, not a
// database" is shared with MsgIsPage).
func MsgIsPage2026(id string) string {
	return "Provided database_id " + id + " is a page, not a database. Use the pages API instead, or pass the ID of the database itself."
}

// MsgLinkedDatabase returns the 400 for a linked database (a linked view of
// a database placed on another page) read with GET /v1/databases/{id}
// under 2022-06-28, as pasted in dust-tt/dust#18188.
func MsgLinkedDatabase(id string) string {
	return "Database with ID " + id + " is a linked database. Database retrievals do not support linked databases."
}

// MsgNoAccessibleDataSources returns the 400 for a query of a linked
// database (or of a database none of whose data sources is shared), as
// pasted in ultimate-notion#113.
func MsgNoAccessibleDataSources(id string) string {
	return "Database with ID " + id + " does not contain any data sources accessible by this API bot."
}

// MsgIsDatabase returns the 400 message for a database ID sent to the page
// API, the reverse of MsgIsPage (NOTION_API_NOTES "Error bodies"; only its
// stable part "is a database, not a page" is matched by clients).
func MsgIsDatabase(id string) string {
	return "Provided ID " + id + " is a database, not a page. Use the retrieve database API instead, i.e. GET https://api.notion.com/v1/databases/" + id
}

// MsgInvalidUUID returns the 400 message for a malformed ID in the path;
// param is "page_id", "database_id", "data_source_id", "block_id" or
// "view_id". The value is JSON-quoted inside backticks, as Notion writes it
// (NOTION_API_NOTES "Errors, newer shapes": `"abc?"`).
func MsgInvalidUUID(param, raw string) string {
	return "path failed validation: path." + param + " should be a valid uuid, instead was `" + jsQuote(raw) + "`."
}

// MsgInvalidCursor returns the 400 message for an unknown start_cursor.
// assumed: no public source shows this text; the client never matches on it.
func MsgInvalidCursor(cursor string) string {
	return "The start_cursor provided is invalid: " + cursor
}

// msgUnknownVersion is the 400 message for a Notion-Version the sandbox
// does not serve. assumed: the wording follows MsgMissingVersion's; the
// versions are those of developers.notion.com/reference/versioning.
func msgUnknownVersion(v string) string {
	return `Notion-Version header failed validation: Notion-Version header should be "` + Version20220628 +
		`", "` + Version20250903 + `", or "` + Version20260311 + `", instead was ` + jsQuote(v) + "."
}

// jsQuote quotes s as JSON.stringify would.
func jsQuote(s string) string {
	return string(encode(s))
}

// apiError is a Notion error response.
type apiError struct {
	status        int
	code, message string
	integrationID string         // additional_data.integration_id, when set
	additional    map[string]any // other additional_data fields, when set
	retryAfter    string         // Retry-After header, when set
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func errValidation(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "validation_error", message: msg}
}

func errInvalidURL() *apiError {
	return &apiError{status: http.StatusBadRequest, code: "invalid_request_url", message: MsgInvalidRequestURL}
}

func errRestricted() *apiError {
	return &apiError{status: http.StatusForbidden, code: "restricted_resource", message: MsgRestricted}
}

func errUnauthorized() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: "unauthorized", message: MsgUnauthorized}
}

func errRateLimited(retryAfter string) *apiError {
	return &apiError{status: http.StatusTooManyRequests, code: "rate_limited", message: MsgRateLimited, retryAfter: retryAfter}
}

// errMultipleDataSources is the 400 for a multi-source database read with
// 2022-06-28, with the additional_data notion-sdk-js test/Client.test.ts
// ("parses additional_data from API validation error response") shows.
func errMultipleDataSources(db *object) *apiError {
	ids := make([]string, len(db.sources))
	for i, s := range db.sources {
		ids[i] = s.id
	}
	e := errValidation(MsgMultipleDataSources)
	e.additional = map[string]any{
		"error_type": "multiple_data_sources_for_database", "database_id": db.id,
		"child_data_source_ids": ids, "minimum_api_version": Version20250903,
	}
	return e
}

// errNotFound is the 404 for what/id as seen by bot b under version v. A
// personal access token gets the classic message without an integration
// name: what Notion says to a PAT is not published, so this is assumed.
func errNotFound(what, id string, b *bot, v version) *apiError {
	e := &apiError{status: http.StatusNotFound, code: "object_not_found"}
	if v.dataSources() && b.person == "" {
		e.message, e.integrationID = MsgNotFound(what, id, b.name), b.id
	} else {
		e.message = MsgNotFound(what, id, "")
	}
	return e
}

type jError struct {
	Object         string         `json:"object"`
	Status         int            `json:"status"`
	Code           string         `json:"code"`
	Message        string         `json:"message"`
	RequestID      string         `json:"request_id"`
	AdditionalData map[string]any `json:"additional_data,omitempty"`
}

// body renders e with request ID rid.
func (e *apiError) body(rid string) []byte {
	j := jError{Object: "error", Status: e.status, Code: e.code, Message: e.message, RequestID: rid}
	if e.integrationID != "" || len(e.additional) > 0 {
		j.AdditionalData = map[string]any{}
		for k, v := range e.additional {
			j.AdditionalData[k] = v
		}
		if e.integrationID != "" {
			j.AdditionalData["integration_id"] = e.integrationID
		}
	}
	return encode(j)
}
