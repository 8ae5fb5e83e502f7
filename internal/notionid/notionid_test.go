package notionid

import (
	"errors"
	"strings"
	"testing"
)

const (
	db     = "1f2e3d4c5b6a79880123456789abcdef"
	dbD    = "1f2e3d4c-5b6a-7988-0123-456789abcdef"
	view   = "aa11bb22cc33dd44ee55ff6677889900"
	viewD  = "aa11bb22-cc33-dd44-ee55-ff6677889900"
	page   = "0123456789abcdef0123456789abcdef"
	pageD  = "01234567-89ab-cdef-0123-456789abcdef"
	block  = "fedcba98765432100123456789abcdef"
	blockD = "fedcba98-7654-3210-0123-456789abcdef"
	tok    = "ntn_12345678901AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
)

type want struct {
	id, kind, source  string
	view, block, peek string
	workspace, title  string
	warn              []string // substrings that some warning must contain
	noWarn            []string // substrings no warning may contain
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     want
	}{
		// Links from the app.
		{"workspace title id", "https://www.notion.so/acme/Tasks-" + db, want{id: dbD, kind: KindPageOrDatabase, source: SourceURL, workspace: "acme", title: "Tasks"}},
		{"database view", "https://www.notion.so/acme/" + db + "?v=" + view, want{id: dbD, kind: KindDatabase, source: SourceURL, view: viewD, workspace: "acme", warn: []string{"view ID", "data source"}}},
		{"database view with title", "https://www.notion.so/acme/Team-Tasks-" + db + "?v=" + view + "&pvs=4", want{id: dbD, kind: KindDatabase, source: SourceURL, view: viewD, workspace: "acme", title: "Team Tasks"}},
		{"no workspace", "https://www.notion.so/" + db, want{id: dbD, kind: KindPageOrDatabase, source: SourceURL}},
		{"no www", "https://notion.so/" + db, want{id: dbD, source: SourceURL}},
		{"no scheme", "www.notion.so/acme/Tasks-" + db, want{id: dbD, source: SourceURL, workspace: "acme", title: "Tasks"}},
		{"no scheme bare host", "notion.so/" + db, want{id: dbD, source: SourceURL}},
		{"notion.com", "https://www.notion.com/acme/Roadmap-" + page, want{id: pageD, source: SourceURL, workspace: "acme", title: "Roadmap"}},
		{"app.notion.com p", "https://app.notion.com/p/" + page, want{id: pageD, source: SourceURL, workspace: ""}},
		{"app.notion.com p titled", "https://app.notion.com/p/Roadmap-2026-" + page, want{id: pageD, source: SourceURL, title: "Roadmap 2026"}},
		{"notion.site public", "https://acme.notion.site/Public-Docs-" + page, want{id: pageD, source: SourceURL, workspace: "acme", title: "Public Docs", warn: []string{"notion.site"}}},
		{"notion.site with view", "https://acme.notion.site/" + db + "?v=" + view, want{id: dbD, kind: KindDatabase, view: viewD, workspace: "acme", warn: []string{"notion.site", "view ID"}}},
		{"notion scheme", "notion://www.notion.so/acme/Tasks-" + db, want{id: dbD, source: SourceURL, workspace: "acme", title: "Tasks"}},
		{"http scheme", "http://www.notion.so/" + db, want{id: dbD, source: SourceURL}},
		{"upper case id", "https://www.notion.so/acme/Tasks-" + strings.ToUpper(db), want{id: dbD, source: SourceURL}},
		{"dashed id in path", "https://www.notion.so/acme/" + dbD, want{id: dbD, source: SourceURL, workspace: "acme", warn: []string{"dashed UUID"}}},
		{"trailing slash", "https://www.notion.so/acme/Tasks-" + db + "/", want{id: dbD, source: SourceURL, workspace: "acme"}},
		{"source copy_link", "https://www.notion.so/acme/Tasks-" + db + "?source=copy_link", want{id: dbD, kind: KindPageOrDatabase}},
		{"pvs only", "https://www.notion.so/Tasks-" + db + "?pvs=21", want{id: dbD, kind: KindPageOrDatabase, title: "Tasks"}},
		{"peek row", "https://www.notion.so/acme/" + db + "?v=" + view + "&p=" + page + "&pm=s", want{id: dbD, kind: KindDatabase, view: viewD, peek: pageD, warn: []string{"peek", pageD}}},
		{"peek center", "https://www.notion.so/acme/" + db + "?p=" + page + "&pm=c", want{id: dbD, kind: KindPageOrDatabase, peek: pageD, warn: []string{"peek"}}},
		{"peek only", "https://www.notion.so/acme?p=" + page + "&pm=s", want{id: pageD, peek: pageD, workspace: "acme", warn: []string{"row"}}},
		{"block anchor", "https://www.notion.so/acme/Notes-" + page + "#" + block, want{id: pageD, block: blockD, title: "Notes", warn: []string{"block"}}},
		{"block- anchor", "https://www.notion.so/acme/Notes-" + page + "#block-" + block, want{id: pageD, block: blockD}},
		{"view id never wins", "https://www.notion.so/" + db + "?v=" + view, want{id: dbD, view: viewD}},
		{"title with hex word", "https://www.notion.so/acme/Cafe-Bed-" + page, want{id: pageD, title: "Cafe Bed"}},
		{"title non ascii", "https://www.notion.so/acme/Caf%C3%A9-Men%C3%BC-" + page, want{id: pageD, title: "Café Menü"}},
		{"api url database", "https://api.notion.com/v1/databases/" + dbD, want{id: dbD, kind: KindDatabase, source: SourceURL, warn: []string{"API URL"}}},
		{"api url data source query", "https://api.notion.com/v1/data_sources/" + db + "/query", want{id: dbD, kind: KindDataSource}},
		{"api url page", "https://api.notion.com/v1/pages/" + page, want{id: pageD, kind: KindPageOrDatabase}},
		{"other host", "https://example.com/x/Tasks-" + db, want{id: dbD, warn: []string{"not a Notion host"}}},
		// Plain IDs, wrapped.
		{"compact id", db, want{id: dbD, kind: KindPageOrDatabase, source: SourceID}},
		{"dashed id", dbD, want{id: dbD, source: SourceID}},
		{"upper compact", strings.ToUpper(db), want{id: dbD, source: SourceID}},
		{"upper dashed", strings.ToUpper(dbD), want{id: dbD, source: SourceID}},
		{"spaces", "   " + db + " \n", want{id: dbD, source: SourceID, noWarn: []string{"Removed"}}},
		{"double quotes", `"` + db + `"`, want{id: dbD, source: SourceID, warn: []string{"Removed"}}},
		{"single quotes", "'" + db + "'", want{id: dbD, source: SourceID}},
		{"backticks", "`" + dbD + "`", want{id: dbD, source: SourceID}},
		{"smart quotes", "“" + db + "”", want{id: dbD, source: SourceID}},
		{"angle brackets", "<" + db + ">", want{id: dbD, source: SourceID, noWarn: []string{"Removed"}}},
		{"angle url", "<https://www.notion.so/acme/Tasks-" + db + ">", want{id: dbD, source: SourceURL}},
		{"markdown link", "[Tasks](https://www.notion.so/acme/Tasks-" + db + "?v=" + view + ")", want{id: dbD, kind: KindDatabase, view: viewD, source: SourceURL}},
		{"trailing question mark", db + "?", want{id: dbD, source: SourceID, warn: []string{"?"}}},
		{"trailing quote", db + `"`, want{id: dbD, source: SourceID, warn: []string{"quote"}}},
		{"url trailing question", "https://www.notion.so/acme/Tasks-" + db + "?", want{id: dbD, source: SourceURL, warn: []string{"?"}}},
		{"trailing period", db + ".", want{id: dbD, source: SourceID}},
		{"quoted with spaces", ` " ` + db + ` " `, want{id: dbD}},
		// References.
		{"collection", "collection://" + dbD, want{id: dbD, kind: KindDataSource, source: SourceReference, warn: []string{"data source"}}},
		{"collection compact", "collection://" + db, want{id: dbD, kind: KindDataSource, source: SourceReference}},
		{"view ref", "view://" + viewD, want{id: viewD, kind: KindView, source: SourceReference, warn: []string{"view"}}},
		{"view query alone", "?v=" + view, want{id: viewD, kind: KindView, source: SourceReference, warn: []string{"GET /v1/views"}}},
		{"view query without ?", "v=" + strings.ToUpper(view), want{id: viewD, kind: KindView, source: SourceReference, warn: []string{"view"}}},
		{"link with only a view", "https://www.notion.so/acme?v=" + view, want{id: viewD, kind: KindView, source: SourceURL, warn: []string{"view"}}},
		{"upper scheme ref", "COLLECTION://" + dbD, want{id: dbD, kind: KindDataSource}},
		// Free text and pasted errors.
		{"not found message", "Could not find database with ID: " + dbD + ". Make sure the relevant pages and databases are shared with your integration.", want{id: dbD, kind: KindDatabase, source: SourceText}},
		{"not found with integration", `Could not find page with ID: ` + pageD + `. Make sure the relevant pages and databases are shared with your integration "Acme Sync".`, want{id: pageD, kind: KindPageOrDatabase, source: SourceText}},
		{"json error body", `{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: ` + dbD + `. Make sure the relevant pages and databases are shared with your integration.","request_id":"` + pageD + `"}`, want{id: dbD, kind: KindDatabase, source: SourceText, noWarn: []string{pageD}}},
		{"request id first", `{"request_id":"` + pageD + `","message":"Could not find database with ID: ` + dbD + `."}`, want{id: dbD, kind: KindDatabase}},
		{"integration id ignored", `{"additional_data":{"integration_id":"` + pageD + `"},"message":"Could not find data_source with ID: ` + dbD + `."}`, want{id: dbD, kind: KindDataSource}},
		{"is a page not a database", "Provided ID " + pageD + " is a page, not a database. Use the retrieve page API instead, i.e. GET https://api.notion.com/v1/pages/" + pageD, want{id: pageD, kind: KindPageOrDatabase, source: SourceText}},
		{"validation with url", `path failed validation: path.database_id should be a valid uuid, instead was "https://www.notion.so/acme/` + db + `?v=` + view + `".`, want{id: dbD, kind: KindDatabase, view: viewD, source: SourceText}},
		{"validation with view suffix", `path failed validation: path.database_id should be a valid uuid, instead was "` + db + `?v=` + view + `".`, want{id: dbD, kind: KindDatabase, view: viewD, source: SourceText, warn: []string{"view ID"}, noWarn: []string{"different IDs"}}},
		{"id with view suffix", db + "?v=" + view, want{id: dbD, kind: KindDatabase, view: viewD, source: SourceText, warn: []string{"view ID"}}},
		{"prose with url", "my db is at https://www.notion.so/acme/Tasks-" + db + "?v=" + view + " but it fails", want{id: dbD, kind: KindDatabase, view: viewD, source: SourceText, workspace: "acme", noWarn: []string{"different IDs"}}},
		{"prose with id", "the id is " + db + " i think", want{id: dbD, source: SourceText, kind: KindUnknown}},
		{"two ids in prose", "first " + db + " then " + pageD, want{id: dbD, warn: []string{"2 different IDs", pageD}}},
		{"long hex run ignored", "abc" + db + " and " + page, want{id: pageD}},
		{"token and id", tok + " " + db, want{id: dbD, warn: []string{"token"}, noWarn: []string{tok[:12]}}},
		{"env line and url", "NOTION_TOKEN=" + tok + "\nDB=https://www.notion.so/acme/Tasks-" + db, want{id: dbD, warn: []string{"token"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			w := tt.want
			check := func(field, got, want string) {
				t.Helper()
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("id", r.ID, w.id)
			check("kind", r.Kind, w.kind)
			check("source", r.Source, w.source)
			check("view_id", r.ViewID, w.view)
			check("block_id", r.BlockID, w.block)
			check("peek_page_id", r.PeekPageID, w.peek)
			check("workspace", r.Workspace, w.workspace)
			check("title", r.Title, w.title)
			if r.Compact != strings.ReplaceAll(r.ID, "-", "") {
				t.Errorf("compact %q does not match id %q", r.Compact, r.ID)
			}
			all := strings.Join(r.Warnings, "\n")
			for _, s := range w.warn {
				if !strings.Contains(all, s) {
					t.Errorf("no warning mentions %q; warnings:\n%s", s, all)
				}
			}
			for _, s := range w.noWarn {
				if strings.Contains(all, s) {
					t.Errorf("a warning mentions %q; warnings:\n%s", s, all)
				}
			}
			if strings.Contains(all, tok[4:16]) {
				t.Errorf("a warning leaks the token")
			}
		})
	}
}

func TestParseNoID(t *testing.T) {
	for _, in := range []string{
		"", "   ", "hello world", "https://www.notion.so/acme", "https://www.notion.so/",
		"https://www.notion.so/acme/Tasks", db[:31], db + "0", "x" + dbD[:35],
		"collection://not-an-id", "view://", tok, "Bearer " + tok, `"` + tok + `"`,
		"?v=" + view[:31], "https://api.notion.com/v1/users/me",
		"1f2e3d4c-5b6a-7988-0123-456789abcde", // 35 chars
	} {
		r, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, r)
			continue
		}
		if !errors.Is(err, ErrNoID) {
			t.Errorf("Parse(%q) error %v is not ErrNoID", in, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "32 hexadecimal") || !strings.Contains(msg, "Copy link") {
			t.Errorf("Parse(%q) error does not say what an ID looks like or where to copy it: %s", in, msg)
		}
		if strings.Contains(msg, tok[4:16]) {
			t.Errorf("Parse(%q) error leaks the token", in)
		}
	}
}
