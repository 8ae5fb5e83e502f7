package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/clients"
	"github.com/notion-mcp/notion-mcp/internal/termsafe"
	"github.com/notion-mcp/notion-mcp/tools"
)

// runClients checks the MCP client configs like check_client_config; status
// 0 when no problem is an error.
func runClients(ctx context.Context, a *app, rt *runtime, _ []string) int {
	rep, err := tools.CheckClients(ctx, rt.sess, tools.ClientConfigArgs{
		Client: a.opts.client, Config: a.opts.configFile, Live: a.opts.live,
	}, a.Getenv, false)
	switch {
	case errors.Is(err, clients.ErrUnknownClient):
		fmt.Fprintf(a.Stderr, "notion-mcp clients: --client: %v\n", err)
		return 2
	case errors.Is(err, clients.ErrNoFile):
		fmt.Fprintf(a.Stderr, "notion-mcp clients: --config: %v\n", err)
		return 2
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "notion-mcp clients: %v\n", err)
		return 2
	}
	if a.opts.json {
		writeJSON(a.Stdout, []any{rep}, true)
	} else {
		printClients(a.Stdout, rep, a.Getenv("HOME"))
	}
	if rep.Errors() {
		return 1
	}
	return 0
}

func printClients(w io.Writer, rep *clients.Report, home string) {
	short := func(p string) string {
		if home != "" && strings.HasPrefix(p, home+"/") {
			p = "~" + p[len(home):]
		}
		return printable(p)
	}
	var missing []string
	var first *clients.Problem
	firstWhere := ""
	servers, errs, warns := 0, 0, 0
	// problems prints ps, counts them, and keeps the first error and where.
	problems := func(ps []clients.Problem, indent, where string) {
		for i := range ps {
			p := &ps[i]
			printProblem(w, indent, p)
			count(p, &errs, &warns)
			if first == nil && p.Severity == clients.SevError {
				first, firstWhere = p, where
			}
		}
	}
	for _, c := range rep.Configs {
		if c.Status == clients.StatusMissing {
			missing = append(missing, short(c.Path))
			continue
		}
		title := clients.Titles[c.Client]
		if c.Client == "" {
			title = "Config file (client not recognised from its name; --client names it)"
		}
		fmt.Fprintf(w, "%s — %s\n", title, short(c.Path))
		if len(c.Servers) == 0 && c.Status == clients.StatusOK {
			fmt.Fprintln(w, "  no Notion server configured")
		}
		problems(c.Problems, "  ", short(c.Path))
		for _, s := range c.Servers {
			servers++
			tok := s.Token.Status
			switch {
			case s.Token.Status == clients.TokenOAuth:
				tok = "none (OAuth sign-in in the client)"
			case s.Token.Source != "":
				tok = printable(s.Token.Source)
				if s.Token.Fingerprint != "" {
					tok += " " + s.Token.Fingerprint
				}
				tok += " (" + s.Token.Status + ")"
			}
			fmt.Fprintf(w, "  %s  [%s]  token: %s\n", printable(s.Name), s.Kind, tok)
			if len(s.Problems) == 0 {
				fmt.Fprintln(w, "    no problem found")
			}
			problems(s.Problems, "    ", fmt.Sprintf("%q in %s", printable(s.Name), short(c.Path)))
		}
		fmt.Fprintln(w)
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "Not found: %s\n\n", strings.Join(missing, ", "))
	}
	found := len(rep.Configs) - len(missing)
	fmt.Fprintf(w, "%s with %s: %s, %s.\n", plural(found, "config file"), plural(servers, "Notion server"), plural(errs, "error"), plural(warns, "warning"))
	switch {
	case first != nil:
		fmt.Fprintf(w, "Fix first (%s): %s\n", firstWhere, first.Fix)
	case servers == 0:
		fmt.Fprintln(w, "No Notion server is configured in these files. `notion-mcp config CLIENT` prints an entry to add (clients: "+strings.Join(clients.Names, ", ")+").")
	default:
		fmt.Fprintln(w, "Nothing to fix in the configs. Restart the client after any change; `notion-mcp clients --live` also asks Notion whether each token works.")
	}
}

func printProblem(w io.Writer, indent string, p *clients.Problem) {
	fmt.Fprintf(w, "%s%s %s: %s\n", indent, p.Severity, p.Code, printable(p.Message))
	fmt.Fprintf(w, "%s  fix: %s\n", indent, printable(p.Fix))
}

func count(p *clients.Problem, errs, warns *int) {
	switch p.Severity {
	case clients.SevError:
		*errs++
	case clients.SevWarning:
		*warns++
	}
}

// plural says "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// printable escapes what could drive a terminal (a control character or an
// escape sequence in a file or server name).
func printable(s string) string { return termsafe.String(s) }
