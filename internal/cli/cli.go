// Package cli is notion-mcp's command line: flags and environment become a
// configuration, and each command calls the same code the MCP tools run.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/clients"
)

// IO is the process's environment, passed in so tests can run commands.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// options are the flags every command accepts.
type options struct {
	logLevel, logFormat, logFile string
	baseURL, notionVersion       string
	timeout                      time.Duration
	callTimeout                  time.Duration
	demo                         bool
	json                         bool
	version                      bool

	// command-specific
	markdown  bool
	query     string
	envFile   string
	envKey    string
	tokenEnv  string
	listen    string
	databases int
	limit     int
	pages     bool

	// clients and config
	client     string
	configFile string
	live       bool
	server     string
	goos       string
	command    string
}

type command struct {
	summary string
	run     func(ctx context.Context, a *app, args []string) int
}

var commands map[string]command

// serveUsage is serve's usage line; serve is the one command whose run is
// not a single call with a deadline.
const serveUsage = "notion-mcp [serve]"

func init() {
	commands = map[string]command{
		"serve": {"serve MCP over stdio (the default)", withRuntime(serveUsage, false, serve)},
		"id":    {"extract the Notion ID from links, IDs or pasted errors: id <input>…", runID},
		"tools": {"print the tool list (--markdown for the README, --json for tools/list)", runTools},
		"token": {"check the Notion token (like validate_token); exit 0 when valid",
			withRuntime("notion-mcp token [--env-file F [--env-key K]] [--token-env NAME] [--json]", false, runToken)},
		"databases": {"list the databases the integration can see (like list_shared_databases)",
			withRuntime("notion-mcp databases [--json] [--query Q] [--limit N] [--pages] [--notion-version V]", false, runDatabases)},
		"doctor": {"check the token, count shared databases and diagnose each target: doctor [link or ID…]",
			withRuntime("notion-mcp doctor [--json] [--demo] [link, ID or pasted error…]", true, runDoctor)},
		"sandbox": {"serve the built-in sandbox Notion API over HTTP: sandbox --listen 127.0.0.1:PORT", runSandbox},
		"clients": {"check the Notion servers in your MCP clients' configs; exit 0 when no error is found",
			withRuntime("notion-mcp clients [--json] [--live] [--client NAME] [--config FILE]", false, runClients)},
		"config":  {"print a working config entry for an MCP client: config CLIENT [--server official]", runConfig},
		"version": {"print the version", runVersion},
	}

}

// app is one invocation: its IO and options.
type app struct {
	IO
	opts options
}

func (a *app) env(name, fallback string) string {
	if v := a.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// Main runs the command line and returns the exit status.
func Main(ctx context.Context, args []string, io IO) int {
	if io.Getenv == nil {
		io.Getenv = os.Getenv
	}
	a := &app{IO: io}
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(a.Stderr, "notion-mcp: unknown command %q\n\n", name)
		a.usage(a.Stderr)
		return 2
	}
	pos, err := a.parse(name, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "notion-mcp: %v\n", err)
		return 2
	}
	if a.opts.version {
		return runVersion(ctx, a, nil)
	}
	return cmd.run(ctx, a, pos)
}

// parse reads flags placed anywhere among the positional arguments.
func (a *app) parse(name string, args []string) ([]string, error) {
	fs := flag.NewFlagSet("notion-mcp "+name, flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	o := &a.opts
	fs.StringVar(&o.logLevel, "log-level", a.env("NOTION_MCP_LOG_LEVEL", "info"), "log level: trace, debug, info, warn, error, disabled (env NOTION_MCP_LOG_LEVEL)")
	fs.StringVar(&o.logFormat, "log-format", "json", "log format: json or console")
	fs.StringVar(&o.logFile, "log-file", "", "append logs to this file instead of stderr")
	fs.StringVar(&o.baseURL, "base-url", a.env("NOTION_BASE_URL", ""), "Notion API base URL (env NOTION_BASE_URL; default https://api.notion.com)")
	fs.StringVar(&o.notionVersion, "notion-version", a.env("NOTION_VERSION", ""), "Notion-Version to send: 2022-06-28, 2025-09-03 (default) or 2026-03-11 (env NOTION_VERSION)")
	fs.DurationVar(&o.timeout, "timeout", 15*time.Second, "timeout of one Notion request")
	fs.DurationVar(&o.callTimeout, "call-timeout", time.Minute, "deadline of one tool call or command, retries and waits included")
	fs.BoolVar(&o.demo, "demo", a.Getenv("NOTION_MCP_DEMO") == "1", "use the built-in sandbox workspace instead of Notion (env NOTION_MCP_DEMO=1)")
	fs.BoolVar(&o.json, "json", false, "print JSON for scripts")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	switch name {
	case "tools":
		fs.BoolVar(&o.markdown, "markdown", false, "print the tool list as markdown")
	case "sandbox":
		fs.StringVar(&o.listen, "listen", "127.0.0.1:8787", "address to serve the sandbox on (loopback)")
		fs.IntVar(&o.databases, "databases", 0, "extra generated shared databases")
	}
	if name == "databases" {
		fs.StringVar(&o.query, "query", "", "only titles containing this text")
		fs.IntVar(&o.limit, "limit", 0, "at most this many databases (0: all)")
		fs.BoolVar(&o.pages, "pages", false, "also list shared top-level pages")
	}
	if name == "clients" {
		fs.StringVar(&o.client, "client", "", "only this client: "+strings.Join(clients.Names, ", "))
		fs.StringVar(&o.configFile, "config", "", "check this one config file instead of the usual places")
		fs.BoolVar(&o.live, "live", false, "also ask Notion whether each token works")
	}
	if name == "config" {
		fs.StringVar(&o.server, "server", "notion-mcp", "the server to configure: notion-mcp or official (@notionhq/notion-mcp-server)")
		fs.StringVar(&o.command, "command", "", "the command to put in the entry (default: this binary's absolute path)")
		fs.StringVar(&o.goos, "os", "", "print the form for this OS: darwin, linux or windows (default: this one)")
	}
	if name == "token" || name == "databases" || name == "doctor" {
		fs.StringVar(&o.envFile, "env-file", "", "read the token from this .env file")
		fs.StringVar(&o.envKey, "env-key", "", "variable to read in --env-file")
		fs.StringVar(&o.tokenEnv, "token-env", "", "read the token from this environment variable")
	}
	fs.Usage = func() { a.usage(a.Stderr); fmt.Fprintln(a.Stderr, "\nFlags:"); fs.PrintDefaults() }
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func (a *app) usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: notion-mcp [command] [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// withRuntime adapts a command that talks to Notion: it refuses positional
// arguments unless takesArgs, builds the logger and session, and closes them
// once the command is done.
func withRuntime(usage string, takesArgs bool, run func(context.Context, *app, *runtime, []string) int) func(context.Context, *app, []string) int {
	return func(ctx context.Context, a *app, args []string) int {
		if len(args) > 0 && !takesArgs {
			fmt.Fprintf(a.Stderr, "unexpected argument %q\nusage: %s\n", args[0], usage)
			return 2
		}
		rt, err := a.newRuntime()
		if err != nil {
			fmt.Fprintf(a.Stderr, "notion-mcp: %v\n", err)
			return 2
		}
		defer rt.close()
		if usage != serveUsage {
			// A command is one call: it gets the tools' deadline. serve
			// gives each of its calls that deadline instead.
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, a.opts.callTimeout)
			defer cancel()
		}
		return run(ctx, a, rt, args)
	}
}

func runVersion(_ context.Context, a *app, args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(a.Stderr, "unexpected argument %q\nusage: notion-mcp version [--json]\n", args[0])
		return 2
	}
	b := readBuildInfo()
	if a.opts.json {
		_, _ = a.Stdout.Write(b.json())
		return 0
	}
	fmt.Fprintf(a.Stdout, "notion-mcp %s\n", b.Version)
	return 0
}
