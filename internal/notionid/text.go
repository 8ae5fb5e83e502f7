package notionid

import (
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// unwrap removes what people paste around an ID or link: spaces, quotes,
// angle brackets, a markdown link, a trailing ? or punctuation. It returns
// the characters it removed that matter to the API (quotes, ?), if any.
func unwrap(input string) (s, removed string) {
	s = strings.TrimSpace(input)
	// [title](link) → link
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, ")") {
		if i := strings.Index(s, "]("); i > 0 {
			s = strings.TrimSpace(s[i+2 : len(s)-1])
		}
	}
	var cut []string
	for changed := true; changed && s != ""; {
		changed = false
		if p, ok := pairOf(s); ok {
			s = strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
			if p[0] != "<" {
				cut = append(cut, p[0]+p[1])
			}
			changed = true
			continue
		}
		// Only strip a lone trailing mark when the rest is a single token:
		// in prose a final "." or "?" means nothing.
		if strings.ContainsAny(s, " \t\r\n") {
			break
		}
		for _, t := range []string{"?", "\"", "'", "`", "”", "’", ".", ",", ";", ")", ">"} {
			if strings.HasSuffix(s, t) {
				s = s[:len(s)-len(t)]
				if t != "." && t != "," && t != ";" {
					cut = append(cut, t)
				}
				changed = true
				break
			}
		}
		for _, t := range []string{"\"", "'", "`", "“", "‘", "<", "("} {
			if strings.HasPrefix(s, t) {
				s = s[len(t):]
				cut = append(cut, t)
				changed = true
				break
			}
		}
	}
	return s, strings.Join(cut, " ")
}

var pairs = [][2]string{{"\"", "\""}, {"'", "'"}, {"`", "`"}, {"“", "”"}, {"‘", "’"}, {"<", ">"}}

func pairOf(s string) ([2]string, bool) {
	for _, p := range pairs {
		if len(s) >= len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			return p, true
		}
	}
	return [2]string{}, false
}

// tokenSpan finds the next integration-token-like run at or after from.
func tokenSpan(s string, from int) (start, end int, ok bool) {
	for from < len(s) {
		best := -1
		for _, p := range token.Prefixes {
			if i := strings.Index(s[from:], p); i >= 0 && (best < 0 || from+i < best) {
				best = from + i
			}
		}
		if best < 0 {
			return 0, 0, false
		}
		e := best
		for e < len(s) && isTokenByte(s[e]) {
			e++
		}
		if e-best >= 20 {
			return best, e, true
		}
		from = e
	}
	return 0, 0, false
}

func isTokenByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func containsToken(s string) bool {
	_, _, ok := tokenSpan(s, 0)
	return ok
}

// stripTokens replaces every token-like run by a space, so the token never
// reaches a result and its characters never form an ID.
func stripTokens(s string) string {
	var b strings.Builder
	from := 0
	for {
		st, e, ok := tokenSpan(s, from)
		if !ok {
			b.WriteString(s[from:])
			return b.String()
		}
		b.WriteString(s[from:st])
		b.WriteByte(' ')
		from = e
	}
}

// candidate is an ID found in free text.
type candidate struct {
	id  string
	pos int
}

// ignoredBefore marks IDs that are never the object: request and integration ids.
var ignoredBefore = []string{"request_id", "request-id", "request id", "integration_id", "workspace_id", "bot_id"}

// parseText finds the ID in pasted prose, an API error message or a JSON
// error body: a Notion link inside it first, else the first ID that is not a
// request or integration id.
func parseText(s string) (*Result, error) {
	var cands []candidate
	if u, ok := embeddedURL(s); ok {
		if r, err := parseURL(u); err == nil {
			others := distinctOthers(r.ID, scanIDs(s), r.ViewID, r.PeekPageID, r.BlockID)
			r.Source = SourceText
			r.Kind = kindFromText(s, r.Kind)
			if len(others) > 0 {
				r.Warnings = append(r.Warnings, fmt.Sprintf(warnManyIDs, len(others)+1, r.ID, strings.Join(others, ", ")))
			}
			return r, nil
		}
	}
	r := &Result{Source: SourceText, Kind: KindUnknown}
	// collection:// or view:// inside text (in backticks, quotes or a table
	// cell, as Notion's AI and API answers print them) is still a reference.
	for _, c := range scanIDs(s) {
		for _, ref := range []struct{ scheme, kind, warn string }{
			{"collection://", KindDataSource, warnCollection}, {"view://", KindView, warnViewRef},
		} {
			if n := len(ref.scheme); c.pos >= n && strings.EqualFold(s[c.pos-n:c.pos], ref.scheme) {
				r.ID, r.Kind, r.Warnings = c.id, ref.kind, []string{ref.warn}
				if others := distinctOthers(r.ID, scanIDs(s)); len(others) > 0 {
					r.Warnings = append(r.Warnings, fmt.Sprintf(warnManyIDs, len(others)+1, r.ID, strings.Join(others, ", ")))
				}
				return r, nil
			}
		}
	}
	// A ?v= or ?p= pasted along with an ID names a view or a row, never the object.
	for _, c := range scanIDs(s) {
		switch {
		case c.pos >= 2 && s[c.pos-2:c.pos] == "v=" && r.ViewID == "":
			r.ViewID = c.id
		case c.pos >= 2 && s[c.pos-2:c.pos] == "p=" && r.PeekPageID == "":
			r.PeekPageID = c.id
		default:
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		if r.PeekPageID == "" {
			return nil, &NoIDError{Reason: "No ID was found in the input."}
		}
		cands = append(cands, candidate{id: r.PeekPageID})
	}
	r.ID = cands[0].id
	if r.ViewID != "" {
		r.Kind = KindDatabase
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnView, compact(r.ViewID), r.ID))
	}
	r.Kind = kindFromText(s, r.Kind)
	if others := distinctOthers(r.ID, cands, r.ViewID, r.PeekPageID); len(others) > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf(warnManyIDs, len(others)+1, r.ID, strings.Join(others, ", ")))
	}
	return r, nil
}

// distinctOthers lists the candidates' IDs other than id and known.
func distinctOthers(id string, cands []candidate, known ...string) []string {
	seen := map[string]bool{id: true}
	for _, k := range known {
		seen[k] = true
	}
	var out []string
	for _, c := range cands {
		if !seen[c.id] {
			seen[c.id] = true
			out = append(out, c.id)
		}
	}
	return out
}

// kindFromText reads what a Notion error message says the ID was used as.
func kindFromText(s string, fallback string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "is a page, not a database"):
		return KindPageOrDatabase
	case strings.Contains(l, "is a database, not a page"),
		strings.Contains(l, "could not find database"),
		strings.Contains(l, "path.database_id"):
		return KindDatabase
	case strings.Contains(l, "could not find data_source"),
		strings.Contains(l, "path.data_source_id"):
		return KindDataSource
	case strings.Contains(l, "could not find page"), strings.Contains(l, "could not find block"):
		return KindPageOrDatabase
	}
	return fallback
}

// embeddedURL finds the first Notion app or site link inside text.
func embeddedURL(s string) (string, bool) {
	l := ASCIILower(s) // same length as s, whatever its encoding
	for from := 0; from < len(l); {
		i := -1
		for _, p := range []string{"https://", "http://", "notion://", "www.notion.so/", "notion.so/"} {
			if j := strings.Index(l[from:], p); j >= 0 && (i < 0 || from+j < i) {
				i = from + j
			}
		}
		if i < 0 {
			return "", false
		}
		e := i
		for e < len(s) && !strings.ContainsRune(" \t\r\n\"'`<>()[]{}\\,", rune(s[e])) {
			e++
		}
		cand := strings.TrimRight(s[i:e], ".?;:")
		host := cand
		if k := strings.Index(host, "://"); k >= 0 {
			host = host[k+3:]
		}
		host, _, _ = strings.Cut(host, "/")
		if k := classifyHost(strings.ToLower(host)); k == hostApp || k == hostSite {
			return cand, true
		}
		from = e
	}
	return "", false
}

// scanIDs lists the IDs in s in order: 32 hex digits, or a dashed 8-4-4-4-12
// UUID, bounded by characters that are not hex digits or dashes. A longer or
// shorter hex run is not an ID.
func scanIDs(s string) []candidate {
	var out []candidate
	hexRuns(s, func(i, j int) {
		if !ignored(s, i) {
			out = append(out, idsInRun(s[i:j], i)...)
		}
	})
	return out
}

// IDsIn lists every whole ID in s in order, dashed lower-case: 32 hex
// digits, or a dashed 8-4-4-4-12 UUID, inside a run of hex digits and
// dashes (so "Home-<id>" yields the ID, not the "e" before it). Unlike the
// parser it skips nothing that precedes a run.
func IDsIn(s string) []string {
	var out []string
	hexRuns(s, func(i, j int) {
		for _, c := range idsInRun(s[i:j], i) {
			out = append(out, c.id)
		}
	})
	return out
}

// hexRuns calls f with the bounds of each maximal run of hex digits and
// dashes in s.
func hexRuns(s string, f func(i, j int)) {
	for i := 0; i < len(s); {
		if !isHexByte(s[i]) && s[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(s) && (isHexByte(s[j]) || s[j] == '-') {
			j++
		}
		f(i, j)
		i = j
	}
}

func ignored(s string, pos int) bool {
	start := max(pos-24, 0)
	before := strings.ToLower(s[start:pos])
	for _, m := range ignoredBefore {
		if strings.Contains(before, m) {
			return true
		}
	}
	return false
}

// idsInRun splits a run of hex digits and dashes into its IDs.
func idsInRun(run string, pos int) []candidate {
	parts := strings.Split(run, "-")
	var out []candidate
	off := pos
	for k := 0; k < len(parts); k++ {
		if k+4 < len(parts) && len(parts[k]) == 8 && len(parts[k+1]) == 4 && len(parts[k+2]) == 4 &&
			len(parts[k+3]) == 4 && len(parts[k+4]) == 12 {
			out = append(out, candidate{strings.ToLower(strings.Join(parts[k:k+5], "-")), off})
			for n := 0; n < 5; n++ {
				off += len(parts[k+n]) + 1
			}
			k += 4
			continue
		}
		if len(parts[k]) == 32 {
			out = append(out, candidate{Dashed(parts[k]), off})
		}
		off += len(parts[k]) + 1
	}
	return out
}

// ASCIILower lowers ASCII letters only, keeping every byte offset of s.
func ASCIILower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
