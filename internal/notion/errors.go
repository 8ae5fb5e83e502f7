package notion

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Codes of our own, for failures Notion did not describe. Notion's codes
// (object_not_found, rate_limited, …) are passed through unchanged.
const (
	CodeNetwork          = "network_error"     // no HTTP answer: DNS, connect, TLS, reset
	CodeTimeout          = "timeout"           // per-request timeout or the call's deadline
	CodeCanceled         = "canceled"          // the call's context was cancelled
	CodeRefusedWrite     = "refused_write"     // a write was refused before leaving the process
	CodeDecode           = "decode_error"      // a 2xx body we could not read
	CodeUnexpectedObject = "unexpected_object" // a 2xx body holding another kind of object
	CodeInvalidID        = "invalid_id"        // an ID that is not 32 hex digits; nothing was sent
	CodeInvalidArgument  = "invalid_argument"  // a bad version, filter or similar; nothing was sent
	CodeHTTP             = "http_error"        // a non-2xx answer without a Notion error body
	CodeRateLimited      = "rate_limited"      // Notion's code, also used for our own limiter
	CodeServiceOverload  = "service_overload"  // Notion's code of a 529
)

// StatusOverloaded is Notion's 529 service_overload
// (developers.notion.com/reference/request-limits, reference/errors).
const StatusOverloaded = 529

// Error is the one error type of this package: every failure of a call is an
// *Error, and Error() never contains the token.
type Error struct {
	Method          string
	Path            string
	Version         string
	Status          int    // 0 when no HTTP answer was received
	Code            string // Notion's code, or one of the Code constants
	Message         string
	RequestID       string
	AdditionalData  map[string]any
	IntegrationName string // quoted at the end of newer 404 messages
	CFRay           string // set for edge (non-JSON) errors
	Attempts        int
	RetryAfter      time.Duration

	cause error
}

// Error renders the failure on one line.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "notion: %s %s: ", e.Method, e.Path)
	if e.Status != 0 {
		fmt.Fprintf(&b, "%d ", e.Status)
	}
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	var extra []string
	if e.RequestID != "" {
		extra = append(extra, "request_id "+e.RequestID)
	}
	if e.CFRay != "" {
		extra = append(extra, "cf-ray "+e.CFRay)
	}
	if e.Attempts > 1 {
		extra = append(extra, fmt.Sprintf("%d attempts", e.Attempts))
	}
	if e.RetryAfter > 0 {
		extra = append(extra, "retry after "+e.RetryAfter.String())
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	return b.String()
}

// Unwrap returns the underlying cause: the context's error for cancellations
// and deadlines (so errors.Is(err, ctx.Err()) holds), or the network error.
func (e *Error) Unwrap() error { return e.cause }

// IsNotFound: 404, Notion's answer for missing, unshared, deleted and
// other-workspace objects alike.
func (e *Error) IsNotFound() bool { return e != nil && e.Status == http.StatusNotFound }

// IsUnauthorized: 401, the token is invalid or revoked.
func (e *Error) IsUnauthorized() bool { return e != nil && e.Status == http.StatusUnauthorized }

// IsRestricted: a 403 from Notion itself (restricted_resource): the
// integration lacks a capability for the endpoint. An edge block (see
// IsBlocked) is not one.
func (e *Error) IsRestricted() bool {
	return e != nil && e.Status == http.StatusForbidden && !e.IsBlocked()
}

// IsBlocked: a 403 that never reached Notion's API — a page from the edge
// (Cloudflare) with a cf-ray header, no x-notion-request-id and no Notion
// error body. notion-sdk-js src/errors.ts (buildUnknownResponseMessage)
// reads exactly that as "blocked by a network security rule": a proxy, VPN,
// firewall or WAF rule, not a missing capability.
func (e *Error) IsBlocked() bool {
	return e != nil && e.Status == http.StatusForbidden && e.CFRay != "" && e.RequestID == "" && e.Code == CodeHTTP
}

// IsOverloaded: 529 service_overload. Notion's request-limits reference and
// notion-sdk-js (Client.canRetry) treat it like a 429: wait Retry-After and
// try again; it is not an outage.
func (e *Error) IsOverloaded() bool {
	return e != nil && (e.Status == StatusOverloaded || e.Code == CodeServiceOverload)
}

// RateLimitReason returns additional_data.rate_limit_reason of a 429, or "".
// developers.notion.com/reference/request-limits documents the field; its
// values are not published.
func (e *Error) RateLimitReason() string {
	if e == nil {
		return ""
	}
	s, _ := e.AdditionalData["rate_limit_reason"].(string)
	return s
}

// WorkspaceLimited reports a 429 whose rate_limit_reason names the
// workspace: a budget shared by every connection of the workspace, so
// moving a script to its own integration does not help.
func (e *Error) WorkspaceLimited() bool {
	return e.IsRateLimited() && strings.Contains(strings.ToLower(e.RateLimitReason()), "workspace")
}

// IsRateLimited: Notion answered 429, or our own limiter could not let the
// request go before the deadline. RetryAfter says when to try again.
func (e *Error) IsRateLimited() bool {
	return e != nil && (e.Status == http.StatusTooManyRequests || e.Code == CodeRateLimited)
}

// IsTimeout: the per-request timeout or the call's deadline passed.
func (e *Error) IsTimeout() bool { return e != nil && e.Code == CodeTimeout }

// IsNetwork: no HTTP answer was received (DNS, connection, TLS).
func (e *Error) IsNetwork() bool { return e != nil && e.Code == CodeNetwork }

// IsRefusedWrite: a write was refused before it left the process.
func (e *Error) IsRefusedWrite() bool { return e != nil && e.Code == CodeRefusedWrite }

// IsServer: a 5xx answer (including Cloudflare edge errors), except the
// 529 overload (IsOverloaded), which is a request to wait, not an outage.
func (e *Error) IsServer() bool { return e != nil && e.Status >= 500 && !e.IsOverloaded() }

// IntegrationID returns additional_data.integration_id of newer 404s, or ""
// (as pasted in public issue threads; NOTION_API_NOTES "Error bodies").
func (e *Error) IntegrationID() string {
	if e == nil {
		return ""
	}
	s, _ := e.AdditionalData["integration_id"].(string)
	return s
}

// AsError finds an *Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// integrationName matches the quoted name at the end of newer 404 messages:
// `… shared with your integration "Acme Sync".` (NOTION_API_NOTES "Error
// bodies"); a 404 without the name is the older form and matches nothing.
var integrationName = regexp.MustCompile(`integration "(.+)"\.?\s*$`)

// errorFromResponse builds the Error for a non-2xx answer from its body (JSON
// from Notion, or an HTML/text page from the edge) and headers: the body
// shape, x-notion-request-id and cf-ray are those of
// developers.notion.com/reference/errors and notion-sdk-js src/errors.ts.
func errorFromResponse(resp *http.Response, body []byte) *Error {
	e := &Error{
		Status:    resp.StatusCode,
		RequestID: resp.Header.Get("X-Notion-Request-Id"),
		CFRay:     resp.Header.Get("Cf-Ray"),
	}
	var nb struct {
		Object         string         `json:"object"`
		Code           string         `json:"code"`
		Message        string         `json:"message"`
		RequestID      string         `json:"request_id"`
		AdditionalData map[string]any `json:"additional_data"`
	}
	if json.Unmarshal(body, &nb) == nil && (nb.Object == "error" || nb.Code != "") {
		e.Code, e.Message, e.AdditionalData = nb.Code, nb.Message, nb.AdditionalData
		if nb.RequestID != "" {
			e.RequestID = nb.RequestID
		}
		if m := integrationName.FindStringSubmatch(nb.Message); m != nil {
			e.IntegrationName = m[1]
		}
		if e.Code == "" {
			e.Code = CodeHTTP
		}
		return e
	}
	e.Code = CodeHTTP
	if resp.StatusCode == http.StatusTooManyRequests {
		e.Code = CodeRateLimited
	}
	e.Message = excerpt(body)
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

var (
	titleRe = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	dropRe  = regexp.MustCompile(`(?is)<(script|style|head)[^>]*>.*?</(script|style|head)>`)
	tagRe   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// maxExcerpt bounds the text kept from a non-JSON error page.
const maxExcerpt = 200

// excerpt returns a short plain-text summary of an HTML or text body: the
// page title if it has one, else its text with tags and spacing collapsed.
func excerpt(body []byte) string {
	s := string(body)
	if m := titleRe.FindStringSubmatch(s); m != nil && strings.TrimSpace(m[1]) != "" {
		s = m[1]
	} else {
		s = tagRe.ReplaceAllString(dropRe.ReplaceAllString(s, " "), " ")
	}
	s = strings.Join(strings.Fields(html.UnescapeString(s)), " ")
	s = strings.ToValidUTF8(s, "")
	if utf8.RuneCountInString(s) > maxExcerpt {
		r := []rune(s)
		s = string(r[:maxExcerpt]) + "…"
	}
	return s
}

// WaitText says how long to wait before trying again, for a person: the
// Retry-After rounded up to whole seconds (at least 1 s), or "a minute"
// when Notion gave none.
func (e *Error) WaitText() string {
	if e == nil || e.RetryAfter <= 0 {
		return "a minute"
	}
	return (e.RetryAfter + time.Second - 1).Truncate(time.Second).String()
}

// Paced reports a rate_limited error raised by this client's own limiter
// (no request was sent, because waiting for a slot would pass the deadline)
// rather than by Notion.
func (e *Error) Paced() bool { return e != nil && e.Status == 0 && e.Code == CodeRateLimited }
