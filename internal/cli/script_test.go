package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the golden outputs in testdata/script/*.txtar")

// scriptBin is the folder of the notion-mcp that `exec notion-mcp` runs in
// a script: this test binary under that name (see TestMain).
var scriptBin string

// TestMain runs the command line when this test binary is started as
// notion-mcp (exec notion-mcp in a script: a process of its own, in the
// script's folder), and the tests otherwise, with a copy of the binary named
// notion-mcp in scriptBin. (testscript.Main does the same, but also makes a
// plain `notion-mcp` line start a process, which TestScripts runs in-process.)
// It ends without the race runtime's exit sleep (testsupport.Exit).
func TestMain(m *testing.M) {
	if strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe") == "notion-mcp" {
		os.Exit(Main(context.Background(), os.Args[1:], IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
	}
	testsupport.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "notion-mcp-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if err := installAs(filepath.Join(dir, "notion-mcp")); err != nil {
		fmt.Fprintln(os.Stderr, "could not install the test binary as notion-mcp:", err)
		return 1
	}
	scriptBin = dir
	return m.Run()
}

// installAs links (or else copies) this test binary to path.
func installAs(path string) error {
	if goruntime.GOOS == "windows" {
		path += ".exe"
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if os.Link(exe, path) == nil {
		return nil
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o755)
}

// TestScripts are the command line's golden tests: every command's output
// and exit status, in human and --json forms (testdata/script/*.txtar;
// go test ./internal/cli -run TestScripts -update-scripts rewrites them).
// Each script runs with a HOME and PATH of its own: nothing outside the
// script's files is read, and no request leaves the process (--demo, or no
// token).
//
// A plain `notion-mcp ARGS` line calls Main in this process, with the
// script's environment, empty stdin and its output captured for stdout and
// stderr, and fails unless the status is 0 (non-zero after !), as exec
// does, without starting a race-instrumented process per line. What depends
// on the process runs as `exec notion-mcp`, in the script's folder: clients
// (it reads project configs in the working folder), a relative --config or
// --env-file, config without --command (it prints this binary's path), and
// version as one check of the real process.
func TestScripts(t *testing.T) {
	if goruntime.GOOS == "windows" {
		t.Skip("the scripts use Unix paths")
	}
	t.Parallel() // mostly waiting for the processes of exec notion-mcp
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", scriptBin+string(os.PathListSeparator)+filepath.Join(env.WorkDir, "bin"))
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			// Under -race every exec of the test binary would sleep 1 s
			// at exit (the race runtime's atexit_sleep_ms default) while
			// doing about 0.1 s of work; races are still reported.
			env.Setenv("GORACE", strings.TrimSpace(env.Getenv("GORACE")+" atexit_sleep_ms=0"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"notion-mcp": func(ts *testscript.TestScript, neg bool, args []string) {
				code := Main(context.Background(), args, IO{
					Stdin: strings.NewReader(""), Stdout: ts.Stdout(), Stderr: ts.Stderr(), Getenv: ts.Getenv,
				})
				switch {
				case neg && code == 0:
					ts.Fatalf("notion-mcp %s: exit status 0, want a failure", strings.Join(args, " "))
				case !neg && code != 0:
					ts.Fatalf("notion-mcp %s: exit status %d", strings.Join(args, " "), code)
				}
			},
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
