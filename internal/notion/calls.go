package notion

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jomei/notionapi"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// Me calls GET /v1/users/me: the integration's bot user, the live token check.
//
// It goes through notionapi, whose User decodes this endpoint correctly in
// every version, except that Bot drops workspace_id; that one field (needed
// to tell which workspace a token belongs to) is read from the raw body the
// transport keeps. If notionapi ever fails to decode a 2xx body, the lenient
// decoder reads the whole object instead of failing the token check.
func (c *Client) Me(ctx context.Context, v string) (*User, error) {
	const path = "/v1/users/me"
	v, e := c.version(v, http.MethodGet, path)
	if e != nil {
		return nil, e
	}
	ci := &callInfo{}
	// notionapi gets an empty token: the transport adds the real one, so
	// notionapi's exported Client.Token field never holds the secret.
	nc := notionapi.NewClient("", notionapi.WithHTTPClient(c.hc), notionapi.WithVersion(v), notionapi.WithRetry(1))
	u, err := nc.User.Me(withCallInfo(ctx, ci))
	if err != nil {
		if ne, ok := AsError(err); ok {
			return nil, ne
		}
		if ci.body == nil {
			return nil, asError(err, http.MethodGet, path, v)
		}
		o, de := c.decoded(ci, http.MethodGet, path, v, http.StatusOK, "user")
		if de != nil {
			return nil, de
		}
		return decodeUser(o), nil
	}
	if (u.Object != "" && u.Object != "user") || u.ID == "" {
		return nil, &Error{Method: http.MethodGet, Path: path, Version: v, Status: http.StatusOK, Code: CodeUnexpectedObject,
			Message: fmt.Sprintf("expected a user object, got %q", u.Object), RequestID: ci.requestID, Attempts: ci.attempts}
	}
	user := &User{ID: normID(string(u.ID)), Name: u.Name, Type: string(u.Type)}
	if user.Type == "person" {
		user.Email = obj(ci.body).obj("person").str("email")
	}
	if user.Type == "bot" {
		user.Bot = &Bot{WorkspaceID: normID(obj(ci.body).obj("bot").str("workspace_id"))}
		if u.Bot != nil {
			user.Bot.OwnerType, user.Bot.WorkspaceName = u.Bot.Owner.Type, u.Bot.WorkspaceName
		}
	}
	return user, nil
}

// RetrievePage calls GET /v1/pages/{id}.
func (c *Client) RetrievePage(ctx context.Context, v, id string) (*Page, error) {
	return retrieve(ctx, c, v, "/v1/pages/", id, "page", false, decodePage)
}

// RetrieveDatabase calls GET /v1/databases/{id}. Under 2022-06-28 a database
// with several data sources is a 400 validation_error from Notion.
func (c *Client) RetrieveDatabase(ctx context.Context, v, id string) (*Database, error) {
	return retrieve(ctx, c, v, "/v1/databases/", id, "database", false, decodeDatabase)
}

// RetrieveDataSource calls GET /v1/data_sources/{id} (2025-09-03+; under
// 2022-06-28 the request is still sent and Notion answers 400
// invalid_request_url, which is evidence in itself). id may be written
// "collection://<uuid>", as Notion's own tools do.
func (c *Client) RetrieveDataSource(ctx context.Context, v, id string) (*DataSource, error) {
	return retrieve(ctx, c, v, "/v1/data_sources/", id, "data_source", true, decodeDataSource)
}

// RetrieveBlock calls GET /v1/blocks/{id}. A page is also a block.
func (c *Client) RetrieveBlock(ctx context.Context, v, id string) (*Block, error) {
	return retrieve(ctx, c, v, "/v1/blocks/", id, "block", false, func(o rawObj) *Block {
		b := decodeBlock(o)
		return &b
	})
}

// retrieve GETs prefix+id, an object of type want, and decodes it.
func retrieve[T any](ctx context.Context, c *Client, v, prefix, id, want string, collection bool, decode func(rawObj) *T) (*T, error) {
	o, e := c.get(ctx, v, prefix, id, "", nil, want, collection)
	if e != nil {
		return nil, e
	}
	return decode(o), nil
}

// BlockChildren calls GET /v1/blocks/{id}/children. An empty cursor starts at
// the beginning; pageSize 0 leaves Notion's default (100 at most).
func (c *Client) BlockChildren(ctx context.Context, v, id, cursor string, pageSize int) (*BlockList, error) {
	q := url.Values{}
	if cursor != "" {
		q.Set("start_cursor", cursor)
	}
	if pageSize > 0 {
		q.Set("page_size", strconv.Itoa(min(pageSize, 100)))
	}
	o, e := c.get(ctx, v, "/v1/blocks/", id, "/children", q, "list", false)
	if e != nil {
		return nil, e
	}
	l := &BlockList{NextCursor: o.str("next_cursor"), HasMore: o.boolean("has_more")}
	for _, raw := range o.arr("results") {
		if b := obj(raw); b != nil {
			l.Results = append(l.Results, decodeBlock(b))
		}
	}
	return l, nil
}

// SearchRequest is the body of POST /v1/search.
type SearchRequest struct {
	Query       string
	Filter      string // "page" | "database" (2022-06-28) | "data_source" (2025-09-03+) | "" for all
	StartCursor string
	PageSize    int // 0 leaves Notion's default; at most 100
}

type searchFilter struct {
	Property string `json:"property"`
	Value    string `json:"value"`
}

type searchBody struct {
	Query       string        `json:"query,omitempty"`
	Filter      *searchFilter `json:"filter,omitempty"`
	StartCursor string        `json:"start_cursor,omitempty"`
	PageSize    int           `json:"page_size,omitempty"`
}

// Search calls POST /v1/search. The filter is sent only when set (notionapi
// would send an empty one). The value is passed as given, so "database" under
// 2025-09-03 gets Notion's own 400, which names the accepted values.
func (c *Client) Search(ctx context.Context, v string, r SearchRequest) (*SearchPage, error) {
	const path = "/v1/search"
	v, e := c.version(v, http.MethodPost, path)
	if e != nil {
		return nil, e
	}
	body := searchBody{Query: r.Query, StartCursor: r.StartCursor}
	switch r.Filter {
	case "":
	case "page", "database", "data_source":
		body.Filter = &searchFilter{Property: "object", Value: r.Filter}
	default:
		return nil, &Error{Method: http.MethodPost, Path: path, Version: v, Code: CodeInvalidArgument,
			Message: fmt.Sprintf("search filter must be page, database or data_source, not %q", r.Filter)}
	}
	if r.PageSize > 0 {
		body.PageSize = min(r.PageSize, 100)
	}
	o, e := c.call(ctx, http.MethodPost, v, path, nil, body, "list")
	if e != nil {
		return nil, e
	}
	sp := &SearchPage{NextCursor: o.str("next_cursor"), HasMore: o.boolean("has_more"), Incomplete: o.incomplete()}
	for _, raw := range o.arr("results") {
		if r := obj(raw); r != nil {
			sp.Results = append(sp.Results, decodeObject(r))
		}
	}
	return sp, nil
}

// RetrieveView calls GET /v1/views/{id} (2025-09-03+; under 2022-06-28
// Notion answers 400 invalid_request_url). id may be written "view://<uuid>",
// as Notion's own tools do. developers.notion.com/reference/retrieve-a-view.
func (c *Client) RetrieveView(ctx context.Context, v, id string) (*View, error) {
	o, e := c.get(ctx, v, "/v1/views/", strings.TrimPrefix(strings.TrimSpace(id), "view://"), "", nil, "view", false)
	if e != nil {
		return nil, e
	}
	return decodeView(o), nil
}

// ListViews calls GET /v1/views?database_id=… (2025-09-03+) and returns the
// IDs of the database's views, first page only (at most 100: a database has
// a handful). notion-sdk-js views.list (ListDatabaseViewsParameters).
func (c *Client) ListViews(ctx context.Context, v, databaseID string) ([]string, error) {
	const path = "/v1/views"
	v, e := c.version(v, http.MethodGet, path)
	if e != nil {
		return nil, e
	}
	clean, ok := pathID(databaseID, false)
	if !ok {
		return nil, &Error{Method: http.MethodGet, Path: path, Version: v, Code: CodeInvalidID, Message: "not a Notion database ID; nothing was sent"}
	}
	o, e := c.call(ctx, http.MethodGet, v, path, url.Values{"database_id": {clean}, "page_size": {"100"}}, nil, "list")
	if e != nil {
		return nil, e
	}
	var ids []string
	for _, raw := range o.arr("results") {
		if id := obj(raw).str("id"); id != "" {
			ids = append(ids, normID(id))
		}
	}
	return ids, nil
}

// get checks the version and ID, then calls GET prefix+id+suffix.
func (c *Client) get(ctx context.Context, v, prefix, id, suffix string, q url.Values, want string, collection bool) (rawObj, *Error) {
	v, e := c.version(v, http.MethodGet, prefix+"{id}"+suffix)
	if e != nil {
		return nil, e
	}
	clean, ok := pathID(id, collection)
	if !ok {
		return nil, &Error{Method: http.MethodGet, Path: prefix + "{id}" + suffix, Version: v, Code: CodeInvalidID,
			Message: fmt.Sprintf("not a Notion ID: expected 32 hexadecimal characters (dashes optional), got %d characters; nothing was sent. Extract the ID from a Notion URL first", len(id))}
	}
	return c.call(ctx, http.MethodGet, v, prefix+url.PathEscape(clean)+suffix, q, nil, want)
}

// pathID returns id as a dashed lower-case UUID, the form Notion prints, or
// false. Only hex digits and dashes get through, so nothing can change the
// path (notionapi puts IDs in paths unescaped and unchecked). The UUID
// version digit is not checked: Notion IDs are not RFC 4122.
func pathID(id string, collection bool) (string, bool) {
	s := strings.TrimSpace(id)
	if collection {
		s = strings.TrimPrefix(s, "collection://")
	}
	return notionid.Normalize(s)
}

// normID dashes and lower-cases an ID from a response, leaving anything
// unexpected as it is.
func normID(id string) string {
	if s, ok := pathID(id, false); ok {
		return s
	}
	return id
}
