package notion

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// bodyTransport answers every request with one status and body.
type bodyTransport struct {
	status int
	ctype  string
	body   []byte
}

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {b.ctype}, "Retry-After": {"1"}}
	return &http.Response{StatusCode: b.status, Header: h, Body: io.NopCloser(bytes.NewReader(b.body)), Request: r}, nil
}

const fuzzToken = "ntn_12345678901FuzzTokenAbCdEfGhIjKlMnOpQrStUvWxY"

// tokenSlice returns a 12-character slice of the token found in s that the
// body did not itself contain (the body may echo the token; the client must
// scrub it, but a body that happens to hold a slice is the server's text).
func tokenSlice(s, body string) string {
	if strings.Contains(s, fuzzToken) {
		return fuzzToken
	}
	for i := 0; i+12 <= len(fuzzToken); i++ {
		if sl := fuzzToken[i : i+12]; strings.Contains(s, sl) && !strings.Contains(body, sl) {
			return sl
		}
	}
	return ""
}

// FuzzDecode feeds arbitrary response bodies and statuses to every call:
// decoding never panics, a failure is always a *Error, and nothing the
// client returns repeats the token, even when the body echoes it.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"object":"page","id":"0123456789abcdef0123456789abcdef","last_edited_time":"x","parent":{"type":"data_source_id","data_source_id":"a","database_id":"b"},"properties":{"Name":{"type":"title","title":[{"plain_text":"T"}]}}}`,
		`{"object":"database","id":"0123456789abcdef0123456789abcdef","data_sources":[{"id":"x","name":"y"}],"title":[{"plain_text":"D"}]}`,
		`{"object":"list","results":[{"object":"data_source","id":"1"},{"object":"page"}],"next_cursor":null,"has_more":true}`,
		`{"object":"user","type":"bot","bot":{"owner":{"type":"workspace"},"workspace_name":null}}`,
		`{"object":"error","status":404,"code":"object_not_found","message":"Could not find page with ID: x. Make sure the relevant pages and databases are shared with your integration \"A\".","additional_data":{"integration_id":"` + fuzzToken + `"}}`,
		`<html><body>502 Bad Gateway</body></html>`, `{"object":"page"`, `[]`, `null`, `{"results":5}`,
		`{"object":"user","type":"person","person":{"email":5},"name":"P","id":"0123456789abcdef0123456789abcdef"}`,
		`{"object":"view","id":"0123456789abcdef0123456789abcdef","parent":{"type":"database_id","database_id":7},"data_source_id":null}`,
		`{"object":"list","results":[{"object":"view","id":"x"}],"type":"view","view":{},"request_status":{"type":"incomplete"}}`,
		`{"object":"list","results":[],"request_status":"incomplete"}`, `{"object":"database","id":"0123456789abcdef0123456789abcdef","data_sources":[]}`,
		`{"object":"error","status":429,"code":"rate_limited","message":"m","additional_data":{"rate_limit_reason":["workspace"]}}`,
		`<html><head><title>Attention Required! | Cloudflare</title></head></html>`,
	} {
		for _, status := range []int{200, 400, 403, 404, 429, 502, 529} {
			f.Add(status, s)
		}
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 100 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		ctype := "application/json"
		if strings.HasPrefix(body, "<") {
			ctype = "text/html"
		}
		c, err := New(Config{
			Transport:   bodyTransport{status: status, ctype: ctype, body: []byte(body)},
			MaxAttempts: 1, Timeout: time.Second, Clock: newFakeClock(true),
		}, token.New(fuzzToken, "fuzz"))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		const id = "0123456789abcdef0123456789abcdef"
		calls := []func() (any, error){
			func() (any, error) { return c.Me(ctx, V20250903) },
			func() (any, error) { return c.Me(ctx, V20220628) },
			func() (any, error) { return c.RetrievePage(ctx, V20250903, id) },
			func() (any, error) { return c.RetrieveDatabase(ctx, V20220628, id) },
			func() (any, error) { return c.RetrieveDatabase(ctx, V20250903, id) },
			func() (any, error) { return c.RetrieveDataSource(ctx, V20260311, id) },
			func() (any, error) { return c.RetrieveBlock(ctx, V20250903, id) },
			func() (any, error) { return c.BlockChildren(ctx, V20250903, id, "", 100) },
			func() (any, error) {
				return c.Search(ctx, V20250903, SearchRequest{Filter: "data_source", PageSize: 100})
			},
			func() (any, error) { return c.RetrieveView(ctx, V20250903, "view://"+id) },
			func() (any, error) { return c.ListViews(ctx, V20250903, id) },
		}
		for i, call := range calls {
			v, err := call()
			if err != nil {
				e, ok := AsError(err)
				if !ok {
					t.Fatalf("call %d: error %T is not a *notion.Error: %v", i, err, err)
				}
				_, _, _ = e.IsBlocked(), e.WorkspaceLimited(), e.IsOverloaded()
				if leak := tokenSlice(e.Error(), body); leak != "" {
					t.Fatalf("call %d: the error holds %q, a slice of the token: %v", i, leak, e)
				}
				continue
			}
			if v == nil {
				t.Fatalf("call %d: nil result and nil error", i)
			}
		}
	})
}
