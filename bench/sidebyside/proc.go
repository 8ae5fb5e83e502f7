package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// server is how to start one MCP stdio server.
type server struct {
	name string
	argv []string
	env  []string
}

// proc is a running server and the client end of its stdio.
type proc struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *tail
	cancel context.CancelFunc

	closeOnce sync.Once
	closeErr  error
}

// procTimeout bounds the life of every server process, so a hung server
// fails the benchmark instead of stalling it.
const procTimeout = 2 * time.Minute

// start starts s. Nothing is written to it yet.
func (s server) start() (*proc, error) {
	ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
	cmd := exec.CommandContext(ctx, s.argv[0], s.argv[1:]...)
	cmd.Env = s.env
	p := &proc{cmd: cmd, stderr: &tail{max: 4 << 10}, cancel: cancel}
	cmd.Stderr = p.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	p.in, p.out = in, bufio.NewReaderSize(out, 1<<20)
	return p, nil
}

// send writes one JSON-RPC message.
func (p *proc) send(msg any) error {
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = p.in.Write(append(b, '\n'))
	return err
}

// request sends a request with that id.
func (p *proc) request(id int, method string, params any) error {
	m := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		m["params"] = params
	}
	return p.send(m)
}

// notify sends a notification.
func (p *proc) notify(method string) error {
	return p.send(map[string]any{"jsonrpc": "2.0", "method": method})
}

// response is a JSON-RPC response.
type response struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// await reads lines until the response to id, skipping notifications and
// anything else. It returns the line without its newline.
func (p *proc) await(id int) ([]byte, *response, error) {
	want := strconv.Itoa(id)
	for {
		line, err := p.out.ReadBytes('\n')
		if err != nil {
			return nil, nil, fmt.Errorf("reading the response to %d: %w (stderr: %s)", id, err, p.stderr)
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		var r response
		if json.Unmarshal(line, &r) != nil || r.Method != "" || string(r.ID) != want {
			continue
		}
		return line, &r, nil
	}
}

// initialize runs the MCP handshake.
func (p *proc) initialize() error {
	err := p.request(1, "initialize", map[string]any{
		"protocolVersion": "2025-06-18",
		"capabilities":    map[string]any{},
		"clientInfo":      map[string]any{"name": "notion-mcp-bench", "version": "1"},
	})
	if err != nil {
		return err
	}
	if _, r, err := p.await(1); err != nil {
		return err
	} else if r.Error != nil {
		return fmt.Errorf("initialize: %s", r.Error.Message)
	}
	return p.notify("notifications/initialized")
}

// peakRSS is the process's VmHWM in bytes.
func (p *proc) peakRSS() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM in /proc/<pid>/status")
}

// close closes stdin and waits for the server to exit, killing it after
// 10 s. Calls after the first return the first one's result.
func (p *proc) close() error {
	p.closeOnce.Do(func() {
		defer p.cancel()
		p.in.Close()
		done := make(chan error, 1)
		go func() { done <- p.cmd.Wait() }()
		select {
		case p.closeErr = <-done:
		case <-time.After(10 * time.Second):
			p.cmd.Process.Kill()
			<-done
			p.closeErr = errors.New("did not exit within 10 s of its input closing")
		}
	})
	return p.closeErr
}

// tail keeps the last max bytes written, for error messages.
type tail struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > 2*t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.b
	if len(b) > t.max {
		b = b[len(b)-t.max:]
	}
	return strings.TrimSpace(string(b))
}
