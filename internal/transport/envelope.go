package transport

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
)

// envelope is a JSON-RPC message decoded once, its members kept as the raw
// JSON the client sent. encoding/json matches member names
// case-insensitively and lets the last duplicate win; mcp-go never sees the
// client's bytes, only the message rebuilt from these members (see
// forServer), so it cannot read a line differently from this loop.
type envelope struct {
	JSONRPC json.RawMessage `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  json.RawMessage `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  json.RawMessage `json:"result"`
	Error   json.RawMessage `json:"error"`
}

// JSON-RPC 2.0 error codes (https://www.jsonrpc.org/specification#error_object)
// and the one this loop adds.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInternalError  = -32603
	// codeServerBusy answers a Notion-bound call when the queue of calls
	// waiting to start is full: the client may retry it later.
	codeServerBusy = -32000
	// codeStopping answers a call the server will not run because it is
	// shutting down.
	codeStopping = -32001
	// codeNotInitialized is the Language Server Protocol's
	// ServerNotInitialized (-32002), which MCP's lifecycle is modelled on:
	// a request other than ping before initialize, under a protocol version
	// that has the handshake.
	codeNotInitialized = -32002
)

// rpcError is a JSON-RPC error response with the id as the client sent it
// (null when the loop could not tell it).
type rpcError struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   rpcErrorBody    `json:"error"`
}

type rpcErrorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

var nullID = json.RawMessage("null")

func errorLine(id json.RawMessage, code int, msg string) []byte {
	if len(id) == 0 {
		id = nullID
	}
	b, err := json.Marshal(rpcError{JSONRPC: mcp.JSONRPC_VERSION, ID: id, Error: rpcErrorBody{Code: code, Message: msg}})
	if err != nil { // cannot happen: every member is a valid JSON value
		panic(err)
	}
	return append(b, '\n')
}

// kind is what a line turned out to be.
type kind int

const (
	kindReject       kind = iota // answered at once with reply
	kindIgnore                   // a response from the client: the server sends no requests, so none is awaited
	kindNotification             // no id: never answered
	kindRequest                  // answered with id
)

// message is one decoded input line.
type message struct {
	kind   kind
	reply  []byte          // kindReject: the answer
	id     json.RawMessage // kindRequest: the id to echo, as sent (see echoID)
	key    string          // kindRequest: the id's key for cancellation
	method string
	params json.RawMessage
}

// decode reads one line (without its newline; never blank). The message
// keeps no reference to line, which the caller reuses.
func decode(line []byte) message {
	if !json.Valid(line) {
		return reject(nil, codeParseError, "Parse error: the line is not JSON")
	}
	t := bytes.TrimLeft(line, " \t\r\n")
	if t[0] != '{' {
		if t[0] == '[' {
			return reject(nil, codeInvalidRequest, "Invalid Request: JSON-RPC batches are not supported; send one message per line")
		}
		return reject(nil, codeInvalidRequest, "Invalid Request: a message must be a JSON object")
	}
	// One copy of the line, which the members are slices of.
	e, ok := scanEnvelope(bytes.Clone(line))
	if !ok {
		// Its own variable: only this case needs one on the heap.
		var d envelope
		if err := json.Unmarshal(line, &d); err != nil { // cannot fail on valid JSON
			return reject(nil, codeParseError, "Parse error: the line is not valid JSON")
		}
		e = d
	}
	var id json.RawMessage
	if len(e.ID) > 0 && string(e.ID) != "null" {
		var ok bool
		if id, ok = echoID(e.ID); !ok {
			return reject(nil, codeInvalidRequest, "Invalid Request: the id must be a string or a number")
		}
	}
	if version, ok := jsonString(e.JSONRPC); !ok || version != mcp.JSONRPC_VERSION {
		return reject(id, codeInvalidRequest, `Invalid Request: "jsonrpc" must be "2.0"`)
	}
	if len(e.Method) == 0 {
		switch {
		case len(e.Result) > 0 || len(e.Error) > 0:
			return message{kind: kindIgnore}
		case id == nil:
			return message{kind: kindIgnore} // nothing to act on, nobody to answer
		default:
			return reject(id, codeMethodNotFound, "Method not found: the request has no method")
		}
	}
	method, ok := jsonString(e.Method)
	if !ok {
		return reject(id, codeInvalidRequest, `Invalid Request: "method" must be a string`)
	}
	m := message{kind: kindNotification, method: method, params: e.Params}
	if id != nil {
		m.kind, m.id, m.key = kindRequest, id, idKey(id)
	}
	return m
}

// scanEnvelope reads the envelope of line, a valid JSON object, as
// json.Unmarshal would, without its reflection and copies: the members
// are slices of line. It handles the names clients write (printable ASCII,
// no escapes), matched as encoding/json matches them (exactly, else
// ignoring ASCII case; the last duplicate wins), and reports false for any
// other name, which encoding/json's case folding alone can match
// (FuzzScanEnvelope holds the two to the same answer).
func scanEnvelope(line []byte) (e envelope, ok bool) {
	dst := [...]*json.RawMessage{&e.JSONRPC, &e.ID, &e.Method, &e.Params, &e.Result, &e.Error}
	ok = scanMembers(line, func(name, value []byte) bool {
		if i := memberIndex(envelopeMembers[:], name); i >= 0 {
			*dst[i] = value
		}
		return true
	})
	return e, ok
}

// envelopeMembers are envelope's member names, in its fields' order.
var envelopeMembers = [...]string{"jsonrpc", "id", "method", "params", "result", "error"}

// memberIndex is the index of the name in names that name matches as
// encoding/json matches an ASCII member name to a field's (exactly, else
// ignoring ASCII case), or -1.
func memberIndex(names []string, name []byte) int {
	for i, n := range names {
		if asciiEqualFold(name, n) {
			return i
		}
	}
	return -1
}

// asciiEqualFold reports whether b and s are equal ignoring ASCII case.
func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		x, y := b[i], s[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// scanMembers calls set with each member of obj (a valid JSON object)
// whose name is printable ASCII without escapes, until set returns false.
// It reports false if set did, or a name was any other string.
func scanMembers(obj []byte, set func(name, value []byte) bool) bool {
	ok := true
	err := rawjson.Members(obj, func(name, value []byte) bool {
		ok = rawjson.IsPlainString(name) && set(name[1:len(name)-1], value)
		return ok
	})
	return ok && err == nil
}

// jsonString decodes raw, a JSON value, as a string; ok is false for
// anything but a string.
func jsonString(raw json.RawMessage) (string, bool) {
	if s, ok := rawjson.PlainString(raw); ok {
		return s, true
	}
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

func reject(id json.RawMessage, code int, msg string) message {
	return message{kind: kindReject, reply: errorLine(id, code, msg)}
}

// echoID returns the id to write back: the client's bytes exactly (so
// 9007199254740993 and 1e29 come back as sent), except for a string that is
// not valid UTF-8, which is written as encoding/json decodes it (invalid
// bytes as U+FFFD) so that the answer is valid JSON text. ok is false for
// an id that is neither a string nor a number.
func echoID(raw json.RawMessage) (json.RawMessage, bool) {
	switch c := raw[0]; {
	case c == '"':
		if utf8.Valid(raw) {
			return raw, true
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, false
		}
		b, _ := json.Marshal(s)
		return b, true
	case c == '-' || (c >= '0' && c <= '9'):
		return raw, true
	}
	return nil, false
}

// idKey identifies a request for notifications/cancelled: a string id by its
// decoded value (so "a" and "\u0061" are one id), a number by its text.
func idKey(id json.RawMessage) string {
	if len(id) > 0 && id[0] == '"' {
		if s, ok := jsonString(id); ok {
			return "s" + s
		}
	}
	return "n" + string(id)
}

// callParams are the members of a request's params the loop itself reads:
// the tool a tools/call names, its arguments as sent, and the protocol
// version a 2026-07-28 request declares in its _meta. The params are
// decoded once, here: the direct path (Options.Direct) builds the tool's
// request from these members.
type callParams struct {
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
	Meta      json.RawMessage `json:"_meta"`
	// Members of CallToolParams the direct path does not build itself: a
	// call that has any is decoded by mcp-go's own CallToolParams.
	Task           json.RawMessage `json:"task"`
	InputResponses json.RawMessage `json:"inputResponses"`
	RequestState   json.RawMessage `json:"requestState"`

	protocolVersion string // from _meta
}

type metaVersion struct {
	ProtocolVersion string `json:"io.modelcontextprotocol/protocolVersion"`
}

// peekParams decodes callParams; params that are not an object (which
// mcp-go answers with an error) give the zero value, and ok false.
func peekParams(params json.RawMessage) (p callParams, ok bool) {
	if len(params) == 0 || params[0] != '{' {
		return callParams{}, false
	}
	if p, ok = scanParams(params); !ok {
		var q callParams // declared here: only this case needs it on the heap
		if json.Unmarshal(params, &q) != nil {
			return callParams{}, false
		}
		p = q
	}
	if len(p.Meta) > 0 && p.Meta[0] == '{' {
		var m metaVersion
		if json.Unmarshal(p.Meta, &m) == nil {
			p.protocolVersion = m.ProtocolVersion
		}
	}
	return p, true
}

// scanParams reads params (a valid JSON object) as json.Unmarshal into
// callParams would, as scanEnvelope reads an envelope; the members are
// slices of params. It reports false for what it leaves to encoding/json:
// a name other than printable ASCII without escapes, and a "name" that is
// not such a string.
func scanParams(params []byte) (p callParams, ok bool) {
	dst := [...]*json.RawMessage{nil, &p.Arguments, &p.Meta, &p.Task, &p.InputResponses, &p.RequestState}
	ok = scanMembers(params, func(name, value []byte) bool {
		switch i := memberIndex(paramsMembers[:], name); {
		case i == 0:
			// Each "name" sent must be a string: encoding/json refuses
			// the params otherwise, even if a later one is.
			var plain bool
			p.Name, plain = rawjson.PlainString(value)
			return plain
		case i > 0:
			*dst[i] = value
		}
		return true
	})
	return p, ok
}

// paramsMembers are callParams' member names, "name" first.
var paramsMembers = [...]string{"name", "arguments", "_meta", "task", "inputResponses", "requestState"}

// request builds the mcp.CallToolRequest mcp-go's decoding of these params
// gives, but for Params.Arguments, which is left nil: the direct path's
// handlers read Params.RawArguments (see Options.Direct). It reports false
// for params with members it does not build (mcp-go's decoding is then
// used), and for _meta that does not decode.
func (p *callParams) request() (req mcp.CallToolRequest, ok bool) {
	if len(p.Task) > 0 || len(p.InputResponses) > 0 || len(p.RequestState) > 0 {
		return req, false
	}
	req.Method = string(mcp.MethodToolsCall)
	req.Params.Name = p.Name
	if len(p.Arguments) > 0 {
		req.Params.RawArguments = p.Arguments
	}
	if len(p.Meta) > 0 && json.Unmarshal(p.Meta, &req.Params.Meta) != nil {
		return req, false
	}
	return req, true
}

// cancelParams are notifications/cancelled's.
type cancelParams struct {
	RequestID json.RawMessage `json:"requestId"`
}

// forServer rebuilds a message for mcp-go: method and params as decoded,
// with id (the loop's own number for a request) in place of the client's,
// so that mcp-go never decodes a client's id: it would turn a large number
// into a float64, and its own cancellation and panic recovery key on it.
// Every member is JSON the envelope decoding validated.
func forServer(method string, params json.RawMessage, request bool, id int64) json.RawMessage {
	b := make([]byte, 0, 64+len(method)+len(params))
	b = append(b, `{"jsonrpc":"2.0"`...)
	if request {
		b = append(b, `,"id":`...)
		b = strconv.AppendInt(b, id, 10)
	}
	b = append(b, `,"method":`...)
	b = rawjson.AppendString(b, method)
	if len(params) > 0 {
		b = append(b, `,"params":`...)
		b = append(b, params...)
	}
	return append(b, '}')
}
