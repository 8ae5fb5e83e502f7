package notion

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/rs/zerolog"
)

const (
	maxErrBody  = 64 << 10 // enough of an error page for its message
	maxReqBody  = 1 << 20  // our request bodies are tiny JSON
	backoffBase = 500 * time.Millisecond
	backoffMax  = 8 * time.Second
	userAgent   = "notion-mcp (+https://github.com/notion-mcp/notion-mcp)"
)

// retryStatus are the answers worth another attempt (429 is handled apart).
var retryStatus = map[int]bool{500: true, 502: true, 503: true, 504: true, 529: true}

// queryPath matches the only POST endpoints besides /v1/search: queries,
// which read. Every other POST, and PATCH, PUT and DELETE, would write.
var queryPath = regexp.MustCompile(`^/v1/(databases|data_sources)/[^/]+/query$`)

// transport is the one way requests leave the process. It refuses writes,
// sends to the configured base URL only (notionapi's base is a constant),
// adds the token and Notion-Version, rate-limits, retries, and turns every
// non-2xx answer into an *Error returned as the error, so that notionapi,
// whose own decoding loses the status of HTML bodies, never sees one.
type transport struct {
	base        *url.URL
	next        http.RoundTripper
	tok         *token.Token
	redactor    *token.Redactor
	lim         *limiter
	clock       Clock
	log         zerolog.Logger
	timeout     time.Duration
	maxAttempts int
	maxRA       time.Duration
	maxBody     int64 // a 2xx body larger than this is refused
}

// RoundTrip sends req with retries. A failure is always an *Error.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	start := t.clock.Now()
	ex := Exchange{Method: req.Method, Path: req.URL.EscapedPath(), Version: req.Header.Get("Notion-Version")}
	if ex.Version == "" {
		ex.Version = DefaultVersion
	}
	resp, e := t.roundTrip(ctx, req, &ex)
	ex.Duration = t.clock.Now().Sub(start)
	ci := callInfoFrom(ctx)
	if e != nil {
		e.Method, e.Path, e.Version, e.Attempts = ex.Method, ex.Path, ex.Version, ex.Attempts
		t.scrub(e)
		ex.Status, ex.Code, ex.RequestID = e.Status, e.Code, e.RequestID
	} else {
		ex.Status, ex.RequestID = resp.StatusCode, resp.Header.Get("X-Notion-Request-Id")
		if ci != nil {
			ci.body, _ = io.ReadAll(resp.Body)
			resp.Body = io.NopCloser(bytes.NewReader(ci.body))
			if ex.RequestID == "" {
				ex.RequestID = obj(ci.body).str("request_id")
			}
		}
	}
	if ci != nil {
		ci.attempts, ci.requestID = ex.Attempts, ex.RequestID
	}
	if tr := traceFrom(ctx); tr != nil {
		tr.add(ex)
	}
	ev := t.log.Debug()
	if e != nil {
		ev = ev.Str("code", e.Code)
	}
	ev.Str("method", ex.Method).Str("path", ex.Path).Str("version", ex.Version).Int("status", ex.Status).
		Int("attempts", ex.Attempts).Str("request_id", ex.RequestID).Dur("duration", ex.Duration).Msg("notion request")
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// scrub replaces the token by its fingerprint in every string of e, in case
// a server or proxy echoed the Authorization header back.
func (t *transport) scrub(e *Error) {
	r := func(s string) string { return string(t.redactor.Redact([]byte(s))) }
	e.Message, e.RequestID, e.IntegrationName, e.CFRay = r(e.Message), r(e.RequestID), r(e.IntegrationName), r(e.CFRay)
	scrubAny(e.AdditionalData, r)
}

func scrubAny(v any, r func(string) string) any {
	switch x := v.(type) {
	case string:
		return r(x)
	case map[string]any:
		for k, vv := range x {
			x[k] = scrubAny(vv, r)
		}
	case []any:
		for i := range x {
			x[i] = scrubAny(x[i], r)
		}
	}
	return v
}

func (t *transport) roundTrip(ctx context.Context, req *http.Request, ex *Exchange) (*http.Response, *Error) {
	body, err := readBody(req)
	if err != nil {
		return nil, &Error{Code: CodeInvalidArgument, Message: err.Error()}
	}
	if !allowed(req.Method, req.URL.Path) {
		return nil, &Error{Code: CodeRefusedWrite, Message: fmt.Sprintf(
			"notion-mcp is read-only: %s %s was refused before leaving the process (only GET, POST /v1/search and POST …/query are sent)",
			req.Method, req.URL.EscapedPath())}
	}
	target := t.rewrite(req.URL)
	m := meterFrom(ctx)
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, ctxError(err)
		}
		if d, err := t.lim.wait(ctx); err != nil {
			if errors.Is(err, errPastDeadline) {
				return nil, &Error{Code: CodeRateLimited, RetryAfter: d, Message: fmt.Sprintf(
					"this server's own rate limit (%g requests/s) would delay the request past the call's deadline", t.lim.rate)}
			}
			return nil, ctxError(err)
		} else if d > 0 && m != nil {
			m.waits.Add(1)
		}
		ex.Attempts = attempt
		if m != nil {
			m.requests.Add(1)
		}
		resp, e, retry := t.attempt(ctx, req, target, body, ex.Version)
		if e == nil {
			return resp, nil
		}
		if !retry || attempt >= t.maxAttempts {
			return nil, e
		}
		wait, ok := t.retryWait(ctx, e, attempt)
		if !ok {
			return nil, e
		}
		t.log.Debug().Str("method", req.Method).Str("path", ex.Path).Int("status", e.Status).Str("code", e.Code).
			Int("attempt", attempt).Dur("wait", wait).Msg("notion retry")
		if m != nil && e.IsRateLimited() {
			m.waits.Add(1)
		}
		if err := t.clock.Sleep(ctx, wait); err != nil {
			return nil, ctxError(err)
		}
	}
}

// attempt sends one HTTP request under the per-request timeout. The body of
// a 2xx answer is read in full before the timeout's context is released.
func (t *transport) attempt(ctx context.Context, req *http.Request, target *url.URL, body []byte, version string) (*http.Response, *Error, bool) {
	actx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	out := req.Clone(actx)
	u := *target
	out.URL, out.Host, out.RequestURI = &u, "", ""
	out.Header.Set("Authorization", "Bearer "+t.tok.Value())
	out.Header.Set("Notion-Version", version)
	out.Header.Set("User-Agent", userAgent)
	out.Header.Set("Accept", "application/json")
	out.Body, out.GetBody, out.ContentLength = nil, nil, 0
	if len(body) > 0 {
		out.Body = io.NopCloser(bytes.NewReader(body))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		out.ContentLength = int64(len(body))
		out.Header.Set("Content-Type", "application/json")
	} else {
		out.Header.Del("Content-Type")
	}
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		e, retry := t.sendError(ctx, actx, err)
		return nil, e, retry
	}
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	limit := int64(maxErrBody)
	if ok {
		limit = t.maxBody
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	resp.Body.Close()
	if err != nil {
		e, retry := t.sendError(ctx, actx, err)
		e.Status = resp.StatusCode
		return nil, e, retry
	}
	if ok {
		if int64(len(data)) > limit {
			return nil, &Error{Status: resp.StatusCode, Code: CodeDecode, Message: "the answer is larger than " + byteSize(limit)}, false
		}
		resp.Body, resp.ContentLength, resp.Request = io.NopCloser(bytes.NewReader(data)), int64(len(data)), req
		return resp, nil, false
	}
	e := errorFromResponse(resp, t.redactor.Redact(data)) // before any excerpt can cut a token short
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), t.clock.Now())
	return nil, e, resp.StatusCode == http.StatusTooManyRequests || retryStatus[resp.StatusCode]
}

// byteSize says n bytes in MiB or KiB when it is a whole number of them.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// sendError classifies a failure to get an answer: the call's context ended
// (final), the per-request timeout passed (final: a server that hung for the
// whole timeout would likely hang again, and the user is waiting), or a
// network error (worth another attempt unless it is permanent).
func (t *transport) sendError(ctx, actx context.Context, err error) (*Error, bool) {
	if ctx.Err() != nil {
		return ctxError(ctx.Err()), false
	}
	if actx.Err() != nil {
		return &Error{Code: CodeTimeout, Message: fmt.Sprintf("no answer from Notion within %s", t.timeout), cause: context.DeadlineExceeded}, false
	}
	return &Error{Code: CodeNetwork, Message: err.Error(), cause: err}, !permanent(err)
}

// retryWait says how long to wait before the next attempt, or false to give
// up now: Retry-After beyond MaxRetryAfter (retrying sooner would ignore it),
// or a wait that would end after the call's deadline.
func (t *transport) retryWait(ctx context.Context, e *Error, attempt int) (time.Duration, bool) {
	var wait time.Duration
	// A 529 is waited out like a 429 (notion-sdk-js Client.canRetry and
	// getRetryDelay; developers.notion.com/reference/request-limits).
	if e.Status == http.StatusTooManyRequests || e.IsOverloaded() {
		if e.RetryAfter > t.maxRA {
			return 0, false
		}
		if e.RetryAfter <= 0 {
			e.RetryAfter = backoff(attempt)
		}
		wait = e.RetryAfter
	} else {
		wait = backoff(attempt)
		if e.RetryAfter > wait && e.RetryAfter <= t.maxRA {
			wait = e.RetryAfter
		}
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= wait {
		return 0, false
	}
	return wait, true
}

// backoff is exponential with jitter: attempt n waits in [b/2, b] where
// b = 500ms·2^(n-1), capped at 8s.
func backoff(attempt int) time.Duration {
	b := backoffBase << min(attempt-1, 10)
	b = min(b, backoffMax)
	return b/2 + rand.N(b/2+1)
}

// parseRetryAfter reads delay-seconds or an HTTP date; 0 if absent or invalid.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(min(max(secs, 0), 1<<30)) * time.Second
	}
	if when, err := http.ParseTime(v); err == nil {
		return max(when.Sub(now), 0)
	}
	return 0
}

// ContextError is the error a call to method path returns when ctx ended
// first (err is ctx.Err()): a timeout or a cancellation, as the transport
// reports it. For callers that stop waiting on a request made for them.
func ContextError(err error, method, path, version string) *Error {
	e := ctxError(err)
	e.Method, e.Path, e.Version = method, path, version
	return e
}

func ctxError(err error) *Error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{Code: CodeTimeout, Message: "the call's deadline passed before Notion answered", cause: err}
	}
	return &Error{Code: CodeCanceled, Message: "the call was cancelled", cause: err}
}

// allowed is the read-only rule: GET anything under /v1/, POST only search
// and queries. Dot or empty path segments are refused so a path cannot be
// made to mean another endpoint after normalisation.
func allowed(method, path string) bool {
	if !strings.HasPrefix(path, "/v1/") {
		return false
	}
	for _, seg := range strings.Split(path[1:], "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	switch method {
	case http.MethodGet:
		return true
	case http.MethodPost:
		return path == "/v1/search" || queryPath.MatchString(path)
	}
	return false
}

// rewrite points u at the base URL, keeping path (after the base's own path)
// and query.
func (t *transport) rewrite(u *url.URL) *url.URL {
	out := &url.URL{Scheme: t.base.Scheme, Host: t.base.Host, Path: t.base.Path + u.Path, RawQuery: u.RawQuery}
	if u.RawPath != "" {
		out.RawPath = t.base.EscapedPath() + u.RawPath
	}
	return out
}

func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	b, err := io.ReadAll(io.LimitReader(req.Body, maxReqBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading the request body: %v", err)
	}
	if len(b) > maxReqBody {
		return nil, errors.New("the request body is larger than 1 MiB")
	}
	return b, nil
}
