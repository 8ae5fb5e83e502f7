package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// kind is what an object is to the API.
type kind uint8

const (
	kindPage       kind = iota + 1 // a page: a workspace page, a sub-page or a database row
	kindDatabase                   // a database (a container of data sources)
	kindDataSource                 // a data source (the table: schema and rows)
	kindBlock                      // a content block that is neither a page nor a database
)

// space is a Notion workspace.
type space struct {
	id, name, slug string
}

// object is any node of the fake workspace. The tree is held by parent:
// a page's or database's container (nil for the workspace), a data source's
// database, a row's data source, a block's page.
type object struct {
	kind      kind
	id        string // dashed, lower case
	title     string
	lower     string // lower-cased title, for search
	space     *space
	parent    *object
	created   string
	edited    string
	createdBy string
	editedBy  string
	icon      string // emoji, or "" for no icon
	inTrash   bool
	url       string          // the API's "url" field
	props     json.RawMessage // page: property values; data source: schema
	children  []*object       // page: its blocks in order; data source: its rows
	index     int             // position in parent.children
	blockType string          // kindBlock: "paragraph", "heading_2"
	text      string          // kindBlock: its text
	isInline  bool            // database
	sources   []*object       // database: its data sources
	linked    *object         // a linked database: the database it shows (it has no sources of its own)
	cache     renderCache     // rendered JSON, see json
}

// hasChildren is the block's has_children: a page or a block container
// holding blocks.
func (o *object) hasChildren() bool {
	return o.kind != kindDataSource && len(o.children) > 0
}

// view is a database view (GET /v1/views/{id}, 2025-09-03+): the ?v= of a
// link. Its database is the database (or linked database) it belongs to;
// its data source is the one it shows.
type view struct {
	id, name, typ string
	db, source    *object
}

// bot is what a token acts as: an integration's bot user and what is shared
// with it, or, for a personal access token, the person who made it and what
// that person can open.
type bot struct {
	id, name string
	space    *space
	shared   map[*object]bool // objects shared directly; their descendants follow
	person   string           // a PAT: the person's e-mail ("" for a bot)
}

// canSee reports whether o is shared with b: o or one of its ancestors was
// shared, within b's workspace.
func (b *bot) canSee(o *object) bool {
	if o.space != b.space {
		return false
	}
	for ; o != nil; o = o.parent {
		if b.shared[o] {
			return true
		}
	}
	return false
}

// integration is what a token authenticates as.
type integration struct {
	label       string
	bot         *bot
	revoked     bool // 401 on every request
	noRead      bool // no Read content capability: retrievals 403, search results stripped
	strip       bool // FaultStripped: every object comes back stripped to {"object","id"}
	restricted  bool // 403 on every content endpoint
	rateLimited bool // 429 on every request
	flaky       bool // the first attempt of each distinct request fails
}

// stripped reports whether objects come back as {"object","id"} only.
func (in *integration) stripped() bool { return in.noRead || in.strip }

// Compact returns id without dashes, in lower case: the form used in URLs.
func Compact(id string) string {
	return strings.ToLower(strings.ReplaceAll(id, "-", ""))
}

// APIURLBase is where the API's "url" fields point: since about April 2026
// https://app.notion.com/ instead of https://www.notion.so/ (dvanoni/notero#823;
// NOTION_API_NOTES "URLs").
const APIURLBase = "https://app.notion.com/p/"

// PageURL returns the "url" Notion's API gives a page: titled, without a
// workspace slug, e.g. https://app.notion.com/p/Team-Home-c118…b566.
func PageURL(title, id string) string {
	if s := titleSlug(title); s != "" {
		return APIURLBase + s + "-" + Compact(id)
	}
	return APIURLBase + Compact(id)
}

// BrowserURL returns the link a person copies from the Notion app for a
// page or database: https://www.notion.so/<workspace slug>/<Title>-<id>.
func BrowserURL(workspaceSlug, title, id string) string {
	if s := titleSlug(title); s != "" {
		return "https://www.notion.so/" + workspaceSlug + "/" + s + "-" + Compact(id)
	}
	return "https://www.notion.so/" + workspaceSlug + "/" + Compact(id)
}

// databaseURL is the API's "url" for a database or data source: untitled.
func databaseURL(id string) string {
	return APIURLBase + Compact(id)
}

// titleSlug joins a title's words with dashes, as Notion's URLs do.
func titleSlug(title string) string {
	f := strings.FieldsFunc(title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, "-")
}

// parseID accepts an ID as 32 hex digits or dashed 8-4-4-4-12, in any case,
// and returns it dashed in lower case. The UUID version digit is not checked:
// Notion's IDs are not RFC 4122.
func parseID(raw string) (string, bool) {
	var hexDigits [32]byte
	n := 0
	switch len(raw) {
	case 32:
	case 36:
		if raw[8] != '-' || raw[13] != '-' || raw[18] != '-' || raw[23] != '-' {
			return "", false
		}
	default:
		return "", false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '-' && len(raw) == 36:
			continue
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			c += 'a' - 'A'
		default:
			return "", false
		}
		if n == 32 {
			return "", false
		}
		hexDigits[n] = c
		n++
	}
	if n != 32 {
		return "", false
	}
	return notionid.Dashed(string(hexDigits[:])), true
}

// dashed formats 32 hex digits as 8-4-4-4-12.

// hashID derives a stable, Notion-looking ID from a seed: 32 hex digits from
// SHA-256, with the version digit set to 8 like Notion's recent IDs (not a
// valid RFC 4122 version, as with the real ones).
func hashID(seed string) string {
	sum := sha256.Sum256([]byte("notion-mcp-sandbox/" + seed))
	h := []byte(hex.EncodeToString(sum[:16]))
	h[12] = '8'
	return notionid.Dashed(string(h))
}
