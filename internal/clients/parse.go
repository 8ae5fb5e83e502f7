package clients

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// file is a parsed config: its server entries, in a stable order, and (VS
// Code) the ids of its declared inputs.
type file struct {
	entries []entry
	inputs  map[string]bool
}

// entry is one server entry of any client's shape. Values are as written:
// expansion happens when a value is checked.
type entry struct {
	name      string
	command   string
	args      []string
	env       map[string]string
	url       string
	headers   map[string]string
	envVars   []string // Codex env_vars: forwarded from the client's environment
	bearerEnv string   // Codex bearer_token_env_var
	project   string   // ~/.claude.json per-project entries: the project's path
}

// parse reads data in the shape client uses. A file that cannot be parsed
// gives a config_invalid problem with its line and column; the message
// never quotes the file, which may hold a token.
func parse(client, path string, data []byte) (*file, *Problem) {
	if client == Codex || strings.HasSuffix(strings.ToLower(path), ".toml") {
		return parseTOML(data)
	}
	src := data
	if client == VSCode {
		// VS Code reads mcp.json as JSON with comments and trailing commas.
		// Twice: a trailing comma may be followed by a comment.
		src = stripJSONC(stripJSONC(data))
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(src, &top); err != nil {
		return nil, jsonProblem(src, err, client == VSCode)
	}
	f := &file{inputs: map[string]bool{}}
	for _, key := range []string{"mcpServers", "servers"} {
		if raw, ok := top[key]; ok {
			es, err := serversJSON(raw, "")
			if err != nil {
				return nil, shapeProblem(key, err)
			}
			f.entries = append(f.entries, es...)
		}
	}
	if raw, ok := top["projects"]; ok && client != VSCode {
		// ~/.claude.json: {"projects": {"/path": {"mcpServers": {…}}}}
		var projects map[string]struct {
			MCPServers json.RawMessage `json:"mcpServers"`
		}
		if json.Unmarshal(raw, &projects) == nil {
			for _, dir := range sortedKeys(projects) {
				if len(projects[dir].MCPServers) == 0 {
					continue
				}
				es, err := serversJSON(projects[dir].MCPServers, dir)
				if err != nil {
					return nil, shapeProblem("projects."+dir+".mcpServers", err)
				}
				f.entries = append(f.entries, es...)
			}
		}
	}
	if raw, ok := top["inputs"]; ok {
		var inputs []struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(raw, &inputs) == nil {
			for _, in := range inputs {
				f.inputs[in.ID] = true
			}
		}
	}
	return f, nil
}

func serversJSON(raw json.RawMessage, project string) ([]entry, error) {
	var servers map[string]map[string]any
	if err := json.Unmarshal(raw, &servers); err != nil {
		return nil, errors.New("it should map each server's name to an object with command, args and env (or url)")
	}
	var out []entry
	for _, name := range sortedKeys(servers) {
		m := servers[name]
		e := entry{name: name, project: project, env: strMap(m["env"]), headers: strMap(m["headers"])}
		e.command, _ = m["command"].(string)
		for _, k := range []string{"url", "serverUrl", "httpUrl"} {
			if u, ok := m[k].(string); ok && e.url == "" {
				e.url = u
			}
		}
		if args, ok := m["args"].([]any); ok {
			for _, a := range args {
				e.args = append(e.args, str(a))
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func strMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return map[string]string{}
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		out[k] = str(x)
	}
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// codexConfig is the part of Codex's config.toml that holds MCP servers
// ([mcp_servers.NAME], developers.openai.com/codex/mcp).
type codexConfig struct {
	MCPServers map[string]codexServer `toml:"mcp_servers"`
}

type codexServer struct {
	Command           string            `toml:"command"`
	Args              []string          `toml:"args"`
	Env               map[string]string `toml:"env"`
	EnvVars           []string          `toml:"env_vars"`
	URL               string            `toml:"url"`
	BearerTokenEnvVar string            `toml:"bearer_token_env_var"`
	HTTPHeaders       map[string]string `toml:"http_headers"`
}

func parseTOML(data []byte) (*file, *Problem) {
	var c codexConfig
	if err := toml.Unmarshal(data, &c); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, &Problem{Code: "config_invalid", Severity: SevError,
				Message: fmt.Sprintf("The file is not valid TOML: line %d, column %d: %s.", row, col, safeMessage(strings.TrimPrefix(de.Error(), "toml: "))),
				Fix:     "Open the file at that line and correct it; TOML strings need double quotes, and a table such as [mcp_servers.notion] may appear once."}
		}
		return nil, &Problem{Code: "config_invalid", Severity: SevError,
			Message: "The file's mcp_servers tables have an unexpected shape: " + safeMessage(err.Error()) + ".",
			Fix:     `Each server is a table [mcp_servers.NAME] with command = "…", args = ["…"] and env = { NAME = "…" }.`}
	}
	f := &file{inputs: map[string]bool{}}
	for _, name := range sortedKeys(c.MCPServers) {
		s := c.MCPServers[name]
		e := entry{name: name, command: s.Command, args: s.Args, env: s.Env, url: s.URL,
			headers: s.HTTPHeaders, envVars: s.EnvVars, bearerEnv: s.BearerTokenEnvVar}
		if e.env == nil {
			e.env = map[string]string{}
		}
		if e.headers == nil {
			e.headers = map[string]string{}
		}
		f.entries = append(f.entries, e)
	}
	return f, nil
}

// safeMessage keeps a parser's message short and free of anything shaped
// like a token (a parser may quote the text it stopped at).
func safeMessage(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if len(w) >= 12 && (strings.Contains(w, "ntn_") || strings.Contains(w, "secret_") || strings.Contains(w, "Bearer")) {
			w = "…"
		}
		b.WriteString(w)
	}
	out := b.String()
	if len(out) > 160 {
		out = out[:160] + "…"
	}
	return out
}

func shapeProblem(key string, err error) *Problem {
	return &Problem{Code: "config_invalid", Severity: SevError,
		Message: fmt.Sprintf("The file is valid JSON, but %q has an unexpected shape: %v.", key, err),
		Fix:     `Write it as {"` + key + `": {"notion": {"command": "…", "args": ["…"], "env": {"NOTION_TOKEN": "<your token>"}}}}.`}
}

// jsonProblem turns a decoding error into config_invalid with the line and
// column, and a guess at the usual causes.
func jsonProblem(data []byte, err error, jsonc bool) *Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	what := "the file is not valid JSON"
	switch {
	case errors.As(err, &se):
		off = se.Offset - 1
		what = se.Error()
	case errors.As(err, &te):
		off = te.Offset - 1
		what = "the top level must be an object ({…})"
	}
	line, col := position(data, off)
	hint := jsonHint(data, off, what, jsonc)
	msg := fmt.Sprintf("The file is not valid JSON: line %d, column %d: %s.", line, col, what)
	if hint != "" {
		msg += " " + hint
	}
	if len(bytes.TrimSpace(data)) == 0 {
		msg = "The file is empty, which is not valid JSON."
	}
	return &Problem{Code: "config_invalid", Severity: SevError, Message: msg,
		Fix: "Open the file at that line and correct it (the client ignores every server in a file it cannot parse), then restart the client."}
}

func position(data []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func jsonHint(data []byte, off int64, what string, jsonc bool) string {
	if off < 0 || off > int64(len(data)) {
		return ""
	}
	prev := bytes.TrimRight(data[:off], " \t\r\n")
	at := byte(0)
	if off < int64(len(data)) {
		at = data[off]
	}
	switch {
	case !jsonc && len(prev) > 0 && prev[len(prev)-1] == ',' && (at == '}' || at == ']'):
		return "There is a trailing comma before it, which JSON does not allow."
	case strings.Contains(what, "after object key:value pair") || strings.Contains(what, "after array element"):
		return "Usually a missing comma between entries, or a quote inside a string that is not escaped as \\\"."
	case strings.Contains(what, "in string literal"):
		return "A string holds a raw line break or control character; write it as \\n or remove it."
	case strings.Contains(what, "looking for beginning of value") && (at == '/' || at == '#'):
		return "JSON has no comments."
	case strings.Contains(what, "invalid character '\\''"):
		return "JSON strings need double quotes."
	}
	return ""
}

// stripJSONC blanks out comments and trailing commas, keeping every byte
// offset, so that line and column stay right.
func stripJSONC(data []byte) []byte {
	out := append([]byte(nil), data...)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := bytes.Index(out[i+2:], []byte("*/"))
			end := len(out)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			for ; i < end; i++ {
				if out[i] != '\n' {
					out[i] = ' '
				}
			}
			i--
		case c == ',':
			j := i + 1
			for j < len(out) && (out[j] == ' ' || out[j] == '\t' || out[j] == '\r' || out[j] == '\n') {
				j++
			}
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				out[i] = ' '
			}
		}
	}
	return out
}
