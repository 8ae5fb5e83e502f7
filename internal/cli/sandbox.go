package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// runSandbox serves the built-in sandbox workspace over HTTP, e.g. for the
// official Notion SDK or curl: notion-mcp sandbox --listen 127.0.0.1:8787.
// It listens on loopback only unless --allow-remote says otherwise: the
// sandbox is a fake for this computer, not a service.
func runSandbox(ctx context.Context, a *app, _ []string) int {
	if !a.opts.allowRemote && !loopback(a.opts.listen) {
		return a.usageError("sandbox", fmt.Sprintf("--listen %s is reachable from other computers; use 127.0.0.1:PORT, or add --allow-remote if you mean it", quoteArg(a.opts.listen)),
			"notion-mcp "+commands["sandbox"].usage)
	}
	w := sandbox.New(sandbox.Options{ExtraDatabases: a.opts.databases})
	for _, s := range a.opts.faults {
		f, _ := sandbox.ParseFault(s) // checked when the flag was read
		w.Inject(f)
	}
	if err := sandbox.Serve(ctx, a.opts.listen, w, &tokenNote{w: a.Stderr}); err != nil {
		fmt.Fprintf(a.Stderr, "notion-mcp sandbox: %v\n", err)
		return 1
	}
	return 0
}

// loopback reports whether addr (host:port) listens on this computer only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tokenNote passes the sandbox's log through and, after the line saying
// where it listens, says which token it accepts, with a request to try.
type tokenNote struct {
	w    io.Writer
	done bool
}

func (t *tokenNote) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if err != nil || t.done {
		return n, err
	}
	if _, url, ok := strings.Cut(strings.TrimSpace(string(p)), "listening on "); ok {
		t.done = true
		fmt.Fprintf(t.w, "It accepts the demo token %s (the integration \"Acme Sync\"), e.g.\n"+
			"  curl -H 'Authorization: Bearer %s' -H 'Notion-Version: 2025-09-03' %s/v1/users/me\n",
			sandbox.TokenDemo, sandbox.TokenDemo, url)
	}
	return n, err
}
