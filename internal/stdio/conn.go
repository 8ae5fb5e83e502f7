// Package stdio frames the server's standard input and output for mcp-go's
// stdio loop so that shutdown is graceful: at EOF, or when asked to stop, the
// input ends only once every request already read has been answered (or a
// grace period has passed). It also gives tools a line-atomic writer, so a
// notification written by a handler reaches the client before its result.
package stdio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Conn wraps a client connection's input and output.
//
// Reader and Writer are safe for the single reader and the many concurrent
// writers that mcp-go uses; Stop and Pending may be called from any goroutine.
type Conn struct {
	lines   chan []byte // complete input lines, newline-terminated
	readErr error       // the input's final error (io.EOF at end), set before lines is closed
	cur     []byte      // rest of the line being handed to Read

	pending atomic.Int64  // requests read and not yet answered
	idle    chan struct{} // signalled when pending drops to zero
	stop    chan struct{} // closed by Stop
	once    sync.Once

	drain time.Duration // how long EOF waits for answers
	grace time.Duration // how long Stop waits for answers

	wmu sync.Mutex
	out io.Writer
}

// Options tune a Conn.
type Options struct {
	// Drain bounds how long the input is held open after EOF while
	// requests are still being answered. Default 2 minutes.
	Drain time.Duration
	// Grace bounds how long Stop waits for answers. Default 1.5 s.
	Grace time.Duration
}

// New starts reading in. Lines are read whole, however long.
func New(in io.Reader, out io.Writer, opts Options) *Conn {
	if opts.Drain <= 0 {
		opts.Drain = 2 * time.Minute
	}
	if opts.Grace <= 0 {
		opts.Grace = 1500 * time.Millisecond
	}
	c := &Conn{
		lines: make(chan []byte, 64),
		idle:  make(chan struct{}, 1),
		stop:  make(chan struct{}),
		drain: opts.Drain,
		grace: opts.Grace,
		out:   out,
	}
	go c.pump(in)
	return c
}

func (c *Conn) pump(in io.Reader) {
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			if line[len(line)-1] != '\n' {
				// A last line without its newline is still a message.
				line = append(line, '\n')
			}
			if isRequest(line) {
				c.pending.Add(1)
			}
			select {
			case c.lines <- line:
			case <-c.stop:
				c.readErr = io.EOF
				close(c.lines)
				return
			}
		}
		if err != nil {
			c.readErr = err
			close(c.lines)
			return
		}
	}
}

// Read implements io.Reader for mcp-go's line reader.
func (c *Conn) Read(p []byte) (int, error) {
	for len(c.cur) == 0 {
		select {
		case line, ok := <-c.lines:
			if !ok {
				c.waitAnswered()
				return 0, c.readErr
			}
			c.cur = line
		case <-c.stop:
			c.waitAnswered()
			return 0, io.EOF
		}
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

// waitAnswered holds the end of input until every request read so far has
// been answered, or the drain (at EOF) or grace (after Stop) period is over.
func (c *Conn) waitAnswered() {
	limit := c.drain
	select {
	case <-c.stop:
		limit = c.grace
	default:
	}
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for c.pending.Load() > 0 {
		select {
		case <-c.idle:
		case <-c.stop:
			if limit != c.grace {
				limit = c.grace
				deadline.Reset(limit)
			}
		case <-deadline.C:
			return
		}
	}
}

// Stop ends the input: Read returns io.EOF once the requests already read
// are answered or the grace period has passed.
func (c *Conn) Stop() { c.once.Do(func() { close(c.stop) }) }

// Stopped is closed once Stop has been called.
func (c *Conn) Stopped() <-chan struct{} { return c.stop }

// Pending is the number of requests read and not yet answered.
func (c *Conn) Pending() int64 { return c.pending.Load() }

// Write writes one or more complete JSON-RPC lines atomically.
func (c *Conn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	n, err := c.out.Write(p)
	c.wmu.Unlock()
	for line := range bytes.Lines(p) {
		if isResponse(line) && c.pending.Add(-1) <= 0 {
			select {
			case c.idle <- struct{}{}:
			default:
			}
		}
	}
	return n, err
}

// WriteMessage marshals v as one JSON-RPC line. It returns once the line is
// written, so a notification sent this way precedes any later result.
func (c *Conn) WriteMessage(ctx context.Context, v any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = c.Write(append(b, '\n'))
	return err
}

type envelope struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

func hasID(e *envelope) bool { return len(e.ID) > 0 && string(e.ID) != "null" }

// isRequest reports whether a line is a request that will be answered.
func isRequest(line []byte) bool {
	var e envelope
	if json.Unmarshal(line, &e) != nil {
		return false
	}
	return hasID(&e) && e.Method != "" && e.Result == nil && e.Error == nil
}

// isResponse reports whether a written line answers a request.
func isResponse(line []byte) bool {
	// Cheap pre-check: notifications carry "method" and no answer.
	if !bytes.Contains(line, []byte(`"result"`)) && !bytes.Contains(line, []byte(`"error"`)) {
		return false
	}
	var e struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
	}
	if json.Unmarshal(line, &e) != nil {
		return false
	}
	return len(e.ID) > 0 && string(e.ID) != "null" && e.Method == ""
}
