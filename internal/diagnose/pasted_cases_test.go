package diagnose

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// pcase is one pasted error and what diagnose_access must make of it.
type pcase struct {
	name    string
	src     string // the public source its text follows
	target  string
	err     string // the error text argument; "" puts the error in target
	tok     string // a token for a live check; "" is offline
	verdict string
	steps   []string // phrases that some step must hold (the fix)
	summary []string // phrases the summary must hold (the cause and the others)
	not     []string // phrases neither steps nor summary may hold
	use     *Use     // checked when set
	noUse   bool     // Use must be nil
	noError bool     // the text shows no Notion error: no pasted_error
}

// Wrappers as apps print Notion errors. Sources:
//   - JSON body: developers.notion.com/reference/status-codes; Eflores89/notionR#20 (curl, masked "xxx").
//   - JS SDK log: makenotion/notion-sdk-js#99, #612; choffmann/MMM-Notion#1 (log then APIResponseError with stack).
//   - Python notion_client: egordm/notionsci#4 (masked XXX), malinkang/weread2notion#6 and #70 (`"None"`).
//   - .NET: notion-dotnet/notion-sdk-net#221 (ID cut off "4f68615b-2dd8-4d3d-af71-.....").
//   - JS APIResponseError: dvanoni/notero#349 (xxxxxxxx-xxxx-…), #292 (Invalid request URL).
//   - HTTP library lines: akarri2001/Notion-and-Google-Calendar-2-Way-Sync#35 (404 Client Error … for url),
//     LoneKingCode/notion-backup#2 (403 on www.notion.so/api/v3).
//   - 401 account restriction and API token is invalid: makenotion/notion-mcp-server#68.
//   - Linked databases: dust-tt/dust#18188, ultimate-notion#113; multi-source additional_data and 529 and the
//     Cloudflare 403: makenotion/notion-sdk-js (test/Client.test.ts, src/errors.ts); newer uuid and "is a page"
//     wordings and workspace rate limits: ../../../shared/NOTION_API_NOTES.md, "Notion as of late 2026".
//   - Ruby (notion-ruby-client raises Notion::Api::Errors::…) and status-only lines are written to the same messages.
func jsonErr(status int, code, msg string) string {
	b, _ := json.Marshal(map[string]any{"object": "error", "status": status, "code": code, "message": msg, "request_id": "9fa66b05-99e5-4d16-b4cb-b7aea2b4d597"})
	return string(b)
}

func jsLog(code, msg string) string {
	m := strings.ReplaceAll(msg, "'", `\'`)
	return "@notionhq/client warn: request fail {\n  code: '" + code + "',\n  message: '" + m + "'\n}"
}

func jsErr(msg string) string {
	return "APIResponseError: " + msg + "\n    at buildRequestError (/app/node_modules/@notionhq/client/build/src/errors.js:162:16)\n    at Client.request (/app/node_modules/@notionhq/client/build/src/Client.js:304:54)"
}

func pyErr(msg string) string {
	return "Traceback (most recent call last):\n  File \"sync.py\", line 12, in <module>\n    notion.databases.query(database_id=DB)\n  File \"site-packages/notion_client/client.py\", line 93, in _parse_response\n    raise APIResponseError(error.response, body)\nnotion_client.errors.APIResponseError: " + msg
}

func dotnet(msg string) string {
	return "Notion.Client.NotionApiException: " + msg + "\n   at Notion.Client.RestClient.SendAsync(String requestUri, HttpMethod httpMethod)"
}

func ruby(class, msg string) string {
	return "sync.rb:8:in `block in <main>': " + msg + " (Notion::Api::Errors::" + class + ")"
}

func notFoundMsg(kind, id string) string {
	return "Could not find " + kind + " with ID: " + id + ". Make sure the relevant pages and databases are shared with your integration."
}

func uuidMsg(field, raw string) string {
	return "path failed validation: path." + field + " should be a valid uuid, instead was `\"" + raw + "\"`."
}

func pastedCases() []pcase {
	const (
		tasks, tasksDS, finance = sandbox.TasksDatabaseID, sandbox.TasksDataSourceID, sandbox.FinanceDatabaseID
		board, home, cal        = sandbox.SprintBoardPageID, sandbox.TeamHomePageID, sandbox.ContentCalendarDatabaseID
		posts, campaigns        = sandbox.PostsDataSourceID, sandbox.CampaignsDataSourceID
		view                    = sandbox.TasksViewID
	)
	hex := compact
	share := "Add connections"
	capab := "open Capabilities"
	tokenReach := []string{"log its length and first 4 characters", ".env file must be loaded", "placeholder left in a config", "Bearer \" exactly once", "OPENAPI_MCP_HEADERS"}
	multi := `{"object":"error","status":400,"code":"validation_error","message":"Databases with multiple data sources are not supported in this API version.","additional_data":{"error_type":"multiple_data_sources_for_database","database_id":"` + cal + `","child_data_source_ids":["` + posts + `","` + campaigns + `"],"minimum_api_version":"2025-09-03"}}`
	linked := "Database with ID " + cal + " is a linked database. Database retrievals do not support linked databases."
	noDS := "Database with ID " + cal + " does not contain any data sources accessible by this API bot."
	cf := "HTTP/1.1 403 Forbidden\ncontent-type: text/html\ncf-ray: 8ba99871408785cd-FRA\n\n<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked</body></html>"
	html502 := "HTTP/1.1 502 Bad Gateway\ncf-ray: 8ba99871408785cd-FRA\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>"

	return []pcase{
		// object_not_found → not_shared
		{name: "json 404 database", src: "status-codes", target: jsonErr(404, "object_not_found", notFoundMsg("database", finance)),
			verdict: NotShared, steps: []string{share, "Open as full page", finance}, summary: []string{"view ID", "another integration or workspace", "personal access token", "deleted"}},
		{name: "js log 404", src: "notion-sdk-js#99", target: jsLog("object_not_found", notFoundMsg("database", finance)),
			verdict: NotShared, steps: []string{share, finance}},
		{name: "js log then APIResponseError", src: "MMM-Notion#1", target: jsLog("object_not_found", notFoundMsg("database", finance)) + "\n" + jsErr(notFoundMsg("database", finance)) + " {\n  code: 'object_not_found',\n  status: 404,",
			verdict: NotShared, steps: []string{share}},
		{name: "python masked XXX", src: "notionsci#4", target: pyErr("Could not find database with ID: XXX"),
			verdict: NotShared, steps: []string{"masked", "paste the full link", share}, summary: []string{"masked (XXX)"}},
		{name: "js masked dashes", src: "notero#349", target: "APIResponseError: Could not find database with ID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
			verdict: NotShared, steps: []string{"masked", share}},
		{name: ".NET cut off", src: "notion-sdk-net#221", target: dotnet("Could not find database with ID: 4f68615b-2dd8-4d3d-af71-....."),
			verdict: NotShared, steps: []string{"cut off", "paste the full link"}, summary: []string{"4f68615b-2dd8-4d3d-af71-"}},
		{name: "cut off with an ellipsis", src: "issue 9", target: "Could not find database with ID: 4f68615b-2dd8-4d3d-af71-…",
			verdict: NotShared, steps: []string{"cut off"}},
		{name: "ruby stars", target: ruby("ObjectNotFound", "Could not find page with ID: ****. Make sure the relevant pages and databases are shared with your integration."),
			verdict: NotShared, steps: []string{"masked", share}, summary: []string{"Could not find page"}},
		{name: "curl xxx", src: "notionR#20", target: `{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: xxx. Make sure the relevant pages and databases are shared with your integration.","request_id":"xxx"}`,
			verdict: NotShared, steps: []string{"masked"}},
		{name: "data_source 404 js log", src: "notion-sdk-js#612", target: jsLog("object_not_found", notFoundMsg("data_source", tasks)),
			verdict: NotShared, steps: []string{"Manage data sources", "not the database ID", share}, summary: []string{"2025-09-03", "data source ID"}},
		{name: "data_source 404 naming the integration", target: jsonErr(404, "object_not_found", "Could not find data_source with ID: "+tasks+". Make sure the relevant pages and databases are shared with your integration \"Acme Sync\"."),
			verdict: NotShared, steps: []string{`"Acme Sync"`, "Copy data source ID"}},
		{name: "page 404 python", src: "weread2notion#6", target: pyErr(notFoundMsg("page", home)),
			verdict: NotShared, steps: []string{share, home}, not: []string{"Open as full page)"}},
		{name: "block 404 json", target: jsonErr(404, "object_not_found", notFoundMsg("block", home)),
			verdict: NotShared, steps: []string{share}},
		{name: "requests 404 line", src: "2-Way-Sync#35", target: "httpx.HTTPStatusError: 404 Client Error: Not Found for url: https://api.notion.com/v1/databases/" + hex(finance) + "/query\nFor more information check: https://httpstatuses.com/404",
			verdict: NotShared, steps: []string{share, "Open as full page"}},
		{name: "code alone", target: "object_not_found", verdict: NotShared, steps: []string{share, "full link"}, summary: []string{"The same 404 also means"}},
		{name: "HTTP 404 alone", target: "HTTP 404", verdict: NotShared, steps: []string{share}},
		{name: "placeholder id", target: "Could not find database with ID: <database_id>.", verdict: NotShared, summary: []string{"placeholder"}, steps: []string{share}},
		{name: "newer 404 with integration_id", target: `{"object":"error","status":404,"code":"object_not_found","message":"Could not find page with ID: ` + home + `. Make sure the relevant pages and databases are shared with your integration \"Zapier Sync\".","additional_data":{"integration_id":"0f0e0d0c-0b0a-8908-0706-050403020100"}}`,
			verdict: NotShared, steps: []string{`"Zapier Sync"`, home}},
		{name: "prose with a lower-case message", target: "hi, my script keeps failing with could not find database with id " + hex(finance) + " even though I shared it",
			verdict: NotShared, steps: []string{share, finance}},
		{name: "link plus pasted error", target: sandbox.FinanceURL, err: jsErr(notFoundMsg("database", finance)),
			verdict: NotShared, steps: []string{share, finance}},
		{name: "data source 404 with the database's dashed id", target: "Could not find data_source with ID: " + tasks + ".",
			verdict: NotShared, steps: []string{"Manage data sources", "list_shared_databases"}},
		{name: "n8n style item suffix", target: "NodeApiError: Could not find database with ID: " + finance + ". Make sure the relevant pages and databases are shared with your integration. [item 0]",
			verdict: NotShared, steps: []string{share}},

		// unauthorized → token_invalid
		{name: "json 401", src: "notion-mcp-server#68", target: `{"status":401,"object":"error","code":"unauthorized","message":"API token is invalid.","request_id":"f11c7358-9579-4507-81ce-7403556be75d"}`,
			verdict: TokenInvalid, steps: append(tokenReach, "validate_token with env_file"), summary: []string{"never reached the program", "revoked"}, not: []string{"full link"}},
		{name: "js log 401", target: jsLog("unauthorized", "API token is invalid."), verdict: TokenInvalid, steps: []string{"Internal Integration Secret", "variable your code reads"}},
		{name: "python 401", target: pyErr("API token is invalid."), verdict: TokenInvalid, steps: []string{"load_dotenv"}},
		{name: "requests 401 line", target: "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.notion.com/v1/users/me",
			verdict: TokenInvalid, steps: []string{"Bearer", "placeholder"}},
		{name: "code alone 401", target: "unauthorized", verdict: TokenInvalid, steps: []string{"Bearer"}},
		{name: ".NET 401", target: dotnet("API token is invalid."), verdict: TokenInvalid, steps: []string{"Bearer"}},
		{name: "ruby 401", target: ruby("Unauthorized", "API token is invalid."), verdict: TokenInvalid, steps: []string{"Bearer"}},
		{name: "HTTP 401 alone", target: "HTTP 401 Unauthorized", verdict: TokenInvalid, steps: []string{".env"}},
		{name: "401 with a link", target: sandbox.TasksURL, err: jsonErr(401, "unauthorized", "API token is invalid."),
			verdict: TokenInvalid, steps: []string{"Bearer", tasks}},
		{name: "account restricted", src: "notion-mcp-server#68", target: `{"status":401,"object":"error","code":"unauthorized","message":"This user's account is restricted from accessing the public API.","request_id":"9fa66b05-99e5-4d16-b4cb-b7aea2b4d597"}`,
			verdict: TokenInvalid, steps: []string{"workspace owner", "Developer portal", "request_id"}, summary: []string{"account", "new token made by the same account"}, not: []string{"Refresh to regenerate"}},
		{name: "account restricted js", target: jsErr("This user's account is restricted from accessing the public API."),
			verdict: TokenInvalid, steps: []string{"workspace owner"}},

		// restricted_resource → missing_capability
		{name: "json 403", target: jsonErr(403, "restricted_resource", "Insufficient permissions for this endpoint."),
			verdict: MissingCapability, steps: []string{capab, "Read content at least"}, summary: []string{"cf-ray", "workspace rule"}},
		{name: "js log 403 on create page", target: "POST /v1/pages\n" + jsLog("restricted_resource", "Insufficient permissions for this endpoint."),
			verdict: MissingCapability, steps: []string{"tick Insert content"}, summary: []string{"POST /v1/pages needs Insert content"}},
		{name: "requests 403 on comments", target: "403 Client Error: Forbidden for url: https://api.notion.com/v1/comments?block_id=" + hex(home),
			verdict: MissingCapability, steps: []string{"Read comments"}},
		{name: "403 on update", target: "PATCH https://api.notion.com/v1/pages/" + hex(home) + " → 403 restricted_resource",
			verdict: MissingCapability, steps: []string{"tick Update content"}},
		{name: "403 on users", target: "GET /v1/users 403 restricted_resource Insufficient permissions for this endpoint.",
			verdict: MissingCapability, steps: []string{"Read user information"}},
		{name: "code alone 403", target: "restricted_resource", verdict: MissingCapability, steps: []string{capab}},
		{name: "python 403", target: pyErr("Insufficient permissions for this endpoint."), verdict: MissingCapability, steps: []string{capab}},
		{name: "403 on users/me", target: "GET https://api.notion.com/v1/users/me 403 restricted_resource",
			verdict: TokenInvalid, summary: []string{"not a missing capability"}, steps: []string{"workspace owner"}, not: []string{capab}},
		{name: "cloudflare 403", src: "notion-sdk-js src/errors.ts", target: cf,
			verdict: APIUnreachable, summary: []string{"network rule", "not a missing capability"}, steps: []string{"VPN"}, not: []string{capab}},

		// uuid validation → invalid_input with the ID inside
		{name: "uuid ?v= backticks", target: uuidMsg("database_id", hex(tasks)+"?v="+hex(view)),
			verdict: InvalidInput, steps: []string{"?v=", hex(tasks)}, summary: []string{"view part"}, use: &Use{DatabaseID: tasks}},
		{name: "uuid ?v= old quotes", target: jsonErr(400, "validation_error", `path failed validation: path.database_id should be a valid uuid, instead was "`+hex(tasks)+"?v="+hex(view)+`".`),
			verdict: InvalidInput, steps: []string{"Drop everything from ?v= on", tasks}, use: &Use{DatabaseID: tasks}},
		{name: "uuid trailing ?", src: "NOTION_API_NOTES", target: uuidMsg("database_id", hex(tasks)+"?"),
			verdict: InvalidInput, steps: []string{"Trim the value", tasks}, summary: []string{`followed by "?"`}, use: &Use{DatabaseID: tasks}},
		{name: "uuid trailing quote", target: "path failed validation: path.page_id should be a valid uuid, instead was `\"" + hex(home) + "\\\"\"`.",
			verdict: InvalidInput, steps: []string{"without quotes"}, use: &Use{PageID: home}},
		{name: "uuid whole link in body", target: jsLog("validation_error", `body failed validation: body.parent.database_id should be a valid uuid, instead was "`+sandbox.TasksURL+`".`),
			verdict: InvalidInput, steps: []string{"extract_notion_id", tasks}, summary: []string{"whole link"}, use: &Use{DatabaseID: tasks}},
		{name: "uuid title slug", target: uuidMsg("page_id", "Team-Home-"+hex(home)),
			verdict: InvalidInput, steps: []string{"last 32 hexadecimal characters", home}, summary: []string{"title words"}, use: &Use{PageID: home}},
		{name: "uuid undefined", target: jsErr(uuidMsg("database_id", "undefined")),
			verdict: InvalidInput, steps: []string{"process.env.NOTION_DATABASE_ID"}, summary: []string{"empty variable"}, noUse: true},
		{name: "uuid None", src: "weread2notion#70", target: pyErr(uuidMsg("database_id", "None")),
			verdict: InvalidInput, steps: []string{"os.environ"}, summary: []string{"empty variable"}},
		{name: "uuid null", target: uuidMsg("page_id", "null"), verdict: InvalidInput, steps: []string{"load the .env file"}},
		{name: "uuid placeholder", target: uuidMsg("database_id", "<your-database-id>"),
			verdict: InvalidInput, steps: []string{"Replace it with the real ID"}, summary: []string{"placeholder"}},
		{name: "uuid YOUR_DATABASE_ID", target: pyErr(uuidMsg("database_id", "YOUR_DATABASE_ID")), verdict: InvalidInput, steps: []string{"Replace it with the real ID"}},
		{name: "uuid one short", target: uuidMsg("database_id", hex(tasks)[:31]),
			verdict: InvalidInput, steps: []string{"Copy the link again"}, summary: []string{"too short"}},
		{name: "uuid one long", target: uuidMsg("database_id", hex(tasks)+"a"), verdict: InvalidInput, summary: []string{"too long"}},
		{name: "uuid title", target: uuidMsg("database_id", "Reading List"),
			verdict: InvalidInput, steps: []string{"list_shared_databases"}, summary: []string{"title or name"}},
		{name: "uuid paraphrase", target: "Error: body.parent.page_id should be valid uuid", verdict: InvalidInput, steps: []string{"32 hexadecimal characters"}},
		{name: "uuid collection reference", target: uuidMsg("data_source_id", "collection://"+tasksDS),
			verdict: InvalidInput, steps: []string{"collection://<id> names a data source"}, use: &Use{DataSourceIDs: []string{tasksDS}}},
		{name: "uuid link with pvs", target: pyErr(`body failed validation: body.parent.database_id should be a valid uuid, instead was "https://www.notion.so/` + hex(tasks) + `?v=` + hex(view) + `&pvs=4".`),
			verdict: InvalidInput, steps: []string{tasks}, use: &Use{DatabaseID: tasks}},
		{name: "uuid .NET", target: dotnet(uuidMsg("database_id", sandbox.TasksURL)), verdict: InvalidInput, steps: []string{"extract_notion_id"}},
		{name: "uuid split by a space", src: "MMM-Notion#1", target: uuidMsg("database_id", hex(tasks)[:31]+" "+hex(tasks)[31:]),
			verdict: InvalidInput, steps: []string{"Trim the value", tasks}, summary: []string{"space or line break"}},
		{name: "uuid masked", target: uuidMsg("database_id", "XXXXXXXX"), verdict: InvalidInput, steps: []string{"Replace it with the real ID"}},
		{name: "uuid is the token", target: pyErr(uuidMsg("database_id", sandbox.TokenValid)) + "\nheaders: {'Authorization': 'Bearer " + sandbox.TokenValid + "'}",
			verdict: InvalidInput, steps: []string{"regenerate it", "NOTION_TOKEN"}, summary: []string{"integration token"}},

		// invalid_request_url
		{name: "invalid request url alone", src: "notero#292", target: jsErr("Invalid request URL."),
			verdict: InvalidInput, steps: []string{"Put only the ID in the path", "Notion-Version: 2025-09-03"}, summary: []string{"Two causes"}},
		{name: "data_sources with 2022", target: "GET https://api.notion.com/v1/data_sources/" + tasksDS + "\nNotion-Version: 2022-06-28\n" + jsonErr(400, "invalid_request_url", "Invalid request URL."),
			verdict: UnsupportedInAPIVersion, steps: []string{"Notion-Version: 2025-09-03"}, summary: []string{"sent with 2022-06-28"}},
		{name: "link in the path", target: "GET https://api.notion.com/v1/databases/https://www.notion.so/acme/Tasks-" + hex(tasks) + "?v=" + hex(view) + " 400 invalid_request_url",
			verdict: InvalidInput, steps: []string{"Put only the ID in the path"}, summary: []string{"holds a link"}, use: &Use{DatabaseID: tasks}},
		{name: "view id in the path", target: sandbox.TasksURL, err: "GET https://api.notion.com/v1/databases/" + hex(view) + "/query → 400 invalid_request_url Invalid request URL.",
			verdict: InvalidInput, steps: []string{"before ?v=", tasks}, summary: []string{"view ID " + view}, use: &Use{DatabaseID: tasks}},
		{name: "views with 2022", target: "notionVersion: '2022-06-28'\nGET /v1/views/" + view + " → invalid_request_url", verdict: UnsupportedInAPIVersion, steps: []string{"/v1/views"}},
		{name: "code alone invalid_request_url", target: "invalid_request_url", verdict: InvalidInput, steps: []string{"Put only the ID", "2025-09-03"}},
		{name: "data_sources, version not shown", target: "POST /v1/data_sources/" + tasksDS + "/query: Invalid request URL.",
			verdict: UnsupportedInAPIVersion, summary: []string{"most likely", "link or view ID"}},

		// missing_version → unsupported_in_api_version
		{name: "missing version json", target: jsonErr(400, "missing_version", sandbox.MsgMissingVersion),
			verdict: UnsupportedInAPIVersion, steps: []string{"Notion-Version: 2025-09-03", "drops the header"}},
		{name: "missing version code alone", target: "missing_version", verdict: UnsupportedInAPIVersion, steps: []string{"Notion-Version"}},
		{name: "missing version python", target: pyErr(sandbox.MsgMissingVersion), verdict: UnsupportedInAPIVersion, steps: []string{"Notion-Version"}},

		// several data sources → unsupported_in_api_version
		{name: "multi source body", src: "notion-sdk-js test/Client.test.ts", target: multi,
			verdict: UnsupportedInAPIVersion, steps: []string{"/v1/data_sources/" + posts + "/query", campaigns}, use: &Use{DatabaseID: cal, DataSourceIDs: []string{posts, campaigns}}},
		{name: "multi source message with a link", target: sandbox.ContentCalendarURL, err: jsLog("validation_error", sandbox.MsgMultipleDataSources),
			verdict: UnsupportedInAPIVersion, steps: []string{"Manage data sources", "2025-09-03"}, use: &Use{DatabaseID: cal}},
		{name: "multi source python, no id", target: pyErr(sandbox.MsgMultipleDataSources), verdict: UnsupportedInAPIVersion, steps: []string{"Copy data source ID"}, noUse: true},
		{name: "search filter database", target: jsonErr(400, "validation_error", `body failed validation: body.filter.value should be "page" or "data_source", instead was "database".`),
			verdict: UnsupportedInAPIVersion, steps: []string{`"value":"data_source"`}},

		// wrong_type
		{name: "is a page 2026", target: jsonErr(400, "validation_error", "Provided database_id "+board+" is a page, not a database. Use the pages API instead, or pass the ID of the database itself."),
			verdict: WrongType, steps: []string{"Open as full page"}, use: &Use{PageID: board}},
		{name: "is a page 2022", target: jsErr("Provided ID " + board + " is a page, not a database. Use the retrieve page API instead, i.e. GET https://api.notion.com/v1/pages/" + board),
			verdict: WrongType, steps: []string{"Copy link"}, use: &Use{PageID: board}},
		{name: "is a database", target: pyErr("Provided ID " + tasks + " is a database, not a page. Use the retrieve database API instead, i.e. GET https://api.notion.com/v1/databases/" + tasks),
			verdict: WrongType, steps: []string{"GET /v1/databases/" + tasks}, use: &Use{DatabaseID: tasks}},
		{name: "is a page, masked", target: "Provided ID XXX is a page, not a database.", verdict: WrongType, noUse: true, steps: []string{"Open as full page"}},

		// linked_database
		{name: "linked json", src: "dust#18188", target: jsonErr(400, "validation_error", linked),
			verdict: LinkedDatabase, steps: []string{"↗", "source database", share}, summary: []string{"cannot read linked databases"}},
		{name: "no data sources", src: "ultimate-notion#113", target: jsonErr(400, "validation_error", noDS),
			verdict: LinkedDatabase, steps: []string{"↗", "share the database itself"}, summary: []string{"not shared"}},
		{name: "linked python", target: pyErr(linked), verdict: LinkedDatabase, steps: []string{"source database"}},
		{name: "no data sources js log", target: jsLog("validation_error", noDS), verdict: LinkedDatabase, steps: []string{"its data source is not shared"}},

		// rate_limited
		{name: "429 json", target: jsonErr(429, "rate_limited", sandbox.MsgRateLimited),
			verdict: RateLimited, steps: []string{"3 requests per second", "backoff"}, summary: []string{"workspace-wide limit"}},
		{name: "429 workspace", src: "request-limits", target: `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited. Please try again in a few minutes.","additional_data":{"rate_limit_reason":"workspace_rate_limit"}}`,
			verdict: RateLimited, steps: []string{"every script and connection in the workspace", "more than a minute"}, summary: []string{"whole workspace", "would not help"},
			not: []string{"its own integration", "own integration", "3 requests per second"}},
		{name: "rate_limited alone", target: "rate_limited", verdict: RateLimited, steps: []string{"Retry-After"}},
		{name: "429 with retry-after", target: "HTTP 429 Too Many Requests\nretry-after: 42", verdict: RateLimited, steps: []string{"42 s"}},
		{name: "529 json", target: jsonErr(529, "service_overload", "Notion is currently overloaded. Please try again later."),
			verdict: RateLimited, summary: []string{"overloaded", "nor an outage"}, steps: []string{"retry"}, not: []string{"status.notion.so"}},
		{name: "status 529", target: "status: 529", verdict: RateLimited, summary: []string{"529"}},

		// api_unreachable
		{name: "HTML 502", target: html502, verdict: APIUnreachable, steps: []string{"status.notion.so"}, summary: []string{"502"}},
		{name: "sdk failed with status 502", target: "Request to Notion API failed with status: 502", verdict: APIUnreachable, steps: []string{"backoff"}},
		{name: "504 gateway timeout", target: "HTTP 504 Gateway Time-out", verdict: APIUnreachable, steps: []string{"page_size"}},
		{name: "500 json", target: jsonErr(500, "internal_server_error", sandbox.MsgInternal), verdict: APIUnreachable, summary: []string{"internal_server_error"}},
		{name: "503 python", target: pyErr(sandbox.MsgServiceUnavailable), verdict: APIUnreachable, steps: []string{"status.notion.so"}},

		{name: "sdk timeout", src: "notion-sdk-js src/errors.ts RequestTimeoutError", target: "RequestTimeoutError: Request to Notion API has timed out\n    at Timeout._onTimeout (/app/node_modules/@notionhq/client/build/src/Client.js:120:28)",
			verdict: APIUnreachable, summary: []string{"no answer"}, steps: []string{"HTTPS_PROXY", "page_size"}},
		{name: "dns failure", target: "FetchError: request to https://api.notion.com/v1/search failed, reason: getaddrinfo ENOTFOUND api.notion.com", verdict: APIUnreachable, steps: []string{"DNS"}},

		// the private API
		{name: "private api 403", src: "notion-backup#2", target: "403 Client Error: Forbidden for url: https://www.notion.so/api/v3/loginWithEmail",
			verdict: InvalidInput, summary: []string{"private API", "do not apply"}, steps: []string{"https://api.notion.com/v1/"}, not: []string{capab}},
		{name: "private api token_v2", target: "HTTPError 401: https://www.notion.so/api/v3/loadPageChunk (token_v2 expired)",
			verdict: InvalidInput, summary: []string{"token_v2"}, steps: []string{"create an integration"}},

		// neither a cause nor an ID
		{name: "conflict with an id, no token", target: jsonErr(409, "conflict_error", "Conflict occurred while saving. Please try again.") + " " + tasks,
			verdict: TokenMissing, summary: []string{"409 conflict_error"}, steps: []string{"NOTION_TOKEN"}},
		{name: "property not found", target: jsonErr(400, "validation_error", "Could not find property with name or id: Status"),
			verdict: InvalidInput, summary: []string{"not about access", "Could not find property"}, steps: []string{"property name"}, not: []string{"Add connections"}},
		{name: "invalid json", target: "invalid_json", verdict: InvalidInput, steps: []string{"valid JSON body"}},
		{name: "prose without id or error", target: "the Tasks database in our team space", verdict: InvalidInput, steps: []string{"Copy link"}, noError: true},
	}
}

// TestDiagnosePastedErrors: every family in every wrapper gets its verdict
// offline, with steps that name the fix.
func TestDiagnosePastedErrors(t *testing.T) {
	cases := pastedCases()
	if len(cases) < 80 {
		t.Fatalf("%d pasted cases, want at least 80", len(cases))
	}
	for _, c := range cases {
		t.Run(c.verdict+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			runPasted(t, c)
		})
	}
}

func runPasted(t *testing.T, c pcase) {
	ws := sandbox.New(sandbox.Options{})
	r, out := diagnoseWant(t, ws, c.tok, sessionOpts{}, Request{Target: c.target, ErrorText: c.err}, c.verdict)
	if c.tok == "" && (r.CheckedLive || len(ws.Requests()) != 0) {
		t.Errorf("checked live without a token")
	}
	if r.Summary == "" || len(r.Steps) == 0 {
		t.Errorf("summary and steps must be set:\n%s", out)
	}
	for _, p := range c.steps {
		if !stepsSay(r.Steps, p) {
			t.Errorf("no step says %q:\n%s", p, strings.Join(r.Steps, "\n"))
		}
	}
	for _, p := range c.summary {
		if !strings.Contains(r.Summary, p) {
			t.Errorf("summary lacks %q: %s", p, r.Summary)
		}
	}
	all := r.Summary + "\n" + strings.Join(r.Steps, "\n")
	for _, p := range c.not {
		if strings.Contains(all, p) {
			t.Errorf("the result says %q, which is wrong advice here:\n%s", p, all)
		}
	}
	if c.use != nil && !reflect.DeepEqual(r.Use, c.use) {
		got, _ := json.Marshal(r.Use)
		want, _ := json.Marshal(c.use)
		t.Errorf("use %s, want %s", got, want)
	}
	if (r.Pasted == nil || r.Pasted.Kind == "" || r.Pasted.Wrapper == "") != c.noError {
		t.Errorf("pasted_error %+v (want one: %v)", r.Pasted, !c.noError)
	}
	if c.noUse && r.Use != nil {
		t.Errorf("use %+v, want none: the text holds no ID", r.Use)
	}
}

// TestDiagnosePastedWithToken: with a token and a pasted error the live
// check still runs, and what the pasted text says is added to its result.
func TestDiagnosePastedWithToken(t *testing.T) {
	for _, c := range []struct {
		name    string
		req     Request
		verdict string
		live    bool
		steps   []string
		summary []string
		tok     string // default sandbox.TokenValid
	}{
		{"app's 401, this server's token revoked too", Request{Target: "401 Client Error: Unauthorized for url: https://api.notion.com/v1/search"},
			TokenInvalid, true, []string{"Internal Integration Secret"}, []string{"rejected as well"}, sandbox.TokenRevoked},
		{"app's 401, this token can read it", Request{Target: sandbox.TasksURL, ErrorText: jsonErr(401, "unauthorized", "API token is invalid.")},
			Accessible, true, []string{"Bearer \" exactly once", ".env file must be loaded"}, []string{"is not the one of \"Acme Sync\""}, ""},
		{"app's workspace 429, it is shared", Request{Target: sandbox.TasksURL, ErrorText: `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited.","additional_data":{"rate_limit_reason":"workspace_rate_limit"}}`},
			Accessible, true, []string{"retry with backoff"}, []string{"temporary"}, ""},
		{"app's masked 404, no ID to check", Request{Target: jsErr("Could not find database with ID: XXX")},
			NotShared, false, []string{"masked", "with this server's token"}, []string{"masked"}, ""},
		{"app's 401 alone, this server's token works", Request{Target: jsonErr(401, "unauthorized", "API token is invalid.")},
			TokenInvalid, true, []string{"Give your app the token of \"Acme Sync\"", "Bearer"}, []string{"works and belongs to \"Acme Sync\""}, ""},
		{"app's masked 404 from another integration", Request{Target: "Could not find database with ID: XXX. Make sure the relevant pages and databases are shared with your integration \"Zapier Sync\"."},
			NotShared, true, []string{"Share the page with \"Zapier Sync\""}, []string{"different integrations"}, ""},
		{"app's invalid request url, the ID is fine", Request{Target: sandbox.TasksURL, ErrorText: "APIResponseError: Invalid request URL."},
			Accessible, true, []string{"put only the ID " + sandbox.TasksDatabaseID}, nil, ""},
		{"app's 403 on create, this token reads it", Request{Target: sandbox.TasksURL, ErrorText: "POST /v1/pages\n" + jsLog("restricted_resource", "Insufficient permissions for this endpoint.")},
			Accessible, true, []string{"tick Insert content"}, []string{"403 restricted_resource"}, ""},
		{"app's 404 masked, link given", Request{Target: sandbox.FinanceURL, ErrorText: pyErr("Could not find database with ID: XXX")},
			NotShared, true, []string{"Add connections", `"Acme Sync"`}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws := sandbox.New(sandbox.Options{})
			tok := sandbox.TokenValid
			if c.tok != "" {
				tok = c.tok
			}
			s := newSession(t, ws, env{"NOTION_TOKEN": tok}, sessionOpts{})
			r, err := Diagnose(context.Background(), s, c.req)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := json.MarshalIndent(r, "", "  ")
			if r.Verdict != c.verdict || r.CheckedLive != c.live {
				t.Fatalf("verdict %s live %v, want %s live %v\n%s", r.Verdict, r.CheckedLive, c.verdict, c.live, out)
			}
			for _, p := range c.steps {
				if !stepsSay(r.Steps, p) {
					t.Errorf("no step says %q:\n%s", p, strings.Join(r.Steps, "\n"))
				}
			}
			for _, p := range c.summary {
				if !strings.Contains(r.Summary, p) {
					t.Errorf("summary lacks %q: %s", p, r.Summary)
				}
			}
		})
	}
}
