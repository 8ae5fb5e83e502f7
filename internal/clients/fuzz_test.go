package clients

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary files to every client's parser: it must never
// panic, and a problem it reports must not quote a token from the file.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "configs", "*"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"servers": {"n": {"command": 1, "args": [null, {}], "env": {"A": [1]}}}, "inputs": 3}`))
	f.Add([]byte("{\"mcpServers\": {\"n\": {\"env\": {\"NOTION_TOKEN\": \"ntn_41293851234AbCdEfGhIjKlMnOpQrStUvWxYz012345678\"}},}} /* x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, client := range append([]string{""}, Names...) {
			file, p := parse(client, "mcp.json", data)
			if p != nil {
				if strings.Contains(p.Message, "ntn_41293851234") {
					t.Fatalf("problem quotes the token: %s", p.Message)
				}
				continue
			}
			for _, e := range file.entries {
				checkServer(client, file, e, Options{GOOS: "linux", Getenv: func(string) string { return "" }, Secret: func(string) {}})
			}
		}
		_ = stripJSONC(data)
	})
}
