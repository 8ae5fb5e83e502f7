package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// outcome is what the sandbox answers to one request, before a transport
// delivers it.
type outcome struct {
	status  int
	header  http.Header
	body    []byte
	hang    bool // FaultHang: answer nothing until the request's context ends
	resetAt int  // > 0: deliver that many body bytes, then reset the connection
}

// route is a parsed request path.
type route struct {
	name  string // "me", "page", "database", "database_query", "data_source", "data_source_query", "block", "block_children", "search", "view", "views"; "" if unknown
	what  string // the object type named in 404s: "page", "database", "data_source", "block", "view"
	param string // the path parameter: "page_id", …
	raw   string // the ID segment as sent (unescaped)
	write bool   // a request that would change content
}

// isList reports whether the route answers a paginated list.
func (r route) isList() bool {
	switch r.name {
	case "search", "database_query", "data_source_query", "block_children", "views":
		return true
	}
	return false
}

func parseRoute(method, escapedPath string) route {
	seg := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	for i, s := range seg {
		if u, err := url.PathUnescape(s); err == nil {
			seg[i] = u
		}
	}
	r := matchRoute(method, seg)
	readPost := method == http.MethodPost && r.name != ""
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		r.write = !readPost
	}
	return r
}

func matchRoute(method string, seg []string) route {
	if len(seg) < 2 || seg[0] != "v1" {
		return route{}
	}
	get, post := method == http.MethodGet, method == http.MethodPost
	n := len(seg)
	switch {
	case get && n == 3 && seg[1] == "users" && seg[2] == "me":
		return route{name: "me"}
	case post && n == 2 && seg[1] == "search":
		return route{name: "search"}
	case get && n == 2 && seg[1] == "views":
		return route{name: "views", what: "view"}
	case n < 3 || seg[2] == "":
		return route{}
	}
	r := route{raw: seg[2]}
	switch seg[1] {
	case "pages":
		r.what, r.param = "page", "page_id"
	case "databases":
		r.what, r.param = "database", "database_id"
	case "data_sources":
		r.what, r.param = "data_source", "data_source_id"
	case "blocks":
		r.what, r.param = "block", "block_id"
	case "views":
		r.what, r.param = "view", "view_id"
	default:
		return route{}
	}
	switch {
	case get && n == 3:
		r.name = r.what
	case post && n == 4 && seg[3] == "query" && (r.what == "database" || r.what == "data_source"):
		r.name = r.what + "_query"
	case get && n == 4 && seg[3] == "children" && r.what == "block":
		r.name = "block_children"
	default:
		return route{}
	}
	return r
}

// respond answers one request and logs it. It never blocks: hangs and
// latency are left to the transport.
func (w *Workspace) respond(method string, u *url.URL, h http.Header, body []byte) *outcome {
	rid := w.nextRequestID()
	rt := parseRoute(method, u.EscapedPath())
	rec := Request{Method: method, Path: u.Path, Query: u.RawQuery, Version: h.Get("Notion-Version"), Write: rt.write}
	if len(body) > 0 {
		rec.Body = string(body)
	}
	out := w.dispatch(rid, rt, &rec, h, u.Query(), body)
	if out.header == nil {
		out.header = make(http.Header)
	}
	if out.header.Get("Content-Type") == "" {
		out.header.Set("Content-Type", "application/json; charset=utf-8")
	}
	if !out.hang {
		rec.Status = out.status
	}
	w.record(rec)
	return out
}

func (w *Workspace) dispatch(rid string, rt route, rec *Request, h http.Header, q url.Values, body []byte) *outcome {
	vh := h.Get("Notion-Version")
	if vh == "" {
		return errOutcome(rid, &apiError{status: http.StatusBadRequest, code: "missing_version", message: MsgMissingVersion})
	}
	v, ok := parseVersion(vh)
	if !ok {
		return errOutcome(rid, errValidation(msgUnknownVersion(vh)))
	}
	in := w.authenticate(h.Get("Authorization"), rec)
	if in == nil || in.revoked {
		return errOutcome(rid, errUnauthorized())
	}
	if f, ok := w.matchFault(rec.Method, rec.Path); ok {
		return w.faultOutcome(f, rid, rt, in, v, q, body)
	}
	if in.rateLimited {
		return errOutcome(rid, errRateLimited(RateLimitRetryAfter))
	}
	if in.flaky {
		key := strings.Join([]string{rec.Method, rec.Path, rec.Query, rec.Version, rec.Body}, "\x00")
		if first, html := w.flakyFirst(key); first {
			if html {
				return htmlBadGateway(rid)
			}
			return errOutcome(rid, &apiError{status: http.StatusServiceUnavailable, code: "service_unavailable", message: MsgServiceUnavailable})
		}
	}
	return w.normal(rid, rt, in, v, q, body)
}

// authenticate finds the integration of an "Authorization: Bearer <token>"
// header and labels the request with it.
func (w *Workspace) authenticate(header string, rec *Request) *integration {
	if header == "" {
		rec.TokenLabel = LabelMissing
		return nil
	}
	rec.TokenLabel = LabelUnknown
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil
	}
	in := w.integrations[tok]
	if in != nil {
		rec.TokenLabel = in.label
	}
	return in
}

// normal is the answer without faults.
func (w *Workspace) normal(rid string, rt route, in *integration, v version, q url.Values, body []byte) *outcome {
	payload, err := w.handle(rt, in, v, q, body)
	if err != nil {
		return errOutcome(rid, err)
	}
	return okOutcome(rid, payload)
}

// handle routes an authenticated request to its endpoint.
func (w *Workspace) handle(rt route, in *integration, v version, q url.Values, body []byte) (any, *apiError) {
	switch {
	case rt.name == "":
		return nil, errInvalidURL()
	case rt.name == "me":
		return w.me(in), nil
	case rt.what == "data_source" && !v.dataSources(), rt.name == "database_query" && v.dataSources(),
		rt.what == "view" && !v.dataSources():
		// data_sources/… and views/… do not exist under 2022-06-28, and
		// databases/{id}/query is gone from 2025-09-03 on.
		return nil, errInvalidURL()
	case in.restricted:
		return nil, errRestricted()
	case rt.name == "search":
		return w.search(in, v, body)
	case in.noRead:
		// Without Read content, retrievals are 403 (the reference pages of
		// retrieve page, block and view); search still lists stripped
		// objects (an assumption: the reference is silent on search).
		return nil, errRestricted()
	case rt.name == "views":
		return w.listViews(in, v, q)
	}
	id, ok := parseID(rt.raw)
	if !ok {
		return nil, errValidation(MsgInvalidUUID(rt.param, rt.raw))
	}
	switch rt.name {
	case "page":
		return w.page(in, v, id)
	case "database":
		return w.database(in, v, id)
	case "data_source":
		return w.dataSource(in, v, id)
	case "database_query", "data_source_query":
		return w.query(rt, in, v, id, body)
	case "block":
		return w.block(in, v, id)
	case "view":
		return w.view(in, v, id)
	default:
		return w.blockChildren(in, v, id, q)
	}
}

// encode marshals v as Notion does: no HTML escaping, no trailing newline.
func encode(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only the sandbox's own types are encoded
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func baseHeader(rid string) http.Header {
	h := make(http.Header, 3)
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Notion-Request-Id", rid)
	return h
}

func okOutcome(rid string, payload any) *outcome {
	var body []byte
	if l, ok := payload.(*list); ok {
		l.rid = rid
		body = l.encode()
	} else {
		setRequestID(payload, rid)
		body = encode(payload)
	}
	return &outcome{status: http.StatusOK, header: baseHeader(rid), body: body}
}

func errOutcome(rid string, e *apiError) *outcome {
	h := baseHeader(rid)
	if e.retryAfter != "" {
		h.Set("Retry-After", e.retryAfter)
	}
	return &outcome{status: e.status, header: h, body: e.body(rid)}
}

// setRequestID fills the top-level request_id of full objects and lists;
// stripped objects stay exactly {"object","id"}.
func setRequestID(payload any, rid string) {
	if p, ok := payload.(interface{ setRequestID(string) }); ok {
		p.setRequestID(rid)
	}
}

// htmlBadGateway is an edge (Cloudflare) 502: HTML, a cf-ray header, and no
// x-notion-request-id since the request never reached Notion.
func htmlBadGateway(rid string) *outcome {
	return cloudflarePage(rid, http.StatusBadGateway, "text/html", "FRA",
		"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"+
			"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n")
}

// htmlBlocked is a Cloudflare block page: 403 HTML with a cf-ray header and
// no x-notion-request-id. notion-sdk-js src/errors.ts reads exactly that as
// "the request was blocked by a network security rule".
func htmlBlocked(rid string) *outcome {
	return cloudflarePage(rid, http.StatusForbidden, "text/html; charset=UTF-8", "AMS",
		"<!DOCTYPE html>\n<html>\n<head><title>Attention Required! | Cloudflare</title></head>\n<body>\n"+
			"<h1>Sorry, you have been blocked</h1>\n<h2>You are unable to access api.notion.com</h2>\n"+
			"<p>This website is using a security service to protect itself from online attacks.</p>\n</body>\n</html>\n")
}

// cloudflarePage is an HTML page from Notion's edge: a cf-ray header (made
// from rid, ending in the data centre pop) and no x-notion-request-id.
func cloudflarePage(rid string, status int, contentType, pop, body string) *outcome {
	h := make(http.Header, 3)
	h.Set("Content-Type", contentType)
	h.Set("Cf-Ray", strings.ReplaceAll(rid, "-", "")[:16]+"-"+pop)
	h.Set("Server", "cloudflare")
	return &outcome{status: status, header: h, body: []byte(body)}
}

// pageSizeError validates a page_size; where is "body" or "query".
func pageSizeError(where string, n float64, raw string) *apiError {
	switch {
	case n != float64(int(n)):
		return errValidation(where + " failed validation: " + where + ".page_size should be an integer or `undefined`, instead was `" + raw + "`.")
	case n > 100:
		return errValidation(where + " failed validation: " + where + ".page_size should be ≤ `100`, instead was `" + raw + "`.")
	case n < 1:
		return errValidation(where + " failed validation: " + where + ".page_size should be ≥ `1`, instead was `" + raw + "`.")
	}
	return nil
}

// queryPageSize reads page_size from a query string (default 100).
func queryPageSize(q url.Values) (int, *apiError) {
	raw := q.Get("page_size")
	if raw == "" {
		return 100, nil
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return 0, errValidation("query failed validation: query.page_size should be a number or `undefined`, instead was `" + jsQuote(raw) + "`.")
	}
	if e := pageSizeError("query", n, raw); e != nil {
		return 0, e
	}
	return int(n), nil
}
