package testsupport

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// PipeClient is the client end of a newline-delimited JSON-RPC connection to
// a server run in-process over in-memory pipes: it writes the server's input
// and collects every line of its output.
type PipeClient struct {
	tb     testing.TB
	peer   string        // what failure messages call the server, e.g. "the server"
	safety time.Duration // how long a write or a read may wait: a net for hangs
	in     *io.PipeWriter
	lines  chan []byte // every output line, newline stripped; closed at the end of output

	// Detail, when set, is added to the failures of Next, Reply and
	// Replies, e.g. "; stderr:\n" and the server's log.
	Detail func() string
	// Seen holds the messages Reply and Replies read while looking for
	// others, in the order they came.
	Seen []Message
}

// NewPipeClient writes to in and reads out until it ends, keeping up to
// buffered lines that no one has read yet.
func NewPipeClient(tb testing.TB, peer string, safety time.Duration, in *io.PipeWriter, out io.Reader, buffered int) *PipeClient {
	c := &PipeClient{tb: tb, peer: peer, safety: safety, in: in, lines: make(chan []byte, buffered)}
	go func() {
		r := bufio.NewReaderSize(out, 1<<16)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				c.lines <- bytes.TrimSuffix(line, []byte("\n"))
			}
			if err != nil {
				close(c.lines)
				return
			}
		}
	}()
	return c
}

// Send writes lines, each followed by a newline.
func (c *PipeClient) Send(lines ...string) {
	c.tb.Helper()
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	c.Write([]byte(b.String()))
}

// Write writes raw bytes to the server's input, failing the test if the
// server reads nothing for the safety time.
func (c *PipeClient) Write(p []byte) {
	c.tb.Helper()
	done := make(chan error, 1)
	go func() { _, err := c.in.Write(p); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			c.tb.Fatalf("writing to %s: %v", c.peer, err)
		}
	case <-time.After(c.safety):
		c.tb.Fatalf("%s read nothing for %v", c.peer, c.safety)
	}
}

// Line returns the next output line; ok is false at the end of output. If
// none comes in the safety time the test fails with "no output for ..."
// followed by detail (which may be empty).
func (c *PipeClient) Line(detail func() string) (line []byte, ok bool) {
	c.tb.Helper()
	select {
	case line, ok := <-c.lines:
		return line, ok
	case <-time.After(c.safety):
		c.tb.Fatalf("no output for %v%s", c.safety, detail())
		return nil, false
	}
}

// Discard reads and drops the rest of the output in the background, so a
// server that still writes does not block; for a test's cleanup.
func (c *PipeClient) Discard() {
	go func() {
		for range c.lines {
		}
	}()
}

func (c *PipeClient) detail() string {
	if c.Detail == nil {
		return ""
	}
	return c.Detail()
}

// Next returns the next output line, which must be one JSON-RPC 2.0
// message (see ParseMessage); ok is false at the end of output.
func (c *PipeClient) Next() (m Message, ok bool) {
	c.tb.Helper()
	line, ok := c.Line(c.detail)
	if !ok {
		return Message{}, false
	}
	m, err := ParseMessage(line)
	if err != nil {
		c.tb.Fatalf("%s wrote a line that is not JSON-RPC 2.0 (%v): %.300q%s", c.peer, err, line, c.detail())
	}
	return m, true
}

// Reply returns the response whose id is the JSON text id, keeping the
// other messages it reads in Seen.
func (c *PipeClient) Reply(id string) Message {
	c.tb.Helper()
	for {
		m, ok := c.Next()
		if !ok {
			c.tb.Fatalf("the output of %s ended before the reply to %s%s", c.peer, id, c.detail())
		}
		if m.IsResponse() && string(m.ID) == id {
			return m
		}
		c.Seen = append(c.Seen, m)
	}
}

// Replies returns the responses to the given ids (JSON texts), in whatever
// order they come, keeping the other messages it reads in Seen. A second
// response to one of the ids fails the test.
func (c *PipeClient) Replies(ids ...string) map[string]Message {
	c.tb.Helper()
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	got := map[string]Message{}
	for len(got) < len(want) {
		m, ok := c.Next()
		if !ok {
			c.tb.Fatalf("the output of %s ended with %d of %d replies%s", c.peer, len(got), len(want), c.detail())
		}
		if id := string(m.ID); m.IsResponse() && want[id] {
			if _, dup := got[id]; dup {
				c.tb.Fatalf("two replies to %s: %s", id, m.Raw)
			}
			got[id] = m
			continue
		}
		c.Seen = append(c.Seen, m)
	}
	return got
}
