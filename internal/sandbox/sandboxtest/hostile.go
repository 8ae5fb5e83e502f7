package sandboxtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Hostile is a Notion API that misbehaves as an attacker's server (or a
// misconfigured base URL) would: search pages that never end or cycle their
// cursors, huge or slow bodies, the caller's token echoed back in 2xx and
// error bodies, control characters and injected instructions in titles.
// users/me always answers as a bot. The zero value serves one empty page.
type Hostile struct {
	Results int    // search results in all (spread over pages); -1: endless
	PerPage int    // results per search page; default 100
	Cycle   int    // > 0: after this many pages the cursor goes back to the first
	Title   string // title of every result; "%d" is replaced by its index
	// EchoToken puts the Authorization header's token in every title and in
	// users/me's name.
	EchoToken bool
	// ErrorEcho answers search with a 400 whose message holds the token
	// (whole, and its second half alone).
	ErrorEcho bool
	// HugeBody pads every search answer to this many bytes.
	HugeBody int
	// Trickle sends search answers a few bytes at a time, this far apart.
	Trickle time.Duration
}

// Server serves h on a loopback port until the test ends.
func (h Hostile) Server(t testing.TB) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(srv.Close)
	return srv
}

func (h Hostile) serve(w http.ResponseWriter, r *http.Request) {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.URL.Path == "/v1/users/me":
		name := "Hostile Bot"
		if h.EchoToken {
			name = "Bot of " + tok
		}
		fmt.Fprintf(w, `{"object":"user","id":"5459de79-c15b-8af0-4c68-bc3999965cd9","type":"bot","name":%q,"bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Hostile"}}`, name)
	case r.URL.Path == "/v1/search":
		if h.ErrorEcho {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"object":"error","status":400,"code":"validation_error","message":"bad token %s (tail %s)"}`, tok, tok[len(tok)/2:])
			return
		}
		h.search(w, r, tok)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"object":"error","status":404,"code":"object_not_found","message":"Could not find object."}`)
	}
}

func (h Hostile) search(w http.ResponseWriter, r *http.Request, tok string) {
	per := h.PerPage
	if per <= 0 {
		per = 100
	}
	var req struct {
		StartCursor string `json:"start_cursor"`
	}
	_ = decodeJSON(r, &req)
	page, _ := strconv.Atoi(strings.TrimPrefix(req.StartCursor, "c"))
	first := page * per
	n := per
	if h.Results >= 0 && first+n > h.Results {
		n = max(h.Results-first, 0)
	}
	var b strings.Builder
	b.WriteString(`{"object":"list","results":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		k := first + i
		title := strings.ReplaceAll(h.Title, "%d", strconv.Itoa(k))
		if title == "" {
			title = fmt.Sprintf("Database %d", k)
		}
		if h.EchoToken {
			title += " " + tok
		}
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", k, k)
		db := fmt.Sprintf("%08x-1111-4111-8111-%012x", k, k)
		fmt.Fprintf(&b, `{"object":"data_source","id":%q,"title":[{"plain_text":%s}],"parent":{"type":"database_id","database_id":%q},`+
			`"database_parent":{"type":"workspace","workspace":true},"last_edited_time":"2026-01-01T00:00:00.000Z","url":"https://www.notion.so/%s"}`, id, jsonString(title), db, strings.ReplaceAll(db, "-", ""))
	}
	b.WriteString(`]`)
	next := page + 1
	if h.Cycle > 0 && next >= h.Cycle {
		next = 1 // back to the second page's cursor: a cycle
	}
	more := h.Results < 0 || first+n < h.Results
	if more {
		fmt.Fprintf(&b, `,"next_cursor":"c%d","has_more":true`, next)
	} else {
		b.WriteString(`,"next_cursor":null,"has_more":false`)
	}
	if pad := h.HugeBody - b.Len() - 20; pad > 0 {
		b.WriteString(`,"padding":"`)
		b.WriteString(strings.Repeat("x", pad))
		b.WriteString(`"`)
	}
	b.WriteString(`}`)
	body := b.String()
	if h.Trickle <= 0 {
		_, _ = w.Write([]byte(body))
		return
	}
	fl, _ := w.(http.Flusher)
	for i := 0; i < len(body); i += 8 {
		if _, err := w.Write([]byte(body[i:min(i+8, len(body))])); err != nil {
			return
		}
		if fl != nil {
			fl.Flush()
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(h.Trickle):
		}
	}
}

func decodeJSON(r *http.Request, v any) error {
	return json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(v)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
