package sandbox

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Workspace is a fake Notion: two workspaces (Acme and Globex), their
// integrations and content. Its content never changes; the request log,
// faults and the flaky token's memory are safe for concurrent use.
type Workspace struct {
	opts         Options
	objects      map[string]*object      // by dashed ID
	views        map[string]*view        // by dashed ID
	integrations map[string]*integration // by token
	indexes      [2]searchIndex          // [0]: 2022-06-28 vocabulary, [1]: 2025-09-03+

	seq atomic.Uint64 // request counter, for request IDs

	mu         sync.Mutex
	log        []Request
	writes     int
	faults     []*activeFault
	flakySeen  map[string]bool
	flakyCount int

	onRecord func(Request) // tests: called after each request is logged
}

// searchIndex is one vocabulary's searchable objects in result order.
type searchIndex struct {
	list []*object
	pos  map[string]int // ID → index in list
}

// Request is one request as the sandbox received it.
type Request struct {
	Method string
	Path   string // URL path, decoded, e.g. "/v1/pages/…"
	Query  string // raw query string, if any
	// Version is the Notion-Version header ("" when missing).
	Version string
	// TokenLabel names the token (LabelValid, …), never the token itself.
	TokenLabel string
	// Status is the status answered; 0 while a FaultHang holds the request.
	Status int
	// Body is the request body (POST).
	Body string
	// Write reports a request that would change content (anything but GET,
	// HEAD, OPTIONS and the read-only POSTs: search and queries).
	Write bool
}

// New builds the fixture workspaces. Its content is deterministic: the same
// Options always give the same IDs, titles and times.
func New(opts Options) *Workspace {
	w := &Workspace{
		opts:         opts,
		objects:      make(map[string]*object, 64+opts.ExtraDatabases*3),
		views:        make(map[string]*view, 8),
		integrations: make(map[string]*integration),
		flakySeen:    make(map[string]bool),
	}
	acme := &space{id: AcmeWorkspaceID, name: AcmeWorkspaceName, slug: AcmeWorkspaceSlug}
	globex := &space{id: GlobexWorkspaceID, name: GlobexWorkspaceName, slug: GlobexWorkspaceSlug}
	acmeShared := (&builder{w: w, sp: acme}).buildAcme(opts.ExtraDatabases)
	globexShared := (&builder{w: w, sp: globex}).buildGlobex()

	share := func(roots []*object) map[*object]bool {
		m := make(map[*object]bool, len(roots))
		for _, o := range roots {
			m[o] = true
		}
		return m
	}
	acmeSet := share(acmeShared)
	syncBot := &bot{id: AcmeSyncBotID, name: AcmeSyncName, space: acme, shared: acmeSet}
	meta := &bot{id: AcmeMetadataBotID, name: AcmeMetadataName, space: acme, shared: acmeSet}
	limited := &bot{id: AcmeLimitedBotID, name: AcmeLimitedName, space: acme, shared: acmeSet}
	fresh := &bot{id: FreshBotID, name: FreshName, space: acme, shared: map[*object]bool{}}
	gbot := &bot{id: GlobexBotID, name: GlobexBotName, space: globex, shared: share(globexShared)}
	// Ada opens everything in Acme except Finance (a teamspace she is not in).
	adaSet := share(append(acmeShared, w.objects[PrivateNotesPageID]))
	ada := &bot{id: UserAdaID, name: UserAdaName, space: acme, shared: adaSet, person: UserAdaMail}

	for tok, in := range map[string]*integration{
		TokenValid:          {label: LabelValid, bot: syncBot},
		TokenLegacy:         {label: LabelLegacy, bot: syncBot},
		TokenDemo:           {label: LabelDemo, bot: syncBot},
		TokenRevoked:        {label: LabelRevoked, bot: syncBot, revoked: true},
		TokenRateLimited:    {label: LabelRateLimited, bot: syncBot, rateLimited: true},
		TokenFlaky:          {label: LabelFlaky, bot: syncBot, flaky: true},
		TokenNoReadContent:  {label: LabelNoReadContent, bot: meta, noRead: true},
		TokenRestricted:     {label: LabelRestricted, bot: limited, restricted: true},
		TokenNothingShared:  {label: LabelNothingShared, bot: fresh},
		TokenOtherWorkspace: {label: LabelOtherWorkspace, bot: gbot},
		TokenPersonal:       {label: LabelPersonal, bot: ada},
	} {
		w.integrations[tok] = in
	}
	w.buildSearchIndexes()
	return w
}

// nextRequestID returns a fresh, deterministic-looking request ID.
func (w *Workspace) nextRequestID() string {
	return hashID("request/" + strconv.FormatUint(w.seq.Add(1), 10))
}

// record appends r to the log.
func (w *Workspace) record(r Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if r.Write {
		w.writes++
	}
	w.log = append(w.log, r)
	if w.onRecord != nil {
		w.onRecord(r)
	}
}

// Requests returns a copy of the request log, oldest first.
func (w *Workspace) Requests() []Request {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Request(nil), w.log...)
}

// ResetRequests empties the request log and the write count, and makes the
// flaky token forget which requests it has already failed.
func (w *Workspace) ResetRequests() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.log = nil
	w.writes = 0
	w.flakySeen = make(map[string]bool)
	w.flakyCount = 0
}

// Count returns how many logged requests have that method ("" for any) and
// a path starting with pathPrefix.
func (w *Workspace) Count(method, pathPrefix string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, r := range w.log {
		if (method == "" || r.Method == method) && strings.HasPrefix(r.Path, pathPrefix) {
			n++
		}
	}
	return n
}

// Writes returns how many logged requests were write attempts (see
// Request.Write), whatever they were answered. The sandbox never changes
// its content: every write is answered 400 invalid_request_url.
func (w *Workspace) Writes() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writes
}

// flakyFirst reports whether key is the first attempt of a distinct request
// of the flaky token, and if so whether it gets the HTML 502 (odd ones) or
// the 503 (even ones).
func (w *Workspace) flakyFirst(key string) (first, html bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.flakySeen[key] {
		return false, false
	}
	w.flakySeen[key] = true
	w.flakyCount++
	return true, w.flakyCount%2 == 1
}
