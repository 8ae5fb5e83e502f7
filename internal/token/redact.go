package token

import (
	"bytes"
	"io"
	"regexp"
	"sort"
	"sync"
)

// minRedactLen is the shortest secret the Redactor replaces: replacing every
// occurrence of a very short string would mangle logs without protecting much.
const minRedactLen = 8

// Redactor replaces known secrets by their fingerprints. It is a last line of
// defence for log streams; code must still never log a token. The zero value
// is ready to use and all methods are safe for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	secrets []secretFP // longest first, so a secret containing another wins
}

type secretFP struct {
	secret, fp []byte
}

// Add registers secret (ignored if shorter than 8 bytes or already known).
func (r *Redactor) Add(secret string) {
	if len(secret) < minRedactLen {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if string(s.secret) == secret {
			return
		}
	}
	r.secrets = append(r.secrets, secretFP{secret: []byte(secret), fp: []byte(Fingerprint(secret))})
	sort.SliceStable(r.secrets, func(i, j int) bool { return len(r.secrets[i].secret) > len(r.secrets[j].secret) })
}

// AddToken registers a token's cleaned value.
func (r *Redactor) AddToken(t *Token) {
	if t != nil {
		r.Add(t.Value())
	}
}

// Redact returns b with every registered secret replaced by its fingerprint.
// It returns b itself when there is nothing to replace.
func (r *Redactor) Redact(b []byte) []byte {
	r.mu.RLock()
	for _, s := range r.secrets {
		if bytes.Contains(b, s.secret) {
			b = bytes.ReplaceAll(b, s.secret, s.fp)
		}
	}
	r.mu.RUnlock()
	// A safety net for tokens the server never resolved (pasted into an
	// argument, say): anything shaped like a Notion token is masked too.
	if bytes.Contains(b, []byte("ntn_")) || bytes.Contains(b, []byte("secret_")) {
		b = tokenRun.ReplaceAllFunc(b, func(m []byte) []byte { return []byte(Fingerprint(string(m))) })
	}
	return b
}

// tokenRun matches a run shaped like a Notion token: a known prefix and at
// least 20 more token characters.
var tokenRun = regexp.MustCompile(`(?:ntn_|secret_)[A-Za-z0-9]{20,}`)

// Writer wraps w so that everything written is redacted first. Each Write is
// redacted on its own: zerolog and the log package write whole lines, so a
// secret is never split across two writes by them.
func (r *Redactor) Writer(w io.Writer) io.Writer {
	return &redactWriter{r: r, w: w}
}

type redactWriter struct {
	r *Redactor
	w io.Writer
}

// Write redacts p and writes it; it reports len(p) on success because callers
// count the bytes they passed, not the bytes after replacement.
func (rw *redactWriter) Write(p []byte) (int, error) {
	out := rw.r.Redact(p)
	if _, err := rw.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
