package cli

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzSeeds are lines worth mutating: every method the server knows, each
// tool with good and bad arguments, and the malformed shapes clients send.
var fuzzSeeds = []string{
	`{"jsonrpc":"2.0","id":1,"method":"ping"}`,
	`{"jsonrpc":"2.0","id":"i","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}`,
	`{"jsonrpc":"2.0","id":"i","method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{"roots":{"listChanged":true},"sampling":{}},"clientInfo":{}}}`,
	`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
	`{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":"x"}}`,
	`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"https://www.notion.so/acme/Tasks-1f2e3d4c5b6a79880123456789abcdef?v=aa11bb22cc33dd44ee55ff6677889900&p=0123456789abcdef0123456789abcdef#block-fedcba9876543210fedcba9876543210"}}}`,
	`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"collection://1f2e3d4c-5b6a-7988-0123-456789abcdef"}}}`,
	`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":42}}}`,
	`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"extract_notion_id","arguments":"x"}}`,
	`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"x","extra":1}}}`,
	`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"validate_token","arguments":{}}}`,
	`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"validate_token","arguments":{"token":"ntn_12345678901abcdefghijabcdefghijabcdefghijabcde"}}}`,
	`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"validate_token","arguments":{"token_env":"NOPE","token":"x"}}}`,
	`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"list_shared_databases","arguments":{"limit":2,"api_version":"2022-06-28"},"_meta":{"progressToken":"p"}}}`,
	`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"list_shared_databases","arguments":{"limit":-1,"api_version":"1.0"}}}`,
	`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"diagnose_access","arguments":{"target":"https://www.notion.so/1f2e3d4c5b6a79880123456789abcdef"}}}`,
	`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"diagnose_access","arguments":{}}}`,
	`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"no_such_tool"}}`,
	`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":5}`,
	`{"jsonrpc":"2.0","id":7,"method":"tools/call"}`,
	`{"jsonrpc":"2.0","method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"x"}}}`,
	`{"jsonrpc":"2.0","id":8,"method":"prompts/list"}`,
	`{"jsonrpc":"2.0","id":8,"method":"prompts/get","params":{"name":"x","arguments":{"a":"b"}}}`,
	`{"jsonrpc":"2.0","id":9,"method":"resources/list"}`,
	`{"jsonrpc":"2.0","id":9,"method":"resources/templates/list"}`,
	`{"jsonrpc":"2.0","id":9,"method":"resources/read","params":{"uri":"notion-mcp://guides/x"}}`,
	`{"jsonrpc":"2.0","id":9,"method":"resources/subscribe","params":{"uri":"x"}}`,
	`{"jsonrpc":"2.0","id":10,"method":"logging/setLevel","params":{"level":"debug"}}`,
	`{"jsonrpc":"2.0","id":10,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"x"},"argument":{"name":"a","value":"b"}}}`,
	`{"jsonrpc":"2.0","id":10,"method":"tasks/list"}`,
	`{"jsonrpc":"2.0","id":10,"method":"subscriptions/listen","params":{"notifications":{"toolsListChanged":true},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}`,
	`{"jsonrpc":"2.0","id":10,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}`,
	`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":5,"reason":"x"}}`,
	`{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}`,
	`{"jsonrpc":"2.0","method":"no/such/notification"}`,
	`{"jsonrpc":"2.0","id":11,"method":"no/such/method"}`,
	`{"jsonrpc":"2.0","id":1,"result":{}}`,
	`{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"x"}}`,
	`{"jsonrpc":"2.0","id":1,"method":"ping","result":null}`,
	`{"jsonrpc":"2.0","id":1}`,
	`{"jsonrpc":"1.0","id":1,"result":1}`,
	`{"jsonrpc":2,"id":1,"method":"ping"}`,
	`{"jsonrpc":"2.0","id":1,"method":5}`,
	`{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`,
	`{"jsonrpc":"2.0","id":[true],"method":"ping"}`,
	`{"jsonrpc":"2.0","id":1e400,"method":"ping"}`,
	`{"jsonrpc":"2.0","id":12345678901234567890,"method":"ping"}`,
	`{"jsonrpc":"2.0","id":-0.0,"method":"ping"}`,
	`{"jsonrpc":"2.0","id":"\u0000\ud800","method":"ping"}`,
	`{"jsonrpc":"2.0","ID":1,"Method":"ping","id":2}`,
	`[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"x"}]`,
	`[]`,
	`null`,
	`"ping"`,
	`{`,
	"\xef\xbb\xbf{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
	"{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"tools/call\",\"params\":{\"name\":\"extract_notion_id\",\"arguments\":{\"input\":\"\xc3\x28\"}}}",
	"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r",
	"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
	"\n\n  \n",
	strings.Repeat("[", 20000),
	`{"jsonrpc":"2.0","id":1,"method":"ping","params":` + strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat(`}`, 5000) + `}`,
}

// Probe ids: the fuzz input is skipped if it uses them, so that the probes'
// answers are the probes'.
const (
	probePing = `"zz-probe-ping"`
	probeCall = `"zz-probe-call"`
)

// FuzzServeLines feeds arbitrary input lines to the serve loop, then a ping
// and an extract_notion_id call. Whatever the input, the server must not
// panic, must write nothing but JSON-RPC 2.0 lines, must answer both probes
// correctly and must exit 0 promptly at EOF (every request it counted as
// in flight was answered). Each input gets a fresh server.
func FuzzServeLines(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		if bytes.Contains(input, []byte("zz-probe")) {
			t.Skip()
		}
		t.Parallel() // the seeds run at once (while fuzzing it has no effect)
		s := startServer(t, nil)
		s.write(append(input, '\n'))
		s.send(`{"jsonrpc":"2.0","id":`+probePing+`,"method":"ping"}`, extractCall(probeCall))
		got := s.replies(probePing, probeCall)
		if m := got[probePing]; m.Error != nil || string(m.Result) != "{}" {
			t.Fatalf("ping after the input: %s", m.Raw)
		}
		checkExtract(t, got[probeCall])
		if code, _ := s.finish(); code != 0 {
			t.Fatalf("exit status %d", code)
		}
		if log := s.stderr.String(); strings.Contains(log, "panic") {
			t.Fatalf("a handler panicked:\n%s", log)
		}
	})
}
