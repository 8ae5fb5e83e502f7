package tools

import (
	"context"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Notifier writes a notification to the client and returns once it is
// written, so it reaches the client before the call's result. The stdio
// connection implements it; without one, notifications go through mcp-go's
// queue, which gives no such ordering.
type Notifier interface {
	WriteMessage(ctx context.Context, msg any) error
}

type notification struct {
	JSONRPC string         `json:"jsonrpc"`
	Method  string         `json:"method"`
	Params  map[string]any `json:"params"`
}

// progressFunc returns a callback that reports progress for req, or nil
// when the client asked for none (no progressToken).
func (d *Deps) progressFunc(ctx context.Context, req mcp.CallToolRequest, what string) func(int) {
	if req.Params.Meta == nil || req.Params.Meta.ProgressToken == nil {
		return nil
	}
	tok := req.Params.Meta.ProgressToken
	last := -1
	return func(n int) {
		if n <= last { // progress must increase
			return
		}
		last = n
		params := map[string]any{"progressToken": tok, "progress": n, "message": fmt.Sprintf("%d %s so far", n, what)}
		if d.Notifier != nil {
			err := d.Notifier.WriteMessage(ctx, notification{JSONRPC: mcp.JSONRPC_VERSION, Method: string(mcp.MethodNotificationProgress), Params: params})
			if err != nil {
				d.Logger.Debug().Err(err).Msg("progress notification not written")
			}
			return
		}
		if srv := server.ServerFromContext(ctx); srv != nil {
			if err := srv.SendNotificationToClient(ctx, string(mcp.MethodNotificationProgress), params); err != nil {
				d.Logger.Debug().Err(err).Msg("progress notification dropped")
			}
		}
	}
}
