package notion

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"
)

// Test529WaitedOutLikeA429: a 529 service_overload is retried after its
// Retry-After, as notion-sdk-js does (Client.canRetry, getRetryDelay), and
// reported as an overload, not a server failure, when it persists.
func Test529WaitedOutLikeA429(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			writeJSON(w, 529, notionError(529, "service_overload", "Notion is overloaded."), "Retry-After", "3")
			return
		}
		writeJSON(w, 200, meBody)
	})
	c, clk, _ := newTestClient(t, api.URL, nil)
	if _, err := c.Me(context.Background(), V20250903); err != nil {
		t.Fatal(err)
	}
	if got := clk.Sleeps(); !slices.Equal(got, []time.Duration{3 * time.Second}) {
		t.Errorf("sleeps = %v, want [3s] (Retry-After honoured)", got)
	}

	always := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 529, notionError(529, "service_overload", "Notion is overloaded."), "Retry-After", "120")
	})
	c, clk, _ = newTestClient(t, always.URL, nil)
	_, err := c.Me(context.Background(), V20250903)
	ne, _ := AsError(err)
	if !ne.IsOverloaded() || ne.IsServer() || ne.RetryAfter != 120*time.Second {
		t.Fatalf("err = %v: want an overload with its Retry-After, not a server failure", err)
	}
	if len(always.Requests()) != 1 || len(clk.Sleeps()) != 0 {
		t.Errorf("a Retry-After beyond MaxRetryAfter is not waited: %d requests, sleeps %v", len(always.Requests()), clk.Sleeps())
	}
}

func TestLate2026ErrorKinds(t *testing.T) {
	cases := []struct {
		name                                     string
		status                                   int
		body                                     string
		headers                                  []string
		blocked, restricted, workspace, overload bool
	}{
		{name: "cloudflare block", status: 403, body: "<html><head><title>Attention Required! | Cloudflare</title></head></html>",
			headers: []string{"Cf-Ray", "8f1e2d3c4b5a6978-AMS", "Content-Type", "text/html"}, blocked: true},
		{name: "restricted_resource", status: 403, body: notionError(403, "restricted_resource", "Insufficient permissions for this endpoint."),
			headers: []string{"X-Notion-Request-Id", "req-1", "Cf-Ray", "8f1e2d3c4b5a6978-AMS"}, restricted: true},
		{name: "workspace 429", status: 429,
			body:      `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited.","additional_data":{"rate_limit_reason":"workspace_rate_limit"}}`,
			headers:   []string{"Retry-After", "90"},
			workspace: true},
		{name: "plain 429", status: 429, body: notionError(429, "rate_limited", "You have been rate limited."), headers: []string{"Retry-After", "90"}},
		{name: "html 529", status: 529, body: "<html><title>529</title></html>", headers: []string{"Cf-Ray", "1-AMS", "Retry-After", "90"}, overload: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
				for i := 0; i+1 < len(c.headers); i += 2 {
					w.Header().Set(c.headers[i], c.headers[i+1])
				}
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
			})
			cl, _, _ := newTestClient(t, api.URL, nil)
			_, err := cl.RetrievePage(context.Background(), V20250903, "c11815719d778e00ac6c3b2e7fe7b566")
			ne, ok := AsError(err)
			if !ok {
				t.Fatal(err)
			}
			if ne.IsBlocked() != c.blocked || ne.IsRestricted() != c.restricted || ne.WorkspaceLimited() != c.workspace || ne.IsOverloaded() != c.overload {
				t.Errorf("%v: blocked %v restricted %v workspace %v overload %v", ne, ne.IsBlocked(), ne.IsRestricted(), ne.WorkspaceLimited(), ne.IsOverloaded())
			}
		})
	}
}

func TestLate2026Decoding(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/users/me":
			writeJSON(w, 200, `{"object":"user","id":"32079ea1-8961-8a33-3195-37339541b69f","name":"Ada Lovelace","avatar_url":null,"type":"person","person":{"email":"ada@acme.example"}}`)
		case "/v1/views/6577a14a-5f17-8f3d-e253-66373c2d9a1f":
			writeJSON(w, 200, `{"object":"view","id":"6577a14a5f178f3de25366373c2d9a1f","parent":{"type":"database_id","database_id":"c6eda3ce729981de014cafc354107b25"},"name":"All","type":"table","data_source_id":"e29f6486-8937-81b2-6a7d-aa6010ff10df","url":"https://app.notion.com/p/x"}`)
		case "/v1/views":
			writeJSON(w, 200, `{"object":"list","results":[{"object":"view","id":"6577a14a-5f17-8f3d-e253-66373c2d9a1f"}],"next_cursor":null,"has_more":false,"type":"view","view":{}}`)
		case "/v1/databases/770714d6-21d5-8a90-e042-1151b88c4484":
			writeJSON(w, 200, `{"object":"database","id":"770714d6-21d5-8a90-e042-1151b88c4484","title":[],"data_sources":[],"last_edited_time":"2026-01-01T00:00:00.000Z"}`)
		case "/v1/search":
			writeJSON(w, 200, `{"object":"list","results":[],"next_cursor":null,"has_more":false,"request_status":{"type":"incomplete","incomplete_reason":"query_result_limit_reached"}}`)
		}
	})
	c, _, _ := newTestClient(t, api.URL, nil)
	ctx := context.Background()
	u, err := c.Me(ctx, V20250903)
	if err != nil || u.Kind() != KindPAT || !u.IsPAT() || u.Email != "ada@acme.example" || u.Name != "Ada Lovelace" {
		t.Errorf("me = %+v, %v", u, err)
	}
	vw, err := c.RetrieveView(ctx, V20250903, "view://6577a14a-5f17-8f3d-e253-66373c2d9a1f")
	if err != nil || vw.DatabaseID != "c6eda3ce-7299-81de-014c-afc354107b25" || vw.DataSourceID != "e29f6486-8937-81b2-6a7d-aa6010ff10df" || vw.Partial {
		t.Errorf("view = %+v, %v", vw, err)
	}
	ids, err := c.ListViews(ctx, V20250903, "c6eda3ce729981de014cafc354107b25")
	if err != nil || !slices.Equal(ids, []string{"6577a14a-5f17-8f3d-e253-66373c2d9a1f"}) {
		t.Errorf("views = %v, %v", ids, err)
	}
	if q := api.Requests()[2].RawQuery; q != "database_id=c6eda3ce-7299-81de-014c-afc354107b25&page_size=100" {
		t.Errorf("list views query %q", q)
	}
	d, err := c.RetrieveDatabase(ctx, V20250903, "770714d6-21d5-8a90-e042-1151b88c4484")
	if err != nil || !d.NoDataSources {
		t.Errorf("database = %+v, %v: want NoDataSources", d, err)
	}
	sp, err := c.Search(ctx, V20250903, SearchRequest{})
	if err != nil || !sp.Incomplete {
		t.Errorf("search = %+v, %v: want Incomplete", sp, err)
	}
	if (&User{Type: "bot", Bot: &Bot{OwnerType: "workspace"}}).Kind() != KindInternal || (&User{Type: "bot", Bot: &Bot{OwnerType: "user"}}).Kind() != KindPublic {
		t.Error("bot kinds")
	}
}
