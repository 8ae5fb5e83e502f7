package cli

import (
	"regexp"
	"strings"
)

// cliTerms turn the tools' words into the command line's: a tool result
// names tools and their arguments, a person at a terminal types commands
// and flags. Longest first, so that "validate_token's env_file argument"
// is replaced whole.
var cliTerms = []struct{ from, to string }{
	{"is set in this server's process; set NOTION_TOKEN in the env block of your MCP client's config for this server (a variable exported in your shell does not reach a server the client starts)",
		"is set in this shell: export NOTION_TOKEN=… or pass --env-file .env (an MCP client needs it in the env block of its config: `notion-mcp config CLIENT` prints one)"},
	{"call again without limit", "run again without --limit"},
	{"No Notion token reached this server: ", "No Notion token found: "},
	{"validate_token's env_file argument", "`notion-mcp token --env-file .env`"},
	{"check it with env_file or token_env instead", "check it with --env-file or --token-env instead"},
	{"Then call list_shared_databases", "Then run `notion-mcp databases`"},
	{"call list_shared_databases", "run `notion-mcp databases`"},
	{"call validate_token", "run `notion-mcp token`"},
	{"Call validate_token", "Run `notion-mcp token`"},
	{"run diagnose_access", "run `notion-mcp doctor <link>`"},
	{"call diagnose_access", "run `notion-mcp doctor <link>`"},
	{"call check_client_config", "run `notion-mcp clients`"},
	{"list_shared_databases", "`notion-mcp databases`"},
	{"validate_token", "`notion-mcp token`"},
	{"diagnose_access", "`notion-mcp doctor`"},
	{"extract_notion_id", "`notion-mcp id`"},
	{"check_client_config", "`notion-mcp clients`"},
	{"include_pages", "--pages"},
	{"api_version", "--notion-version"},
}

// cliArgs are argument names that appear as words; they become flags.
var cliArgs = regexp.MustCompile(`\b(env_file|env_key|token_env)\b`)

var limitCut = regexp.MustCompile(`\blimit (\d+) cut`)

// cliWords rewrites a message written for a tool result for the command
// line. Sources such as "env_file:/p/.env#KEY" keep their form.
func cliWords(s string) string {
	for _, t := range cliTerms {
		s = strings.ReplaceAll(s, t.from, t.to)
	}
	s = limitCut.ReplaceAllString(s, "--limit $1 cut")
	var b strings.Builder
	last := 0
	for _, m := range cliArgs.FindAllStringIndex(s, -1) {
		if m[1] < len(s) && s[m[1]] == ':' || m[0] > 0 && s[m[0]-1] == '-' {
			continue // a source such as env_file:/p/.env#KEY, or already a flag
		}
		b.WriteString(s[last:m[0]])
		b.WriteString("--" + strings.ReplaceAll(s[m[0]:m[1]], "_", "-"))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

func cliWordsAll(ss []string) []string {
	for i := range ss {
		ss[i] = cliWords(ss[i])
	}
	return ss
}
