package clients

import (
	"net/url"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// notionServer is what recognise learned about an entry that starts a
// Notion server.
type notionServer struct {
	kind    string
	label   string   // what it runs, for messages: "@notionhq/notion-mcp-server", "mcp/notion (Docker)", …
	reads   []string // the variables it reads the token from, preferred first
	cleans  bool     // it strips quotes, spaces and "Bearer " itself (notion-mcp)
	program string   // the program the client starts, "" for a URL
	wrapped bool     // started through "cmd /c"
	docker  bool
	args    []string // the arguments after the program (after "cmd /c PROGRAM")
}

// Variables read by the official server: OPENAPI_MCP_HEADERS when it is a
// non-empty JSON object, else NOTION_TOKEN (makenotion/notion-mcp-server,
// src/openapi-mcp-server/mcp/proxy.ts, parseHeadersFromEnv).
const (
	varHeaders = "OPENAPI_MCP_HEADERS"
	varToken   = "NOTION_TOKEN"
)

// community lists community Notion servers by npm package, with the variable
// each reads, from their READMEs.
var community = []struct {
	pkg   string
	reads []string
}{
	{"@suekou/mcp-notion-server", []string{"NOTION_API_TOKEN"}},    // github.com/suekou/mcp-notion-server README
	{"@ramidecodes/mcp-server-notion", []string{"NOTION_API_KEY"}}, // github.com/ramidecodes/mcp-server-notion README
	{"@ecovirtual/mcp-server-notion", []string{"NOTION_API_KEY"}},  // the name that README installs it under
}

const officialPackage = "@notionhq/notion-mcp-server"

// recognise reports whether e starts a Notion server, and which.
func recognise(e entry) (notionServer, bool) {
	if e.url != "" {
		if isHostedURL(e.url) {
			return notionServer{kind: KindHosted, label: e.url}, true
		}
		return notionServer{}, false
	}
	prog, args := e.command, e.args
	wrapped := false
	if progBase(prog) == "cmd" && len(args) >= 2 && strings.EqualFold(args[0], "/c") {
		prog, args, wrapped = args[1], args[2:], true
	}
	base := progBase(prog)
	sv := notionServer{program: prog, wrapped: wrapped, args: args}
	viaRemote := false
	for _, a := range args {
		if packageName(a) == "mcp-remote" {
			viaRemote = true
		}
	}
	for _, a := range args {
		if isHostedURL(a) && viaRemote {
			sv.kind, sv.label = KindHosted, a+" (through mcp-remote)"
			return sv, true
		}
	}
	switch {
	case base == "notion-mcp":
		sv.kind, sv.label, sv.reads, sv.cleans = KindNotionMCP, "notion-mcp", token.EnvNames, true
		return sv, true
	case base == "docker" || base == "podman":
		for _, a := range args {
			if dockerImage(a) == "mcp/notion" {
				sv.kind, sv.label, sv.docker = KindOfficial, "mcp/notion (Docker)", true
				sv.reads = []string{varHeaders, varToken}
				return sv, true
			}
		}
		return sv, false
	}
	for _, a := range args {
		if strings.Contains(a, "notion-mcp/cmd/notion-mcp") {
			sv.kind, sv.label, sv.reads, sv.cleans = KindNotionMCP, "notion-mcp", token.EnvNames, true
			return sv, true
		}
		name := packageName(a)
		if name == officialPackage || strings.Contains(strings.ToLower(strings.ReplaceAll(a, `\`, "/")), officialPackage+"/") {
			sv.kind, sv.label, sv.reads = KindOfficial, officialPackage, []string{varHeaders, varToken}
			return sv, true
		}
		for _, c := range community {
			if name == c.pkg {
				sv.kind, sv.label, sv.reads = KindCommunity, c.pkg, c.reads
				return sv, true
			}
		}
	}
	return sv, false
}

// isHostedURL reports whether s is Notion's hosted MCP endpoint
// (https://mcp.notion.com/mcp, or /sse for older clients).
func isHostedURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Hostname(), "mcp.notion.com")
}

// progBase is a command's name without its folder or Windows extension.
func progBase(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	p = strings.ToLower(p[strings.LastIndex(p, "/")+1:])
	for _, ext := range []string{".exe", ".cmd", ".bat", ".ps1"} {
		p = strings.TrimSuffix(p, ext)
	}
	return p
}

// packageName is an npm package argument without its version
// ("@notionhq/notion-mcp-server@1.9.0" → "@notionhq/notion-mcp-server");
// flags give "".
func packageName(a string) string {
	if a == "" || a[0] == '-' {
		return ""
	}
	a = strings.ToLower(a)
	if a[0] == '@' {
		if i := strings.IndexByte(a[1:], '@'); i >= 0 {
			return a[:i+1]
		}
		return a
	}
	if i := strings.IndexByte(a, '@'); i > 0 {
		return a[:i]
	}
	return a
}

// dockerImage is an image argument without registry, tag or digest
// ("docker.io/mcp/notion:latest" → "mcp/notion").
func dockerImage(a string) string {
	if a == "" || a[0] == '-' {
		return ""
	}
	a = strings.ToLower(a)
	if i := strings.IndexByte(a, '@'); i >= 0 {
		a = a[:i]
	}
	if i := strings.LastIndexByte(a, ':'); i > strings.LastIndexByte(a, '/') {
		a = a[:i]
	}
	a = strings.TrimPrefix(a, "docker.io/")
	a = strings.TrimPrefix(a, "index.docker.io/")
	return a
}

// looksNotionSecret reports whether an environment variable name looks like
// it is meant to hold a Notion token (NOTION_API_KEY, NOTION_SECRET, …).
func looksNotionSecret(name string) bool {
	n := strings.ToUpper(name)
	if !strings.Contains(n, "NOTION") && n != "OPENAPI_MCP_HEADERS" && n != "API_KEY" && n != "TOKEN" {
		return false
	}
	for _, w := range []string{"TOKEN", "KEY", "SECRET", "AUTH", "HEADERS"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
