package sandbox

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestTokensHaveRealFormats(t *testing.T) {
	internal := regexp.MustCompile(`^ntn_[0-9]{11}[A-Za-z0-9]{35}$`)
	legacy := regexp.MustCompile(`^secret_[A-Za-z0-9]{43}$`)
	w := New(Options{})
	labels := map[string]bool{}
	for tok, in := range w.integrations {
		if len(tok) != 50 || !(internal.MatchString(tok) || legacy.MatchString(tok)) {
			t.Errorf("token %s…: not a real format", tok[:8])
		}
		if labels[in.label] {
			t.Errorf("label %q used twice", in.label)
		}
		labels[in.label] = true
	}
	if len(w.integrations) != 11 || !legacy.MatchString(TokenLegacy) {
		t.Errorf("%d tokens", len(w.integrations))
	}
}

func TestURLConstantsMatchIDs(t *testing.T) {
	view := func(u, id string) string { return u + "?v=" + Compact(id) }
	cases := []struct{ got, want string }{
		{TeamHomeURL, BrowserURL(AcmeWorkspaceSlug, TeamHomeTitle, TeamHomePageID)},
		{TeamHomeParagraphURL, TeamHomeURL + "#" + Compact(TeamHomeParagraphID)},
		{ProjectsURL, BrowserURL(AcmeWorkspaceSlug, ProjectsTitle, ProjectsPageID)},
		{RoadmapURL, BrowserURL(AcmeWorkspaceSlug, RoadmapTitle, RoadmapPageID)},
		{TasksURL, view(BrowserURL(AcmeWorkspaceSlug, TasksTitle, TasksDatabaseID), TasksViewID)},
		{TasksRowPeekURL, TasksURL + "&p=" + Compact(TasksRowID) + "&pm=s"},
		{SprintBoardURL, BrowserURL(AcmeWorkspaceSlug, SprintBoardTitle, SprintBoardPageID)},
		{SprintBacklogURL, view(BrowserURL(AcmeWorkspaceSlug, "", SprintBacklogDatabaseID), SprintBacklogViewID)},
		{ContentCalendarURL, view(BrowserURL(AcmeWorkspaceSlug, ContentCalendarTitle, ContentCalendarDatabaseID), ContentCalendarViewID)},
		{FinanceURL, view(BrowserURL(AcmeWorkspaceSlug, FinanceTitle, FinanceDatabaseID), FinanceViewID)},
		{PrivateNotesURL, BrowserURL(AcmeWorkspaceSlug, PrivateNotesTitle, PrivateNotesPageID)},
		{TrashedPageURL, BrowserURL(AcmeWorkspaceSlug, TrashedPageTitle, TrashedPageID)},
		{GlobexWikiURL, BrowserURL(GlobexWorkspaceSlug, GlobexWikiTitle, GlobexWikiPageID)},
		{GlobexCRMURL, view(BrowserURL(GlobexWorkspaceSlug, GlobexCRMTitle, GlobexCRMDatabaseID), GlobexCRMViewID)},
		{WeeklyReviewURL, BrowserURL(AcmeWorkspaceSlug, WeeklyReviewTitle, WeeklyReviewPageID)},
		{LinkedTasksURL, view(BrowserURL(AcmeWorkspaceSlug, "", LinkedTasksDatabaseID), LinkedTasksViewID)},
		{LinkedFinanceURL, view(BrowserURL(AcmeWorkspaceSlug, "", LinkedFinanceDatabaseID), LinkedFinanceViewID)},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("\n got %s\nwant %s", c.got, c.want)
		}
	}
	if got := PageURL("Roadmap 2026", RoadmapPageID); got != "https://app.notion.com/p/Roadmap-2026-"+Compact(RoadmapPageID) {
		t.Errorf("PageURL = %s", got)
	}
}

func TestFixtureIDs(t *testing.T) {
	w := New(Options{})
	ids := []string{TeamHomePageID, TeamHomeParagraphID, ProjectsPageID, RoadmapPageID, SprintBoardPageID, PrivateNotesPageID,
		TrashedPageID, TasksDatabaseID, TasksDataSourceID, TasksRowID, SprintBacklogDatabaseID, SprintBacklogDataSourceID,
		ContentCalendarDatabaseID, PostsDataSourceID, CampaignsDataSourceID, FinanceDatabaseID, FinanceDataSourceID,
		GlobexWikiPageID, GlobexCRMDatabaseID, GlobexCRMDataSourceID, WeeklyReviewPageID, LinkedTasksDatabaseID, LinkedFinanceDatabaseID}
	for _, id := range ids {
		if got, ok := parseID(id); !ok || got != id {
			t.Errorf("%s is not a dashed lower-case ID", id)
		}
		if w.objects[id] == nil {
			t.Errorf("%s is not in the workspace", id)
		}
		if id[14] == '4' {
			t.Errorf("%s looks like a v4 UUID; Notion's IDs are not", id)
		}
	}
	for _, id := range []string{TasksViewID, SprintBacklogViewID, ContentCalendarViewID, FinanceViewID, GlobexCRMViewID, LinkedTasksViewID, LinkedFinanceViewID} {
		if w.objects[id] != nil || w.views[id] == nil {
			t.Errorf("view %s must be a view and nothing else", id)
		}
	}
	if got := len(w.objects[TasksDataSourceID].children); got != TasksRowCount {
		t.Errorf("Tasks has %d rows, want %d", got, TasksRowCount)
	}
	if got := len(w.objects[SprintBacklogDataSourceID].children); got != SprintBacklogRowCount {
		t.Errorf("Sprint Backlog has %d rows, want %d", got, SprintBacklogRowCount)
	}
	if w.objects[GeneratedHomePageID] != nil {
		t.Error("Generated Databases page exists without ExtraDatabases")
	}
}

func TestGeneratedDatabases(t *testing.T) {
	w := New(Options{ExtraDatabases: 20})
	if GeneratedTitle(7) != "Generated DB 0007" {
		t.Errorf("title %q", GeneratedTitle(7))
	}
	runCases(t, w, []endpointCase{
		{name: "odd at workspace", path: path("databases", GeneratedDatabaseID(7)), version: v25, token: TokenValid, status: 200,
			checks: []expect{is("parent.type", "workspace", "title.0.plain_text", "Generated DB 0007",
				"data_sources", []any{map[string]any{"id": GeneratedDataSourceID(7, 0), "name": "Generated DB 0007"}})}},
		{name: "even in page", path: path("databases", GeneratedDatabaseID(8)), version: v22, token: TokenValid, status: 200,
			checks: []expect{is("parent.page_id", GeneratedHomePageID), has("properties")}},
		{name: "tenth has two sources", path: path("databases", GeneratedDatabaseID(20)), version: v26, token: TokenValid, status: 200,
			checks: []expect{is("data_sources.1.id", GeneratedDataSourceID(20, 1))}},
		{name: "tenth in 2022", path: path("databases", GeneratedDatabaseID(10)), version: v22, token: TokenValid,
			status: 400, code: "validation_error", message: MsgMultipleDataSources},
		{name: "beyond the count", path: path("databases", GeneratedDatabaseID(21)), version: v22, token: TokenValid,
			status: 404, code: "object_not_found"},
	})
}

func TestDeterministic(t *testing.T) {
	body := `{"page_size":50}`
	a := call(t, New(Options{ExtraDatabases: 100}), "POST", "/v1/search", v25, TokenValid, body)
	b := call(t, New(Options{ExtraDatabases: 100}), "POST", "/v1/search", v25, TokenValid, body)
	if !bytes.Equal(a.raw, b.raw) {
		t.Error("two workspaces with the same options answer differently")
	}
}

func TestParseID(t *testing.T) {
	const want = "c1181571-9d77-8e00-ac6c-3b2e7fe7b566"
	for _, in := range []string{want, "C11815719D778E00AC6C3B2E7FE7B566", "c11815719d778e00ac6c3b2e7fe7b566", strings.ToUpper(want)} {
		if got, ok := parseID(in); !ok || got != want {
			t.Errorf("parseID(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "c1181571", "c11815719d778e00ac6c3b2e7fe7b56", "c11815719d778e00ac6c3b2e7fe7b566?", "g11815719d778e00ac6c3b2e7fe7b566",
		"c1181571-9d77-8e00-ac6c3b2e7fe7b5-66", "c11815719-d77-8e00-ac6c-3b2e7fe7b566", "c1181571-9d77-8e00-ac6c-3b2e7fe7b56-"} {
		if got, ok := parseID(in); ok {
			t.Errorf("parseID(%q) = %q, want failure", in, got)
		}
	}
}

func FuzzParseID(f *testing.F) {
	f.Add("c1181571-9d77-8e00-ac6c-3b2e7fe7b566")
	f.Add("C11815719D778E00AC6C3B2E7FE7B566")
	f.Add("https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25?v=1")
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := parseID(s)
		if !ok {
			return
		}
		if again, ok := parseID(id); !ok || again != id || len(id) != 36 || id != strings.ToLower(id) {
			t.Fatalf("parseID(%q) = %q, not a fixed point", s, id)
		}
		if c := Compact(id); len(c) != 32 || !strings.EqualFold(c, strings.ReplaceAll(s, "-", "")) {
			t.Fatalf("Compact(%q) = %q from %q", id, c, s)
		}
	})
}

func FuzzRoute(f *testing.F) {
	f.Add("GET", "/v1/pages/x")
	f.Add("POST", "/v1/databases/"+TasksDatabaseID+"/query")
	f.Add("GET", "/v1/blocks//children")
	f.Fuzz(func(t *testing.T, method, p string) {
		r := parseRoute(method, p)
		if r.name != "" && (r.write || (r.name != "me" && r.name != "search" && r.raw == "")) {
			t.Fatalf("parseRoute(%q, %q) = %+v", method, p, r)
		}
	})
}
