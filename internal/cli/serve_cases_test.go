package cli

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// answer is one line the server writes back: a response to id (a JSON
// text; "null" when the server could not tell the id) that is a result
// (code 0), an error with that code, or any error (anyError).
type answer struct {
	id   string
	code int
}

const anyError = 1

func (a answer) String() string { return fmt.Sprintf("%s→%d", a.id, a.code) }

// TestServeBadInput sends each kind of bad input to a fresh server and
// checks everything it writes back — exactly the listed answers, in any
// order, and nothing else — then that it still answers a ping and an
// extract_notion_id call, and that it exits 0 at once at EOF.
func TestServeBadInput(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 1<<20)
	for _, tc := range []struct {
		name  string
		in    []string
		want  []answer
		check func(t *testing.T, got []testsupport.Message) // optional, on the input's answers
	}{
		{name: "1 MB line of junk", in: []string{big}, want: []answer{{"null", -32700}}},
		{
			name: "1 MB unterminated request",
			in:   []string{`{"jsonrpc":"2.0","id":"big","method":"ping","params":"` + big},
			want: []answer{{"null", -32700}},
		},
		{
			name: "1 MB request",
			in:   []string{`{"jsonrpc":"2.0","id":"big","method":"ping","params":{"pad":"` + big + `"}}`},
			want: []answer{{`"big"`, 0}},
		},
		{
			// Skipped as it streams by, never decoded: its id is unknown.
			name: "a request over the 4 MiB limit",
			in:   []string{`{"jsonrpc":"2.0","id":"huge","method":"ping","params":{"pad":"` + strings.Repeat("x", 5<<20) + `"}}`},
			want: []answer{{"null", -32600}},
		},
		{
			// 256 KiB, past every reader's 64 KiB buffer: every layer
			// decodes the arguments again and the ID parser reads them all,
			// which under the race detector takes seconds a megabyte.
			name: "256 KiB tool argument",
			in:   []string{`{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"` + strings.Repeat("words ", 256<<10/6) + extractInput + `"}}}`},
			want: []answer{{`"big"`, 0}},
			check: func(t *testing.T, got []testsupport.Message) {
				checkExtract(t, got[0])
			},
		},
		{name: "invalid UTF-8 line", in: []string{"\xff\xfe\xfd{\x80}"}, want: []answer{{"null", -32700}}},
		{
			name: "invalid UTF-8 inside strings",
			in: []string{
				"{\"jsonrpc\":\"2.0\",\"id\":\"u\xff\",\"method\":\"ping\"}",
				"{\"jsonrpc\":\"2.0\",\"id\":\"v\",\"method\":\"tools/call\",\"params\":{\"name\":\"extract_notion_id\",\"arguments\":{\"input\":\"\xc3\x28 " + extractInput + "\"}}}",
			},
			// encoding/json decodes an invalid byte as U+FFFD, so the id
			// comes back with one.
			want: []answer{{`"u` + "\ufffd" + `"`, 0}, {`"v"`, 0}},
			check: func(t *testing.T, got []testsupport.Message) {
				for _, m := range got {
					if string(m.ID) == `"v"` {
						checkExtract(t, m)
					}
				}
			},
		},
		{
			name: "batch array",
			in:   []string{`[{"jsonrpc":"2.0","id":"b1","method":"ping"},{"jsonrpc":"2.0","id":"b2","method":"tools/list"}]`, `[]`},
			want: []answer{{"null", -32600}, {"null", -32600}},
		},
		{
			name: "request with no id",
			in: []string{
				`{"jsonrpc":"2.0","method":"ping"}`,
				`{"jsonrpc":"2.0","method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"` + extractInput + `"}}}`,
				`{"jsonrpc":"2.0","id":null,"method":"tools/list"}`,
			},
		},
		{
			name: "params of the wrong type",
			in: []string{
				`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":5}`,
				`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":"extract_notion_id"}`,
				`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":[]}`,
				`{"jsonrpc":"2.0","id":4,"method":"initialize","params":5}`,
				`{"jsonrpc":"2.0","id":5,"method":"initialize","params":{"protocolVersion":5,"capabilities":[],"clientInfo":"x"}}`,
				`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"extract_notion_id","arguments":5}}`,
				`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":5}}`,
				`{"jsonrpc":"2.0","id":8,"method":"tools/list","params":5}`,
			},
			want: []answer{{"1", anyError}, {"2", anyError}, {"3", anyError}, {"4", anyError}, {"5", anyError}, {"6", 0}, {"7", anyError}, {"8", anyError}},
			check: func(t *testing.T, got []testsupport.Message) {
				for _, m := range got {
					if string(m.ID) == "6" && !strings.Contains(string(m.Result), `"isError":true`) {
						t.Errorf("arguments of the wrong type: %s, want an isError result", m.Raw)
					}
				}
			},
		},
		{
			name: "notification for an unknown method",
			in:   []string{`{"jsonrpc":"2.0","method":"notifications/unknown"}`, `{"jsonrpc":"2.0","method":"no/such/thing","params":{"a":[1]}}`},
		},
		{
			name: "unknown method with an id",
			in:   []string{`{"jsonrpc":"2.0","id":9,"method":"no/such/method"}`, `{"jsonrpc":"2.0","id":10,"method":"notifications/initialized"}`},
			want: []answer{{"9", -32601}, {"10", -32601}},
		},
		{
			name: "id of a type JSON-RPC forbids",
			in: []string{
				`{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`,
				`{"jsonrpc":"2.0","id":true,"method":"ping"}`,
				`{"jsonrpc":"2.0","id":[1],"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"x"}}}`,
			},
			want: []answer{{"null", -32600}, {"null", -32600}, {"null", -32600}},
		},
		{
			// Answered with the id they carry, which mcp-go's own loop lost
			// (it answered them with a null id); 1e400 is a valid JSON
			// number, echoed as sent.
			name: "jsonrpc or method not a string",
			in:   []string{`{"jsonrpc":2,"id":1,"method":"ping"}`, `{"jsonrpc":"2.0","id":2,"method":5}`, `{"jsonrpc":"2.0","id":1e400,"method":"ping"}`},
			want: []answer{{"1", -32600}, {"2", -32600}, {"1e400", 0}},
		},
		{
			name: "ids echoed exactly as sent",
			in: []string{
				`{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}`,
				`{"jsonrpc":"2.0","id":1e29,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"` + extractInput + `"}}}`,
				`{"jsonrpc":"2.0","id":"\u0041","method":"ping"}`,
			},
			want: []answer{{"9007199254740993", 0}, {"1e29", 0}, {`"\u0041"`, 0}},
		},
		{
			name: "other JSON-RPC oddities",
			in: []string{
				`{"jsonrpc":"1.0","id":1,"method":"ping"}`,
				`{"jsonrpc":"2.0","id":2,"method":"ping","result":null}`,
				`{"jsonrpc":"2.0","id":3,"method":"ping","error":{"code":1,"message":"x"}}`,
				`{"jsonrpc":"2.0","id":4}`,
				`{"jsonrpc":"2.0","id":5,"result":{}}`,
				`{}`,
				`null`,
				`"ping"`,
				strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
			},
			// null and "ping" are JSON but not request objects: -32600, as in
			// JSON-RPC 2.0's own examples; the 20,000-deep array is too deep
			// to parse.
			want: []answer{{"1", -32600}, {"2", 0}, {"3", 0}, {"4", -32601}, {"null", -32600}, {"null", -32600}, {"null", -32600}, {"null", -32700}},
		},
		{
			name: "blank lines and CRLF",
			in:   []string{"", "  \t", `{"jsonrpc":"2.0","id":"crlf","method":"ping"}` + "\r", "\r"},
			want: []answer{{`"crlf"`, 0}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, nil)
			var in strings.Builder
			for _, l := range tc.in {
				in.WriteString(l)
				in.WriteByte('\n')
			}
			s.write([]byte(in.String()))
			s.ping(probePing)
			s.extract(probeCall)
			code, rest := s.finish()
			if code != 0 {
				t.Errorf("exit status %d", code)
			}
			got := append(s.client.Seen, rest...)
			var ans []answer
			for _, m := range got {
				if !m.IsResponse() {
					t.Errorf("unexpected message from the server: %.300s", m.Raw)
					continue
				}
				a := answer{id: string(m.ID)}
				if m.Error != nil {
					a.code = m.Error.Code
				}
				ans = append(ans, a)
			}
			if !sameAnswers(ans, tc.want) {
				t.Errorf("answers %v, want %v; lines:\n%s", ans, tc.want, rawLines(got))
			}
			if tc.check != nil && len(got) > 0 {
				tc.check(t, got)
			}
			if log := s.stderr.String(); strings.Contains(log, "panic") {
				t.Errorf("a handler panicked:\n%s", log)
			}
		})
	}
}

// sameAnswers compares as multisets; anyError in want matches any error.
func sameAnswers(got, want []answer) bool {
	if len(got) != len(want) {
		return false
	}
	left := append([]answer(nil), want...)
next:
	for _, g := range got {
		for i, w := range left {
			if w.id == g.id && (w.code == g.code || w.code == anyError && g.code != 0) {
				left = append(left[:i], left[i+1:]...)
				continue next
			}
		}
		return false
	}
	return true
}

func rawLines(ms []testsupport.Message) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "  %.300s\n", m.Raw)
	}
	return b.String()
}

// TestServePipelined writes 1,000 requests at once, pings and
// extract_notion_id calls mixed, and checks each is answered exactly once,
// correctly.
func TestServePipelined(t *testing.T) {
	t.Parallel()
	const n = 1000
	s := startServer(t, nil)
	var in strings.Builder
	for i := range n {
		id := strconv.Itoa(i)
		if i%2 == 0 {
			in.WriteString(`{"jsonrpc":"2.0","id":` + id + `,"method":"ping"}` + "\n")
		} else {
			in.WriteString(extractCall(`"`+id+`"`) + "\n")
		}
	}
	go s.in.Write([]byte(in.String())) // the server reads while it answers
	got := map[string]testsupport.Message{}
	for len(got) < n {
		m, ok := s.next()
		if !ok {
			t.Fatalf("stdout ended after %d answers; stderr:\n%s", len(got), s.stderr)
		}
		if !m.IsResponse() {
			t.Fatalf("unexpected message: %s", m.Raw)
		}
		id := string(m.ID)
		if _, dup := got[id]; dup {
			t.Fatalf("request %s answered twice", id)
		}
		got[id] = m
	}
	for i := range n {
		if i%2 == 0 {
			m, ok := got[strconv.Itoa(i)]
			if !ok || m.Error != nil || string(m.Result) != "{}" {
				t.Fatalf("ping %d: %s", i, m.Raw)
			}
			continue
		}
		m, ok := got[`"`+strconv.Itoa(i)+`"`]
		if !ok {
			t.Fatalf("extract_notion_id %d not answered", i)
		}
		checkExtract(t, m)
	}
	code, rest := s.finish()
	if code != 0 || len(rest) != 0 {
		var ids []string
		for _, m := range rest {
			ids = append(ids, string(m.ID))
		}
		sort.Strings(ids)
		t.Errorf("exit status %d; %d more lines after all were answered: %v", code, len(rest), ids)
	}
}

// Under protocol 2025-11-25 a request other than ping before initialize is
// refused with -32002 (the client must initialize first); a 2026-07-28
// request carries its protocol version in _meta and needs no handshake.
func TestServeBeforeInitialize(t *testing.T) {
	t.Parallel()
	s := startUninitialized(t, nil)
	s.send(extractCall("1"), `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	for _, id := range []string{"1", "2"} {
		if m := s.reply(id); m.Error == nil || m.Error.Code != -32002 {
			t.Errorf("request %s before initialize: %s", id, m.Raw)
		}
	}
	s.ping("3")
	const meta = `"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}`
	s.send(`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"` + extractInput + `"},` + meta + `}}`)
	checkExtract(t, s.reply("4"))
	s.send(`{"jsonrpc":"2.0","id":5,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`)
	if m := s.reply("5"); m.Error != nil {
		t.Fatalf("initialize: %s", m.Raw)
	}
	s.extract("6")
	if code, _ := s.finish(); code != 0 {
		t.Errorf("exit status %d", code)
	}
}
