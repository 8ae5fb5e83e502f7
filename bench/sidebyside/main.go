// Command sidebyside measures notion-mcp and the official Notion MCP server
// (@notionhq/notion-mcp-server, Node) in the same run on the same machine:
// time from process start to the initialize response, peak RSS over
// initialize + tools/list + one tools/call, and the size of tools/list; then,
// for notion-mcp alone, pipelined throughput of an offline tool and the
// requests and round trips of diagnose_access against --demo. It prints a
// side-by-side table with the goals, met or not. bench/run.sh installs the
// official server and runs it; see there for the exact command.
//
// The official server is run as `node <its bin>`, as installed; starting it
// through npx, as its README suggests, adds npx's own start-up on top.
//
// Neither server reaches the internet: both get a dummy token and a base URL
// on a loopback port where nothing listens, so the official server's
// API-get-self call fails at once with ECONNREFUSED.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

func main() {
	if err := measure(); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		os.Exit(1)
	}
}

// dummyToken looks like an internal integration token and is not one.
const dummyToken = "ntn_00000000000BenchDummyTokenNotARealSecret000000"

// offlineInputs are what extract_notion_id gets in the throughput burst.
var offlineInputs = []string{
	sandbox.TasksURL,
	"c6eda3ce729981de014cafc354107b25",
	`{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: c0c4fde2-9ed5-896e-5073-7ef5053075b6. Make sure the relevant pages and databases are shared with your integration."}`,
	"https://acme.notion.site/Public-Docs-c11815719d778e00ac6c3b2e7fe7b566",
	"collection://" + sandbox.TasksDataSourceID,
}

// options are the command's flags.
type options struct {
	ours, official, node string
	runs, warmup         int
	calls, bursts        int
	only                 string
}

func measure() error {
	var o options
	flag.StringVar(&o.ours, "ours", "bin/notion-mcp", "the notion-mcp binary")
	flag.StringVar(&o.official, "official", "", "the official server's entry point (its package.json bin), run with node")
	flag.StringVar(&o.node, "node", "node", "the node binary")
	flag.IntVar(&o.runs, "runs", 11, "measured start-to-exit runs of each server, alternating")
	flag.IntVar(&o.warmup, "warmup", 1, "unmeasured runs of each server first")
	flag.IntVar(&o.calls, "calls", 20000, "offline calls per pipelined burst")
	flag.IntVar(&o.bursts, "bursts", 3, "pipelined bursts, each on a fresh process")
	flag.StringVar(&o.only, "only", "", `"throughput": measure only notion-mcp's pipelined throughput (for profiling)`)
	flag.Parse()
	if (o.official == "" && o.only == "") || o.runs < 1 || o.warmup < 0 || o.calls < 1 || o.bursts < 1 || (o.only != "" && o.only != "throughput") {
		flag.Usage()
		return fmt.Errorf("-official is required; -runs, -calls and -bursts must be positive; -only takes \"throughput\"")
	}
	oursBin, err := filepath.Abs(o.ours)
	if err != nil {
		return err
	}
	closed, err := closedPort()
	if err != nil {
		return err
	}
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	env := func(kv ...string) []string { return append(append([]string(nil), base...), kv...) }
	off := server{name: "official", argv: []string{o.node, o.official},
		env: env("NOTION_TOKEN="+dummyToken, "BASE_URL="+closed)}
	us := server{name: "notion-mcp", argv: []string{oursBin},
		env: env("NOTION_TOKEN="+dummyToken, "NOTION_BASE_URL="+closed)}
	demo := server{name: "notion-mcp --demo", argv: []string{oursBin, "--demo"}, env: env()}

	rep := &report{runs: o.runs, warmup: o.warmup, closed: closed}
	if o.only == "" {
		rep.versions = [2]string{officialVersion(o.official), oursVersion(oursBin)}
		if err := sideBySide(rep, o, off, us); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "== %d pipelined bursts of %d calls\n", o.bursts, o.calls)
	for i := range o.bursts {
		t, err := pipelined(us, "extract_notion_id", offlineInputs, o.calls)
		if err != nil {
			return fmt.Errorf("burst %d: %w", i+1, err)
		}
		rep.bursts = append(rep.bursts, t)
	}
	if o.only == "throughput" {
		rep.printThroughput(os.Stdout)
		fmt.Printf("load average at the end: %s (the benchmark's own work included)\n", loadavg())
		return nil
	}
	fmt.Fprintln(os.Stderr, "== diagnose_access against --demo")
	for _, c := range []struct{ label, target string }{
		{"accessible database link", sandbox.TasksURL},
		{"not shared database link", sandbox.FinanceURL},
	} {
		cold, warm, err := diagnose(demo, c.target)
		if err != nil {
			return fmt.Errorf("diagnose %s: %w", c.label, err)
		}
		rep.diagnoses = append(rep.diagnoses, diagRow{label: c.label, target: c.target, cold: cold, warm: warm})
	}
	rep.print(os.Stdout)
	fmt.Printf("\nload average at the end: %s (the benchmark's own work included)\n", loadavg())
	return nil
}

// sideBySide runs both servers start to exit, alternating which goes
// first, so that drift in the machine's load hits both alike.
func sideBySide(rep *report, o options, off, us server) error {
	calls := [2]callSpec{
		{tool: "API-get-self", args: map[string]any{}},
		{tool: "extract_notion_id", args: map[string]any{"input": sandbox.TasksURL}, wantOK: true},
	}
	servers := [2]server{off, us}
	fmt.Fprintf(os.Stderr, "== %d start-to-exit runs of each server\n", o.warmup+o.runs)
	for i := range o.warmup + o.runs {
		order := [2]int{0, 1}
		if i%2 == 1 {
			order = [2]int{1, 0}
		}
		for _, which := range order {
			r, err := oneRun(servers[which], calls[which])
			if err != nil {
				return fmt.Errorf("run %d: %w", i+1, err)
			}
			if i >= o.warmup {
				rep.runsOf[which] = append(rep.runsOf[which], r)
			}
		}
	}
	return nil
}

// officialVersion reads name and version from the package.json above the
// entry point (bin/cli.mjs).
func officialVersion(entry string) string {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(entry)), "package.json"))
	var pkg struct{ Name, Version string }
	if err != nil || json.Unmarshal(b, &pkg) != nil {
		return entry + " (version unknown)"
	}
	return pkg.Name + "@" + pkg.Version + " (" + entry + ")"
}

// oursVersion is what `notion-mcp version` prints.
func oursVersion(bin string) string {
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		return bin + " (version unknown)"
	}
	return strings.TrimSpace(string(out)) + " (" + bin + ")"
}

// loadavg is the first three fields of /proc/loadavg: other work on the
// machine slows both servers, and notion-mcp's throughput most.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// closedPort returns a loopback URL where nothing listens: requests to it
// fail at once with ECONNREFUSED.
func closedPort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr, nil
}
