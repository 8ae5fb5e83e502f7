package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// FaultKind is a failure Inject can make the sandbox answer.
type FaultKind int

// Fault kinds. Error bodies use Notion's shapes and messages.
const (
	// FaultStatus401 answers 401 unauthorized "API token is invalid.".
	FaultStatus401 FaultKind = iota + 1
	// Fault403Restricted answers 403 restricted_resource (MsgRestricted).
	Fault403Restricted
	// Fault404 answers 404 object_not_found for the ID in the path (see
	// MsgNotFound; "page" and a nil ID for paths without one).
	Fault404
	// Fault429 answers 429 rate_limited with Retry-After: Fault.RetryAfter.
	Fault429
	// Fault500 answers 500 internal_server_error (MsgInternal).
	Fault500
	// FaultHTML502 answers an edge 502: an HTML page, Content-Type
	// text/html, a cf-ray header and no x-notion-request-id (NOTION_API_NOTES
	// "Error bodies": edge errors can be HTML pages; notion-sdk-js
	// src/errors.ts handles non-JSON bodies). The page's text is assumed.
	FaultHTML502
	// Fault503 answers 503 service_unavailable (MsgServiceUnavailable).
	Fault503
	// FaultHang never answers: the request ends when its context does.
	FaultHang
	// FaultResetMidBody sends the normal status, headers and Content-Length,
	// then half the body, then the connection resets (the Transport's body
	// fails with an error matching syscall.ECONNRESET; over HTTP the client
	// sees an unexpected EOF).
	FaultResetMidBody
	// FaultMalformedJSON answers 200 with a body that is not valid JSON.
	FaultMalformedJSON
	// FaultTruncatedJSON answers 200 with the first half of the normal body.
	FaultTruncatedJSON
	// FaultUnexpectedObject answers 200 with a well-formed object of the
	// wrong type: a page where a list was expected, an empty list otherwise.
	FaultUnexpectedObject
	// Fault529 answers 529 service_overload (MsgServiceOverload) with
	// Retry-After: Fault.RetryAfter ("1" if unset). notion-sdk-js retries it
	// like a 429 (Client.canRetry); developers.notion.com/reference/request-limits.
	Fault529
	// Fault429Workspace answers a workspace-wide 429 rate_limited whose
	// additional_data.rate_limit_reason is RateLimitReasonWorkspace, with
	// Retry-After: Fault.RetryAfter ("90" if unset: the reference says a
	// workspace limit's wait can exceed a minute).
	Fault429Workspace
	// FaultHTML403 answers a Cloudflare block page: 403, text/html, a cf-ray
	// header and no x-notion-request-id, as notion-sdk-js src/errors.ts
	// (buildUnknownResponseMessage) describes a request blocked by a network
	// security rule before it reached the API.
	FaultHTML403
	// FaultStripped answers normally but with every object stripped to
	// {"object","id"}: the shape documented for responses to a connection
	// without Read content (NOTION_API_NOTES "Missing Read content").
	FaultStripped
	// FaultIncomplete answers list endpoints normally plus
	// "request_status": {"type":"incomplete","incomplete_reason":"query_result_limit_reached"}
	// (notion-sdk-js RequestStatusResponse); other endpoints answer normally.
	FaultIncomplete
)

var faultNames = map[FaultKind]string{
	FaultStatus401: "401", Fault403Restricted: "403_restricted", Fault404: "404", Fault429: "429",
	Fault500: "500", FaultHTML502: "html_502", Fault503: "503", FaultHang: "hang",
	FaultResetMidBody: "reset_mid_body", FaultMalformedJSON: "malformed_json",
	FaultTruncatedJSON: "truncated_json", FaultUnexpectedObject: "unexpected_object",
	Fault529: "529", Fault429Workspace: "429_workspace", FaultHTML403: "html_403",
	FaultStripped: "stripped", FaultIncomplete: "incomplete",
}

// ParseFault reads a fault written KIND or KIND:PATH_PREFIX, KIND as
// FaultKind.String names it ("529", "429_workspace", "html_403", …); the
// fault hits every matching request. The sandbox command's --fault uses it.
func ParseFault(s string) (Fault, error) {
	name, prefix, _ := strings.Cut(strings.TrimSpace(s), ":")
	for k, n := range faultNames {
		if n == name {
			return Fault{Kind: k, PathPrefix: prefix}, nil
		}
	}
	names := make([]string, 0, len(faultNames))
	for k := FaultKind(1); int(k) <= len(faultNames); k++ {
		names = append(names, k.String())
	}
	return Fault{}, fmt.Errorf("unknown fault %q; one of %s, optionally followed by :PATH_PREFIX", name, strings.Join(names, ", "))
}

// String names the kind, e.g. "html_502".
func (k FaultKind) String() string {
	if s, ok := faultNames[k]; ok {
		return s
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault makes matching requests fail. Faults apply after the version and
// token checks, to requests of every token; the first matching fault wins.
type Fault struct {
	PathPrefix string    // requests whose path starts with it; "" = any
	Method     string    // requests with that method; "" = any
	Times      int       // how many matching requests it hits; 0 = forever
	Kind       FaultKind // what they get
	RetryAfter string    // Retry-After of Fault429, Fault529 ("" means "1") and Fault429Workspace ("" means "90")
}

type activeFault struct {
	Fault
	left int // remaining hits when Times > 0
}

// Inject adds a fault after those already injected.
func (w *Workspace) Inject(f Fault) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.faults = append(w.faults, &activeFault{Fault: f, left: f.Times})
}

// ClearFaults removes every injected fault.
func (w *Workspace) ClearFaults() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.faults = nil
}

// matchFault finds the first fault matching a request and uses one of its hits.
func (w *Workspace) matchFault(method, path string) (Fault, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, f := range w.faults {
		if (f.Method != "" && f.Method != method) || !strings.HasPrefix(path, f.PathPrefix) {
			continue
		}
		if f.Times > 0 {
			f.left--
			if f.left == 0 {
				w.faults = append(w.faults[:i:i], w.faults[i+1:]...)
			}
		}
		return f.Fault, true
	}
	return Fault{}, false
}

// faultOutcome is the answer of fault f to a request.
func (w *Workspace) faultOutcome(f Fault, rid string, rt route, in *integration, v version, q url.Values, body []byte) *outcome {
	switch f.Kind {
	case FaultStatus401:
		return errOutcome(rid, errUnauthorized())
	case Fault403Restricted:
		return errOutcome(rid, errRestricted())
	case Fault404:
		what, id := rt.what, rt.raw
		if parsed, ok := parseID(id); ok {
			id = parsed
		}
		if what == "" {
			what, id = "page", "00000000-0000-0000-0000-000000000000"
		}
		return errOutcome(rid, errNotFound(what, id, in.bot, v))
	case Fault429:
		ra := f.RetryAfter
		if ra == "" {
			ra = "1"
		}
		return errOutcome(rid, errRateLimited(ra))
	case Fault500:
		return errOutcome(rid, &apiError{status: http.StatusInternalServerError, code: "internal_server_error", message: MsgInternal})
	case Fault529:
		e := &apiError{status: 529, code: "service_overload", message: MsgServiceOverload, retryAfter: f.RetryAfter}
		if e.retryAfter == "" {
			e.retryAfter = "1"
		}
		return errOutcome(rid, e)
	case Fault429Workspace:
		ra := f.RetryAfter
		if ra == "" {
			ra = "90"
		}
		e := errRateLimited(ra)
		e.additional = map[string]any{"rate_limit_reason": RateLimitReasonWorkspace}
		return errOutcome(rid, e)
	case FaultHTML502:
		return htmlBadGateway(rid)
	case FaultHTML403:
		return htmlBlocked(rid)
	case FaultStripped:
		cp := *in
		cp.strip = true
		return w.normal(rid, rt, &cp, v, q, body)
	case FaultIncomplete:
		payload, err := w.handle(rt, in, v, q, body)
		if err != nil {
			return errOutcome(rid, err)
		}
		if l, ok := payload.(*list); ok {
			l.incomplete = true
		}
		return okOutcome(rid, payload)
	case Fault503:
		return errOutcome(rid, &apiError{status: http.StatusServiceUnavailable, code: "service_unavailable", message: MsgServiceUnavailable})
	case FaultHang:
		return &outcome{hang: true, header: baseHeader(rid)}
	case FaultMalformedJSON:
		o := okOutcome(rid, nil)
		o.body = []byte(`{"object":"page","id":"` + TeamHomePageID + `",,"properties":{"title":` + "\n")
		return o
	case FaultUnexpectedObject:
		if rt.isList() {
			return okOutcome(rid, w.objects[TeamHomePageID].render(v, false))
		}
		return okOutcome(rid, newList(false, v))
	}
	out := w.normal(rid, rt, in, v, q, body)
	switch f.Kind {
	case FaultTruncatedJSON:
		out.status = http.StatusOK
		out.body = out.body[:len(out.body)/2]
	case FaultResetMidBody:
		out.resetAt = max(len(out.body)/2, 1)
	}
	return out
}
