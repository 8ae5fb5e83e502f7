package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/notion-mcp/notion-mcp/tools"
)

// runID prints the ID in each argument; the status is 1 if any has none.
func runID(_ context.Context, a *app, args []string) int {
	status := 0
	var out []any
	for _, in := range args {
		r, err := tools.ExtractNotionID(in)
		cliWordsAll(r.Warnings)
		if err != nil {
			status = 1
			if a.opts.json {
				out = append(out, map[string]string{"error": err.Error()})
			} else {
				fmt.Fprintf(a.Stderr, "no ID found: %v\n", err)
			}
			continue
		}
		if a.opts.json {
			out = append(out, r)
		} else {
			printID(a.Stdout, r)
		}
	}
	if a.opts.json {
		writeJSON(a.Stdout, out, len(args) == 1)
	}
	return status
}

func printID(w io.Writer, r tools.ExtractResult) {
	fmt.Fprintf(w, "%s\n", r.ID)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-13s %s\n", k+":", v)
		}
	}
	row("kind", r.Kind)
	row("compact", r.Compact)
	row("view id", r.ViewID)
	row("block id", r.BlockID)
	row("peek page id", r.PeekPageID)
	row("workspace", r.Workspace)
	row("title", r.Title)
	row("source", r.Source)
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "  ! %s\n", warn)
	}
}

// writeJSON prints v indented; a one-element list prints as its element.
func writeJSON(w io.Writer, v []any, single bool) {
	var x any = v
	if single && len(v) == 1 {
		x = v[0]
	}
	b, _ := json.MarshalIndent(x, "", "  ")
	fmt.Fprintln(w, strings.TrimSpace(string(b)))
}
