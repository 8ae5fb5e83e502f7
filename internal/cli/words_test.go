package cli

import "testing"

func TestCLIWords(t *testing.T) {
	for in, want := range map[string]string{
		"Or check it with validate_token's env_file argument, so it never passes": "Or check it with `notion-mcp token --env-file .env`, so it never passes",
		"Then call list_shared_databases to see it":                               "Then run `notion-mcp databases` to see it",
		"give only one of token_env, env_file or token":                           "give only one of --token-env, --env-file or token",
		"The token from env_file:/p/.env#NOTION_TOKEN is valid":                   "The token from env_file:/p/.env#NOTION_TOKEN is valid",
		"limit 1 cut the listing; call again without limit to list them all":      "--limit 1 cut the listing; run again without --limit to list them all",
		"pass --env-file F": "pass --env-file F",
	} {
		if got := cliWords(in); got != want {
			t.Errorf("cliWords(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
