// Package notion is the safe, read-only Notion API client: one *Error type
// for every failure, retries and rate limiting that honour Notion's rules,
// lenient decoding across API versions, and a trace of every exchange for
// the diagnosis tools. The token is never logged or returned; only its
// fingerprint is.
package notion

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/rs/zerolog"
)

// Defaults for Config fields left zero.
const (
	DefaultTimeout       = 15 * time.Second
	DefaultMaxAttempts   = 3
	DefaultRate          = 3.0 // requests per second, Notion's documented average
	DefaultBurst         = 5   // one diagnosis (users/me and three parallel probes) leaves at once
	DefaultMaxRetryAfter = 60 * time.Second
	DefaultMaxBody       = 32 << 20 // bytes of a 2xx answer; a larger one is refused
)

// Config configures a Client. Zero fields take the defaults above.
type Config struct {
	BaseURL       string            // default https://api.notion.com; http only on loopback
	Timeout       time.Duration     // per HTTP request (each attempt); default 15s
	MaxAttempts   int               // attempts per logical request; default 3
	Transport     http.RoundTripper // default http.DefaultTransport; the sandbox plugs in here
	Logger        zerolog.Logger    // debug logs of requests, never the token; zero value logs nothing
	Rate          float64           // token bucket rate, requests/s; default 3
	Burst         int               // token bucket size; default 3
	MaxRetryAfter time.Duration     // longest Retry-After waited out; default 60s
	MaxBody       int64             // largest 2xx answer read, in bytes; default DefaultMaxBody (tests of the bound set less)
	Clock         Clock             // time source for waits; default real time (tests inject a fake)
	// Limiter, if set, paces this client's requests together with every
	// other client given the same one (Rate and Burst are then unused): a
	// server holds one for all its tokens, so that however many tokens
	// calls bring, the process as a whole stays under Notion's limit.
	Limiter *Limiter
}

// canonicalBase is where requests are addressed before the transport points
// them at the configured base URL (notionapi's base is this constant too).
const canonicalBase = "https://api.notion.com"

// Client calls the Notion API with one token. Its rate limiter is shared by
// every call through it, so use one Client per token. Safe for concurrent use.
type Client struct {
	tok *token.Token
	tr  *transport
	hc  *http.Client // for notionapi
}

// New returns a Client for tok. It fails on an empty token or a bad BaseURL.
func New(cfg Config, tok *token.Token) (*Client, error) {
	if tok == nil || tok.IsZero() {
		return nil, errors.New("notion: no token")
	}
	if !tok.Sendable() {
		// The last check before a value would leave the process: only
		// values shaped like a Notion token are ever sent.
		return nil, token.Unsendable(tok)
	}
	base, err := CheckBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.Transport == nil {
		cfg.Transport = http.DefaultTransport
		if base.Scheme == "http" && !isLoopback(base.Hostname()) {
			// localhost by name: checked to be loopback at every connection.
			cfg.Transport = loopbackTransport(net.DefaultResolver.LookupIPAddr)
		}
	}
	if cfg.Rate <= 0 {
		cfg.Rate = DefaultRate
	}
	if cfg.Burst <= 0 {
		cfg.Burst = DefaultBurst
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	red := &token.Redactor{}
	red.AddToken(tok)
	lim := newLimiter(cfg.Rate, cfg.Burst, cfg.Clock)
	if cfg.Limiter != nil {
		lim = cfg.Limiter.l
	}
	tr := &transport{
		base: base, next: cfg.Transport, tok: tok, redactor: red,
		lim: lim, clock: cfg.Clock,
		log:     cfg.Logger.With().Str("token", tok.Fingerprint()).Logger(),
		timeout: cfg.Timeout, maxAttempts: cfg.MaxAttempts, maxRA: cfg.MaxRetryAfter, maxBody: cfg.MaxBody,
	}
	hc := &http.Client{
		Transport: tr,
		// The transport turns every non-2xx answer into an error, so no
		// redirect is ever followed; this makes that explicit.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Client{tok: tok, tr: tr, hc: hc}, nil
}

// Fingerprint identifies the client's token without revealing it.
func (c *Client) Fingerprint() string { return c.tok.Fingerprint() }

// call sends one logical request and returns the decoded JSON object of the
// 2xx answer, checking that its "object" is want (if want is set).
func (c *Client) call(ctx context.Context, method, v, path string, q url.Values, body any, want string) (rawObj, *Error) {
	ci := &callInfo{}
	target := canonicalBase + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, &Error{Method: method, Path: path, Version: v, Code: CodeInvalidArgument, Message: "encoding the request: " + err.Error()}
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(withCallInfo(ctx, ci), method, target, rd)
	if err != nil {
		return nil, &Error{Method: method, Path: path, Version: v, Code: CodeInvalidArgument, Message: err.Error()}
	}
	req.Header.Set("Notion-Version", v)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, rerr := c.tr.RoundTrip(req)
	if rerr != nil {
		return nil, asError(rerr, method, path, v)
	}
	resp.Body.Close()
	return c.decoded(ci, method, path, v, resp.StatusCode, want)
}

// decoded parses the body the transport kept in ci.
func (c *Client) decoded(ci *callInfo, method, path, v string, status int, want string) (rawObj, *Error) {
	derr := func(code, msg string) *Error {
		return &Error{Method: method, Path: path, Version: v, Status: status, Code: code, Message: msg,
			RequestID: ci.requestID, Attempts: ci.attempts}
	}
	o, err := parseObj(ci.body)
	if err != nil {
		return nil, derr(CodeDecode, "the answer is not a JSON object: "+err.Error())
	}
	if got := o.str("object"); want != "" && got != "" && got != want {
		return nil, derr(CodeUnexpectedObject, fmt.Sprintf("expected a %s object, got %q", want, got))
	}
	if want != "" && want != "list" && o.str("id") == "" {
		return nil, derr(CodeDecode, fmt.Sprintf("the %s object has no id", want))
	}
	return o, nil
}

// asError returns err as an *Error (the transport only returns those; the
// fallback keeps the one-error-type promise if that ever changes).
func asError(err error, method, path, v string) *Error {
	if e, ok := AsError(err); ok {
		return e
	}
	return &Error{Method: method, Path: path, Version: v, Code: CodeNetwork, Message: err.Error(), cause: err}
}

// version checks v for a call and returns the version to send.
func (c *Client) version(v, method, path string) (string, *Error) {
	s, err := CheckVersion(v)
	if err != nil {
		return "", &Error{Method: method, Path: path, Version: v, Code: CodeInvalidArgument, Message: err.Error()}
	}
	return s, nil
}
