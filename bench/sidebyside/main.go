// Command sidebyside measures notion-mcp and the official Notion MCP server
// (@notionhq/notion-mcp-server, Node) in the same run on the same machine:
// time from process start to the initialize response, peak RSS over
// initialize + tools/list + one tools/call, and the size of tools/list; then,
// for notion-mcp alone, pipelined throughput of an offline tool and the
// requests and round trips of diagnose_access against --demo. It prints a
// side-by-side table with the goals, met or not. bench/run.sh installs the
// official server and runs it; see there for the exact command.
//
// In the same run it measures notion-mcp against two floors, built by
// bench/run.sh from bench/baremcpgo (a bare mcp-go stdio server with one
// trivial tool) and bench/bareloop (a hand-written JSON-RPC loop): start →
// initialize, peak RSS and pipelined calls/s, reported as ratios.
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
	bareMCPGo, bareLoop  string
	runs, warmup         int
	calls, bursts        int
	only                 string
}

func measure() error {
	var o options
	flag.StringVar(&o.ours, "ours", "bin/notion-mcp", "the notion-mcp binary")
	flag.StringVar(&o.official, "official", "", "the official server's entry point (its package.json bin), run with node")
	flag.StringVar(&o.node, "node", "node", "the node binary")
	flag.StringVar(&o.bareMCPGo, "baremcpgo", "", "the bare mcp-go server (bench/baremcpgo), built by bench/run.sh")
	flag.StringVar(&o.bareLoop, "bareloop", "", "the hand-written JSON-RPC loop (bench/bareloop), built by bench/run.sh")
	flag.IntVar(&o.runs, "runs", 11, "measured start-to-exit runs of each server, alternating")
	flag.IntVar(&o.warmup, "warmup", 1, "unmeasured runs of each server first")
	flag.IntVar(&o.calls, "calls", 20000, "offline calls per pipelined burst (at least 2,000)")
	flag.IntVar(&o.bursts, "bursts", 5, "pipelined bursts of each server, each on a fresh process")
	flag.StringVar(&o.only, "only", "", `"throughput": only notion-mcp's pipelined throughput (for profiling); "floor": only notion-mcp against the two floors`)
	flag.Parse()
	floors := o.bareMCPGo != "" && o.bareLoop != ""
	if (o.official == "" && o.only == "") || (o.only == "floor" && !floors) || o.runs < 1 || o.warmup < 0 || o.calls < 2000 || o.bursts < 1 || (o.only != "" && o.only != "throughput" && o.only != "floor") {
		flag.Usage()
		return fmt.Errorf("-official is required (-baremcpgo and -bareloop with -only floor); -runs and -bursts must be positive, -calls at least 2000; -only takes \"throughput\" or \"floor\"")
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

	rep := &report{runs: o.runs, warmup: o.warmup, closed: closed, floors: floors}
	// The servers of the start-to-exit runs and the call each makes.
	var runners []runner
	if o.only == "" {
		rep.versions = [2]string{officialVersion(o.official), oursVersion(oursBin)}
		runners = append(runners,
			runner{off, callSpec{tool: "API-get-self", args: map[string]any{}}, &rep.runsOf[0]},
			runner{us, callSpec{tool: "extract_notion_id", args: map[string]any{"input": sandbox.TasksURL}, wantOK: true}, &rep.runsOf[1]})
	}
	// The throughput bursts: notion-mcp, then the floors.
	bursts := []burster{{us, "extract_notion_id", &rep.bursts}}
	if floors && o.only != "throughput" {
		echo := callSpec{tool: "echo", args: map[string]any{"input": sandbox.TasksURL}, wantOK: true}
		bare := server{name: "bare mcp-go", argv: []string{abs(o.bareMCPGo)}, env: env()}
		loop := server{name: "hand-written loop", argv: []string{abs(o.bareLoop)}, env: env()}
		if o.only == "floor" {
			runners = append(runners, runner{us, callSpec{tool: "extract_notion_id", args: map[string]any{"input": sandbox.TasksURL}, wantOK: true}, &rep.runsOf[1]})
		}
		runners = append(runners, runner{bare, echo, &rep.runsOf[2]}, runner{loop, echo, &rep.runsOf[3]})
		bursts = append(bursts, burster{bare, "echo", &rep.floorBursts[0]}, burster{loop, "echo", &rep.floorBursts[1]})
	}
	if len(runners) > 0 {
		if err := sideBySide(o, runners); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "== %d pipelined bursts of %d calls, each server in turn\n", o.bursts, o.calls)
	for i := range o.bursts {
		for j := range bursts {
			// Rotate which server goes first, so drift in the machine's
			// load hits each alike.
			b := bursts[(i+j)%len(bursts)]
			t, err := pipelined(b.s, b.tool, offlineInputs, o.calls)
			if err != nil {
				return fmt.Errorf("burst %d: %w", i+1, err)
			}
			*b.into = append(*b.into, t)
		}
	}
	if o.only != "" {
		rep.printThroughput(os.Stdout)
		if o.only == "floor" {
			rep.printFloor(os.Stdout)
		}
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

// runner is a server of the start-to-exit runs, the call it makes, and
// where its runs are kept.
type runner struct {
	s    server
	call callSpec
	into *[]*run
}

// burster is a server of the throughput bursts, its offline tool, and where
// its bursts are kept.
type burster struct {
	s    server
	tool string
	into *[]*throughput
}

// sideBySide runs every server start to exit in turn, rotating which goes
// first, so that drift in the machine's load hits each alike.
func sideBySide(o options, runners []runner) error {
	fmt.Fprintf(os.Stderr, "== %d start-to-exit runs of each of %d servers\n", o.warmup+o.runs, len(runners))
	for i := range o.warmup + o.runs {
		for j := range runners {
			rn := runners[(i+j)%len(runners)]
			r, err := oneRun(rn.s, rn.call)
			if err != nil {
				return fmt.Errorf("run %d: %w", i+1, err)
			}
			if i >= o.warmup {
				*rn.into = append(*rn.into, r)
			}
		}
	}
	return nil
}

func abs(path string) string {
	if p, err := filepath.Abs(path); err == nil {
		return p
	}
	return path
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
