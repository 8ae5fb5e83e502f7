package diagnose

import (
	"strings"
	"unicode"
)

// How a link's workspace slug compares with the token's workspace name.
const (
	slugNone   = iota // no slug or no name: nothing to compare
	slugSame          // the slug plausibly is that workspace's
	slugUnsure        // cannot tell: a generated slug or a personal workspace
	slugOther         // the slug clearly names another workspace
)

// genericWords never make a slug and a name match on their own.
var genericWords = map[string]bool{
	"the": true, "and": true, "team": true, "teams": true, "notion": true, "workspace": true, "space": true,
	"inc": true, "corp": true, "company": true, "group": true, "llc": true, "ltd": true, "gmbh": true, "hq": true,
}

// slugVerdict compares a link's workspace slug (the workspace's domain,
// which its admins may set to anything) with the token's workspace name.
// Only a clear difference counts as another workspace: "acme-corp" is
// "Acme Corp", "acme" is "ACME, Inc.", and a generated slug ("glossy-ferry-9d7")
// or a personal workspace ("Jane Doe's Notion", whose slug comes from the
// person) is unsure, never a mismatch.
func slugVerdict(slug, name string) int {
	sw, nw := words(slug), words(name)
	if slug == "" || name == "" {
		return slugNone
	}
	a, b := strings.Join(sw, ""), strings.Join(nw, "")
	if a == "" || b == "" {
		return slugUnsure
	}
	if a == b || strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		return slugSame
	}
	for _, x := range sw {
		for _, y := range nw {
			if len(x) >= 3 && len(y) >= 3 && !genericWords[x] && !genericWords[y] &&
				(strings.HasPrefix(x, y) || strings.HasPrefix(y, x)) {
				return slugSame
			}
		}
	}
	if generated(sw) || personal(name) {
		return slugUnsure
	}
	return slugOther
}

// words splits s into lower-case runs of ASCII letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
}

// generated: Notion's generated domains end in a short part holding digits.
func generated(sw []string) bool {
	if len(sw) < 2 {
		return false
	}
	last := sw[len(sw)-1]
	return strings.ContainsFunc(last, unicode.IsDigit)
}

// personal: a workspace named after a person ("Jane's Notion",
// "Jane Doe’s Workspace"); its slug is derived from the person's name or
// e-mail, not from the workspace name.
func personal(name string) bool {
	l := strings.ToLower(strings.ReplaceAll(name, "’", "'"))
	return strings.Contains(l, "'s ") || strings.HasSuffix(l, "'s")
}
