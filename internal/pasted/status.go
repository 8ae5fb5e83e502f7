package pasted

import (
	"strconv"
	"strings"
)

// Status and code: what a paste shows of them, in any spelling.

// codes are Notion's error codes and the status each implies
// (developers.notion.com/reference/status-codes; 529 from request-limits).
var codes = map[string]int{
	"invalid_json": 400, "invalid_request_url": 400, "invalid_request": 400, "validation_error": 400,
	"missing_version": 400, "unauthorized": 401, "restricted_resource": 403, "object_not_found": 404,
	"conflict_error": 409, "rate_limited": 429, "internal_server_error": 500, "bad_gateway": 502,
	"service_unavailable": 503, "database_connection_unavailable": 503, "gateway_timeout": 504,
	"service_overload": 529,
}

// codeOf maps a code in any spelling (object_not_found, ObjectNotFound,
// OBJECT_NOT_FOUND, the JS SDK's APIErrorCode names) to Notion's.
var codeOf = func() map[string]string {
	m := map[string]string{}
	for c := range codes {
		m[strings.ReplaceAll(c, "_", "")] = c
	}
	return m
}()

func knownCode(w string) string {
	return codeOf[strings.ReplaceAll(strings.ToLower(w), "_", "")]
}

// codeIn finds Notion's code: a code field first, else a known code word.
func codeIn(text, l string) (code, wrapper string) {
	if on(l, "code") {
		for _, m := range reCode.FindAllStringSubmatch(text, 20) {
			if c := knownCode(m[1]); c != "" {
				return c, ""
			}
		}
	}
	for _, w := range words(text, 4000) {
		c := knownCode(w)
		switch {
		case c == "":
		case c == "unauthorized":
			// An English word too: a code only alone or next to its 401.
			if strings.EqualFold(strings.TrimSpace(text), w) || strings.Contains(text, "401") {
				return c, WrapCode
			}
		case strings.Contains(w, "_") || uppers(w) >= 2: // object_not_found, ObjectNotFound
			return c, WrapCode
		}
	}
	return "", ""
}

func uppers(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			n++
		}
	}
	return n
}

// statusKeys gate reStatus, pattern by pattern.
var statusKeys = [][]string{{`"status"`}, {"status"}, {"http/"}, {"http"}, {" error"}, {"status code"}, {"failed with status"},
	{"bad request", "unauthorized", "forbidden", "not found", "conflict", "too many", "internal server", "bad gateway", "unavailable", "gateway time"}}

func statusIn(text, l string) int {
	for i, re := range reStatus {
		if !on(l, statusKeys[i]...) {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(text, 5) {
			if n, err := strconv.Atoi(m[1]); err == nil && n >= 400 && n <= 599 {
				return n
			}
		}
	}
	if !on(l, statusKeys[len(statusKeys)-1]...) {
		return 0
	}
	if m := reStatusWords.FindStringSubmatch(text); m != nil {
		switch w := strings.ToLower(m[1]); {
		case w == "bad gateway":
			return 502
		case strings.HasPrefix(w, "gateway"):
			return 504
		case w == "service unavailable":
			return 503
		default:
			return 429
		}
	}
	return 0
}

// words lists at most n runs of 5 to 41 letters and underscores, starting
// with a letter: the candidates for a code written alone.
func words(s string, n int) []string {
	var out []string
	for i := 0; i < len(s) && len(out) < n; {
		if !isLetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isLetter(s[j]) || s[j] == '_') {
			j++
		}
		if j-i >= 5 && j-i <= 41 {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
