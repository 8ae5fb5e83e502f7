package diagnose

import (
	"fmt"

	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// alsoPasted weighs the pasted error against a live verdict about the
// object: what the app's error says that the probes with this server's token
// cannot see (another token, a passing limit or outage, a header) is added.
func alsoPasted(r *Result, pe *pasted.Error, id string) {
	name := r.Integration.Name
	switch pe.Family {
	case pasted.Unauthorized, pasted.AccountRestricted:
		if r.Verdict == TokenInvalid {
			return
		}
		r.Summary += fmt.Sprintf(" Your app's error is a 401, so the token it sends is not the one of %q checked here: it never reached the program as you think, or it was revoked.", name)
		r.Steps = append(stepsTokenReach(), r.Steps...)
	case pasted.RateLimited, pasted.Overload, pasted.Server, pasted.Network:
		if r.Verdict == RateLimited || r.Verdict == APIUnreachable {
			return
		}
		r.Summary += fmt.Sprintf(" Your app's error (%s) was temporary on Notion's side: it says nothing about access.", describe(pe))
		r.Steps = append(r.Steps, "For your app's error: wait (Retry-After when given) and retry with backoff.")
	case pasted.MissingVersion, pasted.SearchFilter:
		r.Summary += fmt.Sprintf(" Your app's error (%s) is about the Notion-Version it sends, not about access.", describe(pe))
		r.Steps = append(r.Steps, "For your app's error: send Notion-Version: 2025-09-03 (or the version your code was written for) with every request.")
	case pasted.Restricted:
		if r.Verdict == MissingCapability || r.Verdict == TokenInvalid {
			return
		}
		need := orWord(capabilityFor(pe.Method, pe.Endpoint), "the capability that endpoint needs")
		r.Summary += fmt.Sprintf(" Your app's error is a 403 restricted_resource: the integration your app uses lacks %s, which %q's checks here do not need.", need, name)
		r.Steps = append(r.Steps, fmt.Sprintf("For your app's 403: open %s, choose the integration your app uses, open Capabilities and tick %s.", token.Portal, need))
	case pasted.Linked, pasted.NoDataSources:
		if r.Verdict != Accessible {
			return
		}
		r.Summary += fmt.Sprintf(" Your app's error says the database is linked or has no data source it can read, yet %q reads it: your app uses another integration, which the source database is not shared with.", name)
		r.Steps = append(r.Steps, "For your app's error: share the source database (and so its data source) with the integration your app uses, or give your app this token.")
	case pasted.InvalidRequestURL:
		r.Steps = append(r.Steps, fmt.Sprintf("For your app's \"Invalid request URL\": put only the ID %s in the path (not a link or a ?v= view ID), and send Notion-Version 2025-09-03 or later for /v1/data_sources and /v1/views.", id))
	}
}
