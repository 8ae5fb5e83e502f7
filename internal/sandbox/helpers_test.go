package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// reply is one decoded answer of the sandbox.
type reply struct {
	status int
	header http.Header
	raw    []byte
	obj    map[string]any // nil when the body is not a JSON object
}

// str returns a string field of the reply's object.
func (r reply) str(key string) string {
	s, _ := r.obj[key].(string)
	return s
}

// results returns the "results" of a list reply.
func (r reply) results() []map[string]any {
	var out []map[string]any
	list, _ := r.obj["results"].([]any)
	for _, x := range list {
		m, _ := x.(map[string]any)
		out = append(out, m)
	}
	return out
}

// call sends one request through the in-process Transport, with the host of
// the real API. An empty version or token leaves the header out.
func call(t testing.TB, w *Workspace, method, path, version, token, body string) reply {
	t.Helper()
	return callCtx(context.Background(), t, w, method, path, version, token, body)
}

func callCtx(ctx context.Context, t testing.TB, w *Workspace, method, path, version, token, body string) reply {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, "https://api.notion.com"+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if version != "" {
		req.Header.Set("Notion-Version", version)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := (&http.Client{Transport: w.Transport()}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	r := reply{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &r.obj)
	return r
}

// wantError checks an error reply's status, code and message (message ""
// skips it), and that its request_id matches x-notion-request-id.
func wantError(t *testing.T, r reply, status int, code, message string) {
	t.Helper()
	if r.status != status || r.str("code") != code || r.str("object") != "error" {
		t.Fatalf("got %d %s, want %d %s: %s", r.status, r.str("code"), status, code, r.raw)
	}
	if message != "" && r.str("message") != message {
		t.Errorf("message:\n got %q\nwant %q", r.str("message"), message)
	}
	if int(r.obj["status"].(float64)) != status {
		t.Errorf("body status %v, want %d", r.obj["status"], status)
	}
	if rid := r.str("request_id"); rid == "" || rid != r.header.Get("X-Notion-Request-Id") {
		t.Errorf("request_id %q, header %q", rid, r.header.Get("X-Notion-Request-Id"))
	}
}

// path builds a /v1 path.
func path(parts ...string) string { return "/v1/" + strings.Join(parts, "/") }

// searchAll pages through POST /v1/search and returns every result's ID, in
// order, and the number of requests it took. It decodes only what it needs.
func searchAll(t testing.TB, w *Workspace, version, token, filter string, pageSize int) ([]string, int) {
	t.Helper()
	client := &http.Client{Transport: w.Transport()}
	var ids []string
	cursor, n := "", 0
	for {
		body := map[string]any{"page_size": pageSize}
		if filter != "" {
			body["filter"] = map[string]string{"property": "object", "value": filter}
		}
		if cursor != "" {
			body["start_cursor"] = cursor
		}
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", "https://api.notion.com/v1/search", strings.NewReader(string(b)))
		req.Header.Set("Notion-Version", version)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Results []struct {
				ID string `json:"id"`
			} `json:"results"`
			NextCursor *string `json:"next_cursor"`
			HasMore    bool    `json:"has_more"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		n++
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("search page %d: %d %v", n, resp.StatusCode, err)
		}
		for _, x := range page.Results {
			ids = append(ids, x.ID)
		}
		if !page.HasMore {
			if page.NextCursor != nil {
				t.Fatalf("has_more false with next_cursor %v", *page.NextCursor)
			}
			return ids, n
		}
		cursor = *page.NextCursor
	}
}
