package cli

import (
	"context"
	"fmt"

	"github.com/notion-mcp/notion-mcp/internal/transport"
	"github.com/notion-mcp/notion-mcp/tools"
)

// serve serves MCP on stdin/stdout until EOF or a signal (ctx ending).
// Either way the requests already read are answered first (a signal allows
// a short grace period), and the exit status is 0. Tests call it with their
// own rt to keep a handle on its sandbox.
func serve(ctx context.Context, a *app, rt *runtime, _ []string) int {
	logger := rt.log
	if a.opts.maxMessage <= 0 {
		fmt.Fprintln(a.Stderr, "notion-mcp: --max-message-bytes (or NOTION_MCP_MAX_MESSAGE_BYTES) must be a positive number of bytes, e.g. 4194304")
		return 2
	}
	deps := &tools.Deps{Session: rt.sess, Logger: logger, CallTimeout: a.opts.callTimeout}
	srv := tools.NewServer(deps, Version())
	loop := transport.New(srv, a.Stdin, a.Stdout, transport.Options{
		MaxLine: a.opts.maxMessage,
		// Every tool but the offline one calls Notion: those wait their
		// turn, so that a burst of them never holds up ping, cancellation
		// or an offline call.
		Queued: func(tool string) bool { return !tools.Offline(tool) },
		Direct: tools.DirectHandler(deps, srv),
		Logger: logger,
	})
	deps.Notifier = loop

	stopped := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			logger.Info().Int("pending", loop.Pending()).Msg("signal received: finishing calls in flight, then exiting")
		case <-stopped:
		}
	}()
	defer close(stopped)

	logger.Info().Str("version", Version()).Int("max_message_bytes", a.opts.maxMessage).Msg("notion-mcp serving MCP on stdio")
	rt.sess.LogStartup()
	if err := loop.Serve(ctx); err != nil {
		logger.Error().Err(err).Msg("stdio loop ended with an error")
		return 1
	}
	logger.Info().Msg("input closed: exiting")
	return 0
}
