package listing_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestListComplete lists 0, 1, 250 and 1000 databases in both API
// generations and checks the answer is complete, sorted, free of
// duplicates and exact for every database, in the fewest requests: one
// users/me, one search per 100 results and one retrieval per database with
// several data sources (2025-09-03 only).
func TestListComplete(t *testing.T) {
	generatedOnly := func(v string, n int) []listing.Database {
		var out []listing.Database
		for i := 1; i <= n; i++ {
			if d, ok := generated(v, i); ok {
				out = append(out, d)
			}
		}
		return out
	}
	cases := []struct {
		name  string
		token string
		query string
		extra map[string]int // ExtraDatabases per version, to reach the count
		want  func(v string, extra int) []listing.Database
	}{
		{"0", sandbox.TokenNothingShared, "", nil, func(string, int) []listing.Database { return nil }},
		{"1", sandbox.TokenValid, "tasks", nil, func(v string, _ int) []listing.Database { return fixtures(v)[:1] }},
		{"250", sandbox.TokenValid, "Generated DB", map[string]int{v25: 250, v22: 277}, generatedOnly},
		{"1000", sandbox.TokenValid, "", map[string]int{v25: 997, v22: 1108}, func(v string, n int) []listing.Database {
			return append(generatedOnly(v, n), fixtures(v)...)
		}},
	}
	for _, tc := range cases {
		for _, v := range []string{v25, v22} {
			t.Run(tc.name+"/"+v, func(t *testing.T) {
				t.Parallel()
				extra := tc.extra[v]
				e := newEnv(t, envOptions{token: tc.token, sandbox: sandbox.Options{ExtraDatabases: extra}})
				var progress []int
				r := e.list(t, listing.Request{APIVersion: v, Query: tc.query, MaxBytes: -1, Progress: func(n int) { progress = append(progress, n) }})

				want := tc.want(v, extra)
				if wantCount, _ := map[string]int{"0": 0, "1": 1, "250": 250, "1000": 1000}[tc.name]; len(want) != wantCount {
					t.Fatalf("test bug: %d expected databases, not %s", len(want), tc.name)
				}
				if r.Count != len(want) || len(r.Databases) != len(want) {
					t.Fatalf("count %d, %d databases, want %d", r.Count, len(r.Databases), len(want))
				}
				if !r.Complete || r.Cached || r.APIVersion != v || !r.Sandbox {
					t.Errorf("complete %v cached %v api_version %q sandbox %v", r.Complete, r.Cached, r.APIVersion, r.Sandbox)
				}
				checkSortedUnique(t, r.Databases)
				got := map[string]listing.Database{}
				for _, d := range r.Databases {
					got[d.ID] = d
				}
				objects, multi := 0, 0
				for _, w := range want {
					g, ok := got[w.ID]
					if !ok {
						t.Errorf("%s (%s) missing", w.Title, w.ID)
						continue
					}
					if g.Title != w.Title || !reflect.DeepEqual(g.DataSources, w.DataSources) || g.Parent != w.Parent ||
						g.Partial || g.InTrash || !strings.Contains(g.URL, sandbox.Compact(w.ID)) {
						t.Errorf("got  %+v\nwant %+v", g, w)
					}
					objects += max(1, len(w.DataSources))
					if len(w.DataSources) > 1 {
						multi++
					}
				}
				if v == v22 {
					objects = len(want)
				}
				wantSearches := ceilDiv(objects, listing.PageSize)
				if s, d, me := e.searches(), e.retrievals(), e.ws.Count(http.MethodGet, "/v1/users/me"); s != wantSearches || d != multi || me != 1 {
					t.Errorf("sandbox got %d searches, %d retrievals, %d users/me; want %d, %d, 1", s, d, me, wantSearches, multi)
				}
				if n := len(e.ws.Requests()); r.Requests != n || n != 1+wantSearches+multi || r.Retrievals != multi {
					t.Errorf("requests %d (sandbox saw %d), database_retrievals %d; want %d and %d", r.Requests, n, r.Retrievals, 1+wantSearches+multi, multi)
				}
				if len(progress) != wantSearches+multi || progress[len(progress)-1] != objects+multi {
					t.Errorf("progress %v: want %d calls ending at %d", progress, wantSearches+multi, objects+multi)
				}
				if v == v22 && !hasHint(r.Hints, "several data sources") {
					t.Errorf("no 2022-06-28 hint in %q", r.Hints)
				}
				if (len(want) == 0) != hasHint(r.Hints, `is shared with "Fresh Integration" yet`) {
					t.Errorf("hints %q", r.Hints)
				}
			})
		}
	}
}

// checkSortedUnique checks the order (title, case-insensitive, then ID) and
// that no database or data source appears twice.
func checkSortedUnique(t *testing.T, dbs []listing.Database) {
	t.Helper()
	seen, sources := map[string]bool{}, map[string]bool{}
	for i, d := range dbs {
		if seen[d.ID] {
			t.Errorf("database %s (%s) listed twice", d.Title, d.ID)
		}
		seen[d.ID] = true
		for _, ds := range d.DataSources {
			if sources[ds.ID] {
				t.Errorf("data source %s listed twice", ds.ID)
			}
			sources[ds.ID] = true
		}
		if i == 0 {
			continue
		}
		p := dbs[i-1]
		if a, b := strings.ToLower(p.Title), strings.ToLower(d.Title); a > b || a == b && p.ID >= d.ID {
			t.Errorf("not sorted: %q (%s) before %q (%s)", p.Title, p.ID, d.Title, d.ID)
		}
	}
}

// TestMultiSourceDatabase: Content Calendar has two data sources. From
// 2025-09-03 on it is one entry with both, titled by its database (search
// only gives the sources' names); 2022-06-28 cannot list it and says why.
func TestMultiSourceDatabase(t *testing.T) {
	t.Parallel()
	for _, v := range []string{v25, "2026-03-11"} {
		t.Run(v, func(t *testing.T) {
			e := newEnv(t, envOptions{})
			r := e.list(t, listing.Request{APIVersion: v})
			want := fixtures(v25)
			slices.SortFunc(want, func(a, b listing.Database) int { return strings.Compare(a.Title, b.Title) })
			if !reflect.DeepEqual(ids(r.Databases), ids(want)) {
				t.Fatalf("databases %v, want %v", ids(r.Databases), ids(want))
			}
			cal := r.Databases[0]
			if cal.Title != sandbox.ContentCalendarTitle || !reflect.DeepEqual(cal.DataSources, want[0].DataSources) ||
				cal.Parent.Type != "workspace" || cal.IsInline == nil || *cal.IsInline {
				t.Errorf("Content Calendar: %+v", cal)
			}
			if r.Retrievals != 1 || e.retrievals() != 1 || !strings.HasSuffix(e.ws.Requests()[len(e.ws.Requests())-1].Path, sandbox.ContentCalendarDatabaseID) {
				t.Errorf("retrievals %d, sandbox saw %d", r.Retrievals, e.retrievals())
			}
			if !hasHint(r.Hints, "data_sources[].id") {
				t.Errorf("no data source hint in %q", r.Hints)
			}
		})
	}
	t.Run(v22, func(t *testing.T) {
		e := newEnv(t, envOptions{})
		r := e.list(t, listing.Request{APIVersion: v22})
		for _, d := range r.Databases {
			if d.ID == sandbox.ContentCalendarDatabaseID || len(d.DataSources) != 0 {
				t.Errorf("listed under 2022-06-28: %+v", d)
			}
		}
		if r.Count != 2 || e.retrievals() != 0 || !hasHint(r.Hints, "api_version 2025-09-03") {
			t.Errorf("count %d, %d retrievals, hints %q", r.Count, e.retrievals(), r.Hints)
		}
	})
}

// TestVisibility: what is not shared with the token's integration never
// appears, whatever the version.
func TestVisibility(t *testing.T) {
	t.Parallel()
	acme := []string{sandbox.TasksDatabaseID, sandbox.SprintBacklogDatabaseID, sandbox.ContentCalendarDatabaseID,
		sandbox.FinanceDatabaseID, sandbox.TeamHomePageID, sandbox.SprintBoardPageID, sandbox.PrivateNotesPageID}
	never := map[string][]string{
		sandbox.TokenValid:          {sandbox.FinanceDatabaseID, sandbox.GlobexCRMDatabaseID, sandbox.GlobexWikiPageID, sandbox.PrivateNotesPageID, sandbox.TrashedPageID},
		sandbox.TokenOtherWorkspace: acme,
	}
	for _, tok := range []string{sandbox.TokenValid, sandbox.TokenOtherWorkspace} {
		for _, v := range []string{v25, v22} {
			t.Run(map[string]string{sandbox.TokenValid: "acme", sandbox.TokenOtherWorkspace: "globex"}[tok]+"/"+v, func(t *testing.T) {
				e := newEnv(t, envOptions{token: tok})
				r := e.list(t, listing.Request{APIVersion: v, IncludePages: true})
				listed := map[string]bool{}
				for _, d := range r.Databases {
					listed[d.ID] = true
					if strings.Contains(d.Title, "Finance") || (tok == sandbox.TokenValid) == strings.Contains(d.Title, "Globex") {
						t.Errorf("%s listed for %s", d.Title, r.Integration.Name)
					}
				}
				for _, p := range r.Pages {
					listed[p.ID] = true
				}
				for _, id := range never[tok] {
					if listed[id] {
						t.Errorf("%s listed for %s", id, r.Integration.Name)
					}
				}
				if tok == sandbox.TokenOtherWorkspace && (r.Count != 1 || r.Databases[0].ID != sandbox.GlobexCRMDatabaseID ||
					r.Integration.WorkspaceName != sandbox.GlobexWorkspaceName) {
					t.Errorf("Globex Bot: %+v", r)
				}
			})
		}
	}
}

// TestPartialObjects: without Read content every object is an ID alone; the
// listing keeps them, marks them partial and names the capability.
func TestPartialObjects(t *testing.T) {
	t.Parallel()
	for _, v := range []string{v25, v22} {
		t.Run(v, func(t *testing.T) {
			e := newEnv(t, envOptions{token: sandbox.TokenNoReadContent})
			r := e.list(t, listing.Request{APIVersion: v, IncludePages: true})
			want := map[string]int{v25: 4, v22: 2}[v] // data sources, or single-source databases
			if r.Count != want || r.Retrievals != 0 || e.retrievals() != 0 {
				t.Fatalf("count %d, %d retrievals; want %d, 0: %+v", r.Count, r.Retrievals, want, r.Databases)
			}
			for _, d := range r.Databases {
				if !d.Partial || d.Title != "" {
					t.Errorf("not partial: %+v", d)
				}
				if v == v25 && (d.ID != "" || len(d.DataSources) != 1 || d.DataSources[0].ID == "") {
					t.Errorf("a stripped data source does not name its database: %+v", d)
				}
				if v == v22 && (d.ID == "" || len(d.DataSources) != 0) {
					t.Errorf("a stripped database keeps its ID: %+v", d)
				}
			}
			if len(r.Pages) == 0 {
				t.Error("stripped pages left out")
			}
			if stripped := fmt.Sprintf("%d objects came back with only their ID", r.Count+len(r.Pages)); !hasHint(r.Hints, stripped) ||
				!hasHint(r.Hints, "Read content") || !hasHint(r.Hints, `"Acme Metadata"`) || hasHint(r.Hints, "Nothing is shared") {
				t.Errorf("hints %q", r.Hints)
			}
		})
	}
}

// TestRateLimitMidListing: a 429 on the third search page is waited out
// (on the fake clock) and the listing is the same as without it.
func TestRateLimitMidListing(t *testing.T) {
	t.Parallel()
	for _, v := range []string{v25, v22} {
		t.Run(v, func(t *testing.T) {
			opts := sandbox.Options{ExtraDatabases: 250}
			ce := newEnv(t, envOptions{sandbox: opts})
			clean := ce.list(t, listing.Request{APIVersion: v})

			var e *env
			searches := 0
			e = newEnv(t, envOptions{sandbox: opts, before: func(r *http.Request) {
				if r.URL.Path == "/v1/search" {
					if searches++; searches == 3 {
						e.ws.Inject(sandbox.Fault{PathPrefix: "/v1/search", Kind: sandbox.Fault429, Times: 1, RetryAfter: "7"})
					}
				}
			}})
			r := e.list(t, listing.Request{APIVersion: v})
			if !reflect.DeepEqual(ids(r.Databases), ids(clean.Databases)) || !reflect.DeepEqual(r.Databases, clean.Databases) {
				t.Fatalf("listing after a 429 differs: %d databases, clean run %d", r.Count, clean.Count)
			}
			if got := e.clock.Sleeps(); !slices.Contains(got, 7*time.Second) {
				t.Errorf("waits %v: Retry-After 7s not honoured", got)
			}
			var statuses []int
			for _, q := range e.ws.Requests() {
				if q.Path == "/v1/search" {
					statuses = append(statuses, q.Status)
				}
			}
			if len(statuses) < 4 || statuses[2] != http.StatusTooManyRequests || statuses[3] != http.StatusOK ||
				len(statuses) != ce.searches()+1 {
				t.Errorf("search statuses %v; the clean run made %d searches", statuses, ce.searches())
			}
			if r.Requests != clean.Requests {
				t.Errorf("%d logical requests, clean run %d", r.Requests, clean.Requests)
			}
		})
	}
}

// TestErrors: failures come back as errors that say what to do.
func TestErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		token  string
		fault  *sandbox.Fault
		req    listing.Request
		want   []string
		isArgs bool
	}{
		{name: "429 forever", fault: &sandbox.Fault{PathPrefix: "/v1/search", Kind: sandbox.Fault429, RetryAfter: "2"},
			want: []string{"429", "wait 2s and call again"}},
		{name: "rate-limited token", token: sandbox.TokenRateLimited, want: []string{"429", "wait 30s"}},
		{name: "revoked", token: sandbox.TokenRevoked, want: []string{"401", "validate_token"}},
		{name: "restricted", token: sandbox.TokenRestricted, want: []string{"403", "Capabilities"}},
		{name: "500 forever", fault: &sandbox.Fault{PathPrefix: "/v1/search", Kind: sandbox.Fault500}, want: []string{"status.notion.so"}},
		{name: "retrieval fails", fault: &sandbox.Fault{PathPrefix: "/v1/databases/", Kind: sandbox.Fault503}, want: []string{"status.notion.so"}},
		{name: "bad version", req: listing.Request{APIVersion: "2021-05-13"}, want: []string{"2021-05-13"}, isArgs: true},
		{name: "negative limit", req: listing.Request{Limit: -1}, want: []string{"limit"}, isArgs: true},
		{name: "two token sources", req: listing.Request{Limit: 1}, want: []string{"env_file"}, isArgs: true},
	}
	cases[len(cases)-1].req.Token.Literal = sandbox.TokenValid
	cases[len(cases)-1].req.Token.EnvFile = "/nonexistent/.env"
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOptions{token: tc.token})
			if tc.fault != nil {
				e.ws.Inject(*tc.fault)
			}
			r, err := listing.List(context.Background(), e.sess, tc.req)
			if err == nil {
				t.Fatalf("no error: %+v", r)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if errors.Is(err, argerr.ErrInvalid) != tc.isArgs {
				t.Errorf("errors.Is(ErrArguments) = %v", !tc.isArgs)
			}
			if strings.Contains(err.Error(), sandbox.TokenValid) {
				t.Error("the token leaked into the error")
			}
		})
	}
	t.Run("no token", func(t *testing.T) {
		e := newEnv(t, envOptions{token: "-"})
		_, err := listing.List(context.Background(), e.sess, listing.Request{})
		if err == nil || !strings.Contains(err.Error(), "NOTION_TOKEN") || !strings.Contains(err.Error(), "validate_token") ||
			errors.Is(err, argerr.ErrInvalid) || len(e.ws.Requests()) != 0 {
			t.Errorf("err %v after %d requests", err, len(e.ws.Requests()))
		}
	})
}

// TestLimit: limit cuts the listing (complete=false) and stops paging.
func TestLimit(t *testing.T) {
	const n = 250 // with query "Generated DB": 275 data sources, 3 pages
	cases := []struct {
		limit, count, searches int
		complete               bool
	}{
		{0, 250, 3, true},
		{5, 5, 1, false},
		{90, 90, 1, false},
		{91, 91, 1, false}, // the first page holds 91 databases
		{92, 92, 2, false},
		{249, 249, 3, false},
		{250, 250, 3, true},
		{1000, 250, 3, true},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(tc.limit), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{sandbox: sandbox.Options{ExtraDatabases: n}})
			r := e.list(t, listing.Request{APIVersion: v25, Query: "Generated DB", Limit: tc.limit})
			if r.Count != tc.count || len(r.Databases) != tc.count || r.Complete != tc.complete || e.searches() != tc.searches {
				t.Fatalf("count %d complete %v after %d searches; want %d %v %d", r.Count, r.Complete, e.searches(), tc.count, tc.complete, tc.searches)
			}
			checkSortedUnique(t, r.Databases)
			// Search order is generated 1, 2, 3…: the first limit of them.
			for i, d := range r.Databases {
				w, _ := generated(v25, i+1)
				if !reflect.DeepEqual(d.DataSources, w.DataSources) || d.ID != w.ID || d.Title != w.Title {
					t.Errorf("got %+v\nwant %+v", d, w)
				}
			}
			if r.Retrievals != tc.count/10 || e.retrievals() != tc.count/10 {
				t.Errorf("%d retrievals, want %d (only the listed databases)", r.Retrievals, tc.count/10)
			}
			if !tc.complete != hasHint(r.Hints, "limit") {
				t.Errorf("hints %q", r.Hints)
			}
		})
	}
}

// TestIncludePages: top-level pages are listed — a workspace parent, or a
// parent page the integration cannot see — never database rows, nor pages
// inside another listed page (Projects and Roadmap 2026 are inside Team
// Home).
func TestIncludePages(t *testing.T) {
	t.Parallel()
	for _, v := range []string{v25, v22} {
		t.Run(v, func(t *testing.T) {
			e := newEnv(t, envOptions{})
			r := e.list(t, listing.Request{APIVersion: v, IncludePages: true})
			want := []listing.Page{
				{ID: sandbox.SprintBoardPageID, Title: sandbox.SprintBoardTitle, Parent: listing.Parent{Type: "workspace"}},
				{ID: sandbox.TeamHomePageID, Title: sandbox.TeamHomeTitle, Parent: listing.Parent{Type: "workspace"}},
				{ID: sandbox.WeeklyReviewPageID, Title: sandbox.WeeklyReviewTitle, Parent: listing.Parent{Type: "workspace"}},
			}
			for i := range r.Pages {
				if r.Pages[i].URL == "" {
					t.Errorf("%s has no url", r.Pages[i].Title)
				}
				r.Pages[i].URL = ""
			}
			if !reflect.DeepEqual(r.Pages, want) {
				t.Errorf("pages\n got %+v\nwant %+v", r.Pages, want)
			}
			if r.Count != len(fixtures(v)) {
				t.Errorf("count %d", r.Count)
			}
			if e.searches() != 2 {
				t.Errorf("%d searches, want 2 (databases, pages)", e.searches())
			}
			without := e.list(t, listing.Request{APIVersion: v})
			if without.Pages != nil || without.Cached {
				t.Errorf("pages listed without include_pages, or the cache mixed the two calls: %+v", without)
			}
		})
	}
}

// TestCache: an identical call within 30 s makes no request and says so;
// refresh, another argument or an older result go to Notion again.
func TestCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	first := e.list(t, listing.Request{APIVersion: v25})
	n := len(e.ws.Requests())
	if first.Cached || first.Requests != n {
		t.Fatalf("first call: cached %v, requests %d (sandbox %d)", first.Cached, first.Requests, n)
	}
	steps := []struct {
		name    string
		advance time.Duration
		req     listing.Request
		cached  bool
	}{
		{"identical", 0, listing.Request{APIVersion: v25}, true},
		{"identical 29s later", 29 * time.Second, listing.Request{APIVersion: v25}, true},
		{"refresh", 0, listing.Request{APIVersion: v25, Refresh: true}, false},
		{"after refresh", 0, listing.Request{APIVersion: v25}, true},
		{"other version", 0, listing.Request{APIVersion: v22}, false},
		{"other query", 0, listing.Request{APIVersion: v25, Query: "tasks"}, false},
		{"31s later", 31 * time.Second, listing.Request{APIVersion: v25}, false},
	}
	for _, s := range steps {
		e.now.Advance(s.advance)
		before := len(e.ws.Requests())
		r := e.list(t, s.req)
		made := len(e.ws.Requests()) - before
		if r.Cached != s.cached || (made == 0) != s.cached || (s.cached && (r.Requests != 0 || r.Retrievals != 0)) {
			t.Errorf("%s: cached %v, %d requests made, result says %d", s.name, r.Cached, made, r.Requests)
		}
		if s.req.APIVersion == v25 && s.req.Query == "" && !reflect.DeepEqual(r.Databases, first.Databases) {
			t.Errorf("%s: another listing", s.name)
		}
	}
	if first.Cached || first.Requests != n {
		t.Error("a cached answer changed the first result")
	}
}

// TestCancel: a context cancelled after the first page stops the listing
// at once: no request follows.
func TestCancel(t *testing.T) {
	t.Parallel()
	for _, v := range []string{v25, v22} {
		t.Run(v, func(t *testing.T) {
			e := newEnv(t, envOptions{sandbox: sandbox.Options{ExtraDatabases: 250}})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			_, err := listing.List(ctx, e.sess, listing.Request{APIVersion: v, Progress: func(int) { calls++; cancel() }})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err %v, want context.Canceled", err)
			}
			if calls != 1 || e.searches() != 1 || len(e.ws.Requests()) != 2 {
				t.Errorf("%d progress calls, %d requests (%d searches) after cancelling", calls, len(e.ws.Requests()), e.searches())
			}
			// Nothing was cached: the next call lists again.
			r := e.list(t, listing.Request{APIVersion: v})
			if r.Cached || !r.Complete {
				t.Errorf("after a cancelled call: %+v", r)
			}
		})
	}
	t.Run("during retrievals", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var sent atomic.Int32
		e := newEnv(t, envOptions{sandbox: sandbox.Options{ExtraDatabases: 200}, before: func(r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/v1/databases/") {
				sent.Add(1)
				cancel()
			}
		}})
		_, err := listing.List(ctx, e.sess, listing.Request{APIVersion: v25})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
		// 20 databases to retrieve; at most the 4 already under way are sent.
		if n := sent.Load(); n > 4 {
			t.Errorf("%d retrievals sent after cancelling", n)
		}
	})
}

// TestProgress: Progress is called after each search page (databases, then
// pages) and each retrieval, with the number of objects received so far.
func TestProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{sandbox: sandbox.Options{ExtraDatabases: 250}})
	var got []int
	r := e.list(t, listing.Request{APIVersion: v25, IncludePages: true, Progress: func(n int) { got = append(got, n) }})
	if len(got) != e.searches()+e.retrievals() || r.Retrievals != 26 { // 25 generated, Content Calendar
		t.Fatalf("%d progress calls for %d searches and %d retrievals: %v", len(got), e.searches(), e.retrievals(), got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Errorf("progress does not rise: %v", got)
		}
	}
	if got[0] != listing.PageSize || r.Count < 250 {
		t.Errorf("progress %v", got)
	}
}

// TestFlaky: 502 and 503 on the first attempt of every request are retried
// without losing or repeating a page.
func TestFlaky(t *testing.T) {
	t.Parallel()
	opts := sandbox.Options{ExtraDatabases: 300}
	clean := newEnv(t, envOptions{sandbox: opts}).list(t, listing.Request{})
	e := newEnv(t, envOptions{sandbox: opts, token: sandbox.TokenFlaky})
	r := e.list(t, listing.Request{})
	if !reflect.DeepEqual(r.Databases, clean.Databases) || len(e.clock.Sleeps()) != r.Requests {
		t.Errorf("flaky listing: %d databases (clean %d), %d waits for %d requests", r.Count, clean.Count, len(e.clock.Sleeps()), r.Requests)
	}
}

// TestEmptyQueryHint: a query that matches nothing does not claim that
// nothing is shared.
func TestEmptyQueryHint(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	r := e.list(t, listing.Request{Query: "no such title"})
	if r.Count != 0 || hasHint(r.Hints, "Nothing is shared") || !hasHint(r.Hints, `"no such title"`) {
		t.Errorf("count %d, hints %q", r.Count, r.Hints)
	}
}

// TestSourcesAcrossPages: search can return a database's data sources on
// two pages (with query "Generated DB", database 910's two sources are
// results 1000 and 1001). The full listing joins them; a limit that stops
// paging between them cannot, and a hint says so.
func TestSourcesAcrossPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{sandbox: sandbox.Options{ExtraDatabases: 910}})
	want, _ := generated(v25, 910)
	find := func(r *listing.Result) listing.Database {
		for _, d := range r.Databases {
			if d.ID == want.ID {
				return d
			}
		}
		t.Fatalf("database 910 not listed")
		return listing.Database{}
	}
	full := e.list(t, listing.Request{APIVersion: v25, Query: "Generated DB", MaxBytes: -1})
	if got := find(full); !reflect.DeepEqual(got.DataSources, want.DataSources) || got.Title != want.Title {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	before := e.searches()
	cut := e.list(t, listing.Request{APIVersion: v25, Query: "Generated DB", Limit: 910, MaxBytes: -1})
	if got := find(cut); cut.Complete || e.searches()-before != 10 || len(got.DataSources) != 1 || !hasHint(cut.Hints, "data_sources can miss sources") {
		t.Errorf("complete %v after %d searches, database 910 %+v, hints %q", cut.Complete, e.searches()-before, got, cut.Hints)
	}
}
