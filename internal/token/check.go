package token

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format is the result of the offline format check. Problems are plain-language
// sentences for the person setting up the integration; they never contain the
// token or any part of it. Problems are warnings: only Notion decides whether a
// token works (GET /v1/users/me).
type Format struct {
	Kind     string   `json:"kind"` // KindInternal, KindLegacyInternal or KindUnrecognised
	Problems []string `json:"problems,omitempty"`
	// Malformed: the value does not have the shape of a Notion token
	// (Plausible is false), so it is never sent to Notion.
	Malformed bool `json:"malformed,omitempty"`
}

// OK reports whether the check found nothing to warn about.
func (f Format) OK() bool { return len(f.Problems) == 0 }

// The problem sentences. They are fixed text (lengths are the only values
// filled in) so that no part of a token can ever end up in one.
const (
	probEmpty        = "The token is empty."
	probNewline      = "The value had a line break around it; it was removed. Check the config for a trailing newline."
	probSpaces       = "The value had spaces around it; they were removed."
	probQuotes       = "The value was wrapped in quotes; they were removed. Give the token without extra quotes."
	probEscaped      = `The value was wrapped in escaped quotes (\"…\"), a JSON escaping mistake; they were removed.`
	probBearer       = `The value starts with "Bearer "; give the token alone, the server adds "Bearer " itself.`
	probAssignment   = "The value includes a variable name and '=' (like NAME=…); only the part after '=' was used."
	probPlaceholder  = "The value looks like a placeholder from an example config, not a real token. Copy the token from " + Portal + "."
	probVarRef       = "The value looks like an unexpanded variable reference (${NAME}, $NAME or %NAME%): the MCP client passed it literally. Put the token itself in the client's env block."
	probURL          = "The value is a link, not a token."
	probNotionID     = "The value looks like a Notion page or database ID (32 hexadecimal characters), not a token."
	probUnknown      = "It does not start with ntn_ or secret_, the prefixes of Notion internal integration tokens. OAuth and other token kinds exist, so this is only a warning."
	probLength       = "It is %d characters long; Notion internal integration tokens are 50."
	probTwice        = "It looks like the token was pasted twice."
	probInnerSpace   = "It contains spaces or line breaks inside it, which Notion tokens never have."
	probInnerQuote   = "It contains quote characters inside it, which Notion tokens never have."
	probNonASCII     = "It contains invisible or non-ASCII characters (often picked up when copying from a web page or document)."
	probPunctuation  = "It contains punctuation or symbols that never appear in Notion tokens."
	probOtherService = "It looks like a token for %s, not a Notion token."
)

// otherServices maps prefixes of other services' keys, a common mix-up in
// configs holding several keys, to a fixed name.
var otherServices = []struct{ prefix, name string }{
	{"sk-ant-", "Anthropic"},
	{"sk-", "OpenAI or another AI provider"},
	{"github_pat_", "GitHub"},
	{"ghp_", "GitHub"},
	{"xoxb-", "Slack"},
	{"xoxp-", "Slack"},
	{"glpat-", "GitLab"},
}

// placeholderWords are fragments of example values. Each contains a character
// that real tokens lack ('_', '-', ' ', '<', '.') or is long enough not to
// occur by chance in a random token.
var placeholderWords = []string{
	"your_", "your-", "your ", "yourtoken", "yournotion", "_here", "-here", " here", "tokenhere",
	"changeme", "change_me", "replace", "placeholder", "example", "insert", "paste",
	"redacted", "notion_token", "api_key", "api-key", "<", ">", "…", "...", "xxxx", "****",
}

// Check cleans raw (surrounding whitespace, newline, quotes, a "Bearer " or
// "NAME=" prefix) and warns about anything that does not look like a Notion
// token. It never decides: a token with problems may still work.
func Check(raw string) (cleaned string, f Format) {
	var probs []string
	add := func(p string) {
		for _, q := range probs {
			if q == p {
				return
			}
		}
		probs = append(probs, p)
	}
	s := raw
	for range 8 {
		before := s
		if t := strings.TrimSpace(s); t != s {
			// t is a substring of s, so what was cut is s minus t.
			if strings.Count(s, "\n")+strings.Count(s, "\r") > strings.Count(t, "\n")+strings.Count(t, "\r") {
				add(probNewline)
			} else {
				add(probSpaces)
			}
			s = t
		}
		if len(s) >= 4 && strings.HasPrefix(s, `\"`) && strings.HasSuffix(s, `\"`) {
			s = s[2 : len(s)-2]
			add(probEscaped)
		}
		if len(s) >= 2 && strings.ContainsRune("\"'`", rune(s[0])) && s[len(s)-1] == s[0] {
			s = s[1 : len(s)-1]
			add(probQuotes)
		}
		if len(s) >= 7 && strings.EqualFold(s[:7], "bearer ") {
			s = s[7:]
			add(probBearer)
		}
		if len(s) >= 14 && strings.EqualFold(s[:14], "authorization:") {
			s = strings.TrimLeft(s[14:], " \t")
			add(probBearer)
		}
		if i := strings.IndexByte(s, '='); i > 0 && isEnvName(strings.TrimSpace(strings.TrimPrefix(s[:i], "export "))) {
			s = s[i+1:]
			add(probAssignment)
		}
		if s == before {
			break
		}
	}
	if s == "" {
		add(probEmpty)
		return "", Format{Kind: KindUnrecognised, Problems: probs, Malformed: true}
	}
	kind, prefix := KindUnrecognised, ""
	for _, p := range Prefixes {
		if strings.HasPrefix(s, p) {
			prefix = p
			kind = KindInternal
			if p == "secret_" {
				kind = KindLegacyInternal
			}
			break
		}
	}
	specific := false
	lower := strings.ToLower(s)
	switch {
	case isVarRef(s):
		add(probVarRef)
		specific = true
	case isPlaceholder(lower, prefix):
		add(probPlaceholder)
		specific = true
	case strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") ||
		strings.HasPrefix(lower, "notion://") || strings.Contains(lower, "notion.so/") || strings.Contains(lower, "notion.site/"):
		add(probURL)
		specific = true
	case isNotionID(lower):
		add(probNotionID)
		specific = true
	}
	if prefix == "" && !specific {
		for _, o := range otherServices {
			if strings.HasPrefix(s, o.prefix) {
				add(strings.Replace(probOtherService, "%s", o.name, 1))
				specific = true
				break
			}
		}
	}
	if prefix == "" && !specific {
		add(probUnknown)
	}
	if prefix != "" && !specific {
		if strings.Contains(s[len(prefix):], prefix) {
			add(probTwice)
		} else if n := utf8.RuneCountInString(s); n != 50 {
			add(strings.Replace(probLength, "%d", strconv.Itoa(n), 1))
		}
	}
	for _, p := range charProblems(s) {
		add(p)
	}
	return s, Format{Kind: kind, Problems: probs, Malformed: !Plausible(s)}
}

// charProblems names, by class, characters outside [A-Za-z0-9_].
func charProblems(s string) []string {
	var space, quote, nonASCII, punct bool
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
		case r == '"' || r == '\'' || r == '`':
			quote = true
		case r >= utf8.RuneSelf || r < 0x20 || r == 0x7f:
			nonASCII = true
		default:
			punct = true
		}
	}
	var out []string
	for _, c := range []struct {
		on bool
		p  string
	}{{space, probInnerSpace}, {quote, probInnerQuote}, {nonASCII, probNonASCII}, {punct, probPunctuation}} {
		if c.on {
			out = append(out, c.p)
		}
	}
	return out
}

func isPlaceholder(lower, prefix string) bool {
	for _, w := range placeholderWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	// "ntn_xxx", "secret_000…", "xxxxxxxx": a body of one or two distinct characters.
	body := lower[len(prefix):]
	distinct := map[rune]bool{}
	for _, r := range body {
		distinct[r] = true
	}
	return len(distinct) <= 2 && (prefix != "" || len(body) >= 3)
}

func isVarRef(s string) bool {
	if strings.Contains(s, "${") || strings.Contains(s, "{{") {
		return true
	}
	if len(s) >= 2 && s[0] == '$' && isEnvName(s[1:]) {
		return true
	}
	return len(s) >= 3 && s[0] == '%' && s[len(s)-1] == '%' && isEnvName(s[1:len(s)-1])
}

// isEnvName reports whether s looks like a conventional (upper-case)
// environment variable name; token bodies are mixed case, so they never match
// as a whole.
func isEnvName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func isNotionID(lower string) bool {
	hex := strings.ReplaceAll(lower, "-", "")
	if len(hex) != 32 {
		return false
	}
	for i := 0; i < len(hex); i++ {
		if !(hex[i] >= '0' && hex[i] <= '9' || hex[i] >= 'a' && hex[i] <= 'f') {
			return false
		}
	}
	return true
}
