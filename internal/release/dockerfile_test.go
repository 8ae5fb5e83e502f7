package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, ARG, LABEL, …
	args string
}

func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur.WriteString(strings.TrimSuffix(trimmed, `\`) + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// labels parses LABEL's key=value pairs, values optionally double-quoted.
func labels(t *testing.T, args string) map[string]string {
	t.Helper()
	out := map[string]string{}
	s := strings.TrimSpace(args)
	for s != "" {
		key, rest, ok := strings.Cut(s, "=")
		if !ok {
			t.Fatalf("LABEL %q: want key=value pairs", args)
		}
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.Index(rest[1:], `"`)
			if end < 0 {
				t.Fatalf("LABEL %q: unterminated quote", args)
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			val, rest, _ = strings.Cut(rest, " ")
		}
		out[strings.TrimSpace(key)] = val
		s = strings.TrimSpace(rest)
	}
	return out
}

// TestDockerfile checks the image the way the registry and a client see it,
// without a Docker daemon: the final stage is distroless static as nonroot,
// its label names the server.json server, the entrypoint is the binary, and
// the build is static and stamped with VERSION's version.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, filepath.Join(root(t), "Dockerfile"))
	version := releaseVersion(t)
	var s serverJSON
	b, err := os.ReadFile(filepath.Join(root(t), "server.json"))
	if err != nil {
		t.Fatal(err)
	}
	decode(t, b, &s)

	last := -1
	for i, in := range ins {
		if in.cmd == "FROM" {
			last = i
		}
		if in.cmd == "ARG" && strings.HasPrefix(in.args, "VERSION") && in.args != "VERSION="+version {
			t.Errorf("ARG %s: the default must be VERSION's %s", in.args, version)
		}
	}
	if last < 1 {
		t.Fatal("want a multi-stage Dockerfile: a build stage, then the runtime stage")
	}
	build, final := ins[:last], ins[last:]
	checkGoImage(t, build[0].args)
	var buildRun string
	for _, in := range build {
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
			buildRun = in.args
		}
	}
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "-X " + versionVar + "=${VERSION}", "./cmd/notion-mcp"} {
		if !strings.Contains(buildRun, want) {
			t.Errorf("the build stage's go build lacks %q: %q", want, buildRun)
		}
	}
	if base := final[0].args; !strings.HasPrefix(base, "gcr.io/distroless/static") || !strings.Contains(base, ":nonroot") {
		t.Errorf("runtime base %q: want gcr.io/distroless/static…:nonroot (CA certificates, no shell, no root)", base)
	}
	got := map[string]string{}
	var user string
	var entry []string
	copied := false
	for _, in := range final[1:] {
		switch in.cmd {
		case "LABEL":
			for k, v := range labels(t, in.args) {
				got[k] = v
			}
		case "USER":
			user = in.args
		case "ENTRYPOINT":
			if err := json.Unmarshal([]byte(in.args), &entry); err != nil {
				t.Errorf("ENTRYPOINT %s is not the exec (JSON) form: %v", in.args, err)
			}
		case "COPY":
			copied = copied || strings.HasSuffix(in.args, " /notion-mcp") && strings.HasPrefix(in.args, "--from=")
		}
	}
	if got["io.modelcontextprotocol.server.name"] != s.Name || s.Name != serverName {
		t.Errorf("label io.modelcontextprotocol.server.name = %q, server.json name %q: the registry needs them equal", got["io.modelcontextprotocol.server.name"], s.Name)
	}
	if got["org.opencontainers.image.licenses"] != "MIT" || got["org.opencontainers.image.source"] != repoURL {
		t.Errorf("OCI labels %v", got)
	}
	if u, _, _ := strings.Cut(user, ":"); u == "" || u == "root" || u == "0" {
		t.Errorf("USER %q: the server must not run as root", user)
	}
	if len(entry) != 1 || entry[0] != "/notion-mcp" || !copied {
		t.Errorf("ENTRYPOINT %q (binary copied to /notion-mcp: %v), want [\"/notion-mcp\"]", entry, copied)
	}
	for _, p := range s.Packages {
		if p.RegistryType == "oci" && p.Identifier != image+":"+version {
			t.Errorf("server.json's image %q is not %s:%s", p.Identifier, image, version)
		}
	}
}

// checkGoImage: the official golang images set GOTOOLCHAIN=local, so the
// build image's Go must be at least the go line of go.mod.
func checkGoImage(t *testing.T, from string) {
	t.Helper()
	m := regexp.MustCompile(`golang:(\d+)\.(\d+)`).FindStringSubmatch(from)
	if m == nil {
		t.Errorf("build stage FROM %q: want an official golang:X.Y image", from)
		return
	}
	mod, err := os.ReadFile(filepath.Join(root(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	g := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)`).FindStringSubmatch(string(mod))
	if g == nil {
		t.Fatal("go.mod has no go line")
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if atoi(m[1]) < atoi(g[1]) || atoi(m[1]) == atoi(g[1]) && atoi(m[2]) < atoi(g[2]) {
		t.Errorf("build image golang:%s.%s is older than go.mod's go %s.%s", m[1], m[2], g[1], g[2])
	}
}
