package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
)

// structured adapts a typed handler: arguments are bound to A, the result
// is both structuredContent and its JSON text, and a returned error becomes
// an isError result the model can read and act on. Argument shapes are
// checked here, so every problem names the argument.
func structured[A, R any](fn func(context.Context, mcp.CallToolRequest, A) (R, error)) server.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		args, err := bindArgs[A](req.Params.Name, req.Params.Arguments, req.Params.RawArguments)
		if err != nil {
			return mcp.NewToolResultError(err.Error()), nil
		}
		res, err := fn(ctx, req, args)
		if err != nil {
			return mcp.NewToolResultError(err.Error()), nil
		}
		text, err := json.Marshal(res)
		if err != nil {
			return nil, fmt.Errorf("encode %s result: %w", req.Params.Name, err)
		}
		// The result is encoded once: the same bytes are the text and the
		// structuredContent (as StructuredContent, which the redaction
		// middleware reads, not RawStructuredContent, which it does not),
		// marked as encoding/json's own output so that the stdio loop
		// writes them as they are.
		return mcp.NewToolResultStructured(rawjson.Compact(text), string(text)), nil
	}
}

// recovery turns a handler panic into a JSON-RPC internal error. Neither the
// panic value nor the stack reach the client: they may hold user data. The
// log gets them, through the log's redaction.
func recovery(log zerolog.Logger) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, err error) {
			defer func() {
				if r := recover(); r != nil {
					log.Error().Str("tool", req.Params.Name).Str("panic", fmt.Sprint(r)).
						Bytes("stack", debug.Stack()).Msg("tool handler panicked")
					res, err = nil, fmt.Errorf("internal error in %s (a bug: the server log has details); the server keeps serving", req.Params.Name)
				}
			}()
			return next(ctx, req)
		}
	}
}
