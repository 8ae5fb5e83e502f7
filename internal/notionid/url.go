package notionid

import (
	"fmt"
	"net/url"
	"strings"
)

// hostKind classifies a link's host.
type hostKind int

const (
	hostOther hostKind = iota
	hostApp            // notion.so, notion.com and their www./app. forms
	hostSite           // <workspace>.notion.site, a public page
	hostAPI            // api.notion.com
)

func classifyHost(host string) hostKind {
	switch host {
	case "notion.so", "www.notion.so", "notion.com", "www.notion.com", "app.notion.com", "app.notion.so":
		return hostApp
	case "api.notion.com":
		return hostAPI
	}
	if strings.HasSuffix(host, ".notion.site") {
		return hostSite
	}
	return hostOther
}

// isURL reports whether s is a single link (no spaces) with a known scheme or
// a Notion host written without one.
func isURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	l := strings.ToLower(s)
	for _, p := range []string{"https://", "http://", "notion://"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	host, _, _ := strings.Cut(l, "/")
	host, _, _ = strings.Cut(host, "?")
	host, _, _ = strings.Cut(host, "#")
	return strings.Contains(l, "/") && classifyHost(host) != hostOther
}

// errBadLink means a link could not be parsed as one; its text is scanned instead.
var errBadLink = &NoIDError{Reason: "The link could not be read."}

// parseURL reads a Notion link. The object's ID is the trailing 32 hex digits
// of the last path segment, never the ?v= view; a path without an ID falls
// back to ?p=.
func parseURL(raw string) (*Result, error) {
	s := raw
	if hasPrefixFold(s, "notion://") {
		s = "https://" + s[len("notion://"):]
	} else if !hasPrefixFold(s, "http://") && !hasPrefixFold(s, "https://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, errBadLink
	}
	host := strings.ToLower(u.Hostname())
	kind := classifyHost(host)
	segs := splitPath(u.EscapedPath())
	r := &Result{Kind: KindPageOrDatabase, Source: SourceURL}

	if kind == hostAPI {
		return parseAPIURL(r, segs)
	}
	if kind == hostOther {
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnNotNotion, host))
	}
	if kind == hostSite {
		r.Workspace = strings.TrimSuffix(host, ".notion.site")
		r.Warnings = append(r.Warnings, warnSite)
	}

	idSeg := -1
	if n := len(segs); n > 0 {
		if id, title, ok := segmentID(segs[n-1]); ok {
			r.ID, r.Title, idSeg = id, title, n-1
			if isDashedUUID(segs[n-1]) {
				r.Warnings = append(r.Warnings, warnDashedInURL)
			}
		}
	}
	if r.Workspace == "" && len(segs) > 0 && idSeg != 0 && segs[0] != "p" {
		r.Workspace = segs[0]
	}

	q := rawQuery(u.RawQuery)
	if v, ok := wholeID(q["v"]); ok {
		r.ViewID = v
	}
	if p, ok := wholeID(q["p"]); ok {
		r.PeekPageID = p
	}
	if b, ok := fragmentBlock(u.EscapedFragment()); ok {
		r.BlockID = b
	}

	switch {
	case r.ID != "":
	case r.PeekPageID != "":
		r.ID = r.PeekPageID
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnPeekOnly, r.PeekPageID, r.PeekPageID))
		return r, nil
	case r.ViewID != "":
		// A link whose only ID is its ?v=: a view.
		r.ID, r.Kind = r.ViewID, KindView
		r.Warnings = append(r.Warnings, warnViewRef)
		return r, nil
	default:
		return nil, &NoIDError{Reason: "The link has no ID in its path (it may be a workspace, a view or a settings link)."}
	}

	if r.ViewID != "" {
		r.Kind = KindDatabase
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnView, compact(r.ViewID), r.ID))
	}
	if r.PeekPageID != "" && r.PeekPageID != r.ID {
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnPeek, r.PeekPageID, r.ID, r.PeekPageID))
	}
	if r.BlockID != "" && r.BlockID != r.ID {
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnBlock, compact(r.BlockID), r.ID, r.BlockID))
	}
	if r.Kind == KindPageOrDatabase && kind != hostOther {
		r.Warnings = append(r.Warnings, warnPageOrDB)
	}
	return r, nil
}

// parseAPIURL reads https://api.notion.com/v1/<objects>/<id>[/…].
func parseAPIURL(r *Result, segs []string) (*Result, error) {
	r.Warnings = append(r.Warnings, warnAPIURL)
	for i := 0; i+1 < len(segs); i++ {
		id, ok := wholeID(segs[i+1])
		if !ok {
			continue
		}
		r.ID = id
		switch segs[i] {
		case "databases":
			r.Kind = KindDatabase
		case "data_sources":
			r.Kind = KindDataSource
		}
		return r, nil
	}
	return nil, &NoIDError{Reason: "The API URL has no object ID in its path."}
}

// segmentID finds the ID at the end of a path segment: the whole segment
// (compact or dashed) or the 32 hex digits after the title's last dash.
func segmentID(seg string) (id, title string, ok bool) {
	if id, ok := wholeID(seg); ok {
		return id, "", true
	}
	if len(seg) > 33 && seg[len(seg)-33] == '-' {
		if id, ok := wholeID(seg[len(seg)-32:]); ok {
			return id, titleWords(seg[:len(seg)-33]), true
		}
	}
	return "", "", false
}

func titleWords(s string) string {
	if t, err := url.PathUnescape(s); err == nil {
		s = t
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '-' }), " ")
}

func splitPath(p string) []string {
	var segs []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	return segs
}

// rawQuery splits a query without percent-decoding, so an ID is only ever
// read from characters that are literally in the input.
func rawQuery(q string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.FieldsFunc(q, func(r rune) bool { return r == '&' || r == ';' }) {
		k, v, _ := strings.Cut(kv, "=")
		if _, seen := m[k]; !seen {
			m[k] = v
		}
	}
	return m
}

func fragmentBlock(f string) (string, bool) {
	f = strings.TrimPrefix(f, "block-")
	return wholeID(f)
}

func compact(id string) string { return strings.ReplaceAll(id, "-", "") }
