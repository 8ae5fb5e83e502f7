package token

import (
	"bytes"
	"fmt"
	"strings"
)

// ParseDotenv parses a .env file: KEY=VALUE lines, an optional "export "
// prefix, single quotes (literal), double quotes (with \n \r \t \" \\ escapes),
// unquoted values with " #" comments, full-line comments, CRLF line ends and a
// UTF-8 BOM. Later keys win. Variables are not expanded. It never fails:
// lines it cannot read are skipped and reported in problems by line number
// only, because a line may hold a secret.
func ParseDotenv(data []byte) (vals map[string]string, problems []string) {
	vals = map[string]string{}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		line = strings.TrimLeft(line, " \t")
		if line == "" || line[0] == '#' {
			continue
		}
		if rest, ok := cutExport(line); ok {
			line = rest
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			problems = append(problems, fmt.Sprintf("line %d: not KEY=VALUE", n))
			continue
		}
		key := strings.TrimRight(line[:eq], " \t")
		if !isDotenvKey(key) {
			problems = append(problems, fmt.Sprintf("line %d: the name before '=' is not a variable name", n))
			continue
		}
		val, ok := dotenvValue(strings.TrimLeft(line[eq+1:], " \t"))
		if !ok {
			problems = append(problems, fmt.Sprintf("line %d: a quote is not closed", n))
		}
		vals[key] = val
	}
	return vals, problems
}

func cutExport(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "export")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return line, false
	}
	return strings.TrimLeft(rest, " \t"), true
}

// dotenvValue reads the value part of a line. ok is false for an unclosed
// quote, in which case the rest of the line after the quote is returned.
func dotenvValue(v string) (string, bool) {
	if v == "" {
		return "", true
	}
	switch v[0] {
	case '\'':
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 {
			return strings.TrimRight(v[1:], " \t"), false
		}
		return v[1 : 1+end], true
	case '"':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '"':
				return b.String(), true
			case c == '\\' && i+1 < len(v):
				i++
				switch v[i] {
				case 'n':
					b.WriteByte('\n')
				case 'r':
					b.WriteByte('\r')
				case 't':
					b.WriteByte('\t')
				case '"', '\\':
					b.WriteByte(v[i])
				default:
					b.WriteByte('\\')
					b.WriteByte(v[i])
				}
			default:
				b.WriteByte(c)
			}
		}
		return strings.TrimRight(b.String(), " \t"), false
	}
	// Unquoted: a '#' after whitespace starts a comment.
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			v = v[:i]
			break
		}
	}
	return strings.TrimRight(v, " \t"), true
}

func isDotenvKey(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}
