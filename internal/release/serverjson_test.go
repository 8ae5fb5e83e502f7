package release

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var bundles = flag.String("bundles", "", "directory of the packed .mcpb files (release workflow): each fileSha256 must be its file's")

// The registry's server.json schema of 2025-12-11, copied into testdata from
// github.com/modelcontextprotocol/registry v1.5.0
// (internal/validators/schemas/2025-12-11.json), which publishes it at:
const schemaURL = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"

type serverJSON struct {
	Schema      string `json:"$schema"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Version     string `json:"version"`
	Repository  struct{ URL, Source string }
	Packages    []pkg `json:"packages"`
	Meta        map[string]struct {
		Tools   []string `json:"tools"`
		Prompts []string `json:"prompts"`
	} `json:"_meta"`
}

type pkg struct {
	RegistryType    string `json:"registryType"`
	RegistryBaseURL string `json:"registryBaseUrl"`
	Identifier      string `json:"identifier"`
	Version         string `json:"version"`
	FileSha256      string `json:"fileSha256"`
	Transport       struct{ Type string }
	Env             []struct {
		Name       string
		IsRequired bool
		IsSecret   bool
	} `json:"environmentVariables"`
}

const publisherMeta = "io.modelcontextprotocol.registry/publisher-provided"

// bundleName is the file name `make mcpb` gives each bundle; its platform
// is one of the targets the bundle manifest can run on.
var bundleName = regexp.MustCompile(`^notion-mcp_(.+)_(darwin_universal|linux_amd64|linux_arm64|windows_amd64|windows_arm64)\.mcpb$`)

// TestServerJSON checks server.json against the registry's schema and the
// rules the official registry adds on publish (docs/reference/server-json/
// official-registry-requirements.md, docs/modelcontextprotocol-io/package-types.mdx
// and internal/validators in the registry repository), and against the
// server: its VERSION, its tools and prompts.
func TestServerJSON(t *testing.T) {
	file := filepath.Join(root(t), "server.json")
	fs := readObject(t, file)
	meta := map[string]any{publisherMeta: map[string]any{"tools": names(liveTools(t)), "prompts": promptNames(livePrompts(t))}}
	fs = set(t, fs, "_meta", meta)
	checkGenerated(t, file, format(t, fs))
	doc := format(t, fs)

	validateSchema(t, doc)
	var s serverJSON
	decode(t, doc, &s)
	version := releaseVersion(t)
	if s.Schema != schemaURL {
		t.Errorf("$schema %q, want %q", s.Schema, schemaURL)
	}
	if s.Name != serverName || s.Repository.URL != repoURL || s.Repository.Source != "github" {
		t.Errorf("name %q, repository %+v: GitHub OIDC publishes io.github.<owner>/… for the repository's owner", s.Name, s.Repository)
	}
	if n := utf8.RuneCountInString(s.Description); n == 0 || n > 100 {
		t.Errorf("description has %d characters, the registry takes 1 to 100", n)
	}
	if s.Version != version {
		t.Errorf("version %q, but VERSION says %q", s.Version, version)
	}
	var types []string
	for _, p := range s.Packages {
		types = append(types, p.RegistryType)
		checkPackage(t, p, version)
	}
	if !slices.Contains(types, "oci") || !slices.Contains(types, "mcpb") {
		t.Errorf("packages %q: want the oci image and the mcpb bundles", types)
	}
}

func checkPackage(t *testing.T, p pkg, version string) {
	t.Helper()
	if p.Transport.Type != "stdio" {
		t.Errorf("%s: transport %q, want stdio", p.Identifier, p.Transport.Type)
	}
	if len(p.Env) != 1 || p.Env[0].Name != tokenVar || !p.Env[0].IsSecret || p.Env[0].IsRequired {
		t.Errorf("%s: environmentVariables %+v, want only %s, secret and not required", p.Identifier, p.Env, tokenVar)
	}
	if p.Version == "latest" {
		t.Errorf("%s: version latest; the registry wants a concrete one", p.Identifier)
	}
	switch p.RegistryType {
	case "oci":
		// The registry refuses version and fileSha256 on an image: the tag says it.
		if p.Identifier != image+":"+version || p.Version != "" || p.FileSha256 != "" || p.RegistryBaseURL != "" {
			t.Errorf("oci package %+v, want identifier %s:%s and no version, fileSha256 or registryBaseUrl", p, image, version)
		}
	case "mcpb":
		u, err := url.Parse(p.Identifier)
		prefix := repoURL + "/releases/download/v" + version + "/"
		if err != nil || u.Scheme != "https" || !strings.HasPrefix(p.Identifier, prefix) || p.RegistryBaseURL != "" {
			t.Errorf("mcpb identifier %q, want a file of the release under %s", p.Identifier, prefix)
			return
		}
		m := bundleName.FindStringSubmatch(path.Base(u.Path))
		if m == nil || m[1] != version || (p.Version != "" && p.Version != version) {
			t.Errorf("mcpb %q (version %q): want notion-mcp_%s_<platform>.mcpb", p.Identifier, p.Version, version)
		}
		if !regexp.MustCompile(`^[a-f0-9]{64}$`).MatchString(p.FileSha256) {
			t.Errorf("mcpb %s: fileSha256 %q is not a SHA-256", p.Identifier, p.FileSha256)
		}
		if *bundles != "" {
			b, err := os.ReadFile(filepath.Join(*bundles, path.Base(u.Path)))
			if err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != p.FileSha256 {
				t.Errorf("%s: fileSha256 %s, the file's is %x", path.Base(u.Path), p.FileSha256, sum)
			}
		}
	default:
		t.Errorf("package type %q: this server ships oci and mcpb only", p.RegistryType)
	}
}

func validateSchema(t *testing.T, doc []byte) {
	t.Helper()
	if err := schemaErrors(t, doc); err != nil {
		t.Errorf("server.json does not match the registry's schema: %v", err)
	}
}

// schemaErrors validates doc against the registry's schema.
func schemaErrors(t *testing.T, doc []byte) error {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "server.schema.2025-12-11.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaURL, schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		t.Fatal(err)
	}
	var inst any
	if err := json.Unmarshal(doc, &inst); err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

func names(ts []serverTool) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func promptNames(ps []serverPrompt) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// TestSchemaRejects makes sure the schema check can fail: server.json with
// one rule broken at a time does not validate.
func TestSchemaRejects(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root(t), "server.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(m map[string]any){
		"description of 101 characters": func(m map[string]any) { m["description"] = strings.Repeat("x", 101) },
		"no version":                    func(m map[string]any) { delete(m, "version") },
		"name without a namespace":      func(m map[string]any) { m["name"] = "notion mcp" },
		"mcpb without a SHA-256": func(m map[string]any) {
			m["packages"].([]any)[1].(map[string]any)["fileSha256"] = "not-a-hash"
		},
		"an http transport": func(m map[string]any) {
			m["packages"].([]any)[0].(map[string]any)["transport"] = map[string]any{"type": "sse"}
		},
	} {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			mutate(m)
			doc, _ := json.Marshal(m)
			if errs := schemaErrors(t, doc); errs == nil {
				t.Errorf("the schema accepted server.json with %s", name)
			}
		})
	}
}
