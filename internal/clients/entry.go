package clients

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// Servers an entry can be printed for.
const (
	ServerNotionMCP = "notion-mcp"
	ServerOfficial  = "official"
)

// Placeholder is what an entry holds where the token goes when the client
// cannot take it from a variable.
const Placeholder = "<your token>"

// EntryOptions say which entry to print.
type EntryOptions struct {
	Client  string // one of Names
	Server  string // ServerNotionMCP (default) or ServerOfficial
	GOOS    string // the OS the client runs on
	Command string // notion-mcp's absolute path
	Getenv  func(string) string
}

// Entry is a config entry to add to a client, with where it goes.
type Entry struct {
	Client string   `json:"client"`
	Server string   `json:"server"`
	Format string   `json:"format" jsonschema:"json, toml or shell (a command to run)."`
	Path   string   `json:"path,omitempty" jsonschema:"The file the entry goes in; empty for a command."`
	Text   string   `json:"entry"`
	Notes  []string `json:"notes"`
}

// ErrServer is returned for a server other than notion-mcp or official.
var ErrServer = errors.New("unknown server")

// MakeEntry builds a working config entry. The token is taken from a
// variable where the client expands one (VS Code asks for it), and is
// Placeholder where it cannot.
func MakeEntry(o EntryOptions) (*Entry, error) {
	if !known(o.Client) {
		return nil, fmt.Errorf("%w %s: use one of %s", ErrUnknownClient, safeName(o.Client), strings.Join(Names, ", "))
	}
	if o.Server == "" {
		o.Server = ServerNotionMCP
	}
	if o.Server != ServerNotionMCP && o.Server != ServerOfficial {
		return nil, fmt.Errorf("%w %s: use notion-mcp or official", ErrServer, safeName(o.Server))
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	e := &Entry{Client: o.Client, Server: o.Server, Format: "json", Notes: []string{}}
	for _, l := range Locations(o.GOOS, o.Getenv, "") {
		if l.Client == o.Client {
			e.Path = l.Path
			break
		}
	}
	// The token as this client can refer to it.
	ref, inline := map[string]string{
		VSCode: "${input:notion_token}", Cursor: "${env:NOTION_TOKEN}", Windsurf: "${env:NOTION_TOKEN}",
		ClaudeCode: "${NOTION_TOKEN}",
	}[o.Client], false
	if ref == "" {
		ref, inline = Placeholder, true
	}
	name, command, args := "notion-mcp", o.Command, []string{}
	env := map[string]string{varToken: ref}
	if o.Server == ServerOfficial {
		name, command, args = "notion", "npx", []string{"-y", officialPackage}
		if o.GOOS == "windows" {
			// npx is a .cmd script on Windows: clients start it through cmd.
			command, args = "cmd", append([]string{"/c", "npx"}, args...)
		}
		// OPENAPI_MCP_HEADERS is JSON inside the config: encoded once here,
		// then once more as the config's string value.
		h := marshal(map[string]string{"Authorization": "Bearer " + ref, "Notion-Version": minVersion}, "")
		env = map[string]string{varHeaders: h}
	}
	switch o.Client {
	case ClaudeCode:
		e.Format, e.Path = "shell", ""
		var b strings.Builder
		b.WriteString("claude mcp add " + name + " --scope user")
		for _, k := range sortedKeys(env) {
			b.WriteString(" --env " + shellQuote(k+"="+env[k]))
		}
		b.WriteString(" -- " + shellQuote(command))
		for _, a := range args {
			b.WriteString(" " + shellQuote(a))
		}
		e.Text = b.String()
		e.Notes = append(e.Notes, "Claude Code expands ${NOTION_TOKEN} from its environment when it starts the server: export NOTION_TOKEN in your shell profile (the single quotes keep your shell from expanding it now).",
			"Use --scope project instead to write the project's .mcp.json, shared with the repository (the token stays in the environment).")
	case Codex:
		e.Format = "toml"
		var b strings.Builder
		fmt.Fprintf(&b, "[mcp_servers.%s]\ncommand = %s\n", name, tomlQuote(command))
		if len(args) > 0 {
			q := make([]string, len(args))
			for i, a := range args {
				q[i] = tomlQuote(a)
			}
			fmt.Fprintf(&b, "args = [%s]\n", strings.Join(q, ", "))
		}
		if o.Server == ServerNotionMCP {
			b.WriteString("env_vars = [\"NOTION_TOKEN\"]\n")
			e.Notes = append(e.Notes, "env_vars forwards NOTION_TOKEN from the environment Codex starts in: export it in your shell profile.")
		} else {
			fmt.Fprintf(&b, "env = { %s = %s }\n", varHeaders, tomlQuote(env[varHeaders]))
			e.Notes = append(e.Notes, "Codex passes env values as written: replace "+Placeholder+" with the token (the server reads OPENAPI_MCP_HEADERS, which cannot refer to a variable).")
		}
		e.Text = strings.TrimSuffix(b.String(), "\n")
	default:
		server := map[string]any{"command": command}
		if len(args) > 0 {
			server["args"] = args
		}
		server["env"] = env
		top := map[string]any{}
		if o.Client == VSCode {
			server["type"] = "stdio"
			top["inputs"] = []map[string]any{{"type": "promptString", "id": "notion_token", "description": "Notion integration secret", "password": true}}
			top["servers"] = map[string]any{name: server}
			e.Notes = append(e.Notes, "VS Code asks for the token once (input notion_token) and stores it outside the file; this also works as .vscode/mcp.json in a project.")
		} else {
			top["mcpServers"] = map[string]any{name: server}
		}
		e.Text = marshal(top, "  ")
		e.Notes = append(e.Notes, fmt.Sprintf("Merge it into the file's \"%s\" object if the file exists, then restart %s.", map[bool]string{true: "servers", false: "mcpServers"}[o.Client == VSCode], Titles[o.Client]))
		if o.Client == ClaudeDesktop && o.GOOS == "windows" {
			// See msix.go.
			e.Notes = append(e.Notes, `Installed as an MSIX package (the Windows installer since February 2026), Claude Desktop reads %LOCALAPPDATA%\Packages\Claude_<id>\LocalCache\Roaming\Claude\claude_desktop_config.json instead, and ignores this file: notion-mcp clients says which file yours reads.`)
		}
		switch {
		case inline:
			e.Notes = append(e.Notes, fmt.Sprintf("%s does not expand variables in its config: replace %s with the token, copied from your connection's Configuration tab in %s.", Titles[o.Client], Placeholder, token.Portal))
		case o.Client == Cursor || o.Client == Windsurf:
			e.Notes = append(e.Notes, fmt.Sprintf("%s expands ${env:NOTION_TOKEN} from the environment it starts in; set NOTION_TOKEN there, or replace the reference with the token.", Titles[o.Client]))
		}
	}
	if o.Server == ServerNotionMCP && o.Command == "notion-mcp" {
		e.Notes = append(e.Notes, "The command is notion-mcp without a folder: make sure the client's PATH has it, or pass --command with its absolute path.")
	}
	return e, nil
}

// marshal encodes v as JSON without escaping <, > and &, which would turn
// the placeholder into \u003cyour token\u003e.
func marshal(v any, indent string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

// shellQuote quotes s for a POSIX shell (and PowerShell): single quotes,
// which also keep ${…} from being expanded.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./@:=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
