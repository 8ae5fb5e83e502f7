package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/termsafe"
)

// runDatabases lists what the integration can see, like list_shared_databases.
func runDatabases(ctx context.Context, a *app, rt *runtime, _ []string) int {
	ctx, prog := a.startProgress(ctx, "databases")
	r, err := listing.List(ctx, rt.sess, listing.Request{
		Query: a.opts.query, APIVersion: a.opts.notionVersion, Limit: a.opts.limit, IncludePages: a.opts.pages, Token: a.tokenRequest(),
		MaxBytes: -1, // a terminal or a script, not a model's context: no size bound
		Progress: prog.seen,
	})
	prog.done()
	if err != nil {
		fmt.Fprintf(a.Stderr, "notion-mcp databases: %s\n", termsafe.String(cliWords(err.Error())))
		if errors.Is(err, argerr.ErrInvalid) {
			return 2
		}
		return 1
	}
	cliWordsAll(r.Hints)
	if a.opts.json {
		writeJSON(a.Stdout, []any{r}, true)
		return 0
	}
	printListing(a.Stdout, r)
	return 0
}

func printListing(w io.Writer, r *listing.Result) {
	who := "the integration"
	if r.Integration != nil {
		who = fmt.Sprintf("%q (workspace %q)", r.Integration.Name, r.Integration.WorkspaceName)
	}
	fmt.Fprintf(w, "%s shared with %s, API %s", plural(r.Count, "database"), who, r.APIVersion)
	if !r.Complete {
		if r.Incomplete == listing.ReasonLimit {
			fmt.Fprint(w, " (cut by --limit)")
		} else {
			fmt.Fprintf(w, " (incomplete: %s)", r.Incomplete)
		}
	}
	if r.Sandbox {
		fmt.Fprint(w, " [sandbox]")
	}
	fmt.Fprintln(w)
	if r.Count > 0 {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TITLE\tDATABASE ID\tDATA SOURCE IDS\tPARENT")
		for _, d := range r.Databases {
			var ds []string
			for _, s := range d.DataSources {
				ds = append(ds, s.ID)
			}
			title := d.Title
			if d.Partial {
				title = "(hidden: no Read content)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.Cell(title, maxTitleCell), orDash(d.ID), orDash(strings.Join(ds, ",")), strings.TrimSpace(d.Parent.Type+" "+d.Parent.ID))
		}
		tw.Flush()
	}
	if len(r.Pages) > 0 {
		fmt.Fprintf(w, "\n%s at the top of what is shared:\n", plural(len(r.Pages), "page"))
		for _, p := range r.Pages {
			fmt.Fprintf(w, "  %s  %s\n", p.ID, termsafe.Cell(p.Title, maxTitleCell))
		}
	}
	for _, h := range r.Hints {
		fmt.Fprintf(w, "  • %s\n", h)
	}
}

// maxTitleCell is the widest a title is printed in a table or list; the
// full title is in --json.
const maxTitleCell = 60

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
