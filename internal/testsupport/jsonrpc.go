package testsupport

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Message is one JSON-RPC 2.0 message a server wrote, as ParseMessage
// checked it.
type Message struct {
	JSONRPC string
	ID      json.RawMessage // the id's JSON text; nil when there is none
	Method  string          // empty for a response
	Params  json.RawMessage
	Result  json.RawMessage
	Error   *RPCError // nil for a request, a notification or a result
	Raw     []byte    // the whole line
}

// RPCError is a JSON-RPC 2.0 error object.
type RPCError struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// IsResponse says whether m answers a request: it has no method.
func (m Message) IsResponse() bool { return m.Method == "" }

// Code is the error code of a response, 0 for a result.
func (m Message) Code() int {
	if m.Error != nil {
		return m.Error.Code
	}
	return 0
}

// ParseMessage checks that line is one JSON-RPC 2.0 message as the
// specification defines it (https://www.jsonrpc.org/specification): valid
// UTF-8, an object with "jsonrpc": "2.0", and either
//   - a notification: a non-empty string method and no result or error, or
//   - a response: an id that is a string, a number or null (null only with an
//     error), and exactly one of result and error, an error having an
//     integer code and a string message.
//
// Two rules go beyond the specification, for the servers tested here: a
// message with a method must not carry an id, since they never send the
// client a request; and an error's code is not 0 and its message not empty,
// since 0 is what Code reports for a result and an empty message tells the
// client nothing. Member names are matched exactly, as the specification
// spells them.
func ParseMessage(line []byte) (Message, error) {
	m := Message{Raw: line}
	if !utf8.Valid(line) {
		return m, errors.New("not UTF-8")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return m, fmt.Errorf("not a JSON object: %v", err)
	}
	if fields == nil {
		return m, errors.New("not a JSON object: null")
	}
	if err := json.Unmarshal(fields["jsonrpc"], &m.JSONRPC); err != nil || m.JSONRPC != "2.0" {
		return m, fmt.Errorf("jsonrpc is %s", fields["jsonrpc"])
	}
	id, hasID := fields["id"]
	if hasID {
		if !(id[0] == '"' || id[0] == '-' || (id[0] >= '0' && id[0] <= '9') || string(id) == "null") {
			return m, fmt.Errorf("id %s is not a string, a number or null", id)
		}
		m.ID = id
	}
	m.Params = fields["params"]
	result, hasResult := fields["result"]
	m.Result = result
	errText, hasError := fields["error"]
	if method, hasMethod := fields["method"]; hasMethod {
		if err := json.Unmarshal(method, &m.Method); err != nil || m.Method == "" {
			return m, fmt.Errorf("method %s is not a non-empty string", method)
		}
		if hasID || hasResult || hasError {
			return m, errors.New("a notification with an id, a result or an error")
		}
		return m, nil
	}
	if !hasID || hasResult == hasError {
		return m, errors.New("a response needs an id and exactly one of result and error")
	}
	if !hasError {
		if string(id) == "null" {
			return m, errors.New("a result with a null id")
		}
		return m, nil
	}
	var e map[string]json.RawMessage
	if err := json.Unmarshal(errText, &e); err != nil || e == nil {
		return m, fmt.Errorf("error %s is not an object", errText)
	}
	m.Error = &RPCError{Data: e["data"]}
	code, message := e["code"], e["message"]
	// A number's text starts with a minus or a digit; int rejects a
	// fraction or an exponent.
	if len(code) == 0 || !(code[0] == '-' || (code[0] >= '0' && code[0] <= '9')) || json.Unmarshal(code, &m.Error.Code) != nil {
		return m, fmt.Errorf("error code %s is not an integer", code)
	}
	if len(message) == 0 || message[0] != '"' || json.Unmarshal(message, &m.Error.Message) != nil {
		return m, fmt.Errorf("error message %s is not a string", message)
	}
	if m.Error.Code == 0 || m.Error.Message == "" {
		return m, fmt.Errorf("error %s has code 0 or an empty message", errText)
	}
	return m, nil
}
