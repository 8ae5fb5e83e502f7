package transport

import (
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// sessionIDs numbers sessions: mcp-go refuses a second session with the
// same id, and tests run several loops in one process.
var sessionIDs atomic.Int64

// session is the one client of a stdio connection, as mcp-go sees it. It is
// this package's own rather than mcp-go's stdio session, which is a single
// process-wide value.
type session struct {
	id            string
	notifications chan mcp.JSONRPCNotification
	initialized   atomic.Bool

	info     guarded[mcp.Implementation]
	caps     guarded[mcp.ClientCapabilities]
	level    guarded[mcp.LoggingLevel]
	protocol guarded[string]
}

func newSession() *session {
	s := &session{
		id:            "stdio-" + strconv.FormatInt(sessionIDs.Add(1), 10),
		notifications: make(chan mcp.JSONRPCNotification, 64),
	}
	s.level.set(mcp.LoggingLevelError)
	return s
}

var (
	_ server.ClientSession              = (*session)(nil)
	_ server.SessionWithClientInfo      = (*session)(nil)
	_ server.SessionWithLogging         = (*session)(nil)
	_ server.SessionWithProtocolVersion = (*session)(nil)
)

func (s *session) SessionID() string { return s.id }

func (s *session) NotificationChannel() chan<- mcp.JSONRPCNotification { return s.notifications }

func (s *session) Initialize() { s.initialized.Store(true) }

func (s *session) Initialized() bool { return s.initialized.Load() }

func (s *session) GetClientInfo() mcp.Implementation { return s.info.get() }

func (s *session) SetClientInfo(info mcp.Implementation) { s.info.set(info) }

func (s *session) GetClientCapabilities() mcp.ClientCapabilities { return s.caps.get() }

func (s *session) SetClientCapabilities(caps mcp.ClientCapabilities) { s.caps.set(caps) }

func (s *session) SetLogLevel(level mcp.LoggingLevel) { s.level.set(level) }

func (s *session) GetLogLevel() mcp.LoggingLevel { return s.level.get() }

// SetProtocolVersion is called by mcp-go with the version initialize
// negotiated.
func (s *session) SetProtocolVersion(v string) { s.protocol.set(v) }

func (s *session) ProtocolVersion() string { return s.protocol.get() }

// guarded is a value that mcp-go reads and writes from any goroutine.
type guarded[T any] struct {
	mu sync.Mutex
	v  T
}

func (g *guarded[T]) get() T {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.v
}

func (g *guarded[T]) set(v T) {
	g.mu.Lock()
	g.v = v
	g.mu.Unlock()
}
