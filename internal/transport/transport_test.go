package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// answer is one response expected: its id (a JSON text) and error code (0
// for a result, anyError for any error).
type answer struct {
	id   string
	code int
}

const anyError = 1

// TestBadInput sends each kind of bad input after initialize and checks
// exactly what comes back (in any order), then that the loop still serves
// and returns nil at EOF. The cases are the ones internal/cli's serve tests
// hold the server to, with the answers this loop improves on: an id is
// never lost (a line that names one is answered with it) and a valid JSON
// value that is not an object is -32600, as JSON-RPC 2.0's examples say.
func TestBadInput(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 256<<10) // past bufio's 64 KiB buffer
	for _, tc := range []struct {
		name string
		in   []string
		want []answer
	}{
		{"junk", []string{"not json", "{", `{"jsonrpc":"2.0",}`}, []answer{{"null", -32700}, {"null", -32700}, {"null", -32700}}},
		{"256 KiB line of junk", []string{big}, []answer{{"null", -32700}}},
		{"256 KiB request", []string{`{"jsonrpc":"2.0","id":"big","method":"ping","params":{"pad":"` + big + `"}}`}, []answer{{`"big"`, 0}}},
		{"unterminated request", []string{`{"jsonrpc":"2.0","id":"u","method":"ping","params":"` + big}, []answer{{"null", -32700}}},
		{"invalid UTF-8", []string{"\xff\xfe{\x80}"}, []answer{{"null", -32700}}},
		{"invalid UTF-8 in an id", []string{"{\"jsonrpc\":\"2.0\",\"id\":\"u\xff\",\"method\":\"ping\"}"}, []answer{{`"u` + "\ufffd" + `"`, 0}}},
		{"batches", []string{`[{"jsonrpc":"2.0","id":"b1","method":"ping"}]`, `[]`, "[" + strings.Repeat("[", 20000)}, []answer{{"null", -32600}, {"null", -32600}, {"null", -32700}}},
		{"too deep", []string{strings.Repeat("[", 20000) + strings.Repeat("]", 20000)}, []answer{{"null", -32700}}},
		{"not objects", []string{`null`, `"ping"`, `5`, `true`}, []answer{{"null", -32600}, {"null", -32600}, {"null", -32600}, {"null", -32600}}},
		{"bad ids", []string{
			`{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`,
			`{"jsonrpc":"2.0","id":true,"method":"ping"}`,
			`{"jsonrpc":"2.0","id":[1],"method":"tools/call","params":{"name":"echo","arguments":{"input":"x"}}}`,
		}, []answer{{"null", -32600}, {"null", -32600}, {"null", -32600}}},
		{"no id is a notification", []string{
			`{"jsonrpc":"2.0","method":"ping"}`,
			`{"jsonrpc":"2.0","method":"tools/call","params":{"name":"echo","arguments":{"input":"x"}}}`,
			`{"jsonrpc":"2.0","id":null,"method":"tools/list"}`,
			`{"jsonrpc":"2.0","method":"notifications/unknown","params":{"a":[1]}}`,
		}, nil},
		{"jsonrpc and method", []string{
			`{"jsonrpc":"1.0","id":1,"method":"ping"}`,
			`{"jsonrpc":2,"id":2,"method":"ping"}`,
			`{"id":3,"method":"ping"}`,
			`{"jsonrpc":"2.0","id":4,"method":5}`,
			`{"jsonrpc":"2.0","id":5}`,
			`{}`,
			`{"jsonrpc":"2.0","id":6,"method":null}`,
			`{"jsonrpc":null,"id":7,"method":"ping"}`,
			`{"jsonrpc":"2.\u0030","id":8,"method":"pi\u006eg"}`,
		}, []answer{{"1", -32600}, {"2", -32600}, {"3", -32600}, {"4", -32600}, {"5", -32601}, {"null", -32600}, {"6", -32600}, {"7", -32600}, {"8", 0}}},
		{"responses from the client are not answered", []string{
			`{"jsonrpc":"2.0","id":6,"result":{}}`,
			`{"jsonrpc":"2.0","id":7,"error":{"code":1,"message":"x"}}`,
			`{"jsonrpc":"2.0","result":{}}`,
		}, nil},
		{"a method with a result or an error is a request", []string{
			`{"jsonrpc":"2.0","id":8,"method":"ping","result":null}`,
			`{"jsonrpc":"2.0","id":9,"method":"ping","error":{"code":1,"message":"x"}}`,
		}, []answer{{"8", 0}, {"9", 0}}},
		{"params of the wrong type", []string{
			`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":5}`,
			`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":[]}`,
			`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":5}}`,
			`{"jsonrpc":"2.0","id":4,"method":"tools/list","params":5}`,
		}, []answer{{"1", anyError}, {"2", anyError}, {"3", anyError}, {"4", anyError}}},
		{"unknown methods", []string{`{"jsonrpc":"2.0","id":10,"method":"no/such/method"}`, `{"jsonrpc":"2.0","id":11,"method":"notifications/initialized"}`}, []answer{{"10", -32601}, {"11", -32601}}},
		{"blank lines and CRLF", []string{"", "  \t", `{"jsonrpc":"2.0","id":"crlf","method":"ping"}` + "\r", "\r"}, []answer{{`"crlf"`, 0}}},
		{"a panicking tool", []string{`{"jsonrpc":"2.0","id":"boom","method":"tools/call","params":{"name":"boom"}}`}, []answer{{`"boom"`, -32603}}},
		{"an unknown tool", []string{toolCall(`"nt"`, "no_such_tool", "x")}, []answer{{`"nt"`, anyError}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, Options{})
			h.initialize()
			h.send(tc.in...)
			h.ping(`"probe"`)
			h.echo(`"probe-call"`, "still serving")
			rest, err := h.finish()
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
			var got []answer
			for _, m := range append(h.client.Seen, rest...) {
				if !m.IsResponse() {
					t.Errorf("unexpected notification: %.300s", m.Raw)
					continue
				}
				got = append(got, answer{string(m.ID), m.Code()})
			}
			if !sameAnswers(got, tc.want) {
				t.Errorf("answers %v, want %v", got, tc.want)
			}
		})
	}
}

func sameAnswers(got, want []answer) bool {
	if len(got) != len(want) {
		return false
	}
	left := slices.Clone(want)
next:
	for _, g := range got {
		for i, w := range left {
			if w.id == g.id && (w.code == g.code || (w.code == anyError && g.code != 0)) {
				left = slices.Delete(left, i, i+1)
				continue next
			}
		}
		return false
	}
	return true
}

// Ids come back exactly as sent, whatever a float64 would make of them.
func TestIDsEchoedAsSent(t *testing.T) {
	t.Parallel()
	h := start(t, Options{})
	h.initialize()
	ids := []string{"9007199254740993", "1e29", "-0", "1.50", "0.1e-2", `"\u0041"`, `"a\"b"`, `""`, "123456789012345678901234567890", "-7"}
	for i, id := range ids {
		if i%2 == 0 {
			h.send(`{"jsonrpc":"2.0","id":` + id + `,"method":"ping"}`)
		} else {
			h.send(toolCall(id, "echo", "x"))
		}
		if m := h.reply(id); m.Error != nil {
			t.Errorf("id %s: %s", id, m.Raw)
		}
	}
	// A duplicate id in flight: both are answered.
	h.send(toolCall("42", "echo", "a"), toolCall("42", "echo", "b"))
	var got []string
	for range 2 {
		text, _ := resultText(t, h.reply("42"))
		got = append(got, text)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("two calls with id 42: %v", got)
	}
}

// A line over the limit is answered with an error and skipped as it
// streams by: the loop's memory does not grow with it, and the next line
// is served.
//
// Not parallel: it measures the process's allocations.
func TestOverLongLine(t *testing.T) {
	const limit = 4 << 10
	h := start(t, Options{MaxLine: limit})
	h.initialize()
	// Exactly at the limit is served.
	pad := limit - len(`{"jsonrpc":"2.0","id":"at","method":"ping","params":{"p":""}}`)
	h.send(`{"jsonrpc":"2.0","id":"at","method":"ping","params":{"p":"` + strings.Repeat("y", pad) + `"}}`)
	if m := h.reply(`"at"`); m.Error != nil {
		t.Fatalf("a line at the limit: %s", m.Raw)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const huge = 16 << 20
	go func() {
		io.Copy(h.in, io.LimitReader(repeat('x'), huge))
		h.in.Write([]byte("\n"))
	}()
	m := h.reply("null")
	runtime.ReadMemStats(&after)
	if m.Code() != -32600 || !strings.Contains(m.Error.Message, strconv.Itoa(limit)) {
		t.Errorf("over-long line: %s", m.Raw)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > huge/4 {
		t.Errorf("skipping a %d MiB line allocated %d MiB", huge>>20, grew>>20)
	}
	h.ping(`"after"`)
	if rest, err := h.finish(); err != nil || len(rest) != 0 {
		t.Errorf("Serve: %v, extra lines %v", err, rest)
	}
}

type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// Under the handshake's protocol versions a request before initialize is
// refused (ping and server/discover excepted); a 2026-07-28 request
// carries its own protocol version and is served without one.
func TestBeforeInitialize(t *testing.T) {
	t.Parallel()
	h := start(t, Options{})
	h.send(toolCall("1", "echo", "x"), `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	for _, id := range []string{"1", "2"} {
		if m := h.reply(id); m.Code() != -32002 || !strings.Contains(m.Error.Message, "initialize") {
			t.Errorf("request %s before initialize: %s", id, m.Raw)
		}
	}
	h.ping("3")
	const meta = `"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}`
	h.send(`{"jsonrpc":"2.0","id":4,"method":"server/discover","params":{` + meta + `}}`)
	if m := h.reply("4"); m.Error != nil || !strings.Contains(string(m.Result), `"supportedVersions"`) {
		t.Errorf("server/discover: %s", m.Raw)
	}
	h.send(`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":{"input":"modern"},` + meta + `}}`)
	if text, isErr := resultText(t, h.reply("5")); isErr || text != "modern" {
		t.Errorf("a 2026-07-28 call: %q", text)
	}
	// A 2026-07-28 request without its capabilities is malformed (mcp-go).
	h.send(`{"jsonrpc":"2.0","id":6,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}`)
	if m := h.reply("6"); m.Error == nil {
		t.Errorf("a 2026-07-28 request without clientCapabilities: %s", m.Raw)
	}
	h.initialize()
	h.echo("7", "after")
}

// Notifications a call writes through WriteMessage precede its result.
func TestNotificationsBeforeResult(t *testing.T) {
	t.Parallel()
	h := start(t, Options{})
	h.initialize()
	const n = 50
	for i := range n {
		h.send(toolCall(strconv.Itoa(i), "progress", "tok"+strconv.Itoa(i)))
	}
	progress := map[string]int{}
	for answered := 0; answered < n; {
		m, ok := h.next()
		if !ok {
			t.Fatal("output ended")
		}
		if m.Method == "notifications/progress" {
			var p struct {
				Token string `json:"progressToken"`
			}
			if err := json.Unmarshal(m.Params, &p); err != nil {
				t.Fatal(err)
			}
			progress[p.Token]++
			continue
		}
		answered++
		if c := progress["tok"+string(m.ID)]; c != 3 {
			t.Errorf("call %s answered after %d of its 3 notifications", m.ID, c)
		}
	}
	// mcp-go's own notifications reach the client too.
	h.send(toolCall(`"n"`, "notify", "hello"))
	h.reply(`"n"`)
	rest, err := h.finish()
	found := false
	for _, m := range append(h.client.Seen, rest...) {
		found = found || (m.Method == "notifications/message" && strings.Contains(string(m.Params), "hello"))
	}
	if err != nil || !found {
		t.Errorf("Serve %v; mcp-go's notification written: %v", err, found)
	}
}

// notifications/cancelled stops a running call and drops a queued one;
// neither is answered, and everything else goes on.
func TestCancel(t *testing.T) {
	t.Parallel()
	h := start(t, Options{MaxRunning: 1})
	h.initialize()
	h.send(toolCall(`"run"`, "slow", "run"), toolCall(`"wait"`, "slow", "wait"), toolCall(`"next"`, "slow", "next"))
	if got := h.waitStarted(1); got[0] != "run" {
		t.Fatalf("started %v", got)
	}
	h.send(cancelLine(`"wait"`), cancelLine(`"run"`))
	if in := <-h.g.ended; in != "run" {
		t.Fatalf("ended %q", in)
	}
	// The queue moves on to "next", skipping the cancelled "wait".
	if got := h.waitStarted(1); got[0] != "next" {
		t.Fatalf("started %v after the cancellations", got)
	}
	h.ping(`"p"`)
	closeOnce(h.g.release)
	if text, _ := resultText(t, h.reply(`"next"`)); text != "slow next" {
		t.Errorf("next: %q", text)
	}
	// Cancelling what is unknown or done changes nothing.
	h.send(cancelLine(`"next"`), cancelLine(`"never"`), cancelLine(`{"x":1}`), `{"jsonrpc":"2.0","method":"notifications/cancelled","params":5}`)
	h.echo(`"e"`, "x")
	rest, err := h.finish()
	for _, m := range append(h.client.Seen, rest...) {
		if id := string(m.ID); id == `"run"` || id == `"wait"` {
			t.Errorf("the cancelled call %s was answered: %s", id, m.Raw)
		}
	}
	if err != nil {
		t.Errorf("Serve: %v", err)
	}
	select {
	case in := <-h.g.started:
		t.Errorf("the cancelled queued call %q ran", in)
	default:
	}
}

// With a thousand Notion-bound calls queued behind busy slots, ping, an
// offline call and a cancellation are read and answered at once; a full
// queue refuses the next call at once instead of blocking reading; at EOF
// every call read is answered once released.
func TestNoHeadOfLineBlocking(t *testing.T) {
	t.Parallel()
	const running, queued = 2, 1000
	h := start(t, Options{MaxRunning: running, MaxQueued: queued})
	h.initialize()
	var b strings.Builder
	for i := range running + queued {
		b.WriteString(toolCall(strconv.Itoa(i), "slow", strconv.Itoa(i)) + "\n")
	}
	b.WriteString(toolCall(`"over"`, "slow", "over") + "\n")
	h.write([]byte(b.String()))
	h.waitStarted(running)
	if m := h.reply(`"over"`); m.Code() != -32000 || !strings.Contains(m.Error.Message, "busy") {
		t.Errorf("a call past the full queue: %s", m.Raw)
	}
	h.ping(`"p"`)
	h.echo(`"e"`, "offline")
	h.send(cancelLine(strconv.Itoa(queued)))
	h.ping(`"p2"`)
	if n := h.loop.Pending(); n != running+queued-1 {
		t.Errorf("%d pending, want %d", n, running+queued-1)
	}
	closeOnce(h.g.release)
	rest, err := h.finish()
	got := map[string]int{}
	for _, m := range append(h.client.Seen, rest...) {
		if m.IsResponse() {
			got[string(m.ID)]++
			if text, isErr := resultText(t, m); isErr || !strings.HasPrefix(text, "slow ") {
				t.Errorf("%s: %q", m.ID, text)
			}
		}
	}
	for i := range running + queued {
		id := strconv.Itoa(i)
		if want := 1 - boolInt(i == queued); got[id] != want {
			t.Errorf("call %s answered %d times, want %d", id, got[id], want)
		}
	}
	if err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A signal with calls running and queued: nothing more is read, the queued
// calls are answered "server is stopping" at once, the running ones are
// cancelled after the grace period and answer, one that ignores its
// cancellation is answered by the loop, and Serve returns nil.
func TestSignal(t *testing.T) {
	t.Parallel()
	h := start(t, Options{MaxRunning: 1, Grace: 1, CancelWait: safety})
	h.initialize()
	h.send(toolCall(`"slow"`, "slow", "slow"))
	h.waitStarted(1)
	const queued = 500
	var b strings.Builder
	for i := range queued {
		b.WriteString(toolCall(strconv.Itoa(i), "slow", strconv.Itoa(i)) + "\n")
	}
	h.write([]byte(b.String()))
	h.ping(`"p"`) // every call above is read
	h.signal()
	rest, err := h.drain()
	if err != nil {
		t.Errorf("Serve: %v", err)
	}
	got := map[string]testsupport.Message{}
	for _, m := range append(h.client.Seen, rest...) {
		if _, dup := got[string(m.ID)]; dup {
			t.Errorf("%s answered twice", m.ID)
		}
		got[string(m.ID)] = m
	}
	for i := range queued {
		if m := got[strconv.Itoa(i)]; m.Code() != -32001 || !strings.Contains(m.Error.Message, "stopping") {
			t.Errorf("queued call %d: %s", i, m.Raw)
		}
	}
	if text, isErr := resultText(t, got[`"slow"`]); !isErr || !strings.Contains(text, "cancelled") {
		t.Errorf("the running call: %q", text)
	}
}

// A call that ignores its cancellation does not hold up the end: the loop
// answers it "server is stopping" and Serve returns.
func TestSignalStuckCall(t *testing.T) {
	t.Parallel()
	h := start(t, Options{Grace: 1, CancelWait: 1})
	h.initialize()
	h.send(toolCall(`"stuck"`, "stuck", "stuck"))
	h.waitStarted(1)
	h.signal()
	rest, err := h.drain()
	if len(rest) != 1 || rest[0].Code() != -32001 || string(rest[0].ID) != `"stuck"` || err != nil {
		t.Errorf("answers %v; Serve: %v", rest, err)
	}
}

// EOF with calls running and queued: they all run and are answered, then
// Serve returns nil; past Drain, what is left is stopped as after a signal.
func TestEOF(t *testing.T) {
	t.Parallel()
	t.Run("answers everything read", func(t *testing.T) {
		t.Parallel()
		h := start(t, Options{MaxRunning: 3})
		h.initialize()
		const n = 200
		var b strings.Builder
		for i := range n {
			b.WriteString(toolCall(strconv.Itoa(i), "slow", strconv.Itoa(i)) + "\n")
		}
		// The last line has no newline: it is a message all the same.
		b.WriteString(`{"jsonrpc":"2.0","id":"last","method":"ping"}`)
		h.write([]byte(b.String()))
		h.in.Close()
		h.waitStarted(3)
		closeOnce(h.g.release)
		rest, err := h.drain()
		answered := map[string]bool{}
		for _, m := range append(h.client.Seen, rest...) {
			answered[string(m.ID)] = m.Error == nil
		}
		for i := range n {
			if !answered[strconv.Itoa(i)] {
				t.Errorf("call %d not answered", i)
			}
		}
		if !answered[`"last"`] || err != nil {
			t.Errorf("last line answered: %v; Serve: %v", answered[`"last"`], err)
		}
	})
	t.Run("stops after the drain period", func(t *testing.T) {
		t.Parallel()
		h := start(t, Options{MaxRunning: 1, Drain: 1, Grace: 1, CancelWait: safety})
		h.initialize()
		h.send(toolCall("1", "slow", "1"), toolCall("2", "slow", "2"))
		h.waitStarted(1)
		rest, err := h.finish()
		codes := map[string]int{}
		for _, m := range rest {
			codes[string(m.ID)] = m.Code()
			if string(m.ID) == "1" {
				if text, isErr := resultText(t, m); !isErr || !strings.Contains(text, "cancelled") {
					t.Errorf("the running call: %q", text)
				}
			}
		}
		if _, ok := codes["1"]; !ok || codes["2"] != -32001 || err != nil {
			t.Errorf("answers %v; Serve: %v", codes, err)
		}
	})
}

// A write error (the client closed its end) ends Serve with that error,
// even with calls in flight.
func TestWriteError(t *testing.T) {
	t.Parallel()
	g := &gates{release: make(chan struct{}), started: make(chan string, 8), stuck: make(chan struct{}), ended: make(chan string, 8)}
	defer close(g.release)
	inR, inW := io.Pipe()
	defer inW.Close()
	var loop *Server
	loop = New(testServer(g, func() *Server { return loop }), inR, failWriter{}, Options{Queued: queuedTools, Grace: 1, CancelWait: 1})
	done := make(chan error, 1)
	go func() { done <- loop.Serve(t.Context()) }()
	go inW.Write([]byte(`{"jsonrpc":"2.0","id":1,"method":"ping"}` + "\n"))
	if err := <-done; err == nil || !strings.Contains(err.Error(), "gone") {
		t.Errorf("Serve: %v, want the write error", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("the client is gone") }

// Loops do not share state: two serve side by side.
func TestTwoLoops(t *testing.T) {
	t.Parallel()
	a, b := start(t, Options{}), start(t, Options{})
	a.initialize()
	b.send(toolCall("1", "echo", "x"))
	if m := b.reply("1"); m.Code() != -32002 {
		t.Errorf("the second loop shares the first one's initialization: %s", m.Raw)
	}
	a.echo("1", "a")
	for _, h := range []*harness{a, b} {
		if _, err := h.finish(); err != nil {
			t.Error(err)
		}
	}
}

func TestErrorLineIsJSONRPC(t *testing.T) {
	for _, id := range []string{"", "null", "1", `"x"`} {
		line := errorLine([]byte(id), codeInvalidRequest, "message \"quoted\" <b>")
		m, err := testsupport.ParseMessage(bytes.TrimSuffix(line, []byte("\n")))
		if err != nil || m.Code() != codeInvalidRequest || !bytes.HasSuffix(line, []byte("}\n")) {
			t.Errorf("id %q: %q %v", id, line, err)
		}
	}
}

// subscriptions/listen (2026-07-28) is held open until cancelled: it runs
// apart from the reading goroutine, which goes on serving, and once the
// client cancels it, it is not answered.
func TestSubscriptionsListen(t *testing.T) {
	t.Parallel()
	h := startWith(t, Options{}, func(g *gates, loop func() *Server) *server.MCPServer {
		s := testServer(g, loop)
		server.WithToolCapabilities(true)(s)
		return s
	})
	const meta = `"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}`
	h.send(`{"jsonrpc":"2.0","id":"listen","method":"subscriptions/listen","params":{"notifications":{"toolsListChanged":true},` + meta + `}}`)
	for {
		m, ok := h.next()
		if !ok {
			t.Fatal("output ended")
		}
		if m.Method == "notifications/subscriptions/acknowledged" {
			break
		}
		if m.IsResponse() {
			t.Fatalf("answered before any acknowledgement: %s", m.Raw)
		}
	}
	h.send(`{"jsonrpc":"2.0","id":"l","method":"tools/list","params":{` + meta + `}}`)
	if m := h.reply(`"l"`); m.Error != nil {
		t.Fatalf("tools/list beside the open stream: %s", m.Raw)
	}
	h.send(cancelLine(`"listen"`))
	rest, err := h.finish()
	for _, m := range append(h.client.Seen, rest...) {
		if string(m.ID) == `"listen"` {
			t.Errorf("the cancelled stream was answered: %s", m.Raw)
		}
	}
	if err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// A signal with nothing in flight ends Serve with nothing written.
func TestSignalIdle(t *testing.T) {
	t.Parallel()
	h := start(t, Options{})
	h.initialize()
	h.signal()
	if rest, err := h.drain(); err != nil || len(rest) != 0 {
		t.Errorf("Serve: %v; lines %v", err, rest)
	}
}
