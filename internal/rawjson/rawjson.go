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
	i := skipSpace(data, 0)
	if i == len(data) {
		return nil, errors.New("empty JSON")
	}
	if data[i] != '{' {
		return nil, ErrNotObject
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return []string{}, trailing(data, i+1)
	}
	var keys []string
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, errors.New("expected a member name")
		}
		end, escaped, err := skipString(data, i)
		if err != nil {
			return nil, err
		}
		key := data[i:end]
		if escaped || !utf8.Valid(key) {
			var s string
			if err := json.Unmarshal(key, &s); err != nil {
				return nil, err
			}
			keys = append(keys, s)
		} else {
			keys = append(keys, string(key[1:len(key)-1]))
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, errors.New("expected ':'")
		}
		if i, err = skipValue(data, skipSpace(data, i+1)); err != nil {
			return nil, err
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return nil, errors.New("unterminated object")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return keys, trailing(data, i+1)
		default:
			return nil, errors.New("expected ',' or '}'")
		}
	}
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

// skipString returns the index after the string starting at data[i] ('"'),
// and whether it holds an escape.
func skipString(data []byte, i int) (end int, escaped bool, err error) {
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1, escaped, nil
		case c == '\\':
			escaped = true
			j++
		case c < 0x20:
			return 0, false, errors.New("control character in a string")
		}
	}
	return 0, false, errors.New("unterminated string")
}

// skipValue returns the index after the value starting at data[i].
func skipValue(data []byte, i int) (int, error) {
	depth := 0
	for i < len(data) {
		switch c := data[i]; c {
		case '"':
			end, _, err := skipString(data, i)
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
