package sandbox

import (
	"strconv"
	"sync/atomic"
)

// renderCache holds an object's JSON per version and shape, built on first
// use: a listing of thousands of databases then costs copies, not encoding.
type renderCache [3][2]atomic.Pointer[[]byte] // [version-1][as block]

// json returns o's JSON as a list item (no request_id): as a block for
// block children, otherwise as a page, database or data source; stripped to
// {"object","id"} for integrations without Read content.
func (o *object) json(v version, stripped, asBlock bool) []byte {
	if stripped {
		name := o.objectName()
		if asBlock {
			name = "block"
		}
		return []byte(`{"object":"` + name + `","id":"` + o.id + `"}`)
	}
	shape := 0
	if asBlock {
		shape = 1
	}
	slot := &o.cache[v-1][shape]
	if b := slot.Load(); b != nil {
		return *b
	}
	var b []byte
	if asBlock {
		b = encode(o.renderBlock(v))
	} else {
		b = encode(o.render(v, false))
	}
	slot.Store(&b) // a concurrent first use stores identical bytes
	return b
}

// list is a paginated list response.
type list struct {
	items [][]byte
	next  string // the next cursor; "" when there is no more
	typ   string // "block", "page_or_database", "page_or_data_source" or "view"
	rid   string
	// incomplete adds "request_status": {"type": "incomplete", …}, the shape
	// of notion-sdk-js RequestStatusResponse (FaultIncomplete).
	incomplete bool
}

// newList starts a list of blocks (block is true) or of pages, databases and
// data sources, whose list type depends on the version.
func newList(block bool, v version) *list {
	switch {
	case block:
		return &list{typ: "block"}
	case v.dataSources():
		return &list{typ: "page_or_data_source"}
	}
	return &list{typ: "page_or_database"}
}

// encode assembles the list's JSON from its items' JSON, in Notion's order:
// object, results, next_cursor, has_more, type, {type}: {}, request_id.
func (l *list) encode() []byte {
	n := 160
	for _, it := range l.items {
		n += len(it) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, `{"object":"list","results":[`...)
	for i, it := range l.items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, it...)
	}
	b = append(b, `],"next_cursor":`...)
	if l.next == "" {
		b = append(b, `null,"has_more":false`...)
	} else {
		b = strconv.AppendQuote(b, l.next)
		b = append(b, `,"has_more":true`...)
	}
	b = append(b, `,"type":"`+l.typ+`","`+l.typ+`":{}`...)
	if l.incomplete {
		b = append(b, `,"request_status":{"type":"incomplete","incomplete_reason":"query_result_limit_reached"}`...)
	}
	b = append(b, `,"request_id":"`+l.rid+`"}`...)
	return b
}
