package listing

import (
	"encoding/json"

	"github.com/notion-mcp/notion-mcp/internal/termsafe"
)

// fit cuts long titles (and data source names) to MaxTitleRunes and, unless max is negative, if
// r's JSON would still be larger than max, keeps the databases (then pages) that fit, in order, and
// marks r incomplete (ReasonResultSize). The hints, added after, are kept
// outside the budget's reckoning by a reserve.
func fit(r *Result, max int) {
	for i := range r.Databases {
		d := &r.Databases[i]
		d.Title = cutTitle(d.Title)
		for j := range d.DataSources {
			d.DataSources[j].Name = cutTitle(d.DataSources[j].Name)
		}
	}
	for i := range r.Pages {
		r.Pages[i].Title = cutTitle(r.Pages[i].Title)
	}
	if max < 0 {
		return
	}
	const reserve = 8 << 10 // hints and the fields set after fit
	dbs, pgs := r.Databases, r.Pages
	r.Databases, r.Pages = []Database{}, nil
	base, _ := json.Marshal(r)
	room := max - reserve - len(base)
	keep := func(n int, size func(int) int) int {
		for i := range n {
			s := size(i) + 1 // a comma
			if s > room {
				return i
			}
			room -= s
		}
		return n
	}
	nd := keep(len(dbs), func(i int) int { b, _ := json.Marshal(dbs[i]); return len(b) })
	np := keep(len(pgs), func(i int) int { b, _ := json.Marshal(pgs[i]); return len(b) })
	r.Databases, r.Pages = dbs[:nd], pgs[:np]
	if nd < len(dbs) || np < len(pgs) {
		r.Count = nd
		r.Complete = false
		if r.Incomplete == "" || r.Incomplete == ReasonLimit {
			r.Incomplete = ReasonResultSize
		}
		r.LeftOut = len(dbs) - nd + len(pgs) - np
	}
}

// cutTitle shortens a title to MaxTitleRunes runes, ending it with "…".
func cutTitle(s string) string { return termsafe.Cut(s, MaxTitleRunes) }
