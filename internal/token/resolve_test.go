package token

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.env", "# Notion\nexport NOTION_API_KEY='"+ntnTok+"'\r\nOTHER=1\n")
	custom := write("custom.env", "MY_NOTION=\""+secretTok+"\"\nNOTION_TOKEN="+ntnTok+"\n")
	nokey := write("nokey.env", "OPENAI_API_KEY=sk-abc\nEMPTY=\n")
	missing := filepath.Join(dir, "does-not-exist.env")

	tests := []struct {
		name    string
		env     map[string]string
		req     Request
		value   string
		source  string
		literal bool
		errIs   error
		errHas  []string
	}{
		{name: "first env name wins", env: map[string]string{"NOTION_TOKEN": ntnTok, "NOTION_API_KEY": secretTok}, value: ntnTok, source: "env:NOTION_TOKEN"},
		{name: "second env name", env: map[string]string{"NOTION_API_KEY": secretTok}, value: secretTok, source: "env:NOTION_API_KEY"},
		{name: "blank first is skipped", env: map[string]string{"NOTION_TOKEN": "  ", "NOTION_INTEGRATION_TOKEN": ntnTok}, value: ntnTok, source: "env:NOTION_INTEGRATION_TOKEN"},
		{name: "value is cleaned", env: map[string]string{"NOTION_API_TOKEN": "Bearer " + ntnTok + "\n"}, value: ntnTok, source: "env:NOTION_API_TOKEN"},
		{name: "nothing set", env: nil, errIs: ErrMissing, errHas: []string{"NOTION_TOKEN, NOTION_API_KEY, NOTION_API_TOKEN, NOTION_INTEGRATION_TOKEN", "env block"}},
		{name: "token_env", env: map[string]string{"MY_VAR": ntnTok, "NOTION_TOKEN": secretTok}, req: Request{TokenEnv: "MY_VAR"}, value: ntnTok, source: "env:MY_VAR"},
		{name: "token_env unset", env: map[string]string{"NOTION_TOKEN": ntnTok}, req: Request{TokenEnv: "MY_VAR"}, errIs: ErrMissing, errHas: []string{"MY_VAR is not set"}},
		{name: "token_env holds a token", req: Request{TokenEnv: ntnTok}, errHas: []string{"name of an environment variable", "hidden"}},
		{name: "token_env bad name", req: Request{TokenEnv: "MY-VAR"}, errHas: []string{`"MY-VAR"`}},
		{name: "literal", env: map[string]string{"NOTION_TOKEN": secretTok}, req: Request{Literal: " " + ntnTok}, value: ntnTok, source: "argument", literal: true},
		{name: "env_file default keys", req: Request{EnvFile: good}, value: ntnTok, source: "env_file:" + good + "#NOTION_API_KEY"},
		{name: "env_file env_key", req: Request{EnvFile: custom, EnvKey: "MY_NOTION"}, value: secretTok, source: "env_file:" + custom + "#MY_NOTION"},
		{name: "env_file missing", req: Request{EnvFile: missing}, errHas: []string{missing, "does not exist"}},
		{name: "env_file is a dir", req: Request{EnvFile: dir}, errHas: []string{"directory"}},
		{name: "env_file without key", req: Request{EnvFile: nokey}, errIs: ErrMissing, errHas: []string{"EMPTY, OPENAI_API_KEY", "NOTION_TOKEN or NOTION_API_KEY"}},
		{name: "env_file env_key absent", req: Request{EnvFile: good, EnvKey: "NOPE"}, errIs: ErrMissing, errHas: []string{"no non-empty NOPE", "NOTION_API_KEY, OTHER"}},
		{name: "env_key without env_file", req: Request{EnvKey: "X"}, errHas: []string{"env_key only applies"}},
		{name: "two sources", req: Request{TokenEnv: "A", Literal: ntnTok}, errIs: ErrTwoSources, errHas: []string{"token_env and token"}},
		{name: "three sources", req: Request{TokenEnv: "A", EnvFile: good, Literal: ntnTok}, errIs: ErrTwoSources, errHas: []string{"token_env and env_file and token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := Resolve(envOf(tt.env), tt.req)
			if tt.errIs != nil || tt.errHas != nil {
				if err == nil {
					t.Fatalf("want error, got token from %s", tok.Source())
				}
				if tt.errIs != nil && !errors.Is(err, tt.errIs) {
					t.Errorf("error %v is not %v", err, tt.errIs)
				}
				for _, s := range tt.errHas {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q lacks %q", err, s)
					}
				}
				for _, secret := range []string{ntnTok, secretTok, ntnTok[4:20]} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error leaks a token: %q", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tok.Value() != tt.value || tok.Source() != tt.source || tok.Literal() != tt.literal {
				t.Errorf("got %s from %q literal=%v; want %s from %q literal=%v",
					tok.Fingerprint(), tok.Source(), tok.Literal(), Fingerprint(tt.value), tt.source, tt.literal)
			}
		})
	}
}

func TestCandidates(t *testing.T) {
	got := Candidates(envOf(map[string]string{"NOTION_API_KEY": "x", "NOTION_TOKEN": "y", "NOTION_API_TOKEN": " "}))
	if len(got) != 2 || got[0].Name != "env:NOTION_TOKEN" || got[1].Name != "env:NOTION_API_KEY" {
		t.Errorf("Candidates = %v", got)
	}
}
