package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/clients"
)

// runConfig prints a working config entry for a client; it writes nothing.
func runConfig(_ context.Context, a *app, args []string) int {
	goos := a.opts.goos
	if goos == "" {
		goos = goruntime.GOOS
	}
	command := a.opts.command
	if strings.Contains(command, "ntn_") || strings.Contains(command, "secret_") {
		return a.usageError("config", "--command looks like a token, not a path: give the path of notion-mcp", "notion-mcp "+commands["config"].usage)
	}
	var notes []string
	if command == "" {
		command = "notion-mcp"
		if exe, err := os.Executable(); err == nil {
			if p, err := filepath.EvalSymlinks(exe); err == nil {
				exe = p
			}
			command = exe
			if strings.Contains(exe, "go-build") {
				notes = append(notes, "This binary is a temporary `go run` build: install notion-mcp (go install …/cmd/notion-mcp@latest) and run `notion-mcp config` again, or pass --command.")
			}
		}
		if goos != goruntime.GOOS {
			command = "notion-mcp"
		}
	}
	getenv := a.Getenv
	if goos != goruntime.GOOS {
		// Another OS's folders, written the way its users know them.
		getenv = func(k string) string {
			return map[string]string{"HOME": "~", "USERPROFILE": "%USERPROFILE%", "APPDATA": "%APPDATA%"}[k]
		}
	}
	e, err := clients.MakeEntry(clients.EntryOptions{Client: args[0], Server: a.opts.server, GOOS: goos, Command: command, Getenv: getenv})
	switch {
	case errors.Is(err, clients.ErrUnknownClient):
		return a.usageError("config", err.Error(), "notion-mcp "+commands["config"].usage)
	case errors.Is(err, clients.ErrServer):
		return a.usageError("config", "--server: "+err.Error(), "notion-mcp "+commands["config"].usage)
	case err != nil:
		fmt.Fprintf(a.Stderr, "notion-mcp config: %v\n", err)
		return 2
	}
	e.Notes = append(e.Notes, notes...)
	if a.opts.json {
		writeJSON(a.Stdout, []any{e}, true)
		return 0
	}
	// The entry alone on stdout, so it can be piped; where it goes and
	// the notes on stderr.
	switch {
	case e.Format == "shell":
		fmt.Fprintf(a.Stderr, "Run this to add the server to %s:\n", clients.Titles[e.Client])
	default:
		path := e.Path
		if home := getenv("HOME"); home != "" && home != "~" && strings.HasPrefix(path, home+"/") {
			path = "~" + path[len(home):]
		}
		fmt.Fprintf(a.Stderr, "Add this to %s's config, %s:\n", clients.Titles[e.Client], printable(path))
	}
	fmt.Fprintln(a.Stdout, e.Text)
	for _, n := range e.Notes {
		fmt.Fprintf(a.Stderr, "- %s\n", n)
	}
	fmt.Fprintf(a.Stderr, "Then check it: notion-mcp clients --client %s\n", e.Client)
	return 0
}
