// Package rawjson reads and writes the few JSON shapes on the stdio loop's
// hot path by hand, byte for byte as encoding/json would: a string, JSON
// already encoded by encoding/json, and the member names of an object.
// Everything else is left to encoding/json. The tests hold each function to
// encoding/json's own answer, and fuzz them.
package rawjson

import (
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// Compact is JSON that encoding/json wrote (json.Marshal's output: valid
// and compact). Encoders that know the type write it as is; encoding/json,
// which compacts and re-validates whatever a MarshalJSON method returns,
// gives the same bytes.
type Compact []byte

// MarshalJSON returns c ("null" when empty).
func (c Compact) MarshalJSON() ([]byte, error) {
	if len(c) == 0 {
		return []byte("null"), nil
	}
	return c, nil
}

const hex = "0123456789abcdef"

// htmlSafe reports the ASCII bytes encoding/json writes unescaped (its
// htmlSafeSet): all but the controls, '"', '\\', '<', '>' and '&'.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		switch b {
		case '"', '\\', '<', '>', '&':
		default:
			t[b] = true
		}
	}
	return t
}()

// AppendString appends s as a JSON string exactly as json.Marshal writes
// it: '"' and '\\' escaped, controls as \b \f \n \r \t or \u00XX, '<' '>'
// '&' and U+2028/U+2029 as \u escapes, invalid UTF-8 as \ufffd.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if htmlSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// ErrNotObject is returned by Keys for JSON that is not an object.
var ErrNotObject = errors.New("not a JSON object")

// Keys returns the member names of the JSON object data, in order,
// duplicates included, decoded as encoding/json decodes a map's keys. It
// returns ErrNotObject when data is another JSON value, and another error
// when data is not valid JSON (values are skipped, not checked: callers
// pass JSON that has been validated, and decode it afterwards anyway).
func Keys(data []byte) ([]string, error) {
	keys := []string{}
	var kerr error
	err := Members(data, func(name, _ []byte) bool {
		if s, ok := PlainString(name); ok {
			keys = append(keys, s)
			return true
		}
		var s string
		if kerr = json.Unmarshal(name, &s); kerr != nil {
			return false
		}
		keys = append(keys, s)
		return true
	})
	if err == nil {
		err = kerr
	}
	if err != nil {
		return nil, err
	}
	return keys, nil
}

// Members calls fn with each member of the JSON object data, in order,
// until fn returns false: the member's name as written (a JSON string, with
// its quotes and any escapes) and its value as written, without the space
// around it. It returns ErrNotObject when data is another JSON value, and
// another error when data is not valid JSON; values are skipped, not
// checked, so data should be valid JSON (json.Valid).
func Members(data []byte, fn func(name, value []byte) bool) error {
	i := skipSpace(data, 0)
	if i == len(data) {
		return errors.New("empty JSON")
	}
	if data[i] != '{' {
		return ErrNotObject
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return trailing(data, i+1)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return errors.New("expected a member name")
		}
		end, err := skipString(data, i)
		if err != nil {
			return err
		}
		name := data[i:end]
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return errors.New("expected ':'")
		}
		start := skipSpace(data, i+1)
		if i, err = skipValue(data, start); err != nil {
			return err
		}
		if i == start {
			return errors.New("expected a value")
		}
		if !fn(name, data[start:i]) {
			return nil
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return errors.New("unterminated object")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return trailing(data, i+1)
		default:
			return errors.New("expected ',' or '}'")
		}
	}
}

// PlainString returns the value of the JSON string raw (with its quotes)
// when it is printable ASCII without escapes, the common case, which needs
// no decoding; ok is false for any other raw, which the caller decodes with
// encoding/json.
func PlainString(raw []byte) (s string, ok bool) {
	if !IsPlainString(raw) {
		return "", false
	}
	return string(raw[1 : len(raw)-1]), true
}

// IsPlainString reports whether raw is a JSON string (with its quotes) of
// printable ASCII without escapes: its value is the bytes between the
// quotes.
func IsPlainString(raw []byte) bool {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return false
	}
	for _, c := range raw[1 : len(raw)-1] {
		if c < 0x20 || c >= utf8.RuneSelf || c == '\\' || c == '"' {
			return false
		}
	}
	return true
}

func trailing(data []byte, i int) error {
	if skipSpace(data, i) != len(data) {
		return errors.New("data after the object")
	}
	return nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index after the string starting at data[i] ('"').
func skipString(data []byte, i int) (end int, err error) {
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1, nil
		case c == '\\':
			j++
		case c < 0x20:
			return 0, errors.New("control character in a string")
		}
	}
	return 0, errors.New("unterminated string")
}

// skipValue returns the index after the value starting at data[i].
func skipValue(data []byte, i int) (int, error) {
	depth := 0
	for i < len(data) {
		switch c := data[i]; c {
		case '"':
			end, err := skipString(data, i)
			if err != nil {
				return 0, err
			}
			i = end
		case '{', '[':
			depth++
			i++
		case '}', ']':
			if depth == 0 {
				return i, nil
			}
			depth--
			i++
		case ',':
			if depth == 0 {
				return i, nil
			}
			i++
		default:
			if depth == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				return i, nil
			}
			i++
		}
		if depth == 0 && i > 0 && (data[i-1] == '"' || data[i-1] == '}' || data[i-1] == ']') {
			return i, nil
		}
	}
	if depth != 0 {
		return 0, errors.New("unterminated value")
	}
	return i, nil
}
