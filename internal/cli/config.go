package cli

import (
	"fmt"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/logging"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// runtime is what a command that talks to Notion needs: a logger whose
// output is redacted, and the session.
type runtime struct {
	log     zerolog.Logger
	sess    *session.Session
	sandbox *sandbox.Workspace // set in demo mode
	close   func()
}

// newRuntime builds the logger and session from the options. In demo mode
// the session talks to the in-process sandbox workspace with its demo token.
func (a *app) newRuntime() (*runtime, error) {
	red := &token.Redactor{}
	log, closer, err := logging.New(logging.Config{
		Level: a.opts.logLevel, Format: a.opts.logFormat, File: a.opts.logFile,
	}, a.Stderr, red.Writer)
	if err != nil {
		return nil, err
	}
	cfg := session.Config{
		BaseURL:    a.opts.baseURL,
		APIVersion: a.opts.notionVersion,
		Timeout:    a.opts.timeout,
		Getenv:     a.Getenv,
		Logger:     log,
		Redactor:   red,
	}
	rt := &runtime{log: log, close: func() { closer.Close() }}
	if a.opts.demo {
		rt.sandbox = sandbox.New(sandbox.Options{})
		cfg.Transport = rt.sandbox.Transport()
		cfg.Sandbox = true
		cfg.DemoToken = sandbox.TokenDemo
		cfg.BaseURL = ""
	}
	rt.sess, err = session.New(cfg)
	if err != nil {
		closer.Close()
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return rt, nil
}
