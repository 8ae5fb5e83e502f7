package cli

import (
	"context"
	"fmt"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// runSandbox serves the built-in sandbox workspace over HTTP, e.g. for the
// official Notion SDK or curl: notion-mcp sandbox --listen 127.0.0.1:8787.
func runSandbox(ctx context.Context, a *app, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(a.Stderr, "usage: notion-mcp sandbox [--listen 127.0.0.1:PORT] [--databases N]")
		return 2
	}
	w := sandbox.New(sandbox.Options{ExtraDatabases: a.opts.databases})
	if err := sandbox.Serve(ctx, a.opts.listen, w, a.Stderr); err != nil {
		fmt.Fprintf(a.Stderr, "notion-mcp sandbox: %v\n", err)
		return 1
	}
	return 0
}
