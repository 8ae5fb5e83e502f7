package clients

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// minVersion is the first Notion-Version that reads databases with several
// data sources; an older one pinned in headers breaks them.
const minVersion = "2025-09-03"

// checker checks one server entry.
type checker struct {
	client string
	f      *file
	e      entry
	o      Options
	sv     notionServer
	s      *Server
}

// value is a variable as the server will see it.
type value struct {
	raw    string // as written (or as found in the environment)
	source string
}

func checkServer(client string, f *file, e entry, o Options) (Server, bool) {
	sv, ok := recognise(e)
	if !ok {
		return Server{}, false
	}
	name := e.name
	if e.project != "" {
		name += " (project " + e.project + ")"
	}
	s := Server{Name: name, Kind: sv.kind, Problems: []Problem{}}
	c := &checker{client: client, f: f, e: e, o: o, sv: sv, s: &s}
	for k, v := range e.env {
		if looksNotionSecret(k) {
			c.secret(v)
		}
	}
	for _, v := range e.headers {
		c.secret(v)
	}
	c.run()
	return s, true
}

func (c *checker) add(code, sev, msg, fix string) {
	c.s.Problems = append(c.s.Problems, Problem{Code: code, Severity: sev, Message: msg, Fix: fix})
}

// secret registers with the redactor what in v may be a token: its cleaned
// value (not a placeholder, a reference or a JSON text: the redactor masks
// every run of 8 characters of what it is given, so structure must not be
// registered), and every token-shaped run inside it (a token inside a
// header's JSON, say).
func (c *checker) secret(v string) {
	if cleaned, _ := token.Check(v); len(cleaned) >= 16 && !token.IsPlaceholder(v) && !token.IsVarRef(v) &&
		!strings.ContainsAny(cleaned, "{}\":, ") {
		c.o.Secret(cleaned)
	}
	for _, m := range token.ShapedRun.FindAllString(v, -1) {
		c.o.Secret(m)
	}
}

func (c *checker) title() string { return Titles[c.client] }

func (c *checker) run() {
	if c.sv.program != "" {
		c.checkCommand()
	}
	if c.sv.kind == KindHosted {
		c.s.Token = TokenInfo{Source: "oauth", Status: TokenOAuth}
		c.add("hosted_uses_oauth", SevInfo,
			fmt.Sprintf("%q uses Notion's hosted MCP (%s), which signs in with OAuth in the client: there is no token here to check.", c.e.name, c.sv.label),
			fmt.Sprintf("If its tools fail or it keeps asking to sign in, disconnect and reconnect it in %s to redo the OAuth sign-in. To use an integration token instead, run `notion-mcp config %s`.", c.title(), orGeneric(c.client)))
		return
	}
	avail := c.available()
	raw, src, found := c.pickToken(avail)
	if !found {
		c.missing(avail)
		return
	}
	c.checkValue(raw, src)
}

// available is what reaches the server: its env block, for Docker only what
// -e passes into the container, for Claude Code also the environment it
// inherits, for Codex the variables env_vars forwards.
func (c *checker) available() map[string]value {
	avail := map[string]value{}
	for k, v := range c.e.env {
		avail[k] = value{v, "env." + k}
	}
	if c.sv.docker {
		inner := map[string]value{}
		args := c.sv.args
		for i := 0; i < len(args); i++ {
			a := args[i]
			var spec string
			switch {
			case (a == "-e" || a == "--env") && i+1 < len(args):
				spec = args[i+1]
				i++
			case strings.HasPrefix(a, "-e="), strings.HasPrefix(a, "--env="):
				spec = a[strings.IndexByte(a, '=')+1:]
			default:
				if dockerImage(a) == "mcp/notion" {
					i = len(args) // arguments after the image go to the server
				}
				continue
			}
			if name, v, ok := strings.Cut(spec, "="); ok {
				inner[name] = value{v, "args (-e " + name + "=…)"}
				c.secret(v)
			} else if v, ok := avail[spec]; ok {
				inner[spec] = v
			} else if c.client == ClaudeCode && c.o.Getenv(spec) != "" {
				inner[spec] = value{c.o.Getenv(spec), "environment " + spec}
			}
		}
		return inner
	}
	if c.client == ClaudeCode {
		// Claude Code starts servers with the environment it was started in.
		for _, name := range c.sv.reads {
			if _, ok := avail[name]; !ok && c.o.Getenv(name) != "" {
				avail[name] = value{c.o.Getenv(name), "environment " + name}
			}
		}
	}
	for _, name := range c.e.envVars {
		if _, ok := avail[name]; !ok && c.o.Getenv(name) != "" {
			avail[name] = value{c.o.Getenv(name), "environment " + name + " (env_vars)"}
		}
	}
	return avail
}

// pickToken finds the token the server will use, as it does.
func (c *checker) pickToken(avail map[string]value) (raw, src string, found bool) {
	if c.sv.kind != KindOfficial {
		for _, name := range c.sv.reads {
			if v, ok := avail[name]; ok {
				return v.raw, v.source, true
			}
		}
		return "", "", false
	}
	t, hasT := avail[varToken]
	if h, ok := avail[varHeaders]; ok && strings.TrimSpace(h.raw) != "" {
		if auth, ok := c.headers(h, hasT); ok {
			return auth, h.source, true
		}
		if len(c.s.Problems) > 0 && c.s.Problems[len(c.s.Problems)-1].Code == "authorization_missing" {
			c.s.Token = TokenInfo{Source: h.source, Status: TokenMissing}
			return "", "", true
		}
	}
	if hasT {
		return t.raw, t.source, true
	}
	return "", "", false
}

// headers checks OPENAPI_MCP_HEADERS and returns the token in its
// Authorization header. ok is false when the server falls back to
// NOTION_TOKEN or has no token at all.
func (c *checker) headers(h value, hasToken bool) (auth string, ok bool) {
	text := h.raw
	if v, state, _ := c.expand(text); state == expLiteral || state == expExpanded {
		if strings.HasPrefix(strings.TrimSpace(text), "${") {
			text = v // the whole value is a reference: check what it expands to
		}
	}
	fallback := "Without a working OPENAPI_MCP_HEADERS the server sends no token."
	sev := SevError
	if hasToken {
		fallback = "The server then falls back to NOTION_TOKEN, so this only matters if you meant these headers to be used."
		sev = SevWarning
	}
	fix := `Set it to a JSON object written as one string, e.g. "OPENAPI_MCP_HEADERS": "{\"Authorization\": \"Bearer <your token>\", \"Notion-Version\": \"2025-09-03\"}", or use "NOTION_TOKEN": "<your token>" instead (simpler). ` + c.configHint()
	var m map[string]any
	err := json.Unmarshal([]byte(text), &m)
	if err != nil {
		var s string
		why := "it is not valid JSON"
		switch {
		case json.Unmarshal([]byte(text), &s) == nil:
			why = "it is a JSON string holding the object (encoded twice), not the object"
		case strings.Contains(text, `\"`):
			why = `it is escaped twice (\" inside the value): the client's JSON already removed one level`
		case strings.Contains(text, "'"):
			why = "it uses single quotes, which JSON does not allow"
		default:
			if se, ok := err.(*json.SyntaxError); ok {
				why = fmt.Sprintf("it is not valid JSON at character %d (%s)", se.Offset, safeMessage(se.Error()))
			}
		}
		c.add("headers_invalid_json", sev, fmt.Sprintf("OPENAPI_MCP_HEADERS must be a JSON object, but %s. %s", why, fallback), fix)
		return "", false
	}
	if m == nil {
		c.add("headers_invalid_json", sev, "OPENAPI_MCP_HEADERS must be a JSON object, but it is null. "+fallback, fix)
		return "", false
	}
	if len(m) == 0 {
		return "", false
	}
	var authVal any
	authKey := ""
	for k, v := range m {
		if strings.EqualFold(k, "Authorization") {
			authKey, authVal = k, v
		}
		if strings.EqualFold(k, "Notion-Version") {
			if ver, _ := v.(string); ver != "" && ver < minVersion {
				c.add("version_pinned_old", SevWarning,
					fmt.Sprintf("OPENAPI_MCP_HEADERS pins Notion-Version %s: databases with several data sources fail with it (\"Databases with multiple data sources are not supported in this API version\").", ver),
					"Set \"Notion-Version\": \"2025-09-03\" in OPENAPI_MCP_HEADERS, or drop OPENAPI_MCP_HEADERS and set NOTION_TOKEN instead.")
			}
		}
	}
	if authKey == "" {
		msg := "OPENAPI_MCP_HEADERS has no Authorization header, so the server sends no token and Notion answers 401."
		if hasToken {
			msg += " NOTION_TOKEN is set too, but it is ignored while OPENAPI_MCP_HEADERS holds other headers."
		}
		c.add("authorization_missing", SevError, msg,
			`Add "Authorization": "Bearer <your token>" to OPENAPI_MCP_HEADERS, or remove OPENAPI_MCP_HEADERS and set "NOTION_TOKEN": "<your token>".`)
		return "", false
	}
	a, _ := authVal.(string)
	c.secret(a)
	t := strings.TrimSpace(a)
	if len(t) >= 7 && strings.EqualFold(t[:7], "bearer ") {
		return t[7:], true
	}
	c.add("bearer_missing", SevError,
		"The Authorization header in OPENAPI_MCP_HEADERS lacks the \"Bearer \" prefix, so Notion does not read it as a token and answers 401.",
		`Write it as "Authorization": "Bearer <your token>".`)
	return a, true
}

// missing reports that no variable the server reads is set, naming any
// Notion-looking variable that is set instead.
func (c *checker) missing(avail map[string]value) {
	c.s.Token = TokenInfo{Status: TokenMissing}
	reads := strings.Join(c.sv.reads, " or ")
	if c.sv.kind == KindNotionMCP {
		reads = "NOTION_TOKEN"
	}
	want := c.sv.reads[len(c.sv.reads)-1]
	if c.sv.kind == KindNotionMCP || c.sv.kind == KindCommunity {
		want = c.sv.reads[0]
	}
	var wrong []string
	for _, k := range sortedKeys(c.e.env) {
		if looksNotionSecret(k) && !contains(c.sv.reads, k) {
			wrong = append(wrong, k)
		}
	}
	if c.sv.docker {
		var notPassed []string
		for _, name := range c.sv.reads {
			if _, ok := c.e.env[name]; ok {
				notPassed = append(notPassed, name)
			}
		}
		if len(notPassed) > 0 {
			c.s.Token.Source = "env." + notPassed[0]
			c.s.Token.Fingerprint = token.Fingerprint(strings.TrimSpace(c.e.env[notPassed[0]]))
			c.add("token_missing", SevError,
				fmt.Sprintf("%s is in the env block, but docker does not pass it into the container: the args lack -e %s, so the server inside sees no token.", notPassed[0], notPassed[0]),
				fmt.Sprintf(`Add "-e", "%s" to args before the image: "args": ["run", "-i", "--rm", "-e", "%s", "mcp/notion"].`, notPassed[0], notPassed[0]))
			return
		}
	}
	if len(wrong) > 0 {
		v := c.e.env[wrong[0]]
		c.s.Token.Source = "env." + wrong[0]
		c.s.Token.Fingerprint = token.Fingerprint(strings.TrimSpace(v))
		c.add("wrong_env_name", SevError,
			fmt.Sprintf("The config sets %s, but %s reads %s: the token never reaches the server.", strings.Join(wrong, " and "), c.sv.label, reads),
			fmt.Sprintf(`Rename %s to %s: "env": {"%s": "<your token>"}, then restart %s.`, wrong[0], want, want, c.title()))
		return
	}
	msg := fmt.Sprintf("No token is set for this server: %s reads %s, and the config sets neither.", c.sv.label, reads)
	if len(c.sv.reads) == 1 || c.sv.kind == KindNotionMCP {
		msg = fmt.Sprintf("No token is set for this server: %s reads %s, and the config does not set it.", c.sv.label, reads)
	}
	var unsetForwarded []string
	for _, name := range c.e.envVars {
		if contains(c.sv.reads, name) {
			unsetForwarded = append(unsetForwarded, name)
		}
	}
	switch {
	case len(unsetForwarded) > 0:
		msg += fmt.Sprintf(" env_vars forwards %s from the environment, but it is not set in this one.", unsetForwarded[0])
	case c.client != ClaudeCode && c.o.Getenv(want) != "":
		msg += fmt.Sprintf(" %s is set in this shell, but %s starts servers with its own environment, not the shell's.", want, c.title())
	}
	c.add("token_missing", SevError, msg,
		fmt.Sprintf(`Add the token to the server's entry: "env": {"%s": "<your token>"} (%s), then restart %s. %s`, want, c.tokenSyntaxHint(want), c.title(), c.configHint()))
}

// Expansion outcomes.
const (
	expLiteral    = iota // no reference
	expExpanded          // references replaced from the environment
	expPrompted          // VS Code ${input:…}: asked for at start
	expUnset             // a supported reference to a variable not set here
	expUnexpanded        // a reference this client passes on literally
)

// expand applies the client's variable syntax to v. ref names the first
// reference that was prompted, unset or not expanded.
func (c *checker) expand(v string) (out string, state int, ref string) {
	state = expLiteral
	var b strings.Builder
	rest := v
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		inner := rest[i+2 : i+j]
		whole := rest[i : i+j+1]
		rest = rest[i+j+1:]
		name, def, hasDef := "", "", false
		switch c.client {
		case VSCode:
			if id, ok := strings.CutPrefix(inner, "input:"); ok {
				if state < expPrompted {
					state, ref = expPrompted, id
				}
				b.WriteString(whole)
				continue
			}
			name, _ = strings.CutPrefix(inner, "env:")
			if name == inner {
				name = ""
			}
		case Cursor, Windsurf:
			// Both expand ${env:NAME} in command, args, env, url and headers
			// (their MCP docs' "config interpolation").
			if n, ok := strings.CutPrefix(inner, "env:"); ok {
				name = n
			}
		case ClaudeCode:
			// Claude Code expands ${VAR} and ${VAR:-default} in .mcp.json and
			// ~/.claude.json from its environment.
			name, def, hasDef = strings.Cut(inner, ":-")
			if strings.HasPrefix(name, "env:") {
				name = ""
			}
		}
		if name == "" || !token.IsEnvName(name) {
			if state < expUnexpanded {
				state, ref = expUnexpanded, whole
			}
			b.WriteString(whole)
			continue
		}
		val := c.o.Getenv(name)
		if val == "" && hasDef {
			val = def
		}
		if val == "" {
			if state < expUnset {
				state, ref = expUnset, name
			}
			continue
		}
		if state == expLiteral {
			state = expExpanded
		}
		if ref == "" {
			// "${env:NAME}" or "${NAME}": never the default, which may be a token.
			ref = "${" + inner[:strings.Index(inner, name)+len(name)] + "}"
		}
		b.WriteString(val)
	}
	return b.String(), state, ref
}

// checkValue checks the token value the server will get.
func (c *checker) checkValue(raw, src string) {
	if c.s.Token.Status == TokenMissing && raw == "" {
		return // authorization_missing said it
	}
	v, state, ref := c.expand(raw)
	switch state {
	case expPrompted:
		c.s.Token = TokenInfo{Source: "input:" + ref, Status: TokenPrompted}
		if !c.f.inputs[ref] {
			c.s.Token.Status = TokenUnexpanded
			c.add("token_unexpanded", SevError,
				fmt.Sprintf("%s refers to ${input:%s}, but the file's inputs declare no input with id %q, so VS Code cannot ask for it.", src, ref, ref),
				fmt.Sprintf(`Add it to "inputs": [{"type": "promptString", "id": "%s", "description": "Notion integration secret", "password": true}].`, ref))
		}
		return
	case expUnset:
		c.s.Token = TokenInfo{Source: src + " ← environment " + ref, Status: TokenMissing}
		sev := SevWarning
		if c.client == ClaudeCode {
			sev = SevError
		}
		c.add("token_missing", sev,
			fmt.Sprintf("%s is taken from the environment variable %s, which is not set here (the client's own environment may differ).", src, ref),
			fmt.Sprintf("Set %s in the environment %s starts from (then restart it), or put the token itself in the config: \"%s\": \"<your token>\".", ref, c.title(), strings.TrimPrefix(src, "env.")))
		return
	case expUnexpanded:
		c.s.Token = TokenInfo{Source: src, Status: TokenUnexpanded}
		c.add("token_unexpanded", SevError,
			fmt.Sprintf("%s holds %s, but %s does not expand that syntax: the server gets the text itself as its token.", src, ref, c.title()),
			c.unexpandedFix(src))
		return
	}
	c.secret(v)
	if state == expExpanded {
		src += " ← " + ref
	}
	tok := token.New(v, src)
	c.s.Token = TokenInfo{Source: src, Fingerprint: tok.Fingerprint(), Status: TokenOK}
	switch {
	case strings.TrimSpace(v) == "":
		c.s.Token.Status = TokenMissing
		c.add("token_missing", SevError, src+" is set but empty.",
			fmt.Sprintf(`Put the token there: "%s": "<your token>", then restart %s.`, strings.TrimPrefix(src, "env."), c.title()))
		return
	case token.IsPlaceholder(v):
		c.s.Token.Status = TokenPlaceholder
		c.add("token_placeholder", SevError,
			fmt.Sprintf("%s holds a placeholder from an example config, not a real token.", src),
			fmt.Sprintf("Copy the Internal Integration Secret from your connection's Configuration tab in %s, put it in place of the placeholder, then restart %s.", token.Portal, c.title()))
		return
	case token.IsVarRef(v):
		c.s.Token.Status = TokenUnexpanded
		c.add("token_unexpanded", SevError,
			fmt.Sprintf("%s holds a variable reference (like $NAME or %%NAME%%) that %s passes on literally.", src, c.title()),
			c.unexpandedFix(src))
		return
	}
	c.s.tok = tok
	f := tok.Format()
	if f.OK() {
		return
	}
	c.s.Token.Status = TokenMalformed
	sev := SevWarning
	if f.Malformed || tok.Value() != v && !c.sv.cleans {
		// Not shaped like a Notion token, or the server sends the quotes,
		// spaces or "Bearer " as they are: Notion will refuse it.
		sev = SevError
	}
	c.add("token_malformed", sev,
		fmt.Sprintf("The token in %s does not look right: %s", src, strings.Join(f.Problems, " ")),
		fmt.Sprintf("Copy the token again from %s and paste it alone, without quotes, spaces or \"Bearer \": \"%s\": \"<your token>\".", token.Portal, strings.TrimPrefix(strings.SplitN(src, " ", 2)[0], "env.")))
}

func (c *checker) unexpandedFix(src string) string {
	name := strings.TrimPrefix(strings.SplitN(src, " ", 2)[0], "env.")
	switch c.client {
	case VSCode:
		return fmt.Sprintf(`Use "${input:notion_token}" with an inputs entry {"type": "promptString", "id": "notion_token", "password": true}, or "${env:%s}".`, varToken)
	case Cursor, Windsurf:
		return fmt.Sprintf(`Write "${env:%s}" (the syntax %s expands) and set %s where %s starts, or put the token itself: "%s": "<your token>".`, varToken, c.title(), varToken, c.title(), name)
	case ClaudeCode:
		return fmt.Sprintf(`Write "${%s}" (Claude Code expands ${VAR} and ${VAR:-default}), or put the token itself: "%s": "<your token>".`, varToken, name)
	case Codex:
		return fmt.Sprintf(`Codex passes env values as written: forward the variable with env_vars = ["%s"], or put the token itself: env = { %s = "<your token>" }.`, varToken, name)
	}
	return fmt.Sprintf(`%s does not expand variables in its config: put the token itself there, "%s": "<your token>".`, c.title(), name)
}

func (c *checker) tokenSyntaxHint(name string) string {
	switch c.client {
	case VSCode:
		return `or "${input:notion_token}" with a promptString input, so it is not stored in the file`
	case Cursor, Windsurf:
		return fmt.Sprintf(`or "${env:%s}" to take it from the environment`, name)
	case ClaudeCode:
		return fmt.Sprintf(`or "${%s}" to take it from the environment`, name)
	case Codex:
		return fmt.Sprintf(`in TOML: env = { %s = "<your token>" }, or env_vars = ["%s"] to forward it`, name, name)
	}
	return "the token itself: this client does not expand variables"
}

func (c *checker) configHint() string {
	return fmt.Sprintf("`notion-mcp config %s` prints a working entry.", orGeneric(c.client))
}

func orGeneric(client string) string {
	if client == "" {
		return "CLIENT"
	}
	return client
}

// checkCommand looks the program up on the PATH the client passes, and
// checks Windows' need for "cmd /c" in front of npx.
func (c *checker) checkCommand() {
	prog := c.sv.program
	base := progBase(prog)
	if c.o.GOOS == "windows" && !c.sv.wrapped {
		lower := strings.ToLower(prog)
		if (base == "npx" || base == "bunx" || base == "pnpx" || base == "pnpm" || base == "yarn") &&
			!strings.HasSuffix(lower, ".cmd") && !strings.HasSuffix(lower, ".exe") {
			c.add("windows_npx_without_cmd", SevWarning,
				fmt.Sprintf("On Windows %s is a .cmd script, which %s cannot start directly: the server fails to start (\"spawn %s ENOENT\").", base, c.title(), base),
				fmt.Sprintf(`Start it through cmd: "command": "cmd", "args": ["/c", "%s", %s].`, base, quoteArgs(c.sv.args)))
		}
	}
	if c.o.GOOS != runtime.GOOS {
		return // another OS's paths cannot be looked up here
	}
	found, looked := c.lookPath(prog)
	if found {
		return
	}
	where := "on the PATH (" + strings.Join(looked, string(pathListSep(c.o.GOOS))) + ")"
	if strings.ContainsAny(prog, `/\`) {
		where = "at that path"
	}
	msg := fmt.Sprintf("%q, the command %s starts, was not found %s.", prog, c.title(), where)
	if c.o.GOOS == "darwin" && c.client != ClaudeCode && c.client != Codex {
		msg += " Apps started from the Dock get a shorter PATH than your shell (no nvm, Homebrew or ~/go/bin), so a command your terminal finds may still be missing."
	}
	fix := fmt.Sprintf("Give its absolute path as \"command\" (run `command -v %s` in a terminal to find it)", base)
	switch base {
	case "npx", "node", "bunx":
		fix += ", or install Node.js"
	case "docker":
		fix += ", or install Docker Desktop and start it"
	case "notion-mcp":
		fix += "; `notion-mcp config " + orGeneric(c.client) + "` prints an entry with this binary's absolute path"
	}
	c.add("command_not_found", SevError, msg, fix+".")
}

func (c *checker) lookPath(prog string) (bool, []string) {
	exts := []string{""}
	if c.o.GOOS == "windows" {
		exts = []string{"", ".exe", ".cmd", ".bat", ".com"}
	}
	exists := func(p string) bool {
		for _, ext := range exts {
			if st, err := os.Stat(p + ext); err == nil && !st.IsDir() {
				return true
			}
		}
		return false
	}
	if strings.ContainsAny(prog, `/\`) {
		return exists(prog), nil
	}
	path := c.e.env["PATH"]
	if path == "" {
		path = c.o.Getenv("PATH")
	}
	var looked []string
	for _, dir := range strings.Split(path, string(pathListSep(c.o.GOOS))) {
		if dir == "" {
			continue
		}
		looked = append(looked, dir)
		if exists(dir + string(os.PathSeparator) + prog) {
			return true, looked
		}
	}
	if len(looked) > 12 {
		looked = append(looked[:12], "…")
	}
	return false, looked
}

func pathListSep(goos string) rune {
	if goos == "windows" {
		return ';'
	}
	return ':'
}

func quoteArgs(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		b, _ := json.Marshal(a)
		parts[i] = string(b)
	}
	return strings.Join(parts, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// live checks every well-formed token once with Notion.
func live(ctx context.Context, rep *Report, check func(context.Context, *token.Token) LiveResult) {
	results := map[string]LiveResult{} // one request per distinct token
	for ci := range rep.Configs {
		for si := range rep.Configs[ci].Servers {
			s := &rep.Configs[ci].Servers[si]
			if s.tok == nil || s.Token.Status != TokenOK {
				continue // never send a malformed or placeholder token
			}
			key := s.tok.Value()
			r, ok := results[key]
			if !ok {
				r = check(ctx, s.tok)
				results[key] = r
			}
			switch r.Status {
			case "valid":
				s.Token.Status = TokenValid
				ws := r.Workspace
				if ws == "" {
					ws = "its workspace"
				} else {
					ws = fmt.Sprintf("workspace %q", ws)
				}
				s.workspace = r.Workspace
				who := "Notion accepts"
				if r.Sandbox {
					who = "The built-in sandbox (demo mode), not Notion, accepts"
				}
				s.Problems = append(s.Problems, Problem{Code: "token_ok", Severity: SevInfo,
					Message: fmt.Sprintf("%s the token: integration %q (%s token) in %s.", who, r.Integration, r.Kind, ws),
					Fix:     fmt.Sprintf("Nothing to fix here. Pages and databases must be shared with %q for it to see them.", r.Integration)})
			case "invalid":
				s.Token.Status = TokenInvalid
				s.Problems = append(s.Problems, Problem{Code: "token_invalid", Severity: SevError,
					Message: "Notion rejects the token (401 unauthorized): it was revoked or regenerated, or is mistyped.",
					Fix:     "Copy the Internal Integration Secret again from your connection's Configuration tab in " + token.Portal + ", put it in place of the old one, then restart the client."})
			default:
				s.Problems = append(s.Problems, Problem{Code: "token_unchecked", Severity: SevWarning,
					Message: "The token could not be checked with Notion: " + r.Summary,
					Fix:     "Check again later, or without --live to check the config alone."})
			}
		}
	}
}
