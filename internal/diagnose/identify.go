package diagnose

import (
	"context"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// identify: a pasted error with no usable ID leaves no object to probe, but
// a 401, or a 404 naming its integration, is about a token, and this
// server's token can be compared with it (one GET /v1/users/me).
func identify(ctx context.Context, s *session.Session, r *Result, t *token.Token, pe *pasted.Error) {
	switch pe.Family {
	case pasted.Unauthorized, pasted.AccountRestricted:
	case pasted.NotFound:
		if pe.Integration == "" {
			return
		}
	default:
		return
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	trace := &notion.Trace{}
	me, _, err := s.Me(notion.WithTrace(ctx, trace), t, false)
	r.Evidence, r.CheckedLive = evidenceOf(trace), true
	if err != nil {
		if ne, ok := notion.AsError(err); ok && ne.IsUnauthorized() {
			r.Summary += fmt.Sprintf(" The token this server has (from %s) is rejected as well (401): both need a working token.", t.Source())
		}
		return
	}
	r.Integration = &Integration{Name: me.Name}
	if me.Bot != nil {
		r.Integration.WorkspaceName = me.Bot.WorkspaceName
	}
	switch {
	case pe.Family != pasted.NotFound:
		r.Summary += fmt.Sprintf(" The token this server has (from %s) works and belongs to %q: your app sends another one.", t.Source(), me.Name)
		r.Steps = append([]string{fmt.Sprintf("Give your app the token of %q that this server uses, or fix the one it sends; compare their fingerprints with validate_token (same prefix and last 4 characters).", me.Name)}, r.Steps...)
	case !strings.EqualFold(pe.Integration, me.Name):
		r.Summary += fmt.Sprintf(" Your app's error comes from the integration %q, while this server's token belongs to %q: your app and this server use different integrations.", pe.Integration, me.Name)
		r.Steps = append(r.Steps, fmt.Sprintf("Share the page with %q (the integration your app uses), or give your app the token of %q.", pe.Integration, me.Name))
	}
}
