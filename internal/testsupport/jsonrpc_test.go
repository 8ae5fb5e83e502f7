package testsupport

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestParseMessage(t *testing.T) {
	for _, c := range []struct {
		line string
		ok   bool
		code int // Code() of an accepted line
	}{
		{line: `{"jsonrpc":"2.0","id":1,"result":{}}`, ok: true},
		{line: `{"jsonrpc":"2.0","id":"a","result":null}`, ok: true},
		{line: `{"jsonrpc":"2.0","id":-1.5e3,"result":[]}`, ok: true},
		{line: `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}`, ok: true, code: -32700},
		{line: `{"jsonrpc":"2.0","id":2,"error":{"code":-32001,"message":"stopping","data":{"x":1}}}`, ok: true, code: -32001},
		{line: `{"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1}}`, ok: true},
		{line: `{"jsonrpc":"2.0","method":"notifications/initialized"}`, ok: true},

		{line: "{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"result\":{}}"}, // not UTF-8
		{line: `[{"jsonrpc":"2.0","id":1,"result":{}}]`},
		{line: `null`},
		{line: `{"jsonrpc":"2.0","id":1,"result":{}} x`},
		{line: `{"id":1,"result":{}}`},
		{line: `{"jsonrpc":"1.0","id":1,"result":{}}`},
		{line: `{"jsonrpc":2.0,"id":1,"result":{}}`},
		{line: `{"JSONRPC":"2.0","id":1,"result":{}}`},
		{line: `{"jsonrpc":"2.0","id":{"a":1},"result":{}}`},
		{line: `{"jsonrpc":"2.0","id":true,"result":{}}`},
		{line: `{"jsonrpc":"2.0","id":[1],"result":{}}`},
		{line: `{"jsonrpc":"2.0","result":{}}`},                                         // response without an id
		{line: `{"jsonrpc":"2.0","id":null,"result":{}}`},                               // a result with a null id
		{line: `{"jsonrpc":"2.0","id":1}`},                                              // neither result nor error
		{line: `{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}}`}, // both
		{line: `{"jsonrpc":"2.0","id":1,"error":null}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":1}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":"1","message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":1e3,"message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":99999999999999999999,"message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":5}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"Code":1,"Message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":0,"message":"m"}}`},
		{line: `{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":""}}`},
		{line: `{"jsonrpc":"2.0","id":1,"method":"ping"}`}, // a request: the servers send none
		{line: `{"jsonrpc":"2.0","method":""}`},
		{line: `{"jsonrpc":"2.0","method":5}`},
		{line: `{"jsonrpc":"2.0","method":null}`},
		{line: `{"jsonrpc":"2.0","method":"m","result":{}}`},
		{line: `{"jsonrpc":"2.0","method":"m","error":{"code":1,"message":"m"}}`},
		{line: `{"jsonrpc":"2.0","Method":"m","id":1,"result":{},"error":{}}`},
	} {
		m, err := ParseMessage([]byte(c.line))
		if (err == nil) != c.ok {
			t.Errorf("%s: error %v, want ok %v", c.line, err, c.ok)
			continue
		}
		if string(m.Raw) != c.line {
			t.Errorf("%s: Raw %s", c.line, m.Raw)
		}
		if c.ok && m.Code() != c.code {
			t.Errorf("%s: Code %d, want %d", c.line, m.Code(), c.code)
		}
	}
}

// FuzzParseMessage checks that an accepted line is what ParseMessage
// promises: a notification, or a response with exactly one of a result and
// an error, whose fields say what the line says.
func FuzzParseMessage(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"result":{}}`,
		`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":"x"}}`,
		`{"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1}}`,
		`{"jsonrpc":"2.0","id":1,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":1,"error":{"code":1.0,"message":"m"}}`,
		"{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"result\":{}}",
		`{"jsonrpc":"2.0","id":1,"result":{},"ID":2,"Method":"x"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		m, err := ParseMessage(line)
		if !bytes.Equal(m.Raw, line) {
			t.Fatalf("Raw %q, want the line", m.Raw)
		}
		if err != nil {
			return
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(line, &fields) != nil || m.JSONRPC != "2.0" {
			t.Fatalf("accepted %q", line)
		}
		_, hasResult := fields["result"]
		switch {
		case !m.IsResponse():
			if m.ID != nil || hasResult || m.Error != nil {
				t.Fatalf("notification %q has an id, a result or an error", line)
			}
		case m.Error != nil:
			if hasResult || m.Code() == 0 || m.Error.Message == "" || m.ID == nil {
				t.Fatalf("error response %q", line)
			}
		default:
			if !hasResult || m.ID == nil || string(m.ID) == "null" || m.Code() != 0 {
				t.Fatalf("result response %q", line)
			}
		}
	})
}
