// Package notionid turns whatever a user pastes — a Notion link, an ID in any
// form, a collection:// or view:// reference, or a pasted API error — into the
// ID to send to the Notion API, with plain-language warnings about the usual
// mistakes (a view ID, a peek link, a public notion.site link, a token).
//
// It never touches the network and knows nothing of MCP.
package notionid

import (
	"errors"
	"fmt"
	"strings"
)

// Kinds of object an input can point at.
const (
	KindPageOrDatabase = "page_or_database"
	KindDatabase       = "database"
	KindDataSource     = "data_source"
	KindView           = "view"
	KindUnknown        = "unknown"
)

// Sources of an input.
const (
	SourceURL       = "url"
	SourceID        = "id"
	SourceReference = "reference"
	SourceText      = "text"
)

// Result is what Parse found.
type Result struct {
	ID         string   `json:"id" jsonschema:"Dashed lower-case ID to pass to the API."`           // dashed lower-case UUID to pass to the API
	Compact    string   `json:"compact"`                                                            // the same 32 hex digits without dashes
	Kind       string   `json:"kind" jsonschema:"What the ID names."`                               // one of the Kind constants
	ViewID     string   `json:"view_id,omitempty" jsonschema:"From ?v=: a view, not the database."` // from ?v=
	BlockID    string   `json:"block_id,omitempty"`                                                 // from #<id> or #block-<id>
	PeekPageID string   `json:"peek_page_id,omitempty" jsonschema:"From ?p=: a row in peek."`       // from ?p=
	Workspace  string   `json:"workspace,omitempty"`                                                // workspace slug of the link, if any
	Title      string   `json:"title,omitempty"`                                                    // title words of the link's path, if any
	Source     string   `json:"source"`                                                             // one of the Source constants
	Warnings   []string `json:"warnings" jsonschema:"Notes for the user."`                          // plain-language notes for the user
}

// ErrNoID is returned (wrapped in a *NoIDError) when the input holds no ID.
var ErrNoID = errors.New("no Notion ID found")

// NoIDError says why no ID was found and what to do instead.
type NoIDError struct {
	Reason string
}

func (e *NoIDError) Error() string {
	return e.Reason + " " + howToCopy
}

// Unwrap makes errors.Is(err, ErrNoID) true.
func (e *NoIDError) Unwrap() error { return ErrNoID }

const howToCopy = "A Notion ID is 32 hexadecimal characters, with or without dashes " +
	"(e.g. 1f2e3d4c5b6a79880123456789abcdef or 1f2e3d4c-5b6a-7988-0123-456789abcdef); " +
	"it is the end of a page's or database's link. To copy a link, open the page in Notion and use " +
	"Share → Copy link (or ••• → Copy link); for a database, first open it as a full page " +
	"(an inline database: ••• → Open as full page) so the link names the database, not the page around it."

// Warnings worth stating once.
const (
	warnView = "The ?v=%s part of this link is a view ID, not the database ID (since API 2025-09-03 GET /v1/views/{id} reads the view itself). " +
		"Use the database ID %s."
	warnPeek = "This link opens a row (page %s) in peek over the database %s: " +
		"use %s to read or update the row as a page, and the database ID for the database."
	warnPeekOnly = "This link names a row opened in peek (page %s) and no database in its path: %s is the row's page ID."
	warnBlock    = "The #%s part points at a block inside the page: the page ID is %s; the block ID is %s."
	warnSite     = "This is a public notion.site link: publishing to the web does not share a page with your integration. " +
		"Share it with the integration too (••• → Connections → Add connections)."
	warnTrimmed     = "Removed characters around the ID that are not part of it (%s): a trailing ? or quote makes the API reject the ID."
	warnDataSource  = "Since API version 2025-09-03 a database ID and the ID of its data source differ: queries and schema use the data source ID (GET/POST /v1/data_sources/{id}); list_shared_databases and diagnose_access show both."
	warnCollection  = "collection:// names a data source (API 2025-09-03 and later), not a database: use it with /v1/data_sources/{id}; the database that holds it has another ID."
	warnViewRef     = "This names a view of a database, not the database: since API 2025-09-03 GET /v1/views/{id} reads it and names its database and data source (diagnose_access does that). Or open the database as a full page, use Share → Copy link, and take the ID before ?v=."
	warnToken       = "The input contains what looks like an integration token; it was ignored and is not shown. Tokens do not belong in chats or tickets: if it was shared, regenerate it in the integration's settings."
	warnManyIDs     = "The text holds %d different IDs; the first one that names an object was used: %s. The others: %s."
	warnNotNotion   = "%s is not a Notion host; the ID was taken from the link's path anyway."
	warnAPIURL      = "This is a Notion API URL, not a link from the app; the ID was taken from its path."
	warnPageOrDB    = "A plain link or ID does not say whether it is a page or a database; diagnose_access finds out."
	warnDashedInURL = "The link's last path segment is a dashed UUID; it was used as the ID."
)

// Parse extracts the Notion ID from input.
func Parse(input string) (*Result, error) {
	s, trimmed := unwrap(input)
	tok := containsToken(s)
	if tok {
		s = stripTokens(s)
	}
	if strings.TrimSpace(s) == "" {
		if tok {
			return nil, &NoIDError{Reason: "The input looks like a Notion integration token, not an ID: it is not shown here. Keep tokens out of chats; if it was shared, regenerate it in the integration's settings."}
		}
		return nil, &NoIDError{Reason: "The input is empty."}
	}

	var r *Result
	var err error
	switch {
	case hasPrefixFold(s, "collection://"):
		r, err = parseReference(s[len("collection://"):], KindDataSource, warnCollection)
	case hasPrefixFold(s, "view://"):
		r, err = parseReference(s[len("view://"):], KindView, warnViewRef)
	case hasPrefixFold(s, "?v="), hasPrefixFold(s, "v="):
		// The ?v= part of a link pasted on its own names a view.
		r, err = parseReference(s[strings.Index(s, "=")+1:], KindView, warnViewRef)
	case isURL(s):
		if r, err = parseURL(s); err == errBadLink {
			r, err = parseText(s)
		}
	default:
		if id, ok := wholeID(s); ok {
			r = &Result{ID: id, Kind: KindPageOrDatabase, Source: SourceID}
			r.Warnings = append(r.Warnings, warnPageOrDB)
		} else {
			r, err = parseText(s)
		}
	}
	if err != nil {
		return nil, err
	}
	r.Compact = strings.ReplaceAll(r.ID, "-", "")
	if trimmed != "" && r.Source != SourceText {
		r.Warnings = append([]string{fmt.Sprintf(warnTrimmed, trimmed)}, r.Warnings...)
	}
	if tok {
		r.Warnings = append(r.Warnings, warnToken)
	}
	if r.Kind == KindDatabase {
		r.Warnings = append(r.Warnings, warnDataSource)
	}
	return r, nil
}

func parseReference(rest string, kind, warning string) (*Result, error) {
	id, ok := wholeID(strings.Trim(rest, "/"))
	if !ok {
		return nil, &NoIDError{Reason: "The reference has no valid ID after its scheme."}
	}
	return &Result{ID: id, Kind: kind, Source: SourceReference, Warnings: []string{warning}}, nil
}

// wholeID reports whether s is exactly one ID, compact or dashed, any case.
func wholeID(s string) (string, bool) {
	switch len(s) {
	case 32:
		if isHex(s) {
			return Dashed(s), true
		}
	case 36:
		if isDashedUUID(s) {
			return strings.ToLower(s), true
		}
	}
	return "", false
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexByte(s[i]) {
			return false
		}
	}
	return true
}

func isHexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isDashedUUID checks the 8-4-4-4-12 shape; the version digit is not checked
// because Notion's IDs are not RFC 4122 UUIDs.
func isDashedUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHexByte(s[i]) {
				return false
			}
		}
	}
	return true
}

// Dashed formats 32 hex digits as a lower-case 8-4-4-4-12 ID, the form
// Notion prints: the one ID normaliser of the project.
func Dashed(hex32 string) string {
	h := strings.ToLower(hex32)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Normalize returns id, 32 hexadecimal digits with dashes anywhere or
// none, as Dashed does, or false for anything else. Only hex digits and
// dashes get through, so the result is safe in a URL path.
func Normalize(id string) (string, bool) {
	hex := strings.ReplaceAll(id, "-", "")
	if len(hex) != 32 {
		return "", false
	}
	for i := 0; i < len(hex); i++ {
		if !isHexByte(hex[i]) {
			return "", false
		}
	}
	return Dashed(hex), true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
