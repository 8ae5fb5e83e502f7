package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/termsafe"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/internal/tokencheck"
)

// runToken checks the token like validate_token; status 0 when valid.
func runToken(ctx context.Context, a *app, rt *runtime, _ []string) int {
	r, err := tokencheck.Check(ctx, rt.sess, tokencheck.Request{Token: a.tokenRequest(), APIVersion: a.opts.notionVersion})
	if errors.Is(err, argerr.ErrInvalid) {
		fmt.Fprintf(a.Stderr, "notion-mcp token: %s\n", termsafe.String(cliWords(err.Error())))
		return 2
	}
	a.forCLI(r)
	if a.opts.json {
		writeJSON(a.Stdout, []any{r}, true)
	} else {
		printTokenCheck(a.Stdout, r)
	}
	if !r.Valid {
		return 1
	}
	return 0
}

func (a *app) tokenRequest() token.Request {
	return token.Request{TokenEnv: a.opts.tokenEnv, EnvFile: a.opts.envFile, EnvKey: a.opts.envKey}
}

func printTokenCheck(w io.Writer, r *tokencheck.Result) {
	fmt.Fprintf(w, "Token: %s\n%s\n", r.Status, r.Summary)
	// A malformed token's problems are what to read first.
	problemsFirst := r.Status == tokencheck.StatusMalformed && r.Format != nil
	if problemsFirst {
		for _, p := range r.Format.Problems {
			fmt.Fprintf(w, "  ! %s\n", p)
		}
	}
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-13s %s\n", k+":", v)
		}
	}
	row("source", r.Source)
	row("fingerprint", r.Fingerprint)
	if r.Format != nil {
		row("format", r.Format.Kind)
		for _, p := range r.Format.Problems {
			if !problemsFirst {
				fmt.Fprintf(w, "  ! %s\n", p)
			}
		}
	}
	row("kind", r.Kind)
	if r.Bot != nil {
		row("integration", r.Bot.Name)
		row("workspace", r.Bot.WorkspaceName)
	}
	if r.Person != nil {
		row("person", r.Person.Name)
		row("expires", r.Expiry)
	}
	row("api version", r.APIVersion)
	row("request id", r.RequestID)
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "  ! %s\n", warn)
	}
	printSteps(w, r.NextSteps)
}

func printSteps(w io.Writer, steps []string) {
	if len(steps) == 0 {
		return
	}
	fmt.Fprintln(w, "Next steps:")
	for i, s := range steps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s)
	}
}

// forCLI rewrites a token check for the command line: commands and flags
// instead of tools and arguments, and in demo mode a word on the token used.
func (a *app) forCLI(r *tokencheck.Result) {
	if r == nil {
		return
	}
	if r.Source == "demo" {
		r.Summary = strings.Replace(r.Summary, "The token from demo", "The sandbox's demo token", 1)
		if c := token.Candidates(a.Getenv); len(c) > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("Demo mode uses the sandbox's demo token: %s from the environment is not used (the sandbox does not know it). Name a token with --token-env or --env-file to try it against the sandbox.", strings.TrimPrefix(c[0].Name, "env:")))
		}
	}
	r.Summary = cliWords(r.Summary)
	cliWordsAll(r.NextSteps)
	cliWordsAll(r.Warnings)
}
