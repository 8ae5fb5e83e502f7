package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
)

// me is GET /v1/users/me: the token's bot user, or for a personal access
// token the person who made it.
func (w *Workspace) me(in *integration) any {
	b := in.bot
	if b.person != "" {
		return &jPersonUser{Object: "user", ID: b.id, Name: b.name, Type: "person", Person: jPerson{Email: b.person}}
	}
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
		return o.render(v, in.stripped()), nil
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
		return nil, errValidation(msgIsPage(v, id))
	case o.kind == kindDatabase && o.linked != nil && !v.dataSources():
		return nil, errValidation(MsgLinkedDatabase(id))
	case o.kind == kindDatabase && !v.dataSources() && len(o.sources) > 1:
		return nil, errMultipleDataSources(o)
	case o.kind == kindDatabase:
		return o.render(v, in.stripped()), nil
	}
	return nil, errNotFound("database", id, in.bot, v)
}

// msgIsPage is the "is a page, not a database" 400 in v's wording.
func msgIsPage(v version, id string) string {
	if v.dataSources() {
		return MsgIsPage2026(id)
	}
	return MsgIsPage(id)
}

// view is GET /v1/views/{id} (2025-09-03+): a view of a database the
// integration can see; 404 otherwise, like other objects (the reference:
// "404 if the view doesn't exist or the connection has no access").
func (w *Workspace) view(in *integration, v version, id string) (any, *apiError) {
	vw := w.views[id]
	if vw == nil || !in.bot.canSee(vw.db) {
		return nil, errNotFound("view", id, in.bot, v)
	}
	if in.strip {
		return jStub{Object: "view", ID: vw.id}, nil
	}
	return vw.render(), nil
}

// queryObject is the visible object of kind named by the query parameter
// what+"_id" whose value is raw.
func (w *Workspace) queryObject(in *integration, v version, what, raw string, k kind) (*object, *apiError) {
	id, ok := parseID(raw)
	if !ok {
		return nil, errValidation("query failed validation: query." + what + "_id should be a valid uuid, instead was `" + jsQuote(raw) + "`.")
	}
	o := w.visible(in, id)
	if o == nil || o.kind != k {
		return nil, errNotFound(what, id, in.bot, v)
	}
	return o, nil
}

// listViews is GET /v1/views?database_id=… or ?data_source_id=… (2025-09-03+):
// references {"object":"view","id"} (notion-sdk-js ListDatabaseViewsResponse).
// By data source it also lists the linked views of that source elsewhere.
// Not paginated here: a database has a handful of views.
func (w *Workspace) listViews(in *integration, v version, q url.Values) (any, *apiError) {
	dbRaw, dsRaw := q.Get("database_id"), q.Get("data_source_id")
	var match func(*view) bool
	switch {
	case dbRaw != "":
		db, err := w.queryObject(in, v, "database", dbRaw, kindDatabase)
		if err != nil {
			return nil, err
		}
		match = func(vw *view) bool { return vw.db == db }
	case dsRaw != "":
		ds, err := w.queryObject(in, v, "data_source", dsRaw, kindDataSource)
		if err != nil {
			return nil, err
		}
		match = func(vw *view) bool { return vw.source == ds && in.bot.canSee(vw.db) }
	default:
		// The SDK documents that one of the two is required; the wording
		// of Notion's 400 is not published, so this one is assumed.
		return nil, errValidation("query failed validation: one of query.database_id or query.data_source_id should be defined.")
	}
	var ids []string
	for id, vw := range w.views {
		if match(vw) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	l := &list{typ: "view"}
	for _, id := range ids {
		l.items = append(l.items, []byte(`{"object":"view","id":"`+id+`"}`))
	}
	return l, nil
}

// dataSource is GET /v1/data_sources/{id} (2025-09-03+).
func (w *Workspace) dataSource(in *integration, v version, id string) (any, *apiError) {
	if o := w.visible(in, id); o != nil && o.kind == kindDataSource {
		return o.render(v, in.stripped()), nil
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
	if in.stripped() {
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
	return w.paginate(items, q.Get("start_cursor"), size, v, in, true)
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
		return nil, errValidation(msgIsPage(v, id))
	case o != nil && o.kind == kindDatabase && o.linked != nil:
		return nil, errValidation(MsgNoAccessibleDataSources(id))
	case o != nil && o.kind == kindDatabase && len(o.sources) > 1:
		return nil, errMultipleDataSources(o)
	case o != nil && o.kind == kindDatabase:
		ds = o.sources[0]
	default:
		return nil, errNotFound("database", id, in.bot, v)
	}
	return w.paginate(ds.children, cursor, size, v, in, false)
}

// paginate returns up to size items from the one whose ID is cursor ("" for
// the first); items must be a parent's children (their index is their
// position). The next cursor is the ID of the first item left out. The
// list shows them as blocks or as pages and databases, as in sees them.
func (w *Workspace) paginate(items []*object, cursor string, size int, v version, in *integration, asBlocks bool) (*list, *apiError) {
	start := 0
	if cursor != "" {
		id, _ := parseID(cursor)
		o := w.objects[id]
		if o == nil || o.index >= len(items) || items[o.index] != o {
			return nil, errValidation(MsgInvalidCursor(cursor))
		}
		start = o.index
	}
	end := min(start+size, len(items))
	l := newList(asBlocks, v)
	if end < len(items) {
		l.next = items[end].id
	}
	for _, o := range items[start:end] {
		l.items = append(l.items, o.json(v, in.stripped(), asBlocks))
	}
	return l, nil
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
