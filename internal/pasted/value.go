package pasted

import (
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// Kinds of value Notion rejects with "should be a valid uuid".
const (
	BadUnset       = "unset"        // undefined, null, None: the variable holding the ID was empty
	BadPlaceholder = "placeholder"  // <database_id>, YOUR_DATABASE_ID, {id}
	BadMasked      = "masked"       // XXX, ****
	BadURL         = "url"          // a whole link
	BadReference   = "reference"    // collection://… or view://…
	BadViewSuffix  = "view_suffix"  // <id>?v=<view>
	BadTrailing    = "trailing"     // <id>? or <id>" — a character after the ID
	BadSlug        = "slug"         // Title-Words-<id>
	BadShort       = "short"        // a digit or more missing
	BadLong        = "long"         // a character too many
	BadTitle       = "title"        // a title or name instead of an ID
	BadOther       = "other"        // none of the above
	BadWhitespace  = "whitespace"   // the ID with spaces or a newline in it
	BadUpperDashes = "wrong_dashes" // 32 hex digits dashed in the wrong places
	BadToken       = "token"        // an integration token where the ID belongs
)

// BadValue is a rejected value taken apart.
type BadValue struct {
	Kind     string
	ID       string // the ID the value holds, dashed lower-case; "" when none
	ViewID   string // the view after ?v=, when present
	Trailing string // what follows the ID (for BadTrailing)
}

// takeApart says what is wrong with a value Notion rejected as a uuid and
// which ID it holds. The kinds follow what people paste (issue threads in
// NOTION_API_NOTES.md: a ?v= part, a trailing ?, a whole link, "None").
func takeApart(v string) *BadValue {
	b := &BadValue{Kind: BadOther}
	t := strings.TrimSpace(v)
	lt := strings.ToLower(t)
	ids := hexIDs(t)
	switch {
	case t == "" || lt == "undefined" || lt == "null" || lt == "none" || lt == "nil" || lt == "nan":
		b.Kind = BadUnset
		return b
	case isSecret(t):
		b.Kind = BadToken
		return b
	case isPlaceholder(t):
		b.Kind = BadPlaceholder
		return b
	case classify(t) == IDMasked:
		b.Kind = BadMasked
		return b
	case strings.HasPrefix(lt, "collection://") || strings.HasPrefix(lt, "view://"):
		b.Kind = BadReference
	case strings.Contains(lt, "://") || strings.Contains(lt, "notion.so/") || strings.Contains(lt, "notion.site/") ||
		strings.Contains(lt, "notion.com/"):
		b.Kind = BadURL
	case strings.Contains(lt, "?v=") || strings.Contains(lt, "&v="):
		b.Kind = BadViewSuffix
	}
	b.ID, b.ViewID = objectAndView(t, ids)
	if b.Kind != BadOther {
		return b
	}
	digits, other, spaces := 0, 0, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case isHex(c):
			digits++
		case c == '-':
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			spaces++
		default:
			other++
		}
	}
	switch {
	case b.ID != "" && len(ids) == 1 && strings.HasSuffix(strings.ReplaceAll(lt, "-", ""), strings.ReplaceAll(b.ID, "-", "")) && hasWordBefore(t):
		b.Kind = BadSlug
	case b.ID != "" && other+spaces > 0 && strings.HasPrefix(strings.ReplaceAll(lt, "-", ""), strings.ReplaceAll(b.ID, "-", "")):
		b.Kind = BadTrailing
		b.Trailing = trailingAfter(t)
	case b.ID != "" && other+spaces > 0:
		b.Kind = BadTrailing
	case b.ID != "":
		b.Kind = BadUpperDashes
	case other == 0 && spaces > 0 && digits == 32:
		b.Kind = BadWhitespace
		b.ID = notionid.Dashed(strings.Map(func(r rune) rune {
			if r == '-' || r == ' ' || r == '\n' || r == '\t' || r == '\r' {
				return -1
			}
			return r
		}, t))
	case other == 0 && spaces == 0 && digits > 0 && digits < 32:
		b.Kind = BadShort
	case other == 0 && spaces == 0 && digits > 32:
		b.Kind = BadLong
	case other > 0 && digits < 32:
		b.Kind = BadTitle
	}
	return b
}

// objectAndView picks the object's ID among ids: never the one after v=.
func objectAndView(t string, ids []string) (id, view string) {
	lt := strings.ToLower(t)
	for _, x := range ids {
		c := strings.ReplaceAll(x, "-", "")
		i := strings.Index(strings.ReplaceAll(lt, "-", ""), c)
		isView := i >= 2 && strings.HasSuffix(strings.ReplaceAll(lt, "-", "")[:i], "v=")
		switch {
		case isView && view == "":
			view = x
		case !isView && id == "":
			id = x
		}
	}
	return id, view
}

// hasWordBefore: letters (a title) come before the ID's digits.
func hasWordBefore(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' {
			return true
		}
		if isHex(c) && i+32 <= len(t) && len(hexIDs(t[i:])) > 0 && len(strings.Trim(t[i:], "0123456789abcdefABCDEF-")) == 0 {
			return false
		}
	}
	return false
}

// trailingAfter is what follows the 32 hex digits (and their dashes).
func trailingAfter(t string) string {
	n := 0
	for i := 0; i < len(t); i++ {
		if isHex(t[i]) {
			n++
			if n == 32 {
				return clip(t[i+1:], 20)
			}
		}
	}
	return ""
}
