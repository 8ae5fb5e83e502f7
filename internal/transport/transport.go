// Package transport serves an mcp-go MCPServer over MCP's stdio transport:
// one JSON-RPC message per line in, one per line out. It works at the
// message level only: a line is decoded once into its members, a request is
// handed to MCPServer.HandleMessage (mcp-go's public entry point for one
// message) and the typed answer it returns is written with the client's id.
// Nothing here depends on how mcp-go reads or lays out bytes.
//
// What it guarantees, on top of HandleMessage:
//
//   - a line that is not JSON is answered -32700, a batch, a non-object or
//     an id that is neither a string nor a number -32600, and the next line
//     is served; a line longer than Options.MaxLine is answered -32600 and
//     skipped without being held in memory;
//   - ids are echoed exactly as sent (9007199254740993 stays itself);
//   - calls run concurrently: Notion-bound tool calls (Options.Queued) at
//     most Options.MaxRunning at a time, the rest waiting in a bounded
//     queue; everything else (ping, tools/list, an offline tool,
//     notifications/cancelled) is handled as soon as it is read, however
//     long that queue is, and a full queue answers the next Notion-bound
//     call at once with "server busy" rather than stop reading;
//   - notifications/cancelled cancels the call's context (or drops it from
//     the queue) and its answer is never written;
//   - one writer keeps a call's notifications ahead of its result;
//   - EOF: every request already read is answered (calls still waiting
//     after Options.Drain are answered "server is stopping"), then Serve
//     returns nil; the context ending (a signal) stops reading, answers the
//     calls not started "server is stopping", gives the running ones
//     Options.Grace, cancels them, and returns within Options.CancelWait
//     more whatever they do;
//   - under protocol versions with the initialize handshake, a request
//     other than initialize, ping and server/discover before initialize is
//     answered -32002; a 2026-07-28 request carries its protocol version in
//     _meta and needs no handshake.
package transport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
)

// DefaultMaxLine is the default limit on one message line: 4 MiB, far
// above any MCP request this server serves (a pasted error or page of text
// is kilobytes) and small enough that a runaway client costs little memory.
const DefaultMaxLine = 4 << 20

// Options tune Serve. Zero values take the defaults.
type Options struct {
	// MaxLine is the longest message line, in bytes without its newline.
	// Default DefaultMaxLine.
	MaxLine int
	// Queued reports whether a tools/call of the named tool waits its turn
	// in the queue (it calls Notion). Nil: every tool call does.
	Queued func(tool string) bool
	// MaxRunning bounds the queued calls running at once. Default 16.
	MaxRunning int
	// Workers handle the quick requests (everything but Notion-bound
	// calls), as soon as they are read. Default GOMAXPROCS, at least 2.
	Workers int
	// MaxQueued and MaxQueuedBytes bound the calls waiting to start, by
	// count and by the size of their messages. Defaults 10,000 and 64 MiB.
	MaxQueued      int
	MaxQueuedBytes int
	// Drain bounds how long calls already read are still run after EOF.
	// Default 30 s.
	Drain time.Duration
	// Grace is how long running calls may go on after a stop (the context
	// ending, or Drain running out) before they are cancelled. Default 1 s.
	Grace time.Duration
	// CancelWait is how long a cancelled call has to write its answer before
	// the loop answers it "server is stopping" and returns. Default 1 s: a
	// call stops at its next check of its context, typically at once. A stop
	// therefore ends within Grace + CancelWait, 2 s by default.
	CancelWait time.Duration
	// Direct, if set, returns the handler of a tool whose tools/call may
	// be served without MCPServer.HandleMessage, or nil. Such a call's
	// params are decoded once, with the envelope's other members, into an
	// mcp.CallToolRequest whose Params.Arguments is nil: the handler reads
	// its arguments from Params.RawArguments (as sent; nil when absent),
	// as mcp.CallToolRequest.BindArguments does. The handler's result is
	// encoded once; HandleMessage's hooks, tool filters and
	// schema validation are skipped, so Direct must only return handlers
	// of servers that do not rely on them for those tools (see
	// tools.DirectHandler). Only for requests under the protocol versions
	// with the initialize handshake; anything else goes through
	// HandleMessage. Direct is asked only about tools Queued says are
	// quick, and their calls run under the connection's context, not one
	// of their own: a client's cancel stops the answer being written, not
	// the handler, which must therefore return in microseconds.
	//
	// This exists because mcp-go v1.2.1's HandleMessage decodes a message
	// several times (envelope, protocol info, the typed request) and
	// allocates per call for tracing and in-flight tracking, about half of
	// a quick call's cost. An upstream entry point that takes an already
	// decoded request, e.g. MCPServer.HandleRequest(ctx, method string,
	// params json.RawMessage) running the same hooks, would remove it.
	Direct func(tool string) server.ToolHandlerFunc
	// Logger gets the loop's own problems (write errors, panics, over-long
	// lines). The zero Logger discards them.
	Logger zerolog.Logger
}

func (o *Options) defaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxLine, DefaultMaxLine)
	def(&o.MaxRunning, 16)
	def(&o.Workers, max(2, runtime.GOMAXPROCS(0)))
	def(&o.MaxQueued, 10000)
	def(&o.MaxQueuedBytes, 64<<20)
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur(&o.Drain, 30*time.Second)
	defDur(&o.Grace, time.Second)
	defDur(&o.CancelWait, time.Second)
}

// flushWait bounds the last write at the end of Serve: past it the client
// is taken to have stopped reading.
const flushWait = time.Second

// Server is one client connection.
type Server struct {
	srv  *server.MCPServer
	in   io.Reader
	opts Options
	w    *writer
	sess *session
	base context.Context // every call's parent: the session's, not cancelled by a stop
	log  zerolog.Logger

	seq       atomic.Int64 // ids handed to mcp-go
	quickWork chan *call   // quick requests for the workers

	mu          sync.Mutex
	calls       map[string][]*call // read and not yet answered, by id key
	pending     int                // the calls in calls
	idle        chan struct{}      // signalled when pending drops to 0
	queue       []*call            // queued calls not started, oldest first (some may be done)
	queuedBytes int
	running     int  // queued calls running
	stopping    bool // no call starts any more
}

// call is one request read.
type call struct {
	id      json.RawMessage // as the client sent it
	key     string
	msg     json.RawMessage // for mcp-go (built when needed, for a direct call)
	direct  *callParams     // a quick tools/call Options.Direct may serve: its params, decoded
	method  string          // for a direct call: its method, params as sent,
	params  json.RawMessage // and the loop's id for mcp-go
	seq     int64
	ctx     context.Context
	cancel  context.CancelFunc
	queued  bool // a Notion-bound call: waits its turn in the queue
	inQueue bool // in the queue, not started
	done    bool // answered, or cancelled by the client: nothing more is written for it
}

// New prepares a Server reading in and writing out. Serve runs it.
func New(srv *server.MCPServer, in io.Reader, out io.Writer, opts Options) *Server {
	opts.defaults()
	return &Server{
		srv:       srv,
		in:        in,
		opts:      opts,
		w:         newWriter(out),
		sess:      newSession(),
		log:       opts.Logger,
		calls:     map[string][]*call{},
		quickWork: make(chan *call, 1024),
		idle:      make(chan struct{}, 1),
	}
}

// Pending is the number of requests read and not yet answered.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pending
}

// WriteMessage queues v (a notification) on the connection's one writer.
// Called from a call's handler with the call's context, the line precedes
// the call's result; once that context is cancelled, nothing is written.
func (s *Server) WriteMessage(ctx context.Context, v any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if !s.w.send(append(b, '\n'), true) {
		return errors.New("the connection is closed")
	}
	return nil
}

// Serve reads and answers messages until EOF, a read or write error, or ctx
// ending (a signal), as the package comment says. It returns nil at EOF and
// after a stop, or the read or write error.
func (s *Server) Serve(ctx context.Context) error {
	if err := s.srv.RegisterSession(ctx, s.sess); err != nil {
		return fmt.Errorf("register the session: %w", err)
	}
	defer s.srv.UnregisterSession(context.WithoutCancel(ctx), s.sess.SessionID())
	base, cancelAll := context.WithCancel(s.srv.WithContext(context.WithoutCancel(ctx), s.sess))
	defer cancelAll()
	s.base = base
	notesDone, notesStopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(notesStopped)
		s.forwardNotifications(notesDone)
	}()

	workersDone := make(chan struct{})
	defer close(workersDone)
	for range s.opts.Workers {
		go s.quickWorker(workersDone)
	}

	readErr := make(chan error, 1)
	go func() { readErr <- s.read() }()

	var err error
	select {
	case err = <-readErr:
		if err != nil {
			s.log.Error().Err(err).Msg("reading the input failed: stopping")
			s.stop()
		} else if !s.waitIdle(time.After(s.opts.Drain), ctx.Done()) {
			s.log.Info().Int("pending", s.Pending()).Msg("input closed with calls still pending: stopping them")
			s.stop()
		}
	case <-ctx.Done():
		s.stop()
	case <-s.w.broken:
		s.stop()
	}
	// Notifications mcp-go queued before the end are written too.
	close(notesDone)
	<-notesStopped
	for len(s.sess.notifications) > 0 {
		s.writeNotification(<-s.sess.notifications)
	}
	closed := make(chan error, 1)
	go func() { closed <- s.w.close() }()
	select {
	case werr := <-closed:
		if werr != nil {
			err = fmt.Errorf("write: %w", werr)
		}
	case <-time.After(flushWait):
		// Stdout is blocked (the client stopped reading): give up on it.
		err = errors.New("write: the client stopped reading")
	}
	return err
}

// read reads lines until EOF, an error, or a stop.
func (s *Server) read() error {
	r := bufio.NewReaderSize(s.in, 64<<10)
	var line []byte
	tooLong := false
	for {
		frag, err := r.ReadSlice('\n')
		if !tooLong {
			n := len(line) + len(frag)
			if n > 0 && (len(frag) > 0 && frag[len(frag)-1] == '\n') {
				n-- // the newline is not counted
			}
			if n > s.opts.MaxLine {
				tooLong, line = true, nil // drop what was read: the rest of the line is skipped as it comes
			} else {
				line = append(line, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // the line goes on
		}
		if s.stopped() {
			return nil
		}
		if tooLong {
			tooLong = false
			s.log.Warn().Int("limit", s.opts.MaxLine).Msg("a message line over the limit was skipped")
			s.w.send(errorLine(nil, codeInvalidRequest, fmt.Sprintf(
				"Invalid Request: the message is longer than the %d-byte limit and was skipped", s.opts.MaxLine)), false)
		} else if len(bytes.TrimSpace(line)) > 0 {
			s.dispatch(bytes.TrimRight(line, "\r\n"))
		}
		if r.Buffered() == 0 {
			s.w.flush() // the next read may wait: answer what was read first
		}
		if cap(line) > 1<<20 {
			line = nil // a large line's buffer is not kept for the next
		} else {
			line = line[:0]
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (s *Server) stopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopping
}

// dispatch acts on one line, on the reading goroutine. Everything but a
// Notion-bound call is quick (microseconds: ping, lists, an offline tool)
// and goes to the quick workers at once, in the order read; a fixed few
// workers rather than a goroutine each keep a pipelined burst cheap.
// Notion-bound calls wait in the queue for their own workers. Reading
// waits only while 1,024 quick requests are waiting for a worker.
func (s *Server) dispatch(line []byte) {
	m := decode(line)
	switch m.kind {
	case kindReject:
		s.w.send(m.reply, false)
		return
	case kindIgnore:
		return
	case kindNotification:
		if m.method == string(mcp.MethodNotificationCancelled) {
			var p cancelParams
			if len(m.params) > 0 && json.Unmarshal(m.params, &p) == nil && len(p.RequestID) > 0 {
				if id, ok := echoID(p.RequestID); ok {
					s.cancelByClient(idKey(id))
				}
			}
			return
		}
		// Notifications are quick (mcp-go runs the registered handler) and
		// answered by nothing: handle them in order, here.
		s.handle(s.base, forServer(m.method, m.params, false, 0))
		return
	}

	p, _ := peekParams(m.params)
	modern := mcp.IsModernProtocol(p.protocolVersion)
	if !modern && !s.sess.Initialized() && !allowedBeforeInit(m.method) {
		s.w.send(errorLine(m.id, codeNotInitialized, fmt.Sprintf(
			"Server not initialized: send initialize before %s (or, with protocol version 2026-07-28, the protocol version in each request's _meta)", m.method)), false)
		return
	}
	c := &call{id: m.id, key: m.key}
	c.queued = m.method == string(mcp.MethodToolsCall) && (s.opts.Queued == nil || s.opts.Queued(p.Name))
	if !c.queued && !modern && s.opts.Direct != nil && m.method == string(mcp.MethodToolsCall) {
		// A quick tool call (an offline tool: microseconds, never waits)
		// runs under the session's context rather than one of its own: a
		// client's cancel is honoured by not writing its answer, as for
		// every call. mcp-go's message is built only if the direct path
		// declines.
		c.direct, c.method, c.params, c.seq = &p, m.method, m.params, s.seq.Add(1)
		c.ctx, c.cancel = s.base, func() {}
	} else {
		c.msg = forServer(m.method, m.params, m.kind == kindRequest, s.seq.Add(1))
		c.ctx, c.cancel = context.WithCancel(s.base)
	}

	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		c.cancel()
		return
	}
	s.calls[c.key] = append(s.calls[c.key], c)
	s.pending++
	if !c.queued {
		s.mu.Unlock()
		if m.method == string(mcp.MethodSubscriptionsListen) {
			// Held open until cancelled (MCP 2026-07-28): never on the
			// reading goroutine.
			go s.run(c, true)
			return
		}
		if m.method == string(mcp.MethodInitialize) {
			// Handled before the next line is read: a request right
			// behind initialize finds the session initialized.
			s.run(c, false)
			return
		}
		s.quickWork <- c
		return
	}
	switch {
	case s.running < s.opts.MaxRunning:
		s.running++
		s.mu.Unlock()
		go s.runQueued(c)
	case len(s.queue) >= s.opts.MaxQueued || s.queuedBytes+len(c.msg) > s.opts.MaxQueuedBytes:
		s.mu.Unlock()
		s.log.Warn().Int("queued", s.opts.MaxQueued).Msg("the queue of calls is full: a call was refused")
		s.answer(c, errorLine(c.id, codeServerBusy, fmt.Sprintf(
			"Server busy: %d calls are already waiting for Notion; retry this one once some have been answered", len(s.queue))), false)
	default:
		c.inQueue = true
		s.queue = append(s.queue, c)
		s.queuedBytes += len(c.msg)
		s.mu.Unlock()
	}
}

// quickWorker handles quick requests (everything but Notion-bound calls)
// in the order read. A burst of answers is flushed once no request waits.
func (s *Server) quickWorker(done <-chan struct{}) {
	for {
		select {
		case c := <-s.quickWork:
			s.run(c, false)
			if len(s.quickWork) == 0 {
				s.w.flush()
			}
		case <-done:
			return
		}
	}
}

// allowedBeforeInit are the requests a client may send before initialize
// under the protocol versions with the handshake: the handshake itself and
// ping (MCP 2025-11-25, Lifecycle), and server/discover, with which a
// 2026-07-28 client probes the server.
func allowedBeforeInit(method string) bool {
	switch mcp.MCPMethod(method) {
	case mcp.MethodInitialize, mcp.MethodPing, mcp.MethodServerDiscover:
		return true
	}
	return false
}

// runQueued runs c, then the queue's next calls while there are any, on
// one of the MaxRunning slots.
func (s *Server) runQueued(c *call) {
	for c != nil {
		s.run(c, true)
		s.mu.Lock()
		c = nil
		if !s.stopping {
			c = s.popLocked()
		}
		if c == nil {
			s.running--
		}
		s.mu.Unlock()
	}
}

// popLocked takes the oldest queued call not yet done.
func (s *Server) popLocked() *call {
	for len(s.queue) > 0 {
		c := s.queue[0]
		s.queue[0] = nil
		s.queue = s.queue[1:]
		if len(s.queue) == 0 {
			s.queue = nil // let the backing array go
		}
		if !c.done {
			c.inQueue = false
			s.queuedBytes -= len(c.msg)
			return c
		}
	}
	return nil
}

// run handles c through mcp-go and writes its answer, unless the client
// cancelled it; flush is false on the reading goroutine.
func (s *Server) run(c *call, flush bool) {
	s.mu.Lock()
	done := c.done
	s.mu.Unlock()
	if done {
		return
	}
	if c.direct != nil {
		// Asked when the call runs, not when it is read: the tools are
		// registered at the first tools/list or tools/call.
		if h := s.opts.Direct(c.direct.Name); h != nil {
			if line, ok := s.callDirect(c, h); ok {
				c.cancel()
				s.answer(c, line, flush)
				return
			}
		}
		c.msg = forServer(c.method, c.params, true, c.seq)
	}
	resp := s.handle(c.ctx, c.msg)
	c.cancel()
	if resp == nil {
		// mcp-go answers every request; were it not to, the client would
		// wait forever.
		s.answer(c, errorLine(c.id, codeInternalError, "Internal error: the request produced no answer"), flush)
		return
	}
	line, err := answerLine(resp, c.id)
	if err != nil {
		s.log.Error().Err(err).Msg("an answer could not be encoded")
		line = errorLine(c.id, codeInternalError, "Internal error: the answer could not be encoded")
	}
	s.answer(c, line, flush)
}

// callDirect serves a tools/call through its handler (Options.Direct),
// answering as mcp-go's HandleMessage would: the result, or a returned
// error as -32603 with its message. It reports false, having run nothing,
// when the params do not decode: mcp-go then answers.
func (s *Server) callDirect(c *call, h server.ToolHandlerFunc) (line []byte, ok bool) {
	req, ok := c.direct.request()
	if !ok {
		req = mcp.CallToolRequest{}
		req.Method = string(mcp.MethodToolsCall)
		if err := json.Unmarshal(c.params, &req.Params); err != nil {
			return nil, false
		}
	}
	res, err, panicked := s.runHandler(c.ctx, h, req)
	switch {
	case panicked:
		return errorLine(c.id, codeInternalError, panicMessage), true
	case err != nil:
		return errorLine(c.id, codeInternalError, err.Error()), true
	case res == nil:
		return errorLine(c.id, codeInternalError, "Internal error: the request produced no answer"), true
	}
	line, err = resultLine(res, c.id)
	if err != nil {
		s.log.Error().Err(err).Msg("an answer could not be encoded")
		line = errorLine(c.id, codeInternalError, "Internal error: the answer could not be encoded")
	}
	return line, true
}

// runHandler calls h, recovering a panic as handle does.
func (s *Server) runHandler(ctx context.Context, h server.ToolHandlerFunc, req mcp.CallToolRequest) (res *mcp.CallToolResult, err error, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error().Str("panic", fmt.Sprint(r)).Bytes("stack", debug.Stack()).Msg("a request handler panicked")
			res, err, panicked = nil, nil, true
		}
	}()
	res, err = h(ctx, req)
	return res, err, false
}

// panicMessage answers a request whose handler panicked.
const panicMessage = "Internal error (the server log has details); the server keeps serving"

// handle runs one message through mcp-go. A panic (which the tools' own
// recovery did not catch) is logged, never shown to the client, and
// answered as an internal error.
func (s *Server) handle(ctx context.Context, msg json.RawMessage) (resp mcp.JSONRPCMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error().Str("panic", fmt.Sprint(r)).Bytes("stack", debug.Stack()).Msg("a request handler panicked")
			resp = mcp.JSONRPCError{JSONRPC: mcp.JSONRPC_VERSION, Error: mcp.NewJSONRPCErrorDetails(codeInternalError, panicMessage, nil)}
		}
	}()
	return s.srv.HandleMessage(ctx, msg)
}

// answerLine encodes mcp-go's answer with the client's id in place of the
// loop's. mcp-go v1.2.1's HandleMessage returns mcp.JSONRPCResponse or
// mcp.JSONRPCError values; anything else is re-encoded through a map.
// (An upstream hook letting a transport pass its own id through
// HandleMessage untouched, e.g. a json.RawMessage-preserving mcp.RequestId,
// would remove this.)
func answerLine(resp mcp.JSONRPCMessage, id json.RawMessage) ([]byte, error) {
	rid := mcp.NewRequestId(id)
	var v any
	switch r := resp.(type) {
	case mcp.JSONRPCResponse:
		return resultLine(r.Result, id)
	case *mcp.JSONRPCResponse:
		return resultLine(r.Result, id)
	case mcp.JSONRPCError:
		r.ID = rid
		v = r
	case *mcp.JSONRPCError:
		c := *r
		c.ID = rid
		v = c
	default:
		b, err := json.Marshal(resp)
		if err != nil {
			return nil, err
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(b, &members); err != nil {
			return nil, err
		}
		members["id"] = id
		v = members
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// resultLine encodes a result on its own and puts it in the envelope. A
// tool call's result is encoded by toolResultJSON, directly: going through
// a MarshalJSON method would have encoding/json compact and re-validate
// its output, a fifth of the cost of a pipelined offline call.
// toolResultValue's value is encoded as json.Marshal would.
func resultLine(result any, id json.RawMessage) ([]byte, error) {
	v := result
	switch r := result.(type) {
	case *mcp.CallToolResult:
		if line, ok := toolResultLine(r, id); ok {
			return line, nil
		}
		v = toolResultValue(r)
	case mcp.CallToolResult:
		if line, ok := toolResultLine(&r, id); ok {
			return line, nil
		}
		v = toolResultValue(&r)
	}
	// Encoded straight after the envelope's head, in one buffer sized for
	// a typical result: no copy of the encoded result into the line.
	var buf bytes.Buffer
	buf.Grow(len(id) + 2048)
	buf.WriteString(`{"jsonrpc":"2.0","id":`)
	buf.Write(id)
	buf.WriteString(`,"result":`)
	if err := json.NewEncoder(&buf).Encode(v); err != nil { // as json.Marshal, and a newline
		return nil, err
	}
	line := buf.Bytes()
	return append(line[:len(line)-1], '}', '\n'), nil
}

// toolResultLine writes the answer line of the results tools return most:
// text content only, and structured content that is nil or JSON already
// encoded (rawjson.Compact), by hand, byte for byte as encoding/json writes
// toolResultValue's value (TestToolResultLine holds it to that). It
// reports false for any other shape.
func toolResultLine(r *mcp.CallToolResult, id json.RawMessage) ([]byte, bool) {
	if r.Meta != nil || len(r.InputRequests) > 0 || r.RequestState != "" || len(r.RawStructuredContent) > 0 {
		return nil, false
	}
	var structured rawjson.Compact
	switch v := r.StructuredContent.(type) {
	case nil:
	case rawjson.Compact:
		if len(v) == 0 {
			return nil, false
		}
		structured = v
	default:
		return nil, false
	}
	size := len(id) + len(structured) + 128
	for _, c := range r.Content {
		t, ok := c.(mcp.TextContent)
		if !ok || t.Annotations != nil || t.Meta != nil {
			return nil, false
		}
		size += len(t.Type) + len(t.Text) + len(t.Text)/8 + 32 // room for some escapes
	}
	b := make([]byte, 0, size)
	b = append(b, `{"jsonrpc":"2.0","id":`...)
	b = append(b, id...)
	b = append(b, `,"result":{"content":[`...)
	for i, c := range r.Content {
		t := c.(mcp.TextContent)
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"type":`...)
		b = rawjson.AppendString(b, t.Type)
		b = append(b, `,"text":`...)
		b = rawjson.AppendString(b, t.Text)
		b = append(b, '}')
	}
	b = append(b, ']')
	if r.IsError {
		b = append(b, `,"isError":true`...)
	}
	if r.ResultType != "" {
		b = append(b, `,"resultType":`...)
		b = rawjson.AppendString(b, string(r.ResultType))
	}
	if structured != nil {
		b = append(b, `,"structuredContent":`...)
		b = append(b, structured...)
	}
	return append(b, '}', '}', '\n'), true
}

// toolResult is a tool call's result as the MCP schema lays it out
// (CallToolResult: content, isError, structuredContent, resultType), with
// its members in the order encoding/json gives a map's keys. Encoding this
// struct costs a fraction of mcp-go's MarshalJSON, which builds and sorts
// a map on every call; results carrying anything else (_meta, multi
// round-trip input requests) go through mcp-go's own encoding.
// TestToolResultJSON holds the two to the same JSON.
type toolResult struct {
	Content           []mcp.Content  `json:"content"`
	IsError           bool           `json:"isError,omitempty"`
	ResultType        mcp.ResultType `json:"resultType,omitempty"`
	StructuredContent any            `json:"structuredContent,omitempty"`
}

// toolResultValue is what encodes a tool call's result: a toolResult, or
// r itself when it carries more.
func toolResultValue(r *mcp.CallToolResult) any {
	if r.Meta != nil || len(r.InputRequests) > 0 || r.RequestState != "" {
		return r
	}
	t := toolResult{Content: r.Content, IsError: r.IsError, ResultType: r.ResultType, StructuredContent: r.StructuredContent}
	if t.Content == nil {
		t.Content = []mcp.Content{} // always an array
	}
	if len(r.RawStructuredContent) > 0 {
		t.StructuredContent = r.RawStructuredContent
	}
	return t
}

// answer writes line as c's answer, once, unless c is done (answered, or
// cancelled by the client). c stops counting as pending only once the line
// is queued, so that waiting for no call pending also waits for the answers
// to reach the writer.
func (s *Server) answer(c *call, line []byte, flush bool) {
	s.mu.Lock()
	if c.done {
		s.mu.Unlock()
		return
	}
	s.finishLocked(c)
	s.mu.Unlock()
	s.w.send(line, flush)
	s.mu.Lock()
	s.donePendingLocked()
	s.mu.Unlock()
}

// finishLocked marks c done and forgets it; it is still pending.
func (s *Server) finishLocked(c *call) {
	c.done = true
	if c.inQueue {
		c.inQueue = false
		s.queuedBytes -= len(c.msg)
	}
	list := s.calls[c.key]
	for i, x := range list {
		if x == c {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(s.calls, c.key)
	} else {
		s.calls[c.key] = list
	}
}

// donePendingLocked counts a finished call out of the pending ones.
func (s *Server) donePendingLocked() {
	s.pending--
	if s.pending == 0 {
		select {
		case s.idle <- struct{}{}:
		default:
		}
	}
}

// cancelByClient handles notifications/cancelled: the calls with that id
// are cancelled and will not be answered (MCP 2025-11-25, Cancellation:
// the receiver should not send a response for the cancelled request).
func (s *Server) cancelByClient(key string) {
	s.mu.Lock()
	list := append([]*call(nil), s.calls[key]...)
	for _, c := range list {
		s.finishLocked(c)
		s.donePendingLocked()
	}
	s.mu.Unlock()
	for _, c := range list {
		c.cancel()
	}
}

// waitIdle waits until no request is pending, or either channel fires;
// it reports whether none is pending.
func (s *Server) waitIdle(limit <-chan time.Time, stop <-chan struct{}) bool {
	for {
		if s.Pending() == 0 {
			return true
		}
		select {
		case <-s.idle:
		case <-limit:
			return s.Pending() == 0
		case <-stop:
			return s.Pending() == 0
		case <-s.w.broken:
			return s.Pending() == 0
		}
	}
}

// stop ends serving: nothing more is read or started, the calls not
// started are answered "server is stopping", the running ones get the
// grace period, are then cancelled, and whatever has not answered after
// CancelWait more is answered "server is stopping".
func (s *Server) stop() {
	s.mu.Lock()
	s.stopping = true
	waiting := s.queue
	s.queue = nil
	s.mu.Unlock()
	for _, c := range waiting {
		if c != nil {
			s.answer(c, stoppingLine(c), true)
			c.cancel()
		}
	}
	if s.waitIdle(time.After(s.opts.Grace), nil) {
		return
	}
	for _, c := range s.pendingCalls() {
		c.cancel()
	}
	if s.waitIdle(time.After(s.opts.CancelWait), nil) {
		return
	}
	for _, c := range s.pendingCalls() {
		s.log.Warn().RawJSON("id", c.id).Msg("a call did not end when cancelled: answered as stopped")
		s.answer(c, stoppingLine(c), true)
	}
}

func stoppingLine(c *call) []byte {
	return errorLine(c.id, codeStopping, "Server is stopping: the call was not run; send it again to a new server")
}

func (s *Server) pendingCalls() []*call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*call
	for _, list := range s.calls {
		out = append(out, list...)
	}
	return out
}

// forwardNotifications writes what mcp-go sends through the session's
// notification channel (SendNotificationToClient, log messages). Unlike
// WriteMessage it gives no ordering against a call's result: mcp-go's
// channel is drained here, apart from the call.
func (s *Server) forwardNotifications(done <-chan struct{}) {
	for {
		select {
		case n := <-s.sess.notifications:
			s.writeNotification(n)
		case <-done:
			return
		}
	}
}

func (s *Server) writeNotification(n mcp.JSONRPCNotification) {
	b, err := json.Marshal(n)
	if err != nil {
		s.log.Error().Err(err).Msg("a notification could not be encoded")
		return
	}
	s.w.send(append(b, '\n'), true)
}
