package token

import "strings"

// IsPlaceholder reports whether raw, once cleaned like Check cleans it, looks
// like an example value left in a config ("ntn_your_token", "<token>").
func IsPlaceholder(raw string) bool {
	s, _ := Check(raw)
	if s == "" {
		return false
	}
	prefix := ""
	for _, p := range Prefixes {
		if strings.HasPrefix(s, p) {
			prefix = p
			break
		}
	}
	return !isVarRef(s) && isPlaceholder(strings.ToLower(s), prefix)
}

// IsVarRef reports whether raw, once cleaned, looks like a variable reference
// a client passed on without expanding it (${NAME}, $NAME, %NAME%).
func IsVarRef(raw string) bool {
	s, _ := Check(raw)
	return s != "" && isVarRef(s)
}
