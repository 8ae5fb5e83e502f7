package notion

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Every failure, log line and trace entry is free of the token, even when a
// server echoes the Authorization header back.
func TestTokenNeverLeaks(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch {
		case r.URL.Path == "/v1/users/me":
			writeJSON(w, 401, notionError(401, "unauthorized", "API token is invalid."), "X-Notion-Request-Id", "rid-401")
		case strings.HasPrefix(r.URL.Path, "/v1/pages/"):
			writeJSON(w, 400, `{"object":"error","status":400,"code":"validation_error","message":"bad header: `+auth+`",`+
				`"additional_data":{"header":"`+auth+`","list":["`+auth+`",{"deep":"`+auth+`"}]}}`)
		case strings.HasPrefix(r.URL.Path, "/v1/blocks/"):
			w.Header().Set("Cf-Ray", "ray-1")
			w.WriteHeader(502)
			io.WriteString(w, "<html><body>upstream said "+auth+"</body></html>")
		default:
			<-r.Context().Done()
		}
	})
	c, _, logs := newTestClient(t, api.URL, func(cfg *Config) { cfg.Timeout = 50 * time.Millisecond })
	tr := &Trace{}
	ctx := WithTrace(context.Background(), tr)
	var errs []error
	_, err := c.Me(ctx, V20250903)
	errs = append(errs, err)
	_, err = c.RetrievePage(ctx, V20250903, pageID)
	errs = append(errs, err)
	if e, _ := AsError(err); e == nil || e.Message != "bad header: Bearer ntn_…Z5cD" || e.AdditionalData["header"] != "Bearer ntn_…Z5cD" {
		t.Errorf("echoed header not redacted to the fingerprint: %v", err)
	}
	_, err = c.RetrieveBlock(ctx, V20250903, pageID)
	errs = append(errs, err)
	_, err = c.Search(ctx, V20250903, SearchRequest{Query: "q"})
	errs = append(errs, err)
	req, _ := http.NewRequestWithContext(ctx, "PATCH", "https://api.notion.com/v1/pages/"+pageID, strings.NewReader(`{}`))
	_, err = c.hc.Do(req)
	errs = append(errs, err)

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	dead, _, deadLogs := newTestClient(t, closed.URL, nil)
	_, err = dead.Me(ctx, V20250903)
	errs = append(errs, err)

	for _, err := range errs {
		e, ok := AsError(err)
		if !ok {
			t.Fatalf("not an *Error: %v", err)
		}
		b, _ := json.Marshal(e)
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e), string(b)} {
			assertNoSecret(t, "error "+e.Code, s)
		}
	}
	assertNoSecret(t, "logs", logs.String()+deadLogs.String())
	assertNoSecret(t, "trace", fmt.Sprintf("%+v", tr.Exchanges()))
	assertNoSecret(t, "client", fmt.Sprintf("%v %+v %#v", c, *c, *c))
	if len(tr.Exchanges()) != 6 {
		t.Errorf("trace has %d exchanges, want 6", len(tr.Exchanges()))
	}
	for _, field := range []string{`"method":"GET"`, `"path":"/v1/users/me"`, `"version":"2025-09-03"`, `"status":401`,
		`"attempts":1`, `"request_id":"req-unauthorized"`, `"duration":`, `"token":"ntn_…Z5cD"`, `"code":"refused_write"`} {
		if !strings.Contains(logs.String(), field) {
			t.Errorf("debug logs lack %s:\n%s", field, logs.String())
		}
	}
}

func TestTraceRecordsEachLogicalRequest(t *testing.T) {
	api := newFakeAPI(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/databases/" + dbID:
			writeJSON(w, 400, `{"object":"error","status":400,"code":"validation_error","message":"Provided ID `+dbID+` is a page, not a database.","request_id":"r-db"}`)
		case "/v1/pages/" + dbID:
			writeJSON(w, 200, `{"object":"page","id":"`+dbID+`","last_edited_time":"t"}`, "X-Notion-Request-Id", "r-page")
		default:
			writeJSON(w, 200, `{"object":"list","results":[],"request_id":"r-body"}`)
		}
	})
	c, _, _ := newTestClient(t, api.URL, nil)
	tr := &Trace{}
	ctx := WithTrace(context.Background(), tr)
	c.RetrieveDatabase(ctx, V20220628, dbID)
	c.RetrievePage(ctx, V20220628, dbID)
	c.Search(context.Background(), V20220628, SearchRequest{}) // not traced
	c.BlockChildren(ctx, V20260311, dbID, "", 10)
	got := tr.Exchanges()
	want := []Exchange{
		{Method: "GET", Path: "/v1/databases/" + dbID, Version: V20220628, Status: 400, Code: "validation_error", RequestID: "r-db", Attempts: 1},
		{Method: "GET", Path: "/v1/pages/" + dbID, Version: V20220628, Status: 200, RequestID: "r-page", Attempts: 1},
		{Method: "GET", Path: "/v1/blocks/" + dbID + "/children", Version: V20260311, Status: 200, RequestID: "r-body", Attempts: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d exchanges: %+v", len(got), got)
	}
	for i := range want {
		got[i].Duration = 0 // the fake clock does not move without waits
		if got[i] != want[i] {
			t.Errorf("exchange %d:\ngot  %+v\nwant %+v", i, got[i], want[i])
		}
	}
}
