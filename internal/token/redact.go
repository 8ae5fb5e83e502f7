package token

import (
	"bytes"
	"container/list"
	"encoding/binary"
	"io"
	"regexp"
	"strings"
	"sync"
)

// minRedactLen is the shortest secret the Redactor replaces, and the
// shortest run of a secret it masks: replacing every occurrence of a very
// short string would mangle logs without protecting much.
const minRedactLen = 8

// MaxSecrets bounds how many secrets a Redactor remembers; beyond it the
// secret added (or refreshed) longest ago is forgotten. Sessions refresh a
// token on every call that resolves it, so a token in use is never the one
// forgotten.
const MaxSecrets = 4096

// redacted replaces a run of a secret that is not a whole secret.
const redacted = "[redacted]"

// Redactor masks known secrets: a whole secret becomes its fingerprint, and
// any other run of 8 or more of its characters (half a token echoed in an
// error, a token glued to other text) becomes "[redacted]". It is the last
// line of defence for logs, tool results and command output; code must
// still never print a token. Add costs O(len(secret)) whatever the number of
// secrets, and Redact O(len(text)): every 8-byte window of every secret is
// kept in one hash set. The zero value is ready to use and all methods are
// safe for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	byValue map[string]*list.Element // secret → its place in lru
	lru     *list.List               // of string, most recently added first
	windows map[uint64]int32         // 8-byte window of any secret → how many secrets hold it
	starts  map[uint64][]string      // first 8 bytes → the secrets starting so
}

// Add registers secret (ignored if shorter than 8 bytes), or marks it
// recently used if already known.
func (r *Redactor) Add(secret string) {
	if len(secret) < minRedactLen {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byValue == nil {
		r.byValue, r.lru = map[string]*list.Element{}, list.New()
		r.windows, r.starts = map[uint64]int32{}, map[uint64][]string{}
	}
	if e, ok := r.byValue[secret]; ok {
		r.lru.MoveToFront(e)
		return
	}
	r.byValue[secret] = r.lru.PushFront(secret)
	for i := 0; i+minRedactLen <= len(secret); i++ {
		r.windows[window(secret, i)]++
	}
	k := window(secret, 0)
	r.starts[k] = append(r.starts[k], secret)
	if r.lru.Len() > MaxSecrets {
		r.forget(r.lru.Back())
	}
}

// forget removes the secret at e; r.mu is held.
func (r *Redactor) forget(e *list.Element) {
	secret := r.lru.Remove(e).(string)
	delete(r.byValue, secret)
	for i := 0; i+minRedactLen <= len(secret); i++ {
		k := window(secret, i)
		if r.windows[k]--; r.windows[k] <= 0 {
			delete(r.windows, k)
		}
	}
	k := window(secret, 0)
	s := r.starts[k]
	for i := range s {
		if s[i] == secret {
			s = append(s[:i], s[i+1:]...)
			break
		}
	}
	if len(s) == 0 {
		delete(r.starts, k)
	} else {
		r.starts[k] = s
	}
}

// Len reports how many secrets are remembered.
func (r *Redactor) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.lru == nil {
		return 0
	}
	return r.lru.Len()
}

func window[T string | []byte](s T, i int) uint64 {
	return binary.LittleEndian.Uint64([]byte(s[i : i+minRedactLen]))
}

// AddToken registers a token's cleaned value.
func (r *Redactor) AddToken(t *Token) {
	if t != nil {
		r.Add(t.Value())
	}
}

// Redact returns b with every registered secret replaced by its fingerprint
// and every other run of 8 or more of a secret's characters by
// "[redacted]". It returns b itself when there is nothing to replace.
func (r *Redactor) Redact(b []byte) []byte {
	r.mu.RLock()
	b = r.mask(b)
	r.mu.RUnlock()
	// A safety net for tokens the server never resolved (pasted into an
	// argument, say): anything shaped like a Notion token is masked too.
	if mentionsPrefix(b) {
		b = ShapedRun.ReplaceAllFunc(b, func(m []byte) []byte { return []byte(Fingerprint(string(m))) })
	}
	return b
}

// RedactString is Redact for a string. A string with nothing to mask is
// returned as it is, not copied again.
func (r *Redactor) RedactString(s string) string {
	r.mu.RLock()
	noSecret := len(r.windows) == 0 || len(s) < minRedactLen
	r.mu.RUnlock()
	if noSecret && !MentionsPrefix(s) {
		return s // nothing to mask, and no copy to find that out
	}
	b := []byte(s)
	out := r.Redact(b)
	if len(out) == len(b) && (len(b) == 0 || &out[0] == &b[0]) {
		return s // Redact returns its argument when it masks nothing
	}
	return string(out)
}

// mentionsPrefix is MentionsPrefix for bytes, without copying them.
func mentionsPrefix(b []byte) bool {
	for _, p := range Prefixes {
		if bytes.Contains(b, []byte(p)) {
			return true
		}
	}
	return false
}

// mask does Redact's work for the registered secrets; r.mu is held.
func (r *Redactor) mask(b []byte) []byte {
	if len(r.windows) == 0 || len(b) < minRedactLen {
		return b
	}
	first := -1
	for i := 0; i+minRedactLen <= len(b); i++ {
		if r.windows[window(b, i)] > 0 {
			first = i
			break
		}
	}
	if first < 0 {
		return b
	}
	// covered[i]: byte i lies in a window of some secret.
	covered := make([]bool, len(b))
	for i := first; i+minRedactLen <= len(b); i++ {
		if r.windows[window(b, i)] > 0 {
			for j := i; j < i+minRedactLen; j++ {
				covered[j] = true
			}
		}
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:first]...)
	for i := first; i < len(b); {
		if !covered[i] {
			out = append(out, b[i])
			i++
			continue
		}
		if s := r.wholeAt(b, i); s != "" {
			out = append(out, Fingerprint(s)...)
			i += len(s)
			continue
		}
		out = append(out, redacted...)
		for i < len(b) && covered[i] && r.wholeAt(b, i) == "" {
			i++
		}
	}
	return out
}

// wholeAt returns the longest registered secret starting at b[i:], if any.
func (r *Redactor) wholeAt(b []byte, i int) string {
	if i+minRedactLen > len(b) {
		return ""
	}
	best := ""
	for _, s := range r.starts[window(b, i)] {
		if len(s) > len(best) && bytes.HasPrefix(b[i:], []byte(s)) {
			best = s
		}
	}
	return best
}

// ShapedRun matches a run shaped like a Notion token: a known prefix and at
// least 20 more token characters.
var ShapedRun = regexp.MustCompile(`(?:` + strings.Join(Prefixes, "|") + `)[A-Za-z0-9]{20,}`)

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
