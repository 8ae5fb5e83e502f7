package tools

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"
)

// DefaultCallTimeout is the deadline of one tool call when Deps leaves it
// zero, and --call-timeout's default. It is under the 60 s after which the
// official MCP TypeScript SDK's clients give up on a request
// (DEFAULT_REQUEST_TIMEOUT_MSEC in its shared/protocol.ts), with room for
// the answer to arrive: a call that runs out of time is answered with what
// it found or why, rather than dropped by the client's own timeout.
const DefaultCallTimeout = 50 * time.Second

// overstay is how long a handler may run past its deadline before the call
// is answered without it: handlers stop on their context, so this only
// matters for a bug, and the answer must not wait on one.
const overstay = 2 * time.Second

// deadline gives every Notion-bound tool call a deadline. The handler runs under a
// context that ends at d; a call whose deadline passed says so; and if a
// handler ignores its context, the call is still answered at d plus
// overstay (the handler's goroutine is left to finish and is logged), so no
// call can hold a client or a worker for ever. Offline tools, which never
// block, run inline as they are.
func deadline(d time.Duration, log zerolog.Logger) server.ToolHandlerMiddleware {
	if d <= 0 {
		d = DefaultCallTimeout
	}
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if Offline(req.Params.Name) {
				// An offline tool never waits on anything and never reads
				// its context: it parses its bounded arguments (at most one
				// message line) and returns, in microseconds. It runs
				// inline, without a deadline context, goroutine or timer
				// per call; only a handler that may block needs them.
				return next(ctx, req)
			}
			cctx, cancel := context.WithTimeout(ctx, d)
			defer cancel()
			type answer struct {
				res *mcp.CallToolResult
				err error
			}
			done := make(chan answer, 1)
			go func() {
				res, err := next(cctx, req)
				done <- answer{res, err}
			}()
			timer := time.NewTimer(d + overstay)
			defer timer.Stop()
			select {
			case a := <-done:
				return deadlineAnswer(ctx, cctx, d, req, a.res, a.err)
			case <-timer.C:
				log.Error().Str("tool", req.Params.Name).Dur("deadline", d).Msg("a tool handler ignored its deadline; answered without it")
				return mcp.NewToolResultError(fmt.Sprintf("%s did not finish within its deadline of %s (--call-timeout); call again, or ask for less (a query or limit)",
					req.Params.Name, d)), nil
			}
		}
	}
}

// deadlineAnswer is a finished handler's answer: an error result of a call
// whose deadline (cctx, of length d, derived from ctx) passed says so.
func deadlineAnswer(ctx, cctx context.Context, d time.Duration, req mcp.CallToolRequest, res *mcp.CallToolResult, err error) (*mcp.CallToolResult, error) {
	if ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) && err == nil && res != nil && res.IsError {
		return mcp.NewToolResultError(fmt.Sprintf("%s did not finish within its deadline of %s (--call-timeout): %s",
			req.Params.Name, d, resultText(res))), nil
	}
	return res, err
}

// resultText is the first text content of a result.
func resultText(r *mcp.CallToolResult) string {
	for _, c := range r.Content {
		if t, ok := c.(mcp.TextContent); ok {
			return t.Text
		}
	}
	return ""
}
