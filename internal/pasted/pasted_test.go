package pasted

import (
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

const (
	dbID   = "c6eda3ce-7299-81de-014c-afc354107b25"
	dbHex  = "c6eda3ce729981de014cafc354107b25"
	viewID = "8f1f0e7a4c2b4e0d9a6b5c4d3e2f1a0b"
	dsID   = "e29f6486-8937-81b2-6a7d-aa6010ff10df"
)

// TestParse: each wrapper and family is read into the fields the diagnosis
// needs. Texts follow public pastes (sources in the package comment and in
// ../diagnose/pasted_cases_test.go).
func TestParse(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       Error // only the set fields are compared
		bad        *BadValue
	}{
		{"js log 404", "@notionhq/client warn: request fail {\n  code: 'object_not_found',\n  message: 'Could not find database with ID: " + dbID + ". Make sure the relevant pages and databases are shared with your integration.'\n}",
			Error{Family: NotFound, Wrapper: WrapJSLog, Status: 404, Code: "object_not_found", Object: "database", ID: dbID, IDState: IDOK}, nil},
		{"python masked", "notion_client.errors.APIResponseError: Could not find database with ID: XXX",
			Error{Family: NotFound, Wrapper: WrapPython, Object: "database", IDState: IDMasked, IDShown: "XXX"}, nil},
		{"js masked dashed", "APIResponseError: Could not find database with ID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
			Error{Family: NotFound, Wrapper: WrapJSError, IDState: IDMasked}, nil},
		{".NET truncated", "Notion.Client.NotionApiException: Could not find database with ID: 4f68615b-2dd8-4d3d-af71-.....",
			Error{Family: NotFound, Wrapper: WrapDotNet, IDState: IDTruncated, IDShown: "4f68615b-2dd8-4d3d-af71-....."}, nil},
		{"ruby stars", "Notion::Api::Errors::NotFound: Could not find page with ID: ****. Make sure the relevant pages and databases are shared with your integration.",
			Error{Family: NotFound, Wrapper: WrapRuby, Object: "page", IDState: IDMasked}, nil},
		{"json 404 with integration", `{"object":"error","status":404,"code":"object_not_found","message":"Could not find data_source with ID: ` + dsID + `. Make sure the relevant pages and databases are shared with your integration \"Acme Sync\".","additional_data":{"integration_id":"0f0e0d0c-0b0a-8908-0706-050403020100"}}`,
			Error{Family: NotFound, Wrapper: WrapJSON, Status: 404, Object: "data_source", ID: dsID, Integration: "Acme Sync", IntegrationID: "0f0e0d0c-0b0a-8908-0706-050403020100"}, nil},
		{"requests status line", "404 Client Error: Not Found for url: https://api.notion.com/v1/databases/" + dbHex + "/query",
			Error{Family: NotFound, Wrapper: WrapHTTPLibrary, Status: 404, Object: "database", ID: dbID, Endpoint: "/v1/databases/" + dbHex + "/query"}, nil},
		{"401 status line", "401 Client Error: Unauthorized for url: https://api.notion.com/v1/users/me",
			Error{Family: Unauthorized, Status: 401, Endpoint: "/v1/users/me"}, nil},
		{"account restricted", `{"status":401,"object":"error","code":"unauthorized","message":"This user's account is restricted from accessing the public API.","request_id":"9fa66b05-99e5-4d16-b4cb-b7aea2b4d597"}`,
			Error{Family: AccountRestricted, Status: 401, Code: "unauthorized", IDState: IDNone}, nil},
		{"uuid backticks view", "path failed validation: path.database_id should be a valid uuid, instead was `\"" + dbHex + "?v=" + viewID + "\"`.",
			Error{Family: InvalidUUID, Field: "path.database_id", Object: "database", ID: dbID},
			&BadValue{Kind: BadViewSuffix, ID: dbID, ViewID: "8f1f0e7a-4c2b-4e0d-9a6b-5c4d3e2f1a0b"}},
		{"uuid None", "notion_client.errors.APIResponseError: path failed validation: path.database_id should be a valid uuid, instead was `\"None\"`",
			Error{Family: InvalidUUID, Wrapper: WrapPython, Value: "None", IDState: IDPlaceholder}, &BadValue{Kind: BadUnset}},
		{"uuid body url", `body failed validation: body.parent.database_id should be a valid uuid, instead was "https://www.notion.so/acme/Tasks-` + dbHex + `?pvs=4".`,
			Error{Family: InvalidUUID, Field: "body.parent.database_id", Object: "database"}, &BadValue{Kind: BadURL, ID: dbID}},
		{"uuid trailing ?", "path.page_id should be a valid uuid, instead was `\"" + dbHex + "?\"`",
			Error{Family: InvalidUUID, Object: "page"}, &BadValue{Kind: BadTrailing, ID: dbID, Trailing: "?"}},
		{"uuid slug", `path.page_id should be a valid uuid, instead was "Team-Home-` + dbHex + `"`,
			Error{Family: InvalidUUID}, &BadValue{Kind: BadSlug, ID: dbID}},
		{"uuid short", `path.database_id should be a valid uuid, instead was "` + dbHex[:31] + `"`,
			Error{Family: InvalidUUID, IDState: IDTruncated}, &BadValue{Kind: BadShort}},
		{"uuid title", `path.database_id should be a valid uuid, instead was "Reading List"`,
			Error{Family: InvalidUUID}, &BadValue{Kind: BadTitle}},
		{"uuid placeholder", "path.database_id should be a valid uuid, instead was `\"<your-database-id>\"`",
			Error{Family: InvalidUUID, IDState: IDPlaceholder}, &BadValue{Kind: BadPlaceholder}},
		{"paraphrase", "Error: database_id should be valid uuid", Error{Family: InvalidUUID}, nil},
		{"code alone", "object_not_found", Error{Family: NotFound, Wrapper: WrapCode, Status: 404, Code: "object_not_found"}, nil},
		{"restricted alone", "restricted_resource", Error{Family: Restricted, Status: 403}, nil},
		{"HTTP 502", "HTTP 502", Error{Family: Server, Status: 502, Wrapper: WrapStatusLine}, nil},
		{"status 504", "status: 504", Error{Family: Server, Status: 504}, nil},
		{"sdk failed with status", "Request to Notion API failed with status: 503", Error{Family: Server, Status: 503}, nil},
		{"529", `{"object":"error","status":529,"code":"service_overload","message":"Notion is overloaded"}`, Error{Family: Overload, Status: 529}, nil},
		{"workspace 429", `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited. Please try again in a few minutes.","additional_data":{"rate_limit_reason":"workspace_rate_limit"}}`,
			Error{Family: RateLimited, RateLimitReason: "workspace_rate_limit", WorkspaceLimit: true}, nil},
		{"multi source", `{"object":"error","status":400,"code":"validation_error","message":"Databases with multiple data sources are not supported in this API version.","additional_data":{"error_type":"multiple_data_sources_for_database","database_id":"` + dbID + `","child_data_source_ids":["` + dsID + `","1c0ffee0-0000-8000-8000-000000000001"],"minimum_api_version":"2025-09-03"}}`,
			Error{Family: MultipleDataSources, DatabaseID: dbID, MinVersion: "2025-09-03"}, nil},
		{"is a page 2026", "Provided database_id " + dbID + " is a page, not a database. Use the pages API instead, or pass the ID of the database itself.",
			Error{Family: IsPage, Object: "database", ID: dbID}, nil},
		{"linked", "Database with ID " + dbID + " is a linked database. Database retrievals do not support linked databases.", Error{Family: Linked, ID: dbID}, nil},
		{"no data sources", "Database with ID " + dbID + " does not contain any data sources accessible by this API bot.", Error{Family: NoDataSources}, nil},
		{"invalid request url", "APIResponseError: Invalid request URL.", Error{Family: InvalidRequestURL}, nil},
		{"missing version", "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.", Error{Family: MissingVersion}, nil},
		{"private api", "403 Client Error: Forbidden for url: https://www.notion.so/api/v3/loginWithEmail", Error{Family: PrivateAPI, Status: 403}, nil},
		{"cloudflare 403", "HTTP/1.1 403 Forbidden\ncf-ray: 8ba99871408785cd-FRA\n<html><title>Attention Required! | Cloudflare</title></html>", Error{Family: Blocked, Status: 403, Wrapper: WrapHTML}, nil},
		{"version shown", "GET /v1/data_sources/" + dsID + " Notion-Version: 2022-06-28 → 400 invalid_request_url Invalid request URL.",
			Error{Family: InvalidRequestURL, APIVersion: "2022-06-28", Method: "GET", Object: "data_source"}, nil},
		{"search filter", `body failed validation: body.filter.value should be "page" or "data_source", instead was "database".`, Error{Family: SearchFilter}, nil},
		{"no error", "https://www.notion.so/acme/Tasks-" + dbHex, Error{Family: FamilyNone}, nil},
		{"uuid token", "path.database_id should be a valid uuid, instead was `\"ntn_123456789012abcdefghijABCDEFGHIJ0123456789abcde\"`",
			Error{Family: InvalidUUID}, &BadValue{Kind: BadToken}},
		{"id field undefined", "body failed validation: body.parent.database_id should be defined, instead was `undefined`.",
			Error{Family: InvalidUUID, Field: "body.parent.database_id", Value: "undefined", Object: "database"}, &BadValue{Kind: BadUnset}},
		{"property not found is no 404", `{"object":"error","status":400,"code":"validation_error","message":"Could not find property with name or id: Status"}`,
			Error{Family: Other, Status: 400}, nil},
		{"sdk timeout", "RequestTimeoutError: Request to Notion API has timed out", Error{Family: Network}, nil},
		{"dotnet code name", "NotionApiException (RestrictedResource)", Error{Family: Restricted, Code: "restricted_resource"}, nil},
		{"the English word alone in prose", "I am unauthorized to say more about this database", Error{Family: FamilyNone}, nil},
		{"prose", "my tasks database", Error{}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(c.text)
			w := c.want
			check := func(field string, g, x any, set bool) {
				t.Helper()
				if set && g != x {
					t.Errorf("%s = %v, want %v", field, g, x)
				}
			}
			check("Family", got.Family, w.Family, true)
			check("Wrapper", got.Wrapper, w.Wrapper, w.Wrapper != "")
			check("Status", got.Status, w.Status, w.Status != 0)
			check("Code", got.Code, w.Code, w.Code != "")
			check("Object", got.Object, w.Object, w.Object != "")
			check("ID", got.ID, w.ID, w.ID != "")
			check("IDState", got.IDState, w.IDState, w.IDState != "")
			check("IDShown", got.IDShown, w.IDShown, w.IDShown != "")
			check("Field", got.Field, w.Field, w.Field != "")
			check("Value", got.Value, w.Value, w.Value != "")
			check("Integration", got.Integration, w.Integration, w.Integration != "")
			check("IntegrationID", got.IntegrationID, w.IntegrationID, w.IntegrationID != "")
			check("Endpoint", got.Endpoint, w.Endpoint, w.Endpoint != "")
			check("Method", got.Method, w.Method, w.Method != "")
			check("APIVersion", got.APIVersion, w.APIVersion, w.APIVersion != "")
			check("MinVersion", got.MinVersion, w.MinVersion, w.MinVersion != "")
			check("DatabaseID", got.DatabaseID, w.DatabaseID, w.DatabaseID != "")
			check("RateLimitReason", got.RateLimitReason, w.RateLimitReason, w.RateLimitReason != "")
			check("WorkspaceLimit", got.WorkspaceLimit, w.WorkspaceLimit, w.WorkspaceLimit)
			if c.name == "multi source" && len(got.ChildDataSourceIDs) != 2 {
				t.Errorf("child data sources %v", got.ChildDataSourceIDs)
			}
			if c.bad != nil {
				if got.Bad == nil || *got.Bad != *c.bad {
					t.Errorf("bad value %+v, want %+v", got.Bad, c.bad)
				}
			}
		})
	}
}

// TestReadParsesOnce: notionid.Parse runs once per text given, however the
// diagnosis reads the result afterwards.
func TestReadParsesOnce(t *testing.T) {
	calls := 0
	parseID = func(s string) (*notionid.Result, error) { calls++; return notionid.Parse(s) }
	defer func() { parseID = notionid.Parse }()
	for _, c := range []struct {
		target, errText string
		want            int
	}{
		{"https://www.notion.so/acme/Tasks-" + dbHex, "", 1},
		{"Could not find database with ID: " + dbID, "", 1},
		{"https://www.notion.so/acme/Tasks-" + dbHex, "Could not find database with ID: " + dbID, 2},
	} {
		calls = 0
		in := Read(c.target, c.errText)
		if _, err := in.ID(); err != nil || calls != c.want {
			t.Errorf("Read(%q, %q): %d parses (want %d), err %v", c.target, c.errText, calls, c.want, err)
		}
	}
}

// TestParseScrubsTokens: no field repeats a token from the paste.
func TestParseScrubsTokens(t *testing.T) {
	const tok = "ntn_123456789012abcdefghijABCDEFGHIJ0123456789abcde"
	for _, text := range []string{
		"path.database_id should be a valid uuid, instead was `\"" + tok + "\"`",
		`{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid: Bearer ` + tok + `"}`,
		"APIResponseError: Could not find database with ID: " + tok + " (Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123)",
		"GET /v1/databases/" + tok + " 400 invalid_request_url",
	} {
		e := Parse(text)
		all := strings.Join([]string{e.Message, e.Value, e.IDShown, e.Endpoint, e.Integration}, "|")
		if strings.Contains(all, tok[8:24]) || strings.Contains(all, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("a token slice survives in %q", all)
		}
	}
}

// TestReadLinkIsNoError: a link's title words never read as an error.
func TestReadLinkIsNoError(t *testing.T) {
	in := Read("https://www.notion.so/acme/Unauthorized-Access-Rate-Limited-"+dbHex, "")
	if in.Err.Recognised() || in.Err.ID != dbID {
		t.Errorf("%+v", in.Err)
	}
}

func TestReadPrefersErrorText(t *testing.T) {
	in := Read("https://www.notion.so/acme/Tasks-"+dbHex, "APIResponseError: Could not find database with ID: XXX")
	if id, _ := in.ID(); id == nil || id.ID != dbID || in.Err.Family != NotFound || !in.ErrText || in.Err.IDState != IDMasked {
		t.Errorf("%+v", in)
	}
	// The target itself is the error; the error text is noise.
	in = Read("object_not_found", "see above")
	if in.Err.Family != NotFound || in.ErrText {
		t.Errorf("%+v", in.Err)
	}
}

// TestParseBounded: a huge paste is cut to MaxText, keeping an error at its end.
func TestParseBounded(t *testing.T) {
	huge := strings.Repeat("at Object.<anonymous> (/app/node_modules/x.js:1:1)\n", 40000) + "code: 'rate_limited'"
	e := Parse(huge)
	if e.Family != RateLimited {
		t.Errorf("family %q, want rate_limited from the tail", e.Family)
	}
	if len(bound(huge)) > MaxText+8 {
		t.Errorf("bound kept %d bytes", len(bound(huge)))
	}
}
