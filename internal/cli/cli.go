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
	"strconv"
	"strings"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/clients"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/termsafe"
	"github.com/notion-mcp/notion-mcp/internal/transport"
	"github.com/notion-mcp/notion-mcp/tools"
)

// IO is the process's environment, passed in so tests can run commands.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Terminal reports whether Stderr is a terminal (progress lines are
	// drawn only then); nil: asked of the operating system.
	Terminal func() bool
	// Clock times the Notion clients' retry waits (backoff, Retry-After);
	// nil: real time. Tests that run commands against failing fake APIs
	// pass one whose waits end at once.
	Clock notion.Clock
}

// options are the flags every command accepts.
type options struct {
	logLevel, logFormat, logFile string
	baseURL, notionVersion       string
	timeout                      time.Duration
	callTimeout                  time.Duration
	maxMessage                   int
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
	faults    []string
	limit     int
	pages     bool

	// clients and config
	client      string
	configFile  string
	live        bool
	server      string
	goos        string
	command     string
	allowRemote bool
}

type command struct {
	summary string
	usage   string // after "notion-mcp "
	min     int    // fewest positional arguments
	max     int    // most positional arguments; -1: any number
	inputs  bool   // its arguments are pasted text: "- https://…" is one, not a flag
	run     func(ctx context.Context, a *app, args []string) int
}

var commands map[string]command

// order is the order help lists the commands in: what a newcomer runs first.
var order = []string{"doctor", "id", "token", "databases", "clients", "config", "sandbox", "serve", "tools", "version", "help"}

func init() {
	commands = map[string]command{
		"serve": {"serve MCP over stdio (what MCP clients start; the default)", "[serve]", 0, 0, false, withRuntimeOf(true, serve)},
		"id": {"extract the Notion ID from links, IDs or pasted errors; exit 1 when one has none",
			"id [--json] <link, ID or pasted error>…", 1, -1, true, runID},
		"tools": {"print the tool definitions (--markdown for the README, --json for tools/list)", "tools [--markdown | --json]", 0, 0, false, runTools},
		"token": {"check the Notion token like validate_token; exit 0 when valid",
			"token [--json] [--env-file FILE [--env-key NAME]] [--token-env NAME]", 0, 0, false, withRuntime(runToken)},
		"databases": {"list the databases the integration can see, like list_shared_databases",
			"databases [--json] [--query TEXT] [--limit N] [--pages] [--notion-version V]", 0, 0, false, withRuntime(runDatabases)},
		"doctor": {"check the token, count shared databases and diagnose each link or ID; exit 0 when all is accessible",
			"doctor [--json] [--demo] [link, ID or pasted error…]", 0, -1, true, withRuntime(runDoctor)},
		"sandbox": {"serve the built-in sandbox Notion API over HTTP, for curl or the Notion SDK",
			"sandbox [--listen 127.0.0.1:PORT] [--databases N] [--fault KIND[:PATH]] [--allow-remote]", 0, 0, false, runSandbox},
		"clients": {"check the Notion servers in your MCP clients' configs; exit 0 when no error is found",
			"clients [--json] [--live] [--client NAME] [--config FILE]", 0, 0, false, withRuntime(runClients)},
		"config": {"print a working config entry for an MCP client (writes nothing)",
			"config CLIENT [--server official] [--command PATH] [--os OS] [--json]   (CLIENT: " + strings.Join(clients.Names, ", ") + ")", 1, 1, false, runConfig},
		"version": {"print the version", "version [--json]", 0, 0, false, runVersion},
		"help":    {"say how to use notion-mcp or one of its commands", "help [COMMAND]", 0, 1, false, runHelp},
	}
}

// app is one invocation: its IO and options.
type app struct {
	IO
	opts options
}

// envInt reads an integer from the environment, or fallback; a value that
// is not a number reads as 0, which the command then refuses.
func (a *app) envInt(name string, fallback int) int {
	v := a.Getenv(name)
	if v == "" {
		return fallback
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0
	}
	return n
}

func (a *app) env(name, fallback string) string {
	if v := a.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// Main runs the command line and returns the exit status: 0 done, 1 the
// check found a problem, 2 the command was not used right.
func Main(ctx context.Context, args []string, io IO) int {
	if io.Getenv == nil {
		io.Getenv = os.Getenv
	}
	a := &app{IO: io}
	name, named := "serve", false
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args, named = args[0], args[1:], true
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(a.Stderr, "notion-mcp: unknown command %s\nRun `notion-mcp help` for the list of commands.\n", quoteArg(name))
		return 2
	}
	pos, err := a.parse(name, args)
	if errors.Is(err, flag.ErrHelp) {
		if !named {
			name = "" // notion-mcp -h: every command
		}
		a.help(a.Stdout, name)
		return 0
	}
	if err != nil {
		return a.usageError(name, err.Error(), "notion-mcp "+cmd.usage)
	}
	if a.opts.version && name != "version" {
		return runVersion(ctx, a, nil)
	}
	switch {
	case len(pos) < cmd.min:
		want := "an argument"
		if name == "config" {
			want = "the client"
		}
		return a.usageError(name, "missing "+want, "notion-mcp "+cmd.usage)
	case cmd.max >= 0 && len(pos) > cmd.max:
		return a.usageError(name, "unexpected argument "+quoteArg(pos[cmd.max]), "notion-mcp "+cmd.usage)
	}
	return cmd.run(ctx, a, pos)
}

// usageError reports a mistake in how a command was called, the same way
// for every command: what was wrong, then its usage line; status 2.
func (a *app) usageError(cmd, msg, usage string) int {
	if cmd == "serve" {
		cmd = ""
	} else {
		cmd = " " + cmd
	}
	fmt.Fprintf(a.Stderr, "notion-mcp%s: %s\nusage: %s\nRun `notion-mcp help%s` for every flag.\n", cmd, msg, usage, cmd)
	return 2
}

// quoteArg quotes an argument for a message, unless it could be a token
// pasted in the wrong place.
func quoteArg(s string) string {
	if len(s) > 60 || strings.Contains(s, "ntn_") || strings.Contains(s, "secret_") {
		return "(a long value, not shown)"
	}
	return strconv.Quote(s)
}

// parse reads flags placed anywhere among the positional arguments. "--"
// ends the flags; for commands that take pasted text, an argument that
// starts with "-" but is not a flag (a markdown bullet "- https://…") is an
// input.
func (a *app) parse(name string, args []string) ([]string, error) {
	fs := a.flags(name)
	var pos []string
	for len(args) > 0 {
		arg := args[0]
		switch {
		case arg == "--":
			return append(pos, args[1:]...), nil
		case !strings.HasPrefix(arg, "-") || arg == "-" || commands[name].inputs && !flagShaped(arg):
			pos = append(pos, arg)
			args = args[1:]
			continue
		}
		// The flag package would read a pasted "- https://…" after a flag
		// as a flag too: give it only up to the next such input.
		k := len(args)
		for i := 1; i < len(args) && commands[name].inputs; i++ {
			if args[i] != "--" && strings.HasPrefix(args[i], "-") && !flagShaped(args[i]) {
				k = i
				break
			}
		}
		if err := fs.Parse(args[:k]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagError(err)
		}
		consumed := k - len(fs.Args())
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, args[consumed:]...), nil
		}
		args = args[consumed:]
	}
	return pos, nil
}

// flagShaped reports whether arg looks like a flag: dashes, then a name of
// letters, digits and dashes, optionally "=value".
func flagShaped(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if len(arg)-len(name) > 2 || name == "" {
		return false
	}
	if i := strings.IndexByte(name, '='); i >= 0 {
		name = name[:i]
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return name != ""
}

// flagError rewrites the flag package's messages the way people type flags.
func flagError(err error) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Errorf("unknown flag %s", quoteArg("--"+strings.TrimLeft(rest, "-")))
	}
	msg = strings.Replace(msg, "flag -", "flag --", 1)
	msg = strings.Replace(msg, "flag needs an argument: -", "flag needs an argument: --", 1)
	return errors.New(msg)
}

// flags builds the flag set of a command.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("notion-mcp "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by Main
	fs.Usage = func() {}
	o := &a.opts
	fs.StringVar(&o.logLevel, "log-level", a.env("NOTION_MCP_LOG_LEVEL", "info"), "log level: trace, debug, info, warn, error, disabled (env NOTION_MCP_LOG_LEVEL)")
	fs.StringVar(&o.logFormat, "log-format", "json", "log format: json or console")
	fs.StringVar(&o.logFile, "log-file", "", "append logs to this file instead of stderr")
	fs.StringVar(&o.baseURL, "base-url", a.env("NOTION_BASE_URL", ""), "Notion API base URL (env NOTION_BASE_URL; default https://api.notion.com)")
	fs.StringVar(&o.notionVersion, "notion-version", a.env("NOTION_VERSION", ""), "Notion-Version to send: 2022-06-28, 2025-09-03 (default) or 2026-03-11 (env NOTION_VERSION)")
	fs.DurationVar(&o.timeout, "timeout", 15*time.Second, "timeout of one Notion request")
	fs.DurationVar(&o.callTimeout, "call-timeout", tools.DefaultCallTimeout, "deadline of one tool call or command, retries and waits included")
	fs.BoolVar(&o.demo, "demo", a.Getenv("NOTION_MCP_DEMO") == "1", "use the built-in sandbox workspace and its demo token instead of Notion (env NOTION_MCP_DEMO=1)")
	fs.BoolVar(&o.json, "json", false, "print JSON for scripts")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	switch name {
	case "serve":
		fs.IntVar(&o.maxMessage, "max-message-bytes", a.envInt("NOTION_MCP_MAX_MESSAGE_BYTES", transport.DefaultMaxLine), "longest JSON-RPC message line accepted; a longer one is answered with an error and skipped (env NOTION_MCP_MAX_MESSAGE_BYTES)")
	case "tools":
		fs.BoolVar(&o.markdown, "markdown", false, "print the tool list as markdown")
	case "sandbox":
		fs.StringVar(&o.listen, "listen", "127.0.0.1:8787", "address to serve the sandbox on (loopback unless --allow-remote)")
		fs.IntVar(&o.databases, "databases", 0, "extra generated shared databases")
		fs.BoolVar(&o.allowRemote, "allow-remote", false, "allow --listen on an address other computers can reach")
		fs.Func("fault", "make matching requests fail: KIND[:PATH_PREFIX], e.g. 529 or html_403:/v1/pages (repeatable; for testing clients)", func(s string) error {
			if _, err := sandbox.ParseFault(s); err != nil {
				return err
			}
			o.faults = append(o.faults, s)
			return nil
		})
	case "databases":
		fs.StringVar(&o.query, "query", "", "only titles containing this text")
		fs.IntVar(&o.limit, "limit", 0, "at most this many databases (0: all)")
		fs.BoolVar(&o.pages, "pages", false, "also list the top-level shared pages (not those inside another listed page)")
	case "clients":
		fs.StringVar(&o.client, "client", "", "only this client: "+strings.Join(clients.Names, ", "))
		fs.StringVar(&o.configFile, "config", "", "check this one config file instead of the usual places")
		fs.BoolVar(&o.live, "live", false, "also ask Notion whether each token works")
	case "config":
		fs.StringVar(&o.server, "server", "notion-mcp", "the server to configure: notion-mcp or official (@notionhq/notion-mcp-server)")
		fs.StringVar(&o.command, "command", "", "the command to put in the entry (default: this binary's absolute path)")
		fs.StringVar(&o.goos, "os", "", "print the form for this OS: darwin, linux or windows (default: this one)")
	}
	if name == "token" || name == "databases" || name == "doctor" {
		fs.StringVar(&o.envFile, "env-file", "", "read the token from this .env file")
		fs.StringVar(&o.envKey, "env-key", "", "variable to read in --env-file")
		fs.StringVar(&o.tokenEnv, "token-env", "", "read the token from this environment variable")
	}
	return fs
}

// common are the flags every command takes, listed apart in help.
var common = map[string]bool{"log-level": true, "log-format": true, "log-file": true, "base-url": true,
	"notion-version": true, "timeout": true, "call-timeout": true, "demo": true, "json": true, "version": true}

// metavars name the value each flag takes, in help.
var metavars = map[string]string{"env-file": "FILE", "env-key": "NAME", "token-env": "NAME", "base-url": "URL", "log-file": "FILE",
	"log-format": "FORMAT", "log-level": "LEVEL", "notion-version": "VERSION", "query": "TEXT", "limit": "N", "listen": "HOST:PORT",
	"databases": "N", "fault": "KIND[:PATH]", "client": "NAME", "config": "FILE", "server": "SERVER", "command": "PATH", "os": "OS"}

// help prints how to use name ("" or "help": all commands).
func (a *app) help(w io.Writer, name string) {
	if name == "" || name == "help" {
		fmt.Fprintln(w, "notion-mcp: get a Notion integration working (an MCP server and this command line).")
		fmt.Fprintln(w, "\nUsage: notion-mcp COMMAND [flags] [arguments]")
		fmt.Fprintln(w, "\nCommands:")
		for _, n := range order {
			fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
		}
		fmt.Fprintln(w, "\nStart with `notion-mcp doctor --demo` (no token needed), then `notion-mcp doctor <link>`.")
		fmt.Fprintln(w, "`notion-mcp help COMMAND` or `notion-mcp COMMAND -h` shows a command's flags.")
		return
	}
	cmd := commands[name]
	fmt.Fprintf(w, "notion-mcp %s: %s\n\nUsage: notion-mcp %s\n", name, cmd.summary, cmd.usage)
	fs := a.flags(name)
	for _, part := range []struct {
		title  string
		common bool
	}{{"Flags", false}, {"Common flags", true}} {
		var b strings.Builder
		fs.VisitAll(func(f *flag.Flag) {
			if common[f.Name] != part.common {
				return
			}
			arg, usage := flag.UnquoteUsage(f)
			head := "--" + f.Name
			if arg != "" {
				if m := metavars[f.Name]; m != "" {
					arg = m
				}
				head += " " + strings.ToUpper(arg)
			}
			def := ""
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
				def = " (default " + f.DefValue + ")"
			}
			fmt.Fprintf(&b, "  %-25s %s%s\n", head, usage, def)
		})
		if b.Len() > 0 {
			fmt.Fprintf(w, "\n%s:\n%s", part.title, b.String())
		}
	}
}

func runHelp(_ context.Context, a *app, args []string) int {
	if len(args) == 0 {
		a.help(a.Stdout, "")
		return 0
	}
	if _, ok := commands[args[0]]; !ok {
		fmt.Fprintf(a.Stderr, "notion-mcp help: unknown command %s\nRun `notion-mcp help` for the list of commands.\n", quoteArg(args[0]))
		return 2
	}
	a.help(a.Stdout, args[0])
	return 0
}

// withRuntime adapts a command that talks to Notion: it builds the logger
// and session, and closes them once the command is done. Every command but
// serve is one call with the tools' deadline; serve gives each of its
// calls that deadline instead.
func withRuntime(run func(context.Context, *app, *runtime, []string) int) func(context.Context, *app, []string) int {
	return withRuntimeOf(false, run)
}

func withRuntimeOf(isServe bool, run func(context.Context, *app, *runtime, []string) int) func(context.Context, *app, []string) int {
	return func(ctx context.Context, a *app, args []string) int {
		rt, err := a.newRuntime()
		if err != nil {
			fmt.Fprintf(a.Stderr, "notion-mcp: %v\n", err)
			return 2
		}
		defer rt.close()
		if !isServe {
			// A command is one call: it gets the tools' deadline, and its
			// output the redaction tool results get. serve gives each of
			// its calls that deadline, and its stdout is JSON-RPC whose
			// results are redacted one by one.
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, a.opts.callTimeout)
			defer cancel()
			if a.Terminal == nil {
				// Decided on the real stderr, before it is wrapped.
				term := a.stderrIsTerminal()
				a.Terminal = func() bool { return term }
			}
			var stdout io.Writer = a.Stdout
			if !a.opts.json {
				// Human output: no string from Notion or a config file
				// may act on the terminal (JSON escapes them itself).
				stdout = termsafe.Writer(stdout)
			}
			out := &lineRedactor{red: rt.sess.Redactor(), w: stdout}
			errs := &lineRedactor{red: rt.sess.Redactor(), w: a.Stderr}
			a.Stdout, a.Stderr = out, errs
			defer out.Flush()
			defer errs.Flush()
		}
		return run(ctx, a, rt, args)
	}
}

func runVersion(_ context.Context, a *app, _ []string) int {
	b := readBuildInfo()
	if a.opts.json {
		_, _ = a.Stdout.Write(b.json())
		return 0
	}
	fmt.Fprintf(a.Stdout, "notion-mcp %s\n", b.Version)
	return 0
}
