package transport

import (
	"bufio"
	"io"
	"sync"
)

// writer is the connection's one writer: each line is written whole, in
// the order the calls to send are made, so a notification a call sends
// before returning precedes its result. The reading goroutine's answers are
// buffered and flushed when it is about to wait for input, so a burst of
// pipelined calls is answered in few large writes; every other line is
// flushed at once.
type writer struct {
	mu     sync.Mutex
	out    *bufio.Writer
	err    error
	closed bool
	broken chan struct{} // closed at the first write error
}

func newWriter(out io.Writer) *writer {
	return &writer{out: bufio.NewWriterSize(out, 64<<10), broken: make(chan struct{})}
}

// send writes one complete line (ending in a newline), flushing it unless
// flush is false. It reports false once the writer is closed or broken. It
// blocks while the client is not reading.
func (w *writer) send(line []byte, flush bool) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.err != nil {
		return false
	}
	if _, err := w.out.Write(line); err != nil {
		w.failLocked(err)
		return false
	}
	if flush {
		return w.flushLocked()
	}
	return true
}

// flush writes what is buffered.
func (w *writer) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.flushLocked()
}

func (w *writer) flushLocked() bool {
	if w.err != nil || w.closed || w.out.Buffered() == 0 {
		return w.err == nil
	}
	if err := w.out.Flush(); err != nil {
		w.failLocked(err)
		return false
	}
	return true
}

func (w *writer) failLocked(err error) {
	w.err = err
	close(w.broken)
}

// close flushes and stops: lines sent later are dropped. It returns the
// first write error.
func (w *writer) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.flushLocked()
	w.closed = true
	return w.err
}
