package pasted

import (
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// reSecret finds what must never be repeated from a paste: an integration
// token (ntn_…, secret_…) or whatever follows "Bearer " (personal access and
// OAuth token formats are not documented).
var reSecret = lazy(`(?:ntn_|secret_)[A-Za-z0-9_]{16,}|(?i:bearer)\s+[A-Za-z0-9_.\-~+/=]{16,}`)

// scrub replaces every secret in s by its fingerprint.
func scrub(s string) string {
	if s == "" {
		return s
	}
	return reSecret.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) > 7 && (m[0] == 'B' || m[0] == 'b') {
			return "Bearer " + token.Fingerprint(trimBearer(m))
		}
		return token.Fingerprint(m)
	})
}

func trimBearer(m string) string {
	i := len("bearer")
	for i < len(m) && (m[i] == ' ' || m[i] == '\t' || m[i] == '\n' || m[i] == '\r') {
		i++
	}
	return m[i:]
}

// isSecret reports whether v is a token and nothing else.
func isSecret(v string) bool {
	loc := reSecret.FindStringIndex(v)
	return loc != nil && loc[0] == 0 && loc[1] == len(v)
}
