package listing_test

import (
	"context"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestIncompleteSearch: a search answer marked request_status "incomplete"
// (notion-sdk-js RequestStatusResponse) makes the listing say it may be
// incomplete, in both API generations; the hints always say search only
// guarantees directly shared objects.
func TestIncompleteSearch(t *testing.T) {
	t.Parallel()
	for _, v := range []string{v25, v22} {
		t.Run(v, func(t *testing.T) {
			e := newEnv(t, envOptions{})
			e.ws.Inject(sandbox.Fault{Kind: sandbox.FaultIncomplete, PathPrefix: "/v1/search"})
			r := e.list(t, listing.Request{APIVersion: v})
			if r.Complete || r.Count != len(fixtures(v)) {
				t.Errorf("complete %v count %d: want complete false with what was listed", r.Complete, r.Count)
			}
			if !hasHint(r.Hints, `request_status "incomplete"`) || hasHint(r.Hints, "limit 0") {
				t.Errorf("hints %q", r.Hints)
			}
			if !hasHint(r.Hints, "only guarantees objects shared directly") {
				t.Errorf("hints %q lack what search guarantees", r.Hints)
			}
			if r.Integration == nil || r.Integration.Kind != notion.KindInternal {
				t.Errorf("integration %+v", r.Integration)
			}
		})
	}
	e := newEnv(t, envOptions{})
	if r := e.list(t, listing.Request{}); !r.Complete || hasHint(r.Hints, "incomplete") {
		t.Errorf("a complete answer is complete: %v %q", r.Complete, r.Hints)
	}
}

// TestListingLimitsAndBlocks: 529, workspace 429 and edge blocks are
// explained for what they are.
func TestListingLimitsAndBlocks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		kind       sandbox.FaultKind
		path, want string
		never      string
	}{
		{sandbox.Fault529, "/v1/search", "overloaded (529 service_overload, not an outage)", "status.notion.so"},
		{sandbox.Fault429Workspace, "/v1/search", "every connection of the workspace shares this budget", ""},
		{sandbox.FaultHTML403, "/v1/search", "a network rule blocked the request", "Capabilities"},
		{sandbox.Fault403Restricted, "/v1/users/me", "whatever a connection's capabilities are", "Capabilities"},
	}
	for _, c := range cases {
		t.Run(c.kind.String(), func(t *testing.T) {
			e := newEnv(t, envOptions{})
			e.ws.Inject(sandbox.Fault{Kind: c.kind, PathPrefix: c.path, RetryAfter: "120"})
			_, err := listing.List(context.Background(), e.sess, listing.Request{})
			if err == nil || !strings.Contains(err.Error(), c.want) || c.never != "" && strings.Contains(err.Error(), c.never) {
				t.Errorf("err %v: want %q", err, c.want)
			}
		})
	}
}

// TestListingPAT: a personal access token lists what its person can open
// and says so.
func TestListingPAT(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{token: sandbox.TokenPersonal})
	r := e.list(t, listing.Request{})
	if r.Integration == nil || r.Integration.Kind != notion.KindPAT || r.Integration.Name != sandbox.UserAdaName {
		t.Errorf("integration %+v", r.Integration)
	}
	if r.Count != len(fixtures(v25)) {
		t.Errorf("count %d", r.Count)
	}
	if hasHint(r.Hints, "Add connections") {
		t.Errorf("a personal access token needs no sharing: %q", r.Hints)
	}
}
