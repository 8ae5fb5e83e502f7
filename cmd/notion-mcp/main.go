// Command notion-mcp is an MCP server (stdio) and CLI that gets a Notion
// integration working: it extracts IDs, validates the token, lists what the
// integration can see and diagnoses why an ID fails.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/notion-mcp/notion-mcp/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.IO{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
	})
	stop()
	os.Exit(code)
}
