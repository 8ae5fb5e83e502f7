// Package diagnose says exactly why a Notion ID fails for an integration and
// how to fix it. Notion answers the same 404 for half a dozen causes; which
// endpoints answer, and how, tells them apart.
package diagnose

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/notionid"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// Verdicts, exactly one per diagnosis.
const (
	Accessible              = "accessible"
	NotShared               = "not_shared"
	WrongType               = "wrong_type"
	UnsupportedInAPIVersion = "unsupported_in_api_version"
	MissingCapability       = "missing_capability"
	TokenInvalid            = "token_invalid"
	TokenMissing            = "token_missing"
	InvalidInput            = "invalid_input"
	WorkspaceMismatch       = "workspace_mismatch"
	RateLimited             = "rate_limited"
	APIUnreachable          = "api_unreachable"
	LinkedDatabase          = "linked_database"
)

// Verdicts lists every verdict, for the tool's output schema.
var Verdicts = []string{Accessible, NotShared, WrongType, UnsupportedInAPIVersion, MissingCapability, TokenInvalid, TokenMissing, InvalidInput, WorkspaceMismatch, RateLimited, APIUnreachable, LinkedDatabase}

// Object types.
const (
	TypePage       = "page"
	TypeDatabase   = "database"
	TypeDataSource = "data_source"
	TypeBlock      = "block"
	ExpectAny      = "any"
)

// Expectations lists the values of Request.Expect.
var Expectations = []string{TypePage, TypeDatabase, TypeDataSource, ExpectAny}

// Object is what the ID names, when found.
type Object struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Title   string `json:"title,omitempty"`
	URL     string `json:"url,omitempty"`
	InTrash bool   `json:"in_trash,omitempty"`
}

// Use says which ID to use for what.
type Use struct {
	PageID        string   `json:"page_id,omitempty"`
	DatabaseID    string   `json:"database_id,omitempty"`
	DataSourceIDs []string `json:"data_source_ids,omitempty" jsonschema:"For queries (API 2025-09-03+)."`
	BlockID       string   `json:"block_id,omitempty"`
}

// ChildDatabase is a database found inside a page.
type ChildDatabase struct {
	ID    string `json:"id" jsonschema:"Use instead of the page ID."`
	Title string `json:"title"`
}

// Evidence is one request made during the diagnosis.
type Evidence struct {
	Request    string `json:"request"`
	Status     int    `json:"status" jsonschema:"0: no answer."`
	Code       string `json:"code,omitempty"`
	RequestID  string `json:"request_id,omitempty"`
	APIVersion string `json:"api_version"`
}

// Integration names the token's bot.
type Integration struct {
	Name          string `json:"name" jsonschema:"The connection's name, or the person's for a personal access token."`
	WorkspaceName string `json:"workspace_name"`
	Kind          string `json:"kind,omitempty" jsonschema:"internal, public or personal_access_token."`
	Expiry        string `json:"expiry,omitempty" jsonschema:"Personal access tokens: when it stops working."`
}

// Extracted is what was read from the target offline: the ID parser's
// Result, the one ID-extraction type of the project.
type Extracted = notionid.Result

// Result is a diagnosis.
type Result struct {
	Verdict       string          `json:"verdict"`
	Summary       string          `json:"summary"`
	Steps         []string        `json:"steps"`
	Object        *Object         `json:"object,omitempty"`
	Use           *Use            `json:"use,omitempty"`
	DatabasesHere []ChildDatabase `json:"databases_in_page,omitempty" jsonschema:"When a page was given for a database."`
	Expect        string          `json:"expect"`
	APIVersion    string          `json:"api_version"`
	CheckedLive   bool            `json:"checked_live" jsonschema:"False: from the input alone."`
	Evidence      []Evidence      `json:"evidence"`
	Integration   *Integration    `json:"integration,omitempty"`
	Extracted     *Extracted      `json:"extracted,omitempty"`
	Sandbox       bool            `json:"sandbox,omitempty" jsonschema:"From the built-in sandbox, not Notion."`
	Pasted        *PastedError    `json:"pasted_error,omitempty" jsonschema:"What was read from a pasted Notion error."`
}

// PastedError is what was read from a pasted error, tokens replaced by
// their fingerprints.
type PastedError struct {
	Kind        string `json:"kind" jsonschema:"The error family."`
	Wrapper     string `json:"wrapper" jsonschema:"How it was pasted: JSON body, SDK log, status line…"`
	Status      int    `json:"status,omitempty"`
	Code        string `json:"code,omitempty"`
	Message     string `json:"message,omitempty"`
	Object      string `json:"object,omitempty" jsonschema:"What the request asked for."`
	ID          string `json:"id,omitempty"`
	IDState     string `json:"id_state,omitempty" jsonschema:"Whether the error's ID is usable."`
	IDShown     string `json:"id_shown,omitempty" jsonschema:"The unusable ID as pasted."`
	Field       string `json:"field,omitempty" jsonschema:"The field of a uuid validation error."`
	Value       string `json:"value,omitempty" jsonschema:"The value Notion rejected there."`
	APIVersion  string `json:"api_version,omitempty"`
	Integration string `json:"integration,omitempty"`
	Endpoint    string `json:"endpoint,omitempty"`
}

func pastedOf(pe *pasted.Error) *PastedError {
	if !pe.Recognised() {
		return nil
	}
	return &PastedError{Kind: string(pe.Family), Wrapper: pe.Wrapper, Status: pe.Status, Code: pe.Code, Message: pe.Message,
		Object: pe.Object, ID: pe.ID, IDState: string(pe.IDState), IDShown: pe.IDShown, Field: pe.Field, Value: pe.Value,
		APIVersion: pe.APIVersion, Integration: pe.Integration, Endpoint: pe.Endpoint}
}

// Request is what to diagnose.
type Request struct {
	Target     string // a link, an ID, a reference, or a pasted error
	Expect     string // page | database | data_source | any; "" infers
	ErrorText  string // the error the user's own app printed
	APIVersion string
	Token      token.Request
}

// budget bounds a live diagnosis. Without it a 429 with Retry-After: 30
// would be waited out twice (a minute) before rate_limited is said; with it
// the transport gives up on any wait that would end past the deadline.
const budget = 20 * time.Second

// Diagnose finds out why req.Target fails. It returns an error only for bad
// arguments; every finding, an invalid token included, is a Result.
func Diagnose(ctx context.Context, s *session.Session, req Request) (*Result, error) {
	v, err := s.Version(req.APIVersion)
	if err != nil {
		return nil, argerr.Wrap(err)
	}
	if req.Expect != "" && !contains(Expectations, req.Expect) {
		return nil, argerr.Errorf("expect must be one of %s", strings.Join(Expectations, ", "))
	}
	r := &Result{APIVersion: v, Steps: []string{}, Evidence: []Evidence{}, Sandbox: s.Sandbox()}
	// The one reading of the input: every verdict below reads in, never the text.
	in := pasted.Read(req.Target, req.ErrorText)
	pe := &in.Err
	r.Pasted = pastedOf(pe)

	ext, perr := in.ID()
	if perr != nil {
		r.Expect = inferExpect(req.Expect, nil, pe)
		if pe.Recognised() {
			t, terr := s.Token(req.Token)
			offline(r, nil, pe, terr)
			if terr == nil && t.Sendable() {
				identify(ctx, s, r, t, pe)
			}
			return r, nil
		}
		r.Verdict = InvalidInput
		r.Summary = "There is no Notion ID in the input: an ID is 32 hexadecimal characters, with or without dashes, at the end of a page's or database's link."
		var noID *notionid.NoIDError
		if errors.As(perr, &noID) {
			r.Summary = noID.Reason + " An ID is 32 hexadecimal characters, with or without dashes, at the end of a page's or database's link."
		}
		r.Steps = stepsCopyLink()
		return r, nil
	}
	r.Extracted = extracted(ext)
	r.Expect = inferExpect(req.Expect, ext, pe)

	t, err := s.Token(req.Token)
	if errors.Is(err, token.ErrMissing) && ext.Kind == notionid.KindView {
		viewVerdict(r, ext)
		return r, nil
	}
	if errors.Is(err, token.ErrMissing) {
		offline(r, ext, pe, err)
		return r, nil
	}
	if err != nil {
		return nil, argerr.Wrap(err)
	}
	if !t.Sendable() {
		r.Verdict = TokenInvalid
		r.Summary = fmt.Sprintf("The value from %s does not have the shape of a Notion token, so it was not sent to Notion and nothing could be checked; validate_token lists what is wrong with it.", t.Source())
		if t.IsZero() {
			r.Summary = fmt.Sprintf("The token from %s is empty once cleaned of quotes, spaces and a Bearer prefix, so nothing could be checked.", t.Source())
		}
		r.Steps = append(stepsNewToken(""), againStep(ext.ID))
		return r, nil
	}

	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	trace := &notion.Trace{}
	ctx = notion.WithTrace(ctx, trace)
	defer func() { r.Evidence = evidenceOf(trace) }()
	r.CheckedLive = true

	me, _, err := s.Me(ctx, t, false)
	if err != nil {
		tokenFailure(r, t, err, ext.ID)
		return r, nil
	}
	r.Integration = integrationOf(me)
	c, err := s.Client(t)
	if err != nil {
		return nil, err
	}
	p := &prober{c: c, v: v, id: probeID(ext, r.Expect, in), botID: me.ID, view: ext.Kind == notionid.KindView}
	p.run(ctx)
	decide(ctx, r, p, ext, pe)
	return r, nil
}

// probeID is the ID to check: the link's object, unless the link also names
// a row (?p=) or block (#…) that the pasted error, or a page expectation,
// points at instead.
func probeID(ext *notionid.Result, expect string, in *pasted.Input) string {
	if e := in.Err.ID; in.ErrText && e != "" && e != ext.ID && (e == ext.PeekPageID || e == ext.BlockID) {
		return e
	}
	if expect == TypePage && ext.PeekPageID != "" {
		return ext.PeekPageID
	}
	return ext.ID
}

func extracted(e *notionid.Result) *Extracted {
	c := *e
	if c.Warnings == nil {
		c.Warnings = []string{} // always an array in the result
	}
	return &c
}

// inferExpect reads what the ID was meant to be: given, or what the pasted
// error asked for (a database, page or data source), a link with a view, a
// collection:// reference; else any.
func inferExpect(given string, e *notionid.Result, pe *pasted.Error) string {
	if given != "" {
		return given
	}
	switch {
	case pe.Family == pasted.IsPage, pe.Family == pasted.MultipleDataSources, pe.Family == pasted.Linked,
		pe.Family == pasted.NoDataSources:
		return TypeDatabase
	case pe.Family == pasted.IsDatabase:
		return TypePage
	}
	switch pe.Object {
	case TypeDatabase, TypeDataSource, TypePage:
		return pe.Object
	}
	if e != nil {
		switch e.Kind {
		case notionid.KindDatabase:
			return TypeDatabase
		case notionid.KindDataSource:
			return TypeDataSource
		}
	}
	return ExpectAny
}

func evidenceOf(t *notion.Trace) []Evidence {
	ex := t.Exchanges()
	out := make([]Evidence, 0, len(ex))
	for _, e := range ex {
		out = append(out, Evidence{Request: e.Method + " " + e.Path, Status: e.Status, Code: e.Code, RequestID: e.RequestID, APIVersion: e.Version})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
