package notion

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	pageID   = "1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
	dbID     = "2f26ee68-df30-4251-aad4-8ddc420cba3d"
	dsID     = "c174b72c-d782-432f-8dc0-b647e1c96df6"
	ds2ID    = "d285c83d-e893-443f-9ed1-c758f2da7e07"
	parentPg = "af5f89b5-a8ff-4c56-a5e8-69797d11b9f8"
	wsID     = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"
	botID    = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
)

func ptr[T any](v T) *T { return &v }

// Each method decodes realistic bodies of each API version, partial objects
// included, and sends the path and version it should.
func TestCallsDecode(t *testing.T) {
	bg := context.Background()
	tests := []struct {
		name, version, body, wantPath string
		call                          func(c *Client, v string) (any, error)
		want                          any
	}{
		{
			name: "me workspace bot", version: V20220628, body: "inline:" + meBody, wantPath: "/v1/users/me",
			call: func(c *Client, v string) (any, error) { return c.Me(bg, v) },
			want: &User{ID: botID, Name: "Acme Sync", Type: "bot", Bot: &Bot{OwnerType: "workspace", WorkspaceName: "Acme", WorkspaceID: wsID}},
		},
		{
			name: "me user-owned bot, null workspace name", version: V20250903, body: "me_user_owner.json", wantPath: "/v1/users/me",
			call: func(c *Client, v string) (any, error) { return c.Me(bg, v) },
			want: &User{ID: botID, Name: "Personal helper", Type: "bot", Bot: &Bot{OwnerType: "user"}},
		},
		{
			name: "me body notionapi cannot decode", version: V20260311, body: "me_odd_owner.json", wantPath: "/v1/users/me",
			call: func(c *Client, v string) (any, error) { return c.Me(bg, v) },
			want: &User{ID: botID, Name: "Acme Sync", Type: "bot", Bot: &Bot{OwnerType: "workspace", WorkspaceName: "Acme", WorkspaceID: wsID}},
		},
		{
			name: "page 2022 archived, unknown property type", version: V20220628, body: "page_2022.json", wantPath: "/v1/pages/" + pageID,
			call: func(c *Client, v string) (any, error) {
				return c.RetrievePage(bg, v, "1C2B3A4D5E6F4A1B8C2D3E4F5A6B7C8D")
			},
			want: &Page{ID: pageID, URL: "https://www.notion.so/Quarterly-plan-1c2b3a4d5e6f4a1b8c2d3e4f5a6b7c8d", Title: "Quarterly plan",
				Parent: Parent{Type: "database_id", ID: dbID, DatabaseID: dbID}, InTrash: true, LastEditedTime: "2025-01-10T16:20:00.000Z"},
		},
		{
			name: "page 2025 row in a data source", version: V20250903, body: "page_2025_row.json", wantPath: "/v1/pages/" + pageID,
			call: func(c *Client, v string) (any, error) { return c.RetrievePage(bg, v, pageID) },
			want: &Page{ID: pageID, URL: "https://www.notion.so/Ship-it-1c2b3a4d5e6f4a1b8c2d3e4f5a6b7c8d", Title: "Ship it",
				Parent: Parent{Type: "data_source_id", ID: dsID, DatabaseID: dbID}, LastEditedTime: "2025-10-01T08:00:00.000Z"},
		},
		{
			name: "page 2026 in_trash, workspace parent", version: V20260311, body: "page_2026.json", wantPath: "/v1/pages/" + pageID,
			call: func(c *Client, v string) (any, error) { return c.RetrievePage(bg, v, pageID) },
			want: &Page{ID: pageID, URL: "https://www.notion.so/Team-wiki-1c2b3a4d5e6f4a1b8c2d3e4f5a6b7c8d", Title: "Team wiki",
				Parent: Parent{Type: "workspace"}, InTrash: true, LastEditedTime: "2026-03-20T10:00:00.000Z"},
		},
		{
			name: "page partial", version: V20250903, body: "page_partial.json", wantPath: "/v1/pages/" + pageID,
			call: func(c *Client, v string) (any, error) { return c.RetrievePage(bg, v, pageID) },
			want: &Page{ID: pageID, Partial: true},
		},
		{
			name: "database 2022 with schema", version: V20220628, body: "database_2022.json", wantPath: "/v1/databases/" + dbID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveDatabase(bg, v, dbID) },
			want: &Database{ID: dbID, Title: "Tasks", URL: "https://www.notion.so/2f26ee68df304251aad48ddc420cba3d",
				Parent: Parent{Type: "page_id", ID: parentPg}, IsInline: ptr(true), LastEditedTime: "2025-02-01T12:00:00.000Z"},
		},
		{
			name: "database 2025 with data sources", version: V20250903, body: "database_2025.json", wantPath: "/v1/databases/" + dbID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveDatabase(bg, v, dbID) },
			want: &Database{ID: dbID, Title: "Projects", URL: "https://www.notion.so/2f26ee68df304251aad48ddc420cba3d",
				Parent: Parent{Type: "block_id", ID: "7d3c2b1a-0f9e-48d7-b6c5-a4b3c2d1e0f9"}, IsInline: ptr(false),
				LastEditedTime: "2025-09-10T12:00:00.000Z", DataSources: []DataSourceRef{{dsID, "Projects"}, {ds2ID, "Archive"}}},
		},
		{
			name: "database partial", version: V20260311, body: "database_partial.json", wantPath: "/v1/databases/" + dbID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveDatabase(bg, v, dbID) },
			want: &Database{ID: dbID, DataSources: []DataSourceRef{{dsID, "Projects"}}, Partial: true},
		},
		{
			name: "data source 2025", version: V20250903, body: "data_source_2025.json", wantPath: "/v1/data_sources/" + dsID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveDataSource(bg, v, "collection://"+dsID) },
			want: &DataSource{ID: dsID, Name: "Projects", URL: "https://www.notion.so/2f26ee68df304251aad48ddc420cba3d",
				Parent: Parent{Type: "database_id", ID: dbID, DatabaseID: dbID}, DatabaseParent: Parent{Type: "page_id", ID: parentPg},
				LastEditedTime: "2025-09-10T12:00:00.000Z"},
		},
		{
			name: "data source 2026 in trash, name fallback", version: V20260311, body: "data_source_2026.json", wantPath: "/v1/data_sources/" + dsID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveDataSource(bg, v, dsID) },
			want: &DataSource{ID: dsID, Name: "Untitled source", Parent: Parent{Type: "database_id", ID: dbID, DatabaseID: dbID},
				DatabaseParent: Parent{Type: "workspace"}, InTrash: true, LastEditedTime: "2026-03-12T12:00:00.000Z"},
		},
		{
			name: "data source partial", version: V20250903, body: "data_source_partial.json", wantPath: "/v1/data_sources/" + dsID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveDataSource(bg, v, dsID) },
			want: &DataSource{ID: dsID, Partial: true},
		},
		{
			name: "block child_database", version: V20220628, body: "block_child_database.json", wantPath: "/v1/blocks/" + dbID,
			call: func(c *Client, v string) (any, error) { return c.RetrieveBlock(bg, v, dbID) },
			want: &Block{ID: dbID, Type: "child_database", Parent: Parent{Type: "page_id", ID: parentPg}, Title: "Tasks"},
		},
		{
			name: "block children", version: V20250903, body: "block_children.json", wantPath: "/v1/blocks/" + parentPg + "/children",
			call: func(c *Client, v string) (any, error) { return c.BlockChildren(bg, v, parentPg, "", 0) },
			want: &BlockList{NextCursor: "4c5d6e7f-8091-42a3-b4c5-d6e7f8091a2b", HasMore: true, Results: []Block{
				{ID: "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d", Type: "paragraph", Parent: Parent{Type: "page_id", ID: parentPg}},
				{ID: dbID, Type: "child_database", Parent: Parent{Type: "page_id", ID: parentPg}, Title: "Tasks"},
				{ID: "3b4c5d6e-7f80-4192-a3b4-c5d6e7f80912", Type: "child_page", Parent: Parent{Type: "page_id", ID: parentPg}, HasChildren: true, Title: "Meeting notes"},
				{ID: "4c5d6e7f-8091-42a3-b4c5-d6e7f8091a2b", Type: "unsupported", Partial: true},
			}},
		},
		{
			name: "search 2022 pages and databases", version: V20220628, body: "search_2022.json", wantPath: "/v1/search",
			call: func(c *Client, v string) (any, error) { return c.Search(bg, v, SearchRequest{Filter: "database"}) },
			want: &SearchPage{Results: []Object{
				{Kind: "database", Database: &Database{ID: dbID, Title: "Tasks", URL: "https://www.notion.so/2f26ee68df304251aad48ddc420cba3d",
					Parent: Parent{Type: "page_id", ID: parentPg}, IsInline: ptr(true), LastEditedTime: "2025-02-01T12:00:00.000Z"}},
				{Kind: "page", Page: &Page{ID: pageID, URL: "https://www.notion.so/Roadmap-1c2b3a4d5e6f4a1b8c2d3e4f5a6b7c8d", Title: "Roadmap",
					Parent: Parent{Type: "workspace"}, LastEditedTime: "2025-01-10T16:20:00.000Z"}},
			}},
		},
		{
			name: "search 2025 data sources, partial and unknown kinds", version: V20250903, body: "search_2025.json", wantPath: "/v1/search",
			call: func(c *Client, v string) (any, error) {
				return c.Search(bg, v, SearchRequest{Query: "Pro", StartCursor: "abc"})
			},
			want: &SearchPage{NextCursor: "e396d94e-f9a4-4540-8fe2-d869a3eb8f18", HasMore: true, Results: []Object{
				{Kind: "data_source", DataSource: &DataSource{ID: dsID, Name: "Projects", URL: "https://www.notion.so/2f26ee68df304251aad48ddc420cba3d",
					Parent: Parent{Type: "database_id", ID: dbID, DatabaseID: dbID}, DatabaseParent: Parent{Type: "page_id", ID: parentPg}, LastEditedTime: "2025-09-10T12:00:00.000Z"}},
				{Kind: "data_source", DataSource: &DataSource{ID: ds2ID, Partial: true}},
				{Kind: "page", Page: &Page{ID: pageID, URL: "https://www.notion.so/Ship-it-1c2b3a4d5e6f4a1b8c2d3e4f5a6b7c8d", Title: "Ship it",
					Parent: Parent{Type: "data_source_id", ID: dsID, DatabaseID: dbID}, LastEditedTime: "2025-10-01T08:00:00.000Z"}},
				{Kind: "agent"},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, inline := strings.CutPrefix(tt.body, "inline:")
			if !inline {
				b, err := os.ReadFile(filepath.Join("testdata", tt.body))
				if err != nil {
					t.Fatal(err)
				}
				body = string(b)
			}
			api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, body) })
			c, _, _ := newTestClient(t, api.URL, nil)
			got, err := tt.call(c, tt.version)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %s\nwant %s", dump(got), dump(tt.want))
			}
			reqs := api.Requests()
			if len(reqs) != 1 || reqs[0].Path != tt.wantPath || reqs[0].Header.Get("Notion-Version") != tt.version {
				t.Errorf("requests = %+v", reqs)
			}
		})
	}
}

func TestCallsRejectWrongObjects(t *testing.T) {
	tests := []struct {
		name, body, code string
		call             func(c *Client) error
	}{
		{"database body for a page", `{"object":"database","id":"` + dbID + `"}`, CodeUnexpectedObject,
			func(c *Client) error { _, err := c.RetrievePage(context.Background(), "", pageID); return err }},
		{"not json", `<html>ok</html>`, CodeDecode,
			func(c *Client) error { _, err := c.RetrieveBlock(context.Background(), "", pageID); return err }},
		{"no id", `{"object":"data_source"}`, CodeDecode,
			func(c *Client) error { _, err := c.RetrieveDataSource(context.Background(), "", dsID); return err }},
		{"json null", `null`, CodeDecode,
			func(c *Client) error { _, err := c.Search(context.Background(), "", SearchRequest{}); return err }},
		{"me not a user", `{"object":"page","id":"` + pageID + `"}`, CodeUnexpectedObject,
			func(c *Client) error { _, err := c.Me(context.Background(), ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 200, tt.body, "X-Notion-Request-Id", "rid")
			})
			c, _, _ := newTestClient(t, api.URL, nil)
			err := tt.call(c)
			e, ok := AsError(err)
			if !ok || e.Code != tt.code || e.Status != 200 || e.RequestID != "rid" || e.Attempts != 1 {
				t.Fatalf("err = %#v", err)
			}
		})
	}
}

func dump(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
