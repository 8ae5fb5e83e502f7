package cli

import (
	"bytes"
	"io"
	"sync"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// lineRedactor writes whole lines through the redactor, so that a command's
// output shows no token it resolved (nor a run of 8 of its characters),
// whatever a Notion answer or a config file put in it. A token has no line
// break, so it is never split between two writes; the last partial line is
// written by Flush. Safe for concurrent use.
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
	i := bytes.LastIndexByte(l.buf, '\n')
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
