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

	mu       sync.Mutex
	info     mcp.Implementation
	caps     mcp.ClientCapabilities
	level    mcp.LoggingLevel
	protocol string
}

func newSession() *session {
	return &session{
		id:            "stdio-" + strconv.FormatInt(sessionIDs.Add(1), 10),
		notifications: make(chan mcp.JSONRPCNotification, 64),
		level:         mcp.LoggingLevelError,
	}
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

func (s *session) GetClientInfo() mcp.Implementation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.info
}

func (s *session) SetClientInfo(info mcp.Implementation) {
	s.mu.Lock()
	s.info = info
	s.mu.Unlock()
}

func (s *session) GetClientCapabilities() mcp.ClientCapabilities {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caps
}

func (s *session) SetClientCapabilities(caps mcp.ClientCapabilities) {
	s.mu.Lock()
	s.caps = caps
	s.mu.Unlock()
}

func (s *session) SetLogLevel(level mcp.LoggingLevel) {
	s.mu.Lock()
	s.level = level
	s.mu.Unlock()
}

func (s *session) GetLogLevel() mcp.LoggingLevel {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.level
}

// SetProtocolVersion is called by mcp-go with the version initialize
// negotiated.
func (s *session) SetProtocolVersion(v string) {
	s.mu.Lock()
	s.protocol = v
	s.mu.Unlock()
}

func (s *session) ProtocolVersion() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.protocol
}
