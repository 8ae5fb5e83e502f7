package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// me is GET /v1/users/me: the token's bot user.
func (w *Workspace) me(in *integration) *jBotUser {
	b := in.bot
	return &jBotUser{
		Object: "user", ID: b.id, Name: b.name, Type: "bot",
		Bot: jBot{
			Owner:           jOwner{Type: "workspace", Workspace: true},
			WorkspaceName:   b.space.name,
			WorkspaceID:     b.space.id,
			WorkspaceLimits: jLimits{MaxFileUploadSizeInBytes: 5368709120},
		},
	}
}

// visible returns the object with that ID if the integration can see it.
func (w *Workspace) visible(in *integration, id string) *object {
	o := w.objects[id]
	if o == nil || !in.bot.canSee(o) {
		return nil
	}
	return o
}

// page is GET /v1/pages/{id}.
func (w *Workspace) page(in *integration, v version, id string) (any, *apiError) {
	o := w.visible(in, id)
	switch {
	case o == nil:
	case o.kind == kindPage:
		return o.render(v, in.noRead), nil
	case o.kind == kindDatabase:
		return nil, errValidation(MsgIsDatabase(id))
	}
	return nil, errNotFound("page", id, in.bot, v)
}

// database is GET /v1/databases/{id}.
func (w *Workspace) database(in *integration, v version, id string) (any, *apiError) {
	o := w.visible(in, id)
	switch {
	case o == nil:
	case o.kind == kindPage:
		return nil, errValidation(MsgIsPage(id))
	case o.kind == kindDatabase && !v.dataSources() && len(o.sources) > 1:
		return nil, errValidation(MsgMultipleDataSources)
	case o.kind == kindDatabase:
		return o.render(v, in.noRead), nil
	}
	return nil, errNotFound("database", id, in.bot, v)
}

// dataSource is GET /v1/data_sources/{id} (2025-09-03+).
func (w *Workspace) dataSource(in *integration, v version, id string) (any, *apiError) {
	if o := w.visible(in, id); o != nil && o.kind == kindDataSource {
		return o.render(v, in.noRead), nil
	}
	return nil, errNotFound("data_source", id, in.bot, v)
}

// asBlock returns o if the block API knows it: pages, databases and blocks.
func (w *Workspace) asBlock(in *integration, v version, id string) (*object, *apiError) {
	if o := w.visible(in, id); o != nil && o.kind != kindDataSource {
		return o, nil
	}
	return nil, errNotFound("block", id, in.bot, v)
}

// block is GET /v1/blocks/{id}.
func (w *Workspace) block(in *integration, v version, id string) (any, *apiError) {
	o, err := w.asBlock(in, v, id)
	if err != nil {
		return nil, err
	}
	if in.noRead {
		return jStub{Object: "block", ID: o.id}, nil
	}
	return o.renderBlock(v), nil
}

// blockChildren is GET /v1/blocks/{id}/children. A database has none.
func (w *Workspace) blockChildren(in *integration, v version, id string, q url.Values) (any, *apiError) {
	o, err := w.asBlock(in, v, id)
	if err != nil {
		return nil, err
	}
	size, err := queryPageSize(q)
	if err != nil {
		return nil, err
	}
	var items []*object
	if o.kind != kindDatabase {
		items = o.children
	}
	page, next, err := w.paginate(items, q.Get("start_cursor"), size)
	if err != nil {
		return nil, err
	}
	l := newList(true, v)
	l.next = next
	for _, c := range page {
		l.items = append(l.items, c.json(v, in.noRead, true))
	}
	return l, nil
}

// query is POST /v1/databases/{id}/query (2022-06-28) and POST
// /v1/data_sources/{id}/query (2025-09-03+). Filters and sorts are accepted
// and ignored: rows come in creation order.
func (w *Workspace) query(rt route, in *integration, v version, id string, body []byte) (any, *apiError) {
	fields, err := bodyFields(body)
	if err != nil {
		return nil, err
	}
	cursor, size, err := paging(fields)
	if err != nil {
		return nil, err
	}
	o := w.visible(in, id)
	var ds *object
	switch {
	case rt.name == "data_source_query" && o != nil && o.kind == kindDataSource:
		ds = o
	case rt.name == "data_source_query":
		return nil, errNotFound("data_source", id, in.bot, v)
	case o != nil && o.kind == kindPage:
		return nil, errValidation(MsgIsPage(id))
	case o != nil && o.kind == kindDatabase && len(o.sources) > 1:
		return nil, errValidation(MsgMultipleDataSources)
	case o != nil && o.kind == kindDatabase:
		ds = o.sources[0]
	default:
		return nil, errNotFound("database", id, in.bot, v)
	}
	page, next, err := w.paginate(ds.children, cursor, size)
	if err != nil {
		return nil, err
	}
	l := newList(false, v)
	l.next = next
	for _, r := range page {
		l.items = append(l.items, r.json(v, in.noRead, false))
	}
	return l, nil
}

// paginate returns up to size items from the one whose ID is cursor ("" for
// the first); items must be a parent's children (their index is their
// position). The next cursor is the ID of the first item left out.
func (w *Workspace) paginate(items []*object, cursor string, size int) ([]*object, string, *apiError) {
	start := 0
	if cursor != "" {
		id, _ := parseID(cursor)
		o := w.objects[id]
		if o == nil || o.index >= len(items) || items[o.index] != o {
			return nil, "", errValidation(MsgInvalidCursor(cursor))
		}
		start = o.index
	}
	end := min(start+size, len(items))
	next := ""
	if end < len(items) {
		next = items[end].id
	}
	return items[start:end], next, nil
}

// bodyFields decodes a JSON object body (empty means {}).
func bodyFields(body []byte) (map[string]json.RawMessage, *apiError) {
	fields := map[string]json.RawMessage{}
	if len(body) == 0 {
		return fields, nil
	}
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, &apiError{status: http.StatusBadRequest, code: "invalid_json", message: MsgInvalidJSON}
	}
	return fields, nil
}

// stringField reads an optional string field of the body.
func stringField(fields map[string]json.RawMessage, name string) (string, *apiError) {
	raw, ok := fields[name]
	if !ok || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", errValidation("body failed validation: body." + name + " should be a string or `undefined`, instead was `" + string(raw) + "`.")
	}
	return s, nil
}

// paging reads start_cursor and page_size (default 100) from a body.
func paging(fields map[string]json.RawMessage) (string, int, *apiError) {
	cursor, err := stringField(fields, "start_cursor")
	if err != nil {
		return "", 0, err
	}
	raw, ok := fields["page_size"]
	if !ok || string(raw) == "null" {
		return cursor, 100, nil
	}
	var n float64
	if e := json.Unmarshal(raw, &n); e != nil {
		return "", 0, errValidation("body failed validation: body.page_size should be a number or `undefined`, instead was `" + string(raw) + "`.")
	}
	if err := pageSizeError("body", n, strconv.FormatFloat(n, 'f', -1, 64)); err != nil {
		return "", 0, err
	}
	return cursor, int(n), nil
}
