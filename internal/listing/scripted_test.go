package listing_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// scripted answers users/me, search pages keyed by start_cursor and
// database retrievals from fixed JSON: for what the sandbox never does, such
// as an object repeated across pages (Notion's search is not a stable
// snapshot) or a cursor that does not move.
type scripted struct {
	pages     map[string]string // start_cursor ("" first) → search answer
	databases map[string]string // database ID → retrieve answer
	// stall names the start_cursors whose search never answers: the
	// request waits for its context to end.
	stall map[string]bool
	// limited names the start_cursors whose search is answered 429 with
	// this Retry-After.
	limited map[string]string
}

func (s scripted) RoundTrip(r *http.Request) (*http.Response, error) {
	body := `{"object":"user","id":"5459de79-c15b-8af0-4c68-bc3999965cd9","type":"bot","name":"Scripted","bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Acme"}}`
	switch {
	case r.URL.Path == "/v1/search":
		var req struct {
			StartCursor string `json:"start_cursor"`
		}
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &req)
		if s.stall[req.StartCursor] {
			<-r.Context().Done()
			return nil, r.Context().Err()
		}
		if ra, ok := s.limited[req.StartCursor]; ok {
			// The body and message of Notion's 429 (developers.notion.com, Request limits).
			return &http.Response{StatusCode: 429, Header: http.Header{"Content-Type": {"application/json"}, "Retry-After": {ra}},
				Body: io.NopCloser(strings.NewReader(`{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited. Please try again in a few minutes."}`)), Request: r}, nil
		}
		body = s.pages[req.StartCursor]
	case strings.HasPrefix(r.URL.Path, "/v1/databases/"):
		body = s.databases[strings.TrimPrefix(r.URL.Path, "/v1/databases/")]
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

func scriptedSession(t *testing.T, s scripted) *session.Session {
	t.Helper()
	sess, err := session.New(session.Config{
		Transport: s,
		Getenv:    func(string) string { return "ntn_" + "41298765430aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW3yZ5cD" },
		Client: func(cfg notion.Config, tok *token.Token) (*notion.Client, error) {
			cfg.Rate, cfg.Burst, cfg.Clock, cfg.Limiter = 1e9, 1e6, sandboxtest.NewClock(), nil
			return notion.New(cfg, tok)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

const (
	db1 = "11111111-1111-4111-8111-111111111111"
	db2 = "22222222-2222-4222-8222-222222222222"
	dsA = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
	dsB = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
	dsC = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"
)

func dataSourceJSON(id, name, db string) string {
	return fmt.Sprintf(`{"object":"data_source","id":%q,"title":[{"plain_text":%q}],"parent":{"type":"database_id","database_id":%q},`+
		`"database_parent":{"type":"workspace","workspace":true},"last_edited_time":"2026-01-01T00:00:00.000Z","url":"https://www.notion.so/x"}`, id, name, db)
}

func databaseJSON(id, title string, sources ...string) string {
	ds := make([]string, 0, len(sources))
	for i := 0; i+1 < len(sources); i += 2 {
		ds = append(ds, fmt.Sprintf(`{"id":%q,"name":%q}`, sources[i], sources[i+1]))
	}
	extra := ""
	if len(sources) > 0 {
		extra = `,"data_sources":[` + strings.Join(ds, ",") + `]`
	}
	return fmt.Sprintf(`{"object":"database","id":%q,"title":[{"plain_text":%q}],"parent":{"type":"workspace","workspace":true},`+
		`"last_edited_time":"2026-01-01T00:00:00.000Z","url":"https://www.notion.so/y","is_inline":false%s}`, id, title, extra)
}

func searchJSON(next string, results ...string) string {
	cursor := "null"
	if next != "" {
		cursor = fmt.Sprintf("%q", next)
	}
	return fmt.Sprintf(`{"object":"list","results":[%s],"next_cursor":%s,"has_more":%v}`, strings.Join(results, ","), cursor, next != "")
}

// TestRepeatedAcrossPages: an object search returns on two pages is
// listed once, and a database's sources on different pages are joined.
func TestRepeatedAcrossPages(t *testing.T) {
	t.Parallel()
	t.Run(v25, func(t *testing.T) {
		sess := scriptedSession(t, scripted{
			pages: map[string]string{
				"":   searchJSON("p2", dataSourceJSON(dsA, "Alpha", db1), dataSourceJSON(dsB, "Beta", db2)),
				"p2": searchJSON("", dataSourceJSON(dsB, "Beta", db2), dataSourceJSON(dsC, "Gamma", db1)),
			},
			databases: map[string]string{db1: databaseJSON(db1, "One", dsA, "Alpha", dsC, "Gamma")},
		})
		r, err := listing.List(context.Background(), sess, listing.Request{APIVersion: v25})
		if err != nil {
			t.Fatal(err)
		}
		want := []listing.Database{
			{ID: db2, Title: "Beta", DataSources: []listing.DataSource{{ID: dsB, Name: "Beta"}}},
			{ID: db1, Title: "One", DataSources: []listing.DataSource{{ID: dsA, Name: "Alpha"}, {ID: dsC, Name: "Gamma"}}},
		}
		if r.Count != 2 || r.Retrievals != 1 || r.Requests != 4 {
			t.Fatalf("count %d, retrievals %d, requests %d: %+v", r.Count, r.Retrievals, r.Requests, r.Databases)
		}
		for i, w := range want {
			g := r.Databases[i]
			if g.ID != w.ID || g.Title != w.Title || !reflect.DeepEqual(g.DataSources, w.DataSources) {
				t.Errorf("got  %+v\nwant %+v", g, w)
			}
		}
	})
	t.Run(v22, func(t *testing.T) {
		sess := scriptedSession(t, scripted{pages: map[string]string{
			"":   searchJSON("p2", databaseJSON(db1, "One"), databaseJSON(db2, "Two")),
			"p2": searchJSON("", databaseJSON(db2, "Two")),
		}})
		r, err := listing.List(context.Background(), sess, listing.Request{APIVersion: v22})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ids(r.Databases), []string{db1, db2}) || r.Databases[0].IsInline == nil {
			t.Errorf("databases %+v", r.Databases)
		}
	})
}

// TestStuckCursor: a search that hands back a cursor it already gave, the
// one it was given or one of a longer cycle, ends with what was read,
// complete false and the reason, instead of paging forever.
func TestStuckCursor(t *testing.T) {
	t.Parallel()
	for name, pages := range map[string]map[string]string{
		"same cursor": {
			"":   searchJSON("p2", dataSourceJSON(dsA, "Alpha", db1)),
			"p2": searchJSON("p2", dataSourceJSON(dsB, "Beta", db2)),
		},
		"cycle of two": {
			"":   searchJSON("p2", dataSourceJSON(dsA, "Alpha", db1)),
			"p2": searchJSON("p3", dataSourceJSON(dsB, "Beta", db2)),
			"p3": searchJSON("p2", dataSourceJSON(dsC, "Gamma", "33333333-3333-4333-8333-333333333333")),
		},
		"back to the start": {
			"":   searchJSON("p2", dataSourceJSON(dsA, "Alpha", db1)),
			"p2": searchJSON("", dataSourceJSON(dsB, "Beta", db2)),
		},
	} {
		sess := scriptedSession(t, scripted{pages: pages})
		r, err := listing.List(context.Background(), sess, listing.Request{})
		if name == "back to the start" {
			// An empty next_cursor ends a listing: nothing to detect.
			if err != nil || !r.Complete {
				t.Errorf("%s: %v %+v", name, err, r)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r.Complete || r.Incomplete != listing.ReasonCursorLoop || r.Requests > 4 || r.Count < 2 || !hasHint(r.Hints, "cursor it had already given") {
			t.Errorf("%s: err %v, complete %v, reason %q, %d requests, %d databases, hints %q", name, err, r.Complete, r.Incomplete, r.Requests, r.Count, r.Hints)
		}
	}
}

// TestStrippedRepeated: a stripped object returned twice is listed and
// counted once.
func TestStrippedRepeated(t *testing.T) {
	t.Parallel()
	stub := fmt.Sprintf(`{"object":"data_source","id":%q}`, dsA)
	sess := scriptedSession(t, scripted{pages: map[string]string{
		"":   searchJSON("p2", stub),
		"p2": searchJSON("", stub, dataSourceJSON(dsB, "Beta", db2)),
	}})
	r, err := listing.List(context.Background(), sess, listing.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Count != 2 || !hasHint(r.Hints, "1 object came back with only their ID") {
		t.Errorf("count %d, hints %q", r.Count, r.Hints)
	}
}
