// Command baremcpgo is the floor notion-mcp is measured against in
// `make bench`: a bare mcp-go stdio server, with mcp-go's defaults, serving
// one trivial tool, echo, that returns its input as text. It has no logger,
// no session and nothing built at start beyond what mcp-go itself does.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("baremcpgo", "1", server.WithToolCapabilities(false))
	s.AddTool(mcp.NewTool("echo", mcp.WithDescription("Return the input."), mcp.WithString("input")),
		func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return mcp.NewToolResultText(req.GetString("input", "")), nil
		})
	if err := server.ServeStdio(s); err != nil {
		fmt.Fprintln(os.Stderr, "baremcpgo:", err)
		os.Exit(1)
	}
}
