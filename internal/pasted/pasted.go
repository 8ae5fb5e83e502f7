// Package pasted reads what a user pastes when a Notion call fails — a link,
// an ID, and the error their app printed, in whatever wrapper it came — once,
// into one typed value that the diagnosis reads instead of the text.
//
// Wrappers it reads (each seen in public issue threads; the test table cites
// them): Notion's raw JSON error body; the JS SDK's log
// (`@notionhq/client warn: request fail { code: 'object_not_found', … }`,
// makenotion/notion-sdk-js#99, #612); `APIResponseError: …` from the JS SDK
// and from Python's `notion_client.errors.APIResponseError`
// (malinkang/weread2notion#6, #70); .NET `Notion.Client.NotionApiException`
// (notion-dotnet/notion-sdk-net#221); Ruby `Notion::…` errors; status lines
// (`HTTP 404`, `status: 502`, `404 Client Error: Not Found for url: …`,
// akarri2001/Notion-and-Google-Calendar-2-Way-Sync#35); paraphrases
// (`should be valid uuid`); a lower-case code alone; the message alone; and
// calls to the private `www.notion.so/api/v3` API (LoneKingCode/notion-backup#2).
//
// It never touches the network and knows nothing of MCP.
package pasted

import (
	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// MaxText bounds the work on one pasted text: beyond it only the head and
// the tail are read (an error sits at the start of a log or at its end,
// after a stack trace), so a huge paste costs no more than this.
const MaxText = 64 << 10

// Family is the kind of Notion error a text shows.
type Family string

// Families, most specific first; FamilyNone when nothing is recognised.
const (
	FamilyNone          Family = ""
	NotFound            Family = "object_not_found"      // Could not find {page|database|block|data_source}
	Unauthorized        Family = "unauthorized"          // 401, API token is invalid
	AccountRestricted   Family = "account_restricted"    // 401, the user's account may not use the public API
	Restricted          Family = "restricted_resource"   // 403, Insufficient permissions for this endpoint
	InvalidUUID         Family = "invalid_uuid"          // … should be a valid uuid, instead was X
	InvalidRequestURL   Family = "invalid_request_url"   // 400, Invalid request URL.
	MissingVersion      Family = "missing_version"       // Notion-Version header failed validation
	MultipleDataSources Family = "multiple_data_sources" // multi-source database read with 2022-06-28
	SearchFilter        Family = "search_filter"         // filter value "database" sent with 2025-09-03+
	IsPage              Family = "is_page"               // … is a page, not a database
	IsDatabase          Family = "is_database"           // … is a database, not a page
	Linked              Family = "linked_database"       // … is a linked database
	NoDataSources       Family = "no_data_sources"       // … does not contain any data sources accessible by this API bot
	RateLimited         Family = "rate_limited"          // 429
	Overload            Family = "service_overload"      // 529
	Server              Family = "server_error"          // 5xx, HTML 502/504 pages
	Blocked             Family = "blocked"               // HTML 403 from the edge (cf-ray), a network rule
	Network             Family = "network"               // no answer: timeout, DNS, connection refused or reset
	PrivateAPI          Family = "private_api"           // www.notion.so/api/v3, token_v2
	Other               Family = "other"                 // a Notion error of no family above (conflict, invalid_json…)
)

// Families lists every family, for schemas.
var Families = []string{string(NotFound), string(Unauthorized), string(AccountRestricted), string(Restricted),
	string(InvalidUUID), string(InvalidRequestURL), string(MissingVersion), string(MultipleDataSources),
	string(SearchFilter), string(IsPage), string(IsDatabase), string(Linked), string(NoDataSources),
	string(RateLimited), string(Overload), string(Server), string(Blocked), string(Network), string(PrivateAPI), string(Other)}

// IDStates lists the states of a found ID, for schemas.
var IDStates = []string{string(IDOK), string(IDMasked), string(IDPlaceholder), string(IDTruncated)}

// IDState says whether the ID an error names can be used.
type IDState string

// ID states.
const (
	IDNone        IDState = ""            // the text names no ID at all
	IDOK          IDState = "ok"          // a whole ID
	IDMasked      IDState = "masked"      // XXX, ****, xxxxxxxx-xxxx-…
	IDPlaceholder IDState = "placeholder" // <database_id>, YOUR_DATABASE_ID, undefined
	IDTruncated   IDState = "truncated"   // 4f68615b-2dd8-4d3d-af71-…, or a digit short
)

// Wrappers: how the error reached the user.
const (
	WrapJSON        = "json_body"
	WrapJSLog       = "js_sdk_log"
	WrapJSError     = "js_api_response_error"
	WrapPython      = "python_notion_client"
	WrapDotNet      = "dotnet_notion_api_exception"
	WrapRuby        = "ruby_notion_error"
	WrapHTTPLibrary = "http_library_status" // 401 Client Error: Unauthorized for url: …
	WrapStatusLine  = "status_line"
	WrapHTML        = "html_page"
	WrapCode        = "code_only"
	WrapMessage     = "message_only"
)

// Error is one pasted Notion error, read once.
type Error struct {
	Family  Family
	Wrapper string // one of the Wrap constants; "" when nothing was recognised
	Status  int    // HTTP status, shown or implied by the code; 0 unknown
	Code    string // Notion's error code, lower-case
	Message string // Notion's message, unescaped, bounded

	Object  string  // what the request asked for: page, database, block or data_source
	ID      string  // dashed lower-case, when IDState is IDOK
	IDState IDState // whether the ID can be used
	IDShown string  // the unusable ID as the text shows it (masked, cut off)

	Field string    // the field of a uuid validation error, e.g. path.database_id
	Value string    // the raw value Notion rejected there
	Bad   *BadValue // Value taken apart

	APIVersion    string // the Notion-Version the text shows
	MinVersion    string // additional_data.minimum_api_version
	Integration   string // the integration a newer 404 names
	IntegrationID string // additional_data.integration_id
	Method        string // GET, POST … when shown
	Endpoint      string // path from /v1/ on, as shown

	DatabaseID         string   // additional_data.database_id
	ChildDataSourceIDs []string // additional_data.child_data_source_ids
	RateLimitReason    string   // additional_data.rate_limit_reason
	WorkspaceLimit     bool     // the limit is the workspace's, shared by its connections
	RetryAfter         string   // seconds, when shown
	CFRay              bool     // the text carries cf-ray (Notion's edge)
	NotionRequestID    bool     // the text carries a Notion request id

	// IDResult is notionid's reading of the same text (nil when it has no
	// whole ID): its warnings, view, row and block IDs.
	IDResult *notionid.Result
}

// Recognised reports whether the text shows a Notion error.
func (e *Error) Recognised() bool { return e != nil && e.Family != FamilyNone }

// Input is everything pasted for one diagnosis.
type Input struct {
	// Target is notionid's reading of the target (a link, an ID, a reference
	// or a pasted error); TargetErr says why it holds no ID.
	Target    *notionid.Result
	TargetErr error
	// Err is the pasted error: from the error text when one was given and
	// recognised, else from the target.
	Err Error
	// ErrText reports that Err was read from the error text, not the target.
	ErrText bool
}

// ID is the object to diagnose: the target's, else the pasted error's.
func (in *Input) ID() (*notionid.Result, error) {
	if in.Target != nil {
		return in.Target, nil
	}
	if in.Err.IDResult != nil {
		return in.Err.IDResult, nil
	}
	return nil, in.TargetErr
}

// parseID is notionid.Parse; tests count its calls.
var parseID = notionid.Parse

// Read reads a diagnosis' input once: notionid.Parse runs once on the target
// and, when one is given, once on the error text; every other field comes
// from one scan of each.
func Read(target, errText string) *Input {
	target, errText = bound(target), bound(errText)
	in := &Input{}
	in.Target, in.TargetErr = parseID(target)
	if in.TargetErr != nil {
		in.Target = nil
	}
	// A link, an ID or a reference is no error text: its title words
	// ("Unauthorized-Access-Log-…") must not read as a code.
	t := Error{IDResult: in.Target}
	if in.Target == nil || in.Target.Source == notionid.SourceText {
		t = scan(target, in.Target)
	} else {
		t.ID, t.IDState = in.Target.ID, IDOK
	}
	if errText == "" {
		in.Err = t
		return in
	}
	r, err := parseID(errText)
	if err != nil {
		r = nil
	}
	e := scan(errText, r)
	// The error text wins unless only the target shows an error; when
	// neither does, the error text is kept for the ID it may hold.
	if e.Recognised() || !t.Recognised() {
		in.Err, in.ErrText = e, true
	} else {
		in.Err = t
	}
	return in
}

// Parse reads one pasted text on its own.
func Parse(text string) Error {
	text = bound(text)
	r, err := parseID(text)
	if err != nil {
		r = nil
	}
	return scan(text, r)
}

// bound keeps the head and tail of a huge text.
func bound(s string) string {
	if len(s) <= MaxText {
		return s
	}
	const tail = MaxText / 4
	return s[:MaxText-tail] + "\n…\n" + s[len(s)-tail:]
}
