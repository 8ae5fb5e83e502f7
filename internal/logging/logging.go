// Package logging builds the server's zerolog logger. Logs never go to
// stdout, which carries JSON-RPC only: they go to stderr or a file.
package logging

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// Config says where and how to log.
type Config struct {
	Level  string // trace, debug, info, warn, error, disabled; default info
	Format string // json (default) or console
	File   string // path to append to instead of stderr
}

// New returns a logger writing to stderr (or cfg.File) through filter, which
// may be nil; filter is where secrets are redacted. The returned closer
// closes the log file, if any.
func New(cfg Config, stderr io.Writer, filter func(io.Writer) io.Writer) (zerolog.Logger, io.Closer, error) {
	level, err := parseLevel(cfg.Level)
	if err != nil {
		return zerolog.Nop(), nopCloser{}, err
	}
	var w io.Writer = stderr
	var closer io.Closer = nopCloser{}
	if cfg.File != "" {
		f, err := os.OpenFile(cfg.File, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return zerolog.Nop(), nopCloser{}, fmt.Errorf("open log file: %w", err)
		}
		w, closer = f, f
	}
	switch strings.ToLower(cfg.Format) {
	case "", "json":
	case "console":
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly, NoColor: true}
	default:
		closer.Close()
		return zerolog.Nop(), nopCloser{}, fmt.Errorf("unknown log format %q: use json or console", cfg.Format)
	}
	if filter != nil {
		w = filter(w)
	}
	return zerolog.New(w).Level(level).With().Timestamp().Logger(), closer, nil
}

// parseLevel reads a level name; empty means info.
func parseLevel(s string) (zerolog.Level, error) {
	if s == "" {
		return zerolog.InfoLevel, nil
	}
	l, err := zerolog.ParseLevel(strings.ToLower(s))
	if err != nil {
		return zerolog.InfoLevel, fmt.Errorf("unknown log level %q: use trace, debug, info, warn, error or disabled", s)
	}
	return l, nil
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// StdLogWriter adapts a zerolog logger for libraries that log through the
// standard log package (mcp-go's stdio server does).
type StdLogWriter struct{ Logger zerolog.Logger }

func (w StdLogWriter) Write(p []byte) (int, error) {
	w.Logger.Warn().Str("component", "mcp").Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}
