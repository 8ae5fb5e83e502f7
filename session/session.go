// Package session holds the state of one server: where tokens come from,
// one Notion client per token (all paced by one rate limiter), a short cache
// of each token's bot identity and of recent results, and the API version
// to send. Every cache is bounded in count and time.
package session

import (
	"container/list"
	"context"
	"crypto/sha256"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// Defaults for Config fields left zero.
const (
	DefaultIdentityTTL = 60 * time.Second
	DefaultResultTTL   = 30 * time.Second
)

// Bounds of the per-token state, whatever the number of tokens calls bring.
const (
	// MaxTokens is how many tokens keep a client and a cached identity; the
	// least recently used is dropped first.
	MaxTokens = 64
	// TokenIdleTTL drops a token's client and identity unused this long.
	TokenIdleTTL = 10 * time.Minute
	// MaxResults is how many results Remember keeps, all tokens together;
	// each also expires after the result TTL.
	MaxResults = 32
)

// Config is fixed for the life of a Session.
type Config struct {
	BaseURL     string              // Notion API base URL; default https://api.notion.com
	APIVersion  string              // Notion-Version sent when a call names none; default notion.DefaultVersion
	Timeout     time.Duration       // per request; default notion.DefaultTimeout
	Transport   http.RoundTripper   // nil: the network; the sandbox in demo mode and tests
	Getenv      func(string) string // the process environment
	Logger      zerolog.Logger
	Redactor    *token.Redactor // every token the session sees is added to it
	Sandbox     bool            // results say they come from the built-in sandbox
	DemoToken   string          // in demo mode, the token used when a call names no source (the environment's is ignored)
	IdentityTTL time.Duration   // how long a bot identity is reused; default 60 s
	ResultTTL   time.Duration   // how long Remember keeps a result; default 30 s
	Clock       func() time.Time
	// Rate and Burst set the pacing of the session's one limiter when
	// Limiter is nil; zero: Notion's 3 requests/s. The demo sandbox runs
	// unpaced.
	Rate  float64
	Burst int
	// Limiter paces every request of every client the session makes; nil:
	// one at notion.DefaultRate and DefaultBurst, on real time.
	Limiter *notion.Limiter
	// Client, if set, replaces notion.New (tests use it to tune retries).
	Client func(notion.Config, *token.Token) (*notion.Client, error)
}

// Session is one server's state.
//
// Concurrency: every method may be called from concurrent tool calls. The
// Config never changes after New. The per-token entries live in an LRU
// list under mu (at most MaxTokens, none idle longer than TokenIdleTTL);
// a call holding an entry keeps using it even if it is dropped meanwhile.
// Each entry's notion.Client is shared by all calls with that token, and
// every client shares the session's one rate limiter. An entry's identity
// is guarded by its own mutex, so concurrent lookups of the same identity
// wait for a single request. Results live in their own LRU list under resMu.
type Session struct {
	cfg     Config
	version string

	mu      sync.Mutex
	entries map[[32]byte]*list.Element // of *entry, keyed by a hash of the token, never the token
	lru     *list.List                 // most recently used first

	resMu   sync.Mutex
	results map[resultKey]*list.Element // of *remembered
	resLRU  *list.List
}

type entry struct {
	key    [32]byte
	client *notion.Client
	usedAt time.Time // under Session.mu

	meMu     sync.Mutex
	me       *notion.User
	meAt     time.Time
	meFlight *meFlight // the lookup under way, if any
}

type resultKey struct {
	token [32]byte
	key   string
}

type remembered struct {
	key resultKey
	v   any
	at  time.Time
}

// New checks the configuration; it makes no request.
func New(cfg Config) (*Session, error) {
	if cfg.Getenv == nil {
		return nil, errors.New("session: Getenv is required")
	}
	if _, err := notion.CheckBaseURL(cfg.BaseURL); err != nil {
		return nil, err
	}
	v, err := notion.CheckVersion(cfg.APIVersion)
	if err != nil {
		return nil, err
	}
	if cfg.IdentityTTL <= 0 {
		cfg.IdentityTTL = DefaultIdentityTTL
	}
	if cfg.ResultTTL <= 0 {
		cfg.ResultTTL = DefaultResultTTL
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Client == nil {
		cfg.Client = notion.New
	}
	if cfg.Redactor == nil {
		cfg.Redactor = &token.Redactor{}
	}
	if cfg.Limiter == nil {
		cfg.Limiter = notion.NewLimiter(cfg.Rate, cfg.Burst, nil)
	}
	return &Session{cfg: cfg, version: v,
		entries: map[[32]byte]*list.Element{}, lru: list.New(),
		results: map[resultKey]*list.Element{}, resLRU: list.New(),
	}, nil
}

// Redactor returns the redactor every token the session resolves is added
// to; tool results, command output and logs pass through it.
func (s *Session) Redactor() *token.Redactor { return s.cfg.Redactor }

// Tokens reports how many tokens hold a client now (at most MaxTokens).
func (s *Session) Tokens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lru.Len()
}

// Results reports how many results are remembered now (at most MaxResults).
func (s *Session) Results() int {
	s.resMu.Lock()
	defer s.resMu.Unlock()
	return s.resLRU.Len()
}

// Sandbox reports whether the session talks to the built-in sandbox.
func (s *Session) Sandbox() bool { return s.cfg.Sandbox }

// Version returns the API version for a call: v if given and supported,
// else the session's default.
func (s *Session) Version(v string) (string, error) {
	if v == "" {
		return s.version, nil
	}
	return notion.CheckVersion(v)
}

// Token resolves the token a call names (or the environment's) and adds it
// to the log redactor. In demo mode a call that names no source and finds
// none in the environment gets the sandbox's demo token.
func (s *Session) Token(req token.Request) (*token.Token, error) {
	if s.cfg.DemoToken != "" && req.NoSource() {
		// Demo mode: the sandbox knows only its own tokens, so a token in
		// the environment (a real one, or a placeholder) is not used unless
		// a call names its source.
		t := token.New(s.cfg.DemoToken, "demo")
		s.cfg.Redactor.AddToken(t)
		return t, nil
	}
	t, err := token.Resolve(s.cfg.Getenv, req)
	if err != nil {
		return nil, err
	}
	s.cfg.Redactor.AddToken(t)
	return t, nil
}

// Getenv reads the environment the session was configured with.
func (s *Session) Getenv(name string) string { return s.cfg.Getenv(name) }

// AddSecret registers a value found outside the token sources (a token in an
// MCP client's config file) with the log redactor.
func (s *Session) AddSecret(v string) { s.cfg.Redactor.Add(v) }

func (s *Session) entry(t *token.Token) (*entry, error) {
	if err := token.Unsendable(t); err != nil {
		return nil, err
	}
	key := sha256.Sum256([]byte(t.Value()))
	now := s.cfg.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for b := s.lru.Back(); b != nil && now.Sub(b.Value.(*entry).usedAt) > TokenIdleTTL; b = s.lru.Back() {
		delete(s.entries, s.lru.Remove(b).(*entry).key)
	}
	if el, ok := s.entries[key]; ok {
		s.lru.MoveToFront(el)
		e := el.Value.(*entry)
		e.usedAt = now
		return e, nil
	}
	c, err := s.cfg.Client(notion.Config{
		BaseURL:   s.cfg.BaseURL,
		Timeout:   s.cfg.Timeout,
		Transport: s.cfg.Transport,
		Logger:    s.cfg.Logger,
		Limiter:   s.cfg.Limiter,
	}, t)
	if err != nil {
		return nil, err
	}
	e := &entry{key: key, client: c, usedAt: now}
	s.entries[key] = s.lru.PushFront(e)
	if s.lru.Len() > MaxTokens {
		delete(s.entries, s.lru.Remove(s.lru.Back()).(*entry).key)
	}
	return e, nil
}

// Client returns the Notion client for t; every call with t shares it.
func (s *Session) Client(t *token.Token) (*notion.Client, error) {
	e, err := s.entry(t)
	if err != nil {
		return nil, err
	}
	return e.client, nil
}

// Me returns t's bot user (GET /v1/users/me), reusing an answer younger than
// the identity TTL unless fresh is set. Failures are not cached. cached
// reports whether this caller made no request: the answer was cached, or
// came from a lookup another caller had under way.
//
// Concurrent callers share one lookup, and each waits only as long as its
// own context allows: the lookup runs apart from any one caller and is
// cancelled once no caller waits for it any more.
func (s *Session) Me(ctx context.Context, t *token.Token, fresh bool) (u *notion.User, cached bool, err error) {
	e, err := s.entry(t)
	if err != nil {
		return nil, false, err
	}
	e.meMu.Lock()
	if !fresh && e.me != nil && s.cfg.Clock().Sub(e.meAt) < s.cfg.IdentityTTL {
		u := e.me
		e.meMu.Unlock()
		return u, true, nil
	}
	f := e.meFlight
	leader := f == nil
	if leader {
		// The lookup keeps the first caller's values (its request trace)
		// and deadline (which tells the client not to wait out a long
		// Retry-After), not its cancellation: the others' waits count too.
		base := context.WithoutCancel(ctx)
		lctx, cancel := context.WithCancel(base)
		if dl, ok := ctx.Deadline(); ok {
			cancel()
			lctx, cancel = context.WithDeadline(base, dl)
		}
		f = &meFlight{done: make(chan struct{}), cancel: cancel}
		e.meFlight = f
		go s.lookupMe(lctx, e, f)
	}
	f.waiters++
	e.meMu.Unlock()
	select {
	case <-f.done:
		return f.u, !leader && f.err == nil, f.err
	case <-ctx.Done():
		e.meMu.Lock()
		if f.waiters--; f.waiters == 0 {
			f.cancel()
			if e.meFlight == f {
				e.meFlight = nil // a later caller starts afresh
			}
		}
		e.meMu.Unlock()
		return nil, false, notion.ContextError(ctx.Err(), http.MethodGet, "/v1/users/me", s.version)
	}
}

// meFlight is a users/me lookup under way and its waiters.
type meFlight struct {
	done    chan struct{} // closed once u and err are set
	cancel  context.CancelFunc
	waiters int // under entry.meMu
	u       *notion.User
	err     error
}

func (s *Session) lookupMe(ctx context.Context, e *entry, f *meFlight) {
	defer f.cancel()
	u, err := e.client.Me(ctx, s.version)
	e.meMu.Lock()
	f.u, f.err = u, err
	if err == nil {
		e.me, e.meAt = u, s.cfg.Clock()
	}
	if e.meFlight == f {
		e.meFlight = nil
	}
	e.meMu.Unlock()
	close(f.done)
}

// Remember returns the result stored under key for t if it is younger than
// the result TTL, else computes it with fn and stores it. refresh skips the
// stored result. Errors are not stored. A result stored under the same key
// with another type counts as none.
func Remember[T any](s *Session, t *token.Token, key string, refresh bool, fn func() (T, error)) (v T, cached bool, err error) {
	var zero T
	e, err := s.entry(t)
	if err != nil {
		return zero, false, err
	}
	k := resultKey{token: e.key, key: key}
	s.resMu.Lock()
	s.expireResults()
	if el, ok := s.results[k]; ok && !refresh {
		if v, ok := el.Value.(*remembered).v.(T); ok {
			s.resLRU.MoveToFront(el)
			s.resMu.Unlock()
			return v, true, nil
		}
	}
	s.resMu.Unlock()
	v, err = fn()
	if err != nil {
		return zero, false, err
	}
	s.resMu.Lock()
	defer s.resMu.Unlock()
	if el, ok := s.results[k]; ok {
		s.resLRU.Remove(el)
	}
	s.results[k] = s.resLRU.PushFront(&remembered{key: k, v: v, at: s.cfg.Clock()})
	s.expireResults()
	return v, false, nil
}

// Forget drops the result stored under key for t, if any: one that says
// more about the call that made it than about the workspace (a listing cut
// by its deadline) is not handed to the next call.
func Forget(s *Session, t *token.Token, key string) {
	e, err := s.entry(t)
	if err != nil {
		return
	}
	k := resultKey{token: e.key, key: key}
	s.resMu.Lock()
	defer s.resMu.Unlock()
	if el, ok := s.results[k]; ok {
		s.resLRU.Remove(el)
		delete(s.results, k)
	}
}

// expireResults drops results older than the TTL and, beyond MaxResults,
// the least recently used; s.resMu is held. The list is short, so it is
// walked whole.
func (s *Session) expireResults() {
	now := s.cfg.Clock()
	for el := s.resLRU.Front(); el != nil; {
		next := el.Next()
		if r := el.Value.(*remembered); now.Sub(r.at) >= s.cfg.ResultTTL {
			delete(s.results, r.key)
			s.resLRU.Remove(el)
		}
		el = next
	}
	for s.resLRU.Len() > MaxResults {
		delete(s.results, s.resLRU.Remove(s.resLRU.Back()).(*remembered).key)
	}
}

// LogStartup logs, without any request, which token source the server
// found, its fingerprint and any format problem.
func (s *Session) LogStartup() {
	log := s.cfg.Logger
	ev := log.Info().Str("api_version", s.version).Bool("sandbox", s.cfg.Sandbox)
	t, err := s.Token(token.Request{})
	if err != nil {
		ev.Str("token", "none").Msg("no Notion token in the environment yet; tools that need one will say how to set it (extract_notion_id works without)")
		return
	}
	f := t.Format()
	ev = ev.Str("token_source", t.Source()).Str("fingerprint", t.Fingerprint()).Str("token_kind", f.Kind)
	if len(f.Problems) > 0 {
		ev = ev.Strs("token_problems", f.Problems)
	}
	if others := token.Candidates(s.cfg.Getenv); len(others) > 1 {
		names := make([]string, 0, len(others)-1)
		for _, o := range others[1:] {
			names = append(names, o.Name)
		}
		ev = ev.Strs("ignored_sources", names)
	}
	ev.Msg("Notion token found (not checked until a tool asks)")
}
