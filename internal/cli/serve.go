package cli

import (
	"context"
	"log"

	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/logging"
	"github.com/notion-mcp/notion-mcp/internal/stdio"
	"github.com/notion-mcp/notion-mcp/tools"
)

// serve serves MCP on stdin/stdout until EOF or a signal. Either way the
// requests already read are answered first (a signal allows a short grace
// period), and the exit status is 0. Tests call it with their own rt to
// keep a handle on its sandbox.
func serve(ctx context.Context, a *app, rt *runtime, _ []string) int {
	logger := rt.log

	conn := stdio.New(a.Stdin, a.Stdout, stdio.Options{})
	deps := &tools.Deps{Session: rt.sess, Logger: logger, Notifier: conn, CallTimeout: a.opts.callTimeout}
	srv := tools.NewServer(deps, Version())
	ss := server.NewStdioServer(srv)
	// mcp-go's default of 5 workers and a queue of 100 lets five slow Notion
	// calls (a 429 waited out) hold up every offline call behind them, and
	// a burst of pipelined calls overflow the queue onto the read loop.
	server.WithWorkerPoolSize(32)(ss)
	server.WithQueueSize(2000)(ss)
	ss.SetErrorLogger(log.New(logging.StdLogWriter{Logger: logger}, "", 0))

	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			logger.Info().Int64("pending", conn.Pending()).Msg("signal received: finishing calls in flight, then exiting")
			conn.Stop()
		case <-done:
		}
	}()

	logger.Info().Str("version", Version()).Msg("notion-mcp serving MCP on stdio")
	rt.sess.LogStartup()
	if err := ss.Listen(context.Background(), conn, conn); err != nil {
		logger.Error().Err(err).Msg("stdio loop ended with an error")
		return 1
	}
	logger.Info().Msg("input closed: exiting")
	return 0
}
