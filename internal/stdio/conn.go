// Package stdio frames the server's standard input and output for mcp-go's
// stdio loop so that shutdown is graceful: at EOF, or when asked to stop, the
// input ends only once every request already handed to mcp-go has been
// answered (or a grace period has passed). It also gives tools a line-atomic
// writer, so a notification written by a handler reaches the client before
// its result. The few lines mcp-go would answer badly (an id JSON-RPC
// forbids, a batch) it answers itself.
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
// Read is for mcp-go's single reader and Write for its many concurrent
// writers; Stop and Pending may be called from any goroutine.
//
// A request is pending from the moment Read hands it to mcp-go until a
// response with the same id is written. Which lines mcp-go answers, and with
// which id, is worked out the way mcp-go v1.2.1 decodes them (see classify);
// a response that matches no pending request changes nothing, so a client's
// odd line can neither end the input early nor hold it open.
type Conn struct {
	lines   chan inLine // complete input lines
	readErr error       // the input's final error (io.EOF at end), set before lines is closed
	cur     []byte      // rest of the line being handed to Read

	pmu       sync.Mutex
	pending   map[string]int      // requests handed to mcp-go and not yet answered, by id key
	cancelled map[string]struct{} // pending requests the client cancelled: their answers are dropped
	npend     atomic.Int64        // the sum of pending's counts
	idle      chan struct{}       // signalled when npend drops to zero
	stop      chan struct{}       // closed by Stop
	once      sync.Once

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

// New starts reading in. Lines are read whole, however long; blank lines
// are skipped.
func New(in io.Reader, out io.Writer, opts Options) *Conn {
	if opts.Drain <= 0 {
		opts.Drain = 2 * time.Minute
	}
	if opts.Grace <= 0 {
		opts.Grace = 1500 * time.Millisecond
	}
	c := &Conn{
		lines:     make(chan inLine, 64),
		pending:   map[string]int{},
		cancelled: map[string]struct{}{},
		idle:      make(chan struct{}, 1),
		stop:      make(chan struct{}),
		drain:     opts.Drain,
		grace:     opts.Grace,
		out:       out,
	}
	go c.pump(in)
	return c
}

func (c *Conn) pump(in io.Reader) {
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		b, err := r.ReadBytes('\n')
		// A blank line is no message: mcp-go would answer it with a parse
		// error that no request of the client's explains.
		if len(bytes.TrimSpace(b)) > 0 {
			if b[len(b)-1] != '\n' {
				// A last line without its newline is still a message.
				b = append(b, '\n')
			}
			if l := classify(b); l.reject != nil {
				c.Write(l.reject)
			} else {
				select {
				case c.lines <- l:
				case <-c.stop:
					c.readErr = io.EOF
					close(c.lines)
					return
				}
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
		// After Stop, lines still queued are dropped, not waited for.
		select {
		case <-c.stop:
			c.waitAnswered()
			return 0, io.EOF
		default:
		}
		select {
		case l, ok := <-c.lines:
			if !ok {
				c.waitAnswered()
				return 0, c.readErr
			}
			if l.answered {
				c.track(l.key)
			}
			if l.cancels != "" {
				c.cancel(l.cancels)
			}
			c.cur = l.b
		case <-c.stop:
			c.waitAnswered()
			return 0, io.EOF
		}
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

// waitAnswered holds the end of input until every request handed to mcp-go
// has been answered, or the drain (at EOF) or grace (after Stop) period is
// over.
func (c *Conn) waitAnswered() {
	limit := c.drain
	select {
	case <-c.stop:
		limit = c.grace
	default:
	}
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for c.npend.Load() > 0 {
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

// track records a request handed to mcp-go.
func (c *Conn) track(key string) {
	c.pmu.Lock()
	c.pending[key]++
	c.pmu.Unlock()
	c.npend.Add(1)
}

// cancel marks a pending request as cancelled by the client: the MCP spec
// asks servers not to answer it, and mcp-go would (with "context canceled").
func (c *Conn) cancel(key string) {
	c.pmu.Lock()
	if c.pending[key] > 0 {
		c.cancelled[key] = struct{}{}
	}
	c.pmu.Unlock()
}

// dropAnswer reports whether a response with the id key answers a cancelled
// request, forgetting the cancellation.
func (c *Conn) dropAnswer(key string) bool {
	c.pmu.Lock()
	defer c.pmu.Unlock()
	if _, ok := c.cancelled[key]; ok {
		delete(c.cancelled, key)
		return true
	}
	return false
}

// answered records a response written with the id key.
func (c *Conn) answered(key string) {
	c.pmu.Lock()
	n, ok := c.pending[key]
	if n > 1 {
		c.pending[key] = n - 1
	} else {
		delete(c.pending, key)
	}
	c.pmu.Unlock()
	if ok && c.npend.Add(-1) == 0 {
		select {
		case c.idle <- struct{}{}:
		default:
		}
	}
}

// Stop ends the input: Read returns io.EOF once the requests already handed
// to mcp-go are answered or the grace period has passed.
func (c *Conn) Stop() { c.once.Do(func() { close(c.stop) }) }

// Pending is the number of requests handed to mcp-go and not yet answered.
func (c *Conn) Pending() int64 { return c.npend.Load() }

// Write writes one or more complete JSON-RPC lines atomically. The answer
// to a request the client cancelled is not written.
func (c *Conn) Write(p []byte) (int, error) {
	out := p
	for line := range bytes.Lines(p) {
		key, ok := responseKey(line)
		if !ok {
			continue
		}
		if c.dropAnswer(key) {
			out = dropLine(out, line)
		}
		c.answered(key)
	}
	if len(out) == 0 {
		return len(p), nil
	}
	c.wmu.Lock()
	_, err := c.out.Write(out)
	c.wmu.Unlock()
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// dropLine returns p without one occurrence of line, copying only when needed.
func dropLine(p, line []byte) []byte {
	i := bytes.Index(p, line)
	if i < 0 {
		return p
	}
	if len(line) == len(p) {
		return nil
	}
	return append(append([]byte{}, p[:i]...), p[i+len(line):]...)
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

// inLine is one input line and what mcp-go will make of it.
type inLine struct {
	b        []byte
	answered bool   // mcp-go will answer it with its id
	key      string // that id, as idKey gives it
	cancels  string // for notifications/cancelled: the id key of the request it cancels
	reject   []byte // set instead: the answer to write; the line is not passed on
}

// Answers to the lines the Conn does not pass on: mcp-go would echo an id
// that JSON-RPC forbids (making its answer invalid JSON-RPC) and would call a
// well-formed batch a parse error. Neither kind can be matched to its answer
// by id, so the id is null.
var (
	rejectBadID = []byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: the id must be a string or a number"}}` + "\n")
	rejectBatch = []byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: JSON-RPC batches are not supported; send one message per line"}}` + "\n")
)

// classify works out what mcp-go v1.2.1's stdio server does with a line. It
// decodes jsonrpc, method, id and result with encoding/json (keys matched
// case-insensitively, the last duplicate winning): a line that fails that
// decoding is answered with a null id, one with no id (or a null one) is a
// notification, and one whose jsonrpc is "2.0" with a non-null result is a
// response to the server and goes unanswered. Everything else is answered
// with its id, decoded as a Go value and encoded again (a number as a
// float64). The server never sends requests of its own (sampling and the
// like), so no input line is taken as the answer to one.
func classify(b []byte) inLine {
	l := inLine{b: b}
	var m struct {
		JSONRPC string          `json:"jsonrpc"`
		Method  string          `json:"method"`
		ID      any             `json:"id"`
		Result  json.RawMessage `json:"result"`
		Params  json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] == '[' && json.Valid(b) {
			l.reject = rejectBatch
		}
		return l
	}
	if m.ID == nil {
		if m.Method == "notifications/cancelled" {
			var p struct {
				RequestID any `json:"requestId"`
			}
			if json.Unmarshal(m.Params, &p) == nil {
				l.cancels, _ = idKey(p.RequestID)
			}
		}
		return l
	}
	key, ok := idKey(m.ID)
	if !ok {
		l.reject = rejectBadID
		return l
	}
	if m.JSONRPC == "2.0" && len(m.Result) > 0 && string(m.Result) != "null" {
		return l
	}
	l.answered, l.key = true, key
	return l
}

// idKey is the text an id decoded by encoding/json is written back as, so
// that a request and its response give the same key; ok is false for an id
// that is not a string or a number.
func idKey(id any) (key string, ok bool) {
	switch id.(type) {
	case string, float64:
		b, err := json.Marshal(id)
		return string(b), err == nil
	}
	return "", false
}

var responsePrefix = []byte(`{"jsonrpc":"2.0","id":`)

// responseKey returns the id key of a written line that is a response: a
// result or an error, and no method.
func responseKey(line []byte) (string, bool) {
	// Fast path: mcp-go writes every response as {"jsonrpc":"2.0","id":…, and
	// the server's notifications put "method" second, so only the id needs
	// decoding.
	if rest, ok := bytes.CutPrefix(line, responsePrefix); ok {
		var id any
		dec := json.NewDecoder(bytes.NewReader(rest))
		if dec.Decode(&id) == nil {
			after := rest[dec.InputOffset():]
			if bytes.HasPrefix(after, []byte(`,"result":`)) || bytes.HasPrefix(after, []byte(`,"error":`)) {
				return idKey(id)
			}
		}
	}
	// Cheap pre-check: notifications carry "method" and no answer.
	if !bytes.Contains(line, []byte(`"result"`)) && !bytes.Contains(line, []byte(`"error"`)) {
		return "", false
	}
	var e struct {
		ID     any    `json:"id"`
		Method string `json:"method"`
	}
	if json.Unmarshal(line, &e) != nil || e.Method != "" {
		return "", false
	}
	return idKey(e.ID)
}
