package cli

import (
	"bytes"
	"io"
	"sync"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// lineRedactor writes whole lines through the redactor, so that a command's
// output shows no token it resolved (nor a run of 8 of its characters),
// whatever a Notion answer or a config file put in it. A line ends at '\n'
// or '\r' (a redrawn progress line); a token has neither, so it is never
// split between two writes. The last partial line is written by Flush.
// Safe for concurrent use.
type lineRedactor struct {
	mu  sync.Mutex
	red *token.Redactor
	w   io.Writer
	buf []byte
}

// Write buffers p and writes out every complete line, redacted.
func (l *lineRedactor) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	i := bytes.LastIndexAny(l.buf, "\n\r")
	if i < 0 {
		return len(p), nil
	}
	if _, err := l.w.Write(l.red.Redact(l.buf[:i+1])); err != nil {
		return 0, err
	}
	l.buf = append(l.buf[:0], l.buf[i+1:]...)
	return len(p), nil
}

// Flush writes what is left, redacted.
func (l *lineRedactor) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) > 0 {
		_, _ = l.w.Write(l.red.Redact(l.buf))
		l.buf = nil
	}
}
