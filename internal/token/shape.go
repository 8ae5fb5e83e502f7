package token

import (
	"errors"
	"fmt"
	"strings"
)

// The sending policy. Notion documents one token shape (an internal
// integration token: "ntn_" + 46 characters, or "secret_" + 43, 50 in all;
// ../shared/NOTION_API_NOTES.md, from developers.notion.com/docs/authorization)
// and warns that formats may change; OAuth access tokens start the same way,
// and the format of personal access tokens is not documented. So the policy
// is deliberately loose inside the Notion family and strict outside it:
//
//   - a value is sent to Notion only when it starts with "ntn_" or "secret_",
//     the rest is letters and digits, it is 40 to 128 characters long and is
//     not a placeholder: Plausible;
//   - a value of that family but not the documented 50-character shape is
//     still sent, and results say it was sent on that assumption
//     (AssumedShape);
//   - anything else (another service's key, a path, a password) is
//     "malformed": never sent, and its fingerprint shows no character of it,
//     only a known prefix and a length class.
const (
	minPlausibleLen = 40
	maxPlausibleLen = 128
	documentedLen   = 50
)

// Plausible reports whether a cleaned value has the shape of a Notion token
// and may be sent to Notion.
func Plausible(cleaned string) bool {
	prefix := knownPrefix(cleaned)
	if prefix == "" || len(cleaned) < minPlausibleLen || len(cleaned) > maxPlausibleLen {
		return false
	}
	body := cleaned[len(prefix):]
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return !isPlaceholder(strings.ToLower(cleaned), prefix)
}

// AssumedShape is the sentence results carry when a plausible token is not
// of the documented 50-character shape, saying what was assumed in sending it.
const AssumedShape = "Its shape differs from the documented 50-character internal integration token; it was sent to Notion anyway " +
	"because it starts with a Notion prefix and Notion says token formats may change (OAuth and personal access tokens are not documented). " +
	"If Notion rejects it, copy the token again."

// NotSent is the sentence results carry for a malformed value.
const NotSent = "It was not sent to Notion: only values shaped like a Notion token (ntn_ or secret_, letters and digits, 40 to 128 characters) are sent, " +
	"so that another secret picked up by mistake never leaves this computer."

func knownPrefix(s string) string {
	for _, p := range Prefixes {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

// lengthClass names a length by range, so that a fingerprint of a value that
// is not a token says roughly how long it was without saying exactly.
func lengthClass(n int) string {
	switch {
	case n < 20:
		return "under 20 characters"
	case n < 40:
		return "20-39 characters"
	case n <= 64:
		return "40-64 characters"
	case n <= 128:
		return "65-128 characters"
	}
	return "over 128 characters"
}

// ErrMalformed marks a token that was not sent because it does not have the
// shape of a Notion token.
var ErrMalformed = errors.New("not shaped like a Notion token")

// Unsendable returns the error for t when it may not be sent to Notion
// (empty, or not Plausible), naming its source and problems but no part of
// it; nil when t is Sendable.
func Unsendable(t *Token) error {
	if t == nil {
		return &resolveError{msg: "no Notion token", kind: ErrMissing}
	}
	if t.Sendable() {
		return nil
	}
	what := "does not have the shape of a Notion token"
	if t.IsZero() {
		what = "is empty once cleaned of quotes, spaces and a Bearer prefix"
	}
	msg := fmt.Sprintf("the value from %s %s (%s), so it was not sent to Notion", t.Source(), what, t.Fingerprint())
	if p := t.Format().Problems; len(p) > 0 {
		msg += ": " + strings.Join(p, " ")
	}
	return &resolveError{msg: msg + ". Call validate_token for the steps to fix it", kind: ErrMalformed}
}

// Documented reports whether the token has the one documented shape, 50
// characters; a Sendable token without it was sent on an assumption that
// results state (AssumedShape).
func (t Token) Documented() bool {
	v := t.get().secret
	return Plausible(v) && len(v) == documentedLen
}
