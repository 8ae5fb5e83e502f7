// Package clients finds the MCP client configurations on this machine (Claude
// Desktop, Claude Code, Cursor, VS Code, Windsurf, Codex), picks out the
// Notion servers configured in them and says what is wrong with each: the
// token never reaching the server is the commonest Notion MCP failure, and it
// happens in these files. It only reads: it never writes a config, and a
// token found in one appears only as a fingerprint.
package clients

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// Client names, as --client and the config command take them.
const (
	ClaudeDesktop = "claude-desktop"
	ClaudeCode    = "claude-code"
	Cursor        = "cursor"
	VSCode        = "vscode"
	Windsurf      = "windsurf"
	Codex         = "codex"
)

// Names lists every client, in the order reports use.
var Names = []string{ClaudeDesktop, ClaudeCode, Cursor, VSCode, Windsurf, Codex}

// Titles are the clients' names for people.
var Titles = map[string]string{
	ClaudeDesktop: "Claude Desktop", ClaudeCode: "Claude Code", Cursor: "Cursor",
	VSCode: "VS Code", Windsurf: "Windsurf", Codex: "Codex", "": "the client",
}

// Config statuses.
const (
	StatusOK      = "ok"
	StatusMissing = "missing"
	StatusInvalid = "invalid"
)

// Server kinds.
const (
	KindOfficial  = "official"   // @notionhq/notion-mcp-server or its Docker image mcp/notion
	KindNotionMCP = "notion-mcp" // this program
	KindHosted    = "hosted"     // https://mcp.notion.com, OAuth
	KindCommunity = "community"  // a community server recognised by package name
)

// Kinds lists every server kind, for the tool's output schema.
var Kinds = []string{KindOfficial, KindNotionMCP, KindHosted, KindCommunity}

// Token statuses.
const (
	TokenOK          = "ok"          // present and well-formed (not checked with Notion)
	TokenMissing     = "missing"     // no variable the server reads is set
	TokenPlaceholder = "placeholder" // an example value
	TokenUnexpanded  = "unexpanded"  // a ${…} the client passes on literally
	TokenMalformed   = "malformed"   // quotes, spaces, Bearer, wrong length…
	TokenPrompted    = "prompted"    // VS Code asks for it (${input:…}); nothing to check
	TokenOAuth       = "oauth"       // hosted server: the client signs in
	TokenValid       = "valid"       // --live: Notion accepted it
	TokenInvalid     = "invalid"     // --live: Notion rejected it
)

// Severities.
const (
	SevError   = "error"
	SevWarning = "warning"
	SevInfo    = "info"
)

// Report is the result of a check: one entry per config file looked at.
type Report struct {
	Configs []Config `json:"configs"`
}

// Config is one config file.
type Config struct {
	Client   string    `json:"client" jsonschema:"claude-desktop, claude-code, cursor, vscode, windsurf or codex."`
	Path     string    `json:"path"`
	Status   string    `json:"status" jsonschema:"ok, missing (no such file) or invalid (not valid JSON/TOML)."`
	Servers  []Server  `json:"servers" jsonschema:"The Notion servers configured in the file; other servers are left out."`
	Problems []Problem `json:"problems,omitempty" jsonschema:"Problems with the file itself."`

	ignored bool // a file the client does not read (config_not_read): left out of duplicate_notion_servers
}

// Server is one Notion server entry.
type Server struct {
	Name     string    `json:"name" jsonschema:"The entry's name; a per-project entry of ~/.claude.json ends with its project."`
	Kind     string    `json:"kind"`
	Token    TokenInfo `json:"token"`
	Problems []Problem `json:"problems"`

	tok       *token.Token // the cleaned token, for --live and duplicates; prints as a fingerprint
	workspace string       // --live: the token's workspace
}

// TokenInfo says where the server's token comes from, never what it is.
type TokenInfo struct {
	Source      string `json:"source" jsonschema:"e.g. env.NOTION_TOKEN, env.OPENAPI_MCP_HEADERS, input:notion_token, oauth; empty when none."`
	Fingerprint string `json:"fingerprint" jsonschema:"e.g. ntn_…a1B2; never the token."`
	Status      string `json:"status" jsonschema:"ok, missing, placeholder, unexpanded, malformed, prompted, oauth, valid or invalid."`
}

// Problem is one finding, with a stable code.
type Problem struct {
	Code     string `json:"code"`
	Severity string `json:"severity" jsonschema:"error, warning or info."`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// Errors reports whether any problem in the report is an error.
func (r *Report) Errors() bool {
	for _, c := range r.Configs {
		for _, p := range c.Problems {
			if p.Severity == SevError {
				return true
			}
		}
		for _, s := range c.Servers {
			for _, p := range s.Problems {
				if p.Severity == SevError {
					return true
				}
			}
		}
	}
	return false
}

// LiveResult is what a live token check found.
type LiveResult struct {
	Status      string // "valid", "invalid", or another tokencheck status
	Integration string
	Kind        string // token kind: internal, legacy_internal, unrecognised
	Workspace   string
	WorkspaceID string
	Summary     string // said when the status is neither valid nor invalid
	Sandbox     bool   // answered by the built-in sandbox, not Notion
}

// Options say where to look and how. Paths come from the environment passed
// in, never from the process, so tests run with a fake HOME.
type Options struct {
	GOOS       string              // runtime.GOOS, or another for tests
	Getenv     func(string) string // HOME, APPDATA, XDG_CONFIG_HOME, CODEX_HOME, PATH, and ${VAR} expansion
	ProjectDir string              // for project-level files (.mcp.json, .vscode/mcp.json, …)
	Client     string              // only this client ("" for all)
	File       string              // check this one file instead of the usual places
	Live       bool                // check each token with Notion
	// Check is the live check (GET /v1/users/me); required with Live.
	Check func(ctx context.Context, t *token.Token) LiveResult
	// Secret registers every value read from a config that may be a secret
	// with the log redactor.
	Secret func(string)
	// FromTool: File comes from a tool call (untrusted): it must be named
	// like a config (.json or .toml), and every refusal reads the same.
	FromTool bool
	// ReadDir lists a folder's entry names, for the packaged Claude
	// Desktop's folder on Windows (msixConfigs); nil reads the disk.
	ReadDir func(dir string) ([]string, error)
}

// checkFileArg refuses a File that cannot be read before anything else is
// done. Through a tool, the answer is the same whatever the reason, so that
// it says nothing about what exists on this computer.
func checkFileArg(o Options) error {
	ext := strings.ToLower(filepath.Ext(o.File))
	_, err := token.ReadRegularFile(o.File, maxConfigBytes)
	if o.FromTool && (err != nil || ext != ".json" && ext != ".toml" || len(o.File) > 4096) {
		return fmt.Errorf("%w: config %s was not read. Through a tool, config must name an existing, readable regular .json or .toml file "+
			"of at most %d MiB outside /dev, /proc and /sys. This answer is the same whether or not the path exists; "+
			"run `notion-mcp clients --config PATH` in a terminal for details", ErrNoFile, SafePath(o.File), maxConfigBytes>>20)
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %s", ErrNoFile, SafePath(o.File), token.DescribeFileError(err))
	}
	return nil
}

// Errors of Check about its options.
var (
	// ErrUnknownClient: a client name that is not in Names.
	ErrUnknownClient = errors.New("unknown client")
	// ErrNoFile: the file to check cannot be found.
	ErrNoFile = errors.New("cannot read the config file")
)

// safeName quotes a name given on the command line unless it could be a
// secret pasted in the wrong place.
func safeName(s string) string {
	if len(s) > 40 || token.ShapedRun.MatchString(s) || strings.ContainsAny(s, " \t\n\"'") {
		return "(a value that may be a token; not shown)"
	}
	return fmt.Sprintf("%q", s)
}

// SafePath is path with anything shaped like a token in it replaced by its
// fingerprint: a token pasted where a path belongs must not be echoed.
func SafePath(path string) string {
	return token.ShapedRun.ReplaceAllStringFunc(path, token.Fingerprint)
}

// maxConfigBytes bounds how much of one config file is read: ~/.claude.json
// keeps project history and can reach megabytes.
const maxConfigBytes = 16 << 20

// Check finds and checks the configs o points at.
func Check(ctx context.Context, o Options) (*Report, error) {
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Secret == nil {
		o.Secret = func(string) {}
	}
	if o.Client != "" && !known(o.Client) {
		return nil, fmt.Errorf("%w %s: use one of %s", ErrUnknownClient, safeName(o.Client), strings.Join(Names, ", "))
	}
	if o.File != "" {
		if err := checkFileArg(o); err != nil {
			return nil, err
		}
	}
	var locs []Location
	var msix []string
	if o.File != "" {
		client := o.Client
		if client == "" {
			client = GuessClient(o.File)
		}
		locs = []Location{{Client: client, Path: o.File}}
	} else {
		locs = Locations(o.GOOS, o.Getenv, o.ProjectDir)
		// A packaged Claude Desktop's own config goes first: it is the
		// one that app reads.
		msix = msixConfigs(o)
		var extra []Location
		for _, m := range msix {
			extra = append(extra, Location{Client: ClaudeDesktop, Path: m})
		}
		locs = append(extra, locs...)
		if o.Client != "" {
			kept := locs[:0]
			for _, l := range locs {
				if l.Client == o.Client {
					kept = append(kept, l)
				}
			}
			locs = kept
		}
	}
	rep := &Report{Configs: []Config{}}
	for _, l := range locs {
		rep.Configs = append(rep.Configs, checkFile(l, o))
	}
	msixShadowed(rep, msix, claudeAppDataConfig(o))
	duplicates(rep)
	if o.Live && o.Check != nil {
		live(ctx, rep, o.Check)
		duplicates(rep)
	}
	return rep, nil
}

func known(client string) bool {
	for _, n := range Names {
		if n == client {
			return true
		}
	}
	return false
}

// Location is a config file a client reads.
type Location struct {
	Client string
	Path   string
}

// Locations lists the documented config files of every client for goos,
// user-level first, then the project's.
func Locations(goos string, getenv func(string) string, project string) []Location {
	home := getenv("HOME")
	if goos == "windows" && getenv("USERPROFILE") != "" {
		home = getenv("USERPROFILE")
	}
	join := func(parts ...string) string {
		if goos == "windows" {
			return strings.Join(parts, `\`)
		}
		return filepath.Join(parts...)
	}
	appData := getenv("APPDATA")
	if appData == "" && home != "" {
		appData = join(home, "AppData", "Roaming")
	}
	xdg := getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = join(home, ".config")
	}
	// User-level settings folders: Claude Desktop's and VS Code's sit under
	// the OS's application-data folder.
	appDir := func(name string) string {
		switch goos {
		case "darwin":
			return join(home, "Library", "Application Support", name)
		case "windows":
			return join(appData, name)
		default:
			return join(xdg, name)
		}
	}
	codexHome := getenv("CODEX_HOME")
	if codexHome == "" {
		codexHome = join(home, ".codex")
	}
	var locs []Location
	add := func(client, path string) {
		for _, l := range locs {
			if l.Path == path {
				return
			}
		}
		locs = append(locs, Location{client, path})
	}
	if home != "" {
		// Claude Desktop: Settings → Developer → Edit Config. macOS and
		// Windows are documented; Linux builds use ~/.config/Claude.
		add(ClaudeDesktop, join(appDir("Claude"), "claude_desktop_config.json"))
		// Claude Code: user and per-project ("local") servers in ~/.claude.json.
		add(ClaudeCode, join(home, ".claude.json"))
		add(Cursor, join(home, ".cursor", "mcp.json"))
		// VS Code: the user profile's mcp.json (code.visualstudio.com MCP
		// configuration reference). Insiders keeps a profile of its own,
		// "Code - Insiders", beside it: a server in one is not in the other.
		add(VSCode, join(appDir("Code"), "User", "mcp.json"))
		add(VSCode, join(appDir("Code - Insiders"), "User", "mcp.json"))
		add(Windsurf, join(home, ".codeium", "windsurf", "mcp_config.json"))
		add(Codex, join(codexHome, "config.toml"))
	}
	if project != "" {
		add(ClaudeCode, join(project, ".mcp.json"))
		add(Cursor, join(project, ".cursor", "mcp.json"))
		add(VSCode, join(project, ".vscode", "mcp.json"))
		add(Codex, join(project, ".codex", "config.toml"))
	}
	return locs
}

// GuessClient names the client whose file path looks like, for --config
// without --client.
func GuessClient(path string) string {
	p := filepath.ToSlash(strings.ReplaceAll(path, `\`, "/"))
	base := strings.ToLower(p[strings.LastIndex(p, "/")+1:])
	dir := strings.ToLower(p)
	switch {
	case base == "claude_desktop_config.json":
		return ClaudeDesktop
	case base == ".claude.json" || base == ".mcp.json":
		return ClaudeCode
	case strings.HasSuffix(base, ".toml"):
		return Codex
	case base == "mcp_config.json":
		return Windsurf
	case strings.Contains(dir, "/.cursor/"):
		return Cursor
	case strings.Contains(dir, "/.vscode/") || strings.Contains(dir, "/code/user/") || strings.Contains(dir, "/code - insiders/user/"):
		return VSCode
	}
	return ""
}

func checkFile(l Location, o Options) Config {
	c := Config{Client: l.Client, Path: SafePath(l.Path), Status: StatusOK, Servers: []Server{}}
	data, err := token.ReadRegularFile(l.Path, maxConfigBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Status = StatusMissing
		return c
	case err != nil:
		c.Status = StatusInvalid
		c.Problems = []Problem{{Code: "config_invalid", Severity: SevError,
			Message: "The file could not be read: " + token.DescribeFileError(err) + ".",
			Fix:     "Check the file's permissions, or pass another file with --config."}}
		return c
	}
	f, perr := parse(l.Client, l.Path, data)
	if perr != nil {
		c.Status = StatusInvalid
		c.Problems = []Problem{*perr}
		return c
	}
	for _, e := range f.entries {
		if s, ok := checkServer(l.Client, f, e, o); ok {
			c.Servers = append(c.Servers, s)
		}
	}
	return c
}

// duplicates warns, per client, about Notion servers holding different
// tokens: an assistant then reads one workspace through one server and
// another through the next, and "not found" depends on which it picked.
func duplicates(rep *Report) {
	type ref struct{ ci, si int }
	byClient := map[string][]ref{}
	for ci, c := range rep.Configs {
		if c.ignored {
			continue
		}
		for si, s := range c.Servers {
			if s.tok != nil && !s.tok.IsZero() {
				byClient[c.Client] = append(byClient[c.Client], ref{ci, si})
			}
		}
	}
	for client, refs := range byClient {
		distinct := map[string]bool{}
		for _, r := range refs {
			distinct[rep.Configs[r.ci].Servers[r.si].tok.Value()] = true
		}
		if len(refs) < 2 || len(distinct) < 2 {
			continue
		}
		var names []string
		for _, r := range refs {
			s := rep.Configs[r.ci].Servers[r.si]
			if s.workspace != "" {
				names = append(names, fmt.Sprintf("%s (%s, workspace %q)", s.Name, s.Token.Fingerprint, s.workspace))
			} else {
				names = append(names, fmt.Sprintf("%s (%s)", s.Name, s.Token.Fingerprint))
			}
		}
		sort.Strings(names)
		p := Problem{Code: "duplicate_notion_servers", Severity: SevWarning,
			Message: fmt.Sprintf("%s has %d Notion servers with %d different tokens: %s. The assistant may read through either, so a page shared with one integration looks missing through the other.",
				Titles[client], len(refs), len(distinct), strings.Join(names, ", ")),
			Fix: "Keep one Notion server per client, or make sure each token's integration has the pages it needs shared with it."}
		for _, r := range refs {
			s := &rep.Configs[r.ci].Servers[r.si]
			s.Problems = replaceProblem(s.Problems, p)
		}
	}
}

func replaceProblem(ps []Problem, p Problem) []Problem {
	for i := range ps {
		if ps[i].Code == p.Code {
			ps[i] = p
			return ps
		}
	}
	return append(ps, p)
}

// TokenStatuses lists every token status, for the tool's output schema.
var TokenStatuses = []string{TokenOK, TokenMissing, TokenPlaceholder, TokenUnexpanded, TokenMalformed, TokenPrompted, TokenOAuth, TokenValid, TokenInvalid}

// Codes maps every problem code to its usual severity. token_missing is a
// warning when the token comes from a variable the client's own environment
// may hold; token_malformed is an error when the server sends the value as it
// is; headers_invalid_json is a warning when NOTION_TOKEN takes over.
var Codes = map[string]string{
	"config_invalid":           SevError,
	"headers_invalid_json":     SevError,
	"authorization_missing":    SevError,
	"bearer_missing":           SevError,
	"token_missing":            SevError,
	"wrong_env_name":           SevError,
	"token_placeholder":        SevError,
	"token_unexpanded":         SevError,
	"token_malformed":          SevWarning,
	"version_pinned_old":       SevWarning,
	"command_not_found":        SevError,
	"windows_npx_without_cmd":  SevWarning,
	"hosted_uses_oauth":        SevInfo,
	"duplicate_notion_servers": SevWarning,
	"token_invalid":            SevError,
	"token_ok":                 SevInfo,
	"token_unchecked":          SevWarning,
	"config_not_read":          SevError,
}
