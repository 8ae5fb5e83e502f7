package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/diagnose"
	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/tokencheck"
)

// demoTargets show each kind of diagnosis on the sandbox workspace.
var demoTargets = []string{
	sandbox.TasksURL,
	sandbox.FinanceURL,
	"Could not find database with ID: " + sandbox.SprintBoardPageID + ". Make sure the relevant pages and databases are shared with your integration.",
	sandbox.GlobexCRMURL,
}

// doctorReport is doctor's --json output.
type doctorReport struct {
	Token       *tokencheck.Result `json:"token"`
	Databases   *int               `json:"shared_databases,omitempty"`
	ListError   string             `json:"list_error,omitempty"`
	Diagnoses   []*diagnose.Result `json:"diagnoses"`
	AllAccessOK bool               `json:"ok"`
}

// runDoctor checks the token, counts shared databases and diagnoses each
// target; status 0 when everything is accessible. It is what a newcomer
// runs first.
func runDoctor(ctx context.Context, a *app, rt *runtime, targets []string) int {
	showcase := a.opts.demo && len(targets) == 0
	if showcase {
		targets = demoTargets
	}
	rep := doctorReport{Diagnoses: []*diagnose.Result{}}
	ctx, prog := a.startProgress(ctx, "doctor")
	defer prog.done()
	var err error
	rep.Token, err = tokencheck.Check(ctx, rt.sess, tokencheck.Request{Token: a.tokenRequest(), APIVersion: a.opts.notionVersion})
	if err != nil {
		fmt.Fprintf(a.Stderr, "notion-mcp doctor: %v\n", err)
		return 2
	}
	ok := rep.Token.Valid
	if rep.Token.Valid {
		l, err := listing.List(ctx, rt.sess, listing.Request{APIVersion: a.opts.notionVersion, Token: a.tokenRequest(), Progress: prog.seen})
		if err != nil {
			rep.ListError, ok = err.Error(), false
		} else {
			rep.Databases = &l.Count
		}
	}
	// Targets are diagnosed without a working token too: a pasted error is
	// explained from its text alone.
	for _, t := range targets {
		d, err := diagnose.Diagnose(ctx, rt.sess, diagnose.Request{Target: t, APIVersion: a.opts.notionVersion, Token: a.tokenRequest()})
		if err != nil {
			fmt.Fprintf(a.Stderr, "notion-mcp doctor: %v\n", err)
			return 2
		}
		rep.Diagnoses = append(rep.Diagnoses, d)
		ok = ok && d.Verdict == diagnose.Accessible
	}
	prog.done()
	rep.AllAccessOK = ok
	a.forCLI(rep.Token)
	for _, d := range rep.Diagnoses {
		d.Summary = cliWords(d.Summary)
		cliWordsAll(d.Steps)
	}
	rep.ListError = cliWords(rep.ListError)
	if a.opts.json {
		writeJSON(a.Stdout, []any{rep}, true)
	} else {
		printDoctor(a.Stdout, &rep, targets, showcase)
	}
	if ok || showcase {
		return 0
	}
	return 1
}

func printDoctor(w io.Writer, rep *doctorReport, targets []string, showcase bool) {
	if rep.Token.Sandbox {
		fmt.Fprintln(w, "notion-mcp doctor — against the built-in sandbox workspace (demo), not Notion")
	} else {
		fmt.Fprintln(w, "notion-mcp doctor")
	}
	fmt.Fprintln(w)
	printTokenCheck(w, rep.Token)
	if rep.Databases != nil {
		fmt.Fprintf(w, "\nShared: %s (`notion-mcp databases` lists them)\n", plural(*rep.Databases, "database"))
	}
	if rep.ListError != "" {
		fmt.Fprintf(w, "\nListing shared databases failed: %s\n", rep.ListError)
	}
	if showcase {
		fmt.Fprintln(w, "\nSample diagnoses of sandbox links (pass your own: notion-mcp doctor <link or ID>…):")
	}
	for i, d := range rep.Diagnoses {
		target := "(from the pasted text)"
		switch {
		case d.Extracted != nil:
			target = d.Extracted.ID
		case d.Verdict == diagnose.InvalidInput && i < len(targets):
			// Say what was given, so a mistyped argument can be spotted.
			target = "in " + shortInput(targets[i])
		}
		fmt.Fprintf(w, "\n[%s] %s\n%s\n", d.Verdict, target, d.Summary)
		for _, db := range d.DatabasesHere {
			fmt.Fprintf(w, "  database inside: %s  %s\n", db.ID, db.Title)
		}
		printSteps(w, d.Steps)
	}
	fmt.Fprintln(w)
	if rep.AllAccessOK {
		fmt.Fprintln(w, "All good.")
	} else if !showcase {
		fmt.Fprintln(w, "Something needs fixing: follow the steps above.")
	}
}

// shortInput quotes an argument for a heading: one line, at most 60
// characters, and never something shaped like a token.
func shortInput(s string) string {
	s = printable(strings.Join(strings.Fields(s), " "))
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return quoteArg(s)
}
