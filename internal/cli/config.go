package cli

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/logging"
	"github.com/notion-mcp/notion-mcp/internal/notion"
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
	if clock := a.Clock; clock != nil {
		cfg.Client = func(c notion.Config, tok *token.Token) (*notion.Client, error) {
			c.Clock = clock
			return notion.New(c, tok)
		}
	}
	rt := &runtime{log: log, close: func() { closer.Close() }}
	if r, err := a.testRate(); err != nil {
		closer.Close()
		return nil, fmt.Errorf("configuration: %w", err)
	} else if r > 0 {
		cfg.Rate, cfg.Burst = r, 1
	}
	if a.opts.demo {
		opts, err := a.sandboxOptions()
		if err != nil {
			closer.Close()
			return nil, fmt.Errorf("configuration: %w", err)
		}
		rt.sandbox = sandbox.New(opts)
		cfg.Transport = rt.sandbox.Transport()
		cfg.Sandbox = true
		cfg.DemoToken = sandbox.TokenDemo
		if opts.Latency == 0 {
			// The in-process sandbox answers at once: pacing it at Notion's
			// 3 requests/s would only make the demo slow. With a latency
			// asked for, it behaves like Notion, pacing included.
			cfg.Rate, cfg.Burst = 1e6, 1e6
		}
		cfg.BaseURL = ""
	}
	rt.sess, err = session.New(cfg)
	if err != nil {
		closer.Close()
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return rt, nil
}

// sandboxOptions reads two hidden variables that make the demo sandbox big
// and slow, for load and shutdown tests: NOTION_MCP_SANDBOX_DATABASES (extra
// generated shared databases, e.g. 3000) and NOTION_MCP_SANDBOX_LATENCY (a
// Go duration added to every sandbox answer, e.g. 50ms). They are read only
// in demo mode and are not part of the documented interface.
func (a *app) sandboxOptions() (sandbox.Options, error) {
	var o sandbox.Options
	if v := a.Getenv("NOTION_MCP_SANDBOX_DATABASES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 100000 {
			return o, fmt.Errorf("NOTION_MCP_SANDBOX_DATABASES=%q: want a count from 0 to 100000", v)
		}
		o.ExtraDatabases = n
	}
	if v := a.Getenv("NOTION_MCP_SANDBOX_LATENCY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > time.Minute {
			return o, fmt.Errorf("NOTION_MCP_SANDBOX_LATENCY=%q: want a duration from 0 to 1m, e.g. 50ms", v)
		}
		o.Latency = d
	}
	return o, nil
}

// testRate reads NOTION_MCP_TEST_RATE, a hidden knob for tests that run the
// CLI against a local fake Notion (--base-url on loopback): the requests per
// second to pace at instead of Notion's 3. It is honoured only when the base
// URL is a loopback address, so it can never make the server outpace the
// real API (README, configuration table). 0 means unset.
func (a *app) testRate() (float64, error) {
	v := a.Getenv("NOTION_MCP_TEST_RATE")
	if v == "" {
		return 0, nil
	}
	r, err := strconv.ParseFloat(v, 64)
	if err != nil || !(r > 0 && r <= 1e6) {
		return 0, fmt.Errorf("NOTION_MCP_TEST_RATE=%q: want requests per second, above 0 and at most 1000000", v)
	}
	if !loopbackURL(a.opts.baseURL) {
		return 0, nil
	}
	return r, nil
}

// loopbackURL reports whether raw is an http(s) URL whose host is localhost
// or a loopback IP address.
func loopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
