package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the golden outputs in testdata/script/*.txtar")

// TestMain lets the scripts run notion-mcp as a command of this test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"notion-mcp": func() {
			os.Exit(Main(context.Background(), os.Args[1:], IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
		},
	})
}

// TestScripts are the command line's golden tests: every command's output
// and exit status, in human and --json forms (testdata/script/*.txtar;
// go test ./internal/cli -run TestScripts -update-scripts rewrites them).
// Each script runs with a HOME and PATH of its own: nothing outside the
// script's files is read, and no request leaves the process (--demo, or no
// token).
func TestScripts(t *testing.T) {
	if goruntime.GOOS == "windows" {
		t.Skip("the scripts use Unix paths")
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			sep := string(os.PathListSeparator)
			bin := strings.Split(env.Getenv("PATH"), sep)[0] // where testscript put notion-mcp
			env.Setenv("PATH", bin+sep+filepath.Join(env.WorkDir, "bin"))
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			// Under -race every exec of the test binary would sleep 1 s
			// at exit (the race runtime's atexit_sleep_ms default) while
			// doing about 0.1 s of work; races are still reported.
			env.Setenv("GORACE", strings.TrimSpace(env.Getenv("GORACE")+" atexit_sleep_ms=0"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// scrub FILE OUT: FILE (stdout, stderr or a file) with the work
			// folder written $WORK and timings zeroed, for cmp.
			"scrub": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: scrub FILE OUT")
				}
				s := strings.ReplaceAll(ts.ReadFile(args[0]), ts.Getenv("WORK"), "$WORK")
				s = timings.ReplaceAllString(s, `"$1": 0`)
				// Probes run concurrently: their evidence comes in completion order.
				s = evidence.ReplaceAllString(s, `"evidence": ["(scrubbed: in completion order)"]`)
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(s), 0o644))
			},
		},
	})
}

var (
	timings  = regexp.MustCompile(`"(latency_ms|duration|elapsed_ms)": \d+`)
	evidence = regexp.MustCompile(`(?s)"evidence": \[\n.*?\n(\s*)\]`)
)
