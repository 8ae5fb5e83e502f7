package cli

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// listCall is a list_shared_databases call under API 2022-06-28 (one search
// result per database, no retrievals, so its length is the search pages'),
// asking for progress with the call's id as token.
func listCall(id string) string {
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"tools/call","params":{"name":"list_shared_databases",` +
		`"arguments":{"api_version":"2022-06-28","refresh":true},"_meta":{"progressToken":` + id + `}}}`
}

// waitProgress reads until a progress notification for token (a JSON text,
// also the call's id) arrives, keeping other lines in s.client.Seen.
func (s *stdioServer) waitProgress(token string) {
	s.tb.Helper()
	for {
		m, ok := s.next()
		if !ok {
			s.tb.Fatalf("stdout ended before progress for %s; stderr:\n%s", token, s.stderr)
		}
		if m.Method == "notifications/progress" {
			var p struct {
				Token json.RawMessage `json:"progressToken"`
			}
			if json.Unmarshal(m.Params, &p) == nil && string(p.Token) == token {
				return
			}
		}
		if m.IsResponse() && string(m.ID) == token {
			s.tb.Fatalf("the call was answered before any progress: %.500s", m.Raw)
		}
		s.client.Seen = append(s.client.Seen, m)
	}
}

// listResult decodes a list_shared_databases answer.
func listResult(tb testing.TB, m testsupport.Message) (isError bool, r listing.Result, text string) {
	tb.Helper()
	var res struct {
		IsError    bool            `json:"isError"`
		Structured *listing.Result `json:"structuredContent"`
		Content    []struct {
			Text string `json:"text"`
		} `json:"content"`
	}
	if m.Error != nil || json.Unmarshal(m.Result, &res) != nil {
		tb.Fatalf("list_shared_databases: %.500s", m.Raw)
	}
	if res.Structured != nil {
		r = *res.Structured
	}
	if len(res.Content) > 0 {
		text = res.Content[0].Text
	}
	return res.IsError, r, text
}

// notifications/cancelled during a long listing stops it: at most the
// search already under way finishes, the call is not answered (the MCP spec
// asks servers not to answer a cancelled request) and the server keeps
// serving.
func TestCancelStopsListing(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{
		"NOTION_MCP_SANDBOX_DATABASES": "3000", // 30+ search pages: at 3 requests a second, over 10 s
		"NOTION_MCP_SANDBOX_LATENCY":   "5ms",
	})
	ws := s.rt.sandbox
	s.send(listCall(`"list"`))
	s.waitProgress(`"list"`)
	before := ws.Count("POST", "/v1/search")
	s.send(`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"list","reason":"user gave up"}}`)
	s.ping(`"after"`)
	s.extract(`"after-call"`)
	code, rest := s.finish() // EOF waits for the cancelled call to end
	if code != 0 {
		t.Errorf("exit status %d", code)
	}
	if final := ws.Count("POST", "/v1/search"); final > before+1 {
		t.Errorf("%d search requests when the cancellation was sent, %d in the end: the listing went on", before, final)
	}
	for _, m := range append(s.client.Seen, rest...) {
		if m.IsResponse() && string(m.ID) == `"list"` {
			t.Errorf("the cancelled call was answered: %.300s", m.Raw)
		}
	}
}

// EOF with a call in flight lets it finish: its full answer arrives, then
// the server exits 0. Lines that mcp-go answers but that are not ordinary
// requests come first: their answers used to count against the call in
// flight, so EOF ended the input at once and mcp-go cancelled the call.
func TestEOFLetsCallsFinish(t *testing.T) {
	t.Parallel()      // waits out the sandbox's latency
	const extra = 250 // three search pages, 100 ms each
	s := startServer(t, map[string]string{
		"NOTION_MCP_SANDBOX_DATABASES": "250",
		"NOTION_MCP_SANDBOX_LATENCY":   "100ms",
	})
	ws := s.rt.sandbox
	s.send(
		`{"jsonrpc":"2.0","id":"odd1","method":"ping","result":null}`,
		`{"jsonrpc":"2.0","id":"odd2"}`,
		`{"jsonrpc":"1.0","id":"odd3","result":1}`,
	)
	s.replies(`"odd1"`, `"odd2"`, `"odd3"`)
	s.send(listCall(`"list"`), extractCall(`"x1"`), extractCall(`"x2"`))
	s.waitProgress(`"list"`)
	t.Logf("input closed after %d search requests", ws.Count("POST", "/v1/search"))
	code, rest := s.finish()
	if code != 0 {
		t.Errorf("exit status %d", code)
	}
	answers := map[string]testsupport.Message{}
	for _, m := range append(s.client.Seen, rest...) {
		if m.IsResponse() {
			answers[string(m.ID)] = m
		}
	}
	checkExtract(t, answers[`"x1"`])
	checkExtract(t, answers[`"x2"`])
	m, ok := answers[`"list"`]
	if !ok {
		t.Fatalf("the listing in flight at EOF was never answered; stderr:\n%s", s.stderr)
	}
	// Every 10th generated database has two data sources, which search
	// under 2022-06-28 leaves out.
	isError, r, text := listResult(t, m)
	if isError || !r.Complete || r.Count < extra*9/10 {
		t.Errorf("listing in flight at EOF: isError=%v complete=%v count=%d: %.300s", isError, r.Complete, r.Count, text)
	}
}

// A signal (the root context ending) while a call runs: the call gets the
// grace period, is then cancelled and answered, and serve returns 0.
func TestSignalDuringCall(t *testing.T) {
	t.Parallel() // waits out the grace period
	s := startServer(t, map[string]string{
		"NOTION_MCP_SANDBOX_DATABASES": "3000",
		"NOTION_MCP_SANDBOX_LATENCY":   "5ms",
	})
	s.send(listCall(`"list"`))
	s.waitProgress(`"list"`)
	start := time.Now()
	s.signal()
	m := s.reply(`"list"`)
	if isError, _, text := listResult(t, m); !isError {
		t.Errorf("the call cut short by the signal was not an isError result: %.300s", text)
	}
	code, _ := s.finish()
	if code != 0 {
		t.Errorf("exit status %d after a signal", code)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("serve took %v to return after the signal (grace 1.5 s)", d)
	}
}
