package pasted

import (
	"strings"
	"testing"
)

// FuzzParse: Parse never panics, every field stays bounded, and any ID it
// reports is a dashed lower-case UUID whose digits are in the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"@notionhq/client warn: request fail {\n  code: 'object_not_found',\n  message: 'Could not find database with ID: " + dbID + ".'\n}",
		"notion_client.errors.APIResponseError: Could not find database with ID: XXX",
		"Notion.Client.NotionApiException: Could not find database with ID: 4f68615b-2dd8-4d3d-af71-.....",
		"path failed validation: path.database_id should be a valid uuid, instead was `\"" + dbHex + "?v=" + viewID + "\"`.",
		`body.parent.database_id should be a valid uuid, instead was "https://www.notion.so/a/T-` + dbHex + `"`,
		`{"object":"error","status":400,"code":"validation_error","message":"Databases with multiple data sources are not supported in this API version.","additional_data":{"child_data_source_ids":["` + dsID + `"]}}`,
		"401 Client Error: Unauthorized for url: https://api.notion.com/v1/users/me",
		"HTTP/1.1 403 Forbidden\ncf-ray: 1\n<html>", "object_not_found", "status: 529", "instead was `", "instead was \"",
		"valid uuid, instead was", "with ID: ", "https://www.notion.so/api/v3/getSpaces token_v2",
		"shared with your integration \"", "child_data_source_ids\":[", "/v1/databases/\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		e := Parse(in)
		if len(e.Message) > maxMessage+4 || len(e.IDShown) > maxShown+4 || len(e.Endpoint) > maxPath+4 || len(e.Value) > 2*maxShown+4 {
			t.Fatalf("unbounded field in %+v", e)
		}
		// an ID split by whitespace is joined (BadWhitespace)
		hay := strings.ToLower(strings.NewReplacer("-", "", " ", "", "\n", "", "\t", "", "\r", "").Replace(in))
		ids := append([]string{e.ID, e.DatabaseID, e.IntegrationID}, e.ChildDataSourceIDs...)
		if e.Bad != nil {
			ids = append(ids, e.Bad.ID, e.Bad.ViewID)
		}
		for _, id := range ids {
			if id == "" {
				continue
			}
			if id != strings.ToLower(id) || !strings.Contains(hay, strings.ReplaceAll(id, "-", "")) {
				t.Fatalf("Parse(%q) reports %q, not in the input", in, id)
			}
		}
		if e.Family == FamilyNone && e.Wrapper != "" {
			t.Fatalf("a wrapper (%s) without a family", e.Wrapper)
		}
		if e.Status != 0 && (e.Status < 400 || e.Status > 599) {
			t.Fatalf("status %d", e.Status)
		}
	})
}

// FuzzRead: Read never panics, and the ID it gives is the target's when the
// target has one.
func FuzzRead(f *testing.F) {
	f.Add("https://www.notion.so/acme/Tasks-"+dbHex+"?v="+viewID, "APIResponseError: Could not find database with ID: XXX")
	f.Add("object_not_found", "")
	f.Add("", "path.page_id should be a valid uuid, instead was `\"undefined\"`")
	f.Add("Unauthorized-Access-"+dbHex, "HTTP 401")
	f.Fuzz(func(t *testing.T, target, errText string) {
		in := Read(target, errText)
		id, err := in.ID()
		if (id == nil) == (err == nil) {
			t.Fatalf("ID() = %v, %v", id, err)
		}
		if in.Target != nil && id != in.Target {
			t.Fatalf("the target's ID was not preferred")
		}
		if !in.ErrText && errText != "" && !in.Err.Recognised() {
			t.Fatalf("error text dropped though the target shows no error")
		}
	})
}
