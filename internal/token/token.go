// Package token finds the Notion token a server process was given, checks its
// format offline (warnings only: Notion may change the format) and carries it
// in a Token type that prints, marshals and logs as a fingerprint only.
package token

import (
	"log/slog"
	"strings"

	"github.com/rs/zerolog"
)

// Kinds of token Check recognises by prefix.
const (
	KindInternal       = "internal"        // ntn_ + 46 characters (since September 2024)
	KindLegacyInternal = "legacy_internal" // secret_ + 43 characters
	KindUnrecognised   = "unrecognised"    // anything else: OAuth tokens, typos, other services
)

// Prefixes are the known Notion token prefixes, the one list every package
// uses: "ntn_" (internal integrations since September 2024, and personal
// access tokens) and "secret_" (older internal integrations).
var Prefixes = []string{"ntn_", "secret_"}

// MentionsPrefix reports whether s holds a token prefix anywhere.
func MentionsPrefix(s string) bool {
	for _, p := range Prefixes {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// Token is a cleaned Notion token with where it came from. Every printing and
// marshalling method returns the fingerprint. The secret is reachable only
// through a closure: fmt paths that bypass String (a Token in an unexported
// field, or a verb such as %d) print a func address, never the secret, which
// a pointer or string field would not guarantee. The zero Token is empty.
// Tokens are not comparable with ==; compare Value() if you must.
type Token struct {
	d func() data
}

type data struct {
	secret  string
	source  string
	format  Format
	literal bool
}

// New checks raw with Check and returns a Token holding the cleaned value.
// source names where it came from, e.g. "env:NOTION_TOKEN" or "argument".
func New(raw, source string) *Token {
	cleaned, f := Check(raw)
	d := data{secret: cleaned, source: source, format: f, literal: source == SourceArgument}
	return &Token{d: func() data { return d }}
}

func (t Token) get() data {
	if t.d == nil {
		return data{}
	}
	return t.d()
}

// Value returns the cleaned secret. Use it only to build the Authorization
// header; never log, print or return it.
func (t Token) Value() string { return t.get().secret }

// Fingerprint identifies the token without revealing it, e.g. "ntn_…a1B2".
func (t Token) Fingerprint() string { return Fingerprint(t.get().secret) }

// Source names where the token came from, e.g. "env:NOTION_TOKEN",
// "env_file:/p/.env#NOTION_TOKEN" or "argument".
func (t Token) Source() string { return t.get().source }

// Format returns the offline format check of the token.
func (t Token) Format() Format {
	f := t.get().format
	f.Problems = append([]string(nil), f.Problems...)
	return f
}

// Literal reports whether the token was passed as a tool argument, which means
// it went through the conversation (and the model provider) in clear text.
func (t Token) Literal() bool { return t.get().literal }

// Sendable reports whether the token may be sent to Notion: it has the shape
// of a Notion token (see Plausible). Clients refuse any other.
func (t Token) Sendable() bool { return Plausible(t.get().secret) }

// IsZero reports whether the token is empty.
func (t Token) IsZero() bool { return t.get().secret == "" }

// String returns the fingerprint.
func (t Token) String() string { return t.Fingerprint() }

// GoString returns the fingerprint, so %#v cannot leak the secret.
func (t Token) GoString() string { return "token.Token(" + t.Fingerprint() + ")" }

// MarshalJSON encodes the fingerprint as a JSON string.
func (t Token) MarshalJSON() ([]byte, error) {
	return []byte(`"` + jsonSafe(t.Fingerprint()) + `"`), nil
}

// MarshalText returns the fingerprint (used by encoders that prefer text).
func (t Token) MarshalText() ([]byte, error) { return []byte(t.Fingerprint()), nil }

// MarshalZerologObject logs the fingerprint and source, never the secret.
func (t Token) MarshalZerologObject(e *zerolog.Event) {
	e.Str("fingerprint", t.Fingerprint()).Str("source", t.Source())
}

// LogValue makes log/slog print the fingerprint.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.Fingerprint()) }

// jsonSafe escapes what a fingerprint could contain that JSON does not allow
// raw; fingerprints are ASCII from tokens plus "…", so this is defensive.
func jsonSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString("?")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fingerprint identifies secret without revealing it. For a value shaped
// like a Notion token (Plausible) it is the prefix, "…" and the last 4
// characters, e.g. "ntn_…a1B2". For anything else it shows no character of
// the value beyond a known prefix: "…" and a length class, e.g.
// "…(20-39 characters)", because a value that is not a Notion token may be
// some other secret, and 4 characters of a short one are too many.
func Fingerprint(secret string) string {
	if secret == "" {
		return "(no token)"
	}
	prefix := knownPrefix(secret)
	if !Plausible(secret) {
		return prefix + "…(" + lengthClass(len(secret)) + ")"
	}
	tail := secret[len(secret)-4:]
	if !isAlnum(tail) {
		// Unreachable for a plausible token; kept so fingerprints stay
		// printable and free of quotes or control bytes whatever changes.
		return prefix + "…"
	}
	return prefix + "…" + tail
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
