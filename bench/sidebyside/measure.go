package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// callSpec is the tools/call a run makes after tools/list.
type callSpec struct {
	tool   string
	args   map[string]any
	wantOK bool // the call must succeed (notion-mcp's offline tool)
}

// tool is one entry of a tools/list response.
type tool struct {
	name       string
	hasOutput  bool // has an outputSchema
	fullOutput bool // an object schema that declares its properties
}

// run is what one start-to-exit session with a server measured.
type run struct {
	initialize time.Duration // process start → initialize response read
	peakRSS    int64         // VmHWM after the last response, before stdin closes
	listBytes  int           // the tools/list response line, without its newline
	tools      []tool
	call       string // how the tools/call ended
}

// oneRun starts s, then: initialize, tools/list, one tools/call; reads the
// peak RSS; closes stdin and waits for the exit.
func oneRun(s server, c callSpec) (*run, error) {
	t0 := time.Now()
	p, err := s.start()
	if err != nil {
		return nil, err
	}
	defer p.close()
	r := &run{}
	if err := p.initialize(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	r.initialize = time.Since(t0)

	if err := p.request(2, "tools/list", nil); err != nil {
		return nil, err
	}
	line, resp, err := p.await(2)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	r.listBytes = len(line)
	if r.tools, err = parseTools(resp); err != nil {
		return nil, fmt.Errorf("%s tools/list: %w", s.name, err)
	}

	if err := p.request(3, "tools/call", map[string]any{"name": c.tool, "arguments": c.args}); err != nil {
		return nil, err
	}
	if _, resp, err = p.await(3); err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	ok, desc := callOutcome(resp)
	if c.wantOK && !ok {
		return nil, fmt.Errorf("%s %s: %s", s.name, c.tool, desc)
	}
	r.call = c.tool + " → " + desc

	if r.peakRSS, err = p.peakRSS(); err != nil {
		return nil, err
	}
	if err := p.close(); err != nil {
		return nil, fmt.Errorf("%s exit: %w (stderr: %s)", s.name, err, p.stderr)
	}
	return r, nil
}

func parseTools(r *response) ([]tool, error) {
	var res struct {
		Tools []struct {
			Name         string `json:"name"`
			OutputSchema *struct {
				Type       string         `json:"type"`
				Properties map[string]any `json:"properties"`
			} `json:"outputSchema"`
		} `json:"tools"`
	}
	if r.Error != nil {
		return nil, fmt.Errorf("error %d: %s", r.Error.Code, r.Error.Message)
	}
	if err := json.Unmarshal(r.Result, &res); err != nil {
		return nil, err
	}
	var out []tool
	for _, t := range res.Tools {
		o := t.OutputSchema
		out = append(out, tool{name: t.Name, hasOutput: o != nil, fullOutput: o != nil && o.Type == "object" && len(o.Properties) > 0})
	}
	return out, nil
}

// callOutcome says whether a tools/call succeeded, and how it ended.
func callOutcome(r *response) (bool, string) {
	if r.Error != nil {
		return false, fmt.Sprintf("JSON-RPC error %d: %s", r.Error.Code, r.Error.Message)
	}
	var res struct {
		IsError    bool            `json:"isError"`
		Structured json.RawMessage `json:"structuredContent"`
		Content    []struct {
			Text string `json:"text"`
		} `json:"content"`
	}
	if err := json.Unmarshal(r.Result, &res); err != nil {
		return false, "unreadable result: " + err.Error()
	}
	if res.IsError {
		msg := ""
		if len(res.Content) > 0 {
			msg = res.Content[0].Text
		}
		return false, "isError result: " + shorten(msg, 80)
	}
	if len(res.Structured) > 0 {
		return true, "ok, structured result"
	}
	return true, "ok, text result"
}

// throughput is one pipelined burst of offline tool calls.
type throughput struct {
	calls   int
	elapsed time.Duration // first byte written → last answer read
	peakRSS int64         // after the burst
	cpu     time.Duration // the server process's user+system time, start to exit
}

// pipelined writes n tools/call requests for tool at once on one
// connection, cycling through inputs, and reads every answer. Each id must
// be answered exactly once, without an error.
func pipelined(s server, toolName string, inputs []string, n int) (*throughput, error) {
	p, err := s.start()
	if err != nil {
		return nil, err
	}
	defer p.close()
	if err := p.initialize(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	const base = 1000
	var buf bytes.Buffer
	for i := range n {
		in, _ := json.Marshal(inputs[i%len(inputs)])
		fmt.Fprintf(&buf, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":%q,"arguments":{"input":%s}}}`+"\n", base+i, toolName, in)
	}
	seen := make([]bool, n)
	werr := make(chan error, 1)
	t0 := time.Now()
	go func() { _, err := p.in.Write(buf.Bytes()); werr <- err }()
	for answered := 0; answered < n; {
		line, err := p.out.ReadBytes('\n')
		if err != nil {
			return nil, fmt.Errorf("%s: after %d answers: %w (stderr: %s)", s.name, answered, err, p.stderr)
		}
		id, ok, err := answerID(line)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %s", s.name, err, shorten(string(line), 200))
		}
		if id < 0 {
			continue // a notification
		}
		i := id - base
		switch {
		case i < 0 || i >= n:
			return nil, fmt.Errorf("%s: answer to unknown id %d", s.name, id)
		case seen[i]:
			return nil, fmt.Errorf("%s: id %d answered twice", s.name, id)
		case !ok:
			return nil, fmt.Errorf("%s: id %d failed: %s", s.name, id, shorten(string(line), 200))
		}
		seen[i] = true
		answered++
	}
	t := &throughput{calls: n, elapsed: time.Since(t0)}
	if err := <-werr; err != nil {
		return nil, err
	}
	if t.peakRSS, err = p.peakRSS(); err != nil {
		return nil, err
	}
	if err := p.close(); err != nil {
		return nil, err
	}
	st := p.cmd.ProcessState
	t.cpu = st.UserTime() + st.SystemTime()
	return t, nil
}

// answerID reads the id of a response line without decoding the whole
// line (the client must not be the bottleneck), and whether it is a
// successful result. It returns -1 for a line with no id (a notification).
// mcp-go writes "jsonrpc", then "id", then "result" or "error"; anything
// else is decoded fully.
func answerID(line []byte) (id int, ok bool, err error) {
	const prefix = `{"jsonrpc":"2.0","id":`
	if rest, found := bytes.CutPrefix(line, []byte(prefix)); found {
		end := bytes.IndexByte(rest, ',')
		if end > 0 {
			if id, err := strconv.Atoi(string(rest[:end])); err == nil {
				rest = rest[end:]
				ok := bytes.HasPrefix(rest, []byte(`,"result":`)) && !bytes.Contains(rest, []byte(`"isError":true`))
				return id, ok, nil
			}
		}
	}
	var r response
	if err := json.Unmarshal(line, &r); err != nil {
		return 0, false, fmt.Errorf("unreadable line")
	}
	if len(r.ID) == 0 || string(r.ID) == "null" {
		return -1, false, nil
	}
	id, err = strconv.Atoi(string(r.ID))
	if err != nil {
		return 0, false, fmt.Errorf("non-numeric id %s", r.ID)
	}
	ok, _ = callOutcome(&r)
	return id, ok, nil
}

// diagnosis is the cost of one diagnose_access call.
type diagnosis struct {
	verdict    string
	requests   int
	afterMe    int // requests after GET /v1/users/me (all of them when the identity was cached)
	roundTrips int // estimated from the evidence, see waves
	elapsed    time.Duration
	evidence   []string
}

// diagnose starts s (in demo mode) and calls diagnose_access on target
// twice: cold (the token's identity not yet known) and warm (cached).
func diagnose(s server, target string) (cold, warm *diagnosis, err error) {
	p, err := s.start()
	if err != nil {
		return nil, nil, err
	}
	defer p.close()
	if err := p.initialize(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", s.name, err)
	}
	var out [2]*diagnosis
	for i := range out {
		id := 10 + i
		t0 := time.Now()
		if err := p.request(id, "tools/call", map[string]any{"name": "diagnose_access", "arguments": map[string]any{"target": target}}); err != nil {
			return nil, nil, err
		}
		_, resp, err := p.await(id)
		if err != nil {
			return nil, nil, err
		}
		d := &diagnosis{elapsed: time.Since(t0)}
		if resp.Error != nil {
			return nil, nil, fmt.Errorf("diagnose_access: %s", resp.Error.Message)
		}
		var res struct {
			Structured struct {
				Verdict  string `json:"verdict"`
				Evidence []struct {
					Request string `json:"request"`
					Status  int    `json:"status"`
				} `json:"evidence"`
			} `json:"structuredContent"`
		}
		if err := json.Unmarshal(resp.Result, &res); err != nil {
			return nil, nil, err
		}
		d.verdict = res.Structured.Verdict
		for _, e := range res.Structured.Evidence {
			d.evidence = append(d.evidence, fmt.Sprintf("%s %d", e.Request, e.Status))
		}
		d.requests = len(d.evidence)
		d.afterMe = d.requests
		for j, e := range d.evidence {
			if strings.HasPrefix(e, "GET /v1/users/me ") {
				d.afterMe = d.requests - j - 1
			}
		}
		d.roundTrips = waves(d.evidence)
		out[i] = d
	}
	return out[0], out[1], p.close()
}

// waves estimates the round trips of a diagnosis from its evidence (listed
// in completion order): GET /v1/users/me is one; the first run of GETs of
// distinct object endpoints (pages, databases, data_sources), which
// diagnose_access sends in parallel, is one; every later request is counted
// as its own round trip, so the estimate is an upper bound. The Go
// benchmark BenchmarkDiagnose measures round trips exactly.
func waves(evidence []string) int {
	n, i := 0, 0
	if i < len(evidence) && strings.HasPrefix(evidence[i], "GET /v1/users/me ") {
		n, i = n+1, i+1
	}
	seen := map[string]bool{}
	for ; i < len(evidence); i++ {
		f := strings.Split(evidence[i], "/") // GET , v1, pages, <id> <status>
		if len(f) != 4 || f[0] != "GET " || seen[f[2]] || (f[2] != "pages" && f[2] != "databases" && f[2] != "data_sources") {
			break
		}
		seen[f[2]] = true
	}
	if len(seen) > 0 {
		n++
	}
	return n + len(evidence) - i
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
